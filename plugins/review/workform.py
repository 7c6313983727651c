"""Reviewing the team plan, on plain data.

When the group arrives, the open agreements of the team's plan are read once into the activity's
state (``load_agreements``). In the step "grade" everyone gives each agreement a grade from 1 to 10
and says whether it is still needed; each agreement is its own slot, so one person has one answer
per agreement. The trainer sets each agreement's status (action "decide"), in either step; the
step "decide" shows the group what was decided. With a ``words_question`` (the evaluation of the
team workshop, source 004 appendix 3 step 6) a step "words" comes between them: everyone describes
the situation now compared with last time in at most five words, anonymously.

``load_agreements`` is the only place that reads the team plan, through the public function
``facilitator.open_agreements`` (tests on plain data replace it). A status change is asked of the
host with ``view.set_agreement_status``: the host applies it together with the rest of the
trainer's action, after ``act`` returns; the work form itself never writes to the team plan.
"""

from __future__ import annotations

from typing import Any

from facilitator import (
    ANONYMOUS,
    ActionRejected,
    ConfigInvalid,
    Contribution,
    InputRejected,
    LongText,
    Problem,
    Step,
    StepView,
    WorkForm,
    _,
    _l,
    clean,
    open_agreements,
)

GRADES = range(1, 11)
NEEDED = ("yes", "no")
STATUSES = ("open", "in_progress", "done", "dropped")
MAX_INTRO = 400
MAX_QUESTION = 200
MOST_WORDS = 5
WORDS_LIMIT = 80
TALLY = ("answers", "grades", "grade_total", "yes", "no")


def slot_of(item_id) -> str:
    return f"a{item_id}"


def grade_text(value: float) -> str:
    """An average grade with one decimal, in the reader's notation (6,5 in Dutch)."""
    tenths = round(value * 10)
    return _("%(whole)d.%(tenth)d", whole=tenths // 10, tenth=tenths % 10)


def day(iso: str | None) -> str:
    """A due date as people write it here: 2026-03-01 becomes 01-03-2026."""
    return "-".join(reversed(iso.split("-"))) if iso else ""


def status_label(status: str) -> str:
    return {"open": _("Open"), "in_progress": _("In progress"), "done": _("Done"),
            "dropped": _("Dropped")}.get(status, status)


class ReviewTeamPlan(WorkForm):
    name = "review"
    title = _l("Review the team plan")
    description = _l("Everyone grades each open agreement of the team plan from 1 to 10 and says "
                     "whether it is still needed; the trainer then updates its status.")
    status_label = staticmethod(status_label)
    day = staticmethod(day)
    fields = [LongText("intro", _l("Introduction on the phones"), max_length=MAX_INTRO,
                       help=_l("For example: think of the past six weeks.")),
              LongText("words_question", _l("Question for at most five words (optional)"),
                       max_length=MAX_QUESTION, rows=2,
                       help=_l("Adds a step in which everyone answers in at most five words, for "
                               "example: how is it now, compared with last time? Leave it empty "
                               "to skip that step."))]

    # -- the team plan ---------------------------------------------------------------------------
    def load_agreements(self, view: StepView) -> list[dict[str, Any]]:
        return open_agreements(view.activity_id)

    # -- configuration ---------------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        intro = (config or {}).get("intro") or ""
        if not isinstance(intro, str) or len(intro) > MAX_INTRO:
            raise ConfigInvalid([Problem("intro", _("At most %(n)d characters.", n=MAX_INTRO))])
        question = (config or {}).get("words_question") or ""
        if not isinstance(question, str) or len(question.strip()) > MAX_QUESTION:
            raise ConfigInvalid([Problem("words_question",
                                         _("At most %(n)d characters.", n=MAX_QUESTION))])
        checked = {"intro": intro.strip()}
        if question.strip():
            checked["words_question"] = " ".join(question.split())
        return checked

    def plan(self, config: dict[str, Any]) -> list[Step]:
        return [
            Step("grade", _("How are our agreements going?"), ANONYMOUS,
                 item={"intro": config.get("intro", "")}),
            *([Step("words", config["words_question"], ANONYMOUS)]
              if config.get("words_question") else []),
            Step("decide", _("What we decided"), ANONYMOUS, takes_input=False),
        ]

    def arrive(self, view: StepView) -> None:
        view.state["items"] = self.load_agreements(view)
        view.state["decisions"] = {}

    # -- participants ----------------------------------------------------------------------------
    def accept(self, view: StepView, data: dict[str, Any], me) -> Contribution:
        if view.step.key == "words":
            words = clean(data.get("words"), limit=WORDS_LIMIT, label=_("Your words"))
            if len(words.split()) > MOST_WORDS:
                raise InputRejected(_("Use at most %(n)d words.", n=MOST_WORDS))
            return Contribution({"words": words})
        if view.step.key != "grade":
            raise InputRejected(_("This step takes no input."))
        item = self._item(view, data.get("item"), InputRejected)
        slot = slot_of(item["id"])
        before = next((e.payload for e in view.entries if e.mine and e.slot == slot and not e.passed),
                      {})
        payload = {k: before[k] for k in ("grade", "needed") if k in before}
        if "grade" in data:
            try:
                payload["grade"] = int(data["grade"])
            except (TypeError, ValueError):
                payload["grade"] = 0
            if payload["grade"] not in GRADES:
                raise InputRejected(_("Give a grade from 1 to 10."))
        if "needed" in data:
            if data["needed"] not in NEEDED:
                raise InputRejected(_("Answer yes or no."))
            payload["needed"] = data["needed"]
        if not payload:
            raise InputRejected(_("Give a grade, or say whether the agreement is still needed."))
        return Contribution(payload, slot)

    def phone_context(self, view, me, mine) -> dict[str, Any]:
        return {"mine": {e.slot: e.payload for e in mine if not e.passed}}

    # -- trainer ---------------------------------------------------------------------------------
    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        if action != "decide":
            raise ActionRejected(_("Unknown action: %(action)s", action=action))
        item = self._item(view, data.get("item"), ActionRejected)
        status = data.get("status")
        if status not in STATUSES:
            raise ActionRejected(_("Choose open, in progress, done or dropped."))
        decisions = dict(view.state.get("decisions") or {})
        if decisions.get(str(item["id"])) == status:
            return  # a double click
        row = next(r for r in self.agreement_results(view)["items"] if r["id"] == item["id"])
        view.set_agreement_status(item["id"], status, self._summary(row, view.minimum_group))
        decisions[str(item["id"])] = status
        view.state["decisions"] = decisions

    def _item(self, view: StepView, item_id, error: type[InputRejected]) -> dict[str, Any]:
        for item in view.state.get("items") or []:
            if str(item["id"]) == str(item_id):
                return item
        raise error(_("This agreement is not part of the review."))

    # -- results ---------------------------------------------------------------------------------
    def leave(self, view: StepView) -> None:
        """Keep the grading's tallies, so that the step "decide" still knows them."""
        if view.step.key == "grade":
            view.state["tallies"] = self._tallies(view)

    def _tallies(self, view: StepView) -> dict[str, dict[str, int]]:
        """Per agreement id: answers, grades and their total, yes and no (counts only)."""
        if view.step.key != "grade":
            return view.state.get("tallies") or {}
        tallies: dict[str, dict[str, int]] = {}
        for entry in view.answers():
            tally = tallies.setdefault(entry.slot.removeprefix("a"), dict.fromkeys(TALLY, 0))
            tally["answers"] += 1
            if "grade" in entry.payload:
                tally["grades"] += 1
                tally["grade_total"] += entry.payload["grade"]
            if entry.payload.get("needed") in NEEDED:
                tally[entry.payload["needed"]] += 1
        return tallies

    def words(self, view: StepView) -> dict[str, Any]:
        """The step "words": what everyone wrote, in the order it came in."""
        said = [e.payload["words"] for e in view.answers() if e.payload.get("words")]
        return {"words": said, "count": len(said)}

    def results(self, view: StepView) -> dict[str, Any]:
        if view.step.key == "words":
            return self.words(view)
        return self.agreement_results(view)

    def agreement_results(self, view: StepView) -> dict[str, Any]:
        """Per agreement: how many answered, the average grade and the yes/no count. ``shown`` is
        False below the minimum group: then screens and reports show no figures for it."""
        tallies = self._tallies(view)
        decisions = view.state.get("decisions") or {}
        rows = []
        for item in view.state.get("items") or []:
            tally = tallies.get(str(item["id"])) or dict.fromkeys(TALLY, 0)
            average = tally["grade_total"] / tally["grades"] if tally["grades"] else None
            yes, no = tally["yes"], tally["no"]
            rows.append({
                **item, "answers": tally["answers"], "average": average,
                "average_text": grade_text(average) if average is not None else "–",
                "yes": yes, "no": no, "yes_percent": round(100 * yes / (yes + no)) if yes + no else 0,
                "shown": tally["answers"] >= view.minimum_group,
                "decision": decisions.get(str(item["id"])),
            })
        return {"items": rows, "people": len({e.author for e in view.answers()})}

    @staticmethod
    def _summary(row: dict[str, Any], minimum: int) -> str:
        if not row["shown"]:
            return _("Fewer than %(n)d answers in the review.", n=minimum)
        return _("Average grade %(grade)s; still needed: %(yes)d yes, %(no)d no.",
                 grade=row["average_text"], yes=row["yes"], no=row["no"])

    def report(self, view: StepView) -> dict[str, Any]:
        paragraphs = [view.notes] if view.notes else []
        if view.step.key == "words":
            return {"paragraphs": paragraphs, "tables": [{
                "caption": view.step.title, "headers": [_("In at most five words")],
                "rows": [[w] for w in self.words(view)["words"]]}]}
        if view.step.key != "grade":
            return {"paragraphs": paragraphs, "tables": []}
        items = self.results(view)["items"]
        rows = []
        for r in items:
            figures = [r["average_text"], str(r["yes"]), str(r["no"])] if r["shown"] else ["–"] * 3
            rows.append([r["text"], str(r["answers"]), *figures,
                         status_label(r["decision"]) if r["decision"] else ""])
        if any(r["answers"] and not r["shown"] for r in items):
            paragraphs.append(_("Agreements with fewer answers than the minimum group show no "
                                "figures, so that nobody can be recognised."))
        return {"paragraphs": paragraphs, "tables": [{
            "caption": _("Review of the open agreements"),
            "headers": [_("Agreement"), _("Answers"), _("Average grade"), _("Still needed: yes"),
                        _("Still needed: no"), _("Decision")],
            "rows": rows}]}
