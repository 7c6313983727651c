"""The knowledge quiz in teams (kennisquiz).

Teams answer questions on the organisation's aggression policy in turn; when a team does not know,
the others may steal. Opinion questions ask whether the whole team agrees. Questions nobody knew
are set aside and go to the team plan as open points.
"""

from facilitator import hookimpl

from .workform import Quiz

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [Quiz]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/quiz/static/quiz.css"]
