"""The server process killed (SIGKILL) again and again while twenty phones are voting: every
client comes back by itself, the session is at the same step, no acknowledged answer is lost, and
a retried answer counts once."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
import uuid

import pytest

from ..clients import Live, close_all, join_phone, trainer_console
from ..servers import Server

pytestmark = pytest.mark.server
PHONES = 20
KILLS = 3


class Voter(threading.Thread):
    """A phone that keeps changing its stand; an answer is retried (same client id) until the
    server acknowledges it, as live.js's caller would after a reconnect."""

    def __init__(self, phone: Live, step: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.phone, self.step, self.stop = phone, step, stop
        self.acknowledged: str | None = None
        self.sent = self.interrupted = 0
        self.failure: str | None = None

    def run(self):
        choice = random.choice(["agree", "disagree"])
        while not self.stop.is_set() and self.failure is None:
            self._vote(choice)
            choice = "disagree" if choice == "agree" else "agree"
            time.sleep(random.uniform(0.05, 0.3))

    def _vote(self, choice: str):
        payload = {"step": self.step, "data": {"choice": choice}, "client_id": uuid.uuid4().hex}
        self.sent += 1
        deadline = time.monotonic() + 90
        tries = 0
        while time.monotonic() < deadline:
            tries += 1
            try:
                ack = self.phone.call("answer", payload, timeout=5)
            except Exception:  # the server is away: wait for the reconnect, send the same again
                time.sleep(0.2)
                continue
            self.interrupted += tries > 1
            if ack.get("ok"):
                self.acknowledged = choice
                return
            if ack.get("busy"):  # over this phone's event budget: the phone waits and sends again
                time.sleep(float(ack.get("retry_after") or 0.5))
                continue
            self.failure = f"refused: {ack}"
            return
        self.failure = "never acknowledged"


def _stored(database, step_key: str) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "select json_extract(e.payload, '$.choice'), count(*) from entries e "
            "join steps s on s.id = e.step_id where s.key = ? group by 1", (step_key,)).fetchall()
    return dict(rows)


def test_sigkill_during_a_vote_loses_no_acknowledged_answer(tmp_path):
    server = Server(tmp_path)
    server.prepare()
    session = server.create_session("stellingen-veilig-werken")
    server.start()
    clients = []
    try:
        console = trainer_console(server.url, server.trainer_email, server.password, session["id"])
        phones = [join_phone(server.url, session["code"]) for _ in range(PHONES)]
        clients = [console, *phones]
        assert console.call("control", {"action": "start"})["ok"]
        assert console.call("control", {"action": "next", "data": {"step": "s1"}})["ok"]
        for phone in phones:
            phone.wait_for(lambda s: s["meta"].get("step") == "s2")

        stop = threading.Event()
        voters = [Voter(phone, "s2", stop) for phone in phones]
        for voter in voters:
            voter.start()
        for kill in range(KILLS):
            time.sleep(random.uniform(1.0, 2.5))  # answers are in flight when the blow falls
            server.kill()
            server.start()
            for client in clients:  # each comes back by itself, at the step where it was
                snapshot = client.wait_reconnected(kill + 2, timeout=60)
                assert snapshot["meta"]["step"] == "s2" and snapshot["meta"]["open"]
        time.sleep(2)
        stop.set()
        for voter in voters:
            voter.join(120)
        assert not [v.failure for v in voters if v.failure], [v.failure for v in voters]
        interrupted = sum(v.interrupted for v in voters)
        assert interrupted > 0, "no answer was in flight during a kill: the test proved nothing"

        for voter in voters:  # each phone shows its last acknowledged stand as chosen
            html = voter.phone.call("hello", {})["snapshot"]["html"]
            assert f'value="{voter.acknowledged}" aria-pressed="true"' in html

        wanted = {c: sum(v.acknowledged == c for v in voters) for c in ("agree", "disagree")}
        assert _stored(tmp_path / "db.sqlite", "s2") == {c: n for c, n in wanted.items() if n}
        assert console.call("control", {"action": "reveal", "data": {"step": "s2"}})["ok"]
        shown = console.wait_for(lambda s: s["meta"].get("revealed") and
                                 s["meta"].get("answered") == PHONES)
        for choice, count in wanted.items():
            assert f'data-count="{choice}">{count}<' in shown["html"]
        print(f"\n{KILLS} SIGKILLs, {sum(v.sent for v in voters)} answers sent, "
              f"{interrupted} of them interrupted by a kill and sent again, 0 lost")
    finally:
        close_all(clients)
        server.stop()
