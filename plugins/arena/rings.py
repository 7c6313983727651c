"""Who sits where: the inner and the outer ring, per conversation (turn).

The rings live in the activity's state as ``{"rings": {"1": {"<participant id>": "inner" |
"outer"}, "2": {...}}}`` (string keys, as JSON stores them). Turn 2 exists only where the scenario
lets the rings swap; until the trainer changes it, it is turn 1 the other way round.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from facilitator import Participant

INNER = "inner"
OUTER = "outer"
RINGS = (INNER, OUTER)


def other(ring: str) -> str:
    return OUTER if ring == INNER else INNER


def turn_of(step_key: str) -> str:
    """The conversation a step belongs to: "2" for the steps after the swap, else "1"."""
    return "2" if step_key.endswith("-2") else "1"


def swapped(rings: Mapping[str, str]) -> dict[str, str]:
    return {pid: other(ring) for pid, ring in rings.items()}


def rings_at(state: Mapping, turn: str) -> dict[str, str]:
    """The division of one conversation; turn 2 is turn 1 swapped until it was changed."""
    kept = state.get("rings") or {}
    if turn in kept:
        return dict(kept[turn])
    if turn == "2":
        return swapped(kept.get("1") or {})
    return {}


def ring_of(state: Mapping, turn: str, participant_id: int | None) -> str:
    """Where a person sits; someone the trainer has not placed sits in the outer ring."""
    return rings_at(state, turn).get(str(participant_id), OUTER)


def draw(people: Iterable[Participant], inner: int, rng: random.Random | None = None) -> dict[str, str]:
    """Draw ``inner`` people for the inner ring, the people in the room (connected) first; the
    rest sit in the outer ring."""
    rng = rng or random.Random()
    people = list(people)
    present = [p.id for p in people if p.connected]
    absent = [p.id for p in people if not p.connected]
    rng.shuffle(present)
    rng.shuffle(absent)
    order = present + absent
    return {str(pid): INNER if index < inner else OUTER for index, pid in enumerate(order)}
