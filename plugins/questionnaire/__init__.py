"""Questionnaires: the leerdoelwijzer (learning-goal questionnaire) and the development matrix.

Phones answer anonymously, one competence aspect per screen; the team result per statement is shown
once revealed; the group picks team learning goals for the team plan; each phone keeps its own
profile and personal learning goal to itself.
"""

from facilitator import Table, _, hookimpl

from .measurement import comparisons, documents
from .workform import Questionnaire

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [Questionnaire]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/questionnaire/static/questionnaire.css"]


@hookimpl
def extra_js_urls(role):
    return ["/plugins/questionnaire/static/questionnaire.js"] if role == "phone" else []


@hookimpl
def extra_team_plan_sections(sessions):
    """Who offered, in a development matrix, to teach a topic to colleagues; the comparison of
    a 0- and a 1-measurement of the team."""
    rows = []
    for session in sessions:
        for activity in session["activities"]:
            if activity["type"] != Questionnaire.name:
                continue
            for offer in (activity.get("state") or {}).get("offers", []):
                rows.append([offer["topic"], ", ".join(offer["names"]),
                             f"{session['title']} ({session['held_on']:%d-%m-%Y})"
                             if session.get("held_on") else session["title"]])
    tables = comparisons(sessions)
    if rows:
        tables.insert(0, Table(_("Who can teach it to others"),
                               [_("Topic"), _("Offered by"), _("Session")], rows))
    return tables


@hookimpl
def team_plan_documents(sessions):
    """The comparison of a 0- and a 1-measurement as a document to file (Word, PDF, Excel)."""
    return documents(sessions)
