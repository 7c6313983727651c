"""The debating hall as everyone sees it now: who stands, who has the floor, the arguments of both
sides and the clocks. Built from a StepView of the debate step, on plain data.

Standing up is an entry ``{"kind": "stand"}`` in a fresh slot per stand-up (``up1``, ``up2``,
...); sitting down withdraws it. Entries come in id order, the order in which the database stored
them, so the queue is exactly the order in which the server received the stand-ups, and whoever
sits down and stands up again joins at the back.

The trainer gives the floor; it is kept in the step's data as ``{"entry", "participant",
"until"}``. When its holder sits down or loses the connection, the floor passes on to the first
connected person in the queue. That is decided afresh at every render, so a phone that is back
within a moment keeps the floor, and the next trainer action writes the new holder down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator import Entry, StepView

from .sides import AGAINST, FOR, SIDES

STAND = "stand"
ARGUMENT = "argument"
PREPARED = "prepared"  # an argument a side collected in the preparation


@dataclass(frozen=True)
class Floor:
    entry: int
    participant: int
    until: float | None  # deadline of the speaking time (epoch seconds), if any
    passed_on: bool = False  # the holder left and the floor went to the next in the queue
    previous: int | None = None  # who held it before it passed on


@dataclass(frozen=True)
class Argument:
    id: int
    side: str
    label: str  # the side's initial and the number within the side: V1, V2, ... T1, ...
    text: str
    answers: int | None  # the id of the argument of the other side that this one answers
    author: int | None  # participant id; None when the trainer recorded it


@dataclass
class Hall:
    names: dict[str, str]  # the sides' names in the session's language
    sides: dict[str, str]
    queue: list[Entry]
    speaker: Floor | None
    arguments: list[Argument]
    ended: bool
    now: float
    turn_until: float | None = None
    debate_until: float | None = None
    offline: set[int] = field(default_factory=set)

    def side_of(self, participant_id: int | None) -> str | None:
        return self.sides.get(str(participant_id))

    def queue_of(self, side: str) -> list[tuple[int, Entry]]:
        """The people standing on one side, with their place in the whole queue."""
        return [(place, e) for place, e in enumerate(self.queue, 1)
                if self.side_of(e.participant_id) == side]

    def place_of(self, participant_id: int) -> int | None:
        return next((place for place, e in enumerate(self.queue, 1)
                     if e.participant_id == participant_id), None)

    def has_floor(self, participant_id: int) -> bool:
        return self.speaker is not None and self.speaker.participant == participant_id

    @property
    def speaker_side(self) -> str | None:
        return self.side_of(self.speaker.participant) if self.speaker else None

    def argument(self, argument_id) -> Argument | None:
        return next((a for a in self.arguments if a.id == argument_id), None)

    def of_side(self, side: str) -> list[Argument]:
        return [a for a in self.arguments if a.side == side]

    def replies_to(self, argument_id: int) -> list[Argument]:
        return [a for a in self.arguments if a.answers == argument_id]

    @property
    def count(self) -> dict[str, int]:
        return {side: len(self.of_side(side)) for side in SIDES}

    @property
    def replies(self) -> dict[str, int]:
        return {side: sum(1 for a in self.of_side(side) if a.answers) for side in SIDES}

    @property
    def winner(self) -> str | None:
        """The side with the most arguments; None for a tie."""
        count = self.count
        if count[FOR] == count[AGAINST]:
            return None
        return FOR if count[FOR] > count[AGAINST] else AGAINST

    def seconds_left(self, deadline: float | None) -> int | None:
        return None if deadline is None else max(0, round(deadline - self.now))


def stand_ups(view: StepView) -> list[Entry]:
    return [e for e in view.entries if e.payload.get("kind") == STAND]


def waiting(view: StepView) -> list[Entry]:
    """Stand-ups that have not had the floor yet, first come first served."""
    return [e for e in stand_ups(view) if not e.payload.get("spoke")]


def _online(view: StepView) -> set[int]:
    return {p.id for p in view.participants if p.connected}


def speaker(view: StepView) -> Floor | None:
    given = view.data.get("floor")
    if view.data.get("ended") or not given:
        return None
    online = _online(view)
    if given["participant"] in online and any(e.id == given["entry"] for e in stand_ups(view)):
        return Floor(given["entry"], given["participant"], given.get("until"))
    follower = next((e for e in waiting(view) if e.participant_id in online), None)
    return Floor(follower.id, follower.participant_id, None, True,
                 given["participant"]) if follower else None


def arguments(view: StepView, names: dict[str, str] | None = None) -> list[Argument]:
    """The arguments in the order recorded, labelled with their side's initial and number."""
    numbers = {side: 0 for side in SIDES}
    found = []
    for entry in view.entries:
        payload = entry.payload
        if payload.get("kind") != ARGUMENT or payload.get("side") not in SIDES:
            continue
        side = payload["side"]
        numbers[side] += 1
        initial = (names or {}).get(side, side)[:1].upper()
        found.append(Argument(entry.id, side, f"{initial}{numbers[side]}", payload["text"],
                              payload.get("answers"), entry.participant_id))
    return found


def survey(view: StepView, now: float, names: dict[str, str]) -> Hall:
    """The hall as it stands now; ``names`` are the sides' names, for the labels (V1, T1)."""
    floor = speaker(view)
    return Hall(
        names=names,
        sides=dict(view.state.get("sides") or {}),
        queue=[e for e in waiting(view) if not floor or e.id != floor.entry],
        speaker=floor,
        arguments=arguments(view, names),
        ended=bool(view.data.get("ended")),
        now=now,
        turn_until=floor.until if floor else None,
        debate_until=None if view.data.get("ended") else view.data.get("debate_until"),
        offline={p.id for p in view.participants if not p.connected},
    )


def give_floor(view: StepView, entry: Entry, now: float, speaking_time: int) -> None:
    """Give the floor to the person of this stand-up, with a fresh speaking time."""
    entry.payload = {**entry.payload, "spoke": True}
    view.data["floor"] = {"entry": entry.id, "participant": entry.participant_id,
                          "until": now + speaking_time if speaking_time else None}


def settle(view: StepView, now: float, speaking_time: int) -> None:
    """Write down a floor that passed on by itself since the trainer last acted."""
    if not view.data.get("floor"):
        return
    floor = speaker(view)
    if floor is None:
        view.data["floor"] = None
    elif floor.passed_on:
        give_floor(view, next(e for e in view.entries if e.id == floor.entry), now, speaking_time)


def fresh_slot(prefix: str, mine: list[Entry]) -> str:
    """A slot this participant has not used at this step: ``up1``, ``up2``, ..."""
    used = [int(e.slot[len(prefix):]) for e in mine
            if e.slot.startswith(prefix) and e.slot[len(prefix):].isdigit()]
    return f"{prefix}{max(used, default=0) + 1}"
