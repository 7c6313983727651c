"""The live views of a rehearsal, speaking the protocol of docs/protocol.md: simulated phones, the
shared screen and the trainer's console. Each one notes when every snapshot arrived."""

from __future__ import annotations

import asyncio
import random
import re
import time
import uuid
from dataclasses import dataclass

import socketio

BUTTON = re.compile(r"<button\b[^>]*\bdata-answer\b[^>]*>")
FIELD = re.compile(r'data-field="([^"]*)"')
VALUE = re.compile(r'value="([^"]*)"')
CALL_TIMEOUT = 30
BUSY_RETRIES = 8  # as live.js


@dataclass
class Answer:
    step: str
    sent: float
    acknowledged: float | None = None
    changed: bool = False
    error: str | None = None
    busy: int = 0  # times the server said "busy, try again" (and the phone sent it again)


class View:
    """One connection that asks for a full snapshot on every (re)connect, as live.js does."""

    def __init__(self, url: str, auth: dict, headers: dict | None = None):
        self.url = url
        self.auth = auth
        self.headers = headers or {}
        self.meta: dict = {}
        self.html = ""
        self.errors: list[str] = []
        self.sio = socketio.AsyncClient(reconnection=True, reconnection_delay=0.5,
                                        reconnection_delay_max=2)
        self.sio.on("connect", self._connected)
        self.sio.on("snapshot", self._snapshot)

    async def connect(self) -> None:
        await self.sio.connect(self.url, auth=self.auth, headers=self.headers,
                               transports=["websocket"], wait_timeout=CALL_TIMEOUT)

    async def _connected(self) -> None:
        asyncio.get_running_loop().create_task(self._hello())

    async def _hello(self) -> None:
        try:
            ack = await self.sio.call("hello", {}, timeout=CALL_TIMEOUT)
        except (TimeoutError, socketio.exceptions.SocketIOError) as failed:
            self.errors.append(f"hello: {failed!r}")
            return
        if ack and ack.get("ok"):
            self._snapshot(ack["snapshot"])
        else:
            self.errors.append(f"hello refused: {ack}")

    def _snapshot(self, snapshot: dict) -> None:
        meta = snapshot.get("meta") or {}
        if meta.get("rendered", 0) < self.meta.get("rendered", 0):
            return  # overtaken on the way by a newer one: live.js ignores it too
        self.meta = meta
        self.html = snapshot.get("html") or ""
        self.arrived(time.monotonic(), self.meta)

    def arrived(self, at: float, meta: dict) -> None:
        """A snapshot came in; views that measure something note it here."""

    async def close(self) -> None:
        await self.sio.disconnect()


class Phone(View):
    """A participant's phone: it follows the steps and taps an answer button after a moment."""

    def __init__(self, url: str, code: str, token: str):
        super().__init__(url, {"role": "phone", "code": code, "token": token})
        self.steps_seen: dict[int, float] = {}  # position -> when this phone first showed it
        self.answers: list[Answer] = []
        self.on_step = None  # called with (phone, position) when it first shows a step

    def arrived(self, at: float, meta: dict) -> None:
        position = meta.get("position")
        if meta.get("status") == "running" and position not in self.steps_seen:
            self.steps_seen[position] = at
            if self.on_step is not None:
                self.on_step(self, position)

    def takes_input(self) -> bool:
        return bool(self.meta.get("takes_input") and self.meta.get("open"))

    def _tap(self) -> dict:
        """What tapping one of the answer buttons on the screen sends (a pass if there is none)."""
        buttons = BUTTON.findall(self.html)
        if not buttons:
            return {"pass": True}
        button = random.choice(buttons)
        field, value = FIELD.search(button), VALUE.search(button)
        return {"data": {field.group(1) if field else "choice": value.group(1) if value else ""}}

    async def answer(self) -> Answer:
        step = self.meta.get("step")
        answer = Answer(step, time.monotonic())
        self.answers.append(answer)
        payload = {"step": step, "client_id": uuid.uuid4().hex, **self._tap()}
        while True:
            try:
                ack = await self.sio.call("answer", payload, timeout=CALL_TIMEOUT)
            except (TimeoutError, socketio.exceptions.SocketIOError) as failed:
                answer.error = repr(failed) or "timeout"
                return answer
            if not (ack or {}).get("busy") or answer.busy >= BUSY_RETRIES:
                break
            # "busy, try again": the same answer again later, as live.js does
            answer.busy += 1
            wait = max(0.25, float(ack.get("retry_after") or 0.5)) * 1.6 ** (answer.busy - 1)
            await asyncio.sleep(min(15.0, wait) * random.uniform(0.75, 1.25))
        answer.acknowledged = time.monotonic()
        if ack and ack.get("ok"):
            answer.changed = bool(ack.get("changed"))
        else:
            answer.error = (ack or {}).get("error", "refused")
        return answer


class Screen(View):
    """The shared screen: it keeps every count of answers it showed, and when."""

    def __init__(self, url: str, workshop_id: int, headers: dict):
        super().__init__(url, {"role": "screen", "workshop": workshop_id}, headers)
        self.counts: list[tuple[float, str | None, int]] = []  # (when, step, answered)

    def arrived(self, at: float, meta: dict) -> None:
        self.counts.append((at, meta.get("step"), meta.get("answered") or 0))

    def answered(self, step: str) -> int:
        return max((n for _at, shown, n in self.counts if shown == step), default=0)


class Console(View):
    """The trainer's console."""

    def __init__(self, url: str, workshop_id: int, headers: dict):
        super().__init__(url, {"role": "console", "workshop": workshop_id}, headers)

    async def control(self, action: str, **data) -> dict:
        try:
            return await self.sio.call("control", {"action": action, "data": data},
                                       timeout=CALL_TIMEOUT)
        except (TimeoutError, socketio.exceptions.SocketIOError) as failed:
            return {"ok": False, "error": repr(failed)}
