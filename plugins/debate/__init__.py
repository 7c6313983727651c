"""The lower-house debate (Lagerhuisdiscussie): two sides, for and against a statement.

Phones stand up to ask for the floor (first come, first served), the trainer gives it, and every
argument lands in its side's column on the shared screen; the side with the most arguments wins.
"""

from facilitator import hookimpl

from .workform import Debate

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [Debate]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/debate/static/debate.css"]


@hookimpl
def extra_js_urls(role):
    return ["/plugins/debate/static/debate.js"]
