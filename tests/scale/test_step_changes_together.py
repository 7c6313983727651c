"""Many sessions changing step at the same moment (every trainer of a training day pressing
"next" after the break): each room gets its step on the phones and the shared screen first, and
a step change whose console waits its turn holds no database connection meanwhile. Fifty consoles
waiting with a connection each had left the next step changes waiting for one, up to 0.2 s on the
server, before they had read anything (``docs/performance.md``)."""

from __future__ import annotations

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
