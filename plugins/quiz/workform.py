"""The knowledge quiz in teams (kennisquiz), on plain data.

Steps: the teams, one step per question, and the final score. Phones answer for their team (the
rules are in ``rounds``); the trainer judges open answers, lets the other teams steal, awards the
points, and corrects a score with a reason that is logged.
"""

from __future__ import annotations

import copy
from typing import Any

from facilitator import (
    NAMED,
    ActionRejected,
    Contribution,
    InputRejected,
    Participant,
    Step,
    StepView,
    WorkForm,
    _,
    _l,
    clean,
    ngettext,
)

from . import actions
from . import questions as q
from .phone import status
from .report import report
from .rounds import ANSWER_SLOT, CONFIRM, CONFIRM_SLOT, JUDGE, TURN, Round
from .scoreboard import points_text, standings, totals, winners
from .teams import divide, moved, smallest, team_of, teams_of

TEAMS, SCOREBOARD = "teams", "scoreboard"


class Quiz(WorkForm):
    name = "quiz"
    title = _l("Knowledge quiz in teams")
    description = _l("Teams answer questions on the aggression policy in turn; the other teams may "
                     "steal. Questions nobody knew are set aside for the team plan.")
    shared_input = True  # a team's answer and its confirmations change its members' phones
    fields = q.FIELDS

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        return q.read_config(config or {})

    def plan(self, config: dict[str, Any]) -> list[Step]:
        return [
            Step(TEAMS, _("Teams"), takes_input=False),
            *(Step(f"q{n}", f"{n}. {_short(item['text'])}", visibility=NAMED,
                   item={**item, "number": n})
              for n, item in enumerate(config["questions"], start=1)),
            Step(SCOREBOARD, _("Final score"), takes_input=False),
        ]

    # -- teams -----------------------------------------------------------------------------------
    def arrive(self, view: StepView) -> None:
        view.state["teams"] = divide(view.participants, view.config["teams"], f"{view.activity_id}")

    def participant_joined(self, view: StepView, me: Participant) -> None:
        teams = view.state.get("teams")
        if teams and team_of(view.state, me.id) is None:
            view.state["teams"] = moved(teams, me.id, smallest(teams))

    # -- participants ------------------------------------------------------------------------------
    def accept(self, view: StepView, data: dict[str, Any], me: Participant) -> Contribution:
        round_, team = _answering(view, me)
        if "confirm" in data:
            return _confirmation(round_, team.id, data.get("confirm"), me)
        mine = next((e for e in view.entries if e.mine and e.slot == ANSWER_SLOT and not e.passed),
                    None)
        if mine is not None and _repeats(round_.question, data, mine.payload):
            return Contribution(dict(mine.payload))  # the same answer again: a double tap
        if refusal := round_.refusal(team.id):
            raise InputRejected(refusal)
        contribution = _read_answer(round_.question, data)
        answer = round_.answer_of(team.id)
        if round_.by_vote:
            if mine is not None:
                raise InputRejected(_("You have already chosen; your choice counts for your team."))
        elif answer.answered:
            raise InputRejected(_("Your team has already answered."))
        elif me.id != answer.spokesperson:
            raise InputRejected(_("Your team's spokesperson answers for the team this time."))
        return contribution

    def accept_pass(self, view: StepView, me: Participant) -> Contribution:
        """A pass is the team's "we do not know", given where the team's answer would be: by the
        spokesperson, or in the majority mode by a member who has not chosen yet. Once the team's
        answer is in, a pass would undo it (a right answer would become a steal), so it is refused.
        While teammates confirm an opinion, a teammate may pass: that is no say, not a
        disagreement ("Pass is always allowed")."""
        round_, team = _answering(view, me)
        answer = round_.answer_of(team.id)
        if round_.phase == CONFIRM and answer is not None and answer.role == TURN:
            if me.id == answer.author:
                raise InputRejected(_("Your team has already answered."))
            return Contribution({"pass": True}, slot=CONFIRM_SLOT)
        if round_.by_vote:
            if any(e.mine and e.slot == ANSWER_SLOT and not e.passed for e in view.entries):
                raise InputRejected(_("You have already chosen; your choice counts for your team."))
        elif answer is not None and answer.answered:
            raise InputRejected(_("Your team has already answered."))
        if refusal := round_.refusal(team.id):
            raise InputRejected(refusal)
        if not round_.by_vote and (answer is None or me.id != answer.spokesperson):
            raise InputRejected(_("Your team's spokesperson answers for the team this time."))
        return Contribution({"pass": True})

    # -- trainer ---------------------------------------------------------------------------------
    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        carry_out = actions.ANYWHERE.get(action) or (
            actions.AT_A_QUESTION.get(action) if self.kind(view) == "question" else None)
        if carry_out is None:
            raise ActionRejected(_("That is not possible at this step."))
        view.state = copy.deepcopy(view.state)  # every change is a new value the host stores
        carry_out(view, data)

    def leave(self, view: StepView) -> None:
        """Moving on closes a question: its points are booked if any team answered, and a
        question the trainer set aside goes to the team plan as an open point."""
        if self.kind(view) != "question":
            return
        view.state = copy.deepcopy(view.state)
        round_ = Round(view)
        if not round_.booked and any(a.started for a in round_.answers):
            actions.book(view, round_)
        aside = [key for key in view.state.get("set_aside", []) if key != view.step.key]
        if view.set_aside:
            aside.append(view.step.key)
        view.state["set_aside"] = sorted(aside, key=lambda key: int(key[1:]))
        view.keep_open_point(_("Set aside in the knowledge quiz: %(question)s",
                               question=round_.question["text"]))

    # -- what the views show ---------------------------------------------------------------------
    def kind(self, view: StepView) -> str:
        return view.step.key if view.step.key in (TEAMS, SCOREBOARD) else "question"

    def round(self, view: StepView) -> Round:
        return Round(view)

    def teams(self, view: StepView):
        return teams_of(view.state)

    def board(self, view: StepView):
        return standings(view.state)

    def totals(self, view: StepView) -> dict[str, float]:
        """Each team's points so far: the score the phones always show (not a tally of answers)."""
        return totals(view.state)

    def winners(self, view: StepView):
        return winners(standings(view.state))

    def points(self, value: float, signed: bool = False) -> str:
        return points_text(value, signed=signed)

    def points_label(self, value: float) -> str:
        """'1 point', '1½ points'."""
        return ngettext("%(points)s point", "%(points)s points", value, points=points_text(value))

    def roster(self, view: StepView, team) -> list[str]:
        """The team's members by the names they gave, also in an anonymous session: a team is a
        group of people sitting together, and who sits where is not an answer. For the trainer
        and the team's own phones only, never for the shared screen of an anonymous session."""
        numbers = {person.id: number for number, person in enumerate(view.participants, start=1)}
        people = {person.id: person for person in view.participants}
        return [(people[m].name or people[m].display_name or _("Participant %(n)d", n=numbers[m]))
                if m in people else "" for m in team.members]

    def visibility_note(self, view: StepView) -> str | None:
        if self.kind(view) != "question":
            return None
        return _("Your team sees your team's answer; the screen shows each team's answer, "
                 "never who gave it.")

    def console_primary(self, view: StepView) -> str | None:
        """At a question: nothing while a team may still answer or an answer waits to be judged
        (pressing on would skip it), award once all is in or while teammates confirm, next once
        the points are booked."""
        if self.kind(view) != "question":
            return None
        round_ = Round(view)
        if round_.booked:
            return "next"
        if round_.phase == CONFIRM or (round_.phase != JUDGE and round_.turn
                                       and not round_.may_answer_now()):
            return "award"
        return ""

    def person(self, view: StepView, participant_id: int | None) -> str:
        """A participant as the trainer's list shows them: the name, or 'Participant 3'."""
        for number, person in enumerate(view.participants, start=1):
            if person.id == participant_id:
                return person.name or _("Participant %(n)d", n=number)
        return ""

    def choice_label(self, question: dict[str, Any], choice: str | None) -> str:
        if question["format"] == q.TRUE_FALSE:
            return _("True") if choice == "true" else _("False")
        letters = q.choices(question)
        return f"{choice}. {question['options'][letters.index(choice)]}" if choice in letters else ""

    def choices(self, question: dict[str, Any]) -> list[str]:
        return q.choices(question)

    def correct_answer(self, question: dict[str, Any]) -> str:
        if question["format"] == q.OPEN:
            return question["answer"]
        return " / ".join(self.choice_label(question, c) for c in question["correct"])

    def corrections(self, view: StepView) -> list[dict[str, Any]]:
        """The log of score corrections, each with its team."""
        teams = {team.id: team for team in teams_of(view.state)}
        return [{**c, "team": teams[c["team"]]} for c in view.state.get("corrections", [])]

    def set_aside_questions(self, view: StepView) -> list[dict[str, Any]]:
        return [{**view.config["questions"][int(key[1:]) - 1], "number": int(key[1:])}
                for key in view.state.get("set_aside", [])]

    def phone_context(self, view: StepView, me: Participant, mine) -> dict[str, Any]:
        team = team_of(view.state, me.id)
        context: dict[str, Any] = {"team": team,
                                   "roster": self.roster(view, team) if team else []}
        if team is None or self.kind(view) != "question":
            return context
        round_ = Round(view)
        answer = round_.answer_of(team.id)
        chosen = next((e.payload.get("choice") for e in mine
                       if e.slot == ANSWER_SLOT and not e.passed), None)
        said = next((e for e in mine if e.slot == CONFIRM_SLOT), None)
        confirmed = said.payload.get("agree") if said else None
        speaker = self.person(view, answer.spokesperson) if view.named_session else None
        on = round_.phase == answer.role
        return {**context, "round": round_, "answer": answer, "chosen": chosen,
                "confirmed": confirmed,
                "status": status(round_, answer, me.id, speaker, chosen is not None,
                                 said is not None),
                "may_answer": on and (chosen is None and not answer.complete if round_.by_vote
                                      else answer.spokesperson == me.id and not answer.answered),
                "may_confirm": round_.phase == CONFIRM and answer.role == TURN
                and answer.author != me.id}

    def results(self, view: StepView) -> dict[str, Any]:
        if self.kind(view) == "question":
            return {**Round(view).summary(), "totals": totals(view.state)}
        return {"totals": totals(view.state), "set_aside": view.state.get("set_aside", []),
                "winners": [t.id for t in self.winners(view)],
                "corrections": view.state.get("corrections", [])}

    def report(self, view: StepView) -> dict[str, Any]:
        return report(self, view)


def _short(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _answering(view: StepView, me: Participant):
    """The question's round and the person's team, while the round still takes answers."""
    round_ = Round(view)
    if round_.booked:
        raise InputRejected(_("This question is closed: the points have been awarded."))
    team = team_of(view.state, me.id)
    if team is None:
        raise InputRejected(_("You are not in a team yet. Ask the trainer to place you."))
    return round_, team


def _confirmation(round_: Round, team_id: str, value: Any, me: Participant) -> Contribution:
    answer = round_.answer_of(team_id)
    if round_.phase != CONFIRM or answer is None or answer.role != TURN:
        raise InputRejected(_("There is no team answer to confirm now."))
    if me.id == answer.author:
        raise InputRejected(_("You gave your team's answer; your teammates confirm it."))
    if value not in ("agree", "disagree"):
        raise InputRejected(_("Choose agree or disagree."))
    return Contribution({"agree": value == "agree"}, slot=CONFIRM_SLOT)


def _read_answer(question: dict[str, Any], data: dict[str, Any]) -> Contribution:
    if question["format"] == q.OPEN:
        return Contribution({"text": clean(data.get("text"), limit=q.MAX_ANSWER,
                                           label=_("Your team's answer"))})
    if data.get("choice") not in q.choices(question):
        raise InputRejected(_("Choose one of the answers."))
    return Contribution({"choice": data["choice"]})


def _repeats(question: dict[str, Any], data: dict[str, Any], payload: dict[str, Any]) -> bool:
    try:
        return _read_answer(question, data).payload == payload
    except InputRejected:
        return False



