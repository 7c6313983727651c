"""The language rule: everything a work form produces for a live session is in the session's
language, whatever language the trainer's or a participant's interface is in (issue 18).

The work form is ``tests/tally``: a plugin outside ``plugins/`` with its own Dutch catalog, a lazy
title and lazy step titles."""

import json
import re

import pytest
from sqlalchemy import select

from facilitator.extensions import db, socketio
from facilitator.live import snapshots
from facilitator.sessions import workshops
from facilitator.sessions.models import Activity, Agreement, User
from facilitator.sessions.scenarios import Scenario
from tests import tally
from tests.conftest import Console, Phone, login

WORDS = {
    "nl": {"title": "Hand omhoog als je het eens bent", "next": "Nog een keer, na het gesprek",
           "results": "Geteld: 3 handen omhoog", "hint": "Steek je hand op als je het eens bent.",
           "refusal": "Steek je hand op of laat hem omlaag.", "report": "3 handen omhoog",
           "form": "Handopsteken", "caption": "Handen",
           "closed": "Deze stap is gesloten; er worden geen antwoorden meer aangenomen.",
           "only": "Hier kun je alleen instemmen.", "state": "Ingestemd met handopsteken",
           "agreement": "We tellen handen bij elk overleg"},
    "en": {"title": "Hands up if you agree", "next": "Once more, after the talk",
           "results": "Counted: 3 hands up", "hint": "Raise your hand if you agree.",
           "refusal": "Raise your hand or keep it down.", "report": "3 hands up",
           "form": "Show of hands", "caption": "Hands",
           "closed": "This step is closed; answers are no longer taken.",
           "only": "Only agreeing is possible here.", "state": "Agreed by a show of hands",
           "agreement": "We count hands at every meeting"},
}


@pytest.fixture
def tally_app(make_app):
    app = make_app(EXTRA_PLUGINS=[tally])
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _session(app, language):
    from facilitator.web.accounts import add_user

    with app.app_context():
        trainer = add_user("trainer@example.nl", "correct horse battery", "trainer")
        scenario = Scenario(id="tally", title="Handen", language=language, activities=[
            {"type": "tally", "title": "Handen", "config": {}}])
        made = workshops.create(scenario, db.session.get(User, trainer.id))
        return made.id, made.code


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("session", "interface"), [("nl", "en"), ("en", "nl")])
def test_a_work_form_speaks_the_sessions_language_under_an_interface_in_another(
        tally_app, session, interface):
    app, words = tally_app, WORDS[session]
    workshop_id, code = _session(app, session)
    http = app.test_client()
    http.set_cookie("lang", interface)  # the trainer's own choice of interface language
    assert login(http).status_code == 302
    console = Console(app, http, workshop_id)
    phones = []
    for _ in range(3):
        phone = Phone.__new__(Phone)
        phone.app, phone.code, phone.http = app, code, app.test_client()
        phone.http.set_cookie("lang", interface)  # the phone's own interface language
        assert phone.http.post(f"/j/{code}", data={"name": ""}).status_code == 302
        phone.connect()
        phones.append(phone)

    assert console.do("start") == {"ok": True}  # the first plan() runs in the trainer's request
    first = console.snapshot()
    json.dumps(first)  # lazy step titles went out as text
    assert first["meta"]["title"] == words["title"]
    assert words["hint"] in _text(phones[0].snapshot()["html"])

    refused = phones[0].answer({"hand": "sideways"})
    assert refused == {"ok": False, "error": words["refusal"]}
    for phone in phones:
        assert phone.answer({"hand": "up"})["ok"]
    assert words["results"] in _text(console.snapshot()["html"])
    with app.test_request_context(headers={"Cookie": f"lang={interface}"}):  # a broadcast
        reading = snapshots.read_by_id(workshop_id)  # from a request in the other language
        assert words["results"] in _text(reading.console()["html"])
        assert words["hint"] in _text(next(reading.phones())[1]["html"])

    screen = socketio.test_client(app, flask_test_client=http,
                                  auth={"role": "screen", "workshop": workshop_id})
    assert console.do("reveal", step="hands") == {"ok": True}
    shown = screen.emit("hello", {}, callback=True)["snapshot"]
    assert words["results"].split(": ")[1] in _text(shown["html"])

    assert console.do("shrug", step="hands") == {"ok": False, "error": words["only"]}
    assert console.do("agree", step="hands") == {"ok": True}  # lazy text into state, team plan
    with app.app_context():
        assert db.session.get(Activity, 1).state["last"] == words["state"]
        assert db.session.scalars(select(Agreement.text)).all() == [words["agreement"]]

    assert console.do("close", step="hands") == {"ok": True}
    assert phones[1].answer({"hand": "down"}, step="hands") == {"ok": False,
                                                                "error": words["closed"]}
    assert console.do("next") == {"ok": True}
    assert console.snapshot()["meta"]["title"] == words["next"]

    from facilitator.teamplan import documents

    with app.test_request_context(headers={"Cookie": f"lang={interface}"}):
        report = documents.session_report(db.session.get(documents.Workshop, workshop_id))
    section = next(s for s in report.sections if s.work_form_title == words["form"])
    assert words["report"] in section.paragraphs
    assert [t.caption for t in section.tables] == [words["caption"]]
