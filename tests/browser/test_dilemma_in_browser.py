"""The dilemma method in a real browser: the hidden intuitive vote and its reveal (step 3), the
table of values and norms (step 5), and agreements with the before/after shift (step 8)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE

SCREEN = (1920, 1080)


@pytest.fixture
def checked_phone(browser, js_errors):
    """A phone page that axe-core can be injected into (its context bypasses the CSP)."""
    context = browser.new_context(bypass_csp=True, **PHONE)
    page = context.new_page()
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    yield page
    context.close()


def join(phones, url):
    for phone in phones:
        phone.goto(url)
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
    return phones


def vote(phone, side, line=""):
    phone.locator(f".dl-vote input[value={side}]").check()
    if line:
        phone.fill("#dl-line", line)
    phone.click(".dl-vote button.primary")
    expect(phone.locator(".saved")).to_contain_text(f"je koos {side.upper()}")


def test_intuitive_vote_table_and_agreements_in_the_browser(live_server, trainer_page, new_phone,
                                                            checked_phone, screenshot, axe):
    session = live_server.create_session("dilemma-intervisie", team="Team Publiekszaken")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=SCREEN)
    phones = join([checked_phone] + [new_phone() for _ in range(3)], session["join_url"])
    barriers = {}

    console.click("[data-action=start]")
    expect(phones[0].locator("#dl-title")).to_be_visible()
    console.click("[data-action=next]")
    console.click("[data-action=choose][data-dilemma=s1]")
    expect(screen.locator("[data-chosen]")).to_contain_text("Schelden aan de balie")
    console.click("[data-action=next]")

    # -- step 3: the trainer records; everyone chooses privately; nothing shows until the reveal
    expect(console.locator("#dl-side-a")).to_have_value(re.compile("Ik help hem toch verder"))
    console.fill("#dl-facts", "Derde bezoek voor hetzelfde document; hij scheldt.")
    vote(phones[3], "b")  # a vote arrives while the trainer types: the draft must survive
    expect(console.locator("[data-answered]")).to_contain_text("1 van")
    expect(console.locator("#dl-facts")).to_have_value(re.compile("Derde bezoek"))
    console.fill("#dl-feelings", "Machteloos, en boos op de organisatie.")
    console.click("form[data-control=formulate] button.primary")
    expect(screen.locator(".dl-story")).to_contain_text("Machteloos")
    for phone, side in zip(phones[:3], "aab", strict=True):
        vote(phone, side, "eerste gevoel" if side == "a" else "")
    vote(phones[3], "a", "ik wil hem helpen")  # changes the earlier vote
    expect(screen.locator("[data-answered]")).to_have_text("4 van 4 hebben geantwoord")
    expect(screen.locator("[data-ab]")).to_have_count(0)
    expect(phones[0].locator("[data-ab]")).to_have_count(0)
    expect(screen.locator(".dl-hidden-note")).to_be_visible()
    screenshot(phones[0], "dilemma-phone-3-intuitive-vote")
    barriers["phone step 3"] = axe(checked_phone)
    screenshot(screen, "dilemma-screen-3-hidden")
    console.click("[data-action=reveal]")
    expect(screen.locator('[data-ab="a"]')).to_have_text("75%")
    expect(screen.locator('[data-ab="b"]')).to_have_text("25%")
    expect(screen.locator(".dl-lines")).to_contain_text("ik wil hem helpen")
    expect(phones[1].locator('[data-ab="a"]')).to_have_text("75%")
    expect(phones[1].locator(".dl-vote")).to_have_count(0)  # the intuitive choice is fixed now
    screenshot(screen, "dilemma-screen-3-revealed")
    screenshot(console, "dilemma-console-3")

    # -- step 5: the table of stakeholders, values and norms; the trainer merges and edits
    console.click("[data-action=next]")
    console.click("[data-action=next]")
    cells = [("stakeholders", "de bezoeker"), ("stakeholders", "De bezoeker"),
             ("values", "respect"), ("norms", "huisregels"), ("stakeholders", "wachtenden"),
             ("values", "veiligheid van collega's"), ("norms", "agressieprotocol")]
    for index, (column, text) in enumerate(cells):
        phone = phones[index % 4]
        phone.locator(f".dl-form input[value={column}]").check()
        phone.fill("#dl-cell", text)
        phone.click(".dl-form button.primary")
        expect(phone.locator(".dl-mine")).to_contain_text(text)
    screenshot(phones[0], "dilemma-phone-5-table")
    barriers["phone step 5"] = axe(checked_phone)
    duplicate = console.locator(".dl-cell", has=console.locator("input[value='De bezoeker']"))
    duplicate.locator("select[name=into]").select_option(label="de bezoeker")
    duplicate.locator("form[data-control=merge_cells] button").click()
    expect(console.locator(".dl-cell input[name=text][value='De bezoeker']")).to_have_count(0)
    kept = console.locator(".dl-cell", has=console.locator("input[value='de bezoeker']"))
    kept.locator("input[name=text]").fill("de bezoeker die scheldt")
    kept.locator("form[data-control=edit_cell] button").click()
    console.click("[data-action=reveal]")
    stakeholders = screen.locator('.dl-stake-table [data-cell="stakeholders"]')
    expect(stakeholders.first).to_contain_text("de bezoeker die scheldt")
    expect(stakeholders.locator(".dl-count")).to_have_text("×2")
    expect(screen.locator('[data-cell="norms"]')).to_have_count(2)
    screenshot(screen, "dilemma-screen-5-table")
    screenshot(console, "dilemma-console-5-table")

    # -- step 8: second vote, the shift since step 3, and working agreements for the team plan
    console.click("[data-action=goto][data-position='7']")
    for phone, side in zip(phones, "bbba", strict=True):
        vote(phone, side)
    console.fill("#dl-r-agree", "Niemand hoeft schelden te accepteren.")
    console.fill("#dl-r-differ", "Hoeveel kansen iemand krijgt.")
    console.fill("#dl-r-choice", "We benoemen de grens, geven één kans en stoppen daarna het gesprek.")
    console.fill("#dl-r-grounds", "Respect voor collega's en de wachtenden; onze huisregels.")
    console.click("form[data-control=record] button.primary")
    console.fill("#dl-choice-due", "2026-09-30")
    console.click("form[data-control=choice_to_plan] button")
    expect(console.locator(".agreements")).to_contain_text("Handelingsafspraak: We benoemen")
    for text, owner, due in [("Bij schelden: grens benoemen, één kans, dan stoppen", "Iedereen",
                              "2026-06-30"),
                             ("Schelden altijd melden en registreren", "Teamleider",
                              "2026-04-01")]:
        console.fill("#dl-wa-text", text)
        console.fill("#dl-wa-owner", owner)
        console.fill("#dl-wa-due", due)
        console.click("form[data-control=working_agreement] button.primary")
        expect(screen.locator(".dl-agreements")).to_contain_text(owner)
        # the screen can show it before the console hears its acknowledgement, which empties the
        # form: the next agreement is typed after that
        expect(console.locator("#dl-wa-text")).to_have_value("")
    expect(console.locator(".agreements li")).to_have_count(3)
    expect(screen.locator(".dl-agreements")).to_contain_text("1 april 2026")
    expect(screen.locator(".dl-shift")).to_have_count(0)
    console.click("[data-action=reveal]")
    expect(screen.locator(".dl-shift .dl-ab")).to_have_count(2)
    before, after = screen.locator(".dl-shift .dl-ab").all()
    expect(before.locator('[data-ab="a"]')).to_have_text("75%")
    expect(after.locator('[data-ab="a"]')).to_have_text("25%")
    expect(screen.locator(".dl-moved")).to_have_text(
        re.compile(r"50 procentpunten opgeschoven richting B"))
    box_before, box_after = before.bounding_box(), after.bounding_box()
    assert abs(box_before["y"] - box_after["y"]) < 5 and box_before["x"] < box_after["x"], \
        "before and after are not side by side"
    height = screen.evaluate("document.documentElement.scrollHeight")
    assert height <= SCREEN[1], f"the projector would have to scroll: {height}px"
    expect(phones[2].locator(".dl-shift")).to_be_visible()
    screenshot(screen, "dilemma-screen-8-agreements")
    screenshot(phones[2], "dilemma-phone-8-agreements")
    barriers["phone step 8"] = axe(checked_phone)
    screenshot(console, "dilemma-console-8")
    assert not any(barriers.values()), barriers
