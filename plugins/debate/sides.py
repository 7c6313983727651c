"""The two sides of the debate, and how the group is divided over them.

Sides live in the activity's state as ``{"sides": {"<participant id>": "for" | "against"}}``
(string keys, as JSON stores them).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from facilitator import Participant

FOR = "for"
AGAINST = "against"
SIDES = (FOR, AGAINST)


def other(side: str) -> str:
    return AGAINST if side == FOR else FOR


def side_of(state: Mapping, participant_id: int | None) -> str | None:
    return (state.get("sides") or {}).get(str(participant_id))


def sizes(sides: Mapping[str, str]) -> dict[str, int]:
    counted = {side: 0 for side in SIDES}
    for side in sides.values():
        counted[side] += 1
    return counted


def smaller(sides: Mapping[str, str], rng: random.Random | None = None) -> str:
    """The side with fewer people; a coin decides a tie."""
    counted = sizes(sides)
    if counted[FOR] == counted[AGAINST]:
        return (rng or random).choice(SIDES)
    return FOR if counted[FOR] < counted[AGAINST] else AGAINST


def divide(participants: Iterable[Participant], votes: Mapping[int, str] | None = None,
           rng: random.Random | None = None) -> tuple[dict[str, str], list[int]]:
    """Divide the group into two balanced sides; return the sides and who was moved.

    Without votes the division is random. With votes (an opening vote) everyone starts on the
    side they chose; those who did not vote fill the smaller side, and if one side is still
    larger by more than one, people drawn by lot from it move over: they are returned as moved.
    The people in the room (connected, or who voted) are balanced first; the absent are added
    after them, so that they cannot unbalance the room.
    """
    rng = rng or random.Random()
    votes = {pid: side for pid, side in (votes or {}).items() if side in SIDES}
    people = list(participants)
    present = [p.id for p in people if p.connected or p.id in votes]
    absent = [p.id for p in people if p.id not in present]
    undecided = [pid for pid in present if pid not in votes]
    for group in (present, absent, undecided):
        rng.shuffle(group)
    sides = {str(pid): votes[pid] for pid in present if pid in votes}
    for pid in undecided:
        sides[str(pid)] = smaller(sides, rng)
    moved = []
    while abs(sizes(sides)[FOR] - sizes(sides)[AGAINST]) > 1:
        larger = other(smaller(sides, rng))
        key = next(key for key in sides if sides[key] == larger)  # the order is shuffled
        sides[key] = other(larger)
        moved.append(int(key))
    for pid in absent:
        sides[str(pid)] = smaller(sides, rng)
    return sides, sorted(moved)
