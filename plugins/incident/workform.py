"""The structured incident evaluation (gestructureerde incidentevaluatie), on plain data.

Five steps: describe the incident on its timeline, collect causes (direct or indirect), classify
them into the four factor groups, decide on actions and the chance of repetition, summarise.
No blame: every step asks what the team can learn, never who should have acted differently.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from facilitator import (
    ActionRejected,
    Choice,
    ConfigInvalid,
    Contribution,
    InputRejected,
    NewAgreement,
    Problem,
    Step,
    StepView,
    WorkForm,
    _,
    _l,
    clean,
)

from . import cases, causes, report
from .cases import FIELDS, all_names, incident_from_form, masked_names, validate_cases
from .factors import (
    AUDIENCES,
    CHANCES,
    DEFAULT_AUDIENCE,
    GROUPS,
    KINDS,
    OTHER,
    PHASES,
    choices,
    classification,
    label,
)

STEPS = ("incident", "causes", "classify", "actions", "summary")
MAX_TEXT = 300
MAX_PER_PERSON = 12
MAX_OTHER = 80


def _set_incident(view: StepView, incident: dict[str, Any]) -> None:
    if view.state.get("causes"):
        raise ActionRejected(_("The causes of this incident have been collected already."))
    view.state["incident"] = incident


def _own_text(view: StepView, data: dict[str, Any], prefix: str, what: str,
              **payload) -> Contribution:
    """An observation or a cause: the same text from the same person stays one input."""
    text = clean(data.get("text"), limit=MAX_TEXT, multiline=True, label=what)
    slot = causes.slot_for(prefix, text)
    mine = {e.slot for e in view.answers() if e.mine}
    if slot not in mine and len(mine) >= MAX_PER_PERSON:
        raise InputRejected(_("You have sent %(n)d already: withdraw one to add another.",
                              n=MAX_PER_PERSON))
    return Contribution({**payload, "text": text}, slot=slot)


class IncidentEvaluation(WorkForm):
    name = "incident"
    title = _l("Structured incident evaluation")
    description = _l("Evaluate an incident as a team: its phases, the direct and indirect causes, "
                     "the factors behind them and the actions that follow. What can we learn?")
    phases, kinds, groups, chances = PHASES, KINDS, GROUPS, CHANCES  # for the templates
    fields = [*FIELDS, Choice("audience", _l("Who takes part in the evaluation"), multiple=True,
                              default=DEFAULT_AUDIENCE, options=list(AUDIENCES.items()))]
    all_names = staticmethod(all_names)

    # -- configuration ---------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        cases, problems = validate_cases(config or {})
        audience = (config or {}).get("audience", DEFAULT_AUDIENCE)
        if isinstance(audience, str):
            audience = [audience]
        if not isinstance(audience, list) or not audience or \
                any(who not in AUDIENCES for who in audience):
            problems.append(Problem("audience", _(
                "The audience is one or more of: %(choices)s.", choices=", ".join(AUDIENCES))))
        if problems:
            raise ConfigInvalid(problems)
        return {"cases": cases, "audience": [who for who in AUDIENCES if who in audience]}

    def audience(self, config: dict[str, Any]) -> list[str]:
        """Who takes part, as the framing names them."""
        return [AUDIENCES[who] for who in config.get("audience", DEFAULT_AUDIENCE)]

    def plan(self, config: dict[str, Any]) -> list[Step]:
        titles = [_("The incident: what happened?"), _("Causes: what contributed?"),
                  _("Factors: where do the causes belong?"),
                  _("Actions and the chance of repetition"), _("Summary: what do we learn?")]
        return [Step(key=key, title=title, takes_input=key != "summary")
                for key, title in zip(STEPS, titles, strict=True)]

    def arrive(self, view: StepView) -> None:
        if view.config.get("cases"):
            view.state["incident"] = view.config["cases"][0]

    def leave(self, view: StepView) -> None:
        if view.step.key == "incident":
            causes.carry_observations(view)
        elif view.step.key == "causes":
            causes.carry_over(view)
        elif view.step.key == "classify":
            causes.settle_agreed(view)
        incident = view.state.get("incident") or {}
        view.keep_open_point(_("Set aside in the incident evaluation (%(step)s): %(incident)s",
                               step=view.step.title, incident=incident.get("title", "")))

    # -- participants ------------------------------------------------------------------------
    def accept(self, view: StepView, data: dict[str, Any], me) -> Contribution:
        if not view.state.get("incident"):
            raise InputRejected(_("The trainer has not described the incident yet."))
        take = {"incident": self._observation, "causes": self._cause,
                "classify": self._proposal, "actions": self._estimate}[view.step.key]
        return take(view, data)

    @staticmethod
    def _observation(view, data) -> Contribution:
        if data.get("phase") not in PHASES:
            raise InputRejected(_("Choose the phase your observation is about."))
        return _own_text(view, data, "o", _("Your observation"), phase=data["phase"])

    @staticmethod
    def _cause(view, data) -> Contribution:
        if data.get("kind") not in KINDS:
            raise InputRejected(_("Mark the cause as direct or indirect."))
        return _own_text(view, data, "c", _("The cause"), kind=data["kind"],
                         phase=_phase(data, InputRejected))

    @staticmethod
    def _proposal(view, data) -> Contribution:
        try:
            cause = causes.find(view, data.get("cause"))
        except ActionRejected as missing:
            raise InputRejected(missing.message) from None
        if cause.get("settled") == "trainer":
            raise InputRejected(_("The trainer has already placed this cause."))
        pair = classification(data.get("factor"))
        if pair is None:
            raise InputRejected(_("Choose one of the four factor groups and one of its sub-factors."))
        other = _other(pair, data)
        return Contribution({"cause": cause["key"], "group": pair[0], "factor": pair[1],
                             **({"other": other} if other else {})}, slot=cause["key"])

    @staticmethod
    def _estimate(view, data) -> Contribution:
        if data.get("chance") not in CHANCES:
            raise InputRejected(_("Choose low, medium or high."))
        reason = clean(data.get("reason"), limit=MAX_TEXT, required=False, multiline=True,
                       label=_("Your reason"))
        return Contribution({"chance": data["chance"], "reason": reason}, slot="chance")

    def phone_context(self, view, me, mine) -> dict[str, Any]:
        own = [e for e in mine if not e.passed]
        if view.step.key == "classify":
            return {"causes": causes.described(view, self.names(view)),
                    "proposed": {e.slot: f"{e.payload['group']}.{e.payload['factor']}"
                                 for e in own},
                    "labels": choices()}
        if view.step.key == "actions":
            return {"estimate": own[0].payload if own else None}
        return {}

    # -- trainer -------------------------------------------------------------------------------
    ACTIONS = {
        "choose_case": ("incident",), "describe": ("incident",),
        "hide_item": STEPS, "show_item": STEPS, "add_cause": ("causes",),
        "classify": ("classify",), "no_action": ("actions",), "add_action": ("actions",),
        "repetition": ("actions",),
    }

    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        if action not in self.ACTIONS:
            raise ActionRejected(_("Unknown action: %(action)s", action=action))
        if view.step.key not in self.ACTIONS[action]:
            raise ActionRejected(_("That cannot be done at this step."))
        getattr(self, f"_{action}")(view, data)

    @staticmethod
    def _choose_case(view, data) -> None:
        cases = view.config.get("cases", [])
        index = data.get("case")
        if not str(index).isdigit() or int(index) >= len(cases):
            raise ActionRejected(_("That case does not exist."))
        _set_incident(view, cases[int(index)])

    @staticmethod
    def _describe(view, data) -> None:
        _set_incident(view, incident_from_form(data))

    @staticmethod
    def _hide_item(view, data) -> None:
        known = {causes.key_of(e) for e in view.answers()} | {
            c["key"] for c in view.state.get("causes", [])}
        if data.get("item") not in known:
            raise ActionRejected(_("That is not (or no longer) in this evaluation."))
        view.state["hidden"] = sorted(set(view.state.get("hidden", [])) | {data["item"]})

    @staticmethod
    def _show_item(view, data) -> None:
        view.state["hidden"] = sorted(set(view.state.get("hidden", [])) - {str(data.get("item"))})

    @staticmethod
    def _add_cause(view, data) -> None:
        if data.get("kind") not in KINDS:
            raise ActionRejected(_("Mark the cause as direct or indirect."))
        text = clean(data.get("text"), limit=MAX_TEXT, multiline=True, label=_("The cause"))
        slot = causes.slot_for("c", text)
        if not any(e.author == "trainer" and e.slot == slot for e in view.entries):
            view.add({"kind": data["kind"], "text": text,
                      "phase": _phase(data, ActionRejected)}, slot=slot)

    @staticmethod
    def _classify(view, data) -> None:
        cause = causes.find(view, data.get("cause"))
        if not data.get("factor"):
            for key in ("group", "factor", "settled"):
                cause.pop(key, None)
            return
        pair = classification(data.get("factor"))
        if pair is None:
            raise ActionRejected(_("Choose one of the four factor groups and one of its sub-factors."))
        cause.update(group=pair[0], factor=pair[1], settled="trainer", other=_other(pair, data))

    @staticmethod
    def _no_action(view, data) -> None:
        cause = causes.find(view, data.get("cause"))
        if cause.get("actions"):
            raise ActionRejected(_("This cause already has an action in the team plan."))
        cause["needed"] = False

    @staticmethod
    def _add_action(view, data) -> None:
        cause = causes.find(view, data.get("cause"))
        if not cause.get("group"):
            raise ActionRejected(_("Classify this cause first."))
        what = clean(data.get("what"), limit=MAX_TEXT, multiline=True, label=_("What"))
        who = clean(data.get("who"), limit=120, label=_("Who"))
        try:
            when = date.fromisoformat(str(data.get("when"))).isoformat()
        except ValueError:
            raise ActionRejected(_("Fill in when, as a date.")) from None
        outside = clean(data.get("outside"), limit=200, required=False,
                        label=_("Who outside the team")) or None
        phase = _phase(data, ActionRejected) or cause.get("phase", "")
        actions = cause.setdefault("actions", [])
        if any(a["what"].casefold() == what.casefold() for a in actions):
            return  # the same action again: a double tap
        actions.append({"what": what, "who": who, "when": when, "outside": outside,
                        "phase": phase})
        cause["needed"] = True
        view.propose_agreement(NewAgreement(
            f"{what} ({label(cause['group'], cause['factor'], cause.get('other'))})",
            kind="action", owner=who, due=when, outside_help=outside))

    @staticmethod
    def _repetition(view, data) -> None:
        if data.get("chance") not in CHANCES:
            raise ActionRejected(_("Choose low, medium or high."))
        reason = clean(data.get("reason"), limit=600, multiline=True,
                       label=_("The reason for the estimate"))
        view.state["repetition"] = {"chance": data["chance"], "reason": reason}

    # -- results -------------------------------------------------------------------------------
    def other_words(self) -> str:
        return OTHER

    def names(self, view: StepView) -> list[tuple[str, str]]:
        """Names that must not reach the shared screen, with what replaces them: those of the
        people involved, and every name a participant gave, in an anonymous session too."""
        given = {p.name for p in view.participants if p.name} | set(view.names_to_mask)
        return masked_names(view.state.get("incident")) + [
            (name, _("[name]")) for name in sorted(given)]

    def incident(self, view: StepView) -> dict[str, Any] | None:
        """The incident as the shared screen and the phones show it: names become roles."""
        incident = view.state.get("incident")
        return cases.shown(incident, self.names(view)) if incident else None

    def overview(self, view: StepView) -> dict[str, Any]:
        """For the templates: the trainer's work, shown before any reveal (see report.overview)."""
        return report.overview(view, self.names(view))

    def results(self, view: StepView) -> dict[str, Any]:
        return report.results(view, self.names(view))

    def report(self, view: StepView) -> dict[str, Any]:
        return report.report(view, self.names(view))


def _phase(data: dict[str, Any], refusal: type[InputRejected]) -> str:
    """The phase of the incident model an input belongs to; empty when not given."""
    phase = data.get("phase") or ""
    if phase and phase not in PHASES:
        raise refusal(_("Choose the phase your observation is about."))
    return phase


def _other(pair: tuple[str, str], data: dict[str, Any]) -> str:
    """The group's own words for "other"; required there, not kept elsewhere (but checked)."""
    words = clean(data.get("other"), limit=MAX_OTHER, required=False, label=_("Other"))
    if pair[1] != OTHER:
        return ""
    if not words:
        raise InputRejected(_("Say in a few words what the other factor is."))
    return words
