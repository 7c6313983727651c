"""The lower-house debate (Lagerhuisdiscussie) as a work form, on plain data.

Steps: an optional opening vote on the statement, the preparation in which each side collects
arguments on its phones (seen by its own side only), the debate itself, an optional closing vote
that shows how far the group moved, and the debrief in which the trainer records conclusions for
the team plan.

The trainer divides the group: at random and balanced when the activity starts, by hand where
needed; forming the sides from the opening vote is an option (``sides_from_vote``). The first to
stand gets the floor; giving it to someone further back needs a reason, which is logged.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from facilitator import (
    NAMED,
    ActionRejected,
    Contribution,
    InputRejected,
    NewAgreement,
    Participant,
    Step,
    StepView,
    WorkForm,
    _,
    _l,
    clean,
    ngettext,
    pgettext,
)

from . import votes
from .config import FIELDS, validate
from .hall import (
    ARGUMENT,
    PREPARED,
    STAND,
    Hall,
    arguments,
    fresh_slot,
    give_floor,
    settle,
    speaker,
    stand_ups,
    survey,
)
from .sides import AGAINST, FOR, SIDES, divide, side_of, smaller

OPENING, PREPARE, DEBATE, CLOSING, DEBRIEF = "opening", "prepare", "debate", "closing", "debrief"
VOTES = (OPENING, CLOSING)
MAX_ARGUMENT = 280
MAX_CONCLUSION = 500
MAX_REASON = 200
SIDE_NAMES = {FOR: _l("For"), AGAINST: _l("Against")}


class Debate(WorkForm):
    """The lower-house debate.

    Nested values in ``view.state`` and ``view.data`` are replaced, never changed in place: the
    host stores a change only when a top-level value differs from what it read.
    """

    name = "debate"
    title = _l("Lower-house debate")
    description = _l("The group splits into a side for and a side against a statement. Whoever "
                     "stands up first gets the floor; every argument is recorded, and the side "
                     "with the most arguments wins.")
    shared_input = True  # a stand-up changes the queue that every phone shows
    clock = staticmethod(time.time)
    fields = FIELDS

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        return validate(config)

    def plan(self, config: dict[str, Any]) -> list[Step]:
        steps = []
        if config.get("opening_vote", True):
            steps.append(Step(OPENING, _("Opening vote: where do you stand?"), NAMED))
        if config.get("preparation", True):
            steps.append(Step(PREPARE, _("Preparation: arguments for your side"), NAMED))
        steps.append(Step(DEBATE, _("The debate"), NAMED,
                          minutes=config.get("debate_time") or None))
        if config.get("closing_vote", True):
            steps.append(Step(CLOSING, _("Closing vote: where do you stand now?"), NAMED))
        steps.append(Step(DEBRIEF, _("Debrief: what do we conclude?"), NAMED, takes_input=False))
        return steps

    # -- what the templates ask ----------------------------------------------------------------
    def statement(self, view: StepView) -> str:
        statements = view.config["statements"]
        return statements[min(view.state.get("statement", 0), len(statements) - 1)]["text"]

    def statement_can_change(self, view: StepView) -> bool:
        """Another statement can be chosen until the first argument is recorded."""
        earlier = (view.state.get("result") or {}).get("count", {})
        return (view.step.key in (OPENING, DEBATE) and len(view.config["statements"]) > 1
                and not arguments(view) and not any(earlier.values()))

    def side_names(self) -> dict[str, str]:
        """The names of the sides in the current language: Voor, Tegen."""
        return {side: str(name) for side, name in SIDE_NAMES.items()}

    def hall(self, view: StepView) -> Hall:
        return survey(view, self.clock(), self.side_names())

    def sides_from_vote(self, view: StepView) -> bool:
        return bool(view.config.get("sides_from_vote") and view.config.get("opening_vote", True))

    def prepared(self, view: StepView, side: str | None) -> list[str]:
        """The arguments one side collected in the preparation, in the order given. At the
        preparation step from its entries, later from what the step kept in the state."""
        if side is None:
            return []
        if view.step.key == PREPARE:
            return [e.payload["text"] for e in view.entries
                    if e.payload.get("kind") == PREPARED and e.payload.get("side") == side]
        return list((view.state.get("prepared") or {}).get(side, []))

    def passed_over(self, view: StepView) -> list[dict[str, Any]]:
        """The log of people passed over for the floor, with the trainer's reason."""
        return list(view.data.get("passed_over", []))

    def console_primary(self, view: StepView) -> str | None:
        """The debate leads the console: divide while there are no sides, give the floor to the
        first standing (or start the time of whoever the floor passed to by itself), nothing while
        nobody stands, and the host's next once the debate is over."""
        if view.step.key == OPENING:
            return "divide" if self.sides_from_vote(view) and not view.state.get("sides") else None
        if view.step.key != DEBATE:
            return None
        if not view.state.get("sides"):
            return "divide"
        now = self.hall(view)
        if now.ended:
            return "next"
        if (now.speaker and now.speaker.passed_on) or any(
                e.participant_id not in now.offline for e in now.queue):
            return "floor"
        return ""

    def written_allowed(self, view: StepView) -> bool:
        return bool(view.data.get("written", view.config.get("written_arguments")))

    # -- participants --------------------------------------------------------------------------
    def arrive(self, view: StepView) -> None:
        """The trainer's division, at random and balanced, unless the opening vote forms it."""
        view.state.setdefault("statement", 0)
        if not (view.step.key == OPENING and self.sides_from_vote(view)):
            view.state["sides"], view.state["moved"] = divide(view.participants)

    def participant_joined(self, view: StepView, me: Participant) -> None:
        sides = view.state.get("sides")
        if sides is not None and str(me.id) not in sides:
            view.state["sides"] = {**sides, str(me.id): smaller(sides)}

    def accept(self, view: StepView, data: dict[str, Any], me: Participant) -> Contribution:
        if view.step.key in VOTES:
            if data.get("choice") not in SIDES:
                raise InputRejected(_("Choose for or against, or pass."))
            return Contribution({"choice": data["choice"]})
        if view.step.key not in (PREPARE, DEBATE):
            raise InputRejected(_("This step takes no input."))
        side = side_of(view.state, me.id)
        if side is None:
            raise InputRejected(_("You are not on a side yet. Wait until the trainer divides "
                                  "the group."))
        if view.step.key == PREPARE:
            return self._prepare(view, data, me, side)
        if view.data.get("ended"):
            raise InputRejected(_("The debate is over."))
        if data.get("action") == "stand":
            return self._stand(view, me)
        if data.get("action") == "argument":
            return self._argument(view, data, me, side)
        raise InputRejected(_("Stand up, or record an argument."))

    def _stand(self, view: StepView, me: Participant) -> Contribution:
        if self.hall(view).has_floor(me.id):
            raise InputRejected(_("You have the floor already."))
        mine = [e for e in stand_ups(view) if e.participant_id == me.id]
        standing = next((e for e in mine if not e.payload.get("spoke")), None)
        if standing is not None:  # a double tap: still standing, in the same place
            return Contribution(dict(standing.payload), standing.slot)
        return Contribution({"kind": STAND}, fresh_slot("up", mine))

    def _prepare(self, view: StepView, data: dict, me: Participant, side: str) -> Contribution:
        text = clean(data.get("text"), limit=MAX_ARGUMENT, label=_("Your argument"))
        mine = [e for e in view.entries
                if e.payload.get("kind") == PREPARED and e.participant_id == me.id]
        same = next((e for e in mine if e.payload.get("text") == text), None)
        if same is not None:  # sent twice: kept once
            return Contribution(dict(same.payload), same.slot)
        return Contribution({"kind": PREPARED, "side": side, "text": text},
                            fresh_slot("prep", mine))

    def _argument(self, view: StepView, data: dict, me: Participant, side: str) -> Contribution:
        now = self.hall(view)
        speaking = now.has_floor(me.id)
        if not speaking and not self.written_allowed(view):
            raise InputRejected(_("Wait until you have the floor: stand up, and the trainer "
                                  "gives it to you."))
        text = clean(data.get("text"), limit=MAX_ARGUMENT, label=_("Your argument"))
        answers = self._answered(now, data.get("answers"), side)
        mine = [e for e in view.entries
                if e.payload.get("kind") == ARGUMENT and e.participant_id == me.id]
        same = next((e for e in mine if e.payload.get("text") == text), None)
        if same is not None:  # sent twice: it is recorded once
            return Contribution(dict(same.payload), same.slot)
        return Contribution({"kind": ARGUMENT, "side": side, "text": text,
                             "answers": answers}, fresh_slot("arg", mine))

    @staticmethod
    def _answered(now: Hall, raw, side: str) -> int | None:
        if raw in (None, ""):
            return None
        target = now.argument(int(raw)) if str(raw).isdigit() else None
        if target is None or target.side == side:
            raise InputRejected(_("A counter-argument answers an argument of the other side."))
        return target.id

    def phone_context(self, view: StepView, me: Participant, mine) -> dict[str, Any]:
        """What is this person's own: their side, vote, place in the queue, floor. Plain data, so
        that phones in the same situation share one rendering; the rest comes from ``hall``."""
        side = side_of(view.state, me.id)
        context: dict[str, Any] = {"side": side, "moved": me.id in view.state.get("moved", [])}
        if view.step.key in VOTES:
            context["chosen"] = next((e.payload.get("choice") for e in mine if not e.passed), None)
        if view.step.key in (PREPARE, DEBATE):
            context["prepared"] = self.prepared(view, side)  # the own side's, never the other's
        if view.step.key == DEBATE:
            now = self.hall(view)
            holding = now.speaker if now.has_floor(me.id) else None
            standing = holding.entry if holding else next(
                (e.id for e in now.queue if e.participant_id == me.id), None)
            context.update(
                has_floor=holding is not None, place=now.place_of(me.id),
                standing=next((e.slot for e in view.entries if e.id == standing), None),
                can_write=bool(side) and (holding is not None or self.written_allowed(view)),
                mine=[a.label for a in now.arguments if a.author == me.id])
        return context

    # -- trainer -------------------------------------------------------------------------------
    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        handler = getattr(self, f"_act_{action}", None)
        if handler is None:
            raise ActionRejected(_("Unknown action: %(action)s", action=action))
        if view.step.key == DEBATE:
            before = speaker(view)
            if action == "floor" and not data.get("entry") and before and before.passed_on:
                # The floor passed on by itself: the primary button starts that person's time,
                # also from a console that had not seen it yet; it never skips them.
                data = {**data, "entry": before.entry}
            settle(view, self.clock(), view.config["speaking_time"])
        handler(view, data)

    def _only_at(self, view: StepView, *keys: str) -> None:
        if view.step.key not in keys:
            raise ActionRejected(_("That is not possible at this step."))

    def _act_statement(self, view: StepView, data: dict) -> None:
        if not self.statement_can_change(view):
            raise ActionRejected(_("The debate has started: the statement stays."))
        index = str(data.get("statement", ""))
        if not index.isdigit() or int(index) >= len(view.config["statements"]):
            raise ActionRejected(_("Choose one of the statements."))
        view.state["statement"] = int(index)

    def _act_divide(self, view: StepView, data: dict) -> None:
        """Divide again: at random and balanced, or from the opening vote where that is the
        configured way and the group is at the vote."""
        self._only_at(view, OPENING, PREPARE, DEBATE)
        by_vote = view.step.key == OPENING and self.sides_from_vote(view)
        chosen = votes.keep_opening(view) if by_vote else {}
        view.state["sides"], view.state["moved"] = divide(view.participants, chosen)

    def leave(self, view: StepView) -> None:
        """Moving on: the opening vote is kept (and forms the sides where configured, unless
        the trainer divided already), the preparation's lists go with each side into the debate,
        the debate's count is kept for the debrief, and a step set aside becomes an open point."""
        if view.step.key == OPENING:
            chosen = votes.keep_opening(view)
            if not view.state.get("sides"):
                view.state["sides"], view.state["moved"] = divide(
                    view.participants, chosen if self.sides_from_vote(view) else {})
        elif view.step.key == PREPARE:
            view.state["prepared"] = {side: self.prepared(view, side) for side in SIDES}
        elif view.step.key == DEBATE:
            self._keep_result(view)
        view.keep_open_point(_("Set aside in the lower-house debate: %(statement)s",
                               statement=self.statement(view)))

    def _keep_result(self, view: StepView) -> None:
        view.state["result"] = self.results(view)

    def _act_move(self, view: StepView, data: dict) -> None:
        sides = view.state.get("sides")
        key = str(data.get("participant", ""))
        if not sides or key not in sides or data.get("side") not in SIDES:
            raise ActionRejected(_("Choose a participant and a side."))
        view.state["sides"] = {**sides, key: data["side"]}

    def _act_floor(self, view: StepView, data: dict) -> None:
        """Give the floor to a person in the queue, or to the first in line."""
        self._only_at(view, DEBATE)
        if view.data.get("ended"):
            raise ActionRejected(_("The debate is over."))
        now = self.hall(view)
        if now.speaker and str(now.speaker.entry) == str(data.get("entry")):
            return  # the floor had passed on to this person: now their speaking time runs
        if data.get("entry"):
            entry = next((e for e in now.queue if str(e.id) == str(data["entry"])), None)
            if entry is None:
                raise ActionRejected(_("This person is no longer standing."))
            if entry.participant_id in now.offline:
                raise ActionRejected(_("This person is offline."))
            earlier = [e.participant_id for e in now.queue[:now.queue.index(entry)]
                       if e.participant_id not in now.offline]
            if earlier:  # the first to stand gets the floor: passing over needs a reason
                if not str(data.get("reason") or "").strip():
                    raise ActionRejected(_("Someone stood up earlier. Give a reason to pass them "
                                           "over; it is logged."))
                reason = clean(data.get("reason"), limit=MAX_REASON, label=_("The reason"))
                view.data["passed_over"] = [*view.data.get("passed_over", []), {
                    "passed": earlier, "to": entry.participant_id, "reason": reason,
                    "at": self.clock()}]
        else:
            entry = next((e for e in now.queue if e.participant_id not in now.offline), None)
            if entry is None:
                raise ActionRejected(_("Everyone standing is offline.") if now.queue
                                     else _("Nobody is standing up."))
        moment = self.clock()
        give_floor(view, entry, moment, view.config["speaking_time"])
        if view.config["debate_time"] and not view.data.get("debate_until"):
            view.data["debate_until"] = moment + 60 * view.config["debate_time"]

    def _act_end_turn(self, view: StepView, data: dict) -> None:
        self._only_at(view, DEBATE)
        view.data["floor"] = None

    def _act_argument(self, view: StepView, data: dict) -> None:
        """The trainer records an argument, for instance one made aloud."""
        self._only_at(view, DEBATE)
        side = data.get("side")
        if side not in SIDES:
            raise ActionRejected(_("Choose the side of the argument."))
        text = clean(data.get("text"), limit=MAX_ARGUMENT, label=_("The argument"))
        now = self.hall(view)
        if any(a.text == text and a.side == side for a in now.arguments):
            raise ActionRejected(_("This argument is already on the list."))
        answers = self._answered(now, data.get("answers"), side)
        view.add({"kind": ARGUMENT, "side": side, "text": text, "answers": answers},
                 f"arg-{secrets.token_hex(6)}")

    def _act_remove_argument(self, view: StepView, data: dict) -> None:
        self._only_at(view, DEBATE)
        target = self.hall(view).argument(int(data["entry"])) if str(
            data.get("entry", "")).isdigit() else None
        if target is None:
            raise ActionRejected(_("This argument is no longer on the list."))
        view.remove(target.id)
        for entry in view.entries:
            if entry.payload.get("answers") == target.id:
                entry.payload = {**entry.payload, "answers": None}

    def _act_written(self, view: StepView, data: dict) -> None:
        self._only_at(view, DEBATE)
        view.data["written"] = not self.written_allowed(view)

    def _act_finish(self, view: StepView, data: dict) -> None:
        """End the debate: nobody stands or speaks any more, and the count is final."""
        self._only_at(view, DEBATE)
        view.data.update(ended=True, floor=None)
        self._keep_result(view)

    def _act_resume(self, view: StepView, data: dict) -> None:
        self._only_at(view, DEBATE)
        view.data["ended"] = False

    def _act_conclusion(self, view: StepView, data: dict) -> None:
        """A conclusion of the debrief; it goes to the team plan as a working agreement."""
        self._only_at(view, DEBRIEF)
        text = clean(data.get("text"), limit=MAX_CONCLUSION, label=_("The conclusion"))
        conclusions = view.data.get("conclusions", [])
        if any(c["text"] == text for c in conclusions):
            raise ActionRejected(_("This conclusion is already recorded."))
        in_plan = bool(data.get("plan"))
        view.data["conclusions"] = [*conclusions, {"text": text, "in_plan": in_plan}]
        if in_plan:
            view.propose_agreement(NewAgreement(text=text, owner=data.get("owner") or None,
                                                due=data.get("due") or None))

    # -- results -------------------------------------------------------------------------------
    def results(self, view: StepView) -> dict[str, Any]:
        if view.step.key in VOTES:
            return votes.count(view, closing=view.step.key == CLOSING)
        if view.step.key == PREPARE:  # how many, never what: each side's list is its own
            return {"prepared": {side: len(self.prepared(view, side)) for side in SIDES}}
        if view.step.key == DEBATE:
            now = self.hall(view)
            return {"count": now.count, "replies": now.replies, "winner": now.winner}
        return {"result": view.state.get("result"), "conclusions": view.data.get("conclusions", [])}

    def report(self, view: StepView) -> dict[str, Any]:
        statement = self.statement(view)
        if view.step.key in VOTES:
            r = self.results(view)
            rows = [[_("Now"), str(r["counts"][FOR]), str(r["counts"][AGAINST]), str(r["passes"])]]
            if "movement" in r:
                before = r["movement"]["before"]
                rows.insert(0, [_("At the start"), str(before[FOR]), str(before[AGAINST]), ""])
            return {"paragraphs": [statement], "tables": [{
                "caption": view.step.title, "rows": rows,
                "headers": ["", _("For"), _("Against"), _("Pass")]}]}
        if view.step.key == PREPARE:
            rows = [[str(SIDE_NAMES[side]), text] for side in SIDES
                    for text in self.prepared(view, side)]
            return {"paragraphs": [statement], "tables": [{
                "caption": view.step.title, "rows": rows,
                "headers": [_("Side"), _("Argument")]}]}
        if view.step.key == DEBATE:
            now = self.hall(view)
            rows = [[a.label, now.names[a.side], a.text,
                     now.argument(a.answers).label if now.argument(a.answers) else ""]
                    for a in now.arguments]
            return {"paragraphs": [statement, self.outcome(now.count, now.winner)], "tables": [{
                "caption": _("Arguments"), "rows": rows,
                "headers": [_("No."), _("Side"), _("Argument"),
                            pgettext("the argument it replies to", "Answers")]}]}
        result = view.state.get("result")
        outcome = [self.outcome(result["count"], result["winner"])] if result else []
        return {"paragraphs": [statement, *outcome,
                               *(c["text"] for c in view.data.get("conclusions", []))],
                "tables": []}

    def outcome(self, count: dict[str, int], winner: str | None) -> str:
        if winner is None:
            return ngettext("A tie: %(num)d argument on each side.",
                            "A tie: %(num)d arguments on each side.", count[FOR])
        return ngettext("%(side)s wins with %(num)d argument against %(lost)d.",
                        "%(side)s wins with %(num)d arguments against %(lost)d.", count[winner],
                        side=str(SIDE_NAMES[winner]), lost=count[AGAINST if winner == FOR else FOR])
