"""A live intervision round with the public harness: a contributor and five phones, the
roddelmethode from bringing in cases to the close; what was said is gone once the session ends."""

import re

from facilitator.testing import LiveSession

SAID = ("Dreiging bij huisbezoek", "Wat zei hij precies", "Misschien voelde ze zich alleen",
        "Hoe voorkom je dat", "Ik vraag eerder om hulp")


def token(html):
    found = re.search(r'data-token="([0-9a-f]{16})"', html)
    return found.group(1) if found else None


def step(session):
    return session.screen.meta["step"]


def test_a_roddelmethode_round_with_a_contributor_and_five_phones(tmp_path):
    session = LiveSession({"title": "Intervisie", "activities": [
        {"type": "intervision", "config": {"method": "roddel", "dots": 2}}]},
        folder=tmp_path, phones=6)
    trainer, screen, phones = session.trainer, session.screen, session.phones
    assert trainer.do("start")["ok"]
    assert "data-confidential" in phones[0].html  # said before anything is typed
    assert phones[0].answer({"title": "Dreiging bij huisbezoek", "line": "Hij pakte een mes"})["ok"]
    assert phones[1].answer({"title": "Grenzen stellen aan de telefoon"})["ok"]
    assert "Dreiging" not in screen.html  # while cases come in: only how many
    trainer.do("next")
    assert "Dreiging bij huisbezoek" in screen.html  # the choice: the titles, never who
    ids = re.findall(r'name="votes" value="(\d+)"', phones[2].html)
    assert len(ids) == 2
    for phone in phones:
        assert phone.answer({"votes": [ids[0]]})["ok"]
    trainer.do("next")
    assert step(session) == "consent"
    assert token(phones[1].html) is None and all(token(p.html) is None for p in phones[1:])
    owner = token(phones[0].html)
    assert owner and "data-consent=\"waiting\"" in screen.html
    refused = phones[3].answer({"consent": "yes", "token": "0" * 16})
    assert not refused["ok"] and refused["error"]
    assert phones[0].answer({"consent": "yes", "token": owner})["ok"]
    assert 'data-consent="yes"' in screen.html
    trainer.do("next")
    assert 'data-contributor-view="tell"' in phones[0].html
    assert 'data-contributor-view' not in phones[1].html
    trainer.do("next")  # clarifying questions
    assert step(session) == "phase-questions"
    for phone, text in zip(phones[1:4], ["Wat zei hij precies?", "Hoe voorkom je dat niet zo?",
                                         "Was je alleen?"], strict=True):
        assert phone.answer({"text": text})["ok"]
    assert phones[4].answer(passing=True)["ok"]
    held = re.search(r'data-action="hold" data-entry="(\d+)"[^>]*>',
                     trainer.html.split("Hoe voorkom")[1]).group(1)
    assert trainer.do("hold", entry=held, step="phase-questions")["ok"]  # advice in disguise
    trainer.do("reveal")
    assert "Wat zei hij precies?" in screen.html and "Hoe voorkom" not in screen.html
    trainer.do("next")  # gossip, the contributor's back turned
    assert 'data-contributor-view="turn_back"' in phones[0].html
    refused = phones[0].answer({"text": "Ik roddel mee", "token": owner})
    assert not refused["ok"]
    assert phones[2].answer({"text": "Misschien voelde ze zich alleen."})["ok"]
    trainer.do("reveal")
    assert "Misschien voelde ze zich alleen." in screen.html
    trainer.do("next")
    trainer.do("next")
    trainer.do("next")
    assert step(session) == "close"
    assert "data-intervision-keep" in phones[0].html and "data-intervision-keep" not in phones[1].html
    assert phones[0].answer({"takeaway": "Ik vraag eerder om hulp.", "token": owner})["ok"]
    assert trainer.do("decide", step="close", outcome="agreement", owner="Teamleider",
                      text="Na dreiging bij een huisbezoek gaan we voortaan met z'n tweeën")["ok"]
    assert trainer.do("decide", step="close", outcome="outside", text="Alarmknop in de spreekkamer",
                      outside_help="Facilitair manager")["ok"]
    trainer.do("reveal")  # the group sees what it decided; only then is it in the report (issue 26)
    assert trainer.do("end")["ok"]

    report = repr(session.report())
    assert not any(s in report for s in SAID)
    assert "Roddelmethode" in report and "z'n tweeën" in report
    with session.app.app_context():
        from facilitator.extensions import db
        from facilitator.sessions.models import Activity, Agreement, Entry
        assert db.session.query(Entry).count() == 0
        states = repr([a.state for a in db.session.query(Activity)])
        assert not any(s in states for s in SAID)
        kept = {(a.kind, a.outside_help) for a in db.session.query(Agreement)}
        assert kept == {("working_agreement", None), ("action", "Facilitair manager")}
        db.session.remove()


def test_an_english_session_and_a_dutch_one_speak_their_own_language(tmp_path):
    scenario = {"title": "Intervision", "activities": [
        {"type": "intervision", "config": {"method": "vijf-stappen"}}]}
    english = LiveSession(scenario, folder=tmp_path / "en", phones=1, language="en")
    english.trainer.do("start")
    assert "Bring in a case" in english.phones[0].html
    assert "Confidential: what you type here is only for this group" in english.phones[0].html
    dutch = LiveSession(scenario, folder=tmp_path / "nl", phones=1)
    dutch.trainer.do("start")
    assert "Casus inbrengen" in dutch.phones[0].html and "Vertrouwelijk" in dutch.phones[0].html
