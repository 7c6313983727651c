"""The personal learning goal (METHODS.md section 7: personal results stay personal): written on
the phone beside its own profile, downloaded as PDF made on request and not kept, shared with the
trainer only by an explicit opt-in (on the console, never on the shared screen or in the report);
and the console's one primary action in every state of the questionnaire."""

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator import InputRejected
from facilitator.testing import Bench
from plugins.questionnaire.workform import Questionnaire

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CONFIG = {"threshold": 50, "aspects": [
    {"title": "Risico-inschatting", "statements": ["Ik schat vooraf het risico in."]},
    {"title": "Tot slot", "type": "open", "statements": ["Wat wil je nog kwijt?"]}]}
SCENARIO = {"title": "Leerdoelwijzer", "activities": [
    {"type": "questionnaire", "title": "Leerdoelwijzer Balie", "config": CONFIG}]}


def test_sharing_needs_an_explicit_yes_and_stays_with_the_trainer():
    b = Bench(Questionnaire(), CONFIG, participants=3)
    b.answer(1, {"aspect": "0", "q-0-0": "nooit"})
    b.go("goal")
    assert b.step.visibility == "trainer"
    with pytest.raises(InputRejected):
        b.answer(1, {"goal": "Eerder een grens stellen."})  # not ticked: nothing is kept
    assert b.entries["goal"] == []
    with pytest.raises(InputRejected):
        b.answer(1, {"goal": "", "share": "yes"})
    b.answer(1, {"goal": "Eerder een grens stellen.", "share": "yes", "name": "Anna"})
    assert b.results()["shared"] == [{"goal": "Eerder een grens stellen.", "name": "Anna"}]
    assert b.phone_context(1)["shared"]["goal"] == "Eerder een grens stellen."
    assert b.phone_context(1)["profile"][0]["rows"][0]["answer"] == "nooit"  # its own answers
    assert b.phone_context(2)["shared"] == {}


@pytest.mark.parametrize("state, expected", [
    ("open-empty", ""), ("open-answered", "close"), ("closed", "reveal"),
    ("revealed-candidates", "goal"), ("goal-chosen", "next"), ("goal-step", "next")])
def test_the_console_has_one_primary_action_in_every_state(state, expected):
    b = Bench(Questionnaire(), CONFIG, participants=3)
    b.start()
    if state != "open-empty":
        for person in (1, 2, 3):
            b.answer(person, {"aspect": "0", "q-0-0": "nooit"})
    if state not in ("open-empty", "open-answered"):
        b.close()
    if state in ("revealed-candidates", "goal-chosen", "goal-step"):
        b.reveal()
    if state == "goal-chosen":
        b.act("goal", {"key": "0.0"})
    if state == "goal-step":
        b.go("goal")
    assert b.form.console_primary(b.view()) == expected


def test_the_console_marks_that_one_action_primary(facilitator_session):
    session = facilitator_session(SCENARIO, phones=3)
    session.trainer.do("start")

    def primary():
        html = session.trainer.html
        return [chunk.split('data-action="')[1].split('"')[0] if 'data-action="' in chunk
                else chunk.split('data-control="')[1].split('"')[0]
                for chunk in _primaries(html)]

    assert primary() == []  # the group is at work: nothing to press, and not "next"
    for phone in session.phones:
        phone.answer({"aspect": "0", "q-0-0": "nooit"})
    assert primary() == ["close"]
    session.trainer.do("close")
    assert primary() == ["reveal"]
    session.trainer.do("reveal")
    assert primary() == ["goal"]
    session.trainer.do("goal", key="0.0")
    assert primary() == ["next"]


def _primaries(html):
    """The opening tags (with their form, for a plugin's button) of every primary button."""
    found = []
    for part in html.split("<button")[1:]:
        tag = part.split(">")[0]
        if 'class="primary' in tag or "class=\"next primary" in tag or " primary\"" in tag:
            if "data-action=" in tag:
                found.append(tag)
            else:  # a plugin's form button: its form's control
                form = html.split("<button" + part)[0].rsplit("<form", 1)[1]
                found.append(form)
    return found


def test_a_shared_goal_shows_on_the_console_only(facilitator_session):
    session = facilitator_session(SCENARIO, phones=3)
    session.trainer.do("start")
    first, second, _third = session.phones
    assert first.answer({"aspect": "0", "q-0-0": "nooit"})["ok"]
    session.trainer.do("close")
    session.trainer.do("next")
    assert "Deel het met de trainer?" in first.html
    refused = second.answer({"goal": "Rustig blijven."})
    assert not refused["ok"] and "Vink aan" in str(refused)
    assert "Rustig blijven." not in session.trainer.html
    assert first.answer({"goal": "Eerder een grens stellen.", "share": "yes",
                         "name": "Anna"})["ok"]
    assert "Eerder een grens stellen." in session.trainer.html and "Anna" in session.trainer.html
    assert "Eerder een grens stellen." not in session.screen.html
    assert "De trainer kan je leerdoel zien." in first.html
    session.trainer.do("reveal")  # even revealed, a trainer-only step stays off the screen
    assert "Eerder een grens stellen." not in session.screen.html
    assert "Eerder een grens stellen." not in repr(session.report())
    assert first.withdraw("")["ok"]
    assert "Eerder een grens stellen." not in session.trainer.html


def test_the_pdf_is_made_from_the_own_answers_and_nothing_is_kept(facilitator_session):
    from facilitator.extensions import db
    from facilitator.sessions.models import Entry

    session = facilitator_session(SCENARIO, phones=2)
    session.trainer.do("start")
    first, second = session.phones
    assert first.answer({"aspect": "0", "q-0-0": "nooit"})["ok"]
    assert second.answer({"aspect": "0", "q-0-0": "altijd"})["ok"]
    session.trainer.do("close")
    session.trainer.do("next")

    def count():
        with session.app.app_context():
            found = db.session.query(Entry).count()
            db.session.remove()
            return found

    before = count()
    url = f"/p/{session.code}/mine.pdf"
    response = first.http.post(url, data={"goal": "Eerder een grens stellen."})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "mijn-leerdoel" in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Eerder een grens stellen." in text and "Risico-inschatting" in text
    assert "nooit" in text and "aandachtspunt" in text and "altijd" not in text
    assert count() == before  # nothing of it stored
    ARTIFACTS.mkdir(exist_ok=True)  # for a person to look at
    (ARTIFACTS / "personal-goal.pdf").write_bytes(response.data)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1",
                    str(ARTIFACTS / "personal-goal.pdf"), str(ARTIFACTS / "personal-goal")],
                   check=True, timeout=60)
    assert session.app.test_client().post(url, data={"goal": "x"}).status_code == 404  # no phone
    assert first.http.post("/p/XXXXXX/mine.pdf", data={}).status_code == 404
