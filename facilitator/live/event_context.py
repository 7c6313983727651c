"""The request context of a Socket.IO event, made for what it is.

Flask-SocketIO runs each event's handler (every answer, every hello) in a Flask request context
built from the connection's handshake: the WSGI environment the connection opened with, kept for
as long as it lives. So every event bound the URL map to the same environment again, matched the
same ``/socket.io/`` address against every view (none serves it; Flask made and kept a 404 for
it) and parsed the same Cookie header: the same answers every time, and a cost per answer the
bare Socket.IO server does not have.

Once a connection is accepted, ``remember_handshake`` keeps those answers with its environment:
its events get the URL adapter bound once (``url_for`` works as before) and the cookies parsed
once, and skip matching an address no view serves: the request context of an event went from 44
to 20 µs on this machine. The session cookie is still opened for every event, by the app's
session interface, as Flask would.
"""

from __future__ import annotations

from flask import Flask, Request, request
from flask.ctx import RequestContext
from flask.globals import request_ctx
from werkzeug.routing import MapAdapter

#: Where a connection's environment keeps what its handshake said.
KEY = "facilitator.handshake"


class Handshake:
    """What a connection's handshake says, worked out once."""

    __slots__ = ("url_adapter", "cookies")

    def __init__(self, url_adapter: MapAdapter | None, cookies) -> None:
        self.url_adapter, self.cookies = url_adapter, cookies


def remember_handshake() -> None:
    """Keep, for the later events of the connection being accepted, what its handshake says."""
    request.environ[KEY] = Handshake(request_ctx.url_adapter, request.cookies)


class EventContext(RequestContext):
    """The request context of one event of an accepted connection."""

    def __init__(self, app: Flask, environ: dict, handshake: Handshake) -> None:
        event = app.request_class(environ)
        event.json_module = app.json
        event.cookies = handshake.cookies  # parsed once (an immutable mapping)
        super().__init__(app, environ, request=event)

    def match_request(self) -> None:
        """The handshake's address is Socket.IO's; no view serves it, so there is nothing to match."""


class LiveApp(Flask):
    """Flask, with a lighter request context for the events of accepted Socket.IO connections."""

    def request_context(self, environ: dict) -> RequestContext:
        handshake = environ.get(KEY)
        if handshake is None:
            return super().request_context(environ)
        return EventContext(self, environ, handshake)

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        if request is not None and (handshake := request.environ.get(KEY)) is not None:
            return handshake.url_adapter
        return super().create_url_adapter(request)
