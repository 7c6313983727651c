"""Agree/disagree statements (stellingen eens/oneens), optionally with a film clip.

Phones take a stand on each statement; the trainer reveals the distribution and, where the
scenario gives the policy's own answer, the share of the group that knew it.
"""

from facilitator import hookimpl

from .workform import Statements

__version__ = "0.1.0"


@hookimpl
def register_work_forms():
    return [Statements]
