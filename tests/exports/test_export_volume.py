"""Every renderer against very long text, many rows and empty documents."""

import csv as stdlib_csv
import io
import re
from dataclasses import replace
from datetime import date, timedelta

import docx as python_docx
import openpyxl
import pypdf
import pytest

from facilitator.exports import AgreementRow, SessionReport, csv, docx, markdown, pdf, spreadsheet


def read_docx(plan) -> list[str]:
    out = io.BytesIO()
    docx.render_team_plan(plan, out)
    doc = python_docx.Document(io.BytesIO(out.getvalue()))
    return [row.cells[1].text for table in doc.tables for row in table.rows]


def read_pdf(plan) -> str:
    out = io.BytesIO()
    pdf.render_team_plan(plan, out)
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\u2010\s+", "", text)  # words hyphenated at a line end, joined again


def read_xlsx(plan) -> list[str]:
    out = io.BytesIO()
    spreadsheet.render_agreements(plan, out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    return [row[2].value for row in sheet.iter_rows()]


def read_csv(plan) -> list[str]:
    out = io.BytesIO()
    csv.render_agreements(plan, out)
    text = out.getvalue().decode("utf-8-sig")
    return [row[2] for row in stdlib_csv.reader(io.StringIO(text, newline=""), delimiter=";")]


def long_text() -> str:
    filler = "Zoë zegt: “we melden elk incident, hoe klein ook” en Jürgen knikt. " * 200
    text = "BEGINMARKER " + filler[: 10_000 - len("BEGINMARKER  EINDMARKER")] + " EINDMARKER"
    assert len(text) == 10_000
    return text


def test_ten_thousand_character_agreement(plan):
    text = long_text()
    plan = replace(plan, agreements=[AgreementRow(text, "action", owner=text, outside_help=text)])
    assert text in read_docx(plan)
    assert text in read_xlsx(plan)
    assert text in read_csv(plan)
    assert text in markdown.render_team_plan(plan)
    flat = re.sub(r"\s+", " ", read_pdf(plan))
    assert "BEGINMARKER" in flat and "EINDMARKER" in flat
    assert flat.count("we melden elk incident") >= 3 * 140  # text, owner and help, all of it


def test_ten_thousand_characters_without_a_space(plan):
    word = "Q" * 10_000
    plan = replace(plan, team_name=word, agreements=[AgreementRow(word, "action", owner=word)])
    assert word in read_docx(plan)
    assert word in read_xlsx(plan)
    assert word in read_csv(plan)
    assert word in markdown.render_team_plan(plan)


def test_the_longest_words_the_plan_takes_wrap_in_the_pdf(plan):
    """The API takes at most 2,000 characters of text and 120 of owner (schemas.py); laid out
    without a space, they wrap over lines and pages instead of being cut off. (A 10,000-character
    word takes WeasyPrint most of a minute and cannot reach a PDF.)"""
    text, owner = "Q" * 2_000, "W" * 120
    plan = replace(plan, agreements=[AgreementRow(text, "action", owner=owner)])
    laid_out = read_pdf(plan)
    assert laid_out.count("Q") >= 2_000 and laid_out.count("W") >= 120


def many_agreements(count: int) -> list[AgreementRow]:
    kinds = ["working_agreement", "action", "learning_goal", "open_point"]
    statuses = ["open", "in_progress", "done", "dropped"]
    return [
        AgreementRow(
            text=f"Afspraak nr. {i}: we bellen elkaar na een incident.",
            kind=kinds[i % 4],
            owner=f"Collega {i}",
            due=date(2026, 1, 1) + timedelta(days=i) if i % 3 else None,
            status=statuses[i % 4],
            outside_help="Bedrijfsmaatschappelijk werk" if i % 5 == 0 else None,
            source=f"Sessie {i % 3 + 1}",
            number=i + 1,
        )
        for i in range(count)
    ]


def test_three_hundred_agreements(plan):
    plan = replace(plan, agreements=many_agreements(300))
    settled = len(plan.settled_agreements)
    numbered = re.compile(r"Afspraak nr\. (\d+):")

    docx_numbers = {m[1] for t in read_docx(plan) if (m := numbered.match(t))}
    assert len(docx_numbers) == settled  # the open points are listed below the table
    assert read_xlsx(plan)[1:] == [row.text for row in plan.agreements]
    assert read_csv(plan)[1:] == [row.text for row in plan.agreements]
    md = markdown.render_team_plan(plan)
    assert len([line for line in md.splitlines() if re.match(r"\| \d+ \| Afspraak", line)]) == settled
    assert set(numbered.findall(read_pdf(plan))) == {str(i) for i in range(300)}


@pytest.mark.parametrize("evaluation", [None, "", "Na de zomer, met de hele afdeling"])
def test_empty_plan_renders_everywhere(plan, lang, evaluation):
    empty = replace(plan, sessions=[], goals=[], agreements=[], evaluation_moment=evaluation)
    md = markdown.render_team_plan(empty)
    expected = evaluation or ("Not scheduled yet" if lang.code == "en" else "Nog niet gepland")
    assert expected in md
    assert expected in read_pdf(empty)
    assert read_xlsx(empty) == [lang.what]
    assert read_csv(empty) == [lang.what]
    read_docx(empty)


def test_empty_report_renders_everywhere(report):
    empty = SessionReport("", None, "", "", 0, [])
    markdown.render_session_report(empty)
    docx.render_session_report(empty, io.BytesIO())
    pdf.render_session_report(empty, io.BytesIO())
    ragged = replace(report.sections[0], tables=[replace(report.sections[0].tables[0], headers=[])])
    docx.render_session_report(replace(report, sections=[ragged]), io.BytesIO())
    pdf.render_session_report(replace(report, sections=[ragged]), io.BytesIO())
    markdown.render_session_report(replace(report, sections=[ragged]))
