"""Lifecycle events, passed on to plugins through the ``track_event`` hook.

Callers announce an event only after they committed the change it names. Each plugin hears it on
its own (``PluginHost.call_each``): a plugin whose ``track_event`` raises is logged with its name
and never undoes or blocks what happened.
"""

from __future__ import annotations

import logging

from ..contract.plugins import plugin_host

log = logging.getLogger("facilitator.events")


def track(event: str, workshop_id: int | None, detail: dict) -> None:
    log.info("%s workshop=%s %s", event, workshop_id, detail)
    plugin_host().call_each("track_event", event=event, workshop_id=workshop_id,
                            detail=dict(detail))
