"""The shared screen on a projector: large type from the back of the room, a full-screen mode by
button and by the F key, and a layout that also holds on a small 1280x720 projector."""

from __future__ import annotations

from playwright.sync_api import expect

from . import a11y

FONT = "(selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize)"


def test_the_screen_reads_from_the_back_and_goes_full_screen(live_server, trainer_page, new_phone):
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=(1920, 1080))
    expect(screen.locator(".qr")).to_have_attribute("role", "img")
    assert screen.evaluate(FONT, "[data-joincode]") >= 80, "the join code is read from across the room"
    assert screen.evaluate(FONT, "#stage h1") >= 48

    phones = [new_phone() for _ in range(3)]  # three answers: enough to show a breakdown
    for phone in phones:
        phone.goto(session["join_url"])
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
    console.click("[data-action=start]")
    expect(screen.locator(".statement")).to_be_visible()
    assert screen.evaluate(FONT, ".statement") >= 48
    assert screen.evaluate(FONT, "[data-answered]") >= 28
    assert not a11y.reflow(screen)

    full = screen.locator("[data-fullscreen]")
    expect(full).to_have_attribute("aria-pressed", "false")
    full.click()
    expect(full).to_have_attribute("aria-pressed", "true")
    assert screen.evaluate("document.fullscreenElement === document.documentElement")
    screen.keyboard.press("f")
    expect(full).to_have_attribute("aria-pressed", "false")
    assert screen.evaluate("document.fullscreenElement") is None
    screen.keyboard.press("f")
    expect(full).to_have_attribute("aria-pressed", "true")

    screen.set_viewport_size({"width": 1280, "height": 720})  # a small projector
    assert not a11y.reflow(screen)
    for phone, choice in zip(phones, ["agree", "agree", "disagree"], strict=True):
        phone.click(f"button.choice.{choice}")
    expect(screen.locator("[data-answered]")).to_have_text("3 van 3 hebben geantwoord")
    console.click("[data-action=reveal]")
    expect(screen.locator('[data-count="agree"]')).to_have_text("2")
    assert screen.evaluate("document.scrollingElement.scrollHeight") <= 720 + 1
