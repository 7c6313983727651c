"""The dilemma method (dilemmamethodiek): a team works through one real dilemma from its own
work in nine steps and ends with a team choice and working agreements for the team plan."""

from facilitator import hookimpl

from .workform import Dilemma

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [Dilemma]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/dilemma/static/dilemma.css"]

