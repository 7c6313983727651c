"""What a rehearsal measured, as figures and as the table it prints."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value with ``share`` of all values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Spread:
    """Latencies in milliseconds."""

    count: int = 0
    p50: float | None = None
    p95: float | None = None
    p99: float | None = None
    max: float | None = None

    @classmethod
    def of(cls, seconds: list[float]) -> Spread:
        ms = [s * 1000 for s in seconds]
        return cls(len(ms), percentile(ms, .5), percentile(ms, .95), percentile(ms, .99),
                   max(ms, default=None))


@dataclass
class Report:
    sessions: int
    phones: int  # per session
    rounds: int
    connected: int = 0
    step_to_phone: Spread = field(default_factory=Spread)
    step_to_all: Spread = field(default_factory=Spread)
    answer_acknowledged: Spread = field(default_factory=Spread)
    answer_on_screen: Spread = field(default_factory=Spread)
    # per step: from the last acknowledgement until the screen counted every stored answer
    settled_after_last_ack: Spread = field(default_factory=Spread)
    steps_missed: int = 0
    answers_sent: int = 0
    answers_lost: int = 0
    answers_busy: int = 0  # "busy, try again" acknowledgements, each answer then sent again
    errors: list[str] = field(default_factory=list)
    memory_before_kb: int | None = None
    memory_with_phones_kb: int | None = None
    memory_after_kb: int | None = None
    server_cpu_seconds: float | None = None  # while the steps ran
    server: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # about the rehearsal itself, not the load

    @property
    def memory_per_phone_kb(self) -> float | None:
        if self.memory_before_kb is None or self.memory_with_phones_kb is None or not self.connected:
            return None
        return (self.memory_with_phones_kb - self.memory_before_kb) / self.connected

    @property
    def passed(self) -> bool:
        return not (self.answers_lost or self.errors or self.steps_missed)

    def as_dict(self) -> dict:
        return {**asdict(self), "memory_per_phone_kb": self.memory_per_phone_kb,
                "passed": self.passed}

    def text(self) -> str:
        total = self.sessions * self.phones
        lines = [f"{total} phones in {self.sessions} session(s), {self.rounds} step change(s)", "",
                 f"{'':34}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}"]
        for label, spread in (("step change -> a phone", self.step_to_phone),
                              ("step change -> every phone", self.step_to_all),
                              ("answer -> acknowledged", self.answer_acknowledged),
                              ("answer -> counted on the screen", self.answer_on_screen),
                              ("last ack -> screen has every answer", self.settled_after_last_ack)):
            cells = "".join(f"{_ms(v):>9}" for v in (spread.p50, spread.p95, spread.p99, spread.max))
            lines.append(f"{label:34}{cells}")
        lines += ["", f"phones connected   {self.connected} of {total}",
                  f"step changes missed {self.steps_missed}",
                  f"answers sent       {self.answers_sent}",
                  f"answers lost       {self.answers_lost}",
                  f"busy, sent again   {self.answers_busy}",
                  f"errors             {len(self.errors)}"]
        lines += [f"  {error}" for error in self.errors[:10]]
        if self.memory_before_kb is not None:
            lines.append(f"server memory      {self.memory_before_kb / 1024:.0f} MB before the phones, "
                         f"{(self.memory_with_phones_kb or 0) / 1024:.0f} MB with them, "
                         f"{(self.memory_after_kb or 0) / 1024:.0f} MB at the end")
            if self.memory_per_phone_kb is not None:
                lines.append(f"                   {self.memory_per_phone_kb:.0f} KB per connected phone")
        else:
            lines.append("server memory      unknown (the server has no /healthz)")
        if self.server_cpu_seconds is not None and self.answers_sent:
            lines.append(f"server CPU         {self.server_cpu_seconds:.1f} s while the steps ran, "
                         f"{1000 * self.server_cpu_seconds / self.answers_sent:.1f} ms per answer "
                         "(everything included)")
        lines += [f"note: {note}" for note in self.notes]
        lines += ["", "PASSED: no answer lost, no error" if self.passed else "FAILED"]
        return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"
