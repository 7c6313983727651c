"""``facilitator serve`` under cProfile, for ``bench/compare.py --profile FILE``: the whole server
process, every greenlet, from start to SIGTERM; the statistics go to FILE (pstats) when it stops.

    python -m gevent.monkey bench/profiled_serve.py FILE serve --host 127.0.0.1 --port 5000
"""

from __future__ import annotations

import cProfile
import os
import signal
import sys

from facilitator.cli import main

profile = cProfile.Profile()


def stop(*_args) -> None:
    profile.disable()
    profile.dump_stats(out)
    os._exit(0)


if __name__ == "__main__":
    out = sys.argv.pop(1)
    signal.signal(signal.SIGTERM, stop)
    profile.enable()
    try:
        main(prog_name="facilitator")
    finally:
        profile.disable()
        profile.dump_stats(out)
