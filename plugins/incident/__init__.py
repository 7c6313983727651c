"""The structured incident evaluation (gestructureerde incidentevaluatie).

The team describes an incident on its timeline, names the direct and indirect causes, places
them in the four factor groups and decides what to do about them, without blame. For the team
plan's trend, ``factor_counts(reports)`` adds up the causes per factor group over evaluations;
the ``extra_team_plan_sections`` hook shows it on the team plan.
"""

from facilitator import hookimpl

from . import trend
from .factors import GROUPS, factor_counts
from .workform import IncidentEvaluation

__version__ = "0.1.0"
__all__ = ["GROUPS", "IncidentEvaluation", "factor_counts"]

STYLESHEET = "/plugins/incident/static/incident.css"


@hookimpl
def register_work_forms():
    return [IncidentEvaluation]


@hookimpl
def extra_css_urls(role):
    return [STYLESHEET]


@hookimpl
def extra_team_plan_sections(sessions):
    return trend.sections(sessions)
