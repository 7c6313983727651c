"""One phone cannot stall the server: every live connection has a budget of events, by kind.

Each kind of event has a token bucket per connection: ``capacity`` events at once, refilled at
``per_second``. ``hello`` is the expensive one (it renders a full snapshot), so its bucket is the
smallest; a person tapping answers, withdrawing them or pressing "I need a moment" never comes
near theirs. An event over budget is not handled at all: it is acknowledged at once with
``{ok: false, error, busy: true, retry_after}``. A connection that keeps sending past its budget
uses up a second bucket, of refusals; when that is empty the server closes the connection and
refuses the same phone (or console, or screen) for ``LIVE_FLOOD_PAUSE`` seconds.

Why a small class and not a library: Flask-Limiter's ``limits`` keeps its counts in a storage that
a timer sweeps every 10 ms while counts exist, going over every key (a thousand phones times five
kinds); a token bucket per connection is two numbers, costs nothing when idle, and goes away with
the connection. The buckets live in this process's memory: a connection is served by one process.
Switched off, like every rate limit, by ``RATELIMIT_ENABLED = False``.
"""

from __future__ import annotations

import functools
import threading
import time
from dataclasses import dataclass

from flask import current_app, request
from flask_socketio import disconnect

from ..extensions import limiter
from ..i18n import _

#: (capacity, refilled per second) per kind of event; see docs/security.md.
BUDGETS: dict[str, tuple[float, float]] = {
    "hello": (3, 0.25),
    "answer": (10, 2),
    "withdraw": (10, 2),
    "moment": (3, 0.5),
    "control": (30, 5),
}
#: Refusals a connection may collect before it is closed: 10 at once, 1 a second.
REFUSALS = (10, 1)


@dataclass
class Bucket:
    capacity: float
    per_second: float
    tokens: float
    stamp: float

    @classmethod
    def full(cls, capacity: float, per_second: float, now: float) -> Bucket:
        return cls(capacity, per_second, capacity, now)

    def take(self, now: float) -> float:
        """Take one token: 0.0 if there was one, else the seconds until there is."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


class Guard:
    """The buckets of this app's live connections, by Socket.IO sid, and who is paused."""

    def __init__(self, budgets: dict[str, tuple[float, float]], refusals: tuple[float, float],
                 pause: float):
        self.budgets, self.refusals, self.pause = budgets, refusals, pause
        self._buckets: dict[str, dict[str, Bucket]] = {}
        self._paused: dict[object, float] = {}
        self._lock = threading.Lock()

    def spend(self, sid: str, kind: str) -> tuple[float, bool]:
        """(seconds to wait, 0.0 if within budget; whether the connection must now be closed)."""
        now = time.monotonic()
        with self._lock:
            buckets = self._buckets.setdefault(sid, {})
            bucket = buckets.get(kind)
            if bucket is None:
                bucket = buckets[kind] = Bucket.full(*self.budgets[kind], now)
            wait = bucket.take(now)
            if not wait:
                return 0.0, False
            patience = buckets.get("_refusals")
            if patience is None:
                patience = buckets["_refusals"] = Bucket.full(*self.refusals, now)
            return wait, bool(patience.take(now))

    def forget(self, sid: str) -> None:
        with self._lock:
            self._buckets.pop(sid, None)

    def pause_for(self, who) -> None:
        with self._lock:
            self._paused[who] = time.monotonic() + self.pause

    def paused(self, who) -> bool:
        with self._lock:
            until = self._paused.get(who)
            if until is not None and until <= time.monotonic():
                del self._paused[who]
                until = None
        return until is not None


def init_app(app) -> None:
    app.extensions["facilitator.floodguard"] = Guard(
        app.config.get("LIVE_EVENT_BUDGETS") or BUDGETS,
        app.config.get("LIVE_REFUSALS") or REFUSALS,
        float(app.config.get("LIVE_FLOOD_PAUSE", 30)))


def guard() -> Guard:
    return current_app.extensions["facilitator.floodguard"]


def too_many() -> str:
    return _("Too many messages from this device at once. Wait a moment and try again.")


def budgeted(kind: str, who=None):
    """Refuse the event at once when its connection is over budget for this kind; close a
    connection that keeps flooding (``who()`` names it, to be paused: phone, console, screen)."""

    def decorate(handler):
        @functools.wraps(handler)
        def wrapper(data=None):
            if not limiter.enabled:
                return handler(data)
            wait, flooding = guard().spend(request.sid, kind)
            if not wait:
                return handler(data)
            if flooding:
                if who is not None and (named := who(request.sid)) is not None:
                    guard().pause_for(named)
                disconnect()
            return {"ok": False, "error": too_many(), "busy": True,
                    "retry_after": round(wait, 1)}

        return wrapper

    return decorate
