"""The Socket.IO handlers: thin. Each one checks who is asking, calls a domain function and
acknowledges ``{ok: true}`` or ``{ok: false, error: "..."}``. Nothing here emits (see broadcast).

Who a connection is lives in the database and the signed cookies; each app's ``Connections``
only remembers which participant a live connection belongs to, so that a disconnect can be counted.
"""

from __future__ import annotations

import functools
import logging
import threading

from flask import current_app, g, request, session
from flask_login import current_user
from flask_socketio import disconnect as close_connection
from flask_socketio import join_room
from socketio.exceptions import ConnectionRefusedError as Refused  # carries the message
from sqlalchemy.exc import OperationalError

from .. import serving
from ..contract.workform import InputRejected
from ..extensions import db, limiter, socketio
from ..i18n import _
from ..sessions import cotraining, joinguard, participation, workshops
from ..sessions.joincodes import normalise
from ..sessions.models import Participant, Workshop
from ..web.errors import database_away
from ..web.ids import as_id, as_text
from . import answers, floodguard, phone_pages, signouts, snapshots
from .broadcast import console_room, participant_room, phones_room, screen_room
from .event_context import remember_handshake

log = logging.getLogger("facilitator.live")

Who = tuple[str, int, int | None]  # role, workshop id, participant id (phones only)


class Connections:
    """The live connections of one app in this process, by Socket.IO sid."""

    def __init__(self) -> None:
        self._by_sid: dict[str, Who] = {}
        self._languages: dict[str, str] = {}  # the session's language, by sid
        self._accounts: dict[str, int] = {}  # a console's trainer account, by sid
        self._lock = threading.Lock()

    def add(self, sid: str, who: Who, language: str | None = None,
            account: int | None = None) -> None:
        with self._lock:
            self._by_sid[sid] = who
            if language:
                self._languages[sid] = language
            if account is not None:
                self._accounts[sid] = account

    def language(self, sid: str) -> str | None:
        return self._languages.get(sid)

    def account(self, sid: str) -> int | None:
        return self._accounts.get(sid)

    def get(self, sid: str) -> Who | None:
        return self._by_sid.get(sid)

    def pop(self, sid: str) -> Who | None:
        with self._lock:
            self._languages.pop(sid, None)
            self._accounts.pop(sid, None)
            return self._by_sid.pop(sid, None)

    def counts(self) -> dict[str, int]:
        with self._lock:
            roles = [role for role, _workshop_id, _participant_id in self._by_sid.values()]
        return {role: roles.count(role) for role in ("phone", "screen", "console")}


def init_app(app) -> None:
    app.extensions["facilitator.connections"] = Connections()
    floodguard.init_app(app)
    signouts.init_app(app)
    phone_pages.init_app(app)


def _connections() -> Connections:
    return current_app.extensions["facilitator.connections"]


def acknowledged(handler):
    """Turn a handler's outcome into an acknowledgement; expected refusals carry a message, in
    the session's language (the handler runs in it, work forms' messages included)."""

    @functools.wraps(handler)
    def wrapper(data=None):
        g.locale = _connections().language(request.sid)  # see i18n.select_locale
        try:
            result = handler(data if isinstance(data, dict) else {})
            return {"ok": True, **(result or {})}
        except answers.Busy as busy:  # nothing was taken: the phone sends it again by itself
            db.session.rollback()
            return {"ok": False, "error": str(busy.message), "busy": True,
                    "retry_after": busy.retry_after}
        except InputRejected as refused:
            db.session.rollback()
            return {"ok": False, "error": str(refused.message)}
        except OperationalError:
            db.session.rollback()
            log.warning("socket event %s: the database is unavailable", handler.__name__)
            return {"ok": False, "error": database_away()}
        except Exception:
            db.session.rollback()
            log.exception("socket event %s failed", handler.__name__)
            return {"ok": False, "error": _("Something went wrong. Please try again.")}
        finally:
            db.session.remove()

    return wrapper


def connection_counts() -> dict[str, int]:
    """How many phones, screens and consoles are connected to this process."""
    return _connections().counts()


def cookie_name(code: str) -> str:
    return f"fac_{code}"


def _participant() -> Participant:
    role, _workshop_id, participant_id = _connections().get(request.sid) or (None, None, None)
    participant = db.session.get(Participant, participant_id) if role == "phone" else None
    if participant is None:
        raise InputRejected(_("You are not in this session. Open the join link again."))
    return participant


def _trainer_of(workshop_id) -> Workshop:
    found = as_id(workshop_id)
    workshop = db.session.get(Workshop, found) if found is not None else None
    if workshop is None or not cotraining.runs(workshop, current_user):
        raise InputRejected(_("Only the trainer of this session can do that."))
    return workshop


def _still_runs(workshop_id: int) -> None:
    """An open console's action: whether the account it connected with still runs the session
    (it may have been removed from it, or be a trainer no more). One read, not the account and
    the workshop loaded for every action: on the step change's path, before its room's pages."""
    account = _connections().account(request.sid)
    if account is None or not cotraining.runs_by_id(workshop_id, account):
        raise InputRejected(_("Only the trainer of this session can do that."))


@socketio.on("connect")
def connect(auth=None):
    """Who is connecting is settled here, from the auth payload and the signed cookies, so
    that answers a phone buffered while offline are accepted as soon as it is back."""
    auth = auth if isinstance(auth, dict) else {}
    try:
        who, language = _identify(auth)
    except InputRejected as refused:
        raise Refused(refused.message) from None
    except OperationalError:  # briefly: live.js tries again by itself
        raise Refused(database_away(), {"retry": True}) from None
    finally:
        db.session.remove()
    if limiter.enabled and floodguard.guard().paused(who):
        raise Refused(_("This device sent too many messages and was disconnected. Wait half a "
                        "minute, then reload the page."))
    role, workshop_id, participant_id = who
    _connections().add(request.sid, who, language,
                       account=current_user.id if role == "console" else None)
    remember_handshake()  # its events get a lighter request context
    if role == "console" or (role == "screen" and workshop_id not in session.get("screens", [])):
        signouts.signed_in().add(request.sid, current_user.id)  # let in on the account's rights
    if role == "phone":
        join_room(participant_room(participant_id))
        join_room(phones_room(workshop_id))
        try:
            participation.connected(db.session.get(Participant, participant_id), +1)
        finally:
            db.session.remove()
    else:
        join_room(screen_room(workshop_id) if role == "screen" else console_room(workshop_id))


def _identify(auth: dict) -> tuple[Who, str]:
    """Who is connecting, and the language of their session."""
    role = auth.get("role")
    if role == "phone":
        code = normalise(as_text(auth.get("code"), 40) or "")
        participant = participation.by_token(as_text(auth.get("token"), 200) or
                                             request.cookies.get(cookie_name(code)))
        workshop = joinguard.find(code, participant)
        if workshop is None or participant is None or participant.workshop_id != workshop.id:
            raise InputRejected(_("You are not in this session. Open the join link again."))
        return ("phone", workshop.id, participant.id), workshop.language
    if role == "screen":
        workshop_id = as_id(auth.get("workshop"))
        workshop = db.session.get(Workshop, workshop_id) if workshop_id is not None else None
        if workshop is None or not (
                workshop.id in session.get("screens", []) or
                cotraining.runs(workshop, current_user)):
            raise InputRejected(_("Open the shared screen from the trainer console."))
        return ("screen", workshop.id, None), workshop.language
    if role == "console":
        workshop = _trainer_of(auth.get("workshop"))
        return ("console", workshop.id, None), workshop.language
    raise InputRejected(_("Unknown role."))


def _who_of(sid: str) -> Who | None:
    return _connections().get(sid)


def _who() -> tuple[str, int, int | None]:
    who = _connections().get(request.sid)
    if who is None:
        raise InputRejected(_("You are not in this session. Open the join link again."))
    if not signouts.signed_in().still_signed_in(request.sid):  # signed out, maybe elsewhere
        signouts.signed_in().forget(request.sid)
        close_connection()
        raise InputRejected(_("You have signed out. Sign in again to continue."))
    return who


@socketio.on("hello")
@floodguard.budgeted("hello", _who_of)
@acknowledged
def hello(_data):
    """A full snapshot for the asking view; clients ask on every (re)connect."""
    role, workshop_id, participant_id = _who()
    reading = snapshots.read_by_id(workshop_id)
    if reading is None:
        raise InputRejected(_("This session no longer exists."))
    if role == "phone":
        return {"snapshot": reading.phone(db.session.get(Participant, participant_id))}
    if role == "screen":
        return {"snapshot": reading.screen()}
    return {"snapshot": reading.console()}


@socketio.on("answer")
@floodguard.budgeted("answer", _who_of)
@acknowledged
def answer(data):
    role, workshop_id, participant_id = _who()  # no database yet: the answer may wait its turn
    if role != "phone":
        raise InputRejected(_("You are not in this session. Open the join link again."))
    client_id, step = data.get("client_id"), as_text(data.get("step", ""), 80)
    if step is None or (client_id is not None and as_text(client_id, 64) is None):
        raise InputRejected(_("This answer could not be read. Reload the page and try again."))
    changed = answers.submit(workshop_id, participant_id, step, data.get("data"),
                             client_id=client_id, passing=bool(data.get("pass")))
    return {"changed": changed}


@socketio.on("withdraw")
@floodguard.budgeted("withdraw", _who_of)
@acknowledged
def withdraw(data):
    participation.withdraw(_participant(), str(data.get("step", "")), str(data.get("slot", "")))


@socketio.on("moment")
@floodguard.budgeted("moment", _who_of)
@acknowledged
def moment(data):
    participation.need_a_moment(_participant(), bool(data.get("on")))


@socketio.on("control")
@floodguard.budgeted("control", _who_of)
@acknowledged
def control(data):
    role, workshop_id, _participant_id = _who()
    if role != "console":
        raise InputRejected(_("Only the trainer of this session can do that."))
    # When many trainers press "next" together, each room gets its pages before the next
    # session's step change begins (``serving.one_room_at_a_time``); waiting for its turn, it
    # holds no database connection yet.
    with serving.one_room_at_a_time():
        _still_runs(workshop_id)
        if data.get("action") == "remove_participant":
            participation.remove(db.session.get(Workshop, workshop_id),
                                 (data.get("data") or {}).get("participant"))
            return
        workshops.control(workshop_id, str(data.get("action", "")), data.get("data") or {})


@socketio.on("disconnect")
def disconnect(*_args):
    """Also runs inside a broadcast: Engine.IO closes a phone that missed its pings when something
    is sent to it, and calls this handler right there, in the sending thread. An app context of
    its own gives the bookkeeping its own database session, so that the sender's stays intact."""
    role, _workshop_id, participant_id = _connections().pop(request.sid) or (None, None, None)
    floodguard.guard().forget(request.sid)
    signouts.signed_in().forget(request.sid)
    if role != "phone":
        return
    with current_app.app_context():
        try:
            participant = db.session.get(Participant, participant_id)
            if participant is not None:
                participation.connected(participant, -1)
        except Exception:
            db.session.rollback()
            log.exception("disconnect bookkeeping failed")
        finally:
            db.session.remove()
