"""The team workshop in a real browser with five phones: notes on two boards, clustering on the
console, dots with the top per board, solutions in small groups presented on the screen, and the
follow-up list that goes to the team plan."""


import pytest
from playwright.sync_api import expect

SCREEN = (1920, 1080)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
NAMES = ["Anna", "Bram", "Chris", "Dewi", "Eva"]
NOTES = {"Anna": [("keep", "Collega's springen meteen bij"), ("improve", "Alarmknop loket 3 kapot")],
         "Bram": [("improve", "Alarmknop reageert traag"), ("keep", "Goede opvang na een incident")],
         "Chris": [("improve", "Te lange wachtrij bij de balie")],
         "Dewi": [("improve", "Wachtrij loopt in de middag uit")],
         "Eva": [("improve", "Geen zicht op de wachtruimte")]}


@pytest.fixture
def phones(browser, js_errors):
    contexts = [browser.new_context(bypass_csp=True, **PHONE) for _ in NAMES]  # for axe-core
    pages = []
    for context in contexts:
        page = context.new_page()
        page.on("pageerror", lambda error: js_errors.append(str(error)))
        page.set_default_timeout(10_000)
        pages.append(page)
    yield dict(zip(NAMES, pages, strict=True))
    for context in contexts:
        context.close()


def test_a_team_workshop_from_notes_to_the_team_plan(live_server, trainer_page, phones, screenshot,
                                                      axe):
    barriers = {}
    session = live_server.create_session("teamworkshop-samen-veilig-aan-de-balie",
                                         team="Team Publiekszaken")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=SCREEN)
    for name, phone in phones.items():
        phone.goto(session["join_url"])
        phone.fill("#name", name)
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
    console.click("[data-action=start]")

    # -- 1. collect: one note at a time, on the board the phone picks
    for name, notes in NOTES.items():
        phone = phones[name]
        for board, text in notes:
            phone.check(f".tw-form input[name=board][value={board}]")
            phone.fill("#tw-text", text)
            phone.click(".tw-form button.primary")
            expect(phone.locator(".tw-mine")).to_contain_text([text])
    expect(screen.locator(".tw-sticky")).to_have_count(0)  # nothing before the reveal
    screenshot(phones["Anna"], "teamworkshop-phone-1-notes")
    barriers["phone notes"] = axe(phones["Anna"])
    console.click("[data-action=reveal]")
    expect(screen.locator(".tw-board-improve .tw-sticky")).to_have_count(5)
    screenshot(screen, "teamworkshop-screen-1-boards")

    # -- 2. cluster: tick notes, name them; the screen shows both boards as they are ordered
    console.click("[data-action=next]")

    def cluster(board, texts, name):
        form = console.locator(f"form.tw-cluster-form[data-board={board}]")
        for text in texts:
            form.locator("label.tw-pickrow", has_text=text).locator("input").check()
        form.locator("input[name=name]").fill(name)
        form.locator("button").click()
        expect(screen.locator(".tw-cluster h3", has_text=name)).to_be_visible()
        expect(form.locator("label.tw-pickrow", has_text=texts[0])).to_have_count(0)
        # sent: the name is gone from both boards' forms, though the snapshot that took the
        # ticked notes away put the draft back in before the acknowledgement came
        for typed in console.locator("form.tw-cluster-form input[name=name]").all():
            expect(typed).to_have_value("")

    cluster("improve", ["Alarmknop loket 3 kapot", "Alarmknop reageert traag"], "Alarmknop")
    # a name half typed on one board stays there, and only there, while the other board clusters
    keep_name = console.locator("form.tw-cluster-form[data-board=keep] input[name=name]")
    keep_name.fill("Steun")
    improve = console.locator("form.tw-cluster-form[data-board=improve]")
    improve.locator("label.tw-pickrow", has_text="Te lange wachtrij").locator("input").check()
    improve.locator("label.tw-pickrow", has_text="Wachtrij loopt").locator("input").check()
    improve.locator("input[name=name]").fill("Wachttijd")
    improve.locator("button").click()
    expect(screen.locator(".tw-cluster h3", has_text="Wachttijd")).to_be_visible()
    expect(improve.locator("input[name=name]")).to_have_value("")
    expect(keep_name).to_have_value("Steun")
    cluster("keep", ["Collega's springen", "Goede opvang"], "Steun van collega's")
    expect(console.locator("form.tw-cluster-form[data-board=keep] .tw-pickrow")).to_have_count(0)
    screenshot(console, "teamworkshop-console-2-cluster")
    screenshot(screen, "teamworkshop-screen-2-clusters")

    # -- 3. vote: three dots per board; the top and the group's verdict after the reveal
    console.click("[data-action=next]")
    votes = {"Anna": [("Alarmknop", 2), ("Wachttijd", 1)], "Bram": [("Alarmknop", 3)],
             "Chris": [("Wachttijd", 2), ("Geen zicht op de wachtruimte", 1)],
             "Dewi": [("Alarmknop", 1), ("Wachttijd", 2)], "Eva": [("Geen zicht op de wachtruimte", 3)]}
    for name, given in votes.items():
        phone = phones[name]
        for item, n in given:
            card = phone.locator(".tw-ballot-improve .tw-item", has_text=item)
            card.locator(f".tw-dot[data-n='{n}']").click()
            expect(card.locator(".tw-dot[aria-pressed=true]")).to_have_count(n)
        phone.locator(".tw-ballot-keep .tw-item").first.locator(".tw-dot[data-n='3']").click()
        expect(phone.locator(".tw-ballot-keep .tw-dotsleft")).to_contain_text("0 stippen over")
    screenshot(phones["Chris"], "teamworkshop-phone-3-dots")
    barriers["phone dots"] = axe(phones["Chris"])
    console.click("[data-action=seriousness][data-level=onrust]")
    console.click("[data-action=reveal]")
    top = screen.locator(".tw-board-improve .tw-tally li")
    expect(top).to_have_count(3)
    expect(top.first).to_contain_text("Alarmknop")
    expect(top.first.locator(".num")).to_have_text("6")
    expect(screen.locator("[data-seriousness=onrust]")).to_contain_text("Onrust")
    screenshot(screen, "teamworkshop-screen-3-top")

    # -- 4. solutions in small groups: groups formed, a point each, presented one by one
    console.click("[data-action=next]")
    expect(phones["Anna"].locator(".notice")).to_contain_text("Wacht even")
    console.fill("#tw-size", "2")
    console.click("form[data-control=form_groups] button.primary")
    expect(phones["Anna"].locator(".tw-mygroup")).to_have_text("Groepje 1")
    expect(phones["Anna"].locator(".tw-point")).to_contain_text("Alarmknop")
    solutions = {"Anna": ("self", "Ik test elke ochtend de alarmknop"),
                 "Dewi": ("others", "Facilitair laat de knop bij loket 3 repareren"),
                 "Bram": ("group", "We informeren de wachtrij om het halfuur"),
                 "Chris": ("others", "Beheer hangt een bolle spiegel op")}
    for name, (bucket, text) in solutions.items():
        phone = phones[name]
        phone.check(f".tw-buckets input[value={bucket}]")
        phone.fill("#tw-solution", text)
        phone.click(".tw-form button.primary")
        expect(phone.locator(".tw-mine")).to_contain_text(text)
    screenshot(phones["Dewi"], "teamworkshop-phone-4-solutions")
    barriers["phone solutions"] = axe(phones["Dewi"])
    console.click("button.primary[data-action=reveal]")
    console.click("button.primary[data-action=present][data-group=g1]")
    expect(screen.locator(".tw-presenting")).to_have_text("Groepje 1 presenteert")
    expect(screen.locator(".tw-bucket-others")).to_contain_text("Facilitair laat de knop")
    screenshot(screen, "teamworkshop-screen-4-group-presents")
    for group in ("g2", "g3"):
        console.click(f"button.primary[data-action=present][data-group={group}]")
        expect(screen.locator(".tw-presenting")).to_contain_text(f"Groepje {group[1]}")
    console.locator(".tw-move-box summary").click()
    console.locator("form[data-control=move]").scroll_into_view_if_needed()
    screenshot(console, "teamworkshop-console-4-groups")

    # -- 5. follow-up: everyone takes something on; the console shows who has nothing yet
    console.click("button.next.primary")
    takes = {"Anna": ("Ik test elke ochtend", "2026-03-02", ""),
             "Dewi": ("Facilitair laat de knop", "2026-02-16", "facilitair beheer"),
             "Bram": ("We informeren de wachtrij", "", "")}
    for name, (text, due, via) in takes.items():
        phone = phones[name]
        value = phone.locator("#tw-take option", has_text=text).get_attribute("value")
        phone.select_option("#tw-take", value)
        if due:
            phone.fill("#tw-due", due)
        if via:
            phone.fill("#tw-via", via)
        phone.click(".tw-form button.primary")
        expect(phone.locator("[data-taken]")).to_contain_text(text)
    expect(console.locator("[data-without]")).to_contain_text("Chris")
    expect(console.locator("[data-without]")).to_contain_text("Eva")
    expect(console.locator("[data-without]")).not_to_contain_text("Anna")
    screenshot(phones["Dewi"], "teamworkshop-phone-5-followup")
    barriers["phone follow-up"] = axe(phones["Dewi"])
    screenshot(console, "teamworkshop-console-5-nothing-yet")
    for name, text in (("Chris", "Beheer hangt"), ("Eva", "We informeren de wachtrij")):
        phone = phones[name]
        value = phone.locator("#tw-take option", has_text=text).get_attribute("value")
        phone.select_option("#tw-take", value)
        phone.click(".tw-form button.primary")
        expect(phone.locator("[data-taken]")).to_contain_text(text)
    expect(console.locator("[data-without]")).to_contain_text("Iedereen heeft iets op zich genomen")
    console.click("button.primary[data-action=to_plan]")
    expect(console.locator(".agreements li")).to_have_count(4)
    expect(console.locator(".agreements")).to_contain_text("Facilitair laat de knop")
    expect(console.locator(".agreements")).to_contain_text("Bram, Eva")
    console.click("[data-action=reveal]")
    expect(screen.locator(".tw-biglist")).to_contain_text("facilitair beheer")
    screenshot(screen, "teamworkshop-screen-5-biglist")
    screenshot(console, "teamworkshop-console-5-to-plan")
    assert not any(barriers.values()), barriers
