"""Issue 26, item 1: the session report (page, .md/.docx/.pdf and the API) holds only steps the
trainer revealed, applies the minimum group per step, and says it is not final while the session
runs. The differencing attack itself: polling the report between answers teaches nothing about a
step that was not revealed."""

from __future__ import annotations

import io
import re

import docx
from pypdf import PdfReader

from facilitator.extensions import db
from facilitator.sessions.models import User
from facilitator.teamplan import tokens
from facilitator.web.accounts import add_user

from ..conftest import PASSWORD, Console, Phone, login

LEAD = "leider@balie.nl"


def _token(app, email) -> str:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        _token_row, secret = tokens.create(user, "HR", 30)
        db.session.commit()
        return secret


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _page_main(html: str) -> str:
    """The report's content, without the form token that differs per request."""
    return re.sub(r'name="csrf_token" value="[^"]*"', "", html)


def _everything(app, http, lead_http, token, workshop_id) -> dict:
    """Every form of the report, as the trainer and the team lead (page and API token) read it."""
    seen = {}
    for who, client in (("trainer", http), ("lead", lead_http)):
        page = client.get(f"/sessions/{workshop_id}/report")
        assert page.status_code == 200
        seen[f"{who} page"] = _page_main(page.get_data(as_text=True))
        md = client.get(f"/sessions/{workshop_id}/report.md")
        assert md.status_code == 200
        seen[f"{who} md"] = md.get_data(as_text=True)
        seen[f"{who} docx"] = _docx_text(client.get(f"/sessions/{workshop_id}/report.docx").data)
        seen[f"{who} pdf"] = _pdf_text(client.get(f"/sessions/{workshop_id}/report.pdf").data)
    api = app.test_client().get(f"/api/sessions/{workshop_id}/report",
                                headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    seen["api"] = api.get_json()
    return seen


def test_polling_the_report_between_answers_reveals_nothing_about_an_unrevealed_step(
        app, trainer_client, workshop):
    with app.app_context():
        add_user(LEAD, PASSWORD, "teamlead")
        from facilitator.sessions.models import Workshop
        from facilitator.teamplan import teams
        teams.link_lead(db.session.get(Workshop, workshop["id"]).team, LEAD)
        db.session.commit()
    lead_http = app.test_client()
    assert login(lead_http, LEAD).status_code == 302
    token = _token(app, LEAD)
    console = Console(app, trainer_client, workshop["id"])
    phones = [Phone(app, workshop["code"]) for _ in range(6)]
    console.do("start")
    step = console.snapshot()["meta"]["step"]
    before = _everything(app, trainer_client, lead_http, token, workshop["id"])
    for n, phone in enumerate(phones, start=1):
        assert phone.answer({"choice": "agree" if n % 2 else "disagree"}, step=step)["ok"]
        after = _everything(app, trainer_client, lead_http, token, workshop["id"])
        for form, content in before.items():
            assert after[form] == content, f"the {form} changed after answer {n} to an unrevealed step"
    # nor is the unrevealed step's breakdown anywhere in it
    assert "Oneens" not in before["trainer md"] and "Eens" not in before["trainer md"].replace(
        "Eens of oneens", "")
    assert "niet aan de groep getoond" in before["trainer md"]


def test_while_the_session_runs_the_report_says_it_is_not_final(app, trainer_client, workshop):
    console = Console(app, trainer_client, workshop["id"])
    Phone(app, workshop["code"])
    console.do("start")
    token = _token(app, "trainer@example.nl")
    api = app.test_client().get(f"/api/sessions/{workshop['id']}/report",
                                headers={"Authorization": f"Bearer {token}"}).get_json()
    assert api["final"] is False
    for fmt in ("", ".md"):
        text = trainer_client.get(f"/sessions/{workshop['id']}/report{fmt}").get_data(as_text=True)
        assert "Nog niet definitief" in text, fmt
    assert "Nog niet definitief" in _docx_text(
        trainer_client.get(f"/sessions/{workshop['id']}/report.docx").data)
    assert "Nog niet definitief" in " ".join(_pdf_text(
        trainer_client.get(f"/sessions/{workshop['id']}/report.pdf").data).split())
    console.do("end")
    api = app.test_client().get(f"/api/sessions/{workshop['id']}/report",
                                headers={"Authorization": f"Bearer {token}"}).get_json()
    assert api["final"] is True
    assert "Nog niet definitief" not in trainer_client.get(
        f"/sessions/{workshop['id']}/report.md").get_data(as_text=True)


def test_a_revealed_step_is_in_the_report_and_the_minimum_group_holds_per_step(
        app, trainer_client, workshop):
    console = Console(app, trainer_client, workshop["id"])
    phones = [Phone(app, workshop["code"]) for _ in range(4)]
    console.do("start")
    first = console.snapshot()["meta"]["step"]
    for phone in phones:
        assert phone.answer({"choice": "disagree"}, step=first)["ok"]
    console.do("reveal", step=first)
    console.do("next")
    second = console.snapshot()["meta"]["step"]
    for phone in phones[:2]:  # two answers: below the minimum group of three
        assert phone.answer({"choice": "agree"}, step=second)["ok"]
    console.do("reveal", step=second)
    console.do("next")
    third = console.snapshot()["meta"]["step"]
    for phone in phones:  # four answers, never revealed
        assert phone.answer({"choice": "agree"}, step=third)["ok"]
    console.do("end")
    md = trainer_client.get(f"/sessions/{workshop['id']}/report.md").get_data(as_text=True)
    sections = md.split("\n## ")[1:]
    assert len(sections) >= 3
    assert "Oneens" in sections[0] and "4" in sections[0]  # revealed, enough answers: a breakdown
    assert "Minder dan 3 antwoorden" in sections[1]
    assert "Eens" not in sections[1].replace("Eens of oneens", "")
    assert "niet aan de groep getoond" in sections[2]
    assert "Eens" not in sections[2].replace("Eens of oneens", "")
