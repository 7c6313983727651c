"""``facilitator loadtest``: a dress rehearsal for a big event with simulated phones.

It speaks to a running server exactly as people do (docs/protocol.md), so an IT department can
check before the event that the server copes: how long a step change takes to reach every phone,
how long an answer takes to be counted on the shared screen, and that no answer is lost.
Needs the ``loadtest`` extra (aiohttp and Socket.IO's asyncio client):
``pip install "facilitator[loadtest]"``.
"""

from .rehearsal import Plan, rehearse, run
from .report import Report
from .web import RehearsalFailed, Room

__all__ = ["Plan", "RehearsalFailed", "Report", "Room", "rehearse", "run"]
