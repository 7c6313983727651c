"""GET /healthz: whether this server process is up and reaches its database, its memory and CPU
time so far, how it serves (gevent's event loop or threads) and how many phones, screens and
consoles are connected to it (for load balancers and load tests)."""

from __future__ import annotations

import os
import resource
import threading
import time
from pathlib import Path

from flask import Blueprint, current_app
from sqlalchemy import text

from .. import live
from ..extensions import db

bp = Blueprint("health", __name__)


def resident_kb() -> int:
    """This process's resident memory now (Linux), else its peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(text("select 1"))
        database = True
    except Exception:  # the answer itself says the database is unreachable
        database = False
    finally:
        db.session.remove()
    figures = {"ok": database, "database": database, "pid": os.getpid(), "rss_kb": resident_kb(),
               "cpu_seconds": round(time.process_time(), 3), "threads": threading.active_count(),
               "async_mode": current_app.config["ASYNC_MODE"], "connections": live.connection_counts()}
    return figures, 200 if database else 503
