"""Every export, read back with a library: the team plan (Word, PDF, Excel, CSV, Markdown) and the
session report (Word, PDF, Markdown), from the pages and from the command line. Anonymous steps
carry no name, small groups show no breakdown, formulas never run."""

from __future__ import annotations

import csv
import io
import types

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from facilitator import ANONYMOUS, NAMED, Contribution, Step, WorkForm, hookimpl
from facilitator.extensions import db
from facilitator.sessions.models import Agreement

from ..conftest import Console, Phone
from .conftest import SECRET_TEXT

NAMES = ["Anouk Jansen", "Bram de Wit", "Cem Yılmaz"]
FORMULA = '=HYPERLINK("http://evil.example","klik")'
LONG = "Lange tekst met ë, é, “aanhalingstekens” en 👍. " * 120


class Round(WorkForm):
    """A work form that, like a team quiz, keeps the group's names in its state, and whose report
    (carelessly) prints them: the host must keep them out of an anonymous step's report."""

    name = "round"
    title = "Rondje"

    def plan(self, config):
        return [Step("word", config["question"], config["visibility"])]

    def arrive(self, view):
        view.state["roster"] = [p.name for p in view.participants]

    def accept(self, view, data, me):
        return Contribution({"word": str(data.get("word", ""))[:40]})

    def report(self, view):
        return {"paragraphs": ["Rooster: " + ", ".join(n or "?" for n in view.state["roster"])],
                "tables": [{"caption": "Woorden", "headers": ["Wie", "Woord"],
                            "rows": [[e.name or "anoniem", e.payload["word"]] for e in view.answers()]}]}


round_plugin = types.ModuleType("round_plugin")
round_plugin.__file__ = __file__  # its templates: tests/teamplan/templates/round/
round_plugin.register_work_forms = hookimpl(lambda: [Round])


def _text_of_docx(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _body_of_docx(data: bytes) -> str:
    """Paragraphs and table cells in document order, so sections can be told apart."""
    document = docx.Document(io.BytesIO(data))
    texts = []
    for block in document.element.body.iterchildren():
        texts += [node.text for node in block.iter() if node.tag.endswith("}t") and node.text]
    return "\n".join(texts)


def _text_of_pdf(data: bytes) -> str:
    # In reading order as laid out (a chart's labels where the chart is, not at the end of the page).
    return "\n".join(page.extract_text(extraction_mode="layout")
                     for page in PdfReader(io.BytesIO(data)).pages)


# -- the session report ------------------------------------------------------------------------------

@pytest.fixture
def held(make_app, monkeypatch):
    """A named session with anonymous and named steps, run live with three named phones."""
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.web.accounts import add_user

    from ..conftest import PASSWORD, login

    app = make_app(EXTRA_PLUGINS=[round_plugin])
    with app.app_context():
        user = add_user("trainer@example.nl", PASSWORD, "trainer")
        scenario = scenarios.from_data({"title": "Sessie met privacy", "activities": [
            {"type": "statements", "title": "Stelling anoniem",
             "config": {"statements": ["Schelden hoort bij het werk."]}},
            {"type": "round", "title": "Ronde anoniem",
             "config": {"question": "Hoe voel je je?", "visibility": ANONYMOUS}},
            {"type": "round", "title": "Ronde met naam",
             "config": {"question": "Wat neem je mee?", "visibility": NAMED}},
            {"type": "statements", "title": "Kleine groep",
             "config": {"statements": ["Ik meld elk incident."]}},
        ]}, "privacy", plugin_host())
        workshop = workshops.create(scenario, user, team_name="Balie Burgerzaken", named=True)
        ids = {"id": workshop.id, "code": workshop.code}
    http = app.test_client()
    login(http)
    console = Console(app, http, ids["id"])
    phones = [Phone(app, ids["code"], name) for name in NAMES]
    console.do("start")  # the trainer reveals each step: only revealed steps are reported
    for phone in phones:
        assert phone.answer({"choice": "agree"})["ok"]
    console.do("reveal")
    console.do("next")
    for phone, word in zip(phones, ["moe", "strijdbaar", "gehoord"], strict=True):
        assert phone.answer({"word": word})["ok"]
    console.do("reveal")
    console.do("next")
    for phone, word in zip(phones, ["samen", "melden", "rust"], strict=True):
        assert phone.answer({"word": word})["ok"]
    console.do("reveal")
    console.do("next")
    phones[0].answer({"choice": "agree"})
    phones[1].answer({"choice": "disagree"})
    console.do("reveal")
    console.do("notes", step="s1", notes="Twee mensen twijfelden.")
    console.do("agreement", text=FORMULA, owner="Bram de Wit", kind="action")
    console.do("end")
    return app, http, ids["id"]


def _outside_named_section(text: str) -> str:
    """The parts of a report that belong to anonymous steps (everything but "Ronde met naam")."""
    before, rest = text.split("Ronde met naam", 1)
    _named, after = rest.split("Kleine groep", 1)
    return before + after.split("Afspraken uit deze sessie")[0]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md"])
def test_the_session_report_carries_no_name_in_anonymous_steps(held, fmt):
    app, http, workshop_id = held
    response = http.get(f"/sessions/{workshop_id}/report.{fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=sessieverslag-")
    data = response.data
    text = {"docx": _body_of_docx, "pdf": _text_of_pdf,
            "md": lambda d: d.decode("utf-8").replace("\\", "")}[fmt](data)  # Markdown escapes
    text = " ".join(text.split())  # PDF lines wrap anywhere
    anonymous = _outside_named_section(text)
    for name in NAMES:
        assert name not in anonymous, f"{name} in an anonymous step of the {fmt} report"
    assert "Rooster: […], […], […]" in anonymous
    assert "moe" in anonymous and "strijdbaar" in anonymous
    named = text.split("Ronde met naam", 1)[1].split("Kleine groep")[0]
    assert "Anouk Jansen" in named and "samen" in named  # names do appear where they may
    small = text.split("Kleine groep", 1)[1].split("Afspraken uit deze sessie")[0]
    assert "Minder dan 3 antwoorden: geen uitsplitsing" in small
    assert "Twee mensen twijfelden." in small
    assert "Oneens" not in small  # no table with the 1 agree / 1 disagree split


def test_the_session_report_page_shows_the_same_with_the_same_privacy(held):
    _app, http, workshop_id = held
    page = http.get(f"/sessions/{workshop_id}/report").get_data(as_text=True)
    anonymous = _outside_named_section(page)
    assert not any(name in anonymous for name in NAMES)
    assert "Minder dan 3 antwoorden" in page and "Sessieverslag: Sessie met privacy" in page


# -- the team plan -------------------------------------------------------------------------------------

@pytest.fixture
def hostile_plan(app, world):
    with app.app_context():
        db.session.add_all([
            Agreement(team_id=world["balie"], text=FORMULA, owner="@SUM(A1)", outside_help="+31 6"),
            Agreement(team_id=world["balie"], text=LONG, kind="learning_goal", status="in_progress"),
            Agreement(team_id=world["balie"], text="<script>alert(1)</script> | **vet**"),
        ])
        db.session.commit()
    return world


def _export(client, world, fmt):
    response = client.get(f"/teams/{world['balie']}/export.{fmt}")
    assert response.status_code == 200
    assert "teamplan-balie-burgerzaken-" in response.headers["Content-Disposition"]
    return response.data


def test_the_word_team_plan_has_the_header_the_agreements_and_the_open_points(hostile_plan, lead_client):
    text = _text_of_docx(_export(lead_client, hostile_plan, "docx"))
    for expected in ["Teamplan", "Balie Burgerzaken", "Publiekszaken", "trainer@example.nl",
                     "Meldformulier korter maken", "Arbodienst", "Open punten", "Wie belt de wijkagent?",
                     FORMULA, "Evaluatiemoment", LONG.strip()[:200]]:
        assert expected in text, expected
    assert SECRET_TEXT not in text


def test_the_pdf_team_plan_reads_back(hostile_plan, lead_client):
    data = _export(lead_client, hostile_plan, "pdf")
    assert data.startswith(b"%PDF")
    text = " ".join(_text_of_pdf(data).split())
    for expected in ["Teamplan", "Balie Burgerzaken", "Meldformulier korter maken", "Wie belt de wijkagent?",
                     "Pagina 1 van"]:
        assert expected in text, expected
    assert SECRET_TEXT not in text


def test_the_excel_register_keeps_formula_like_text_as_text_and_dates_as_dates(hostile_plan, lead_client):
    sheet = openpyxl.load_workbook(io.BytesIO(_export(lead_client, hostile_plan, "xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Nr.", "Wie", "Wat", "Beoogd resultaat")
    header = rows[0]
    formula_row = dict(zip(header, next(r for r in rows if r[2] and "HYPERLINK" in r[2]), strict=True))
    # As typed, without the CSV's apostrophe; stored as text (never a formula).
    assert formula_row["Wat"] == FORMULA and formula_row["Wie"] == "@SUM(A1)"
    assert formula_row["Hulp van buiten nodig"] == "+31 6"
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)
    due = dict(zip(header, next(r for r in rows if r[2] == "Meldformulier korter maken"), strict=True))
    assert hasattr(due["Wanneer"], "year")  # a real date, shown in the reader's own format
    assert hasattr(due["Laatst bijgewerkt"], "year")
    assert [r[0] for r in rows[1:]] == list(range(1, 7))  # numbered in the plan's order
    assert len(rows) == 1 + 6


def test_the_csv_register_opens_in_dutch_excel(hostile_plan, lead_client):
    data = _export(lead_client, hostile_plan, "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nr.", "Wie", "Wat"]
    assert ["'@SUM(A1)", "'" + FORMULA] == next(r for r in rows if "HYPERLINK" in r[2])[1:3]
    assert any(r[2] == LONG for r in rows)  # 6,000 characters with emoji, whole


def test_the_markdown_team_plan_escapes_what_people_typed(hostile_plan, lead_client):
    text = _export(lead_client, hostile_plan, "md").decode("utf-8")
    assert "# Teamplan" in text and "Balie Burgerzaken" in text
    assert "<script>" not in text and r"\<script\>" in text and r"\| \*\*vet\*\*" in text


def test_an_unknown_format_is_not_found(world, trainer_client):
    assert trainer_client.get(f"/teams/{world['balie']}/export.exe").status_code == 404
    assert trainer_client.get(f"/sessions/{world['session']}/report.xlsx").status_code == 404


# -- the command line --------------------------------------------------------------------------------------

@pytest.fixture
def cli_env(app, tmp_path, monkeypatch, world):
    monkeypatch.setenv("FACILITATOR_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("FACILITATOR_SECRET_KEY", "test-secret")
    return world


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx", "csv", "md"])
def test_facilitator_export_teamplan_writes_each_format(cli_env, tmp_path, fmt):
    from facilitator.cli import main

    out = tmp_path / f"plan.{fmt}"
    result = CliRunner().invoke(main, ["export", "teamplan", "balie burgerzaken", "--format", fmt,
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if fmt == "docx":
        assert "Meldformulier korter maken" in _text_of_docx(data)
    elif fmt == "pdf":
        assert "Meldformulier korter maken" in _text_of_pdf(data)
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        assert sheet["A1"].value == "Nr." and sheet["B1"].value == "Wie"
    else:
        assert "Meldformulier korter maken" in data.decode("utf-8-sig")


def test_facilitator_export_session_and_its_errors(cli_env, tmp_path):
    from facilitator.cli import main

    out = tmp_path / "verslag.md"
    result = CliRunner().invoke(main, ["export", "session", str(cli_env["session"]), "--format", "md",
                                       "-o", str(out), "--language", "en"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Session report")
    assert "Agreements from this session" in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(main, ["export", "teamplan", "Bestaat niet", "--format", "md",
                                        "-o", str(out)])
    assert missing.exit_code != 0 and "No team 'Bestaat niet'" in missing.output
    wrong = CliRunner().invoke(main, ["export", "session", "1", "--format", "xlsx", "-o", str(out)])
    assert wrong.exit_code == 2
