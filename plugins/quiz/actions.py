"""What the trainer can do on the console: divide and move people, give the turn, let the other
teams steal, judge a written answer, award the points, and correct a score with a reason.

Each action works on the ``StepView`` it is given and raises ``ActionRejected`` with a message for
the console when it does not fit.
"""

from __future__ import annotations

import math
from typing import Any

from facilitator import ActionRejected, StepView, _, clean

from . import questions as q
from .rounds import TURN, Round
from .teams import divide, moved, teams_of

MAX_REASON = 200


def divide_again(view: StepView, data: dict[str, Any]) -> None:
    if view.state.get("awards"):
        raise ActionRejected(_("Points have been awarded already; move people by hand instead."))
    count = _whole(data.get("count"), _("Choose between %(low)d and %(high)d teams.",
                                        low=q.MIN_TEAMS, high=q.MAX_TEAMS))
    if not q.MIN_TEAMS <= count <= q.MAX_TEAMS:
        raise ActionRejected(_("Choose between %(low)d and %(high)d teams.",
                               low=q.MIN_TEAMS, high=q.MAX_TEAMS))
    view.state["division"] = view.state.get("division", 0) + 1  # a new mix each time
    view.state["teams"] = divide(view.participants, count,
                                 f"{view.activity_id}:{view.state['division']}")


def move(view: StepView, data: dict[str, Any]) -> None:
    person = _whole(data.get("participant"), _("That participant is not in this session."))
    if person not in {p.id for p in view.participants}:
        raise ActionRejected(_("That participant is not in this session."))
    team = _team_id(view, data.get("team"))
    view.state["teams"] = moved(view.state["teams"], person, team)


def give_turn(view: StepView, data: dict[str, Any]) -> None:
    round_ = _open_round(view)
    team = _team_id(view, data.get("team"))
    if not next(t for t in teams_of(view.state) if t.id == team).members:
        raise ActionRejected(_("That team has no members."))
    if round_.phase != TURN or (round_.turn_answer and round_.turn_answer.started):
        raise ActionRejected(_("The turn can only change before the team answers."))
    view.data["turn"] = team


def open_steal(view: StepView, data: dict[str, Any]) -> None:
    round_ = _open_round(view)
    turn = round_.turn_answer
    if round_.question["type"] == q.OPINION:
        raise ActionRejected(_("Opinion questions have no right answer to steal."))
    if turn is None or turn.correct:
        raise ActionRejected(_("The team whose turn it is answered correctly."))
    if turn.answered and turn.correct is None:
        raise ActionRejected(_("Judge the answer of %(team)s first.", team=turn.team.name))
    view.data["steal"] = True


def judge(view: StepView, data: dict[str, Any]) -> None:
    round_ = _open_round(view)
    answer = round_.answer_of(data.get("team"))
    if answer is None or not answer.text:
        raise ActionRejected(_("That team has not given a written answer."))
    if data.get("verdict") not in ("right", "wrong"):
        raise ActionRejected(_("Judge the answer right or wrong."))
    view.data["verdicts"] = {**view.data.get("verdicts", {}),
                             answer.team.id: data["verdict"] == "right"}


def award(view: StepView, data: dict[str, Any]) -> None:
    round_ = Round(view)
    if round_.booked:
        return  # awarded already: a second tap changes nothing
    unjudged = next((a for a in round_.answers if a.text and a.correct is None
                     and round_.question["type"] == q.FACT), None)
    if unjudged is not None:
        raise ActionRejected(_("Judge the answer of %(team)s first.", team=unjudged.team.name))
    book(view, round_)


def book(view: StepView, round_: Round) -> None:
    view.state["awards"] = {**view.state.get("awards", {}), view.step.key: round_.booking()}


def correct_score(view: StepView, data: dict[str, Any]) -> None:
    team = _team_id(view, data.get("team"))
    points = _correction_points(data.get("points"))
    reason = clean(data.get("reason"), limit=MAX_REASON, label=_("The reason"))
    number = view.step.item.get("number")
    view.state["corrections"] = [*view.state.get("corrections", []), {
        "team": team, "points": points, "reason": reason, "question": number}]


def _open_round(view: StepView) -> Round:
    round_ = Round(view)
    if round_.booked:
        raise ActionRejected(_("The points of this question have been awarded already."))
    return round_


def _team_id(view: StepView, value: Any) -> str:
    if not isinstance(value, str) or value not in {team.id for team in teams_of(view.state)}:
        raise ActionRejected(_("Choose a team."))
    return value


def _whole(value: Any, message: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ActionRejected(message) from None


def _correction_points(value: Any) -> float:
    """Points as the trainer types them: 1, -2, 0,5 or 1.5; never zero, at most 100 either way."""
    try:
        points = float(str(value).strip().replace(",", ".").replace("−", "-"))
    except ValueError:
        points = 0
    if not math.isfinite(points) or not points or abs(points) > q.MAX_POINTS or \
            points * 2 != int(points * 2):
        raise ActionRejected(_("Give the points to add or take off, for example 1 or -1."))
    return int(points) if points == int(points) else points


ANYWHERE = {"divide": divide_again, "move": move, "correct": correct_score}
AT_A_QUESTION = {"turn": give_turn, "steal": open_steal, "judge": judge, "award": award}
