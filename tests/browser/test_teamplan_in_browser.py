"""The team plan in a real browser: agreements recorded in the console land in the team plan, where the
trainer follows them up: overdue shown, status, order, merge, history and an Excel download."""

import io
import re
from datetime import date, timedelta

import openpyxl
from playwright.sync_api import expect

from .conftest import await_live

LATE = (date.today() - timedelta(days=14)).isoformat()
LATER = (date.today() + timedelta(days=30)).isoformat()


def _record(console, text, owner, due, kind):
    console.fill("#ag-text", text)
    console.fill("#ag-owner", owner)
    console.fill("#ag-due", due)
    console.select_option("#ag-kind", kind)
    console.click(".agreement-form button")
    expect(console.locator(".agreements")).to_contain_text(text)


def test_agreements_from_the_console_are_followed_up_on_the_team_plan(live_server, trainer_page, screenshot):
    session = live_server.create_session("stellingen-veilig-werken", team="Team Vergunningen")
    console = trainer_page(session["console_url"])
    console.click("[data-action=start]")
    _record(console, "Bij een dreigend gesprek lopen we met z'n tweeën naar de balie", "Iedereen", LATE,
            "working_agreement")
    _record(console, "Het meldformulier wordt korter: één pagina", "Teamleider", LATER, "action")

    console.goto(live_server.url + console.locator("[data-team-plan]").get_attribute("href"))
    expect(console.locator("h1")).to_have_text("Teamplan: Team Vergunningen")
    rows = console.locator("table.plan tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_class(re.compile(r"\boverdue\b"))
    expect(rows.nth(0).locator(".badge.late")).to_have_text("Te laat")
    expect(rows.nth(1)).not_to_have_class(re.compile(r"\boverdue\b"))
    expect(console.locator("[data-overdue]")).to_have_text("1 afspraak is over de datum en staat nog open.")
    screenshot(console, "teamplan-page")

    rows.nth(1).locator("select[name=status]").select_option("in_progress")
    rows.nth(1).locator(".status-form button").click()
    expect(console.locator(".flash.ok")).to_have_text("Status opgeslagen: In uitvoering.")
    console.locator("table.plan tbody tr").nth(1).get_by_role("button", name="Afspraak 2 omhoog").click()
    expect(console.locator("table.plan tbody tr").nth(0)).to_contain_text("Het meldformulier wordt korter")

    with console.expect_download() as download:
        console.click("a.button:text('Excel')")
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Het meldformulier wordt korter: één pagina",
        "Bij een dreigend gesprek lopen we met z'n tweeën naar de balie"]

    for box in console.locator("table.plan input[name=ids]").all():
        box.check()
    console.click("#merge-form button")
    expect(console.locator("h1")).to_have_text("Afspraken samenvoegen")
    console.fill("#merge-text", "Samen naar de balie bij dreiging, en melden met een kort formulier")
    console.click("form[method=post] button.primary")
    expect(console.locator(".flash.ok")).to_have_text("De afspraken zijn samengevoegd.")
    expect(console.locator("table.plan tbody tr")).to_have_count(1)

    console.fill("#new-text", "Wie spreekt de wijkagent aan over de avondopenstelling?")
    console.select_option("#new-kind", "open_point")
    console.fill("#new-help", "Politie")
    console.click("section:has(#new-agreement) button.primary")
    expect(console.locator("table.plan tbody tr")).to_have_count(2)
    screenshot(console, "teamplan-after-follow-up")

    console.click("table.plan tbody tr >> nth=0 >> text=Bewerken en geschiedenis")
    history = console.locator(".history")
    expect(history).to_contain_text("Samengevoegd")
    expect(history).to_contain_text("Het meldformulier wordt korter")
    expect(history).to_contain_text("Status: Open → In uitvoering")
    screenshot(console, "teamplan-agreement-history")
    console.go_back()

    console.click("table.plan tbody tr >> nth=1 >> text=Bewerken en geschiedenis")
    console.fill("#withdraw-note", "De wijkagent komt zelf langs op het werkoverleg")
    console.click("#withdraw button.danger")
    expect(console.locator(".flash.ok")).to_have_text(
        "De afspraak is ingetrokken; de geschiedenis blijft bewaard.")
    expect(console.locator("table.plan tbody tr")).to_have_count(1)

    console.set_viewport_size({"width": 390, "height": 844})
    expect(console.locator("h1")).to_have_text("Teamplan: Team Vergunningen")
    screenshot(console, "teamplan-page-phone")

    console.set_viewport_size({"width": 1440, "height": 900})
    console.click(".sessions a")
    expect(console.locator("h1")).to_have_text("Sessieverslag: Stellingen: veilig werken met burgers")
    expect(console.locator(".report-section").last).to_contain_text("Samen naar de balie bij dreiging")
    screenshot(console, "teamplan-session-report")
    console.click("text=API-sleutels")
    console.fill("#token-name", "HR-systeem")
    console.click("section:has(#new-token) button.primary")
    expect(console.locator("[data-new-token]")).to_have_text(re.compile(r"^fac_[\w-]{40,}$"))
    screenshot(console, "teamplan-tokens")


def test_a_later_session_reviews_the_team_plan_on_phones(live_server, trainer_page, new_phone, screenshot):
    earlier = live_server.create_session("stellingen-veilig-werken", team="Team Leerplicht")
    console = trainer_page(earlier["console_url"])
    console.click("[data-action=start]")
    _record(console, "We sluiten de balie om 17.00 uur met z'n tweeën af", "Avonddienst", LATER,
            "working_agreement")
    _record(console, "Elk incident melden, ook verbaal", "Iedereen", LATE, "action")

    review = live_server.create_session("teamplan-bespreken", team="Team Leerplicht")
    console.goto(review["console_url"])
    await_live(console)  # the start below is sent, not refused as offline
    phones = []
    for _ in range(3):
        phone = new_phone()
        phone.goto(review["join_url"])
        phone.click("#join")
        phones.append(phone)
    console.click("[data-action=start]")
    for phone, grade in zip(phones, ["8", "6", "7"], strict=True):
        item = phone.locator(".review-item").first
        item.locator(f"button.grade[data-grade='{grade}']").click()
        expect(item.locator(f"button.grade[data-grade='{grade}']")).to_have_attribute("aria-pressed", "true")
        item.locator("button[data-needed=yes]").click()
        expect(item.locator(".saved")).to_be_visible()
    phones[0].locator(".review-item").nth(1).locator("button.grade[data-grade='3']").click()
    screenshot(phones[0], "review-phone")

    with console.expect_popup() as popup:
        console.click("[data-open-screen]")
    screen = popup.value
    screen.set_viewport_size({"width": 1920, "height": 1080})
    expect(screen.locator(".review-list li")).to_have_count(2)
    console.click("[data-action=reveal]")
    expect(screen.locator("[data-average]")).to_have_text("7,0")
    expect(screen.locator("[data-too-few]")).to_have_count(1)  # the second agreement: one answer
    console.locator("tr[data-item] >> nth=0").get_by_role("button", name="Afgerond").click()
    expect(screen.locator(".badge.decision-done")).to_have_text("Besloten: Afgerond")
    screenshot(screen, "review-screen")
    screenshot(console, "review-console")
