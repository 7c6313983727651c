"""The dilemma method (dilemmamethodiek) as a work form: nine steps, one real dilemma, team
agreements at the end. Each step is a ``Phase`` (see ``steps``); the work form hands each call to
the step the group is at."""

from __future__ import annotations

from datetime import date
from typing import Any

from facilitator import (
    ANONYMOUS,
    NAMED,
    Choice,
    ConfigInvalid,
    LongText,
    Number,
    PhasedWorkForm,
    Problem,
    Repeat,
    Text,
    _,
    _l,
)

from .dilemmas import (
    SETTING_LIMIT,
    SIDE_LIMIT,
    TEXT_LIMIT,
    THEMES,
    TITLE_LIMIT,
    ballot,
    chosen,
    formulation,
    prepared,
    sides,
)
from .steps import STEPS
from .steps.closing import PROMPTS, RECORD
from .steps.table import COLUMNS

DOTS = 3
MOST_DOTS = 5


class Dilemma(PhasedWorkForm):
    name = "dilemma"
    title = _l("Dilemma method")
    description = _l("The group brings in dilemmas from the work, chooses one and works through "
                     "it in nine steps, from the intuitive choice to team agreements.")
    fields = [
        Choice("visibility", _l("Who sees who brought in a dilemma"), default=ANONYMOUS,
               options=[(ANONYMOUS, _l("Anonymous")), (NAMED, _l("Named"))]),
        Number("dots", _l("Dots per participant"), default=DOTS, minimum=1, maximum=MOST_DOTS),
        Repeat("dilemmas", _l("Prepared dilemmas"), item_label=_l("Dilemma"), fields=[
            Text("title", _l("Short title"), required=True, max_length=TITLE_LIMIT),
            LongText("text", _l("The situation"), required=True, max_length=TEXT_LIMIT),
            Choice("theme", _l("Theme"), required=True, options=list(THEMES.items())),
            Text("setting", _l("Setting (counter, phone, home visit...)"),
                 max_length=SETTING_LIMIT),
            Text("side_a", _l("Option A"), max_length=SIDE_LIMIT),
            Text("side_b", _l("Option B"), max_length=SIDE_LIMIT),
        ]),
    ]
    phases = STEPS
    # for the templates
    themes = THEMES
    columns = COLUMNS
    prompts = PROMPTS
    record_labels = RECORD

    # -- configuration ----------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        config = config or {}
        problems: list[Problem] = []
        visibility = config.get("visibility", ANONYMOUS)
        if visibility not in (ANONYMOUS, NAMED):
            problems.append(Problem("visibility", _("Choose anonymous or named.")))
        dots = config.get("dots", DOTS)
        if not isinstance(dots, int) or isinstance(dots, bool) or not 1 <= dots <= MOST_DOTS:
            problems.append(Problem("dots", _("Give a whole number of dots from 1 to %(n)d.",
                                              n=MOST_DOTS)))
        items = config.get("dilemmas") or []
        if not isinstance(items, list):
            problems.append(Problem("dilemmas", _("Prepared dilemmas are a list.")))
            items = []
        dilemmas = [self._prepared(item, f"dilemmas[{i}]", problems)
                    for i, item in enumerate(items)]
        if problems:
            raise ConfigInvalid(problems)
        return {"visibility": visibility, "dots": dots, "dilemmas": dilemmas}

    def _prepared(self, item: Any, where: str, problems: list[Problem]) -> dict[str, str]:
        if not isinstance(item, dict):
            problems.append(Problem(where, _("A dilemma needs a title, a text and a theme.")))
            return {}
        cleaned = {}
        for key, limit, required in (("title", TITLE_LIMIT, True), ("text", TEXT_LIMIT, True),
                                     ("setting", SETTING_LIMIT, False),
                                     ("side_a", SIDE_LIMIT, False), ("side_b", SIDE_LIMIT, False)):
            value = item.get(key) or ""
            if not isinstance(value, str) or (required and not value.strip()):
                problems.append(Problem(f"{where}.{key}", _("Fill this in.")))
            elif len(value.strip()) > limit:
                problems.append(Problem(f"{where}.{key}", _("At most %(n)d characters.",
                                                            n=limit)))
            else:
                cleaned[key] = " ".join(value.split()) if key != "text" else value.strip()
        if item.get("theme") not in THEMES:
            problems.append(Problem(f"{where}.theme", _("Choose one of the themes: %(themes)s.",
                                                        themes=", ".join(THEMES))))
        cleaned["theme"] = item.get("theme")
        if bool(cleaned.get("side_a")) != bool(cleaned.get("side_b")):
            problems.append(Problem(f"{where}.side_b", _("Give both sides, A and B, or neither.")))
        return cleaned

    # -- each call goes to the step the group is at (PhasedWorkForm) ----------------------------
    def arrive(self, view):
        """The prepared dilemmas are on the ballot even when the group skips step 1."""
        view.state.setdefault("dilemmas", prepared(view.config))

    def open_point(self, view) -> str:
        """What a step the trainer set aside puts in the team plan: the step, and the dilemma."""
        pick = chosen(view.state)
        if pick:
            return _("Set aside in the dilemma method, %(step)s: %(dilemma)s",
                     step=view.step.title, dilemma=pick["title"])
        return _("Set aside in the dilemma method: %(step)s", step=view.step.title)

    # -- helpers for the templates ------------------------------------------------------------
    def ballot(self, view):
        return ballot(view.state, view.config)

    def chosen(self, view):
        return chosen(view.state)

    def prepared_dilemmas(self, view):
        """The scenario's own dilemmas: not the group's input, so shown whatever its size."""
        return prepared(view.config)

    def formulation(self, view):
        return formulation(view.state)

    def sides(self, view):
        return sides(view.state)

    def due_date(self, iso: str) -> date:
        return date.fromisoformat(iso)

    def part(self, role: str, view) -> str:
        return f"dilemma/{role}/{view.step.key}.html"
