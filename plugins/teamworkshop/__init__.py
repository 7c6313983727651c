"""The team workshop "samen aanpakken" (source 004, appendix 3): the team writes down what goes well
and what could be better, orders and votes on it, works out solutions in small groups and ends with
a list of who does what when for the team plan. The evaluation in a later session is the team plan
review (``plugins/review``) with its "five words" step."""

from facilitator import hookimpl

from . import teamplan
from .workform import TeamWorkshop

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [TeamWorkshop]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/teamworkshop/static/teamworkshop.css"]


@hookimpl
def extra_team_plan_sections(sessions):
    return teamplan.sections(sessions)
