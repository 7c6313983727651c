"""The walking skeleton in a real browser: console, shared screen and three phones."""

import re

import segno
from playwright.sync_api import expect


def test_trainer_runs_a_statement_round_with_three_phones(live_server, trainer_page, new_phone,
                                                          screenshot):
    console = trainer_page()
    console.check("input[value=stellingen-veilig-werken]")
    console.fill("#team", "Team Publiekszaken")
    console.click("#create-session")
    console.wait_for_url(re.compile(r".*/w/\d+/console"))
    join_url = console.locator(".console-links code").inner_text()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/j/[3-9A-Y]{{6}}", join_url)

    with console.expect_popup() as popup:
        console.click("[data-open-screen]")
    screen = popup.value
    screen.set_viewport_size({"width": 1920, "height": 1080})
    expect(screen.locator("[data-conn]")).to_have_text(re.compile("verbonden"))
    qr_expected = segno.make(join_url, error="m").svg_inline(scale=10, border=2, dark="#111",
                                                             light="#fff", omitsize=True)
    assert screen.locator(".qr svg path.qrline").get_attribute("d") in qr_expected

    phones = []
    for _ in range(3):
        phone = new_phone()
        phone.goto(join_url)
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
        phones.append(phone)
    expect(screen.locator("[data-joined]")).to_have_text("3 personen doen mee")
    screenshot(screen, "statements-screen-waiting")

    console.click("[data-action=start]")
    for phone in phones:
        expect(phone.locator(".statement")).to_contain_text("Een klant die tegen mij scheldt")
    for phone, choice in zip(phones, ["disagree", "disagree", "agree"], strict=True):
        phone.click(f"button.choice.{choice}")
        expect(phone.locator(f"button.choice.{choice}")).to_have_attribute("aria-pressed", "true")
    screenshot(phones[0], "statements-phone-voted")

    expect(screen.locator("[data-answered]")).to_have_text("3 van 3 hebben geantwoord")
    expect(screen.locator("[data-count]")).to_have_count(0)  # hidden until the reveal
    console.click("[data-action=reveal]")
    expect(screen.locator('[data-count="agree"]')).to_have_text("1")
    expect(screen.locator('[data-count="disagree"]')).to_have_text("2")
    expect(screen.locator("[data-policy-share]")).to_contain_text("67%")
    expect(phones[0].locator('[data-count="disagree"]')).to_have_text("2")
    screenshot(screen, "statements-screen-revealed")
    screenshot(console, "statements-console")

    console.keyboard.press("n")  # keyboard shortcut: next step
    expect(phones[1].locator(".statement")).to_contain_text("zonder lichamelijk geweld")
