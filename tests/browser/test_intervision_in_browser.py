"""One round of the roddelmethode in a real browser (chromium): cases in, dots, the contributor's
consent on their own phone, questions with one held back as advice in disguise, the gossip phase
with the contributor's back turned, the close with a take-away that stays on the phone and an
agreement for the team plan. Screenshots of the shared screen in every phase."""

import re

from playwright.sync_api import expect

SCREEN = (1920, 1080)


def join(phones, url):
    for phone in phones:
        phone.goto(url)
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
    return phones


def at(page, step):
    expect(page.locator(f".intervision-screen[data-step='{step}'], .intervision-phone[data-step='{step}'], "
                        f".intervision-console[data-step='{step}']")).to_have_count(1)


def write(phone, text):
    phone.fill("#iv-text", text)
    phone.click(".intervision-phone form[data-answer] button.primary")
    expect(phone.locator(".intervision-phone")).to_contain_text(text)


def test_a_roddelmethode_round_in_the_browser(live_server, trainer_page, new_phone, screenshot):
    session = live_server.create_session("intervisie-roddelmethode-melden", team="Team Wijkteam")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=SCREEN)
    contributor, *others = join([new_phone() for _ in range(4)], session["join_url"])

    console.click("[data-action=start]")
    at(screen, "cases")
    expect(contributor.locator("[data-confidential]")).to_be_visible()  # before anything is typed
    contributor.fill("#iv-title", "Bedreigd en het niet gemeld")
    contributor.fill("#iv-line", "Een man zei dat hij wist waar ik woon")
    contributor.click(".intervision-phone button.primary")
    expect(contributor.locator(".intervision-phone")).to_contain_text("Jouw casussen")
    others[0].fill("#iv-title", "Collega werd uitgescholden aan de telefoon")
    others[0].click(".intervision-phone button.primary")
    expect(screen.locator(".big-count")).to_contain_text("2 casussen")
    assert "Bedreigd" not in screen.inner_text(".intervision-screen")
    screenshot(screen, "intervision-screen-1-cases")
    screenshot(contributor, "intervision-phone-1-cases")

    console.click("[data-action=next]")
    at(screen, "choose")
    expect(screen.locator(".intervision-screen")).to_contain_text("Bedreigd en het niet gemeld")
    for phone in [contributor, *others]:
        phone.locator("label", has_text="Bedreigd").locator("input").check()
        phone.click(".intervision-phone button.primary")
        expect(phone.locator(".saved")).to_be_visible()
    console.click("[data-action=reveal]")
    expect(screen.locator(".bars")).to_contain_text("4")
    screenshot(screen, "intervision-screen-2-choose")

    console.click("[data-action=next]")
    at(screen, "consent")
    expect(screen.locator("[data-consent=waiting]")).to_be_visible()
    for phone in others:  # nobody else is asked, nor learns whose case it is
        expect(phone.locator("[data-token]")).to_have_count(0)
    contributor.click("button[data-phone-action=consent][data-consent=yes]")
    expect(screen.locator("[data-consent=yes]")).to_be_visible()
    screenshot(screen, "intervision-screen-3-consent")
    screenshot(contributor, "intervision-phone-3-consent")

    console.click("[data-action=next]")
    at(screen, "phase-tell")
    expect(contributor.locator("[data-contributor-view=tell]")).to_be_visible()
    screenshot(screen, "intervision-screen-4-tell")

    console.click("[data-action=next]")
    at(screen, "phase-questions")
    write(others[0], "Wat zei hij precies?")
    write(others[1], "Waarom heb je het niet gewoon gemeld?")
    write(others[2], "Wie wist ervan?")
    console.locator(".intervision-texts li", has_text="Waarom heb je").locator(
        "[data-action=hold]").click()
    expect(console.locator(".iv-held")).to_have_count(1)
    console.click("[data-action=reveal]")
    expect(screen.locator(".intervision-texts")).to_contain_text("Wat zei hij precies?")
    assert "Waarom heb je" not in screen.inner_text(".intervision-screen")
    contributor.locator(".intervision-texts li", has_text="Wie wist").locator(
        "[data-phone-action=pick]").click()
    expect(screen.locator(".intervision-texts .badge")).to_have_count(1)
    screenshot(screen, "intervision-screen-5-questions")
    screenshot(console, "intervision-console-5-questions")

    console.click("[data-action=next]")
    at(screen, "phase-gossip")
    expect(contributor.locator("[data-contributor-view=turn_back]")).to_be_visible()
    expect(contributor.locator("#iv-text")).to_have_count(0)
    console.click("[data-action=timer][data-do=start]")  # 15 minutes suggested
    expect(screen.locator("[data-clock] .countdown")).to_have_text(re.compile(r"^1[45]:\d\d$"))
    console.click("[data-action=timer][data-do=extend]")
    expect(screen.locator("[data-clock] .countdown")).to_have_text(re.compile(r"^1[67]:\d\d$"))
    write(others[1], "Misschien wilde hij zijn collega's niet belasten.")
    console.click("[data-action=reveal]")
    expect(screen.locator(".intervision-texts")).to_contain_text("niet belasten")
    screenshot(screen, "intervision-screen-6-gossip")
    screenshot(contributor, "intervision-phone-6-gossip")

    for step in ("phase-react", "phase-lessons", "close"):
        console.click("[data-action=next]")
        at(screen, step)
        screenshot(screen, f"intervision-screen-7-{step}")
    contributor.fill("#iv-takeaway", "Ik meld het de volgende keer dezelfde dag.")
    expect(others[0].locator("#iv-takeaway")).to_have_count(0)
    console.fill("#iv-decide-text", "Na een bedreiging melden we dezelfde dag; de teamleider belt terug")
    console.fill("#iv-decide-owner", "Teamleider")
    console.click("form[data-control=decide] button")
    expect(console.locator(".intervision-console .saved")).to_contain_text("1 besluit")
    contributor.reload()  # the take-away stays on the phone only
    expect(contributor.locator("#iv-takeaway")).to_have_value("Ik meld het de volgende keer dezelfde dag.")
    assert "Ik meld het" not in screen.inner_text(".intervision-screen")
    screenshot(contributor, "intervision-phone-8-close")
    screenshot(console, "intervision-console-8-close")


def test_a_5_stappen_round_in_the_browser(live_server, trainer_page, new_phone, screenshot):
    session = live_server.create_session("intervisie-vijf-stappen-grenzen-stellen")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=SCREEN)
    contributor, *others = join([new_phone() for _ in range(3)], session["join_url"])
    console.click("[data-action=start]")
    contributor.fill("#iv-title", "Nee zeggen tegen een klant die blijft aandringen")
    contributor.click(".intervision-phone button.primary")
    expect(contributor.locator(".intervision-phone")).to_contain_text("Jouw casussen")
    console.click("[data-action=next]")
    for phone in [contributor, *others]:
        phone.locator("label", has_text="Nee zeggen").locator("input").check()
        phone.click(".intervision-phone button.primary")
        expect(phone.locator(".saved")).to_be_visible()
    console.click("[data-action=next]")
    contributor.click("button[data-phone-action=consent][data-consent=yes]")
    expect(screen.locator("[data-consent=yes]")).to_be_visible()
    console.click("[data-action=next]")
    at(screen, "phase-tell")
    screenshot(screen, "intervision-5-stappen-screen-1-tell")
    console.click("[data-action=next]")
    at(screen, "phase-questions")
    write(others[0], "Wat heb je hem precies gezegd?")
    console.click("[data-action=reveal]")
    expect(screen.locator(".intervision-texts")).to_contain_text("Wat heb je hem")
    screenshot(screen, "intervision-5-stappen-screen-2-questions")
    console.click("[data-action=next]")
    at(screen, "phase-core")
    expect(contributor.locator("[data-contributor-view=core_question]")).to_be_visible()
    screenshot(screen, "intervision-5-stappen-screen-3-core")
    console.click("[data-action=next]")
    at(screen, "phase-advice")
    expect(screen.locator("[data-turn]")).to_have_text("Beurt 1 van 2")  # all but the contributor
    expect(console.locator("[data-action=next_turn]")).to_have_class(re.compile("primary"))
    write(others[1], "Herhaal rustig wat wel kan, en sluit het gesprek af.")
    console.click("[data-action=next_turn]")
    expect(screen.locator("[data-turn]")).to_have_text("Beurt 2 van 2")
    expect(console.locator("[data-action=next_turn]")).not_to_have_class(re.compile("primary"))
    expect(contributor.locator("[data-contributor-view=listen]")).to_be_visible()
    screenshot(screen, "intervision-5-stappen-screen-4-advice")
    screenshot(console, "intervision-5-stappen-console-4-advice")
    console.click("[data-action=next]")
    at(screen, "phase-react")
    screenshot(screen, "intervision-5-stappen-screen-5-react")
    console.click("[data-action=next]")
    at(screen, "close")
    console.locator("input[name=outcome][value=outside]").check()
    console.fill("#iv-decide-text", "Vraag of de afdelingsmanager het beleid over aandringen toelicht")
    console.fill("#iv-decide-outside", "Afdelingsmanager Publiekszaken")
    console.click("form[data-control=decide] button")
    expect(console.locator(".intervision-console .saved")).to_contain_text("1 besluit")
    screenshot(screen, "intervision-5-stappen-screen-6-close")
