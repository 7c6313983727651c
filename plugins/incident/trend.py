"""The team plan's trend: how many causes each factor group had, per evaluation and in total.

The host hands the ``extra_team_plan_sections`` hook the team's sessions as plain data; the
evaluations are this work form's activities whose causes were collected. Every number comes from
``factor_counts``, the same count the summary step shows.
"""

from __future__ import annotations

from typing import Any

from flask_babel import format_date

from facilitator import _

from . import causes
from .cases import masked_names
from .factors import GROUPS, factor_counts
from .masking import mask
from .workform import IncidentEvaluation

NAME = IncidentEvaluation.name


def _summary(state: dict[str, Any]) -> dict[str, Any]:
    """What the summary step reports of an evaluation: its causes per factor group."""
    return {"factor_counts": causes.counts(
        [{"group": c.get("group") if c.get("group") in GROUPS else None}
         for c in state.get("causes", [])])}


def _what(activity: dict[str, Any]) -> str:
    """The evaluation's name: its case title (names of the people involved masked)."""
    incident = (activity.get("state") or {}).get("incident")
    if incident and incident.get("title"):
        return mask(str(incident["title"]), masked_names(incident))
    return str(activity.get("title") or "")


def evaluations(sessions: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    """(session, activity) for every evaluation whose causes were collected, oldest first."""
    return [(session, activity) for session in sessions
            for activity in session.get("activities", [])
            if activity.get("type") == NAME and "causes" in (activity.get("state") or {})]


def sections(sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = evaluations(sessions)
    if not found:
        return []
    reports = [_summary(activity["state"]) for _session, activity in found]
    rows = []
    for (session, activity), report in zip(found, reports, strict=True):
        day = session.get("held_on")
        rows.append([format_date(day, "short") if day else "", _what(activity),
                     *(str(n) for n in factor_counts([report]).values())])
    rows.append([_("Total"), "", *(str(n) for n in factor_counts(reports).values())])
    return [{"caption": _("Causes by factor group"),
             "headers": [_("Date"), _("Evaluation"), *(str(name) for name, _f in GROUPS.values())],
             "rows": rows}]
