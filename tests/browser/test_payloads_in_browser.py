"""Script and HTML typed by participants and the trainer, in every view, in a real browser: nothing
runs, nothing is added to the page, everything reads as typed.

The pages run with their Content-Security-Policy switched off (``bypass_csp``), so that it is the
escaping itself that is tested, not the policy that would catch a slip. The first test follows the
texts of the host (names, agreements, notes, team) through the live pages, the team plan, the
report and the downloads; each kind is a row in ``TEXTS``. The second puts every view of every
step of the full workshop, with payloads typed into every form of every work form (see
``tests/security/walk.py``), into a page the way live.js does.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from dataclasses import dataclass

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from ..clients import Browser
from ..security.payloads import INJECTED, PAYLOADS, TRAP
from ..security.walk import Walk
from .conftest import PHONE, await_live

SCENARIO = "stellingen-veilig-werken"
PHONE_VIEW, SCREEN, CONSOLE, REPORT, PLAN = "phone", "shared screen", "console", "report", "team plan"


@dataclass(frozen=True)
class Text:
    what: str
    #: where a person sees it afterwards (besides the exports)
    shown_in: tuple[str, ...]


TEXTS = {
    "name": Text("participant's name", (CONSOLE,)),
    "agreement": Text("agreement", (CONSOLE, PLAN, REPORT)),
    "owner": Text("who carries out an agreement", (CONSOLE, PLAN)),
    "team": Text("team name", (PLAN, REPORT)),
    "notes": Text("discussion notes", (REPORT,)),
}


@pytest.fixture
def open_page(browser):
    contexts, errors = [], []

    def make(url: str, *, phone: bool = False, cookies: list | None = None):
        context = browser.new_context(bypass_csp=True, **(PHONE if phone else
                                                           {"viewport": {"width": 1440, "height": 900}}))
        context.add_init_script(TRAP)
        if cookies:
            context.add_cookies(cookies)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        page.on("dialog", lambda dialog: errors.append(f"{page.url}: a dialog: {dialog.message}"))
        page.set_default_timeout(15_000)
        page.goto(url)
        await_live(page)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, errors


def assert_inert(page, view: str, expected: list[str]) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined", f"a payload ran in the {view}"
    assert page.evaluate("window.__dialogs.length") == 0, f"a payload opened a dialog in the {view}"
    injected = page.locator(INJECTED)
    assert injected.count() == 0, \
        f"markup from a payload in the {view}: {injected.first.evaluate('e => e.outerHTML')}"
    shown = page.locator("body").inner_text()
    missing = [text for text in expected if text not in shown]
    assert not missing, f"not shown as typed in the {view}: {missing}"


def _expected(view: str, typed: dict[str, list[str]]) -> list[str]:
    return [text for kind, texts in typed.items() if view in TEXTS[kind].shown_in for text in texts]


def test_payloads_in_every_text_show_as_text_in_every_view(live_server, trainer_page, open_page,
                                                           screenshot):
    team = f"Team {PAYLOADS[3]}"
    session = live_server.create_session(SCENARIO, named=True, team=team)
    typed = {"name": PAYLOADS, "agreement": [f"Afspraak {p}" for p in PAYLOADS], "owner": PAYLOADS,
             "team": [team], "notes": PAYLOADS}

    phone = open_page(session["join_url"], phone=True)
    phone.fill("#name", PAYLOADS[0])
    phone.click("#join")
    expect(phone.locator("#stage h1")).to_have_text("Welkom")
    for name in PAYLOADS[1:]:
        assert Browser(live_server.url).post(f"/j/{session['code']}", {"name": name}) == 302

    signed_in = trainer_page().context.cookies()
    console = open_page(session["console_url"], cookies=signed_in)
    console.click("[data-action=start]")
    expect(phone.locator("button.choice.agree")).to_be_visible()
    phone.click("button.choice.agree")
    for agreement, owner in zip(typed["agreement"], typed["owner"], strict=True):
        console.fill("#ag-text", agreement)
        console.fill("#ag-owner", owner)
        console.click(".agreement-form button")
        expect(console.locator(".agreements")).to_contain_text(agreement, timeout=15_000)
    console.fill("#notes", "\n".join(PAYLOADS))
    console.click(".notes button")
    console.click("[data-action=reveal]")
    screen = open_page(session["screen_url"])
    expect(screen.locator("[data-conn]")).to_have_text("verbonden")

    with sqlite3.connect(live_server.folder / "db.sqlite") as db:
        team_id = db.execute("select team_id from workshops where id = ?", (session["id"],)).fetchone()[0]
    plan = open_page(f"{live_server.url}/teams/{team_id}", cookies=signed_in)
    report = open_page(f"{live_server.url}/sessions/{session['id']}/report", cookies=signed_in)
    for page, view in ((phone, PHONE_VIEW), (screen, SCREEN), (console, CONSOLE), (plan, PLAN),
                       (report, REPORT)):
        assert_inert(page, view, _expected(view, typed))
    screenshot(console, "payloads-console")
    screenshot(plan, "payloads-team-plan")

    check_exports(live_server, signed_in, team_id, session["id"])
    print(f"\n{len(PAYLOADS)} payloads x {len(TEXTS)} kinds of text, "
          f"{sum(len(t.shown_in) for t in TEXTS.values())} view checks, 5 pages, 8 export files")


def check_exports(live_server, cookies: list, team_id: int, session_id: int) -> None:
    """The downloads hold the texts as text: no live markup, no spreadsheet formula."""
    http = Browser(live_server.url)
    http.opener.addheaders = [("Cookie", "; ".join(f"{c['name']}={c['value']}" for c in cookies))]
    files = {}
    for path in [f"/teams/{team_id}/export.{fmt}" for fmt in ("md", "csv", "xlsx", "docx", "pdf")] + \
                [f"/sessions/{session_id}/report.{fmt}" for fmt in ("md", "docx", "pdf")]:
        with http.opener.open(live_server.url + path, timeout=30) as response:
            files[path] = response.read()
    for path, content in files.items():
        if path.endswith(".md"):
            assert not re.search(rb"(?<!\\)<(script|img|svg|iframe|style|b|a)\b", content), path
        elif path.endswith(".csv"):
            cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
            assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], path
            assert any("<script>__pwned='script'</script>" in c for c in cells), path
        elif path.endswith(".xlsx"):
            sheet_cells = [cell for sheet in load_workbook(io.BytesIO(content)) for row in sheet.iter_rows()
                           for cell in row if cell.value is not None]
            assert not [c.coordinate for c in sheet_cells if c.data_type == "f"], f"{path}: formulas"
        elif path.endswith(".docx"):
            document = Document(io.BytesIO(content))
            text = "\n".join([p.text for p in document.paragraphs] + [
                cell.text for table in document.tables for row in table.rows for cell in row.cells])
            assert "<img src=x onerror=__pwned='img'>" in text, path
        elif path.endswith(".pdf"):
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
            assert "<svg" in text, path


def test_every_view_of_the_full_workshop_shows_typed_payloads_as_text(app, trainer, trainer_client,
                                                                        browser):
    walk = Walk(app, trainer, trainer_client, "volledige-workshop").through()
    # the phones' own text forms were found and typed into (dilemmas, arguments, causes, ...)
    assert walk.refused_huge >= 5 and walk.typed > walk.refused_huge
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(TRAP)
    page = context.new_page()
    page.set_content('<main><div id="stage"></div></main>')
    try:
        for step, view, html in walk.seen:
            page.evaluate("html => { document.getElementById('stage').innerHTML = html; }", html)
            assert_inert(page, f"{view} at step {step}", [])
        page.wait_for_timeout(500)  # an image's onerror would run by now
        assert page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        context.close()
    print(f"\n{len(walk.seen)} views of the full workshop rendered, {walk.typed} payloads typed")
