"""PostgreSQL restarted under a running session: while it is away, phones, the console and pages
get a clear Dutch message at once (nothing hangs); when it is back, the same server process
carries on, without a restart, and nothing acknowledged is lost."""

from __future__ import annotations

import time

import psycopg
import pytest
import socketio

from ..clients import Browser, close_all, join_phone, trainer_console
from ..servers import Server
from .postgres import BIN, PrivatePostgres

pytestmark = [pytest.mark.server, pytest.mark.postgres,
              pytest.mark.skipif(BIN is None, reason="PostgreSQL binaries are not installed")]
AWAY = "database"


@pytest.fixture
def postgres():
    instance = PrivatePostgres()
    instance.start()
    yield instance
    instance.remove()


def _refused_at_once(server: Server, auth: dict) -> str:
    """Open a live connection and return why it was refused (it must not hang)."""
    client = socketio.Client(reconnection=False)
    reasons = []
    client.on("connect_error", lambda data: reasons.append(data))
    started = time.monotonic()
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(server.url, auth=auth, transports=["websocket"], wait_timeout=15)
    assert time.monotonic() - started < 10, "the connection hung instead of being refused"
    assert reasons and reasons[-1].get("data", {}).get("retry"), reasons
    return reasons[-1]["message"]


def test_postgresql_restarted_during_a_session(tmp_path, postgres):
    server = Server(tmp_path, database_url=postgres.url)
    server.prepare()
    session = server.create_session("stellingen-veilig-werken")
    server.start()
    clients = []
    try:
        console = trainer_console(server.url, server.trainer_email, server.password, session["id"])
        phones = [join_phone(server.url, session["code"]) for _ in range(3)]
        clients = [console, *phones]
        assert console.call("control", {"action": "start"})["ok"]
        assert phones[0].call("answer", {"step": "s1", "data": {"choice": "agree"},
                                         "client_id": "before"})["ok"]
        browser = Browser(server.url)

        postgres.stop()
        ack = phones[1].call("answer", {"step": "s1", "data": {"choice": "disagree"},
                                        "client_id": "during"})
        assert ack["ok"] is False and AWAY in ack["error"], ack
        ack = console.call("control", {"action": "reveal", "data": {"step": "s1"}})
        assert ack["ok"] is False and AWAY in ack["error"], ack
        status, page = browser.get(f"/j/{session['code']}")
        assert status == 503 and "De database is even niet bereikbaar" in page
        token = phones[2].sio.connection_auth["token"]
        message = _refused_at_once(server, {"role": "phone", "code": session["code"], "token": token})
        assert AWAY in message

        postgres.start()
        assert browser.get(f"/j/{session['code']}")[0] == 200
        ack = phones[1].call("answer", {"step": "s1", "data": {"choice": "disagree"},
                                        "client_id": "during"})  # the phone's retry
        assert ack == {"ok": True, "changed": True}
        assert phones[2].call("answer", {"step": "s1", "data": {"choice": "agree"},
                                         "client_id": "after"})["ok"]
        assert console.call("control", {"action": "reveal", "data": {"step": "s1"}})["ok"]
        shown = console.wait_for(lambda s: s["meta"].get("revealed") and s["meta"]["answered"] == 3)
        assert 'data-count="agree">2<' in shown["html"] and 'data-count="disagree">1<' in shown["html"]
        assert server.process.poll() is None, "the server process died"
    finally:
        close_all(clients)
        server.stop()
    with psycopg.connect(postgres.url.replace("+psycopg", "")) as db:
        assert db.execute("select count(*) from entries").fetchone()[0] == 3
