"""A session's raw results for analysis: one row per step and option with its count.

The same privacy as the screen and the report: only steps the trainer revealed; nothing of a
trainer-only step; an anonymous step with fewer answers than the minimum group gives its number
of answers and no breakdown. Only numbers leave, never what someone typed or a name: the counts
are the numeric parts of the work form's own ``results`` (e.g. a statement's agree / disagree,
a quiz team's points), keyed as the work form keys them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask import current_app

from ..contract.plugins import work_form
from ..contract.workform import ANONYMOUS, TRAINER_ONLY
from ..contract.workform import Participant as ParticipantData
from ..exports import labels
from ..i18n import _
from ..live.snapshots import enough_for_screen
from ..sessions import stepviews
from ..sessions.models import Workshop
from . import documents

log = logging.getLogger("facilitator.teamplan")


@dataclass(frozen=True)
class ResultRow:
    activity: str
    work_form: str
    step: str
    visibility: str
    measure: str  # what was counted, e.g. "counts", "passes", "totals"
    option: str  # e.g. "agree"; empty for a single number
    count: float | None  # None: fewer answers than the minimum group, no breakdown


def _numbers(results: Mapping) -> list[tuple[str, str, float]]:
    """The numeric leaves of a work form's results: (measure, option, value)."""
    found = []
    for measure, value in results.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            found.append((str(measure), "", value))
        elif isinstance(value, Mapping):
            for option, number in value.items():
                if isinstance(number, int | float) and not isinstance(number, bool):
                    found.append((str(measure), str(option), number))
    return found


def session_results(workshop: Workshop) -> list[ResultRow]:
    people = [ParticipantData(p.id, None, False) for p in stepviews.participants_of(workshop)]
    rows: list[ResultRow] = []
    for activity, row in stepviews.flat_steps(workshop):
        step = stepviews.step_of(activity, row)
        if not (step.takes_input and row.revealed) or step.visibility == TRAINER_ONLY:
            continue
        form = work_form(activity.type)
        view = stepviews.build(workshop, activity, row,
                               participants=people if step.visibility == ANONYMOUS else None)
        where = (activity.title, str(form.title), step.title, step.visibility)
        if not enough_for_screen(view):
            rows.append(ResultRow(*where, "answered", "", None))
            continue
        try:
            results = form.results(view) or {}
        except Exception:
            log.exception("results of activity %s step %s failed", activity.id, row.key)
            continue
        rows += [ResultRow(*where, measure, option, value)
                 for measure, option, value in _numbers(results)]
    return rows


def headers() -> list[str]:
    return [_("Session"), _("Date"), _("Activity"), _("Work form"), _("Step"), _("Visibility"),
            _("Measure"), _("Option"), _("Count")]


def table(workshop: Workshop) -> tuple[list[str], list[list[str | int | float | date | None]]]:
    """The header and rows of the results file."""
    held = documents.held_on(workshop)
    body = []
    for r in session_results(workshop):
        count = r.count if r.count is None or r.count != int(r.count) else int(r.count)
        body.append([workshop.title, held, r.activity, r.work_form, r.step,
                     labels.visibility_label(r.visibility), r.measure, r.option,
                     count if count is not None else _("fewer than %(n)d answers",
                                                       n=current_app.config["MINIMUM_GROUP"])])
    return headers(), body
