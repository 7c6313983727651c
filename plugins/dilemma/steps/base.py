"""What every step of the dilemma method shares: the step contract and a few small helpers."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from typing import Any, ClassVar

from facilitator import (
    ANONYMOUS,
    ActionRejected,
    Contribution,
    Entry,
    InputRejected,
    Participant,
    Step,
    StepView,
    _,
    clean,
)

NO_REPORT: dict[str, list] = {"paragraphs": [], "tables": []}


class MethodStep(ABC):
    """One of the nine steps. The work form hands each call to the step the group is at."""

    key: ClassVar[str] = ""
    number: ClassVar[int] = 0
    visibility: ClassVar[str] = ANONYMOUS
    takes_input: ClassVar[bool] = True

    @abstractmethod
    def title(self) -> str:
        """The step's name, translated (without its number)."""

    def step(self, config: dict[str, Any]) -> Step:
        return Step(key=self.key, title=_("%(n)d. %(title)s", n=self.number, title=self.title()),
                    visibility=self.visibility, takes_input=self.takes_input,
                    item={"number": self.number})

    def accept(self, view: StepView, data: dict[str, Any], me: Participant) -> Contribution:
        raise InputRejected(_("This step takes no input."))

    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        raise ActionRejected(_("This step has no action %(action)s.", action=action))

    def leave(self, view: StepView) -> None:
        """Carry what the step gathered into ``view.state`` for the steps after it."""

    def results(self, view: StepView) -> dict[str, Any]:
        return {}

    def report(self, view: StepView) -> dict[str, Any]:
        return NO_REPORT

    def phone_context(self, view: StepView, me: Participant, mine: list[Entry]) -> dict[str, Any]:
        return {}


def text_slot(prefix: str, *parts: str) -> str:
    """A slot named after the text itself: a double tap or a resend lands in the same slot."""
    digest = hashlib.sha1("\n".join(parts).casefold().encode()).hexdigest()
    return f"{prefix}{digest[:12]}"


def own(view: StepView) -> list[Entry]:
    return [e for e in view.entries if e.mine and not e.passed]


def room_for_one_more(mine: list[Entry], slot: str, limit: int) -> None:
    """Refuse a new item once someone has ``limit`` items of a kind (a resent one is fine)."""
    if slot not in {e.slot for e in mine} and len(mine) >= limit:
        raise InputRejected(_("You have added %(n)d already; that is the most for this step.",
                              n=limit))


def entry_of(view: StepView, value: Any) -> Entry:
    """The entry a trainer's button points at, by its id."""
    wanted = str(value or "")
    for entry in view.entries:
        if str(entry.id) == wanted and not entry.passed:
            return entry
    raise ActionRejected(_("That item is no longer there; it may have been merged or removed."))


def trainer_text(data: dict[str, Any], key: str, *, limit: int, label: str,
                 required: bool = False) -> str:
    """A text the trainer typed, cleaned like a participant's."""
    return clean(data.get(key), limit=limit, required=required, multiline=True, label=label)


def widths(counts: list[int]) -> list[int]:
    """Bar widths in steps of 5%, the longest bar full."""
    top = max(counts, default=0)
    return [round(20 * n / top) * 5 if top else 0 for n in counts]


def percent(part: int, whole: int) -> int:
    """A whole percentage, halves rounded up (12.5% shows as 13%)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def table(caption: str, headers: list[str], rows: list[list[str]]) -> dict[str, Any]:
    return {"caption": caption, "headers": headers, "rows": rows}
