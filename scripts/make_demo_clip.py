"""Make the short demo film clip that ships with the scenario "stellingen-met-filmfragment".

The clip is drawn on a canvas and recorded as WebM (VP8) by Debian's chromium through Playwright,
so the project needs no video tools and the clip is ours. Run it again to remake the clip:

    .venv/bin/python scripts/make_demo_clip.py scenarios/media/balie-fragment.webm
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

RECORD = """
async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 320; canvas.height = 180;
  document.body.appendChild(canvas);
  const g = canvas.getContext("2d");
  const scenes = [
    ["#1d4ed8", "Balie, 16:45", "Een bezoeker wacht al een uur."],
    ["#b45309", "Zijn stem wordt luider", "Hij slaat op de balie."],
    ["#047857", "Wat doe jij?", "Neem stelling op je telefoon."],
  ];
  const stream = canvas.captureStream(10);
  const recorder = new MediaRecorder(stream, {mimeType: "video/webm;codecs=vp8",
                                              videoBitsPerSecond: 120000});
  const parts = [];
  recorder.ondataavailable = (event) => parts.push(event.data);
  const done = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  for (let frame = 0; frame < 45; frame++) {  // 4.5 seconds at 10 frames a second
    const [colour, title, line] = scenes[Math.floor(frame / 15)];
    g.fillStyle = colour; g.fillRect(0, 0, 320, 180);
    g.fillStyle = "#ffffff"; g.font = "bold 22px sans-serif"; g.fillText(title, 16, 70);
    g.font = "16px sans-serif"; g.fillText(line, 16, 104);
    g.fillRect(16, 150, (frame % 15 + 1) * 19, 6);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(parts, {type: "video/webm"}).arrayBuffer());
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}
"""


def make(target: Path, browser_path: str = "/usr/bin/chromium") -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path)
        page = browser.new_page()
        page.set_content("<!doctype html><title>clip</title><body></body>")
        data = base64.b64decode(page.evaluate(RECORD))
        browser.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return len(data)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "scenarios/media/balie-fragment.webm")
    print(f"{out}: {make(out)} bytes")
