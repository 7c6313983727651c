"""Every export of the team plan carries what a plan of approach needs: a number per item, the
overdue mark, owner, due date, expected result, status, last update, follow-up note and source."""

from __future__ import annotations

import csv as stdlib_csv
import io
import re
from dataclasses import replace
from datetime import date, datetime

import docx as python_docx
import openpyxl
import pypdf
import pytest
from conftest import agreement

from facilitator.exports import csv, docx, markdown, pdf, spreadsheet

OVERDUE = {"en": "Overdue", "nl": "Te laat"}
RESULT = {"en": "Expected result", "nl": "Beoogd resultaat"}
FOLLOW_UP = {"en": "Follow-up", "nl": "Opvolging"}


@pytest.fixture
def followed(plan):
    rows = [
        agreement("Meldingsformulier agressie vereenvoudigen", number=1, overdue=True,
                  due=date(2026, 1, 10), expected_result="Melden kost minder dan vijf minuten",
                  updated_at=datetime(2026, 2, 3, 9, 30),
                  followup="In de sessie “Terugblik”. Half gedaan: formulier ligt bij de OR.",
                  source="Sessie 1, 20-01-2026 — Incident bespreken"),
        agreement("Wijkagent komt langs in het teamoverleg", number=2, kind="action",
                  owner="Anouk", due=date(2026, 4, 1), status="open",
                  updated_at=datetime(2026, 2, 1, 8, 0)),
        agreement("Wie belt de vertrouwenspersoon na een incident?", number=3, kind="open_point",
                  owner="Ömer", due=date(2026, 1, 31), status="in_progress", overdue=True,
                  updated_at=datetime(2026, 2, 2, 8, 0)),
    ]
    return replace(plan, agreements=rows)


def test_xlsx_has_every_field_and_real_dates(followed, lang):
    out = io.BytesIO()
    spreadsheet.render_agreements(followed, out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    headers = [c.value for c in sheet[1]]
    rows = {r[0].value: dict(zip(headers, (c.value for c in r), strict=True))
            for r in sheet.iter_rows(min_row=2)}
    first = rows[1]
    assert first[lang.who] == "Teamleider Ömer Şahin"
    assert first[RESULT[lang.code]] == "Melden kost minder dan vijf minuten"
    assert first[OVERDUE[lang.code]] in ("Yes", "Ja")
    assert rows[2][OVERDUE[lang.code]] in ("", None)
    assert first[FOLLOW_UP[lang.code]].startswith("In de sessie “Terugblik”")
    assert "Incident bespreken" in [v for v in first.values() if isinstance(v, str)][-1]
    dates = [v for v in first.values() if isinstance(v, datetime)]
    assert datetime(2026, 1, 10) in dates and datetime(2026, 2, 3) in dates  # due and last update
    assert rows[3][lang.who] == "Ömer"


def test_xlsx_keeps_formula_like_text_as_text_without_apostrophe(plan, formulas):
    out = io.BytesIO()
    spreadsheet.render_agreements(plan, out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    values = [c for r in sheet.iter_rows(min_row=2) for c in r if isinstance(c.value, str)]
    assert not [c.value for c in values if c.value.startswith("'")]
    for formula in formulas:
        matches = [c for c in values if c.value.strip() == formula.strip()]
        assert matches, formula
        assert all(c.data_type == "s" for c in matches)


def test_csv_has_every_field(followed, lang):
    out = io.BytesIO()
    csv.render_agreements(followed, out)
    rows = list(stdlib_csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"), newline=""),
                                  delimiter=";"))
    headers = rows[0]
    first = dict(zip(headers, rows[1], strict=True))
    assert first[headers[0]] == "1"
    assert first[OVERDUE[lang.code]] in ("Yes", "Ja")
    assert first[RESULT[lang.code]] == "Melden kost minder dan vijf minuten"
    assert first[lang.when] == "2026-01-10"
    assert "2026-02-03" in rows[1]
    assert first[FOLLOW_UP[lang.code]].startswith("In de sessie")


def _document_checks(text: str, lang) -> None:
    flat = " ".join(re.sub(r"\u2010\s+", "", text).split())
    assert OVERDUE[lang.code] in flat
    assert "Melden kost minder dan vijf minuten" in flat
    assert "formulier ligt bij de OR" in flat
    assert "Incident bespreken" in flat
    assert "Ömer" in flat  # the owner of the open point, once taken up
    assert ("Feb 3, 2026" if lang.code == "en" else "3 feb 2026") in flat  # last update


def test_markdown_has_every_field(followed, lang):
    text = markdown.render_team_plan(followed)
    _document_checks(text, lang)
    assert "| 1 |" in text


def test_docx_has_every_field(followed, lang):
    out = io.BytesIO()
    docx.render_team_plan(followed, out)
    doc = python_docx.Document(io.BytesIO(out.getvalue()))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    _document_checks(text, lang)


def test_pdf_has_every_field(followed, lang):
    out = io.BytesIO()
    pdf.render_team_plan(followed, out)
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    _document_checks("\n".join(p.extract_text() for p in reader.pages), lang)
