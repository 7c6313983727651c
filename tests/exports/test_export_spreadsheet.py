import io
import zipfile
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
    assert headers[1:3] == [lang.who, lang.what]
    assert headers[4] == lang.when and headers[6] == "Status"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width >= 45
    assert sheet.auto_filter.ref == f"A1:L{len(plan.agreements) + 1}"


def test_one_row_per_agreement_including_open_points(plan):
    sheet = render(plan)
    assert sheet.max_row == len(plan.agreements) + 1
    texts = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert "Wie neemt contact op met de wijkagent?" in texts


def test_due_dates_are_real_dates(plan, lang):
    sheet = render(plan)
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value.startswith("Meldings"))
    assert row[4].is_date
    assert row[4].value == datetime(2026, 3, 1)
    assert row[6].value == lang.in_progress
    assert row[8].value == "Arbodienst"
    empty = next(r for r in sheet.iter_rows(min_row=2) if r[2].value.startswith("We lopen"))
    assert empty[4].value is None


def test_formula_like_text_is_stored_as_text_not_as_a_formula(plan, formulas):
    out = io.BytesIO()
    spreadsheet.render_agreements(plan, out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as xlsx:
        sheet_xml = xlsx.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    texts = {row[2].value: row[2] for row in sheet.iter_rows(min_row=2)}
    for formula in formulas:
        # \r inside a cell is read back as \n by the XML parser.
        cell = next(c for t, c in texts.items() if t.strip() == formula.strip())
        assert cell.data_type == "s" and not cell.value.startswith("'")
        assert cell.quotePrefix  # Excel keeps it text when someone edits the cell
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_hostile_text_survives(plan, hostile):
    sheet = render(plan)
    texts = {row[2].value for row in sheet.iter_rows(min_row=2)}
    assert "Zoë, Renée en Jürgen: “aanhalingstekens” en 'enkele' — € 50" in texts
    assert "Emoji 👍🏽 en 👨‍👩‍👧 mogen niet crashen" in texts
    assert "<script>alert('x')</script> & &amp;" in texts
    assert "Stuurtekens  weg" in texts  # control characters and lone surrogates dropped
    assert len(texts) == len(set(hostile)) + 5


def test_a_session_title_with_characters_excel_forbids_in_a_sheet_name_still_gives_a_file():
    # "Teamworkshop: samen ..." and "Stellingen: veilig werken" are shipped titles; Excel allows
    # no : \ / ? * [ ] in a sheet's name
    out = io.BytesIO()
    spreadsheet.render_rows("Stellingen: veilig [werken]? a/b\\c*", ["Vraag"], [["x"]], out)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    assert book.active.title == "Stellingen veilig werken abc"
    assert book.properties.title == "Stellingen: veilig [werken]? a/b\\c*"
