"""The phone as participants use it: the pages before the session reflow on every phone and at
200 % zoom, a new step is announced and moves nothing unexpected, motion stops for those who ask
the system for less, and the page is light enough for a room's weak Wi-Fi (figures in
test-artifacts/page-weight.json)."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from . import a11y
from .conftest import ARTIFACTS, PHONE

BUDGET = 64 * 1024  # bytes for a phone's first visit: join page, phone page, files, first snapshot


def _join(phone, session):
    phone.goto(session["join_url"])
    phone.click("#join")
    expect(phone.locator("#stage h1")).to_have_text("Welkom")


def test_the_pages_before_a_session_fit_every_phone(live_server, new_phone, screenshot):
    session = live_server.create_session("stellingen-veilig-werken")
    phone = new_phone()
    problems = []
    for where, url in (("landing", live_server.url + "/"), ("join", session["join_url"])):
        phone.goto(url)
        problems += a11y.phone_views(phone, where) + a11y.small_targets(phone, where)
        screenshot(phone, f"phone-{where}")
    phone.click("#join")
    expect(phone.locator("#stage h1")).to_have_text("Welkom")
    problems += a11y.phone_views(phone, "waiting") + a11y.small_targets(phone, "waiting")
    assert not problems, "\n".join(problems)


def test_a_new_step_is_announced_and_moves_nothing_unexpected(live_server, trainer_page, new_phone):
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    phone = new_phone()
    _join(phone, session)
    stage = phone.locator("#stage")
    expect(stage).to_have_attribute("aria-live", "polite")  # a screen reader reads each new step
    expect(phone.locator("[data-conn]")).to_have_attribute("role", "status")
    expect(phone.locator("[data-error]")).to_have_attribute("role", "alert")
    console.click("[data-action=start]")
    expect(phone.locator(".choices")).to_have_attribute("role", "group")
    expect(phone.locator(".choices")).to_have_attribute("aria-label", "Jouw standpunt")

    a11y.tab_to(phone, "button.choice.agree")
    phone.keyboard.press("Space")
    expect(phone.locator("button.choice.agree")).to_have_attribute("aria-pressed", "true")
    assert phone.evaluate("document.activeElement.matches('button.choice.agree')"), \
        "the answer re-drew the step and the keyboard lost its place"

    console.click("[data-action=next]")
    expect(phone.locator(".statement")).to_contain_text("zonder lichamelijk geweld")
    assert phone.evaluate("document.activeElement.id") == "stage", \
        "after a new step the keyboard should continue in the step, not at the top of the page"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.matches('button.choice.agree')")

    a11y.tab_to(phone, "[data-moment]")  # focus outside the step stays where it is, and so does the page
    scrolled = phone.evaluate("scrollY")
    console.click("[data-action=next]")
    expect(phone.locator(".statement")).to_contain_text("huisadres")
    assert phone.evaluate("document.activeElement.matches('[data-moment]')")
    assert phone.evaluate("scrollY") == scrolled


def test_reduced_motion_stops_all_movement(live_server, trainer_page, browser, js_errors):
    session = live_server.create_session("volledige-workshop")
    console = trainer_page(session["console_url"])
    context = browser.new_context(reduced_motion="reduce", **PHONE)
    try:
        phone = context.new_page()
        phone.on("pageerror", lambda error: js_errors.append(str(error)))
        _join(phone, session)
        console.click("[data-action=start]")
        expect(phone.locator(".statement")).to_be_visible()
        # any animation or transition, also one added later, is switched off
        probe = """() => { const el = document.createElement('div');
          el.style.transition = 'opacity 2s'; el.style.animation = 'spin 3s infinite';
          document.querySelector('#stage').append(el); const s = getComputedStyle(el);
          return [s.transitionDuration, s.animationName]; }"""
        assert phone.evaluate(probe) == ["0s", "none"]
        assert not a11y.motion(phone)
    finally:
        context.close()
    plain = trainer_page(session["screen_url"])  # without the wish, the same probe would move
    assert plain.evaluate(probe) == ["2s", "spin"]


def _weigh(browser, session, step_shown: str) -> dict:
    """Bytes received for a phone's first visit, from the join link to the first snapshot."""
    context = browser.new_context(**PHONE)
    try:
        phone = context.new_page()
        cdp = context.new_cdp_session(phone)
        cdp.send("Network.enable")
        urls, files, frames = {}, {}, []
        cdp.on("Network.responseReceived", lambda e: urls.update({e["requestId"]: e["response"]["url"]}))
        cdp.on("Network.loadingFinished",
               lambda e: files.update({e["requestId"]: e["encodedDataLength"]}))
        cdp.on("Network.webSocketFrameReceived",
               lambda e: frames.append(len(e["response"]["payloadData"].encode())))
        phone.goto(session["join_url"])
        phone.click("#join")
        expect(phone.locator(step_shown)).to_be_visible()
        # the step is in the page as served; wait until live.js has its first snapshot too
        phone.wait_for_function("() => Boolean(window.facilitator && window.facilitator.meta().step)")
        per_file = {}
        for request, size in files.items():
            name = urls.get(request, "?").split("/", 3)[-1].split("?")[0]
            per_file[name] = per_file.get(name, 0) + size
        return {"total": sum(files.values()) + sum(frames), "socket frames": sum(frames),
                "files": dict(sorted(per_file.items(), key=lambda item: -item[1]))}
    finally:
        context.close()


def test_the_phone_view_is_light(live_server, trainer_page, browser):
    weights = {}
    for scenario in ("stellingen-veilig-werken", "volledige-workshop"):
        session = live_server.create_session(scenario)
        trainer_page(session["console_url"]).click("[data-action=start]")
        weights[scenario] = _weigh(browser, session, ".statement")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-weight.json").write_text(json.dumps(weights, indent=2))
    for scenario, weight in weights.items():
        print(f"\n{scenario}: {weight['total'] / 1024:.1f} kB for the first visit")
        assert weight["total"] <= BUDGET, (scenario, weight)
    statements_only = weights["stellingen-veilig-werken"]["files"]
    assert not any("plugins/" in name for name in statements_only), \
        "a statements-only session should load no other work form's files"
