"""Intervision (intervisie): a small group brings in cases, chooses one by dots, and works on it
with one of six methods defined in data (``methods/*.yaml``): viskom, 5-stappenmethode,
roddelmethode, clinic, leren van successen and "op de stoel van een ander"; where the scenario
leaves the method open, the trainer chooses it with the group once the case is known. Confidential
by design: what was said, and the trainer's notes, are wiped when the session ends
(``session_ended``; a session never ended is ended by the server after a day without activity).
"""

from facilitator import hookimpl

from .workform import Intervision

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [Intervision]


@hookimpl
def extra_js_urls(role):
    own = ["/plugins/intervision/static/intervision.js"] if role == "phone" else []
    return own + ["/plugins/intervision/static/intervision-clock.js"]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/intervision/static/intervision.css"]
