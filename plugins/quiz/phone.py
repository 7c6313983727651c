"""What a participant's phone says about the round: whose turn it is and what to do now."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator import _, ngettext

from .questions import OPINION
from .rounds import CONFIRM, DONE, JUDGE, STEAL, TURN, Round, TeamAnswer
from .scoreboard import points_text


@dataclass(frozen=True)
class Status:
    tone: str  # "go": you (your team) may act now; "wait": someone else is on
    text: str


def status(round_: Round, answer: TeamAnswer, me: int, speaker: str | None,
           chosen: bool, confirmed: bool = False) -> Status:
    """``answer`` is the phone's team's answer; ``speaker`` the spokesperson's name if it may be
    shown (a named session); ``chosen`` whether this person has chosen (majority mode);
    ``confirmed`` whether this person has said agree, disagree or pass to the team's opinion."""
    phase = round_.phase
    ours = answer.role == phase  # the team's turn, or its chance to steal
    if phase == DONE or round_.booked:
        return Status("wait", _("The answer is in. Wait for the trainer."))
    if phase == JUDGE:
        return Status("wait", _("The trainer is judging the answer of %(team)s.",
                                team=round_.turn.name))
    if phase == CONFIRM:
        if answer.role != TURN:
            return Status("wait", _("%(team)s is checking whether the whole team agrees.",
                                    team=round_.turn.name))
        if answer.author == me:
            return Status("wait", _("Your teammates now say whether they agree with you."))
        if confirmed:
            return Status("wait", _("Your say is in. The trainer closes the confirmation."))
        return Status("go", _("Does your spokesperson's answer say what you think? Agree or not."))
    if not ours:
        if phase == STEAL:
            return Status("wait", _("Your team did not have it. The other teams may steal now."))
        return Status("wait", _("It is the turn of %(team)s. If they do not know, your team may "
                                "steal.", team=round_.turn.name))
    if answer.answered or (round_.by_vote and answer.complete):
        return Status("wait", _("Your team's answer is in."))
    if chosen:
        return Status("wait", _("Your choice is in. Waiting for your teammates."))
    if phase == TURN:
        lead = _("Your team's turn!")
    else:
        steal = round_.question["steal_points"]
        lead = ngettext("Steal: answer for %(points)s point!",
                        "Steal: answer for %(points)s points!", steal, points=points_text(steal))
    if round_.by_vote:
        return Status("go", lead + " " + _("Everyone chooses; the majority is your team's answer."))
    if answer.spokesperson == me and round_.question["type"] == OPINION:
        return Status("go", lead + " " + _("You are the spokesperson: answer at once, without "
                                           "conferring, what you think your whole team holds. "
                                           "Then your teammates say whether they agree."))
    if answer.spokesperson == me:
        return Status("go", lead + " " + _("You are the spokesperson: talk it over with your team, "
                                           "then put in the team's answer."))
    if speaker:
        return Status("go", lead + " " + _("%(name)s is the spokesperson and puts in the team's "
                                           "answer.", name=speaker))
    return Status("go", lead + " " + _("Your spokesperson puts in the team's answer."))
