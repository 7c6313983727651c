"""The knowledge quiz in a real browser: the console, the shared screen and two teams of phones
playing three questions, the last an opinion question that earns half points."""

import re

from playwright.sync_api import expect

NAMES = ["Anouk", "Bram", "Chantal", "Dirk"]


def team_of(phone):
    return re.search(r"quiz-(red|blue)", phone.locator(".quiz-banner").get_attribute("class")).group(1)


def spokesperson(team):
    """The one phone of the team that shows the answer buttons, once every phone of the team says
    that the team may answer now (a phone still showing the step before has a status too)."""
    for phone in team:
        expect(phone.locator(".quiz-status.quiz-status-go")).to_be_visible()
    speaking = [phone for phone in team if phone.locator("button.quiz-choice").count()]
    assert len(speaking) == 1, f"{len(speaking)} phones of the team can answer"
    return speaking[0]


def test_two_teams_play_three_questions_on_their_phones(live_server, trainer_page, new_phone,
                                                        screenshot):
    session = live_server.create_session("kennisquiz-agressiebeleid", team="Team Burgerzaken")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=(1920, 1080))
    phones = []
    for name in NAMES:
        phone = new_phone()
        phone.goto(session["join_url"])
        phone.fill("#name", name)
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
        phones.append(phone)

    console.click("[data-action=start]")
    # The started step replaces the preview's form: fill in the one that stays.
    expect(console.locator("body")).to_have_attribute("data-status", "running")
    console.fill("#quiz-count", "2")
    console.click("form[data-control=divide] button")
    expect(screen.locator(".quiz-teamcard")).to_have_count(2)
    for phone in phones:
        expect(phone.locator(".quiz-banner")).to_contain_text(re.compile("Team (Rood|Blauw)"))
    teams = {"red": [], "blue": []}
    for phone in phones:
        teams[team_of(phone)].append(phone)
    assert [len(teams["red"]), len(teams["blue"])] == [2, 2]
    screenshot(phones[0], "quiz-phone-team")
    screenshot(screen, "quiz-screen-teams")

    # Question 1 (multiple choice, B is right): red has the turn and knows it.
    console.click("[data-action=next]")
    expect(screen.locator(".quiz-now")).to_contain_text("Team Rood")
    speaker = spokesperson(teams["red"])
    other = next(p for p in teams["red"] if p is not speaker)
    expect(other.locator(".quiz-status")).to_contain_text("woordvoerder")
    expect(teams["blue"][0].locator(".quiz-status")).to_contain_text("Team Rood is aan de beurt")
    screenshot(speaker, "quiz-phone-spokesperson")
    speaker.locator("button.quiz-choice").nth(1).click()
    expect(console.locator("[data-points=t1]")).to_have_text("2")
    console.click("[data-action=award]")
    expect(screen.locator(".quiz-right")).to_contain_text("Uitschelden, spugen, slaan en bedreigen")
    expect(screen.locator(".quiz-source")).to_contain_text("Veilige Publieke Taak")
    expect(screen.locator("[data-total=t1]")).to_have_text("2")
    expect(other.locator(".quiz-result")).to_contain_text("Jullie team krijgt 2 punten")

    # Question 2 (true/false, "onjuist" is right): blue answers wrong, red steals.
    console.click("[data-action=next]")
    expect(screen.locator(".quiz-now")).to_contain_text("Team Blauw")
    spokesperson(teams["blue"]).get_by_role("button", name="Juist", exact=True).click()
    expect(screen.locator(".quiz-now")).to_contain_text("Stelen")
    expect(console.locator(".quiz-now")).to_contain_text("Team Rood")
    stealer = spokesperson(teams["red"])  # the steal counts in the rotation (METHODS 2)
    assert stealer is not speaker, "the spokesperson rotates, steals included"
    stealer.get_by_role("button", name="Onjuist").click()
    expect(console.locator("[data-points=t1]")).to_have_text("1")
    console.click("[data-action=award]")
    expect(screen.locator("[data-total=t1]")).to_have_text("3")
    expect(screen.locator("[data-total=t2]")).to_have_text("0")
    screenshot(screen, "quiz-screen-after-steal")

    # Question 3 (opinion): red's new spokesperson answers, the teammate disagrees: half points.
    console.click("[data-action=next]")
    speaker2 = spokesperson(teams["red"])
    assert speaker2 is not stealer, "the spokesperson rotates: nobody speaks twice in a row"
    speaker2.locator("button.quiz-choice").first.click()
    teammate = next(p for p in teams["red"] if p is not speaker2)
    expect(teammate.locator("button.choice.disagree")).to_be_visible()
    screenshot(teammate, "quiz-phone-confirm")
    teammate.locator("button.choice.disagree").click()
    expect(teammate.locator("button.choice.disagree")).to_have_attribute("aria-pressed", "true")
    expect(console.locator(".quiz-round")).to_contain_text("1 oneens")
    expect(console.locator("[data-points=t1]")).to_have_text("1")
    screenshot(console, "quiz-console-opinion")
    console.click("[data-action=award]")
    expect(screen.locator("[data-total=t1]")).to_have_text("4")
    expect(screen.locator(".quiz-answers")).to_contain_text("1 oneens")
    expect(teammate.locator(".quiz-result")).to_contain_text("1 punt")
    screenshot(screen, "quiz-screen-opinion-half")
    screenshot(teammate, "quiz-phone-result")

    # The final score: the winner on the screen and on every phone.
    console.locator("[data-action=goto]").last.click()
    expect(screen.locator(".quiz-winner")).to_contain_text("Team Rood")
    expect(phones[0].locator(".quiz-winner")).to_contain_text("Team Rood")
    screenshot(screen, "quiz-screen-final")
    screenshot(phones[0], "quiz-phone-final")
