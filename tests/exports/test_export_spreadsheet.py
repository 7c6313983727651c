import io
from datetime import datetime

import openpyxl

from facilitator.exports import spreadsheet


def render(plan):
    out = io.BytesIO()
    spreadsheet.render_agreements(plan, out)
    return openpyxl.load_workbook(io.BytesIO(out.getvalue())).active


def test_header_row(plan, lang):
    sheet = render(plan)
    assert sheet.title == lang.agreements
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == [lang.who, lang.what, lang.when, "Status"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= 50
    assert sheet.auto_filter.ref == f"A1:G{len(plan.agreements) + 1}"


def test_one_row_per_agreement_including_open_points(plan):
    sheet = render(plan)
    assert sheet.max_row == len(plan.agreements) + 1
    texts = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert "Wie neemt contact op met de wijkagent?" in texts


def test_due_dates_are_real_dates(plan, lang):
    sheet = render(plan)
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value.startswith("Meldings"))
    assert row[2].is_date
    assert row[2].value == datetime(2026, 3, 1)
    assert row[3].value == lang.in_progress
    assert row[5].value == "Arbodienst"
    empty = next(r for r in sheet.iter_rows(min_row=2) if r[1].value.startswith("We lopen"))
    assert empty[2].value is None


def test_formula_injection_is_neutralised(plan, formulas):
    sheet = render(plan)
    texts = [row[1].value for row in sheet.iter_rows(min_row=2)]
    for formula in formulas:
        # \r inside a cell is read back as \n by the XML parser; the quote is what matters.
        assert any(t.startswith("'") and t[1:].strip() == formula.strip() for t in texts)
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r":
                raise AssertionError(f"{cell.coordinate} starts with a formula trigger")


def test_hostile_text_survives(plan, hostile):
    sheet = render(plan)
    texts = {row[1].value for row in sheet.iter_rows(min_row=2)}
    assert "Zoë, Renée en Jürgen: “aanhalingstekens” en 'enkele' — € 50" in texts
    assert "Emoji 👍🏽 en 👨‍👩‍👧 mogen niet crashen" in texts
    assert "<script>alert('x')</script> & &amp;" in texts
    assert "Stuurtekens  weg" in texts  # control characters and lone surrogates dropped
    assert len(texts) == len(set(hostile)) + 5
