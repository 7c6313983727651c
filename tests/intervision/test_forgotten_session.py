"""A session the trainer never ends (issue 20): the server ends it once nothing happened in it
for ``END_IDLE_AFTER_HOURS``, as the trainer's "end" would, so what was said in an intervision
round is wiped then too. On real database rows, aged by hand."""

from datetime import timedelta

from sqlalchemy import update

from facilitator.extensions import db
from facilitator.sessions import retention
from facilitator.sessions.models import Activity, Entry, Participant, StepState, Workshop, utcnow

from .test_method_in_session import live_round

SAID = ("Een klant die blijft bellen", "Wat zei hij precies?", "Zij voelt zich verantwoordelijk")


def said_in_round(tmp_path):
    session = live_round(tmp_path, {"method": "roddel"})
    trainer, phones = session.trainer, session.phones
    assert trainer.do("next")["ok"]  # clarifying questions
    assert phones[1].answer({"text": "Wat zei hij precies?"})["ok"]
    assert trainer.do("notes", step="phase-questions", notes="Zij voelt zich verantwoordelijk")["ok"]
    return session


def age(hours):
    """Everything in the database happened ``hours`` ago."""
    then = utcnow() - timedelta(hours=hours)
    db.session.execute(update(Workshop).values(created_at=then, started_at=then))
    db.session.execute(update(Participant).values(last_seen=then))
    db.session.execute(update(Entry).values(created_at=then, updated_at=then))
    db.session.commit()


def stored():
    """Every text the database holds of the session: entries, state, notes."""
    return repr([e.payload for e in db.session.query(Entry)]) + repr(
        [a.state for a in db.session.query(Activity)]) + repr(
        [s.notes for s in db.session.query(StepState)])


def test_a_session_left_running_is_ended_and_what_was_said_is_wiped(tmp_path):
    session = said_in_round(tmp_path)
    with session.app.app_context():
        assert all(s in stored() for s in SAID)
        age(23)  # within the day: a session in use, or a long break
        assert retention.end_idle_sessions() == 0
        age(25)
        assert retention.end_idle_sessions(dry_run=True) == 1
        assert db.session.get(Workshop, session.workshop_id).status == "running"
        assert retention.end_idle_sessions() == 1
        workshop = db.session.get(Workshop, session.workshop_id)
        assert workshop.status == "ended" and workshop.ended_at is not None
        assert db.session.query(Entry).count() == 0
        assert not any(s in stored() for s in SAID)
        assert retention.end_idle_sessions() == 0  # once is enough
        db.session.remove()
    assert session.phones[0].meta["status"] == "ended"  # the phones hear it


def test_a_phone_seen_or_an_answer_given_within_the_day_keeps_it_running(tmp_path):
    session = said_in_round(tmp_path)
    with session.app.app_context():
        age(30)
        db.session.execute(update(Participant).where(Participant.id == db.session.query(
            Participant.id).limit(1).scalar_subquery()).values(last_seen=utcnow()))
        db.session.commit()
        assert retention.end_idle_sessions() == 0
        age(30)
        db.session.execute(update(Entry).values(updated_at=utcnow()))
        db.session.commit()
        assert retention.end_idle_sessions() == 0
        db.session.remove()


def test_a_session_prepared_and_never_started_is_left_alone_and_zero_switches_it_off(tmp_path):
    from facilitator.testing import LiveSession

    waiting = LiveSession({"activities": [{"type": "intervision", "config": {}}]},
                          folder=tmp_path / "waiting", phones=1)
    with waiting.app.app_context():
        age(24 * 10)
        assert retention.end_idle_sessions() == 0
        db.session.remove()
    off = LiveSession({"activities": [{"type": "intervision", "config": {}}]},
                      folder=tmp_path / "off", phones=1, config={"END_IDLE_AFTER_HOURS": 0})
    assert off.trainer.do("start")["ok"]
    with off.app.app_context():
        age(24 * 10)
        assert retention.end_idle_sessions() == 0
        db.session.remove()
