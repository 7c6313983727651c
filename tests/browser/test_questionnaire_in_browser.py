"""A leerdoelwijzer in a real browser: phones at 390x844 answer one aspect per screen, the trainer
closes and reveals, picks a team learning goal; a phone downloads its own profile and goal."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_leerdoelwijzer_on_three_phones(live_server, trainer_page, new_phone, screenshot):
    session = live_server.create_session("leerdoelwijzer-publiekszaken", team="Team Publiekszaken")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=(1920, 1080))
    phones = []
    for _ in range(3):
        phone = new_phone()
        phone.set_viewport_size(PHONE)
        phone.goto(session["join_url"])
        phone.click("#join")
        phones.append(phone)
    console.click("[data-action=start]")
    for phone in phones:
        expect(phone.locator("[data-progress]")).to_have_text("Onderdeel 1 van 5")
    screenshot(phones[0], "questionnaire-phone-part-1")
    # everyone: all five aspects; phone 0 answers 'nooit' everywhere, the others 'soms' / 'altijd'
    for phone, answer in zip(phones, ["nooit", "soms", "altijd"], strict=True):
        for part in range(1, 6):
            expect(phone.locator("[data-progress]")).to_have_text(f"Onderdeel {part} van 5")
            for radio in phone.locator(f".quest-statement input[value={answer}]").all():
                radio.check()
            phone.click(".quest-form button.primary")
        expect(phone.locator(".saved")).to_contain_text("Je antwoorden zijn opgeslagen")
    # back to part 2 and changed, while open
    phones[2].click("text=Wijzig onderdeel 2")
    expect(phones[2].locator("[data-progress]")).to_have_text("Onderdeel 2 van 5")
    expect(phones[2].locator(".quest-statement input[value=altijd]").first).to_be_checked()
    phones[2].locator(".quest-statement input[value=vaak]").first.check()
    phones[2].click(".quest-form button.primary")
    expect(phones[2].locator("[data-progress]")).to_have_text("Onderdeel 3 van 5")
    screenshot(screen, "questionnaire-screen-waiting")
    expect(screen.locator("[data-statement]")).to_have_count(0)

    console.click("[data-action=close]")
    expect(phones[0].locator("[data-quest-profile] h1")).to_have_text("Jouw eigen profiel")
    expect(phones[0].locator(".quest-attention").first).to_be_visible()
    console.click("[data-action=reveal]")
    expect(screen.locator("[data-candidate]").first).to_be_visible()
    # 'nooit' + 'soms' = 2 of 3 on every statement: every statement is a candidate
    expect(screen.locator("[data-candidate]")).to_have_count(28)
    screenshot(screen, "questionnaire-screen-revealed")

    form = console.locator("form[data-control=goal]").first
    form.locator("input[name=owner]").fill("Teamleider")
    form.locator("input[name=due]").fill("2027-03-01")
    form.locator("button").click()
    expect(console.locator(".quest-pick .saved").first).to_contain_text("In het teamplan")
    expect(screen.locator("[data-candidate] strong").first).to_contain_text("teamleerdoel")
    screenshot(console, "questionnaire-console")

    phone = phones[0]
    phone.fill("#quest-goal", "Ik wil leren eerder een grens te stellen.")
    expect(phone.locator("[data-statement]").first).to_be_visible()  # the team result too
    with phone.expect_download() as caught:
        phone.click("[data-quest-download]")
    text = open(caught.value.path(), encoding="utf-8").read()
    assert caught.value.suggested_filename == "mijn-leerdoel.md"
    assert "Ik wil leren eerder een grens te stellen." in text
    assert "### Risico-inschatting" in text and "**nooit**" in text
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, "questionnaire-phone-profile")


def test_the_development_matrix_heat_map_and_an_offer(live_server, trainer_page, new_phone,
                                                      screenshot):
    session = live_server.create_session("ontwikkelmatrix-veilige-publieke-dienstverlening",
                                         team="Team Wijkbeheer")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=(1920, 1080))
    phones = []
    for _ in range(3):
        phone = new_phone()
        phone.set_viewport_size(PHONE)
        phone.goto(session["join_url"])
        phone.click("#join")
        phones.append(phone)
    console.click("[data-action=start]")
    levels = ["bewust van", "ik weet hoe het moet", "ik kan het anderen leren"]
    for phone, level in zip(phones, levels, strict=True):
        for part in range(1, 7):
            expect(phone.locator("[data-progress]")).to_have_text(f"Onderdeel {part} van 6")
            for radio in phone.locator(f'.quest-statement input[value="{level}"]').all():
                radio.check()
            if part == 1 and phone is phones[0]:
                screenshot(phone, "matrix-phone-part-1")
            phone.click(".quest-form button.primary")
        expect(phone.locator(".saved")).to_be_visible()
    console.click("[data-action=close]")
    console.click("[data-action=reveal]")
    expect(screen.locator("[data-heat]")).to_be_visible()
    expect(screen.locator('[data-statement="0.0"] td')).to_have_text(["1", "0", "1", "0", "0", "1"])
    screenshot(screen, "matrix-screen-heat-map")

    console.click("[data-action=next]")  # the opt-in offer
    offering = phones[2]
    expect(offering.locator('input[name=topic][value="0.0"]')).to_be_checked()  # its own rating
    expect(phones[0].locator('input[name=topic][value="0.0"]')).not_to_be_checked()
    offering.fill("#quest-name", "Anna")
    offering.click(".quest-offer button.primary")
    expect(offering.locator(".saved")).to_contain_text("Je aanbod is opgeslagen")
    expect(offering.get_by_text("Met je naam, als je iets aanbiedt")).to_be_visible()
    screenshot(offering, "matrix-phone-offer")
    console.click("[data-action=reveal]")
    expect(screen.locator('[data-offer="0.0"] td')).to_have_text("1 collega")  # no name
    expect(console.locator('[data-offer="0.0"] td')).to_have_text("Anna")
    screenshot(screen, "matrix-screen-offers")
