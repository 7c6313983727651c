"""The quiz in the session report: the teams, each question's answers and points, the final
score with the trainer's corrections, and the questions set aside."""

from __future__ import annotations

from typing import Any

from facilitator import StepView, _

from .rounds import TURN
from .scoreboard import standings


def report(form, view: StepView) -> dict[str, Any]:
    kind = form.kind(view)
    if kind == "teams":
        return {"paragraphs": [", ".join(
            _("%(team)s (%(n)d)", team=team.name, n=len(team.members)) for team in form.teams(view))],
            "tables": []}
    if kind == "question":
        return _question(form, view)
    return _final(form, view)


def _question(form, view: StepView) -> dict[str, Any]:
    round_ = form.round(view)
    question = round_.question
    paragraphs = [question["text"], _("Answer: %(answer)s", answer=form.correct_answer(question))
                  if question["type"] == "fact" else _("Opinion question")]
    paragraphs += [text for text in (question["explanation"], question["source"]) if text]
    if view.notes:
        paragraphs.append(view.notes)
    rows = [[a.team.name, _("turn") if a.role == TURN else _("steal"),
             _("passed") if a.passed else (form.choice_label(question, a.choice) or a.text),
             form.points(a.points)]
            for a in round_.answers if a.started or a.role == TURN]
    return {"paragraphs": paragraphs, "tables": [{
        "caption": _("Question %(n)d", n=question["number"]),
        "headers": [_("Team"), _("Role"), _("Answer"), _("Points")], "rows": rows}]}


def _final(form, view: StepView) -> dict[str, Any]:
    tables = [{"caption": _("Final score"), "headers": [_("Place"), _("Team"), _("Points")],
               "rows": [[str(s.rank), s.team.name, form.points(s.points)]
                        for s in standings(view.state)]}]
    corrections = form.corrections(view)
    if corrections:
        tables.append({"caption": _("Score corrections"),
                       "headers": [_("Team"), _("Points"), _("Reason"), _("At question")],
                       "rows": [[c["team"].name, form.points(c["points"], signed=True), c["reason"],
                                 str(c["question"] or "")] for c in corrections]})
    aside = [_("Question %(n)d: %(text)s", n=item["number"], text=item["text"])
             for item in form.set_aside_questions(view)]
    return {"paragraphs": [_("Set aside for later: %(questions)s", questions="; ".join(aside))]
            if aside else [], "tables": tables}
