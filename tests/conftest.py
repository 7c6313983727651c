"""Fixtures in the style of Flask's tutorial: an app, a client, a trainer and phones."""

from __future__ import annotations

import uuid

import pytest

from facilitator import create_app
from facilitator.database import upgrade
from facilitator.extensions import db, socketio
from facilitator.web.accounts import add_user

PASSWORD = "correct horse battery"


def _config(tmp_path, **extra):
    config = {
        "TESTING": True,
        "INSTANCE_FOLDER": str(tmp_path),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # refreshes at once, and answers taken at once: a test answers one by one, and waiting
        # for others to share a turn would only make it slower (tests/scale sets them back)
        "COALESCE_SECONDS": 0,
        "ANSWERS_GATHER_SECONDS": 0,
        "ANSWERS_REST_SECONDS": 0,
        "SECRET_KEY": "test-secret",
    }
    config.update(extra)
    return config


@pytest.fixture
def make_app(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))

    def make(**extra):
        app = create_app(_config(tmp_path, **extra))
        upgrade(app)
        return app

    return make


@pytest.fixture
def app(make_app):
    app = make_app()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def trainer(app):
    with app.app_context():
        user = add_user("trainer@example.nl", PASSWORD, "trainer")
        return user.id


def login(client, email="trainer@example.nl", password=PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def trainer_client(app, trainer):
    client = app.test_client()
    response = login(client)
    assert response.status_code == 302
    return client


class Console:
    """The trainer's console: a logged-in HTTP client plus its Socket.IO connection."""

    def __init__(self, app, http, workshop_id):
        self.http = http
        self.workshop_id = workshop_id
        self.sio = socketio.test_client(app, flask_test_client=http,
                                        auth={"role": "console", "workshop": workshop_id})
        assert self.sio.is_connected(), "console could not connect"

    def do(self, action, **data):
        return self.sio.emit("control", {"action": action, "data": data}, callback=True)

    def snapshot(self):
        return self.sio.emit("hello", {}, callback=True)["snapshot"]


class Phone:
    """A participant's phone: its own cookie jar, joined through the join page."""

    def __init__(self, app, code, name=None):
        self.app = app
        self.code = code
        self.http = app.test_client()
        response = self.http.post(f"/j/{code}", data={"name": name or ""})
        assert response.status_code == 302, response.get_data(as_text=True)
        self.connect()

    def connect(self):
        self.sio = socketio.test_client(self.app, flask_test_client=self.http,
                                        auth={"role": "phone", "code": self.code})
        assert self.sio.is_connected(), "phone could not connect"

    def snapshot(self):
        return self.sio.emit("hello", {}, callback=True)["snapshot"]

    def answer(self, data=None, *, passing=False, client_id=None, step=None):
        step = step or self.snapshot()["meta"]["step"]
        payload = {"step": step, "data": data or {}, "client_id": client_id or uuid.uuid4().hex}
        if passing:
            payload["pass"] = True
        return self.sio.emit("answer", payload, callback=True)

    def received(self, name="snapshot"):
        return [m["args"][0] for m in self.sio.get_received() if m["name"] == name]


@pytest.fixture
def workshop(app, trainer):
    """A session from the shipped starter scenario."""
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
        made = workshops.create(scenario, db.session.get(User, trainer), team_name="Balie Burgerzaken")
        return {"id": made.id, "code": made.code, "screen_key": made.screen_key}


@pytest.fixture
def console(app, trainer_client, workshop):
    return Console(app, trainer_client, workshop["id"])


@pytest.fixture
def phones(app, workshop):
    def make(n, names=None):
        return [Phone(app, workshop["code"], (names or [None] * n)[i]) for i in range(n)]

    return make
