"""One questionnaire engine: statements grouped by aspect, each aspect one kind of question.

A leerdoelwijzer uses altijd / vaak / soms / nooit; the development matrix uses its six levels; a
0/1-measurement mixes statements, how often, yes/no and an open question.
All of a participant's answers are one anonymous entry (one per person, so the minimum group
counts people), changed aspect by aspect until the trainer closes the step.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from facilitator import (
    ANONYMOUS,
    NAMED,
    TRAINER_ONLY,
    ActionRejected,
    Boolean,
    Choice,
    ConfigInvalid,
    Contribution,
    Group,
    InputRejected,
    LongText,
    NewAgreement,
    Number,
    Problem,
    Repeat,
    Step,
    StepView,
    Text,
    TextList,
    WorkForm,
    _,
    _l,
    clean,
    earlier_sessions,
)

from .measurement import baseline, compare

LEERDOELWIJZER = "leerdoelwijzer"
MATRIX = "matrix"
SCALES = {
    LEERDOELWIJZER: ["altijd", "vaak", "soms", "nooit"],
    MATRIX: ["bewust van", "ik weet hoe het zit", "ik weet hoe het moet",
             "ik ben ervaren in het doen", "ik heb meesterschap", "ik kan het anderen leren"],
}
ATTENTION = {LEERDOELWIJZER: ["soms", "nooit"], MATRIX: ["bewust van", "ik weet hoe het zit"]}
# The kinds of question an aspect can hold: the questionnaire's own scale, a frequency, yes/no,
# or open questions (free text, anonymous). Each has its own answer options unless given.
SCALE, FREQUENCY, YES_NO, OPEN = "scale", "frequency", "yesno", "open"
QUESTION_OPTIONS = {FREQUENCY: ["nooit", "1 keer", "2 tot 5 keer", "vaker dan 5 keer"],
                    YES_NO: ["ja", "nee"], OPEN: []}
MAX_OPEN = 1000
MAX_GOAL = 2000
MAX_TEXT = 300
MAX_ASPECTS = 20
MAX_STATEMENTS = 40


def key(aspect: int, statement: int) -> str:
    """The stable name of a statement: aspect and statement, numbered from 0."""
    return f"{aspect}.{statement}"


class Questionnaire(WorkForm):
    name = "questionnaire"
    title = _l("Learning-goal questionnaire")
    description = _l("Everyone answers statements grouped by competence aspect, anonymously on "
                     "their phone; the team result shows where the team wants to learn, and each "
                     "phone keeps its own profile for a personal learning goal.")
    fields = [
        Choice("kind", _l("Kind"), required=True, default=LEERDOELWIJZER, options=[
            (LEERDOELWIJZER, _l("Leerdoelwijzer (always / often / sometimes / never)")),
            (MATRIX, _l("Development matrix (six levels, heat map)"))]),
        LongText("intro", _l("Introduction on the phone"), max_length=600, rows=2),
        TextList("scale", _l("Answer options"), item_label=_l("Option"), max_length=60,
                 help=_l("In order. Leave empty for the kind's own scale."), maximum=8),
        TextList("attention", _l("Options that point to a learning goal"), item_label=_l("Option"),
                 max_length=60, maximum=8,
                 help=_l("Answers counted towards a candidate team learning goal, e.g. "
                         "'soms' and 'nooit'.")),
        Number("threshold", _l("Threshold for a candidate team learning goal (percent)"),
               minimum=1, maximum=100, default=50,
               help=_l("A statement becomes a candidate when at least this share of the answers "
                       "is one of the options above.")),
        Boolean("offers", _l("Ask who can teach a topic to others (development matrix)"),
                default=True, help=_l("After the matrix, participants may choose to be named as "
                                      "someone who can teach a topic; the team plan lists them.")),
        Group("measurement", _l("0/1-measurement"), fields=[
            Text("id", _l("Measurement id"), max_length=60, help=_l(
                "The same id in the 0- and the 1-measurement of a team links them; leave empty "
                "for no measurement.")),
            Choice("phase", _l("Measurement"), default="0", options=[
                ("0", _l("0-measurement (before)")), ("1", _l("1-measurement (after)"))]),
            Number("minimum", _l("Compare only above this many respondents"), minimum=1,
                   maximum=1000, default=15, help=_l(
                       "Both measurements need more respondents than this (source 004: 15).")),
        ]),
        Repeat("aspects", _l("Competence aspects"), item_label=_l("Aspect"), minimum=1,
               maximum=MAX_ASPECTS, fields=[
                   Text("title", _l("Aspect"), required=True, max_length=MAX_TEXT),
                   Choice("type", _l("Kind of question"), default=SCALE, options=[
                       (SCALE, _l("Statements on the answer options above")),
                       (FREQUENCY, _l("How often (never / once / 2 to 5 times / more often)")),
                       (YES_NO, _l("Yes or no")),
                       (OPEN, _l("Open question (free text, anonymous)"))]),
                   TextList("options", _l("Own answer options of this aspect"),
                            item_label=_l("Option"), max_length=60, maximum=8,
                            help=_l("Leave empty for the options of its kind; not for an open "
                                    "question.")),
                   TextList("statements", _l("Statements of this aspect"), item_label=_l("Item"),
                            max_length=MAX_TEXT, minimum=1, maximum=MAX_STATEMENTS),
               ]),
    ]

    # -- configuration ---------------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        problems: list[Problem] = []
        kind = config.get("kind") or LEERDOELWIJZER
        if kind not in SCALES:
            problems.append(Problem("kind", _("Choose a leerdoelwijzer or a development matrix.")))
            kind = LEERDOELWIJZER
        scale = _texts(config.get("scale"), "scale", problems) or list(SCALES[kind])
        if len(scale) < 2 or len(set(scale)) != len(scale):
            problems.append(Problem("scale", _("Give at least two different answer options.")))
        attention = _texts(config.get("attention"), "attention", problems)
        if config.get("attention") in (None, []):
            attention = [a for a in ATTENTION[kind] if a in scale]
        threshold = config.get("threshold", 50)
        if isinstance(threshold, bool) or not isinstance(threshold, int) or not 1 <= threshold <= 100:
            problems.append(Problem("threshold", _("A whole percentage from 1 to 100.")))
        intro = config.get("intro") or ""
        if not isinstance(intro, str) or len(intro) > 600:
            problems.append(Problem("intro", _("At most %(n)d characters.", n=600)))
        aspects = config.get("aspects")
        cleaned = []
        if not isinstance(aspects, list) or not aspects:
            problems.append(Problem("aspects", _("Add at least one aspect with statements.")))
            aspects = []
        if len(aspects) > MAX_ASPECTS:
            problems.append(Problem("aspects", _("At most %(n)d aspects.", n=MAX_ASPECTS)))
        for index, aspect in enumerate(aspects):
            where = f"aspects[{index}]"
            if not isinstance(aspect, dict):
                problems.append(Problem(where, _("An aspect needs a title and statements.")))
                continue
            title = aspect.get("title")
            if not isinstance(title, str) or not title.strip() or len(title) > MAX_TEXT:
                problems.append(Problem(f"{where}.title", _("An aspect needs a title.")))
                title = ""
            statements = _texts(aspect.get("statements"), f"{where}.statements", problems)
            if not statements:
                problems.append(Problem(f"{where}.statements", _("Add at least one item.")))
            if len(statements) > MAX_STATEMENTS:
                problems.append(Problem(f"{where}.statements", _(
                    "At most %(n)d statements.", n=MAX_STATEMENTS)))
            kind_of = aspect.get("type") or SCALE
            if kind_of not in (SCALE, *QUESTION_OPTIONS):
                problems.append(Problem(f"{where}.type", _(
                    "Choose statements, how often, yes or no, or an open question.")))
                kind_of = SCALE
            options = _texts(aspect.get("options"), f"{where}.options", problems)
            if kind_of == OPEN and options:
                problems.append(Problem(f"{where}.options", _(
                    "An open question has no answer options.")))
            if kind_of != OPEN and options and (
                    len(options) < 2 or len(set(options)) != len(options)):
                problems.append(Problem(f"{where}.options", _(
                    "Give at least two different answer options.")))
            cleaned.append({"title": title.strip(), "type": kind_of,
                            "options": options if kind_of != OPEN else [],
                            "statements": statements})
        every = set(scale) | {o for aspect in cleaned for o in choices(scale, aspect)}
        for index, option in enumerate(attention):
            if option not in every:
                problems.append(Problem(f"attention[{index}]", _(
                    "'%(option)s' is not one of the answer options.", option=option)))
        measurement = config.get("measurement") or {}
        if not isinstance(measurement, dict):
            problems.append(Problem("measurement", _("Give an id, a phase and a minimum.")))
            measurement = {}
        mid = str(measurement.get("id") or "").strip()
        phase = str(measurement.get("phase") if measurement.get("phase") is not None else "0")
        minimum = measurement.get("minimum", 15)
        if len(mid) > 60:
            problems.append(Problem("measurement.id", _("At most %(n)d characters.", n=60)))
        if phase not in ("0", "1"):
            problems.append(Problem("measurement.phase", _("The measurement is 0 or 1.")))
        if isinstance(minimum, bool) or not isinstance(minimum, int) or not 1 <= minimum <= 1000:
            problems.append(Problem("measurement.minimum", _("A whole number from 1 to 1000.")))
        offers = config.get("offers", True)
        if not isinstance(offers, bool):
            problems.append(Problem("offers", _("Yes or no.")))
        if problems:
            raise ConfigInvalid(problems)
        return {"kind": kind, "intro": intro.strip(), "scale": scale, "attention": attention,
                "threshold": threshold, "offers": offers,
                "measurement": {"id": mid, "phase": phase, "minimum": minimum}, "aspects": cleaned}

    def plan(self, config: dict[str, Any]) -> list[Step]:
        steps = [Step(key="answers", title=_l("Questionnaire"), visibility=ANONYMOUS)]
        if config["kind"] == MATRIX and config.get("offers", True):
            steps.append(Step(key="offer", title=_l("Who can teach it to others?"),
                              visibility=NAMED))
        if not (config.get("measurement") or {}).get("id"):  # a measurement asks no own goal
            steps.append(Step(key="goal", title=_l("Personal learning goal"),
                              visibility=TRAINER_ONLY))
        return steps

    # -- the 1-measurement finds its 0-measurement ----------------------------------------------
    def arrive(self, view: StepView) -> None:
        measurement = view.config.get("measurement") or {}
        if measurement.get("id") and measurement.get("phase") == "1":
            # the team's latest 0-measurement with this id: anonymous counts only
            view.state["baseline"] = self.load_baseline(view)

    def load_baseline(self, view: StepView) -> dict[str, Any] | None:
        """The only place that reads earlier sessions (tests on plain data replace it)."""
        return baseline(earlier_sessions(view.activity_id), view.config["measurement"]["id"])

    # -- a participant's answers -------------------------------------------------------------------
    def accept(self, view: StepView, data: dict[str, Any], me) -> Contribution:
        """Takes the answers of one aspect (fields ``q-<aspect>-<statement>``) and where to go
        next (``at``), merged into the participant's earlier answers; an empty choice leaves a
        statement unanswered (nobody is forced to answer)."""
        if view.step.key == "offer":
            return self._offer(view, data)
        if view.step.key == "goal":
            return self._shared_goal(view, data)
        config = view.config
        aspects = config["aspects"]
        earlier = _own(view.entries)
        answers = dict(earlier.get("answers", {}))
        aspect = data.get("aspect")
        if aspect is not None:
            try:
                aspect = int(aspect)
            except (TypeError, ValueError):
                raise InputRejected(_("This part of the questionnaire does not exist.")) from None
            if not 0 <= aspect < len(aspects):
                raise InputRejected(_("This part of the questionnaire does not exist."))
            options = choices(config["scale"], aspects[aspect])
            for index in range(len(aspects[aspect]["statements"])):
                value = data.get(f"q-{aspect}-{index}")
                if aspects[aspect]["type"] == OPEN:
                    if value is not None and not isinstance(value, str):
                        raise InputRejected(_("Give your answer as text."))
                    text = (value or "").strip()
                    if len(text) > MAX_OPEN:
                        raise InputRejected(_("At most %(n)d characters.", n=MAX_OPEN))
                    if text:
                        answers[key(aspect, index)] = text
                    elif value is not None:
                        answers.pop(key(aspect, index), None)  # emptied: no answer
                    continue
                if value in (None, ""):
                    continue
                if value not in options:
                    raise InputRejected(_("Choose one of the answer options."))
                answers[key(aspect, index)] = value
        try:
            at = int(data.get("at", earlier.get("at", 0)))
        except (TypeError, ValueError):
            raise InputRejected(_("This part of the questionnaire does not exist.")) from None
        if not 0 <= at <= len(aspects):
            raise InputRejected(_("This part of the questionnaire does not exist."))
        return Contribution({"answers": answers, "at": at})

    def _offer(self, view: StepView, data: dict[str, Any]) -> Contribution:
        """An opt-in offer: the participant's own name and the topics they can teach."""
        name = clean(data.get("name"), limit=80, label=_l("Your name"))
        topics = data.get("topic") or []
        if isinstance(topics, str):
            topics = [topics]
        if not isinstance(topics, list) or not topics:
            raise InputRejected(_("Choose at least one topic."))
        for k in topics:
            if not isinstance(k, str) or self.statement(view.config, k) is None:
                raise InputRejected(_("This statement does not exist."))
        return Contribution({"name": name, "topics": sorted(set(topics), key=_order)})

    def _shared_goal(self, view: StepView, data: dict[str, Any]) -> Contribution:
        """A personal learning goal the participant chose to share with the trainer: only with
        an explicit yes; a name only if they give one (or the session is named)."""
        if data.get("share") != "yes":
            raise InputRejected(_("Tick that you want to share your learning goal with the "
                                  "trainer; otherwise it stays on your phone."))
        goal = clean(data.get("goal"), limit=MAX_GOAL, label=_l("Your personal learning goal"))
        name = str(data.get("name") or "").strip()[:80]
        return Contribution({"goal": goal, "name": name})

    def visibility_note(self, view: StepView) -> str | None:
        if view.step.key == "goal":
            return _("What you write here stays on your phone, unless you choose to share it "
                     "with the trainer.")
        if view.step.key == "offer":
            return _("With your name, if you offer: the trainer and the team plan see it; the "
                     "shared screen only in a named session.")
        return None

    def offers_pass(self, view, me) -> bool:
        return False  # a statement may be left empty, an offer withdrawn; nothing to pass

    def phone_context(self, view: StepView, me, mine) -> dict[str, Any]:
        if view.step.key == "goal":
            answers = _own(view.mine_at("answers")).get("answers", {})
            return {"shared": _own(mine), "answered": len(answers),
                    "profile": self.profile(view.config, answers)}
        if view.step.key == "offer":
            own = _own(mine)
            earlier = _own([e for e in view.mine_at("answers")]).get("answers", {})
            top = view.config["scale"][-1]
            return {"offer": own, "suggested": [k for k, v in earlier.items() if v == top]}
        own = _own(mine)
        answers = own.get("answers", {})
        aspects = view.config["aspects"]
        at = own.get("at", 0) if view.status == "open" else len(aspects)
        return {"at": at, "answers": answers, "total": len(aspects),
                "options": [choices(view.config["scale"], aspect) for aspect in aspects],
                "answered": len(answers), "statements": _count(aspects),
                "profile": self.profile(view.config, answers)}

    def profile(self, config: dict[str, Any], answers: dict[str, str]) -> list[dict[str, Any]]:
        """One participant's own answers per aspect, with the statements that point to a
        learning goal: computed for that person's phone only, never stored apart."""
        attention = set(config["attention"])
        out = []
        for a, aspect in enumerate(config["aspects"]):
            rows = [{"text": text, "answer": answers.get(key(a, s))}
                    for s, text in enumerate(aspect["statements"])]
            marked = [] if aspect.get("type") == OPEN else [
                r["text"] for r in rows if r["answer"] in attention]
            out.append({"title": aspect["title"], "rows": rows, "open": aspect.get("type") == OPEN,
                        "attention": marked})
        return out

    def personal_document(self, view: StepView, me, mine, data: dict[str, Any]):
        """The participant's own profile and personal learning goal as a document for their
        manager, made on request and not kept: from this phone's own answers and the goal it
        sends along."""
        if view.step.key not in ("answers", "goal"):
            return None
        goal = str(data.get("goal") or "").strip()[:MAX_GOAL]
        source = view.mine_at("answers") if view.step.key == "goal" else mine
        answers = _own(source).get("answers", {})
        sections = [{"title": _("Personal learning goal"),
                     "paragraphs": [goal or _("(not filled in)")], "tables": []}]
        attention = set(view.config["attention"])
        for aspect, config_aspect in zip(self.profile(view.config, answers),
                                         view.config["aspects"], strict=True):
            rows = [[row["text"], row["answer"] or _("not answered"),
                     _("point of attention") if not aspect["open"] and row["answer"] in attention
                     else ""] for row in aspect["rows"]]
            sections.append({"title": aspect["title"], "paragraphs": [], "tables": [
                {"caption": "", "headers": [_("Question") if config_aspect.get("type") == OPEN
                                            else _("Topic") if view.config["kind"] == MATRIX
                                            else _("Item"), _("My answer"),
                                            _("Points of attention")],
                 "rows": rows}]})
        title = _("My learning goal: %(title)s", title=view.activity_title
                  or str(self.title))
        return {"title": title, "filename": _("my-learning-goal"), "paragraphs": [_(
            "Your own answers and personal learning goal, to discuss with your manager. Made "
            "on your phone's request; the server does not keep this document.")],
                "sections": sections}

    def console_primary(self, view: StepView) -> str | None:
        """One primary action in every state: close when answers are in, reveal once closed,
        pick a team learning goal from the candidates, then next; nothing while the group has
        not started answering."""
        if view.step.key == "goal":
            return "next"
        if not view.answers():
            return "" if view.open else "next"
        if view.open and view.step.key == "answers":
            return "close"
        if not view.revealed:
            return "reveal"
        if (view.step.key == "answers" and not view.state.get("goals")
                and not (view.config.get("measurement") or {}).get("id")
                and self.results(view)["candidates"]):
            return "goal"
        return "next"

    # -- the team's result ---------------------------------------------------------------------------
    def results(self, view: StepView) -> dict[str, Any]:
        if view.step.key == "offer":
            return {"offers": self.offers(view.config, [e.payload for e in view.answers()])}
        if view.step.key == "goal":  # trainer only: the goals shared with the trainer
            return {"shared": [{"goal": e.payload.get("goal", ""),
                                "name": e.name or e.payload.get("name", "")}
                               for e in view.answers()]}
        config = view.config
        scale, attention = config["scale"], set(config["attention"])
        people = [e.payload.get("answers", {}) for e in view.answers()]
        respondents = sum(1 for answers in people if answers)
        aspects = []
        candidates = []
        for a, aspect in enumerate(config["aspects"]):
            options = choices(scale, aspect)
            rows = []
            for s, text in enumerate(aspect["statements"]):
                k = key(a, s)
                if aspect.get("type") == OPEN:  # the texts, without names, in a fixed order
                    said = sorted(answers[k] for answers in people if answers.get(k))
                    rows.append({"key": k, "text": text, "open": said, "answered": len(said)})
                    continue
                counts = {option: 0 for option in options}
                for answers in people:
                    if answers.get(k) in counts:
                        counts[answers[k]] += 1
                answered = sum(counts.values())
                share = round(100 * sum(counts[o] for o in attention if o in counts) / answered) \
                    if answered else 0
                candidate = answered > 0 and share >= config["threshold"]
                row = {"key": k, "text": text, "counts": [counts[o] for o in options],
                       "widths": [_width(counts[o], answered) for o in options],
                       "answered": answered, "attention": share, "candidate": candidate}
                rows.append(row)
                if candidate:
                    candidates.append({"key": k, "text": text, "aspect": aspect["title"],
                                       "attention": share})
            aspects.append({"title": aspect["title"], "type": aspect.get("type") or SCALE,
                            "options": options, "rows": rows})
        found = {"scale": scale, "attention": config["attention"],
                 "threshold": config["threshold"], "respondents": respondents,
                 "aspects": aspects, "candidates": candidates,
                 "chosen": list(view.state.get("goals", {}))}
        measurement = config.get("measurement") or {}
        if measurement.get("id") and measurement.get("phase") == "1":
            zero = view.state.get("baseline")
            found["comparison"] = {"baseline": None} if not zero else {
                **compare(zero, self._tally(config, found)),
                "baseline": {"session": zero.get("session"), "held_on": zero.get("held_on")}}
        return found

    def offers(self, config: dict[str, Any], payloads) -> list[dict[str, Any]]:
        """Per topic, in the matrix's order, who offered to teach it."""
        by_topic: dict[str, list[str]] = {}
        for payload in payloads:
            for k in payload.get("topics", []):
                by_topic.setdefault(k, []).append(payload.get("name", ""))
        return [{"key": k, "topic": self.statement(config, k), "names": sorted(names)}
                for k, names in sorted(by_topic.items(), key=lambda item: _order(item[0]))
                if self.statement(config, k) is not None]

    def leave(self, view: StepView) -> None:
        if view.step.key == "offer":  # kept for the team plan (extra_team_plan_sections)
            view.state["offers"] = self.offers(view.config, [e.payload for e in view.answers()])
        elif (view.config.get("measurement") or {}).get("id"):
            # the anonymous tally of a 0/1-measurement, for the comparison in the team plan
            view.state["tally"] = self.tally(view)

    def tally(self, view: StepView) -> dict[str, Any]:
        """The anonymous counts of a 0/1-measurement per question (open answers left out): what
        is kept for the comparison with the other measurement."""
        return self._tally(view.config, self.results(view))

    def _tally(self, config: dict[str, Any], r: dict[str, Any]) -> dict[str, Any]:
        rows = [row for a in r["aspects"] for row in a["rows"] if "counts" in row]
        return {"measurement": config["measurement"], "respondents": r["respondents"],
                "scale": r["scale"], "rows": [[row["key"], row["text"], row["counts"]]
                                              for row in rows],
                "options": {row["key"]: a["options"] for a in r["aspects"] for row in a["rows"]
                            if "counts" in row}}

    def report(self, view: StepView) -> dict[str, Any]:
        if view.step.key == "offer":
            rows = [[o["topic"], ", ".join(o["names"])] for o in self.results(view)["offers"]]
            return {"paragraphs": [], "tables": [{"caption": _("Who can teach it to others?"),
                                                  "headers": [_("Topic"), _("Offered by")],
                                                  "rows": rows}]}
        r = self.results(view)
        tables = []
        for aspect in r["aspects"]:
            if aspect["type"] == OPEN:  # every answer as said, without names
                tables.append({"caption": aspect["title"], "headers": [_("Question"), _("Answer")],
                               "rows": [[row["text"], said] for row in aspect["rows"]
                                        for said in row["open"] or ["-"]]})
                continue
            tables.append({"caption": aspect["title"],
                           "headers": [_("Item"), *aspect["options"], _("Attention (%)")],
                           "rows": [[row["text"], *map(str, row["counts"]), f"{row['attention']}%"]
                                    for row in aspect["rows"]]})
        goals = view.state.get("goals", {})
        paragraphs = [_("Respondents: %(n)d.", n=r["respondents"])]
        if goals:
            paragraphs.append(_("Team learning goals: %(goals)s",
                                goals="; ".join(g["text"] for g in goals.values())))
        if view.notes:
            paragraphs.append(view.notes)
        return {"paragraphs": paragraphs, "tables": tables}

    # -- the trainer picks team learning goals ---------------------------------------------------------
    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        if action != "goal":
            raise ActionRejected(_("Unknown action."))
        k = str(data.get("key") or "")
        text = self.statement(view.config, k)
        if text is None:
            raise ActionRejected(_("This statement does not exist."))
        goals = view.state.setdefault("goals", {})
        if k in goals:
            raise ActionRejected(_("This is already a team learning goal."))
        owner = str(data.get("owner") or "").strip()[:120] or None
        due = str(data.get("due") or "").strip() or None
        if due is not None:
            try:
                due = date.fromisoformat(due).isoformat()
            except ValueError:
                raise ActionRejected(_("Give the date as a date, e.g. 2027-03-01.")) from None
        goal = _("Team learning goal: %(text)s", text=text)
        view.propose_agreement(NewAgreement(goal, "learning_goal", owner, due))
        goals[k] = {"text": text, "owner": owner, "due": due}

    def statement(self, config: dict[str, Any], k: str) -> str | None:
        try:
            a, s = (int(part) for part in k.split("."))
            if a < 0 or s < 0:
                return None
            return config["aspects"][a]["statements"][s]
        except (ValueError, IndexError):
            return None

    def chosen(self, view: StepView) -> dict[str, Any]:
        """The team learning goals the group picked (the trainer's work, not a tally)."""
        return view.state.get("goals", {})

    def levels(self, config: dict[str, Any]) -> list[str]:
        return config["scale"]


def choices(scale: list[str], aspect: dict[str, Any]) -> list[str]:
    """The answer options of an aspect's questions: its own, else those of its kind of question
    (the questionnaire's scale for statements); none for an open question."""
    kind = aspect.get("type") or SCALE
    if kind == OPEN:
        return []
    return list(aspect.get("options") or QUESTION_OPTIONS.get(kind) or scale)


def _order(k: str) -> tuple[int, ...]:
    return tuple(int(part) for part in k.split("."))


def _own(entries) -> dict[str, Any]:
    for entry in entries:
        if entry.mine and not entry.passed:
            return entry.payload
    return {}


def _count(aspects) -> int:
    return sum(len(a["statements"]) for a in aspects)


def _width(count: int, total: int) -> str:
    return f"w{5 * round(20 * count / total)}" if total else "w0"


def _texts(value, where: str, problems: list[Problem]) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        problems.append(Problem(where, _("Give a list of texts.")))
        return []
    out = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(f"{where}[{index}]", _("Give a text.")))
        elif len(item) > MAX_TEXT:
            problems.append(Problem(f"{where}[{index}]", _("At most %(n)d characters.", n=MAX_TEXT)))
        else:
            out.append(item.strip())
    return out
