"""The one module that emits: it turns announced changes into snapshots for the right rooms.

Step changes reach every phone at once. Answers and arrivals only touch the shared screen and
the console, and are coalesced: however many arrive, each view gets at most a few snapshots a
second, and never one message per answer to every client.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict

from flask import Flask, current_app, has_request_context

from . import snapshots
from .extensions import db, socketio
from .models import Workshop
from .signals import workshop_changed

log = logging.getLogger("facilitator.broadcast")


def screen_room(workshop_id: int) -> str:
    return f"w{workshop_id}:screen"


def console_room(workshop_id: int) -> str:
    return f"w{workshop_id}:console"


def phones_room(workshop_id: int) -> str:
    return f"w{workshop_id}:phones"


def participant_room(participant_id: int) -> str:
    return f"p{participant_id}"


def emit_snapshot(room: str | list[str], snapshot: dict) -> None:
    socketio.emit("snapshot", snapshot, to=room)


_phones_sending: defaultdict[int, threading.Lock] = defaultdict(threading.Lock)


def send_phones(workshop: Workshop, participant_ids: list[int] | None = None) -> None:
    """One message per group of phones that show the same thing (see snapshots.phones).

    One workshop's phones are read and sent in turn: when inputs arrive at the same moment, the
    snapshot a phone gets last is then always the newest (it was read last).
    """
    with _phones_sending[workshop.id]:
        for ids, snapshot in snapshots.phones(workshop, participant_ids):
            emit_snapshot([participant_room(pid) for pid in ids], snapshot)


def send_all(workshop: Workshop) -> None:
    """The phones first (there are many), then the shared screen, then the console."""
    send_phones(workshop)
    emit_snapshot(screen_room(workshop.id), snapshots.screen(workshop))
    emit_snapshot(console_room(workshop.id), snapshots.console(workshop))


class Coalescer:
    """Refreshes a workshop's screen and console, and the phones that changed their own input, at
    most once per ``interval`` seconds: at once after a quiet spell, otherwise when the interval
    is over, with one view of the step for every answer that came in meanwhile.

    The refreshes of all workshops take turns, one at a time in this process: with many sessions
    answering at once, each waits its turn and then takes everything that came in meanwhile, so
    the refreshes thin out under load instead of crowding out the answers and step changes.
    """

    def __init__(self, app: Flask, interval: float):
        self.app = app
        self.interval = interval
        self.pending: dict[int, tuple[bool, set[int]]] = {}  # workshop id -> (views, phones)
        self.last: dict[int, float] = {}  # workshop id -> when its last refresh began
        self.mutex = threading.Lock()
        self.turn = threading.Lock()  # one coalesced refresh at a time

    def request(self, workshop_id: int, *, views: bool = True, phone: int | None = None) -> None:
        phones = {phone} if phone is not None else set()
        if self.interval <= 0:
            _refresh_now(workshop_id, views, phones)
            return
        with self.mutex:
            waiting = workshop_id in self.pending
            before, asked = self.pending.get(workshop_id, (False, set()))
            self.pending[workshop_id] = (before or views, asked | phones)
            wait = self.last.get(workshop_id, -self.interval) + self.interval - time.monotonic()
        if not waiting:
            socketio.start_background_task(self._later, workshop_id, max(0.0, wait))

    def _later(self, workshop_id: int, wait: float) -> None:
        if wait:
            socketio.sleep(wait)
        with self.turn:  # what arrives while this waits for its turn joins this refresh
            with self.mutex:
                views, phones = self.pending.pop(workshop_id, (False, set()))
                self.last[workshop_id] = time.monotonic()
            with self.app.app_context(), self.app.test_request_context("/"):
                try:
                    _refresh_now(workshop_id, views, phones)
                except Exception:  # a failed refresh must not kill the server; the next one heals
                    log.exception("coalesced refresh of workshop %s failed", workshop_id)
                finally:
                    db.session.remove()


def _refresh_now(workshop_id: int, views: bool, phones: set[int]) -> None:
    """The shared screen first (the whole room watches it), then the phones, then the console."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        return
    if views:
        emit_snapshot(screen_room(workshop.id), snapshots.screen(workshop))
    if phones:
        send_phones(workshop, sorted(phones))
    if views:
        emit_snapshot(console_room(workshop.id), snapshots.console(workshop))


def on_change(sender: Flask, workshop_id: int, scope: str, participant_id: int | None = None,
              **_extra) -> None:
    if not has_request_context():  # a change from the command line or a background job
        with sender.test_request_context("/"):
            return on_change(sender, workshop_id, scope, participant_id)
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        return
    if scope == "all":
        send_all(workshop)
    elif scope in ("results", "people"):
        current_app.extensions["facilitator.coalescer"].request(workshop_id)
    elif scope == "phones":
        send_phones(workshop)
    elif scope == "console":
        emit_snapshot(console_room(workshop.id), snapshots.console(workshop))
    elif scope == "participant" and participant_id is not None:
        current_app.extensions["facilitator.coalescer"].request(
            workshop_id, views=False, phone=participant_id)


def init_app(app: Flask) -> None:
    app.extensions["facilitator.coalescer"] = Coalescer(app, app.config["COALESCE_SECONDS"])
    workshop_changed.connect(on_change, sender=app, weak=False)
