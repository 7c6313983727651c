"""A session's raw results as XLSX and CSV: one row per step and option with its count, only for
revealed steps, with the minimum group applied and no names or typed text."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from facilitator.contract.plugins import plugin_host
from facilitator.sessions import scenarios, workshops
from facilitator.web.accounts import add_user

from ..conftest import PASSWORD, Console, Phone, login

NAMES = ["Anouk Jansen", "Bram de Wit", "Chantal Öztürk"]


@pytest.fixture
def voted(app):
    """Three statements: the first revealed (3 answers), the second not revealed, the third
    revealed with 2 answers (below the minimum group of 3)."""
    with app.app_context():
        user = add_user("trainer@example.nl", PASSWORD, "trainer")
        scenario = scenarios.from_data({"title": "Stemmen", "activities": [
            {"type": "statements", "title": "Stellingen", "config": {"statements": [
                "Schelden hoort bij het werk.", "Ik meld elk incident.", "Ik voel me veilig."]}},
        ]}, "stemmen", plugin_host())
        workshop = workshops.create(scenario, user, team_name="Balie Burgerzaken", named=True)
        ids = {"id": workshop.id, "code": workshop.code}
    http = app.test_client()
    login(http)
    console = Console(app, http, ids["id"])
    phones = [Phone(app, ids["code"], name) for name in NAMES]
    console.do("start")
    for phone, choice in zip(phones, ["agree", "disagree", "disagree"], strict=True):
        assert phone.answer({"choice": choice})["ok"]
    console.do("reveal")
    console.do("next")
    for phone in phones:
        assert phone.answer({"choice": "agree"})["ok"]
    console.do("next")  # the second statement is never revealed
    phones[0].answer({"choice": "agree"})
    phones[1].answer({"choice": "disagree"})
    console.do("reveal")
    console.do("end")
    return http, ids["id"]


def _rows(http, workshop_id: int, fmt: str) -> list[list]:
    response = http.get(f"/sessions/{workshop_id}/results.{fmt}")
    assert response.status_code == 200
    assert "attachment; filename=resultaten-stemmen-" in response.headers["Content-Disposition"]
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_results_only_of_revealed_steps_with_the_minimum_group(voted, fmt):
    http, workshop_id = voted
    rows = _rows(http, workshop_id, fmt)
    header, body = rows[0], rows[1:]
    assert header == ["Sessie", "Datum", "Activiteit", "Werkvorm", "Stap", "Zichtbaarheid", "Meting",
                      "Optie", "Aantal"]
    counts = {(r[4], r[6], r[7]): r[8] for r in body}
    steps = {r[4] for r in body}
    first = next(s for s in steps if "Schelden" in s or s.endswith("1"))
    third = next(s for s in steps if s != first)
    assert len(steps) == 2 and "veilig" in third  # the unrevealed second statement is not there
    number = str if fmt == "csv" else int
    assert counts[(first, "counts", "agree")] == number(1)
    assert counts[(first, "counts", "disagree")] == number(2)
    assert counts[(third, "answered", "")] == "minder dan 3 antwoorden"
    assert not [k for k in counts if k[0] == third and k[1] == "counts"]  # no breakdown
    text = " ".join(str(v) for r in body for v in r)
    assert not any(name in text for name in NAMES)


def test_results_of_an_unknown_format_or_another_trainer_are_refused(voted, app):
    http, workshop_id = voted
    assert http.get(f"/sessions/{workshop_id}/results.pdf").status_code == 404
    with app.app_context():
        add_user("other@example.nl", PASSWORD, "teamlead")
    other = app.test_client()
    login(other, "other@example.nl")
    assert other.get(f"/sessions/{workshop_id}/results.csv").status_code == 403


def test_the_session_report_has_one_table_for_a_round_of_statements(voted):
    http, workshop_id = voted
    text = http.get(f"/sessions/{workshop_id}/report.md").get_data(as_text=True)
    tables = [line for line in text.splitlines() if line.startswith("| Stelling |")]
    assert len(tables) == 1  # not one single-row table per statement
    rows = text.split(tables[0], 1)[1].split("\n\n", 1)[0].strip().splitlines()[1:]
    # the second statement was never revealed (issue 26: not in any report), the third has too
    # few answers
    assert len(rows) == 1 and "Schelden hoort bij het werk." in rows[0]
    assert "Ik meld elk incident." not in rows[0]
    assert "Minder dan 3 antwoorden" in text


def test_the_session_report_renders_for_people_to_look_at(voted, tmp_path):
    """test-artifacts/session-voted-pdf-1.png and session-voted-docx-1.png."""
    from .test_documents_rendered import _office_pdf, _pngs

    http, workshop_id = voted
    pdf = tmp_path / "verslag.pdf"
    pdf.write_bytes(http.get(f"/sessions/{workshop_id}/report.pdf").data)
    _pngs(pdf, "session-voted-pdf", pages=1)
    word = tmp_path / "verslag.docx"
    word.write_bytes(http.get(f"/sessions/{workshop_id}/report.docx").data)
    _pngs(_office_pdf(word, tmp_path), "session-voted-docx", pages=1)


@pytest.mark.parametrize("title", ["Stellingen: veilig werken", "Week 3/4 [intern] *nieuw*?",
                                   "Een heel lange titel van een sessie die niet in een tabblad past"])
def test_the_results_sheet_is_named_after_any_session_title(title):
    """Excel refuses : / ? * [ ] and more than 31 characters in a sheet's name; the session's
    title is still its name, as far as Excel allows (a colon made the file a server error)."""
    from facilitator.exports import spreadsheet

    out = io.BytesIO()
    spreadsheet.render_rows(title, ["Stap"], [["s1"]], out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert 0 < len(sheet.title) <= 31
    assert not set(sheet.title) & set(":\\/?*[]")
    assert sheet.title.split()[0] == title.split()[0].rstrip(":")
