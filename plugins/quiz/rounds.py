"""One question put to the teams: whose turn it is, who may answer now, what each team answered
and the points that earns.

A ``Round`` is worked out from the activity's state, the step's data and the entries, so the
console, the shared screen and every phone see the same thing. Once the trainer has awarded the
points, the round is read from what was booked in the state and no longer changes.

The rules (source: the knowledge quiz in "Leren en ontwikkelen"):
- the team whose turn it is answers; a correct answer earns the question's points;
- if it does not know, or answers wrong, the other teams may answer: each correct one earns the
  lower steal points;
- an opinion question has no right answer: the spokesperson answers at once for the team, without
  conferring; then every member says whether they agree, and the trainer closes that. All who
  said something agree: the full points; anyone disagrees: half. No say is no disagreement.
In the majority mode every member chooses and the team's answer is its majority; for an opinion
question a unanimous team earns the full points.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from facilitator import Entry, Participant, StepView, _

from .questions import FACT, MAJORITY, OPEN, OPINION
from .teams import Team, spokesperson, teams_of

TURN, JUDGE, STEAL, CONFIRM, DONE = "turn", "judge", "steal", "confirm", "done"
ANSWER_SLOT, CONFIRM_SLOT = "", "confirm"


@dataclass
class TeamAnswer:
    """What one team answered in this round, and what it earns."""

    team: Team
    role: str  # TURN for the team whose turn it is, STEAL for the others
    spokesperson: int | None = None
    author: int | None = None  # who put in the team's answer (spokesperson mode)
    choice: str | None = None  # an option letter or true/false; in majority mode the majority
    text: str = ""  # a written answer
    passed: bool = False  # the team does not know
    complete: bool = False  # the team's answer is in
    votes: dict[str, int] = field(default_factory=dict)
    voted: int = 0  # members who chose or passed (majority mode)
    waiting: int = 0  # connected members still to choose or to confirm
    agree: int = 0
    disagree: int = 0
    correct: bool | None = None
    points: float = 0

    @property
    def answered(self) -> bool:
        return bool(self.choice or self.text)

    @property
    def started(self) -> bool:
        """Someone in the team has put something in: an answer, a choice or a pass."""
        return self.answered or self.passed or self.voted > 0

    def record(self) -> dict[str, Any]:
        return {"team": self.team.id, "role": self.role, "choice": self.choice, "text": self.text,
                "passed": self.passed, "votes": self.votes, "agree": self.agree,
                "disagree": self.disagree, "correct": self.correct, "points": self.points}


class Round:
    def __init__(self, view: StepView):
        self.key = view.step.key
        self.question = view.step.item
        self.by_vote = view.config["mode"] == MAJORITY and self.question["format"] != OPEN
        self.confirms = self.question["type"] == OPINION and not self.by_vote
        every_team = teams_of(view.state)
        awards = view.state.get("awards", {})
        self.booked = self.key in awards
        if self.booked:
            booking = awards[self.key]
            by_id = {team.id: team for team in every_team}
            self.turn = by_id.get(booking["turn"])
            self.answers = [_restored(item, by_id[item["team"]]) for item in booking["answers"]]
            self.phase = DONE
            return
        teams = [team for team in every_team if team.members]
        self.turn = _turn(view, every_team, teams)
        people = {p.id: p for p in view.participants}
        answers = {e.participant_id: e for e in view.entries if e.slot == ANSWER_SLOT}
        confirms = {e.participant_id: e for e in view.entries if e.slot == CONFIRM_SLOT}
        self.answers = [
            self._answer(team, _turns_taken(awards, team), people, answers, confirms,
                         view.data.get("verdicts", {}))
            for team in teams]
        self.phase = self._phase(view.data)
        self._score()

    # -- reading -------------------------------------------------------------------------------
    def answer_of(self, team_id: str | None) -> TeamAnswer | None:
        return next((a for a in self.answers if a.team.id == team_id), None)

    @property
    def turn_answer(self) -> TeamAnswer | None:
        return self.answer_of(self.turn.id) if self.turn else None

    @property
    def stealers(self) -> list[TeamAnswer]:
        return [a for a in self.answers if a.role == STEAL]

    def may_answer_now(self) -> list[Team]:
        """The teams that may put in an answer at this moment (the console shows them)."""
        if self.phase == TURN and self.turn:
            return [self.turn]
        if self.phase == STEAL:
            return [a.team for a in self.stealers if not a.complete]
        return []

    def refusal(self, team_id: str) -> str | None:
        """Why this team may not answer now, or None if it may."""
        answer = self.answer_of(team_id)
        turn_name = self.turn.name if self.turn else ""
        if self.phase == TURN and (answer is None or answer.role != TURN):
            return _("It is the turn of %(team)s. If they do not know, your team may steal.",
                     team=turn_name)
        if self.phase == STEAL and (answer is None or answer.role == TURN):
            return _("Your team's turn is over: the other teams may answer now.")
        if self.phase == JUDGE:
            return _("The trainer is judging the answer of %(team)s.", team=turn_name)
        if self.phase in (CONFIRM, DONE):
            return _("This question has been answered. Wait for the trainer.")
        return None

    def nobody_knew(self) -> bool:
        """A reason to set the question aside: no team had it right."""
        return self.question["type"] == FACT and not any(a.correct for a in self.answers)

    def opinions_differed(self) -> bool:
        """A reason to set the question aside: the team was not of one mind."""
        turn = self.turn_answer
        return self.question["type"] == OPINION and turn is not None and turn.answered and (
            turn.disagree > 0 or len(turn.votes) > 1)

    def booking(self) -> dict[str, Any]:
        return {"turn": self.turn.id if self.turn else None,
                "answers": [a.record() for a in self.answers]}

    def summary(self) -> dict[str, Any]:
        return {"turn": self.turn.id if self.turn else None, "phase": self.phase,
                "booked": self.booked, "points": {a.team.id: a.points for a in self.answers},
                "answers": {a.team.id: a.record() for a in self.answers}}

    # -- working it out ------------------------------------------------------------------------
    def _answer(self, team: Team, turns: int, people: dict[int, Participant],
                answers: dict[int | None, Entry], confirms: dict[int | None, Entry],
                verdicts: dict[str, bool]) -> TeamAnswer:
        role = TURN if self.turn and team.id == self.turn.id else STEAL
        answer = TeamAnswer(team, role, spokesperson(team, turns, people))
        own = [answers[m] for m in team.members if m in answers]
        connected = {m for m in team.members if m in people and people[m].connected}
        if self.by_vote:
            votes = Counter(e.payload["choice"] for e in own if not e.passed)
            answer.votes, answer.voted = dict(votes), len(own)
            answer.waiting = len(connected - {e.participant_id for e in own})
            answer.complete = bool(own) and not answer.waiting
            ranked = votes.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                answer.choice = ranked[0][0]
            answer.passed = answer.complete and not votes
        else:
            given = next((e for e in own if not e.passed), None)
            if given is not None:
                answer.author = given.participant_id
                answer.choice = given.payload.get("choice")
                answer.text = given.payload.get("text", "")
            else:
                spoken = answers.get(answer.spokesperson)
                answer.passed = spoken is not None and spoken.passed
            answer.complete = given is not None or answer.passed
        if self.confirms and role == TURN and answer.answered:
            for member in team.members:
                if member == answer.author:
                    continue
                if member in confirms:
                    agrees = confirms[member].payload.get("agree")
                    answer.agree += agrees is True
                    answer.disagree += agrees is False
                elif member in connected:
                    answer.waiting += 1
        answer.correct = self._correct(answer, verdicts)
        return answer

    def _correct(self, answer: TeamAnswer, verdicts: dict[str, bool]) -> bool | None:
        if self.question["type"] == OPINION:
            return None
        if answer.passed:
            return False
        if self.question["format"] == OPEN:
            return verdicts.get(answer.team.id) if answer.text else None
        if answer.choice:
            return answer.choice in self.question["correct"]
        return False if answer.complete else None

    def _phase(self, data: dict[str, Any]) -> str:
        turn = self.turn_answer
        if turn is None:
            return TURN
        if self.question["type"] == OPINION:
            if not turn.complete:
                return TURN
            return CONFIRM if self.confirms and not turn.passed else DONE
        if data.get("steal") or (turn.complete and turn.correct is False):
            return STEAL
        if turn.complete:
            return JUDGE if turn.correct is None else DONE
        return TURN

    def _score(self) -> None:
        question = self.question
        for answer in self.answers:
            if question["type"] == OPINION:
                if answer.role == TURN and answer.answered:
                    answer.points = question["points"] if self._unanimous(answer) \
                        else half(question["points"])
            elif answer.correct and answer.role == TURN:
                answer.points = question["points"]
            elif answer.correct and self.phase == STEAL:
                answer.points = question["steal_points"]

    def _unanimous(self, answer: TeamAnswer) -> bool:
        if self.by_vote:
            return len(answer.votes) == 1 and sum(answer.votes.values()) == answer.voted \
                and not answer.waiting
        return not answer.disagree  # who does not confirm does not disagree (METHODS 2)


def half(points: int) -> float:
    return points // 2 if points % 2 == 0 else points / 2


def _turns_taken(awards: dict[str, Any], team: Team) -> int:
    """How often the team spoke: each turn, and each steal it answered. Its spokesperson moves on
    one member each time, so nobody speaks twice in a row because of a steal."""
    return sum(1 for booking in awards.values() for answer in booking["answers"]
               if answer["team"] == team.id and (
                   answer["role"] == TURN or answer["choice"] or answer["text"]
                   or answer["passed"]))


def _turn(view: StepView, every_team: list[Team], teams: list[Team]) -> Team | None:
    """The team whose turn it is: the trainer's choice, or the next team with members after the
    team that had the last awarded question (a team without members is skipped)."""
    chosen = next((t for t in teams if t.id == view.data.get("turn")), None)
    if chosen or not teams:
        return chosen or None
    awards = view.state.get("awards", {})
    number = view.step.item["number"]
    previous = next((awards[f"q{n}"]["turn"] for n in range(number - 1, 0, -1)
                     if f"q{n}" in awards), None)
    ids = [team.id for team in every_team]
    if previous not in ids:
        return teams[0]
    start = ids.index(previous) + 1
    ring = every_team[start:] + every_team[:start]
    return next(team for team in ring if team.members)


def _restored(item: dict[str, Any], team: Team) -> TeamAnswer:
    return TeamAnswer(team, item["role"], choice=item["choice"], text=item["text"],
                      passed=item["passed"], complete=True, votes=item["votes"],
                      agree=item["agree"], disagree=item["disagree"], correct=item["correct"],
                      points=item["points"])
