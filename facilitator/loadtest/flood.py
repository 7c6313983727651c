"""One phone floods the server; do the others notice?

A participant's phone (or a script with its token) sends ``hello``, ``answer`` and ``moment``
events as fast as it likes, here about ``rate`` a second, without waiting for answers. Meanwhile
ordinary phones in the same session and in a second session answer a few times a second, new
phones join, and ``/healthz`` is asked. Measured from the outside: how long the ordinary phones
wait for their acknowledgements, how long joining takes, and what happens to the flooder (its
acknowledgements, and whether the server closes its connection).

The flooder runs in a process of its own, so that its sending does not slow down the measuring
clients in this one. Used by ``tests/security/test_flood.py`` and ``bench/flood.py``.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field

import aiohttp
import socketio

from .report import percentile
from .views import Console, Phone
from .web import Room, Trainer, join_phones

KINDS = ("hello", "answer", "moment")


@dataclass
class FloodReport:
    rate: int  # events a second the flooder meant to send
    seconds: float
    flood_sent: int = 0
    flood_acknowledged: int = 0
    flood_refused: int = 0  # acknowledged with ok: false
    flood_refusal: str = ""  # one refusal as the flooder got it
    flood_disconnected_after: float | None = None  # seconds into the flood
    flood_reconnect: str = ""  # what a new connection of the flooder got right after
    same_session_ack_ms: list[float] = field(default_factory=list)
    other_session_ack_ms: list[float] = field(default_factory=list)
    ack_errors: list[str] = field(default_factory=list)
    join_ms: list[float] = field(default_factory=list)
    join_errors: list[str] = field(default_factory=list)
    healthz_ms: list[float] = field(default_factory=list)

    @property
    def others_ack_ms(self) -> list[float]:
        return self.same_session_ack_ms + self.other_session_ack_ms

    def p95(self, values: list[float]) -> float | None:
        found = percentile(values, 0.95)
        return round(found, 1) if found is not None else None

    def as_dict(self) -> dict:
        figures = asdict(self)
        for name in ("same_session_ack_ms", "other_session_ack_ms", "join_ms", "healthz_ms"):
            values = figures.pop(name)
            figures[name.replace("_ms", "")] = {
                "count": len(values), "p50_ms": _rounded(percentile(values, 0.5)),
                "p95_ms": _rounded(percentile(values, 0.95)),
                "max_ms": _rounded(max(values, default=None))}
        figures["others_ack_p95_ms"] = self.p95(self.others_ack_ms)
        return figures

    def text(self) -> str:
        d = self.as_dict()
        lines = [f"flooder: {self.flood_sent} events in {self.seconds:g} s (meant {self.rate}/s), "
                 f"{self.flood_acknowledged} acknowledged, {self.flood_refused} refused"
                 + (f", disconnected after {self.flood_disconnected_after:.1f} s"
                    if self.flood_disconnected_after is not None else ", never disconnected")]
        if self.flood_refusal:
            lines.append(f"a refusal: {self.flood_refusal}")
        if self.flood_reconnect:
            lines.append(f"connecting again right after: {self.flood_reconnect}")
        for label, key in (("ack, same session ", "same_session_ack"),
                           ("ack, other session", "other_session_ack"), ("joining           ", "join"),
                           ("/healthz          ", "healthz")):
            f = d[key]
            lines.append(f"{label}  n={f['count']:4d}  p50 {f['p50_ms']} ms  p95 {f['p95_ms']} ms  "
                         f"max {f['max_ms']} ms")
        lines.append(f"others' ack p95: {d['others_ack_p95_ms']} ms; errors: "
                     f"{len(self.ack_errors)} ack, {len(self.join_errors)} join")
        return "\n".join(lines)


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


# -- the flooder, in a process of its own ------------------------------------------------------------

async def _flood(url: str, code: str, token: str, step: str, rate: int, seconds: float) -> dict:
    sio = socketio.AsyncClient(reconnection=False)
    outcome = {"sent": 0, "acknowledged": 0, "refused": 0, "refusal": "", "disconnected": None}
    began = time.monotonic()
    closing = False

    def disconnected(*_args):  # by the server, not by this client at the end
        if outcome["disconnected"] is None and not closing:
            outcome["disconnected"] = time.monotonic() - began

    sio.on("disconnect", disconnected)
    await sio.connect(url, auth={"role": "phone", "code": code, "token": token},
                      transports=["websocket"], wait_timeout=30)

    def acknowledged(ack=None):
        outcome["acknowledged"] += 1
        if isinstance(ack, dict) and not ack.get("ok"):
            outcome["refused"] += 1
            outcome["refusal"] = outcome["refusal"] or json.dumps(ack, ensure_ascii=False)

    began = time.monotonic()
    tick = 0.01
    while (elapsed := time.monotonic() - began) < seconds and outcome["disconnected"] is None:
        due = int(elapsed * rate) + 1
        while outcome["sent"] < due and sio.connected:
            kind = KINDS[outcome["sent"] % len(KINDS)]
            data = {"answer": {"step": step, "data": {"choice": "agree"},
                               "client_id": uuid.uuid4().hex},
                    "moment": {"on": outcome["sent"] % 2 == 0}}.get(kind, {})
            try:
                await sio.emit(kind, data, callback=acknowledged)
            except socketio.exceptions.SocketIOError:
                break
            outcome["sent"] += 1
        await asyncio.sleep(tick)
    await asyncio.sleep(1)  # late acknowledgements
    closing = True
    if sio.connected:
        await sio.disconnect()
    elif outcome["disconnected"] is not None:  # closed by the server: may it come straight back?
        again = socketio.AsyncClient(reconnection=False)
        again.on("connect_error", lambda data=None: outcome.__setitem__(
            "reconnect", (data or {}).get("message", str(data)) if isinstance(data, dict)
            else str(data)))
        try:
            await again.connect(url, auth={"role": "phone", "code": code, "token": token},
                                transports=["websocket"], wait_timeout=30)
            outcome["reconnect"] = "accepted"
            await again.disconnect()
        except socketio.exceptions.ConnectionError as refused:
            outcome["reconnect"] = outcome.get("reconnect") or str(refused)
    return outcome


def _flooder_main(argv: list[str]) -> None:
    url, code, token, step, rate, seconds = argv
    print(json.dumps(asyncio.run(_flood(url, code, token, step, int(rate), float(seconds)))))


# -- the measurement --------------------------------------------------------------------------------

async def _set_up(trainer: Trainer, others: int) -> tuple[Room, Room]:
    rooms = []
    for _ in range(2):
        room = await trainer.create_session("stellingen-veilig-werken")
        room.phone_tokens = await join_phones(trainer.url, room.code, others + (1 if not rooms else 0))
        rooms.append(room)
    return rooms[0], rooms[1]


async def _keep_answering(phone: Phone, until: float, into: list[float], errors: list[str]) -> None:
    while time.monotonic() < until:
        sent = time.monotonic()
        try:
            ack = await phone.sio.call("answer", {"step": phone.meta.get("step"),
                                                  "data": {"choice": "disagree"},
                                                  "client_id": uuid.uuid4().hex}, timeout=30)
            into.append((time.monotonic() - sent) * 1000)
            if not (ack or {}).get("ok"):
                errors.append(str(ack))
        except (TimeoutError, socketio.exceptions.SocketIOError) as failed:
            into.append((time.monotonic() - sent) * 1000)
            errors.append(repr(failed))
        await asyncio.sleep(0.25)


async def _join_one(url: str, code: str, report: FloodReport) -> None:
    began = time.monotonic()
    phone = None
    try:
        token = (await join_phones(url, code, 1))[0]
        phone = Phone(url, code, token)
        phone.sio.on("connect", lambda: None)  # ask for the snapshot here, timed
        await phone.connect()
        ack = await phone.sio.call("hello", {}, timeout=30)
        if not (ack or {}).get("ok"):
            raise RuntimeError(f"hello refused: {ack}")
        report.join_ms.append((time.monotonic() - began) * 1000)
    except Exception as failed:  # noqa: BLE001 - counted and shown in the report
        report.join_errors.append(repr(failed))
    finally:
        if phone is not None:
            await phone.close()


async def _ask_health(url: str, until: float, into: list[float], headers: dict) -> None:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
        while time.monotonic() < until:
            sent = time.monotonic()
            async with http.get(f"{url}/healthz", headers=headers) as answer:
                await answer.read()
            into.append((time.monotonic() - sent) * 1000)
            await asyncio.sleep(0.5)


async def measure(url: str, email: str, password: str, *, rate: int = 1000, seconds: float = 8.0,
                  others: int = 5, joiners: int = 5, health_headers: dict | None = None
                  ) -> FloodReport:
    """Two sessions of ``others`` phones each, a flooder in the first; see the module's text."""
    url = url.rstrip("/")
    report = FloodReport(rate=rate, seconds=seconds)
    trainer = Trainer(url, email, password)
    views = []
    try:
        await trainer.sign_in()
        first, second = await _set_up(trainer, others)
        for room in (first, second):
            console = Console(url, room.workshop_id, room.console_headers)
            await console.connect()
            views.append(console)
            await console.control("start")
        flooder_token, *tokens = first.phone_tokens
        same = [Phone(url, first.code, t) for t in tokens]
        other = [Phone(url, second.code, t) for t in second.phone_tokens]
        for phone in same + other:
            await phone.connect()
            views.append(phone)
        await asyncio.sleep(1)  # everyone has their snapshot
        step = same[0].meta.get("step") or "s1"
        flooder = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "facilitator.loadtest.flood", url, first.code, flooder_token, step,
            str(rate), str(seconds), stdout=subprocess.PIPE)
        await asyncio.sleep(1.0)  # the flood is under way (the process starts, connects)
        until = time.monotonic() + seconds - 1.5
        joins = [_join_one(url, first.code if i % 2 == 0 else second.code, report)
                 for i in range(joiners)]
        await asyncio.gather(
            *(_keep_answering(p, until, report.same_session_ack_ms, report.ack_errors) for p in same),
            *(_keep_answering(p, until, report.other_session_ack_ms, report.ack_errors)
              for p in other),
            _ask_health(url, until, report.healthz_ms, health_headers or {}),
            *joins)
        out, _err = await flooder.communicate()
        outcome = json.loads(out.decode().strip().splitlines()[-1])
        report.flood_sent, report.flood_acknowledged = outcome["sent"], outcome["acknowledged"]
        report.flood_refused, report.flood_refusal = outcome["refused"], outcome["refusal"]
        report.flood_disconnected_after = outcome["disconnected"]
        report.flood_reconnect = outcome.get("reconnect", "")
        return report
    finally:
        for view in views:
            await view.close()
        await trainer.close()


if __name__ == "__main__":
    _flooder_main(sys.argv[1:])
