"""Steps 7 to 9: the contributor's weighing, the team's agreement, and the look back."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from facilitator import (
    NAMED,
    ActionRejected,
    Contribution,
    InputRejected,
    NewAgreement,
    Phase,
    _,
    _l,
    clean,
)

from .base import own, percent, table, trainer_text, widths
from .vote import accept_vote, my_vote, tally, vote_rows

PROMPTS = {
    "right": _l("I think it right that I…"),
    "sake": _l("For the sake of… (which values and norms)"),
    "despite": _l("Despite… (what it costs)"),
    "damage": _l("How do I limit the damage?"),
    "need_self": _l("What I need to really do it: from myself"),
    "need_team": _l("…from the team"),
    "need_organisation": _l("…from the organisation"),
}
PROMPT_LIMIT = 500
RECORD = {
    "agree": _l("Where we agree"),
    "differ": _l("Where we differ"),
    "choice": _l("What we choose as a team (action agreement)"),
    "grounds": _l("On what grounds"),
}
RECORD_LIMIT = 1000
AGREEMENT_LIMIT = 300
WORD = re.compile(r"[\w'’-]+")
WORD_LIMIT = 30


def _weighing(data) -> dict[str, str]:
    weighing = {key: clean(data.get(key), limit=PROMPT_LIMIT, required=False, multiline=True,
                           label=str(label)) for key, label in PROMPTS.items()}
    if not weighing["right"]:
        raise InputRejected(_("Fill in at least the first line: what do you think it right to "
                              "do?"))
    return weighing


class Weighing(Phase):
    """The contributor fills in the prompts on their phone, or the trainer does it for them.

    Whoever sends a weighing first is taken to be the contributor; the trainer can release it
    when somebody else took it by mistake."""

    key = "weighing"
    number = 7
    visibility = NAMED  # one person's own weighing: the group knows whose it is

    def title(self):
        return _("The contributor's weighing")

    def contributor(self, view):
        return next((e for e in view.answers() if e.author != "trainer"), None)

    def current(self, view):
        """The weighing to show: the contributor's own, else the one the trainer typed."""
        return self.contributor(view) or next(
            (e for e in view.answers() if e.author == "trainer"), None)

    def accept(self, view, data, me):
        contributor = self.contributor(view)
        if contributor is not None and not contributor.mine:
            raise InputRejected(_("The contributor is filling this in already. Follow the "
                                  "weighing on the screen."))
        return Contribution(_weighing(data), "weighing")

    def act(self, view, action, data):
        if action == "weigh":
            weighing = _weighing(data)
            if (entry := self.current(view)) is not None:
                entry.payload = weighing
            else:
                view.add(weighing, "weighing")
        elif action == "release":
            if (entry := self.contributor(view)) is None:
                raise ActionRejected(_("Nobody has filled in the weighing on a phone."))
            view.remove(entry.id)
        else:
            super().act(view, action, data)

    def results(self, view):
        entry = self.current(view)
        return {"weighing": entry.payload if entry else None,
                "by": None if entry is None else
                "trainer" if entry.author == "trainer" else "contributor"}

    def phone_context(self, view, me, mine):
        contributor = self.contributor(view)
        return {"mine": contributor.payload if contributor and contributor.mine else None,
                "taken": contributor is not None and not contributor.mine}

    def report(self, view):
        weighing = self.results(view)["weighing"] or {}
        rows = [[str(label), weighing[key]] for key, label in PROMPTS.items() if weighing.get(key)]
        return {"paragraphs": [], "tables": [table(_("The contributor's weighing"),
                                                   [_("Prompt"), _("Answer")], rows)]}


class AgreementAndDifferences(Phase):
    """The group votes A or B again; the trainer records where the team agrees and differs, the
    team's choice with its grounds, and working agreements with an owner and a date. The choice
    and every working agreement go to the team plan."""

    key = "agreement"
    number = 8

    def title(self):
        return _("Agreement and differences")

    def accept(self, view, data, me):
        return accept_vote(view, data)

    def act(self, view, action, data):
        if action == "record":
            view.data["record"] = {key: trainer_text(data, key, limit=RECORD_LIMIT,
                                                     label=str(label))
                                   for key, label in RECORD.items()}
        elif action == "choice_to_plan":
            self._choice_to_plan(view, data)
        elif action == "working_agreement":
            self._working_agreement(view, data)
        else:
            super().act(view, action, data)

    def choice_text(self, view) -> str | None:
        """The team's choice with its grounds, as it goes into the team plan."""
        record = view.data.get("record") or {}
        if not record.get("choice"):
            return None
        text = _("Action agreement: %(choice)s", choice=record["choice"])
        if record.get("grounds"):
            text += "\n" + _("Grounds: %(grounds)s", grounds=record["grounds"])
        return text

    def _choice_to_plan(self, view, data) -> None:
        """The team's choice goes into the plan as a handelingsafspraak (how we act in such a
        case), with the date by which it is looked at again."""
        text = self.choice_text(view)
        if text is None:
            raise ActionRejected(_("Write down and save the team's choice first."))
        if view.data.get("choice_in_plan") == text:
            raise ActionRejected(_("This choice is in the team plan already."))
        try:
            due = date.fromisoformat(str(data.get("due") or "")).isoformat()
        except ValueError:
            raise ActionRejected(_("Give the date by which the team looks at this choice "
                                   "again.")) from None
        view.propose_agreement(NewAgreement(text, kind="action_agreement",
                                            owner=_("The team"), due=due))
        view.data["choice_in_plan"] = text

    def _working_agreement(self, view, data) -> None:
        text = clean(data.get("text"), limit=AGREEMENT_LIMIT, label=_("The working agreement"))
        owner = clean(data.get("owner"), limit=120, label=_("Who"))
        try:
            due = date.fromisoformat(str(data.get("due") or "")).isoformat()
        except ValueError:
            raise ActionRejected(_("Give the date by which it is done or reviewed.")) from None
        agreement = {"text": text, "owner": owner, "due": due}
        listed = view.data.get("agreements", [])
        if agreement in listed:
            raise ActionRejected(_("This working agreement is in the team plan already."))
        view.propose_agreement(NewAgreement(text, kind="working_agreement", owner=owner, due=due))
        view.data["agreements"] = [*listed, agreement]

    def results(self, view):
        before = view.state.get("before")
        after = tally(view)
        shift = {side: after["percent"][side] - before["percent"][side]
                 for side in ("a", "b")} if before and before["answered"] else None
        return {"before": before, "after": after, "shift": shift}

    def phone_context(self, view, me, mine):
        """The second vote, beside the person's own intuitive choice of step 3 (their phone
        only: nobody else ever sees who chose what)."""
        intuition = next((dict(e.payload) for e in view.mine_at("formulate")
                          if not e.passed and e.payload.get("choice") in ("a", "b")), None)
        return {"vote": my_vote(view), "intuition": intuition}

    def report(self, view):
        record = view.data.get("record") or {}
        result = self.results(view)
        votes = vote_rows(result["after"], _("After the discussion (step 8)"))
        if result["before"]:
            votes = vote_rows(result["before"], _("Intuitive (step 3)")) + votes
        rows = [[a["text"], a["owner"], a["due"]] for a in view.data.get("agreements", [])]
        return {"paragraphs": [f"{label}: {record[key]}" for key, label in RECORD.items()
                               if record.get(key)],
                "tables": [table(_("How the group's view moved"), [_("Moment"), "A", "B", "%"],
                                 votes),
                           table(_("Working agreements"), [_("What"), _("Who"), _("When")],
                                 rows)]}


class Evaluate(Phase):
    key = "evaluate"
    number = 9

    def title(self):
        return _("Look back")

    def accept(self, view, data, me):
        try:
            score = int(data.get("score"))
        except (TypeError, ValueError):
            raise InputRejected(_("Give a mark from 1 to 10.")) from None
        if not 1 <= score <= 10:
            raise InputRejected(_("Give a mark from 1 to 10."))
        word = clean(data.get("word"), limit=WORD_LIMIT, required=False, label=_("Your word"))
        if word and not WORD.fullmatch(word):
            raise InputRejected(_("One word, please."))
        return Contribution({"score": score, "word": word})

    def results(self, view):
        scores = [e.payload["score"] for e in view.answers()]
        counts = [scores.count(n) for n in range(1, 11)]
        words = Counter(e.payload["word"].casefold() for e in view.answers() if e.payload["word"])
        return {"count": len(scores),
                "average": round(sum(scores) / len(scores), 1) if scores else None,
                "marks": [{"mark": n, "count": c, "width": w} for n, c, w in
                          zip(range(1, 11), counts, widths(counts), strict=True)],
                "words": words.most_common(),
                "sufficient": percent(sum(s >= 6 for s in scores), len(scores))}

    def phone_context(self, view, me, mine):
        given = own(view)
        return {"evaluation": given[0].payload if given else None}

    def report(self, view):
        result = self.results(view)
        if not result["count"]:
            return {"paragraphs": [], "tables": []}
        words = ", ".join(f"{w} ({n})" for w, n in result["words"])
        return {"paragraphs": [_("Average mark %(average)s from %(n)d people.",
                                 average=result["average"], n=result["count"])],
                "tables": [table(_("Words"), [_("Words")], [[words]])] if words else []}
