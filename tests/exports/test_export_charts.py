"""Results people would rather look at than read come out as bar charts in the PDF: the votes per
statement, the quiz scoreboard, the incident's causes per factor group. The session report is
rendered to PNG (test-artifacts/session-report-pdf-*.png) for a person to look at."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdf
import pytest

from facilitator.exports import ReportSection, ReportTable, SessionReport, charts, pdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
STATEMENTS = ReportTable("", ["Stelling", "Eens", "Oneens", "Pas", "Gaf het beleidsantwoord"], [
    ["Schelden hoort bij het werk.", "2", "9", "1", "75%"],
    ["Ik meld elk incident, ook als er niemand gewond is.", "5", "6", "1", "42%"],
    ["Na sluitingstijd sta ik nooit alleen achter de balie.", "11", "1", "0", "92%"],
])
SCOREBOARD = ReportTable("Eindstand", ["Plaats", "Team", "Punten"], [
    ["1", "De Balie", "7½"], ["2", "Team Handhaving", "5"], ["3", "Burgerzaken", "2"]])
FACTORS = ReportTable("Oorzaken per factorgroep", ["Factorgroep", "Oorzaken"], [
    ["Dader", "3"], ["Medewerker", "1"], ["Organisatie", "4"], ["Omgeving", "0"]])
PHASES = ReportTable("Verloop", ["Fase", "Wat er gebeurde", "Waarnemingen"], [
    ["Voor", "Klant wacht lang", "Onrustig"], ["Tijdens", "Klant scheldt", "Collega kwam erbij"]])


def test_tables_of_counts_get_a_chart_and_others_do_not():
    votes = charts.chart_of(STATEMENTS)
    assert votes.series == ["Eens", "Oneens", "Pas"] and votes.stacked  # not the percentage
    assert votes.bars[2] == ("Na sluitingstijd sta ik nooit alleen achter de balie.", [11.0, 1.0, 0.0])
    score = charts.chart_of(SCOREBOARD)
    assert score.series == ["Punten"]  # the place is a ranking, not a count
    assert score.bars[0] == ("De Balie", [7.5])
    assert charts.chart_of(FACTORS).bars[2] == ("Organisatie", [4.0])
    assert charts.chart_of(PHASES) is None
    assert charts.chart_of(ReportTable("", ["Stelling", "Eens"], [["Eén stelling", "3"]])) is None


def test_the_chart_is_an_svg_with_every_number_and_described_in_words():
    chart = charts.chart_of(STATEMENTS)
    svg = charts.svg(chart)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert ">11<" in svg and ">9<" in svg
    assert "Schelden hoort bij het werk.: Eens 2, Oneens 9, Pas 1" in charts.description(chart)


def _structure(node):
    """Every element of a PDF's structure tree."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            yield from _structure(child)
    elif isinstance(node, dict):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from _structure(node["/K"])


@pytest.fixture
def results_report() -> SessionReport:
    return SessionReport(
        title="Veilig aan de balie: voorjaarssessie", held_on=date(2026, 3, 12),
        trainer="Inge de Vries", team_name="Balie Burgerzaken", participant_count=12,
        sections=[
            ReportSection("Stellingen over veilig werken", "Stellingen", "anonymous",
                          ["Stelling 2: de groep twijfelde of bijna-incidenten ook gemeld worden."],
                          [STATEMENTS]),
            ReportSection("Eindstand", "Quiz", "named", [], [SCOREBOARD]),
            ReportSection("Incident bespreken: factoren", "Incidentbespreking", "anonymous",
                          ["Kans op herhaling: groot."], [PHASES, FACTORS]),
        ])


def test_the_session_report_pdf_shows_charts_with_alternative_text(results_report, lang):
    out = io.BytesIO()
    pdf.render_session_report(results_report, out)
    data = out.getvalue()
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.trailer["/Root"]["/Lang"] == ("nl-NL" if lang.code == "nl" else "en-GB")
    figures = [node for node in _structure(reader.trailer["/Root"]["/StructTreeRoot"])
               if node.get("/S") == "/Figure"]
    assert len(figures) == 3  # each chart a tagged figure, described in words
    assert all("/Alt" in f and ":" in f["/Alt"] for f in figures)
    kinds = {str(node.get("/S")) for node in _structure(reader.trailer["/Root"]["/StructTreeRoot"])}
    assert {"/Table", "/TH", "/TD", "/H1", "/H2"} <= kinds
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Schelden hoort bij het werk." in text and "Organisatie" in text
    if lang.code == "nl":
        if not shutil.which("pdftoppm"):
            pytest.fail("pdftoppm is needed: run scripts/ensure-services.sh")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "session-report.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2",
                        str(ARTIFACTS / "session-report.pdf"), str(ARTIFACTS / "session-report-pdf")],
                       check=True, timeout=120)
        (ARTIFACTS / "session-report.pdf").unlink()


def test_the_word_session_report_has_the_charts_as_pictures_with_alternative_text(results_report, lang):
    import docx as python_docx

    from facilitator.exports import docx

    out = io.BytesIO()
    docx.render_session_report(results_report, out)
    doc = python_docx.Document(io.BytesIO(out.getvalue()))
    assert len(doc.inline_shapes) == 3
    described = doc.element.body.xpath(".//wp:docPr/@descr")
    assert len(described) == 3 and "Organisatie: Oorzaken 4" in described[2]
    if lang.code == "nl":
        if not (shutil.which("soffice") and shutil.which("pdftoppm")):
            pytest.fail("soffice and pdftoppm are needed: run scripts/ensure-services.sh")
        folder = ARTIFACTS / "session-report-docx-work"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "verslag.docx").write_bytes(out.getvalue())
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(folder / "verslag.docx")],
                       check=True, timeout=240, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(folder / "verslag.pdf"),
                        str(ARTIFACTS / "session-report-docx")], check=True, timeout=120)
        shutil.rmtree(folder)
