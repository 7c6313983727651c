"""A team plan of 40 agreements, 10 of them overdue, exported in every format as the team lead
downloads it, checked as a filed document and rendered to PNG (test-artifacts/teamplan-40-*.png)
for a person to look at: pdftoppm for the PDF, LibreOffice for Word and Excel."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import docx as python_docx
import openpyxl
import pyphen
import pytest
from pypdf import PdfReader

from facilitator.extensions import db
from facilitator.sessions.models import Agreement, Team, User
from facilitator.teamplan import plan

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
OWNERS = ["Anouk de Vries", "Ömer Şahin", "Teamleider", "Iedereen", "Vertrouwenspersoon", None]
TEXTS = [
    "Na elk incident belt de Vertrouwenspersoon binnen twee werkdagen de collega terug",
    "Communicatie met de beveiliging over de sluitingstijden van de publiekshal verbeteren",
    "Bij dreiging lopen we met z'n tweeën naar de balie",
    "Meldformulier agressie en geweld korter maken",
    "- eerst navragen bij de wijkagent of de melding al bekend is",
    "Alarmknop onder de balie elke maand testen",
    "Nazorg: een collega die iets heftigs meemaakte gaat niet alleen naar huis",
    "Arbeidsomstandighedenspreekuur aanvragen voor de hele afdeling",
]
RESULTS = [None, "Iedere melding staat binnen 24 uur in het systeem",
           "Geen enkele collega staat na sluitingstijd alleen achter de balie"]
STATUSES = ["open", "in_progress", "open", "done", "dropped"]
KINDS = ["working_agreement", "action", "action", "learning_goal", "open_point"]


def _day(offset: int) -> datetime:
    return datetime.combine(date.today() + timedelta(days=offset), datetime.min.time())


@pytest.fixture
def forty(app, world):
    """The world's team with 40 agreements in all; 10 are past their date and still open."""
    with app.app_context():
        team = db.session.get(Team, world["balie"])
        trainer = db.session.get(User, world["trainer"])
        db.session.execute(db.delete(Agreement).where(Agreement.team_id == team.id))
        overdue = 0
        for i in range(40):
            status = STATUSES[i % len(STATUSES)]
            late = overdue < 10 and status in plan.ACTIVE and i % 2 == 0
            overdue += late
            agreement = plan.add(team, {
                "text": f"{TEXTS[i % len(TEXTS)]} ({i + 1})", "kind": KINDS[i % len(KINDS)],
                "owner": OWNERS[i % len(OWNERS)], "status": status,
                "due": (_day(-5 - i) if late else _day(10 + i)).date().isoformat()
                if i % 7 != 6 or late else None,
                "outside_help": "+31 6 1234 5678" if i % 9 == 0 else "Arbodienst" if i % 4 == 0 else "",
                "expected_result": RESULTS[i % len(RESULTS)],
            }, trainer)
            if i % 5 == 1:
                plan.record(agreement, trainer, "reviewed", {},
                            "In de sessie “Terugblik voorjaar”. Half gedaan: de OR kijkt mee.")
        db.session.commit()
        assert overdue == 10
        assert plan.summary(plan.ordered(team))["overdue"] == 10
    return world


def _export(client, team_id: int, fmt: str) -> bytes:
    response = client.get(f"/teams/{team_id}/export.{fmt}")
    assert response.status_code == 200, fmt
    return response.data


def _pngs(pdf: Path, name: str, pages: int = 2, first: int = 1) -> list[Path]:
    """The first pages of a PDF (or those from ``first`` on) as PNG files in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / name
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(first), "-l", str(first + pages - 1),
                    str(pdf), str(prefix)], check=True, timeout=120)
    found = sorted(ARTIFACTS.glob(f"{name}-*.png"))
    assert found, name
    return found


def _office_pdf(source: Path, out: Path, *infilter: str) -> Path:
    """Word or Excel file → PDF with LibreOffice, as the file would print."""
    profile = out / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *infilter,
                    "--convert-to", "pdf", "--outdir", str(out), str(source)],
                   check=True, timeout=240, capture_output=True)
    converted = out / (source.stem + ".pdf")
    assert converted.exists(), source
    return converted


def _hyphenation_is_dutch(text: str) -> list[str]:
    """Words broken at a line end where Dutch hyphenation would not break them."""
    dictionary = pyphen.Pyphen(lang="nl_NL")
    wrong = []
    for first, rest in re.findall(r"(\w+)\u2010\s+(\w+)", text):
        word = first + rest
        if len(first) not in dictionary.positions(word):
            wrong.append(f"{first}|{rest}")
    return wrong


def test_forty_agreements_export_cleanly_in_every_format(forty, lead_client, tmp_path):
    team_id = forty["balie"]

    # CSV: the register, every agreement numbered, ten marked overdue.
    data = _export(lead_client, team_id, "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header == ["Nr.", "Wie", "Wat", "Beoogd resultaat", "Wanneer", "Te laat", "Status", "Soort",
                      "Hulp van buiten nodig", "Laatst bijgewerkt", "Opvolging", "Bron"]
    assert [r[0] for r in body] == [str(n) for n in range(1, 41)]
    assert sum(r[5] == "Ja" for r in body) == 10
    assert sum(r[10].startswith("In de sessie “Terugblik voorjaar”") for r in body) == 8
    (tmp_path / "teamplan.csv").write_bytes(data)

    # XLSX: the same, text as typed (no apostrophe), dates as dates.
    data = _export(lead_client, team_id, "xlsx")
    (tmp_path / "teamplan.xlsx").write_bytes(data)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in values] == list(range(1, 41))
    assert sum(r[5] == "Ja" for r in values) == 10
    assert "+31 6 1234 5678" in {r[8] for r in values}
    assert any(r[2].startswith("- eerst navragen") for r in values)
    assert not [v for r in values for v in r if isinstance(v, str) and v.startswith("'")]

    # Markdown: numbered rows, the overdue mark and the summary line.
    text = _export(lead_client, team_id, "md").decode()
    assert "**10 afspraken zijn over de datum en staan nog open.**" in text
    assert text.count("**Te laat**") + text.count("· Te laat") == 10

    # DOCX: properties a document system files by, Dutch spelling, page numbers.
    data = _export(lead_client, team_id, "docx")
    (tmp_path / "teamplan.docx").write_bytes(data)
    doc = python_docx.Document(io.BytesIO(data))
    props = doc.core_properties
    assert props.title == "Teamplan: Balie Burgerzaken"
    assert props.author == "lead@balie.nl"  # the one who downloads it: no display name yet
    assert props.language == "nl-NL"
    assert props.created.date() == date.today() and props.modified.date() == date.today()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode()
        footer = "".join(package.read(n).decode() for n in package.namelist() if "footer" in n)
    assert 'w:val="nl-NL"' in styles
    assert "PAGE" in footer and "NUMPAGES" in footer and "Pagina" in footer
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert sum(c == "Te laat" or c.endswith("\nTe laat") for c in cells) >= 8  # open points: below

    # PDF: tagged, Dutch, the header row once per page, Dutch hyphenation only.
    data = _export(lead_client, team_id, "pdf")
    (tmp_path / "teamplan.pdf").write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title == "Teamplan: Balie Burgerzaken"
    pages = [p.extract_text() for p in reader.pages]
    assert all(page.count("Hulp van buiten nodig") <= 1 for page in pages)  # header row not doubled
    whole = "\n".join(pages)
    assert whole.count("Te laat") >= 10
    assert _hyphenation_is_dutch(whole) == []
    assert "Vertrouwensp\u2010" not in whole and "Communicati\u2010" not in whole

    # Rendered for a person to look at.
    if not (shutil.which("pdftoppm") and shutil.which("soffice")):
        pytest.fail("pdftoppm and soffice are needed: run scripts/ensure-services.sh")
    _pngs(tmp_path / "teamplan.pdf", "teamplan-40-pdf")
    _pngs(tmp_path / "teamplan.pdf", "teamplan-40-pdf-end", pages=1, first=len(reader.pages))
    _pngs(_office_pdf(tmp_path / "teamplan.docx", tmp_path), "teamplan-40-docx")
    _pngs(_office_pdf(tmp_path / "teamplan.xlsx", tmp_path), "teamplan-40-xlsx", pages=1)
