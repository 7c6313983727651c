"""Accessibility checks a browser test runs on a page: axe-core, reflow at phone sizes and at 200 %
zoom, clipped text, touch targets, motion. Each returns a list of problems a person would notice
(empty when all is well), so a test can gather them over many views and assert once."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# width x height in CSS pixels: the smallest phone in use, a common one, a large one, both turned
PHONE_VIEWS = {"320 px": (320, 568), "360 px": (360, 740), "large": (430, 932),
               "landscape": (740, 360), "large landscape": (932, 430)}
PHONE = PHONE_VIEWS["360 px"]
TARGET = 44  # px, WCAG 2.5.5


def axe(page) -> list[str]:
    """Serious and critical axe-core violations. Injected through the DevTools protocol, so the
    page keeps its Content-Security-Policy."""
    assert AXE.exists(), "axe-core is missing: make test runs npm install"
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;void 0")
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id}: ${v.help} ` + v.nodes.slice(0, 3).map(n => n.html.slice(0, 140)).join(' | '))""")
    return found


_OVERFLOW = """() => {
  const problems = [];
  const skipped = ['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'svg', 'path', 'IFRAME', 'VIDEO'];
  const name = el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
  const width = window.innerWidth;
  const scroll = document.scrollingElement.scrollWidth;
  if (scroll > width) {
    const wide = [...document.querySelectorAll('body *')].filter(el => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 1 && !el.closest('.sr-only, .visually-hidden');
    }).slice(-3).map(name);
    problems.push(`scrolls sideways: ${scroll} px content in ${width} px (${wide.join(', ')})`);
  }
  for (const el of document.querySelectorAll('body *')) {
    if (skipped.includes(el.tagName)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.clientWidth <= 1) continue;
    const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
    if (clips && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()) {
      problems.push(`clips text: ${name(el)} "${el.textContent.trim().slice(0, 40)}"`);
    }
  }
  return problems;
}"""


def reflow(page) -> list[str]:
    """Sideways scrolling and text cut off, at the page's current size."""
    return page.evaluate(_OVERFLOW)


def phone_views(page, where: str) -> list[str]:
    """Reflow at every phone size, portrait and landscape, and at 200 % zoom (half the width of a
    360 px phone: the layout a zoomed page gets); the page ends at 360 x 740 again."""
    problems = []
    for name, (width, height) in {**PHONE_VIEWS, "200 % zoom": (PHONE[0] // 2, PHONE[1] // 2)}.items():
        page.set_viewport_size({"width": width, "height": height})
        problems += [f"{where}, {name}: {p}" for p in reflow(page)]
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    return problems


_TARGETS = """(size) => {
  const small = [];
  const visible = el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
  const controls = 'button, a.button, [role=button], input:not([type=hidden]), select, textarea, summary, '
    + 'header a, nav a';
  for (const el of document.querySelectorAll(controls)) {
    let box = el;
    const style = getComputedStyle(el);
    if (el.type === 'checkbox' || el.type === 'radio' || style.opacity === '0') {
      box = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
    }
    if (!visible(box) || el.disabled) continue;
    const r = box.getBoundingClientRect();
    if (r.width < size - 0.5 || r.height < size - 0.5) {
      const name = (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '').trim();
      const size = `${Math.round(r.width)}x${Math.round(r.height)} px`;
      small.push(`${el.tagName.toLowerCase()} "${name.slice(0, 30)}" is ${size}`);
    }
  }
  return small;
}"""


def small_targets(page, where: str) -> list[str]:
    """Buttons, link-buttons, fields and their labels smaller than 44 x 44 px."""
    return [f"{where}: {p}" for p in page.evaluate(_TARGETS, TARGET)]


_MOTION = """() => {
  const moving = [];
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      const seconds = v => Math.max(...v.split(',').map(parseFloat));
      if ((s.animationName !== 'none' && seconds(s.animationDuration) > 0.01)
          || seconds(s.transitionDuration) > 0.01 || s.scrollBehavior === 'smooth') {
        moving.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + (pseudo || ''));
      }
    }
  }
  return moving;
}"""


def motion(page) -> list[str]:
    """Elements that still animate, transition or scroll smoothly."""
    return page.evaluate(_MOTION)


def tab_to(page, selector: str, presses: int = 25) -> int:
    """Press Tab until the element matching selector has the focus (the keyboard alone); return
    how many presses it took."""
    for pressed in range(presses):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return pressed
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")
