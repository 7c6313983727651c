"""The countdown of a step that has a suggested time (``Step.minutes``).

The trainer starts, pauses and extends it on the console; the console and the shared screen show
the time left, counting down by themselves between snapshots. Its state is kept with the step
(``StepState.timer``): the planned seconds, the seconds already run before the current run, and
when the current run began (None while paused), so every server process and every reconnecting
screen computes the same time left.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..contract.workform import ActionRejected, Step
from ..i18n import _
from .models import StepState

EXTRA = 60  # seconds added by "extend"


@dataclass(frozen=True)
class Countdown:
    total: float  # planned seconds, extensions included
    left: float  # seconds left now (negative: over time)
    running: bool

    @property
    def started(self) -> bool:
        return self.running or self.left < self.total

    @property
    def shown(self) -> str:
        """mm:ss of the time left, never below zero."""
        seconds = max(0, int(round(self.left)))
        return f"{seconds // 60}:{seconds % 60:02d}"


def of(step: Step, row: StepState, now: float | None = None) -> Countdown | None:
    """Where the step's countdown stands; None for a step without a suggested time."""
    if not step.minutes:
        return None
    now = time.time() if now is None else now
    timer = row.timer or {}
    total = float(timer.get("total") or step.minutes * 60)
    ran = float(timer.get("ran") or 0)
    since = timer.get("since")
    if since is not None:
        ran += max(0.0, now - float(since))
    return Countdown(total=total, left=total - ran, running=since is not None)


def act(step: Step, row: StepState, what: str, now: float | None = None) -> None:
    """start, pause, extend (one more minute) or reset the step's countdown."""
    current = of(step, row, now)
    if current is None:
        raise ActionRejected(_("This step has no suggested time."))
    now = time.time() if now is None else now
    timer = dict(row.timer or {})
    timer.setdefault("total", current.total)
    ran = current.total - current.left
    if what == "start":
        if not current.running:
            timer.update(ran=ran, since=now)
    elif what == "pause":
        timer.update(ran=ran, since=None)
    elif what == "extend":
        timer["total"] = current.total + EXTRA
    elif what == "reset":
        timer = {}
    else:
        raise ActionRejected(_("Unknown action: %(action)s", action=what))
    row.timer = timer or None
