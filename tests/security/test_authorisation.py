"""Every HTTP route and every Socket.IO event, tried as every kind of person (see matrix.py).

A role that may not use a route is refused (401, 403, 404 or sent to the login or join page) and
changes nothing in the database; a role that may use it is served.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

import pytest
from flask import url_for

from facilitator import create_app
from facilitator.extensions import socketio
from facilitator.web import accounts

from ..conftest import _config
from .conftest import dump
from .matrix import CONNECTIONS, CONSOLE, EVENTS, PHONE, ROUTES, SCREEN
from .world import ROLES

IGNORED_METHODS = {"HEAD", "OPTIONS"}
#: Refused roles first, so the served ones cannot spoil what is tried afterwards; the trainer who
#: owns everything goes last.
ORDER = ("anonymous", "participant", "other_participant", "other_lead", "lead", "other_trainer",
         "trainer")
FILES = {"static": "app.css", "plugin_static": "statements.css", "teamplan.static": "teamplan.css",
         "live_pages.media": "film.mp4"}


def test_every_route_and_event_is_in_the_matrix(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = create_app(_config(tmp_path))
    found = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
             for method in rule.methods - IGNORED_METHODS}
    assert not found - ROUTES.keys(), f"routes nobody classified in matrix.py: {found - ROUTES.keys()}"
    assert not ROUTES.keys() - found, f"routes in matrix.py that no longer exist: {ROUTES.keys() - found}"
    events = {event for handlers in socketio.server.handlers.values() for event in handlers}
    assert events == set(EVENTS), f"Socket.IO events not in matrix.py: {events ^ set(EVENTS)}"


def _url(app, world, endpoint: str) -> str:
    ids = world.ids
    values = {"workshop_id": ids["workshop"], "session_id": ids["workshop"], "code": ids["code"],
              "team_id": ids["team"], "agreement_id": ids["agreement"], "user_id": ids["lead_user"],
              "token_id": ids["token"], "stored_id": ids["stored"], "key": ids["stored_key"],
              "fmt": "md", "name": "statements", "filename": FILES.get(endpoint),
              "anything": "no/such/thing"}
    if endpoint == "library.view":
        values["key"] = "stellingen-veilig-werken"
    if endpoint == "reports.session_results_export":
        values["fmt"] = "csv"
    if endpoint == "reports.team_document_export":  # the world's 0/1-measurement comparison
        values.update(key="meting-veilig-werken", fmt="pdf")
    with app.test_request_context():
        values["token"] = accounts.setup_token()
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


def _form(world, endpoint: str) -> dict:
    """What a person would post; most routes are tried with an empty form."""
    return {"join.landing": {"code": world.ids["code"]},
            "auth.login": {"email": "nobody@example.nl", "password": "wrong password"},
            }.get(endpoint, {})


def _request(app, world, role: str, method: str, url: str, endpoint: str):
    client = world.client(app, role)
    if url.startswith("/api/"):
        headers = {"Authorization": f"Bearer {world.bearer[role]}"} if role in world.bearer else {}
        return client.open(url, method=method, headers=headers,
                           json={} if method != "GET" else None)
    return client.open(url, method=method, data=_form(world, endpoint) if method != "GET" else None)


def _ids_used_twice(response) -> list[str]:
    """An HTML page's element ids that stand more than once (a label, a link to #id and a screen
    reader all find the first one only). ``<template>`` content is not in the page."""
    if response.status_code != 200 or response.mimetype != "text/html":
        return []
    page = re.sub(r"<template\b.*?</template>", "", response.get_data(as_text=True), flags=re.S)
    counted = Counter(re.findall(r'\sid="([^"]+)"', page))  # a <template> is not in the page
    return sorted(i for i, n in counted.items() if n > 1)


def refused(response, url: str) -> bool:
    """Refused: an error, or sent to sign in (or, from the phone page, to join first)."""
    if response.status_code in (401, 403, 404):
        return True
    if response.status_code in (301, 302, 303):
        path = urlparse(response.headers["Location"]).path
        return path.startswith("/login") or (url.startswith("/p/") and path.startswith("/j/"))
    return False


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[1]} {r[0]}")
def test_each_route_serves_only_whom_it_should(world, tmp_path, monkeypatch, route):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    endpoint, method = route
    access = ROUTES[route]
    app = world.app(tmp_path)
    url = _url(app, world, endpoint)
    answers = {}
    for role in sorted(ROLES, key=lambda r: (r in access.allowed, ORDER.index(r))):
        before = dump(app) if role not in access.allowed else None
        response = _request(app, world, role, method, url, endpoint)
        answers[role] = response.status_code
        assert response.status_code < 500, f"{method} {url} as {role}: {response.status_code}"
        if access.same_for_all:
            continue
        if role in access.allowed:
            assert not refused(response, url), f"{method} {url}: {role} was refused ({response.status_code})"
            assert not _ids_used_twice(response), f"{method} {url} as {role}: ids used twice"
        else:
            assert access.quiet or refused(response, url), \
                f"{method} {url}: {role} was served ({response.status_code})"
            assert dump(app) == before, f"{method} {url}: {role} changed stored data"
    if access.same_for_all:
        assert len(set(answers.values())) == 1, f"{method} {url} answers differ per role: {answers}"


def _auth(world, kind: str, role: str) -> dict:
    if kind != PHONE:
        return {"role": kind, "workshop": world.ids["workshop"]}
    auth = {"role": PHONE, "code": world.ids["code"]}
    if role == "other_participant":  # their own valid token, for someone else's session
        auth["token"] = world.cookies[role][f"fac_{world.ids['other_code']}"]
    return auth


@pytest.mark.parametrize("kind", sorted(CONNECTIONS))
def test_only_the_right_people_open_a_live_connection(world, tmp_path, monkeypatch, kind):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = world.app(tmp_path)
    for role in ROLES:
        client = world.socket(app, role, _auth(world, kind, role))
        assert client.is_connected() == (role in CONNECTIONS[kind]), f"{kind} connection as {role}"
        if client.is_connected():
            client.disconnect()


SAMPLES = {
    "hello": {},
    "answer": {"step": "s1", "data": {"choice": "agree"}, "client_id": "matrix"},
    "withdraw": {"step": "s1", "slot": ""},
    "moment": {"on": True},
    "control": {"action": "close", "data": {"step": "s1"}},
}


@pytest.mark.parametrize("event", sorted(SAMPLES))
def test_each_event_is_taken_only_from_its_kind_of_connection(world, tmp_path, monkeypatch, event):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = world.app(tmp_path)
    owners = {PHONE: "participant", SCREEN: "trainer", CONSOLE: "trainer"}
    for kind in sorted(owners, key=lambda k: k in EVENTS[event]):
        client = world.socket(app, owners[kind], _auth(world, kind, owners[kind]))
        before = dump(app)
        ack = client.emit(event, SAMPLES[event], callback=True)
        if kind in EVENTS[event]:
            assert ack["ok"], f"{event} from the {kind}: {ack}"
        else:
            assert ack["ok"] is False and ack["error"], f"{event} from the {kind} was taken: {ack}"
            assert dump(app) == before, f"{event} from the {kind} changed stored data"
        client.disconnect()
