"""The incident evaluation in a real browser: four phones send causes, the trainer settles the
classification, and the shared screen shows each cause in its factor group."""

from playwright.sync_api import expect

CAUSES = [  # (kind, text, factor proposed by the sender)
    ("direct", "De beveiliger was in de pauze", "organisational.protocols"),
    ("indirect", "Het systeem liet niet zien waarom de aanvraag stillag", "technical.ict"),
    ("indirect", "Nieuwe collega, nog weinig ervaring met boze klanten", "employee.experience"),
    ("direct", "Burger B had geen geld meer voor de huur", "citizen.earlier_aggression"),
]


def _card(page, text):
    return page.locator(".incident-card", has_text=text)


def test_phones_send_causes_the_trainer_classifies_and_the_screen_shows_the_diagram(
        live_server, trainer_page, new_phone, screenshot):
    session = live_server.create_session("incidentevaluatie-casussen", team="Team Werkplein")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=(1920, 1080))
    phones = []
    for _ in CAUSES:
        phone = new_phone()
        phone.goto(session["join_url"])
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
        phones.append(phone)

    console.click("[data-action=start]")
    for phone in phones:
        expect(phone.locator("#stage h1")).to_have_text("Boze klant aan de balie bij de uitkeringsaanvraag")
    expect(screen.locator(".incident-framing")).to_contain_text("Wat kunnen we leren?")
    screenshot(console, "incident-console-incident")
    phones[0].check("input[name=phase][value=tension]")
    phones[0].fill("#observation-text", "Hij stond drie kwartier in de rij")
    phones[0].click("text=Waarneming toevoegen")
    expect(phones[0].locator(".incident-mine")).to_contain_text("Hij stond drie kwartier in de rij")
    screenshot(phones[0], "incident-phone-incident")
    screenshot(screen, "incident-screen-incident")

    console.click("[data-action=next]")
    typing = phones[3]  # still typing when the trainer adds a cause and every phone refreshes
    typing.fill("#cause-text", CAUSES[3][1])
    typing.check("input[name=kind][value=direct]")
    typing.evaluate("window.snapshots = 0; document.addEventListener('facilitator:snapshot', "
                    "() => { window.snapshots += 1; })")
    console.fill("#add-cause-text", "Drukke maandagochtend, lange rij")
    console.check(".incident-inline-form input[name=kind][value=indirect]")
    console.click("text=Oorzaak toevoegen")
    typing.wait_for_function("() => window.snapshots > 0")
    expect(typing.locator("#cause-text")).to_have_value(CAUSES[3][1])
    expect(typing.locator("input[name=kind][value=direct]")).to_be_checked()
    for phone, (kind, text, _factor) in zip(phones, CAUSES, strict=True):
        phone.fill("#cause-text", text)
        phone.check(f"input[name=kind][value={kind}]")
        phone.click("text=Oorzaak toevoegen")
        expect(phone.locator(".incident-mine")).to_contain_text(text)
        expect(phone.locator("#cause-text")).to_have_value("")
    screenshot(phones[0], "incident-phone-causes")
    console.click("[data-action=reveal]")
    expect(screen.locator("[data-kind=direct]")).to_contain_text("De beveiliger was in de pauze")
    expect(screen.locator("[data-kind=indirect]")).to_contain_text("Nieuwe collega")
    screenshot(screen, "incident-screen-causes")

    console.click("[data-action=next]")
    for phone, (_kind, text, factor) in zip(phones, CAUSES, strict=True):
        _card(phone, text).locator("select").select_option(factor)
        _card(phone, text).locator("button").click()
        expect(_card(phone, text)).to_contain_text("Je voorstel is opgeslagen")
    disputed = CAUSES[2][1]  # a second phone sees it differently
    _card(phones[0], disputed).locator("select").select_option("organisational.knowledge_transfer")
    _card(phones[0], disputed).locator("button").click()
    screenshot(phones[1], "incident-phone-classify")

    expect(screen.locator(".incident-unplaced")).to_contain_text(disputed)
    expect(screen.locator(".incident-unplaced")).to_contain_text("Drukke maandagochtend")
    screenshot(screen, "incident-screen-diagram-open")
    for text, factor in [(disputed, "employee.experience"),
                         ("Drukke maandagochtend", "organisational.management_priority")]:
        row = console.locator(".incident-classify-list li", has_text=text)
        row.locator("select").select_option(factor)
        row.locator("button", has_text="Deel in").click()
        expect(row).to_contain_text("Door jou ingedeeld")
    screenshot(console, "incident-console-classify")

    # the trainer's placements show at once; what the phones agreed on once revealed
    expect(screen.locator("[data-group=organisational] [data-factor=management_priority]")) \
        .to_contain_text("Drukke maandagochtend")
    expect(screen.locator("[data-group=organisational] [data-factor=protocols]")) \
        .not_to_contain_text(CAUSES[0][1])
    console.click("[data-action=reveal]")
    for _kind, text, factor in CAUSES:
        group, sub = factor.split(".")
        place = screen.locator(f"[data-group={group}] [data-factor={sub}]")
        expect(place).to_contain_text(text)
    expect(screen.locator("[data-count=organisational]")).to_have_text("2")
    expect(screen.locator(".incident-unplaced")).to_have_count(0)
    expect(_card(phones[2], disputed)).to_contain_text("Ingedeeld: Medewerkergebonden factoren")
    screenshot(screen, "incident-screen-diagram")

    console.click("[data-action=next]")
    first = console.locator(".incident-console-list > li", has_text="Drukke maandagochtend")
    expect(first.locator("details")).to_have_attribute("open", "")  # the first undecided cause
    first.locator("button", has_text="Geen actie nodig").click()
    expect(first).to_contain_text("Geen actie nodig.")
    cause = console.locator(".incident-console-list > li", has_text=CAUSES[0][1])
    expect(cause.locator("details")).to_have_attribute("open", "")  # now the next one is open
    cause.locator("input[name=what]").fill("Pauzes van de beveiliging afstemmen op het spreekuur")
    cause.locator("input[name=who]").fill("Teamleider")
    cause.locator("input[name=when]").fill("2026-03-01")
    cause.locator("input[name=outside]").fill("Facilitaire dienst")
    cause.locator("button", has_text="Actie in het teamplan zetten").click()
    expect(console.locator(".agreements")).to_contain_text("Pauzes van de beveiliging")
    for phone, chance in zip(phones, ["high", "medium", "high", "low"], strict=True):
        phone.check(f"input[name=chance][value={chance}]")
        phone.click("text=Inschatting versturen")
        expect(phone.locator(".saved")).to_contain_text("Je inschatting is opgeslagen")
    console.select_option("#repetition-chance", "high")
    console.fill("#repetition-reason", "Lange wachttijden en geldzorgen blijven")
    console.click("text=Inschatting vastleggen")
    console.click("[data-action=reveal]")
    expect(screen.locator("[data-estimate=high] strong")).to_have_text("2")
    expect(screen.locator("[data-repetition=high]")).to_be_visible()
    screenshot(phones[3], "incident-phone-actions")
    screenshot(screen, "incident-screen-actions")
    screenshot(console, "incident-console-actions")

    console.click("[data-action=next]")
    expect(screen.locator("[data-count=citizen]")).to_have_text("1")
    expect(screen.locator(".incident-action-list")).to_contain_text("Pauzes van de beveiliging")
    screenshot(screen, "incident-screen-summary")
