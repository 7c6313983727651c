"""A closing checklist: the outcomes a meeting set out to reach, as the scenario lists them (the
thematic team meeting's five, source 001 section 4). Phones say whether they think each was
reached; the trainer ticks what was reached, and that record goes into the session report. An
outcome not reached can go to the team plan as an open point.
"""

from facilitator import hookimpl

from .workform import Checklist

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [Checklist]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/checklist/static/checklist.css"]
