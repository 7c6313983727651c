"""GET /healthz: whether this server process is up and reaches its database (``{"ok": true}``,
or 503), for load balancers; that is all anyone sees. A signed-in trainer, or a request with
``Authorization: Bearer <FACILITATOR_HEALTH_TOKEN>`` (a load test), also gets the figures: the
process id, its memory and CPU time so far, how it serves (gevent's event loop or threads) and how
many phones, screens and consoles are connected to it."""

from __future__ import annotations

import hmac
import os
import resource
import threading
import time
from pathlib import Path

from flask import Blueprint, current_app, request
from flask_login import current_user
from sqlalchemy import text

from ...extensions import db
from ...live import handlers as live

bp = Blueprint("health", __name__)


def resident_kb() -> int:
    """This process's resident memory now (Linux), else its peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def may_see_figures() -> bool:
    token = current_app.config.get("HEALTH_TOKEN")
    if token and hmac.compare_digest(request.headers.get("Authorization", "").encode(),
                                     f"Bearer {token}".encode()):
        return True
    return current_user.is_authenticated and current_user.role == "trainer"


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(text("select 1"))
        database = True
    except Exception:  # the answer itself says the database is unreachable
        database = False
    finally:
        db.session.remove()
    if not may_see_figures():
        return {"ok": database}, 200 if database else 503, {"Cache-Control": "no-store"}
    figures = {"ok": database, "database": database, "pid": os.getpid(), "rss_kb": resident_kb(),
               "cpu_seconds": round(time.process_time(), 3), "threads": threading.active_count(),
               "async_mode": current_app.config["ASYNC_MODE"], "connections": live.connection_counts()}
    return figures, 200 if database else 503, {"Cache-Control": "no-store"}
