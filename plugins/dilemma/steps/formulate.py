"""Steps 3 and 4: formulate the dilemma (with the hidden intuitive vote), and clarify it."""

from __future__ import annotations

from facilitator import ActionRejected, Contribution, InputRejected, Phase, _, clean, pgettext

from ..dilemmas import SIDE_LIMIT, TITLE_LIMIT, chosen, formulation, sides
from .base import entry_of, own, room_for_one_more, table, text_slot, trainer_text
from .vote import accept_vote, my_vote, tally, vote_rows

STORY_LIMIT = 1000
QUESTION_LIMIT = 300
MOST_QUESTIONS = 8


class Formulate(Phase):
    """The trainer records facts, actions, feelings and the two sides with the contributor;
    meanwhile everyone privately chooses A or B. Nobody sees those choices before the reveal."""

    key = "formulate"
    number = 3

    def title(self):
        return _("Formulate the dilemma")

    def accept(self, view, data, me):
        if view.revealed:
            raise InputRejected(_("The distribution is on the screen now, so your intuitive "
                                  "choice stays as it was."))
        return accept_vote(view, data)

    def act(self, view, action, data):
        if action != "formulate":
            return super().act(view, action, data)
        if chosen(view.state) is None:
            title = clean(data.get("title"), limit=TITLE_LIMIT, label=_("The short title"))
            view.state["chosen"] = {"id": "t1", "title": title, "text": "", "theme": None,
                                    "prepared": False}
        record = {key: trainer_text(data, key, limit=STORY_LIMIT, label=label)
                  for key, label in (("facts", _("The facts")), ("actions", _("The actions")),
                                     ("feelings", _("The feelings")))}
        for key, label in (("side_a", _("Option A")), ("side_b", _("Option B"))):
            record[key] = clean(data.get(key), limit=SIDE_LIMIT, required=False, label=label)
        if bool(record["side_a"]) != bool(record["side_b"]):
            raise ActionRejected(_("Name both sides of the dilemma, A and B."))
        view.state["formulation"] = {**record, "dilemma": chosen(view.state)["id"]}

    def leave(self, view):
        result = tally(view)
        view.state["before"] = {k: result[k] for k in ("counts", "percent", "answered")}

    def results(self, view):
        return tally(view)

    def phone_context(self, view, me, mine):
        return {"vote": my_vote(view)}

    def report(self, view):
        pick = chosen(view.state) or {}
        recorded = formulation(view.state)
        both = sides(view.state) or {}
        lines = [(_("Dilemma"), pick.get("title")), (_("Facts"), recorded.get("facts")),
                 (pgettext("what someone did", "Actions"), recorded.get("actions")),
                 (_("Feelings"), recorded.get("feelings")),
                 (_("Option A"), both.get("a")), (_("Option B"), both.get("b"))]
        return {"paragraphs": [f"{label}: {text}" for label, text in lines if text], "tables": [
            table(_("Intuitive choice"), [_("Moment"), "A", "B", "%"],
                  vote_rows(tally(view), _("Intuitive (step 3)")))]}


class Clarify(Phase):
    """Clarifying questions only. The trainer holds back advice and own experiences, and puts the
    other questions through to the screen; a held-back question never reaches it."""

    key = "clarify"
    number = 4

    def title(self):
        return _("Clarify and put yourself in their place")

    def accept(self, view, data, me):
        question = clean(data.get("question"), limit=QUESTION_LIMIT, label=_("Your question"))
        slot = text_slot("q", question)
        if any(e.slot == slot and e.payload.get("held") for e in own(view)):
            raise InputRejected(_("The trainer has held this question back."))
        room_for_one_more(own(view), slot, MOST_QUESTIONS)
        return Contribution({"question": question}, slot)

    def act(self, view, action, data):
        if action == "let_through":
            view.data["shown_upto"] = max((e.id for e in view.entries), default=0)
        elif action in ("hold", "restore"):
            entry = entry_of(view, data.get("entry"))
            entry.payload = {"question": entry.payload["question"], "held": action == "hold"}
        else:
            super().act(view, action, data)

    def questions(self, view):
        """Every question with where it stands: held back, on the screen, or waiting."""
        upto = view.data.get("shown_upto", 0)
        return [{"id": e.id, "question": e.payload["question"], "mine": e.mine,
                 "status": "held" if e.payload.get("held") else
                 "shown" if e.id <= upto else "waiting"}
                for e in view.answers()]

    def results(self, view):
        questions = self.questions(view)
        return {"questions": [q["question"] for q in questions if q["status"] == "shown"],
                "waiting": sum(q["status"] == "waiting" for q in questions),
                "held": sum(q["status"] == "held" for q in questions)}

    def phone_context(self, view, me, mine):
        return {"questions": [q for q in self.questions(view) if q["mine"]]}

    def report(self, view):
        result = self.results(view)
        held = [_("Held back as advice or own experience: %(n)d.", n=result["held"])] \
            if result["held"] else []
        return {"paragraphs": held, "tables": [table(_("Clarifying questions"), [_("Question")],
                                                     [[q] for q in result["questions"]])]}
