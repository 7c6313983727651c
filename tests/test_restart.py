"""A server restart (even SIGKILL) in the middle of a step loses nothing: every client reconnects
by itself, gets the full state, and the session continues."""

import sqlite3
import uuid

import pytest

from .clients import close_all, join_phone, shared_screen, trainer_console
from .servers import Server

pytestmark = pytest.mark.server


def test_killed_server_comes_back_with_every_answer_and_every_client(tmp_path):
    server = Server(tmp_path)
    server.prepare()
    session = server.create_session("stellingen-veilig-werken")
    server.start()
    try:
        console = trainer_console(server.url, server.trainer_email, server.password, session["id"])
        screen = shared_screen(server.url, session)
        phones = [join_phone(server.url, session["code"]) for _ in range(3)]
        assert console.call("control", {"action": "start"}) == {"ok": True}
        for phone in phones:
            phone.wait_for(lambda s: s["meta"].get("step") == "s1")
        choices = ["agree", "disagree", "agree"]
        for phone, choice in zip(phones[:2], choices, strict=False):
            ack = phone.call("answer", {"step": "s1", "data": {"choice": choice},
                                        "client_id": uuid.uuid4().hex})
            assert ack["ok"], ack

        server.kill()  # SIGKILL: no clean shutdown
        server.start()

        for view in [console, screen, *phones]:
            snapshot = view.wait_reconnected(2)
            assert snapshot["meta"]["step"] == "s1" and snapshot["meta"]["open"]
        assert phones[1].snapshots[-1]["meta"]["mine"] == 1, "the phone lost its answer"
        # The third phone answers after the restart; the first changes nothing on a retry.
        assert phones[2].call("answer", {"step": "s1", "data": {"choice": "agree"},
                                         "client_id": "late"})["ok"]
        again = phones[0].call("answer", {"step": "s1", "data": {"choice": "agree"},
                                          "client_id": "retry"})
        assert again == {"ok": True, "changed": False}
        assert console.call("control", {"action": "reveal", "data": {"step": "s1"}}) == {"ok": True}
        shown = console.wait_for(lambda s: s["meta"].get("revealed"))
        assert 'data-count="agree">2<' in shown["html"]
        assert 'data-count="disagree">1<' in shown["html"]
        on_screen = screen.wait_for(lambda s: s["meta"].get("revealed"))
        assert 'data-count="agree">2<' in on_screen["html"], "the shared screen did not come back"
    finally:
        close_all(locals().get("phones", []) + [locals().get("console"), locals().get("screen")])
        server.stop()
    with sqlite3.connect(tmp_path / "db.sqlite") as database:
        assert database.execute("select count(*) from entries").fetchone()[0] == 3
