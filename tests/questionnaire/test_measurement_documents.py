"""The comparison of a 0- and a 1-measurement as a document a team lead or programme owner files:
Word, PDF and Excel from the team plan, with the same privacy gate as the screen (nothing below the
minimum); rendered to PNG in test-artifacts/ (pdftoppm; LibreOffice for Word and Excel)."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import docx as python_docx
import openpyxl
from pypdf import PdfReader

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import User
from plugins.questionnaire.measurement import documents

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
QUESTIONS = [["0.0", "Hoe vaak kreeg je te maken met verbale agressie?", "frequency"],
             ["2.1", "Weet je waar en hoe je een incident meldt?", "yesno"]]
OPTIONS = {"frequency": ["nooit", "1 keer", "2 tot 5 keer", "vaker dan 5 keer"],
           "yesno": ["ja", "nee"]}


def tally(phase, respondents, counts, minimum=15):
    return {"measurement": {"id": "veilig-werken", "phase": phase, "minimum": minimum},
            "respondents": respondents, "scale": ["eens", "oneens"],
            "rows": [[k, text, c] for (k, text, _kind), c in zip(QUESTIONS, counts, strict=True)],
            "options": {k: OPTIONS[kind] for k, _text, kind in QUESTIONS}}


ZERO = tally("0", 20, [[4, 6, 6, 4], [12, 8]])
ONE = tally("1", 18, [[9, 5, 3, 1], [17, 1]])


def plain(*tallies):
    return [{"id": n, "title": f"Meting {n}", "held_on": datetime(2027, n * 3, 1).date(),
             "activities": [{"id": n, "type": "questionnaire", "title": "Meting",
                             "state": {"tally": t}}]} for n, t in enumerate(tallies, start=1)]


def test_per_question_each_answer_with_count_share_and_difference():
    [document] = documents(plain(ZERO, ONE))
    assert document["key"] == "meting-veilig-werken"
    first = document["sections"][0]
    assert first["title"] == "Hoe vaak kreeg je te maken met verbale agressie?"
    assert first["tables"][0].rows[0] == ["nooit", "20% (4)", "50% (9)", "+30"]
    assert document["sections"][1]["tables"][0].rows[1] == ["nee", "40% (8)", "6% (1)", "-34"]
    assert any("20 respondents" in p for p in document["paragraphs"])
    assert document["sheet"].rows[0] == [first["title"], "nooit", 4, 20, 9, 50, 30]


def test_below_the_minimum_on_either_side_the_document_holds_no_number():
    [document] = documents(plain(ZERO, tally("1", 15, [[9, 5, 1, 0], [14, 1]])))
    assert document["sections"] == []
    assert document["paragraphs"][0].startswith("Not shown")
    text = repr(document)
    assert "%" not in text.replace("%(", "") and "nooit" not in text


def earlier_and_later(app, trainer, zero, one):
    with app.app_context():
        user = db.session.get(User, trainer)
        made = []
        for number, (name, state) in enumerate((("nulmeting", zero), ("eenmeting", one))):
            scenario = scenarios.builtin(plugin_host())[f"meting-veilig-werken-{name}"]
            session = workshops.create(scenario, user, team_name="Balie Burgerzaken")
            session.status = "ended"
            session.started_at = datetime.now(UTC) - timedelta(days=200 - 150 * number)
            session.activities[0].state = {"tally": state}
            session.team.unit = "Publiekszaken"
            made.append(session)
        db.session.commit()
        return made[0].team_id


def rendered(pdf: Path, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf),
                    str(ARTIFACTS / name)], check=True, timeout=120)
    [first, *_rest] = sorted(ARTIFACTS.glob(f"{name}-*.png"))
    return first


def office_pdf(source: Path, out: Path) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(source)],
                   check=True, timeout=240, capture_output=True)
    return out / (source.stem + ".pdf")


def test_the_team_plan_offers_the_comparison_as_word_pdf_and_excel(app, trainer, trainer_client,
                                                                    tmp_path):
    team = earlier_and_later(app, trainer, ZERO, ONE)
    page = trainer_client.get(f"/teams/{team}").get_data(as_text=True)
    assert 'data-document="meting-veilig-werken"' in page and "Documenten om te bewaren" in page
    files = {}
    for fmt in ("docx", "pdf", "xlsx"):
        response = trainer_client.get(f"/teams/{team}/documents/meting-veilig-werken.{fmt}")
        assert response.status_code == 200, fmt
        assert "0-1-meting-veilig-werken-balie-burgerzaken" in response.headers[
            "Content-Disposition"]
        files[fmt] = tmp_path / f"vergelijking.{fmt}"
        files[fmt].write_bytes(response.data)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
        files["pdf"].read_bytes())).pages)
    assert "0/1-meting veilig-werken" in text and "Balie Burgerzaken" in text
    assert "Sessieverslag" not in text and "Zichtbaarheid" not in text
    assert "Hoe vaak kreeg je te maken met verbale agressie?" in text and "+30" in text
    word = python_docx.Document(str(files["docx"]))
    assert word.paragraphs[0].text == "0/1-meting veilig-werken"
    assert [c.text for c in word.tables[1].rows[0].cells] == [
        "Antwoord", "0-meting (n=20)", "1-meting (n=18)", "Verschil (procentpunten)"]
    assert [c.text for c in word.tables[1].rows[1].cells] == ["nooit", "20% (4)", "50% (9)", "+30"]
    sheet = openpyxl.load_workbook(files["xlsx"]).active
    assert [c.value for c in sheet[1]][:3] == ["Vraag", "Antwoord", "0-meting: aantal"]
    assert [c.value for c in sheet[2]][1:] == ["nooit", 4, 20, 9, 50, 30]
    rendered(files["pdf"], "measurement-comparison-pdf")
    rendered(office_pdf(files["docx"], tmp_path), "measurement-comparison-docx")
    rendered(office_pdf(files["xlsx"], tmp_path), "measurement-comparison-xlsx")
    for odd in ("meting-veilig-werken.csv", "meting-anders.pdf", "..%2Fx.pdf"):
        assert trainer_client.get(f"/teams/{team}/documents/{odd}").status_code == 404


def test_below_the_minimum_the_files_say_so_and_hold_no_number(app, trainer, trainer_client):
    team = earlier_and_later(app, trainer, ZERO, tally("1", 12, [[9, 1, 1, 1], [11, 1]]))
    response = trainer_client.get(f"/teams/{team}/documents/meting-veilig-werken.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Niet getoond: elke meting heeft meer dan 15 respondenten nodig." in text
    assert "%" not in text and "nooit" not in text
    sheet = openpyxl.load_workbook(io.BytesIO(trainer_client.get(
        f"/teams/{team}/documents/meting-veilig-werken.xlsx").data)).active
    assert sheet.max_row == 2 and "Niet getoond" in sheet["A2"].value
