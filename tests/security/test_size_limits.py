"""Size limits on every input, upload and live message, with a message in Dutch.

Every form route is posted with every usual field name filled with 20,000 characters: nothing that
long may be stored, and nothing may break. The inputs people use every day are checked one by
one for their message. A live message over 64 KB is cut off by the server.
"""

from __future__ import annotations

import io
import sqlite3

import pytest
import socketio

from facilitator.extensions import db
from facilitator.sessions.models import Team

from ..clients import close_all, join_phone
from ..conftest import Console
from ..servers import Server
from .conftest import dump
from .matrix import ROUTES
from .test_authorisation import ORDER, _url

HUGE = "x" * 20_000
FIELDS = ("name", "text", "team", "notes", "owner", "outside_help", "goals", "unit", "email", "title",
          "description", "code", "password", "password2", "status", "kind", "due", "note", "q",
          "content", "yaml", "direction", "scenario", "days")
TOO_LONG = "te lang"


def _stored_something_huge(app) -> bool:
    return "x" * 10_001 in str(dump(app))


@pytest.mark.parametrize("route", sorted(r for r in ROUTES if r[1] != "GET"), ids=lambda r: f"{r[1]} {r[0]}")
def test_no_form_or_api_call_stores_a_huge_text(world, tmp_path, monkeypatch, route):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = world.app(tmp_path)
    endpoint, method = route
    url = _url(app, world, endpoint)
    role = max(ROUTES[route].allowed or {"anonymous"}, key=ORDER.index)
    client = world.client(app, role)
    if endpoint.startswith("api."):
        response = client.open(url, method=method, json={f: HUGE for f in FIELDS},
                               headers={"Authorization": f"Bearer {world.bearer[role]}"}
                               if role in world.bearer else {})
    else:
        response = client.open(url, method=method, data={f: HUGE for f in FIELDS})
    assert response.status_code < 500, f"{method} {url}: {response.status_code}"
    assert not _stored_something_huge(app), f"{method} {url} stored a 20,000-character text"


#: (what, form route, field, limit, other fields) for the web forms people fill in.
WEB_INPUTS = [
    ("participant's name", "/j/{code}", "name", 40, {}),
    ("team of a new session", "/trainer/sessions", "team", 120, {"scenario": "stellingen-veilig-werken"}),
    ("team name", "/teams", "name", 120, {}),
    ("agreement in the team plan", "/teams/{team}/agreements", "text", 2000, {}),
]


@pytest.mark.parametrize("what, path, field, limit, extra", WEB_INPUTS, ids=[w[0] for w in WEB_INPUTS])
def test_a_web_form_refuses_one_character_too_many_with_a_message(world, tmp_path, monkeypatch,
                                                                  what, path, field, limit, extra):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = world.app(tmp_path)
    client = world.client(app, "anonymous" if path.startswith("/j/") else "trainer")
    url = path.format(code=world.ids["code"], team=world.ids["team"])
    before = dump(app)
    response = client.post(url, data={**extra, field: "é" * (limit + 1)}, follow_redirects=True)
    assert TOO_LONG in response.get_data(as_text=True), f"{what}: no message about the length"
    assert dump(app) == before, f"{what}: something was stored"
    response = client.post(url, data={**extra, field: "é" * limit}, follow_redirects=True)
    assert TOO_LONG not in response.get_data(as_text=True), f"{what}: the limit itself is refused"


#: (what, console action, field, limit, other fields) for the console's own texts.
CONSOLE_INPUTS = [
    ("discussion notes", "notes", "notes", 5000, {}),
    ("agreement text", "agreement", "text", 2000, {}),
    ("agreement owner", "agreement", "owner", 120, {"text": "Melden"}),
    ("outside help", "agreement", "outside_help", 200, {"text": "Melden"}),
]


@pytest.mark.parametrize("what, action, field, limit, extra", CONSOLE_INPUTS,
                         ids=[c[0] for c in CONSOLE_INPUTS])
def test_a_console_text_over_its_limit_is_refused_with_a_message(app, workshop, trainer_client,
                                                                 what, action, field, limit, extra):
    console = Console(app, trainer_client, workshop["id"])
    console.do("start")
    before = dump(app)
    ack = console.do(action, step="s1", **{**extra, field: "é" * (limit + 1)})
    assert ack["ok"] is False and TOO_LONG in ack["error"], f"{what}: {ack}"
    assert dump(app) == before
    assert console.do(action, step="s1", **{**extra, field: "é" * limit})["ok"], what


def test_a_request_over_two_megabytes_gets_a_dutch_page(app, trainer_client, workshop):
    response = trainer_client.post("/trainer/sessions", data={"team": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Wat je verstuurde is te groot" in response.get_data(as_text=True)
    upload = trainer_client.post("/trainer/library/upload", data={
        "file": (io.BytesIO(b"title: x\n" + b"#" * (3 * 1024 * 1024)), "groot.yaml")},
        follow_redirects=True)
    assert "te groot" in upload.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Team).filter(Team.name.like("xxxx%")).count() == 0


def test_a_live_message_over_64_kb_is_cut_off_and_the_phone_comes_back(tmp_path):
    server = Server(tmp_path)
    server.prepare()
    session = server.create_session("stellingen-veilig-werken", named=True)
    server.start()
    clients = []
    try:
        phone = join_phone(server.url, session["code"], "Noor")
        neighbour = join_phone(server.url, session["code"], "Sem")
        clients = [phone, neighbour]
        with pytest.raises(socketio.exceptions.TimeoutError):
            phone.call("moment", {"on": True, "padding": "x" * 70_000}, timeout=5)
        phone.wait_reconnected(2)  # cut off, and back by itself
        assert phone.call("moment", {"on": True}) == {"ok": True}
        assert neighbour.call("hello", {})["ok"], "the neighbour was affected"
    finally:
        close_all(clients)
        server.stop()
    with sqlite3.connect(tmp_path / "db.sqlite") as database:
        assert database.execute("select count(*) from participants where needs_moment_since "
                                "is not null").fetchone()[0] == 1  # only the small one

