"""The closing checklist, on plain data.

One step. Each phone may say, per outcome, whether it thinks the meeting reached it (one entry per
person). The trainer ticks each outcome reached, partly reached or not reached (``act("tick")``);
the ticks are kept in the step's data. Where the scenario asks for it, an outcome not (fully)
reached is proposed to the team plan as an open point, and taken back when the trainer ticks it
reached after all. The session report holds the ticks beside the group's view, once the trainer has
shown the checklist on the screen (the host's reveal).
"""

from __future__ import annotations

from typing import Any

from facilitator import (
    NAMED,
    ActionRejected,
    Boolean,
    ConfigInvalid,
    Contribution,
    InputRejected,
    LongText,
    NewAgreement,
    Problem,
    Step,
    StepView,
    TextList,
    WorkForm,
    _,
    _l,
)

VERDICTS = ("reached", "partly", "not")
VERDICT_NAMES = {"reached": _l("Reached"), "partly": _l("Partly reached"),
                 "not": _l("Not reached")}
MAX_ITEM = 200
MAX_INTRO = 400
MAX_ITEMS = 12


class Checklist(WorkForm):
    name = "checklist"
    title = _l("Closing checklist")
    description = _l("The outcomes the meeting set out to reach: the group says what it thinks, "
                     "the trainer ticks what was reached, and the session report records it.")
    screen_follows_input = False  # the outcomes and the count, until the trainer reveals
    fields = [
        LongText("intro", _l("Introduction"), max_length=MAX_INTRO, rows=2,
                 help=_l("Shown above the outcomes on the screen and the phones.")),
        TextList("items", _l("Outcomes"), item_label=_l("Outcome"), minimum=1,
                 maximum=MAX_ITEMS, max_length=MAX_ITEM, required=True,
                 help=_l("What the meeting should have reached, one per line.")),
        Boolean("open_points", _l("An outcome not reached goes to the team plan as an open point"),
                default=True),
    ]

    # -- configuration ---------------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        config = config or {}
        problems: list[Problem] = []
        intro = config.get("intro") or ""
        if not isinstance(intro, str) or len(intro) > MAX_INTRO:
            problems.append(Problem("intro", _("At most %(n)d characters.", n=MAX_INTRO)))
            intro = ""
        items = config.get("items")
        if not isinstance(items, list) or not items:
            problems.append(Problem("items", _("Add at least one outcome.")))
            items = []
        elif len(items) > MAX_ITEMS:
            problems.append(Problem("items", _("At most %(n)d outcomes.", n=MAX_ITEMS)))
        kept = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                problems.append(Problem(f"items[{index}]", _("An outcome needs a text.")))
            elif len(item.strip()) > MAX_ITEM:
                problems.append(Problem(f"items[{index}]", _("At most %(n)d characters.",
                                                             n=MAX_ITEM)))
            else:
                kept.append(item.strip())
        open_points = config.get("open_points", True)
        if not isinstance(open_points, bool):
            problems.append(Problem("open_points", _("Yes or no.")))
        if problems:
            raise ConfigInvalid(problems)
        return {"intro": intro.strip(), "items": kept, "open_points": open_points}

    def plan(self, config: dict[str, Any]) -> list[Step]:
        # Named: no minimum group, so the trainer's ticks are never held back; the phones' view
        # is shown only as counts.
        return [Step("check", _("Closing checklist"), NAMED)]

    # -- the phones ------------------------------------------------------------------------------
    def accept(self, view: StepView, data: dict[str, Any], me) -> Contribution:
        views = {}
        for index in range(len(view.config["items"])):
            given = data.get(f"item-{index}")
            if given in (None, ""):
                continue
            if given not in VERDICTS:
                raise InputRejected(_("Choose reached, partly or not reached."))
            views[str(index)] = given
        if not views:
            raise InputRejected(_("Say for at least one outcome whether we reached it."))
        return Contribution({"views": views})

    def phone_context(self, view: StepView, me, mine) -> dict[str, Any]:
        given = next((e.payload.get("views") for e in mine if not e.passed), None) or {}
        return {"views": given}

    def visibility_note(self, view: StepView) -> str | None:
        return _("The screen shows only how many chose what, never who.")

    # -- the trainer -----------------------------------------------------------------------------
    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        if action != "tick":
            raise ActionRejected(_("This action does not fit this step."))
        ticks = dict(view.data.get("ticks") or {})
        changed = False
        for index in range(len(view.config["items"])):
            given = data.get(f"item-{index}")
            if given in (None, ""):
                continue
            if given not in VERDICTS:
                raise ActionRejected(_("Choose reached, partly or not reached."))
            ticks[str(index)] = given
            changed = True
        if not changed:
            raise ActionRejected(_("Tick at least one outcome."))
        view.data["ticks"] = ticks
        if view.config.get("open_points", True):
            self._keep_open_points(view, ticks)

    def _keep_open_points(self, view: StepView, ticks: dict[str, str]) -> None:
        proposed = dict(view.data.get("proposed") or {})
        for index, item in enumerate(view.config["items"]):
            short = ticks.get(str(index)) in ("partly", "not")
            text = _("Not yet reached in the meeting: %(outcome)s", outcome=item)
            if short and str(index) not in proposed:
                view.propose_agreement(NewAgreement(text, kind="open_point"))
                proposed[str(index)] = text
            elif not short and str(index) in proposed:
                view.withdraw_agreement(NewAgreement(proposed.pop(str(index)), kind="open_point"))
        view.data["proposed"] = proposed

    def console_primary(self, view: StepView) -> str | None:
        """Tick the outcomes, then show the checklist (it is then in the report), then move on."""
        if len(self.ticks(view)) < len(view.config["items"]):
            return "tick"
        return "reveal" if not view.revealed else "next"

    # -- what the views show ---------------------------------------------------------------------
    def ticks(self, view: StepView) -> dict[str, str]:
        return dict(view.data.get("ticks") or {})

    def verdict_names(self) -> dict[str, str]:
        return {key: str(name) for key, name in VERDICT_NAMES.items()}

    def results(self, view: StepView) -> dict[str, Any]:
        ticks = self.ticks(view)
        answers = view.answers()
        rows = []
        for index, item in enumerate(view.config["items"]):
            counts = dict.fromkeys(VERDICTS, 0)
            for entry in answers:
                given = (entry.payload.get("views") or {}).get(str(index))
                if given in counts:
                    counts[given] += 1
            rows.append({"text": item, "tick": ticks.get(str(index)), "counts": counts})
        return {"items": rows, "count": len(answers),
                "reached": sum(1 for r in rows if r["tick"] == "reached"),
                "total": len(rows)}

    def report(self, view: StepView) -> dict[str, Any]:
        result = self.results(view)
        names = self.verdict_names()
        rows = [[r["text"], names[r["tick"]] if r["tick"] else _("Not ticked"),
                 str(r["counts"]["reached"]), str(r["counts"]["partly"]), str(r["counts"]["not"])]
                for r in result["items"]]
        return {"paragraphs": [_("Outcomes reached according to the trainer: %(reached)d of "
                                 "%(total)d.", reached=result["reached"], total=result["total"])],
                "tables": [{"caption": _("Outcomes of the meeting"),
                            "headers": [_("Outcome"), _("The trainer"),
                                        _("The group: reached"), _("The group: partly"),
                                        _("The group: not")],
                            "rows": rows}]}
