"""The method chosen in a running session (issue 20): where the scenario leaves it open, the
console offers the six methods, with purpose, phases and time, as its one primary action once the
case is known; the choice becomes the activity's plan for the rest of the session, and the screen
and the phones follow. Where the scenario fixes the method, no choice is shown."""

import re

import pytest

from facilitator import ActionRejected
from facilitator.testing import Bench, LiveSession
from plugins.intervision.workform import Intervision

from .test_intervision_on_bench import EXPECTED, to_round


def open_bench(**config):
    return Bench(Intervision(), {"dots": 2, **config}, participants=6)


def keys(bench):
    return [s.key for s in bench.steps]


def test_a_method_left_open_is_chosen_after_the_consent_and_planned_then():
    b = open_bench()
    assert b.config["choose_in_session"] is True
    assert keys(b) == ["cases", "choose", "consent", "method", "close"]  # no phases yet
    to_round(b)
    view = b.go("method")
    assert b.form.console_primary(view) == "use_method"
    choices = b.form.method_choices(view)
    assert [c["key"] for c in choices] == ["viskom", "vijf-stappen", "roddel", "clinic",
                                          "successen", "stoel"]  # the source's order
    clinic = next(c for c in choices if c["key"] == "clinic")
    assert clinic["goal"] and clinic["minutes"] == 45 and len(clinic["phases"]) == 4
    with pytest.raises(ActionRejected):
        b.act("use_method", {"method": "koffie"})
    b.act("use_method", {"method": "clinic"})
    assert keys(b) == ["cases", "choose", "consent", "method",
                       *[f"phase-{p}" for p in EXPECTED["clinic"]], "close"]
    assert b.config["method"] == "clinic" and b.state["method_chosen"] == "clinic"
    assert b.form.console_primary(b.view()) == "next"
    b.act("use_method", {"method": "stoel"})  # still before the phases: another one is fine
    assert keys(b)[4:] == [*[f"phase-{p}" for p in EXPECTED["stoel"]], "close"]
    b.go("phase-tell")
    assert b.step.item["title"] == "The contributor describes the situation"
    b.go("method")
    with pytest.raises(ActionRejected):  # the group has been in a phase of this method
        b.act("use_method", {"method": "roddel"})
    assert b.config["method"] == "stoel"
    b.go("close")
    b.end()
    assert "The method was chosen in the session." in b.report()["paragraphs"]


def test_a_suggested_method_is_planned_and_can_still_be_changed():
    b = open_bench(method="roddel", choose_in_session=True)
    assert keys(b)[3:5] == ["method", "phase-tell"]
    to_round(b)
    view = b.go("method")
    assert [c["key"] for c in b.form.method_choices(view) if c["chosen"]] == ["roddel"]
    assert b.form.console_primary(view) == "use_method"  # confirm or change it
    b.act("use_method", {"method": "vijf-stappen"})
    assert keys(b)[4:] == [*[f"phase-{p}" for p in EXPECTED["vijf-stappen"]], "close"]


@pytest.mark.parametrize("method", sorted(EXPECTED))
def test_a_fixed_method_offers_no_choice(method):
    b = Bench(Intervision(), {"method": method}, participants=3)
    assert "method" not in keys(b) and b.config["choose_in_session"] is False


def test_the_trainers_notes_are_wiped_with_the_round_and_the_console_says_so():
    b = to_round(Bench(Intervision(), {"method": "roddel"}, participants=6))
    assert b.form.notes_note(b.view())
    b.write_notes("Sandra twijfelt of ze nog huisbezoeken wil doen")
    b.go("phase-gossip")
    b.write_notes("Spanning tussen Sandra en haar leidinggevende")
    b.end()
    assert set(b.notes.values()) == {""}


def token(html):
    found = re.search(r'data-token="([0-9a-f]{16})"', html)
    return found.group(1) if found else None


def live_round(tmp_path, config):
    session = LiveSession({"title": "Intervisie", "activities": [
        {"type": "intervision", "config": config}]}, folder=tmp_path, phones=3)
    trainer, phones = session.trainer, session.phones
    assert trainer.do("start")["ok"]
    assert phones[0].answer({"title": "Een klant die blijft bellen"})["ok"]
    assert trainer.do("next")["ok"]
    case = re.search(r'name="votes" value="(\d+)"', phones[1].html).group(1)
    for phone in phones:
        assert phone.answer({"votes": [case]})["ok"]
    assert trainer.do("next")["ok"]
    assert phones[0].answer({"consent": "yes", "token": token(phones[0].html)})["ok"]
    assert trainer.do("next")["ok"]
    return session


def test_the_trainer_chooses_the_method_live_and_screen_and_phones_follow(tmp_path):
    session = live_round(tmp_path, {"dots": 2})
    trainer, screen, phones = session.trainer, session.screen, session.phones
    assert screen.meta["step"] == "method"
    console = trainer.html
    assert len(re.findall(r'type="radio" name="method"', console)) == 6
    assert re.search(r'<button class="primary">Deze methode gebruiken', console)
    assert 'class="next primary"' not in console  # choosing is the one primary action
    assert "Roddelmethode" in console and "5 fasen, 60 minuten" in console  # name, phases, time
    assert screen.html.count("<li><strong>") == 6  # the six on the screen, for the group
    assert 'data-contributor-view="method"' in phones[0].html
    assert 'data-contributor-view' not in phones[1].html

    refused = trainer.do("use_method", step="method", method="koffie")
    assert not refused["ok"] and refused["error"]
    assert trainer.do("use_method", step="method", method="clinic")["ok"]
    assert 'data-method="clinic"' in screen.html and 'data-method="clinic"' in phones[1].html
    assert "Alternatieve zinnen" in screen.html
    console = trainer.html
    assert 'class="next primary"' in console and 'data-method-chosen="clinic"' in console
    assert "Alternatieve zinnen" in console.split('class="outline"')[1].split("</nav>")[0]
    assert trainer.do("next")["ok"]
    assert screen.meta["step"] == "phase-tell"
    assert 'data-contributor-view="tell"' in phones[0].html
    assert trainer.do("previous")["ok"]
    refused = trainer.do("use_method", step="method", method="roddel")
    assert not refused["ok"]  # the phases of the clinic have begun
    with session.app.app_context():
        from facilitator.extensions import db
        from facilitator.sessions.models import Activity, StepState
        activity = db.session.query(Activity).one()
        assert activity.config["method"] == "clinic"
        rows = db.session.query(StepState).order_by(StepState.position).all()
        assert [r.key for r in rows] == ["cases", "choose", "consent", "method", *[
            f"phase-{p}" for p in EXPECTED["clinic"]], "close"]
        assert [r.position for r in rows] == list(range(len(rows)))
        db.session.remove()


def test_a_fixed_method_goes_from_the_consent_straight_to_its_first_phase(tmp_path):
    session = live_round(tmp_path, {"method": "viskom"})
    assert session.screen.meta["step"] == "phase-tell"
    assert 'name="method"' not in session.trainer.html


def test_the_notes_say_they_are_wiped_and_are_gone_after_the_session(tmp_path):
    session = live_round(tmp_path, {"method": "roddel"})
    trainer = session.trainer
    assert 'data-notes-note' in trainer.html and "gewist" in trainer.html
    assert trainer.do("notes", step="phase-tell", notes="Sandra twijfelt over huisbezoeken")["ok"]
    assert trainer.do("agreement", step="phase-tell", text="We gaan met z'n tweeën op huisbezoek")["ok"]
    assert trainer.do("end")["ok"]
    assert "Sandra" not in repr(session.report())
    with session.app.app_context():
        from facilitator.extensions import db
        from facilitator.sessions.models import Agreement, StepState
        assert {r.notes for r in db.session.query(StepState)} == {""}
        assert [a.text for a in db.session.query(Agreement)] == [
            "We gaan met z'n tweeën op huisbezoek"]  # what the group marked for the plan stays
        db.session.remove()
