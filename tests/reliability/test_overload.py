"""More answers at once than the server takes, with another process busy on one of the cores:
the server answers some of them "busy, try again" instead of letting them wait without end, the
phones send those again by themselves (as live.js does), and in the end every answer is
acknowledged, stored once and counted on the shared screen. Nothing is dropped without the phone
knowing. (Not timed: how fast is measured by bench/compare.py, case overload-*.)"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import subprocess
import sys

import pytest

from ..clients import close_all, run_coroutine, shared_screen, trainer_console
from ..servers import Server
from .test_many_phones import _phone

pytestmark = pytest.mark.server
PHONES = 80
WAITING = 5  # answers one session may have waiting in the server before new ones are "busy"


async def _answer_until_taken(phone, number: int, choice: str) -> tuple[dict, int]:
    """Send one answer; on "busy" wait as told (a little longer each time) and send the same
    answer (the same client id) again. Returns the last acknowledgement and the busy ones."""
    payload = {"step": "s1", "data": {"choice": choice}, "client_id": f"c{number}"}
    busy = 0
    while True:
        ack = await phone.call("answer", payload, timeout=60)
        if not ack.get("busy") or busy >= 20:
            return ack, busy
        assert ack["ok"] is False and ack["error"] and ack["retry_after"] > 0
        busy += 1
        await asyncio.sleep(min(2.0, ack["retry_after"] * 0.2 * 1.3 ** busy) * random.uniform(0.5, 1))


async def _everyone_answers(base: str, code: str):
    gate = asyncio.Semaphore(20)
    phones = await asyncio.gather(*[_phone(base, code, gate) for _ in range(PHONES)])
    choices = [random.choice(["agree", "disagree"]) for _ in phones]
    outcomes = await asyncio.gather(*[  # all at once
        _answer_until_taken(phone, number, choice)
        for number, (phone, choice) in enumerate(zip(phones, choices, strict=True))])
    await asyncio.gather(*[phone.disconnect() for phone in phones])
    return outcomes, choices


def test_a_flood_of_answers_beside_a_cpu_hog_is_refused_as_busy_retried_and_all_counted(tmp_path):
    server = Server(tmp_path, extra_env={"FACILITATOR_ANSWERS_WAITING": str(WAITING)})
    server.prepare()
    session = server.create_session("stellingen-veilig-werken")
    server.start()
    hog = subprocess.Popen([sys.executable, "-c", "while True:\n    pass\n"])  # one core busy
    console = screen = None
    try:
        console = trainer_console(server.url, server.trainer_email, server.password, session["id"])
        screen = shared_screen(server.url, session)
        assert console.call("control", {"action": "start"})["ok"]
        outcomes, choices = run_coroutine(_everyone_answers(server.url, session["code"]))

        acks = [ack for ack, _busy in outcomes]
        busy = sum(b for _ack, b in outcomes)
        assert busy > 0, "no answer was refused as busy: the test proved nothing"
        assert acks == [{"ok": True, "changed": True}] * PHONES, [a for a in acks if not a.get("ok")]
        shown = screen.wait_for(lambda s: s["meta"].get("answered") == PHONES, 30)
        assert f"{PHONES} van {PHONES} hebben geantwoord" in shown["html"]
        with sqlite3.connect(tmp_path / "db.sqlite") as db:
            stored = dict(db.execute(
                "select json_extract(e.payload, '$.choice'), count(*) from entries e "
                "join steps s on s.id = e.step_id where s.key = 's1' group by 1").fetchall())
        assert stored == {c: choices.count(c) for c in set(choices)}
        console.wait_for(lambda s: s["meta"].get("answered") == PHONES)
        print(f"\n{PHONES} answers at once beside a CPU hog: {busy} 'busy' acknowledgements, "
              f"each sent again; {sum(stored.values())} stored, {PHONES} on the screen")
    finally:
        hog.kill()
        hog.wait()
        close_all([console, screen])
        server.stop()
