"""The signed session cookie, verified once per cookie rather than once per request.

Flask-SocketIO pushes a request context for every Socket.IO event, built from the connection's
handshake, so every answer a phone sends opens the same session cookie again: parsing it and
checking its signature took about 0.1 ms, more than the rest of the event's request context and
a sixth of what the whole answer costs the bare Socket.IO server (see docs/performance.md). This
interface remembers what the last few thousand cookie values said. A remembered value is the
exact signed text that was verified, so nothing unsigned gets in; it is forgotten when the cookie
would have expired; and each request gets its own copy to change.
"""

from __future__ import annotations

import copy
import time
from collections import OrderedDict
from threading import Lock

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature


class RememberedCookieSessions(SecureCookieSessionInterface):
    """Flask's own signed-cookie sessions, with the verified contents of recent cookies kept."""

    #: How many cookie values are remembered: about one per live connection.
    REMEMBERED = 5000

    def __init__(self) -> None:
        self._verified: OrderedDict[tuple[object, str], tuple[dict, float]] = OrderedDict()
        self._lock = Lock()

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not app.secret_key:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        key, now = (app.secret_key, value), time.time()  # a new secret key: verified anew
        with self._lock:
            found = self._verified.get(key)
            if found is not None:
                self._verified.move_to_end(key)
        if found is not None and found[1] > now:
            return self.session_class(copy.deepcopy(found[0]))
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:  # the serializer only now: making one costs about as much as the rest of a lookup
            data, signed_at = self.get_signing_serializer(app).loads(
                value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        with self._lock:
            self._verified[key] = (copy.deepcopy(data), signed_at.timestamp() + max_age)
            while len(self._verified) > self.REMEMBERED:
                self._verified.popitem(last=False)
        return self.session_class(data)
