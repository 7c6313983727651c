"""A rehearsal before a big event: sessions full of simulated phones, a trainer moving through the
steps, phones answering; measured from the outside, as the people in the room would notice it."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import random
import time
from dataclasses import dataclass

import aiohttp

from .. import serving
from .report import Report, Spread
from .views import Answer, Console, Phone, Screen
from .web import RehearsalFailed, Room, Trainer, join_phones, server_health

STEP_TIMEOUT = 60.0  # a phone that has not shown a step change by then missed it
SETTLE_TIMEOUT = 20.0  # how long the screen may take to count the last answers


@dataclass
class Plan:
    url: str
    phones: int  # per session
    sessions: int = 1
    rounds: int = 3
    think: float = 10.0  # phones answer within this many seconds of seeing the step
    scenario: str = "stellingen-veilig-werken"
    phone_urls: tuple[str, ...] = ()  # other server processes for the phones (default: url)
    trainer: str = ""
    password: str = ""
    keep: bool = False  # keep the sessions afterwards instead of deleting them


class Live:
    """The connected views of one session."""

    def __init__(self, room: Room, phone_urls: list[str]):
        self.room = room
        self.console = Console(room.url, room.workshop_id, room.console_headers)
        self.screen = Screen(room.url, room.workshop_id, room.screen_headers)
        self.phones = [Phone(phone_urls[i % len(phone_urls)], room.code, token)
                       for i, token in enumerate(room.phone_tokens)]

    def views(self):
        return [self.console, self.screen, *self.phones]


async def rehearse(plan: Plan) -> Report:
    """Set the sessions up through the web pages as a trainer would, run them, clean up."""
    phone_urls = list(plan.phone_urls) or [plan.url]
    servers = [plan.url, *phone_urls]
    trainer = Trainer(plan.url, plan.trainer, plan.password)
    rooms: list[Room] = []
    phones_before = await connected_phones(servers)
    try:
        await trainer.sign_in()
        for _ in range(plan.sessions):
            rooms.append(await trainer.create_session(plan.scenario))
        for room in rooms:
            room.phone_tokens = await join_phones(phone_urls[0], room.code, plan.phones)
        report = await run(rooms, plan, phone_urls)
        if not plan.keep:
            report.notes += await _clean_up(trainer, rooms, servers, phones_before)
        return report
    finally:
        await trainer.close()


async def _clean_up(trainer: Trainer, rooms: list[Room], servers: list[str],
                    phones_before: int) -> list[str]:
    """Delete the rehearsal's sessions once the server has seen their phones go."""
    deadline = time.monotonic() + 15
    while await connected_phones(servers) > phones_before and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    notes = []
    for room in rooms:
        try:
            await trainer.delete_session(room)
        except (aiohttp.ClientError, TimeoutError, RehearsalFailed) as failed:
            notes.append(f"session {room.code} was not deleted ({failed!r}); delete it on the dashboard")
    return notes


async def _health(urls: list[str]) -> list[dict]:
    """/healthz of each server process behind these addresses (each counted once)."""
    return [await server_health(url) for url in dict.fromkeys(urls)]


async def connected_phones(urls: list[str]) -> int:
    return sum(figure.get("connections", {}).get("phone", 0) for figure in await _health(urls))


async def usage(urls: list[str]) -> tuple[int | None, float | None]:
    """Resident memory (KB) and CPU time (s) of the server processes behind these addresses."""
    figures = await _health(urls)
    if not all("rss_kb" in figure and "cpu_seconds" in figure for figure in figures):
        return None, None
    return sum(f["rss_kb"] for f in figures), sum(f["cpu_seconds"] for f in figures)


async def run(rooms: list[Room], plan: Plan, phone_urls: list[str]) -> Report:
    """Connect every view, move each session through ``plan.rounds`` steps, and measure."""
    servers = [plan.url, *phone_urls]
    report = Report(sessions=len(rooms), phones=plan.phones, rounds=plan.rounds)
    report.memory_before_kb, _cpu = await usage(servers)
    sessions = [Live(room, phone_urls) for room in rooms]
    everyone = [view for live in sessions for view in live.views()]
    stack = contextlib.ExitStack()
    try:
        await _connect_all(everyone, report)
        stack.enter_context(_collector_settled())
        report.connected = sum(1 for live in sessions for p in live.phones if p.meta)
        report.memory_with_phones_kb, cpu_before = await usage(servers)
        figures: dict[str, list[float]] = {"phone": [], "all": [], "ack": [], "screen": [],
                                           "settle": []}
        for number in range(plan.rounds):
            action = "start" if number == 0 else "next"
            await asyncio.gather(*(_step(live, number, action, plan.think, report, figures)
                                   for live in sessions))
        report.step_to_phone = Spread.of(figures["phone"])
        report.step_to_all = Spread.of(figures["all"])
        report.answer_acknowledged = Spread.of(figures["ack"])
        report.answer_on_screen = Spread.of(figures["screen"])
        report.settled_after_last_ack = Spread.of(figures["settle"])
        report.memory_after_kb, cpu_after = await usage(servers)
        if cpu_before is not None and cpu_after is not None:
            report.server_cpu_seconds = cpu_after - cpu_before
        report.server = await server_health(plan.url)
    finally:
        stack.close()
        await asyncio.gather(*(view.close() for view in everyone), return_exceptions=True)
    for view in everyone:
        report.errors += view.errors
    return report


@contextlib.contextmanager
def _collector_settled():
    """A thousand simulated phones in one process: its garbage collector's full passes stopped
    every phone at once, for 26 to 73 ms every one to three seconds, and held up whatever step
    change they fell on; a room of real phones has no such pause. So the collector is settled as
    a server's is while the steps run, and put back as it was afterwards (the caller may be a
    test, or run the next rehearsal)."""
    threshold = gc.get_threshold()
    serving.settle()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


async def _connect_all(views, report: Report, at_once: int = 50) -> None:
    gate = asyncio.Semaphore(at_once)

    async def one(view):
        async with gate:
            try:
                await view.connect()
            except Exception as failed:  # noqa: BLE001  (any failure is a finding to report)
                report.errors.append(f"connect: {failed!r}")
                return
            deadline = time.monotonic() + STEP_TIMEOUT
            while not view.meta and not view.errors and time.monotonic() < deadline:
                await asyncio.sleep(0.05)

    await asyncio.gather(*(one(view) for view in views))


async def _step(live: Live, position: int, action: str, think: float, report: Report,
                figures: dict[str, list[float]]) -> None:
    """One step change by the trainer, every phone following it and answering within ``think``."""
    phones = [phone for phone in live.phones if phone.meta]
    waiting = set(phones)
    everyone_there = asyncio.Event()
    answering: list[asyncio.Task] = []

    def shown(phone: Phone, at: int) -> None:
        if at != position or phone not in waiting:
            return
        waiting.discard(phone)
        if phone.takes_input():
            answering.append(asyncio.create_task(_answer_later(phone, think)))
        if not waiting:
            everyone_there.set()

    for phone in phones:
        phone.on_step = shown
    if not waiting:
        everyone_there.set()
    started = time.monotonic()
    ack = await live.console.control(action)
    if not ack.get("ok"):
        report.errors.append(f"{action}: {ack.get('error')}")
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(everyone_there.wait(), STEP_TIMEOUT)
    report.steps_missed += len(waiting)
    seen = [phone.steps_seen[position] - started for phone in phones if position in phone.steps_seen]
    figures["phone"] += seen
    if seen and not waiting:
        figures["all"].append(max(seen))
    answers = list(await asyncio.gather(*answering))
    if answers:
        await _count_on_screen(live.screen, answers, report, figures)


async def _answer_later(phone: Phone, think: float) -> Answer:
    await asyncio.sleep(random.uniform(0, think))
    return await phone.answer()


async def _count_on_screen(screen: Screen, answers: list[Answer], report: Report,
                           figures: dict[str, list[float]]) -> None:
    """Wait until the screen counts every stored answer; note when it first counted each one.

    An answer counts as shown at the first screen snapshot, after its acknowledgement, whose count
    reaches the number of answers acknowledged up to and including it.
    """
    step = answers[0].step
    stored = sorted((a for a in answers if a.changed), key=lambda a: a.acknowledged)
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while screen.answered(step) < len(stored) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    report.answers_sent += len(answers)
    report.answers_lost += max(0, len(answers) - screen.answered(step))
    report.errors += [f"answer: {a.error}" for a in answers if a.error]
    report.answers_busy += sum(a.busy for a in answers)
    acknowledged = [a.acknowledged for a in stored]
    complete = [at for at, shown, n in screen.counts if shown == step and n >= len(stored)]
    if acknowledged and complete:
        figures["settle"].append(max(0.0, complete[0] - max(acknowledged)))
    figures["ack"] += [a.acknowledged - a.sent for a in answers if a.acknowledged]
    counts = [(at, n) for at, shown, n in screen.counts if shown == step]
    index = 0
    for rank, answer in enumerate(stored, start=1):
        while index < len(counts) and (counts[index][0] < answer.acknowledged or
                                       counts[index][1] < rank):
            index += 1
        if index == len(counts):
            break
        figures["screen"].append(counts[index][0] - answer.sent)
