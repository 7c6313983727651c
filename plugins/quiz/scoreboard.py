"""The scoreboard: the points booked per question, the trainer's corrections, and the winner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .teams import Team, teams_of


@dataclass(frozen=True)
class Standing:
    team: Team
    points: float
    rank: int
    width: int  # the bar's length, in steps of 5% of the leader's points


def totals(state: dict[str, Any]) -> dict[str, float]:
    points: dict[str, float] = {team["id"]: 0 for team in state.get("teams", [])}
    for booking in state.get("awards", {}).values():
        for answer in booking["answers"]:
            points[answer["team"]] = points.get(answer["team"], 0) + answer["points"]
    for correction in state.get("corrections", []):
        points[correction["team"]] = points.get(correction["team"], 0) + correction["points"]
    return points


def standings(state: dict[str, Any]) -> list[Standing]:
    points = totals(state)
    teams = teams_of(state)
    leader = max([points[t.id] for t in teams] + [0])
    ranked = sorted(teams, key=lambda t: -points[t.id])
    return [Standing(team, points[team.id],
                     rank=1 + sum(1 for other in teams if points[other.id] > points[team.id]),
                     width=round(max(points[team.id], 0) / leader * 20) * 5 if leader else 0)
            for team in ranked]


def winners(board: list[Standing]) -> list[Team]:
    """The team with the most points; several when they share the top. None without points."""
    return [s.team for s in board if s.rank == 1 and s.points > 0]


def points_text(points: float, *, signed: bool = False) -> str:
    """Points as people say them: 2, 1½, ½, −1 (and +2 for a correction, when ``signed``)."""
    whole, rest = divmod(abs(points), 1)
    text = (str(int(whole)) if whole or not rest else "") + ("½" if rest else "")
    return ("−" if points < 0 else "+" if signed and points > 0 else "") + text
