"""The A/B vote of steps 3 and 8: what would I do, option A or option B, with an optional line."""

from __future__ import annotations

from typing import Any

from facilitator import Contribution, InputRejected, StepView, _, clean

from ..dilemmas import sides
from .base import own, percent

LINE_LIMIT = 200


def accept_vote(view: StepView, data: dict[str, Any]) -> Contribution:
    if sides(view.state) is None:
        raise InputRejected(_("The trainer has not named the two sides yet. Wait a moment."))
    choice = data.get("choice")
    if choice not in ("a", "b"):
        raise InputRejected(_("Choose A or B."))
    line = clean(data.get("line"), limit=LINE_LIMIT, required=False, label=_("Your line"))
    return Contribution({"choice": choice, "line": line})


def tally(view: StepView) -> dict[str, Any]:
    votes = [e for e in view.answers() if e.payload.get("choice") in ("a", "b")]
    counts = {side: sum(e.payload["choice"] == side for e in votes) for side in ("a", "b")}
    answered = len(votes)
    return {
        "counts": counts, "answered": answered,
        "percent": {side: percent(n, answered) for side, n in counts.items()},
        "passes": len(view.entries) - len(view.answers()),
        "lines": [{"choice": e.payload["choice"], "line": e.payload["line"]}
                  for e in votes if e.payload.get("line")],
    }


def my_vote(view: StepView) -> dict[str, str] | None:
    mine = own(view)
    return dict(mine[0].payload) if mine else None


def vote_rows(result: dict[str, Any], label: str) -> list[list[str]]:
    return [[label, str(result["counts"]["a"]), str(result["counts"]["b"]),
             f"{result['percent']['a']}% / {result['percent']['b']}%"]]
