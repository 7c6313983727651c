"""Lifecycle events, passed on to plugins through the ``track_event`` hook."""

from __future__ import annotations

import logging

from .plugins import plugin_host

log = logging.getLogger("facilitator.events")


def track(event: str, workshop_id: int | None, detail: dict) -> None:
    log.info("%s workshop=%s %s", event, workshop_id, detail)
    plugin_host().pm.hook.track_event(event=event, workshop_id=workshop_id, detail=detail)
