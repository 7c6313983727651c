"""What the steps of the dilemma method share: a few small helpers (each step is a ``Phase``)."""

from __future__ import annotations

import hashlib
from typing import Any

from facilitator import (
    ActionRejected,
    Entry,
    InputRejected,
    StepView,
    _,
    clean,
)


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
