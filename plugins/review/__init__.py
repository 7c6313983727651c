"""Reviewing the team plan (teamplan bespreken): a later session grades each open agreement from
1 to 10, says whether it is still needed, and the trainer updates its status in the plan."""

from facilitator import hookimpl

from .workform import ReviewTeamPlan

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [ReviewTeamPlan]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/review/static/review.css"]
