"""Many phones press "Ik sta op" within the same fraction of a second, against a real server.

The queue must be exactly the order in which the server stored the stand-ups (entry ids), the
same on the console and on every phone, with nobody lost and nobody twice. Each phone joins from
its own loopback address (127.0.0.x), as phones in a room have their own address, so the join
rate limit per address does not get in the way. The measured figures are printed and written to
test-artifacts/debate-queue-load.json.
"""

from __future__ import annotations

import functools
import hashlib
import http.client
import json
import re
import sqlite3
import statistics
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from ..clients import Browser, Live, NoRedirect, close_all, trainer_console
from ..servers import Server

pytestmark = pytest.mark.server

PHONES = 36
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


class FromAddress(urllib.request.HTTPHandler):
    """Opens HTTP connections from a given local address."""

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def http_open(self, req):
        connection = functools.partial(http.client.HTTPConnection, source_address=(self.address, 0))
        return self.do_open(connection, req)


def join_from(server: Server, code: str, address: str) -> tuple[Live, int]:
    """Join as a phone from this address; return its connection and its participant id."""
    browser = Browser(server.url)
    browser.opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(browser.jar), NoRedirect, FromAddress(address))
    assert browser.post(f"/j/{code}", {"name": ""}) == 302
    token = browser.cookie(f"fac_{code}")
    with sqlite3.connect(server.folder / "db.sqlite") as db:
        (pid,) = db.execute("SELECT id FROM participants WHERE token_hash = ?",
                            (hashlib.sha256(token.encode()).hexdigest(),)).fetchone()
    return Live(server.url, {"role": "phone", "code": code, "token": token}), pid


def stored_queue(database: Path) -> list[tuple[int, int, str, bool]]:
    """(entry id, participant id, slot, had the floor) of every stand-up, in id order."""
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT e.id, e.participant_id, e.slot, e.payload FROM entries e "
            "JOIN steps s ON s.id = e.step_id WHERE s.key = 'debate' ORDER BY e.id").fetchall()
    return [(i, pid, slot, bool(json.loads(p).get("spoke"))) for i, pid, slot, p in rows
            if json.loads(p).get("kind") == "stand"]


def console_queue(console: Live) -> list[int]:
    html = console.call("hello", {})["snapshot"]["html"]
    found = re.findall(r'data-participant="(\d+)" data-place="(\d+)"', html)
    return [int(pid) for pid, _place in sorted(found, key=lambda item: int(item[1]))]


def press_together(phones: list[Live], action) -> list[dict]:
    """Every phone does ``action`` at the same moment; return what each measured."""
    start = threading.Barrier(len(phones))
    measured: list[dict] = [{} for _ in phones]

    def press(index: int, phone: Live) -> None:
        start.wait()
        sent = time.time()
        ack = action(phone)
        measured[index] = {"sent": sent, "ack_seconds": time.time() - sent, "ack": ack}

    threads = [threading.Thread(target=press, args=(i, p)) for i, p in enumerate(phones)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    return measured


def stand(phone: Live) -> dict:
    return phone.call("answer", {"step": "debate", "data": {"action": "stand"},
                                 "client_id": uuid.uuid4().hex}, timeout=120)


def sit_down(phone: Live) -> dict:
    return phone.call("withdraw", {"step": "debate", "slot": "up1"}, timeout=120)


def figures(measured: list[dict]) -> dict:
    sent = [m["sent"] for m in measured]
    acks = sorted(m["ack_seconds"] for m in measured)
    return {"presses": len(measured), "spread_of_presses_ms": round(1000 * (max(sent) - min(sent)), 1),
            "ack_median_s": round(statistics.median(acks), 2),
            "ack_p95_s": round(acks[int(0.95 * (len(acks) - 1))], 2), "ack_max_s": round(acks[-1], 2)}


def test_simultaneous_stand_ups_queue_in_the_servers_order_without_loss_or_double(tmp_path):
    server = Server(tmp_path)
    server.prepare()
    session = server.create_session("lagerhuis-stellingen")
    server.start()
    phones: list[Live] = []
    try:
        console = trainer_console(server.url, server.trainer_email, server.password, session["id"])
        joined = [join_from(server, session["code"], f"127.0.0.{10 + i}") for i in range(PHONES)]
        phones = [phone for phone, _pid in joined]
        ids = dict(joined)
        for action in ("start", "divide", "next", "next"):  # the vote, the preparation
            assert console.call("control", {"action": action, "data": {}}) == {"ok": True}
        for phone in phones:
            phone.wait_for(lambda s: 'data-phone-action="stand"' in s["html"], timeout=60)

        # Round 1: everybody stands up at once.
        began = time.time()
        first = press_together(phones, stand)
        assert all(m["ack"] == {"ok": True, "changed": True} for m in first), first
        stored = stored_queue(tmp_path / "db.sqlite")
        order = [pid for _id, pid, _slot, _spoke in stored]
        assert len(order) == PHONES and len(set(order)) == PHONES, "lost or doubled"
        assert sorted(order) == sorted(ids.values())
        assert console_queue(console) == order, "the console shows another order than the server's"
        seen_by_all = time.time() - began
        for phone in phones:
            place = order.index(ids[phone]) + 1
            phone.wait_for(lambda s, n=place: f"nummer {n} in de rij" in s["html"], timeout=60)

        # Round 2: half of them sit down and stand up again, all at the same moment.
        movers = phones[::2]
        assert all(m["ack"] == {"ok": True} for m in press_together(movers, sit_down))
        again = press_together(movers, stand)
        assert all(m["ack"]["ok"] for m in again), again
        stored = stored_queue(tmp_path / "db.sqlite")
        order_after = [pid for _id, pid, _slot, _spoke in stored]
        stayed = [pid for pid in order if pid not in {ids[p] for p in movers}]
        assert order_after[:len(stayed)] == stayed, "those who kept standing lost their place"
        assert sorted(order_after[len(stayed):]) == sorted(ids[p] for p in movers)
        assert len(order_after) == PHONES and console_queue(console) == order_after

        # The trainer gives the floor twice: first come, first served.
        for expected in order_after[:2]:
            assert console.call("control", {"action": "floor", "data": {"step": "debate"}})["ok"]
            spoke = [pid for _id, pid, _slot, had in stored_queue(tmp_path / "db.sqlite") if had]
            assert spoke[-1] == expected

        result = {"round_1_everyone_stands": figures(first),
                  "round_2_half_sit_down_and_stand_again": figures(again),
                  "seconds_until_queue_complete_on_console": round(seen_by_all, 2),
                  "lost": 0, "doubled": 0, "phones": PHONES}
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "debate-queue-load.json").write_text(json.dumps(result, indent=2))
        print(json.dumps(result, indent=2))
    finally:
        close_all(phones)
        server.stop()
