"""Many sessions changing step at the same moment (every trainer of a training day pressing
"next" after the break): each room gets its step on the phones and the shared screen first, and
a step change whose console waits its turn holds no database connection meanwhile. Fifty consoles
waiting with a connection each had left the next step changes waiting for one, up to 0.2 s on the
server, before they had read anything (``docs/performance.md``)."""

from __future__ import annotations

import contextlib

from facilitator import serving
from facilitator.extensions import db
from facilitator.live import broadcast
from facilitator.testing import LiveSession

STATEMENTS = {"activities": [{"type": "statements", "title": "Stellingen", "config": {
    "statements": ["Schelden hoort bij het werk.", "Ik meld elk incident."]}}]}


def test_a_step_change_sends_phones_and_screen_then_waits_for_its_console_without_a_connection(
        tmp_path, monkeypatch):
    session = LiveSession(STATEMENTS, folder=tmp_path, phones=3)
    sent, waits = [], []
    emit = broadcast.emit_snapshot
    monkeypatch.setattr(broadcast, "emit_snapshot",
                        lambda room, snapshot: (sent.append(room), emit(room, snapshot)))

    def give_way(longest: float) -> None:
        waits.append({"sent before": list(sent), "longest": longest,
                      "connections held": db.engine.pool.checkedout(),
                      "in a transaction": db.session().in_transaction()})

    monkeypatch.setattr(serving, "give_way", give_way)
    for action in ("start", "next"):
        sent.clear()
        assert session.trainer.do(action)["ok"]
        wait = waits.pop()
        workshop_id = session.workshop_id
        assert wait["sent before"][-1] == broadcast.screen_room(workshop_id)
        phones = {room for rooms in wait["sent before"][:-1] for room in rooms}
        assert len(phones) == 3 and all(room.startswith("p") for room in phones)
        assert (wait["connections held"], wait["in a transaction"]) == (0, False)
        assert 0 < wait["longest"] <= 0.5
        assert sent[-1] == broadcast.console_room(workshop_id)  # the console after the wait
    assert "Ik meld elk incident." in session.trainer.snapshot()["html"]


def test_a_step_change_waits_for_the_pages_before_it_and_marks_its_own_as_queued(
        tmp_path, monkeypatch):
    """Trainers pressing "next" together: a step change takes its turn
    (``serving.one_room_at_a_time``: on gevent's loop, once the pages the one before queued are
    written) before it has read anything or taken a database connection, and marks its own
    phones and screen as queued before its console waits."""
    session = LiveSession(STATEMENTS, folder=tmp_path, phones=3)
    events: list[tuple] = []
    emit = broadcast.emit_snapshot

    def sent(room, snapshot) -> None:
        events.append(("sent", "phones" if isinstance(room, list) else room.split(":")[1]))
        emit(room, snapshot)

    @contextlib.contextmanager
    def turn():
        events.append(("waits", db.engine.pool.checkedout(), db.session().in_transaction()))
        yield
        events.append(("turn ends",))

    monkeypatch.setattr(broadcast, "emit_snapshot", sent)
    monkeypatch.setattr(serving, "one_room_at_a_time", turn)
    monkeypatch.setattr(serving, "messages_queued", lambda: events.append(("queued",)))
    monkeypatch.setattr(serving, "give_way", lambda _longest: events.append(("gives way",)))
    for action in ("start", "next"):
        events.clear()
        assert session.trainer.do(action)["ok"]
        assert events == [("waits", 0, False), ("sent", "phones"), ("sent", "screen"),
                          ("queued",), ("gives way",), ("sent", "console"), ("turn ends",)], events
    assert "Ik meld elk incident." in session.phones[0].snapshot()["html"]


def _answered_and_traced(tmp_path) -> tuple[LiveSession, list[str]]:
    """A session of three at its first statement, everyone having answered; from now on every
    statement SQLite runs for it is in the list (values filled in)."""
    from sqlalchemy import event

    session = LiveSession(STATEMENTS, folder=tmp_path, phones=3)
    session.trainer.do("start")
    for phone in session.phones:
        assert phone.answer({"choice": "agree"})["ok"]
    with session.app.app_context():
        engine = db.engine
    traced: list[str] = []
    event.listen(engine, "connect", lambda dbapi, _record: dbapi.set_trace_callback(traced.append))
    engine.dispose()  # every connection from now on is traced
    return session, traced


def _steps_of(session: LiveSession) -> list:
    """The session's step rows, in order."""
    from sqlalchemy import select

    from facilitator.sessions.models import Activity, StepState

    with session.app.app_context():
        return db.session.execute(select(StepState.id, StepState.status).join(Activity).where(
            Activity.workshop_id == session.workshop_id).order_by(StepState.position)).all()


def test_moving_on_reads_the_entries_of_the_step_it_leaves_only_if_its_work_form_looks(tmp_path):
    """The statements method carries nothing of a statement's answers on when the group moves
    on: "next" reads the new step's entries, not the old one's (in a session of a thousand, a
    thousand entries read and compared for nothing)."""
    session, traced = _answered_and_traced(tmp_path)
    (left, _status), (entered, _status) = _steps_of(session)[:2]
    assert session.trainer.do("next")["ok"]
    read = [statement for statement in traced if "FROM entries" in statement]
    assert any(f"entries.step_id = {entered}" in statement for statement in read)
    assert not any(f"entries.step_id = {left}" in statement for statement in read), read


def test_moving_on_writes_two_statuses_and_the_position_and_loads_no_mapped_step(tmp_path):
    """A step change is what fifty rooms wait for when their trainers press "next" together: when
    the work form carries nothing on, it reads the steps as plain rows and writes the step it
    leaves, the step it enters and the session's place, and nothing else (loading every activity
    and step of the session as mapped objects, and flushing them, had been half its cost)."""
    from sqlalchemy import event

    from facilitator.sessions.models import Activity, StepState, Workshop

    session, traced = _answered_and_traced(tmp_path)
    loaded: list[str] = []

    def load(target, _context) -> None:
        loaded.append(type(target).__name__)

    for model in (Activity, StepState):
        event.listen(model, "load", load)
    try:
        assert session.trainer.do("next")["ok"]
    finally:
        for model in (Activity, StepState):
            event.remove(model, "load", load)
    written = sorted(s.split(" WHERE")[0] for s in traced
                     if s.startswith(("UPDATE", "INSERT", "DELETE")))
    assert written == ["UPDATE steps SET status='closed'", "UPDATE steps SET status='open'",
                       "UPDATE workshops SET position=1"], written
    assert loaded == [], loaded
    with session.app.app_context():
        position = db.session.get(Workshop, session.workshop_id).position
    assert (position, [status for _id, status in _steps_of(session)[:2]]) == (1, ["closed", "open"])
    assert "Ik meld elk incident." in session.phones[0].snapshot()["html"]
