"""The arena conversation (arenagesprek, source 001 section 5.1): parties meet in an inner and an
outer ring. In round 1 the conversation leader asks the inner ring the scenario's questions while
the outer ring notes on its phones what strikes it; in round 2 the outer ring sends questions to
the console, the leader puts one at a time on the screen and a dialogue follows. The close
collects points for a solution for the team plan. The rings can swap for a second conversation.
"""

from facilitator import hookimpl

from .workform import Arena

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [Arena]


@hookimpl
def extra_css_urls(role):
    return ["/plugins/arena/static/arena.css"]
