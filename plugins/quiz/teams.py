"""Teams: dividing the group, moving people, placing late joiners, and who speaks for a team.

In the activity's state a team is plain data, ``{"id": "t1", "colour": "red", "members": [3, 8]}``;
``Team`` adds its name and icon for the templates. Every team has a colour word and a shape, so
colour is never the only way to tell teams apart. The functions return new lists: the stored
state is never changed in place.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from facilitator import Participant, _, _l


@dataclass(frozen=True)
class Colour:
    key: str
    word: Any  # a lazy translated word
    icon: str


PALETTE = (
    Colour("red", _l("Red"), "▲"), Colour("blue", _l("Blue"), "●"),
    Colour("green", _l("Green"), "■"), Colour("yellow", _l("Yellow"), "◆"),
    Colour("purple", _l("Purple"), "★"), Colour("orange", _l("Orange"), "✚"),
)
_COLOURS = {colour.key: colour for colour in PALETTE}


@dataclass(frozen=True)
class Team:
    id: str
    colour: Colour
    members: tuple[int, ...]

    @property
    def name(self) -> str:
        return _("Team %(colour)s", colour=self.colour.word)


def teams_of(state: dict[str, Any]) -> list[Team]:
    return [Team(t["id"], _COLOURS[t["colour"]], tuple(t["members"]))
            for t in state.get("teams", [])]


def team_of(state: dict[str, Any], participant_id: int) -> Team | None:
    return next((t for t in teams_of(state) if participant_id in t.members), None)


def divide(participants: list[Participant], count: int, seed: str) -> list[dict[str, Any]]:
    """Balanced teams, mixed at random: the connected people are dealt out first, so that
    people whose phone is away do not pile up in one team."""
    shuffle = random.Random(seed).shuffle
    present = [p.id for p in participants if p.connected]
    away = [p.id for p in participants if not p.connected]
    shuffle(present)
    shuffle(away)
    teams = [{"id": f"t{n + 1}", "colour": PALETTE[n].key, "members": []} for n in range(count)]
    for index, participant_id in enumerate(present + away):
        teams[index % count]["members"].append(participant_id)
    return teams


def moved(teams: list[dict[str, Any]], participant_id: int, team_id: str) -> list[dict[str, Any]]:
    """The teams with one participant moved to another team (or placed, if in none yet)."""
    return [{**team, "members": [m for m in team["members"] if m != participant_id]
             + ([participant_id] if team["id"] == team_id else [])} for team in teams]


def smallest(teams: list[dict[str, Any]]) -> str:
    """The team a late joiner goes to: the one with fewest members, the first of equals."""
    return min(teams, key=lambda team: len(team["members"]))["id"]


def spokesperson(team: Team, turn: int, participants: dict[int, Participant]) -> int | None:
    """Who speaks for the team now: the members take turns; someone whose phone is not
    connected is passed over for the next member, decided at the moment it is asked."""
    if not team.members:
        return None
    start = turn % len(team.members)
    order = team.members[start:] + team.members[:start]
    present = [m for m in order if m in participants and participants[m].connected]
    return present[0] if present else order[0]
