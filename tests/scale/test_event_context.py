"""The events of a live connection reuse what its handshake said.

Flask-SocketIO makes a request context for every event from the connection's handshake. Binding
the URL map to it, matching ``/socket.io/`` against every view and parsing its Cookie header gave
the same answers for every event of a connection; they are now worked out once, when it is
accepted (``facilitator.live.event_context``). What the handlers rely on stays: the signed-in
trainer's session and ``url_for``.
"""

from __future__ import annotations

import pytest
import werkzeug.sansio.request
from flask import url_for
from werkzeug.routing import Map, MapAdapter

from facilitator.extensions import db
from facilitator.sessions.models import Workshop


@pytest.fixture
def per_event_work(monkeypatch):
    """Counts of the URL map bound, an address matched and a Cookie header parsed."""
    done = {"bound": 0, "matched": 0, "cookies parsed": 0}

    def count(owner, name: str, what: str) -> None:
        real = getattr(owner, name)

        def counted(*args, **kwargs):
            done[what] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)

    count(Map, "bind_to_environ", "bound")
    count(MapAdapter, "match", "matched")
    count(werkzeug.sansio.request, "parse_cookie", "cookies parsed")
    return done


def test_events_bind_match_and_parse_nothing_again(app, console, phones, workshop, per_event_work):
    (phone,) = phones(1)
    per_event_work.update(dict.fromkeys(per_event_work, 0))

    assert console.do("start") == {"ok": True}  # the trainer's signed-in session still opens
    assert phone.answer({"choice": "agree"})["ok"]  # a phone's answer is taken as before
    html = console.snapshot()["html"]

    assert per_event_work == {"bound": 0, "matched": 0, "cookies parsed": 0}
    with app.app_context():
        team_id = db.session.get(Workshop, workshop["id"]).team_id
    with app.test_request_context("/"):
        team_plan = url_for("teamplan.team_plan", team_id=team_id)
    assert f'href="{team_plan}"' in html  # url_for in an event builds what it built before

