"""What the domain announces after it has committed a change; broadcast.py listens."""

from blinker import Namespace

_signals = Namespace()

#: sent with ``workshop_id`` and ``scope``: "all" (every view), "results" (screen and console,
#: coalesced), "console" (the trainer console only), "phones" (every connected phone) or
#: "participant" (with ``participant_id``).
workshop_changed = _signals.signal("workshop-changed")
