"""Questionnaires: the leerdoelwijzer (learning-goal questionnaire) and the development matrix.

Phones answer anonymously, one competence aspect per screen; the team result per statement is shown
once revealed; the group picks team learning goals for the team plan; each phone keeps its own
profile and personal learning goal to itself.
"""

from facilitator import hookimpl

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
