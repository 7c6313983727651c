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

    expect(console.locator("button.primary")).to_have_count(1)
    expect(console.locator("[data-action=close]")).to_have_class("primary")  # answers are in
    console.click("[data-action=close]")
    expect(phones[0].locator("[data-quest-profile] h1")).to_have_text("Jouw eigen profiel")
    expect(console.locator("[data-action=reveal]")).to_have_class("primary")
    expect(phones[0].locator(".quest-attention").first).to_be_visible()
    console.click("[data-action=reveal]")
    expect(screen.locator("[data-candidate]").first).to_be_visible()
    # 'nooit' + 'soms' = 2 of 3 on every statement: every statement is a candidate
    expect(screen.locator("[data-candidate]")).to_have_count(28)
    screenshot(screen, "questionnaire-screen-revealed")

    expect(console.locator("button.primary")).to_have_count(1)  # choose a team learning goal
    expect(console.locator("form[data-control=goal] button.primary")).to_have_count(1)
    form = console.locator("form[data-control=goal]").first
    form.locator("input[name=owner]").fill("Teamleider")
    form.locator("input[name=due]").fill("2027-03-01")
    form.locator("button").click()
    expect(console.locator(".quest-pick .saved").first).to_contain_text("In het teamplan")
    expect(screen.locator("[data-candidate] strong").first).to_contain_text("teamleerdoel")
    screenshot(console, "questionnaire-console")

    expect(phones[0].locator("[data-statement]").first).to_be_visible()  # the team result too
    expect(console.locator("button.primary")).to_have_count(1)  # one obvious action: next
    console.click("[data-action=next]")  # the personal learning goal
    phone = phones[0]
    expect(phone.locator("#quest-goal")).to_be_visible()
    phone.fill("#quest-goal", "Ik wil leren eerder een grens te stellen.")
    with phone.expect_download() as caught:
        phone.click("[data-quest-download]")
    text = open(caught.value.path(), encoding="utf-8").read()
    assert caught.value.suggested_filename == "mijn-leerdoel.md"
    assert "Ik wil leren eerder een grens te stellen." in text
    assert "### Risico-inschatting" in text and "**nooit**" in text
    # the server lays the PDF out in a child process (off gevent's loop): seconds on a busy machine
    with phone.expect_download(timeout=30_000) as caught:
        phone.click("[data-quest-pdf]")
    assert caught.value.suggested_filename.startswith("mijn-leerdoel-")
    assert caught.value.suggested_filename.endswith(".pdf")
    assert open(caught.value.path(), "rb").read(5) == b"%PDF-"
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, "questionnaire-phone-goal")
    # sharing is opt-in: ticked and sent, then only the console shows it
    phone.check("input[name=share]")
    phone.fill("#quest-share-name", "Anna")
    phone.click(".quest-share button")
    expect(phone.locator(".saved")).to_contain_text("De trainer kan je leerdoel zien")
    expect(console.locator("[data-shared-goals]")).to_contain_text("eerder een grens te stellen")
    expect(screen.get_by_text("eerder een grens te stellen")).to_have_count(0)
    screenshot(phone, "questionnaire-phone-goal-shared")
    screenshot(console, "questionnaire-console-goal")


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


def _seed(live_server, sql: str, *params) -> None:
    """Change the live server's database directly (what a run months ago would have left)."""
    import sqlite3

    with sqlite3.connect(live_server.folder / "db.sqlite") as db:
        db.execute(sql, params)


def test_the_1_measurement_compares_with_the_0_measurement_on_the_screen(
        live_server, trainer_page, new_phone, screenshot):
    import json

    team = "Team Meting Browser"
    zero = live_server.create_session("meting-veilig-werken-nulmeting", team=team)
    one = live_server.create_session("meting-veilig-werken-eenmeting", team=team)
    zero_id, one_id = (int(s["console_url"].split("/w/")[1].split("/")[0]) for s in (zero, one))
    tally = {"measurement": {"id": "veilig-werken", "phase": "0", "minimum": 2},
             "respondents": 20, "scale": ["helemaal mee eens", "mee eens", "mee oneens",
                                          "helemaal mee oneens"],
             "rows": [[key, text, counts] for key, text, counts in (
                 ("0.0", "Hoe vaak kreeg je te maken met verbale agressie (schelden, schreeuwen, "
                  "beledigen)?", [4, 6, 6, 4]),
                 ("0.1", "Hoe vaak werd je bedreigd of geïntimideerd?", [10, 6, 3, 1]),
                 ("0.2", "Hoe vaak kreeg je te maken met fysiek geweld (duwen, slaan, schoppen, "
                  "spugen)?", [17, 2, 1, 0]),
                 ("1.0", "Ik voel me veilig in mijn werk.", [5, 7, 6, 2]),
                 ("1.1", "Mijn leidinggevende steunt me als ik een grens stel aan agressie.",
                  [3, 9, 6, 2]),
                 ("1.2", "Na een incident heeft mijn leidinggevende aandacht voor nazorg, ook in "
                  "de weken erna.", [2, 5, 9, 4]),
                 ("2.0", "Ken je het beleid van onze organisatie over agressie en geweld?",
                  [9, 11]),
                 ("2.1", "Weet je waar en hoe je een incident meldt?", [12, 8]))],
             "options": {**dict.fromkeys(("0.0", "0.1", "0.2"), [
                 "nooit", "1 keer", "2 tot 5 keer", "vaker dan 5 keer"]),
                 "2.0": ["ja", "nee"], "2.1": ["ja", "nee"]}}
    _seed(live_server, "UPDATE activities SET state = ? WHERE workshop_id = ?",
          json.dumps({"tally": tally}), zero_id)
    _seed(live_server, "UPDATE workshops SET status = 'ended', started_at = '2026-03-01 "
          "09:00:00.000000' WHERE id = ?", zero_id)
    # three phones here: the minimum of this run lowered to 2 (the scenario's is 15)
    _seed(live_server, "UPDATE activities SET config = json_set(config, '$.measurement.minimum', "
          "2) WHERE workshop_id = ?", one_id)
    console = trainer_page(one["console_url"])
    screen = trainer_page(one["screen_url"], viewport=(1920, 1080))
    phones = []
    for _ in range(3):
        phone = new_phone()
        phone.set_viewport_size(PHONE)
        phone.goto(one["join_url"])
        phone.click("#join")
        phones.append(phone)
    console.click("[data-action=start]")
    for number, phone in enumerate(phones):
        expect(phone.locator("[data-progress]")).to_have_text("Onderdeel 1 van 4")
        for group in phone.locator(".quest-statement .quest-options").all():
            group.locator("input").first.check()  # nooit / helemaal mee eens
        phone.click(".quest-form button.primary")
        expect(phone.locator("[data-progress]")).to_have_text("Onderdeel 2 van 4")  # not aspect 1 again
        for group in phone.locator(".quest-statement .quest-options").all():
            group.locator("input").nth(1).check()
        phone.click(".quest-form button.primary")
        expect(phone.locator("[data-progress]")).to_have_text("Onderdeel 3 van 4")
        for group in phone.locator(".quest-statement .quest-options").all():
            group.locator("input").first.check()  # ja
        if number == 0:
            screenshot(phone, "measurement-phone-yes-no")
        phone.click(".quest-form button.primary")
        expect(phone.locator("[data-progress]")).to_have_text("Onderdeel 4 van 4")
        phone.fill(".quest-open textarea", f"Vaker met z'n tweeën aan de balie ({number + 1})")
        if number == 0:
            screenshot(phone, "measurement-phone-open")
        phone.click(".quest-form button.primary")
        expect(phone.locator(".saved")).to_be_visible()
    expect(screen.locator("[data-comparison]")).to_have_count(0)
    expect(screen.get_by_text("Vaker met z'n tweeën")).to_have_count(0)  # not before the reveal
    console.click("[data-action=close]")
    console.click("[data-action=reveal]")
    expect(screen.locator("[data-comparison]")).to_be_visible()
    expect(screen.locator(".quest-legend")).to_contain_text("0-meting (n=20)")
    expect(screen.locator(".quest-legend")).to_contain_text("1-meting (n=3)")
    expect(screen.locator('[data-compare="0.0"] [data-side="0"]')).to_have_text(
        ["20% (4)", "30% (6)", "30% (6)", "20% (4)"])
    expect(screen.locator('[data-compare="0.0"] [data-side="1"]')).to_have_text(
        ["100% (3)", "0% (0)", "0% (0)", "0% (0)"])
    expect(screen.locator("[data-open] li")).to_have_count(3)
    # everything readable on one 1920x1080 screen, without scrolling
    screenshot(screen, "measurement-screen-comparison")
    bottom = screen.evaluate("document.querySelector('[data-comparison]').getBoundingClientRect()"
                             ".bottom")
    assert bottom <= 1080, bottom
