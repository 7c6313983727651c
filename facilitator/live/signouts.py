"""Signing out ends the trainer's live connections.

A live connection's rights are settled when it connects, from the cookies of that moment; after
that the browser's cookie no longer matters to it. So every sign-out is counted per account, in
the rate-limit storage (``FACILITATOR_RATELIMIT_STORAGE``: memory, or the Redis that several
processes share): a console or screen
that was let in on an account's rights remembers the count of that moment, and an event it sends
after the count changed is refused and the connection closed. This process also closes the
account's connections at once when the sign-out happens here.
"""

from __future__ import annotations

import threading

from flask import current_app
from limits.storage import Storage, storage_from_string

from ..extensions import socketio

KEEP_SECONDS = 400 * 24 * 3600  # longer than any sign-in lasts


def _key(user_id: int) -> str:
    return f"facilitator/sign-outs/{user_id}"


def count_of(user_id: int) -> int:
    return int(signed_in().storage.get(_key(user_id)) or 0)


def count_sign_out(user_id: int) -> None:
    signed_in().storage.incr(_key(user_id), KEEP_SECONDS)


class SignedIn:
    """This process's live connections that were let in on an account's rights, by sid."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self._by_sid: dict[str, tuple[int, int]] = {}  # sid -> (user id, sign-outs then)
        self._lock = threading.Lock()

    def add(self, sid: str, user_id: int) -> None:
        with self._lock:
            self._by_sid[sid] = (user_id, count_of(user_id))

    def forget(self, sid: str) -> None:
        with self._lock:
            self._by_sid.pop(sid, None)

    def still_signed_in(self, sid: str) -> bool:
        found = self._by_sid.get(sid)
        return found is None or count_of(found[0]) == found[1]

    def of(self, user_id: int) -> list[str]:
        with self._lock:
            return [sid for sid, (user, _count) in self._by_sid.items() if user == user_id]


def init_app(app) -> None:
    app.extensions["facilitator.signed_in"] = SignedIn(
        storage_from_string(app.config.get("RATELIMIT_STORAGE_URI") or "memory://"))


def signed_in() -> SignedIn:
    return current_app.extensions["facilitator.signed_in"]


def sign_out(user_id: int) -> None:
    """Count the sign-out, and close the account's connections to this process now."""
    count_sign_out(user_id)
    for sid in signed_in().of(user_id):
        signed_in().forget(sid)
        socketio.server.disconnect(sid, namespace="/")
