"""The one module that emits: it turns announced changes into snapshots for the right rooms.

Step changes reach every phone at once. Answers and arrivals touch the shared screen, the console
and the phones whose own page changed, and are coalesced by the ``Refresher``: however many
arrive, a session gets at most a few refreshes a second, and never one message per answer to every
client. Each broadcast reads the session once (``snapshots.read``) and renders every view from it.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from dataclasses import dataclass, field

from flask import Flask, current_app, has_request_context
from flask.testing import EnvironBuilder
from markupsafe import escape

from .. import serving
from ..extensions import db, socketio
from ..i18n import _
from ..sessions.signals import workshop_changed
from . import phone_pages, snapshots

log = logging.getLogger("facilitator.broadcast")

#: After a step change, the longest the console waits for the other work of the process to go
#: first (its phones and screen are already sent): long enough for the rooms of fifty sessions
#: changing step together (``serving.one_room_at_a_time``) to have theirs before the consoles.
CONSOLE_WAITS_AT_MOST = 0.5


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


def send_phones(reading: snapshots.Reading, participant_ids: list[int] | None = None) -> None:
    """One message per group of phones that show the same thing (see ``Reading.phones``)."""
    for ids, snapshot in reading.phones(participant_ids):
        emit_snapshot([participant_room(pid) for pid in ids], snapshot)


def send_all(workshop_id: int) -> None:
    """The phones first (there are many), then the shared screen, then the console."""
    current_app.extensions["facilitator.refresher"].covered(workshop_id)
    reading = snapshots.read_by_id(workshop_id)
    if reading is None or reading.workshop.status == "ended":  # deleted meanwhile, or ended:
        phone_pages.kept().forget(workshop_id)  # nothing of it stays in this process's memory
        if reading is None:
            return
    send_phones(reading)
    emit_snapshot(screen_room(workshop_id), reading.screen())
    serving.messages_queued()  # the next step change waits until they are on their way
    # The console (the dearest to render) only once everything else waiting has had its turn:
    # when many sessions change step at the same moment, every room gets its step before the
    # consoles are rendered. Meanwhile this holds no database connection: fifty step changes
    # waiting with one each had left the next ones waiting for a connection, up to 0.2 s. (The
    # reading only read, after the caller's commit: ending its transaction changes nothing.)
    db.session.commit()
    serving.give_way(CONSOLE_WAITS_AT_MOST)
    emit_snapshot(console_room(workshop_id), reading.console())


@dataclass
class Asked:
    """What a session's next coalesced refresh is to send; ``ticket`` marks its place in line."""

    ticket: int
    views: bool = False  # the shared screen and the console
    console: bool = False  # people came or went: the whole console and screen, not a patch
    every_phone: bool = False
    phones: set[int] = field(default_factory=set)

    def add(self, views: bool, every_phone: bool, phone: int | None, console: bool = False) -> None:
        self.views |= views
        self.console |= console
        self.every_phone |= every_phone
        if phone is not None:
            self.phones.add(phone)


class Refresher:
    """Refreshes a session's views at most once per ``interval`` seconds: one interval after the
    first request, with one reading for everything asked meanwhile (the rhythm of the bare
    Socket.IO server that ``bench/compare.py`` measures against). A small session answering a
    few times a second so shares a refresh between the answers that come close together,
    instead of rendering its screen, console and phone for every one of them.

    One worker thread per process does the coalesced refreshes of every session, in the order
    they fell due. With many sessions answering at once, each session waits its turn (none is
    starved) and then takes everything that came in meanwhile, so the refreshes thin out under
    load instead of crowding out the answers and the step changes. An ``interval`` of 0 refreshes
    at once, in the caller's thread (the tests' setting).
    """

    def __init__(self, app: Flask, interval: float, *, background: bool = True):
        self.app = app
        self.interval = interval
        self.background = background  # False: nothing happens until ``flush`` (for profiling)
        self.asked: dict[int, Asked] = {}  # workshop id -> its next refresh
        self.due: list[tuple[float, int, int]] = []  # heap of (when, ticket, workshop id)
        self.tickets = itertools.count()
        self.wake = threading.Condition()
        self.worker = None

    def request(self, workshop_id: int, *, views: bool = True, every_phone: bool = False,
                phone: int | None = None, console: bool = False) -> None:
        if self.interval <= 0:
            asked = Asked(0)
            asked.add(views, every_phone, phone, console)
            _refresh_now(workshop_id, asked)
            return
        with self.wake:
            if (asked := self.asked.get(workshop_id)) is None:
                asked = self.asked[workshop_id] = Asked(next(self.tickets))
                when = time.monotonic() + self.interval
                heapq.heappush(self.due, (when, asked.ticket, workshop_id))
                if self.worker is None and self.background:
                    self.worker = socketio.start_background_task(self._work)
                self.wake.notify()
            asked.add(views, every_phone, phone, console)

    def covered(self, workshop_id: int) -> None:
        """A full broadcast of the session is about to read it: what was asked until now is in it."""
        with self.wake:
            self.asked.pop(workshop_id, None)

    def flush(self) -> int:
        """Do every refresh asked for, due or not, in this thread; return how many."""
        done = 0
        while True:
            with self.wake:
                taken = self._take(float("inf"))
            if taken is None:
                return done
            _refresh_now(*taken)
            done += 1

    def _take(self, now: float) -> tuple[int, Asked] | None:
        """The refresh that fell due first, if one is due by ``now``. Called holding ``wake``."""
        while self.due and self._stale(self.due[0]):
            heapq.heappop(self.due)
        if not self.due or self.due[0][0] > now:
            return None
        _when, _ticket, workshop_id = heapq.heappop(self.due)
        return workshop_id, self.asked.pop(workshop_id)

    def _stale(self, entry: tuple[float, int, int]) -> bool:
        """A place in line whose refresh a full broadcast has made unnecessary."""
        asked = self.asked.get(entry[2])
        return asked is None or asked.ticket != entry[1]

    def _work(self) -> None:
        # a request context of its own for each refresh (what it renders may look at ``g``);
        # the environment is built once, not for each refresh as ``test_request_context`` does
        environ = EnvironBuilder(self.app, "/").get_environ()
        while True:
            with self.wake:
                while (taken := self._take(time.monotonic())) is None:
                    self.wake.wait(self.due[0][0] - time.monotonic() if self.due else None)
            with self.app.request_context(dict(environ)):
                try:
                    _refresh_now(*taken)
                except Exception:  # a failed refresh must not end the worker; the next one heals
                    log.exception("coalesced refresh of workshop %s failed", taken[0])
                finally:
                    db.session.remove()


def _refresh_now(workshop_id: int, asked: Asked) -> None:
    """The shared screen first (the whole room watches it), then the phones, then the console."""
    reading = snapshots.read_by_id(workshop_id)
    if reading is None:
        return
    if asked.views:  # after answers alone, a screen that shows only their count gets the count
        patch = None if asked.console else reading.screen_patch()
        emit_snapshot(screen_room(workshop_id), patch or reading.screen())
    if asked.every_phone:
        send_phones(reading)
    elif asked.phones:
        send_phones(reading, sorted(asked.phones))
    if asked.views:  # answers change the current step and the figures: only those parts
        emit_snapshot(console_room(workshop_id),
                      reading.console() if asked.console else reading.console_patch())


def tell_removed(participant_id: int) -> None:
    """The phone of a participant the trainer removed: a last snapshot that says so, then this
    process closes its connections (on another process, all it sends is refused from now on)."""
    message = escape(_("The trainer has removed you from this session."))
    emit_snapshot(participant_room(participant_id), {
        "meta": {"status": "removed", "rendered": time.time(), "step": None},
        "html": f'<section class="card ended" role="alert"><h1>{message}</h1></section>'})
    room = participant_room(participant_id)
    for sid, _eio_sid in list(socketio.server.manager.get_participants("/", room)):
        socketio.server.disconnect(sid, namespace="/")


def on_change(sender: Flask, workshop_id: int, scope: str, participant_id: int | None = None,
              **_extra) -> None:
    if not has_request_context():  # a change from the command line or a background job
        with sender.test_request_context("/"):
            return on_change(sender, workshop_id, scope, participant_id)
    refresher: Refresher = current_app.extensions["facilitator.refresher"]
    if scope == "results":
        refresher.request(workshop_id)
    elif scope == "people":
        refresher.request(workshop_id, console=True)
    elif scope == "phones":
        refresher.request(workshop_id, views=False, every_phone=True)
    elif scope == "participant" and participant_id is not None:
        refresher.request(workshop_id, views=False, phone=participant_id)
    elif scope == "removed" and participant_id is not None:
        tell_removed(participant_id)
        refresher.request(workshop_id, console=True)
    elif scope == "all":
        send_all(workshop_id)
    elif scope == "console" and (reading := snapshots.read_by_id(workshop_id)) is not None:
        emit_snapshot(console_room(workshop_id), reading.console())


def init_app(app: Flask) -> None:
    app.extensions["facilitator.refresher"] = Refresher(app, app.config["COALESCE_SECONDS"])
    workshop_changed.connect(on_change, sender=app, weak=False)
