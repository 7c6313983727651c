"""Two hundred phones answer the same step at the same moment against a real server: exactly 200
answers are stored, each phone got its acknowledgement, and the shared screen counts 200."""

from __future__ import annotations

import asyncio
import random
import re
import sqlite3
import time

import aiohttp
import pytest
import socketio

from ..clients import Live, close_all, run_coroutine, shared_screen, trainer_console
from ..servers import Server

pytestmark = pytest.mark.server
PHONES = 200


async def _join(http: aiohttp.ClientSession, base: str, code: str) -> str:
    async with http.get(f"{base}/j/{code}") as page:
        token = re.search(r'name="csrf_token" value="([^"]+)"', await page.text()).group(1)
    async with http.post(f"{base}/j/{code}", data={"name": "", "csrf_token": token},
                         allow_redirects=False) as joined:
        assert joined.status == 302, joined.status
    return next(c.value for c in http.cookie_jar if c.key == f"fac_{code}")


async def _phone(base: str, code: str, gate: asyncio.Semaphore) -> socketio.AsyncClient:
    async with gate, aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        token = await _join(http, base, code)
    phone = socketio.AsyncClient(reconnection=False)
    await phone.connect(base, auth={"role": "phone", "code": code, "token": token},
                        transports=["websocket"], wait_timeout=30)
    return phone


async def _everyone_answers(base: str, code: str, screen: Live) -> tuple[list[dict], list[str],
                                                                        float, int]:
    gate = asyncio.Semaphore(20)
    phones = await asyncio.gather(*[_phone(base, code, gate) for _ in range(PHONES)])
    for phone in phones:
        snapshot = (await phone.call("hello", {}, timeout=30))["snapshot"]
        assert snapshot["meta"]["step"] == "s1"
    choices = [random.choice(["agree", "disagree"]) for _ in phones]
    sent_at, shown_before = time.monotonic(), len(screen.snapshots)
    acks = await asyncio.gather(*[  # all at once
        phone.call("answer", {"step": "s1", "data": {"choice": choice}, "client_id": f"c{i}"},
                   timeout=60) for i, (phone, choice) in enumerate(zip(phones, choices, strict=True))])
    await asyncio.to_thread(screen.wait_for, lambda s: s["meta"].get("answered") == PHONES, 30)
    counted_after = time.monotonic() - sent_at
    await asyncio.gather(*[phone.disconnect() for phone in phones])
    return acks, choices, counted_after, len(screen.snapshots) - shown_before


def test_two_hundred_phones_answering_at_once_are_all_counted(tmp_path):
    server = Server(tmp_path)
    server.prepare()
    session = server.create_session("stellingen-veilig-werken")
    server.start()
    console = screen = None
    try:
        console = trainer_console(server.url, server.trainer_email, server.password, session["id"])
        screen = shared_screen(server.url, session)
        assert console.call("control", {"action": "start"})["ok"]
        acks, choices, counted_after, refreshes = run_coroutine(
            _everyone_answers(server.url, session["code"], screen))
        assert acks == [{"ok": True, "changed": True}] * PHONES
        # coalesced: a refresh at most every 0.25 s, never one snapshot per answer
        assert refreshes <= counted_after / 0.25 + 2, f"{PHONES} answers: {refreshes} snapshots"
        shown = screen.wait_for(lambda s: s["meta"].get("answered") == PHONES)
        assert f"{PHONES} van {PHONES} hebben geantwoord" in shown["html"]
        with sqlite3.connect(tmp_path / "db.sqlite") as db:
            stored = dict(db.execute(
                "select json_extract(e.payload, '$.choice'), count(*) from entries e "
                "join steps s on s.id = e.step_id where s.key = 's1' group by 1").fetchall())
        assert sum(stored.values()) == PHONES
        assert stored == {c: choices.count(c) for c in set(choices)}
        assert console.call("control", {"action": "reveal", "data": {"step": "s1"}})["ok"]
        revealed = screen.wait_for(lambda s: s["meta"].get("revealed"))
        for choice, count in stored.items():
            assert f'data-count="{choice}">{count}<' in revealed["html"]
        print(f"\n{PHONES} phones joined and answered at once; stored {sum(stored.values())}, "
              f"screen showed {PHONES} {counted_after:.1f} s after they were sent, in {refreshes} snapshots")
    finally:
        close_all([console, screen])
        server.stop()
