"""The arena conversation (arenagesprek) as a work form, on plain data.

Steps: the rings (the trainer divides the group), round 1 (the leader asks the inner ring the
scenario's questions one by one; the outer ring's phones note what strikes them, anonymously),
round 2 (the outer ring sends questions to the console; the leader puts one at a time on the
screen), optionally the same three again with the rings swapped, and the close (points for a
solution, to the team plan).
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from facilitator import (
    ANONYMOUS,
    NAMED,
    ActionRejected,
    Boolean,
    Choice,
    ConfigInvalid,
    Contribution,
    InputRejected,
    LongText,
    NewAgreement,
    Number,
    Participant,
    Problem,
    Repeat,
    Step,
    StepView,
    Text,
    WorkForm,
    _,
    _l,
    clean,
    text_items,
)

from .rings import INNER, OUTER, RINGS, draw, other, ring_of, rings_at, swapped, turn_of

THEMES = {
    "experiences": _l("Experiences with aggression and violence"),
    "impact": _l("Impact of incidents"),
    "expectations": _l("Expectations of the organisation"),
    "success_factors": _l("Success factors"),
    "improvements": _l("Points to improve"),
    "dilemmas": _l("Dilemmas"),
}
RING_NAMES = {INNER: _l("Inner ring"), OUTER: _l("Outer ring")}
MAX_QUESTION = 300
MAX_PARTY = 80
MAX_NOTE = 300
MAX_POINT = 500
POINT_KINDS = ("working_agreement", "action")
RINGS_STEP, LISTEN, ASK, CLOSE = "rings", "listen", "ask", "close"


def day(iso: str | None) -> str:
    """A due date as people write it here: 2027-01-15 becomes 15-01-2027."""
    return "-".join(reversed(iso.split("-"))) if iso else ""


def base(key: str) -> str:
    """The step's kind without its turn: "listen-2" is a "listen" step."""
    return key[:-2] if key.endswith("-2") else key


class Arena(WorkForm):
    name = "arena"
    title = _l("Arena conversation")
    description = _l("Parties meet in an inner and an outer ring: the inner ring tells, the outer "
                     "ring listens, notes and then asks; the group ends with points for a "
                     "solution for the team plan.")
    fields = [
        Text("inner_party", _l("Who sits in the inner ring"), max_length=MAX_PARTY,
             help=_l("For instance: staff with client contact.")),
        Text("outer_party", _l("Who sits in the outer ring"), max_length=MAX_PARTY,
             help=_l("For instance: managers and directors.")),
        Number("inner_size", _l("Places in the inner ring"), minimum=2, maximum=12, default=5,
               help=_l("How many people the draw puts in the inner ring; the trainer can still "
                       "move people.")),
        Repeat("questions", _l("Questions of round 1"), item_label=_l("Question"), minimum=1,
               maximum=20, fields=[
                   Choice("theme", _l("Theme"), required=True, default="experiences",
                          options=list(THEMES.items())),
                   LongText("text", _l("Question"), required=True, max_length=MAX_QUESTION,
                            rows=2),
               ]),
        Boolean("swap", _l("Swap the rings for a second conversation"),
                help=_l("After round 2 the inner and the outer ring change places and both "
                        "rounds follow again.")),
    ]

    # -- configuration ---------------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        problems: list[Problem] = []
        config = config or {}
        parties = {}
        for key in ("inner_party", "outer_party"):
            value = config.get(key) or ""
            if not isinstance(value, str) or len(value.strip()) > MAX_PARTY:
                problems.append(Problem(key, _("At most %(n)d characters.", n=MAX_PARTY)))
                value = ""
            parties[key] = value.strip()
        size = config.get("inner_size", 5)
        if isinstance(size, bool) or not isinstance(size, int) or not 2 <= size <= 12:
            problems.append(Problem("inner_size", _("Give a whole number from 2 to 12.")))
        questions = []
        for where, item, text in text_items(
                config.get("questions"), "questions", problems, limit=MAX_QUESTION,
                needs_text=_("A question needs a text."),
                at_least_one=_("Add at least one question."),
                most=20, too_many=_("At most 20 questions.")):
            theme = item.get("theme") or "experiences"
            if not isinstance(theme, str) or theme not in THEMES:
                problems.append(Problem(f"{where}.theme", _("Choose one of the themes.")))
            questions.append({"theme": theme, "text": text})
        swap = config.get("swap", False)
        if not isinstance(swap, bool):
            problems.append(Problem("swap", _("Yes or no.")))
        if problems:
            raise ConfigInvalid(problems)
        return {**parties, "inner_size": size, "questions": questions, "swap": swap}

    def plan(self, config: dict[str, Any]) -> list[Step]:
        steps = [Step(RINGS_STEP, _("Inner and outer ring"), NAMED, takes_input=False),
                 Step(LISTEN, _("Round 1: the inner ring tells"), ANONYMOUS),
                 Step(ASK, _("Round 2: the outer ring asks"), NAMED)]
        if config.get("swap"):
            steps += [Step(f"{RINGS_STEP}-2", _("The rings swap"), NAMED, takes_input=False),
                      Step(f"{LISTEN}-2", _("Round 1 after the swap: the inner ring tells"),
                           ANONYMOUS),
                      Step(f"{ASK}-2", _("Round 2 after the swap: the outer ring asks"), NAMED)]
        steps.append(Step(CLOSE, _("Points for a solution"), NAMED))
        return steps

    # -- the rings ------------------------------------------------------------------------------
    def turn(self, view: StepView) -> str:
        """The conversation the group is in; the close belongs to the last one."""
        if view.step.key == CLOSE:
            return "2" if view.config.get("swap") else "1"
        return turn_of(view.step.key)

    def ring(self, view: StepView, participant_id: int | None) -> str:
        return ring_of(view.state, self.turn(view), participant_id)

    def rings(self, view: StepView) -> dict[str, str]:
        return rings_at(view.state, self.turn(view))

    def ring_names(self) -> dict[str, str]:
        return {ring: str(name) for ring, name in RING_NAMES.items()}

    def party(self, view: StepView, ring: str) -> str:
        """Who sits in a ring, as the scenario names them; after the swap the other party."""
        first = ring if self.turn(view) == "1" else other(ring)
        return view.config.get(f"{first}_party") or ""

    def seating(self, view: StepView) -> dict[str, Any]:
        """For the templates: per ring its people (ids), how many, and the names the shared screen
        may show (only in a named session)."""
        rings = self.rings(view)
        people = {ring: [p for p in view.participants if rings.get(str(p.id), OUTER) == ring]
                  for ring in RINGS}
        return {ring: {"ids": [p.id for p in people[ring]], "count": len(people[ring]),
                       "names": [p.name for p in people[ring] if p.name]
                       if view.named_session else [],
                       "party": self.party(view, ring), "title": self.ring_names()[ring]}
                for ring in RINGS}

    def arrive(self, view: StepView) -> None:
        view.state["rings"] = {"1": {str(p.id): OUTER for p in view.participants}}

    def participant_joined(self, view: StepView, me: Participant) -> None:
        """A late joiner sits in the outer ring, in every conversation."""
        kept = dict(view.state.get("rings") or {"1": {}})
        if self.turn(view) == "2" and "2" not in kept:  # from now on turn 2 has its own division
            kept["2"] = swapped(kept.get("1") or {})
        for turn, rings in kept.items():
            if str(me.id) not in rings:
                kept[turn] = {**rings, str(me.id): OUTER}
        view.state["rings"] = kept

    def _keep_rings(self, view: StepView, rings: dict[str, str]) -> None:
        kept = dict(view.state.get("rings") or {})
        kept[self.turn(view)] = rings  # turn 2 follows turn 1, swapped, until it is changed
        view.state["rings"] = kept

    # -- input ----------------------------------------------------------------------------------
    def accept(self, view: StepView, data: dict[str, Any], me: Participant) -> Contribution:
        kind = base(view.step.key)
        if kind == LISTEN:
            if self.ring(view, me.id) == INNER:
                raise InputRejected(_("You sit in the inner ring: you tell, the outer ring "
                                      "notes."))
            text = clean(data.get("text"), limit=MAX_NOTE, multiline=True,
                         label=_l("What strikes you"))
            return Contribution({"text": text, "question": self.question_index(view)},
                                slot=secrets.token_hex(6))
        if kind == ASK:
            if self.ring(view, me.id) == INNER:
                raise InputRejected(_("You sit in the inner ring: the outer ring asks you "
                                      "questions."))
            text = clean(data.get("text"), limit=MAX_QUESTION, multiline=True,
                         label=_l("Your question"))
            return Contribution({"text": text}, slot=secrets.token_hex(6))
        if kind == CLOSE:
            text = clean(data.get("text"), limit=MAX_POINT, multiline=True,
                         label=_l("Your point for a solution"))
            return Contribution({"text": text}, slot=secrets.token_hex(6))
        raise InputRejected(_("This step takes no input."))

    def accept_pass(self, view: StepView, me: Participant) -> Contribution:
        """A pass only where this person may write: not for the inner ring in the rounds (the
        phone then offers no Pass button either)."""
        if base(view.step.key) in (LISTEN, ASK) and self.ring(view, me.id) == INNER:
            raise InputRejected(_("You sit in the inner ring: you need not answer here."))
        return Contribution({"pass": True})

    # -- round 1: the questions -----------------------------------------------------------------
    def question_index(self, view: StepView) -> int:
        index = int(view.data.get("question", 0) or 0)
        return max(0, min(index, len(view.config["questions"]) - 1))

    def question(self, view: StepView) -> dict[str, Any]:
        """The question the leader asks now, with its theme's name and its place."""
        index = self.question_index(view)
        item = view.config["questions"][index]
        return {"index": index, "number": index + 1, "of": len(view.config["questions"]),
                "text": item["text"], "theme": str(THEMES[item["theme"]])}

    def themes(self) -> dict[str, str]:
        return {key: str(name) for key, name in THEMES.items()}

    # -- round 2: the outer ring's questions ----------------------------------------------------
    def current(self, view: StepView) -> dict[str, Any] | None:
        """The question the leader put on the screen (the leader's choice, shown at once)."""
        wanted = view.data.get("current")
        entry = next((e for e in view.answers() if e.id == wanted), None)
        return {"id": entry.id, "text": entry.payload["text"]} if entry else None

    def waiting(self, view: StepView) -> list[dict[str, Any]]:
        """For the console: the outer ring's questions not yet put on the screen, oldest first."""
        return [{"id": e.id, "text": e.payload["text"]} for e in view.answers()
                if not e.payload.get("asked")]

    # -- the close: points for a solution -------------------------------------------------------
    def points(self, view: StepView) -> list[dict[str, Any]]:
        """The points the group named, as recorded by the trainer (the trainer's work: on the
        screen and the phones at once)."""
        return list(view.data.get("points", []))

    # -- the trainer ----------------------------------------------------------------------------
    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        kind = base(view.step.key)
        handler = getattr(self, f"_act_{action}", None)
        allowed = {"draw": (RINGS_STEP,), "move": (RINGS_STEP, LISTEN, ASK),
                   "swap": (RINGS_STEP,), "question": (LISTEN,), "show": (ASK,),
                   "discussed": (ASK,), "point": (CLOSE,), "adopt": (CLOSE,)}
        if handler is None or kind not in allowed.get(action, ()):
            raise ActionRejected(_("This action does not fit this step."))
        handler(view, data)

    def draw_size(self, view: StepView) -> int:
        """How many the draw puts in the inner ring: the configured places, leaving at least one
        person for the outer ring."""
        return max(1, min(view.config["inner_size"], len(view.participants) - 1))

    def _act_draw(self, view: StepView, data: dict) -> None:
        self._keep_rings(view, draw(view.participants, self.draw_size(view)))

    def _act_move(self, view: StepView, data: dict) -> None:
        key = str(data.get("participant", ""))
        if key not in {str(p.id) for p in view.participants} or data.get("ring") not in RINGS:
            raise ActionRejected(_("Choose a participant and a ring."))
        self._keep_rings(view, {**self.rings(view), key: data["ring"]})

    def _act_swap(self, view: StepView, data: dict) -> None:
        rings = self.rings(view)
        everyone = {str(p.id): rings.get(str(p.id), OUTER) for p in view.participants}
        self._keep_rings(view, swapped(everyone))

    def _act_question(self, view: StepView, data: dict) -> None:
        """To another question of round 1: "next", "previous", or a number (from 0)."""
        here = self.question_index(view)
        to = data.get("to")
        target = here + 1 if to == "next" else here - 1 if to == "previous" else \
            int(to) if str(to).isdigit() else None
        if target is None or not 0 <= target < len(view.config["questions"]):
            raise ActionRejected(_("There is no such question."))
        view.data["question"] = target

    def _act_show(self, view: StepView, data: dict) -> None:
        """Put one of the outer ring's questions on the screen; the one before counts as
        discussed."""
        entry = next((e for e in view.answers() if str(e.id) == str(data.get("entry"))), None)
        if entry is None:
            raise ActionRejected(_("That question is no longer there."))
        entry.payload = {**entry.payload, "asked": True}
        view.data["current"] = entry.id

    def _act_discussed(self, view: StepView, data: dict) -> None:
        if not view.data.get("current"):
            raise ActionRejected(_("No question is on the screen."))
        view.data["current"] = None

    def _act_point(self, view: StepView, data: dict) -> None:
        """A point for a solution the group named; it goes to the team plan."""
        text = clean(data.get("text"), limit=MAX_POINT, multiline=True,
                     label=_l("The point for a solution"))
        self._to_plan(view, data, text, "group")

    def _act_adopt(self, view: StepView, data: dict) -> None:
        """A phone's point, taken over by the group as it is."""
        entry = next((e for e in view.answers() if str(e.id) == str(data.get("entry"))), None)
        if entry is None:
            raise ActionRejected(_("That point is no longer there."))
        if entry.payload.get("adopted"):
            raise ActionRejected(_("This point is in the team plan already."))
        self._to_plan(view, data, entry.payload["text"], "phone")
        entry.payload = {**entry.payload, "adopted": True}

    def _to_plan(self, view: StepView, data: dict, text: str, source: str) -> None:
        if any(p["text"] == text for p in self.points(view)):
            raise ActionRejected(_("This point is in the team plan already."))
        owner = clean(data.get("owner"), limit=120, required=False, label=_l("Who")) or None
        outside = clean(data.get("outside_help"), limit=200, required=False,
                        label=_l("Who outside the team")) or None
        due = str(data.get("due") or "").strip() or None
        if due is not None:
            try:
                due = date.fromisoformat(due).isoformat()
            except ValueError:
                raise ActionRejected(_("Give the date as a day of the calendar.")) from None
        kind = "action" if outside else "working_agreement"
        view.propose_agreement(NewAgreement(text, kind, owner, due, outside))
        view.data["points"] = [*self.points(view), {
            "text": text, "owner": owner, "due": due, "outside_help": outside, "kind": kind,
            "source": source, "turn": self.turn(view)}]

    def console_primary(self, view: StepView) -> str | None:
        """One primary action per state: draw the rings, the next question, put the next
        question on the screen or close its dialogue, reveal what was noted, move on."""
        kind = base(view.step.key)
        if kind == RINGS_STEP:
            return "draw" if INNER not in self.rings(view).values() else "next"
        if kind == LISTEN:
            if self.question_index(view) + 1 < len(view.config["questions"]):
                return "question"
            return "reveal" if view.answers() and not view.revealed else "next"
        if kind == ASK:
            if view.data.get("current"):
                return "discussed"
            if self.waiting(view):
                return "show"
            return "reveal" if view.answers() and not view.revealed else "next"
        if kind == CLOSE:
            if not self.points(view):
                return "point"
            return "reveal" if not view.revealed else "next"
        return None

    # -- what people see ------------------------------------------------------------------------
    def phone_context(self, view: StepView, me: Participant, mine) -> dict[str, Any]:
        kind = base(view.step.key)
        context: dict[str, Any] = {"ring": self.ring(view, me.id)}
        if kind in (LISTEN, ASK, CLOSE):
            context["mine"] = [{"text": e.payload["text"], "asked": e.payload.get("asked", False),
                                "adopted": e.payload.get("adopted", False)}
                               for e in mine if "text" in e.payload]
        return context

    def visibility_note(self, view: StepView) -> str | None:
        kind = base(view.step.key)
        if kind == LISTEN:
            return _("Without a name. What strikes the outer ring shows on the screen only when "
                     "the trainer reveals it.")
        if kind == ASK:
            return _("The outer ring's questions go to the conversation leader, who puts them on "
                     "the screen one at a time.")
        return None

    def results(self, view: StepView) -> dict[str, Any]:
        kind = base(view.step.key)
        if kind == LISTEN:
            questions = view.config["questions"]
            notes = [{"text": e.payload["text"], "question": int(e.payload.get("question", 0))}
                     for e in view.answers()]
            return {"count": len(notes), "by_question": [
                {"number": i + 1, "text": q["text"],
                 "notes": [n["text"] for n in notes if n["question"] == i]}
                for i, q in enumerate(questions)]}
        if kind == ASK:
            asked = [e.payload["text"] for e in view.answers() if e.payload.get("asked")]
            return {"count": len(view.answers()), "asked": asked}
        if kind == CLOSE:
            return {"count": len(view.answers()),
                    "suggestions": [{"id": e.id, "text": e.payload["text"],
                                     "adopted": e.payload.get("adopted", False)}
                                    for e in view.answers()],
                    "points": self.points(view)}
        return {}

    # -- the report -----------------------------------------------------------------------------
    def report(self, view: StepView) -> dict[str, Any]:
        kind = base(view.step.key)
        seated = self.seating(view)
        if kind == LISTEN:
            result = self.results(view)
            rings = [_("%(ring)s: %(n)d people%(party)s", ring=seated[r]["title"],
                       n=seated[r]["count"],
                       party=f" ({seated[r]['party']})" if seated[r]["party"] else "")
                     for r in RINGS]
            return {"paragraphs": ["; ".join(rings) + "."], "tables": [
                {"caption": _("Questions to the inner ring"),
                 "headers": [_("No."), _("Theme"), _("Question")],
                 "rows": [[str(i + 1), str(THEMES[q["theme"]]), q["text"]]
                          for i, q in enumerate(view.config["questions"])]},
                {"caption": _("What struck the outer ring"),
                 "headers": [_("Question"), _("What struck"), ],
                 "rows": [[str(q["number"]), note] for q in result["by_question"]
                          for note in q["notes"]]}]}
        if kind == ASK:
            result = self.results(view)
            return {"paragraphs": [_("Questions of the outer ring put on the screen: %(asked)d "
                                     "of %(count)d.", asked=len(result["asked"]),
                                     count=result["count"])],
                    "tables": [{"caption": _("Questions of the outer ring in the dialogue"),
                                "headers": [_("Question")],
                                "rows": [[text] for text in result["asked"]]}]}
        if kind == CLOSE:
            sources = {"group": _("named in the group"), "phone": _("sent from a phone")}
            rows = [[p["text"], p.get("owner") or "", day(p.get("due")),
                     p.get("outside_help") or "", str(sources[p["source"]])]
                    for p in self.points(view)]
            left = [s["text"] for s in self.results(view)["suggestions"] if not s["adopted"]]
            tables = [{"caption": _("Points for a solution, in the team plan"),
                       "headers": [_("Point"), _("Who"), _("When"), _("Who outside the team"),
                                   _("Source")], "rows": rows}]
            if left:
                tables.append({"caption": _("Points sent from phones, not taken up"),
                               "headers": [_("Point")], "rows": [[t] for t in left]})
            return {"paragraphs": [], "tables": tables}
        return {"paragraphs": [], "tables": []}

    def leave(self, view: StepView) -> None:
        view.keep_open_point(_("Set aside in the arena conversation: %(step)s",
                               step=view.step.title))
