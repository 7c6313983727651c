"""Where a round of step changes spends its time in the served process: runs ``bench/compare.py``
with a timing hook in facilitator's server (``bench/turn_hook``) and prints, per round of step
changes (the load generator's trainers pressing "start" or "next" together), when the last room
had its pages written, and per step change the median of its own work until its pages were
queued, of its writers sending them, and of the wait until the next one began.

    .venv/bin/python bench/turns.py --case sessions-50x20 [--json runs.json ...: to compare.py]
    .venv/bin/python bench/turns.py --summarise turns.log     # a log written earlier
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUND_GAP = 2.0  # seconds without a step change between two rounds


def rounds(log: Path) -> list[list[tuple[float, str]]]:
    moments = [(float(when), what) for when, what in (line.split() for line in log.open())]
    found: list[list[tuple[float, str]]] = []
    for when, what in moments:
        if what == "asked" and (not found or when - found[-1][-1][0] > ROUND_GAP):
            found.append([])
        if found:
            found[-1].append((when, what))
    return found


def summary(moments: list[tuple[float, str]]) -> str:
    first = moments[0][0]
    asked = [when for when, what in moments if what == "asked"]
    turns, turn = [], None
    for when, what in moments:
        if what == "began":
            turn = {"began": when}
            turns.append(turn)
        elif turn is not None and what in ("queued", "written") and what not in turn:
            turn[what] = when
    whole = [t for t in turns if "queued" in t and "written" in t]
    ms = lambda values: f"{statistics.median(values) * 1000:.2f}" if values else "-"  # noqa: E731
    work = [t["queued"] - t["began"] for t in whole]
    writing = [t["written"] - t["queued"] for t in whole]
    waiting = [after["began"] - before["written"] for before, after in itertools.pairwise(turns)
               if "written" in before]
    last = max((t["written"] for t in whole), default=first)
    return (f"{len(asked)} step changes asked within {(asked[-1] - first) * 1000:.0f} ms; the last "
            f"room's pages written {(last - first) * 1000:.0f} ms after the first asked; per step "
            f"change (median, ms): its work {ms(work)}, its writers {ms(writing)}, "
            f"until the next began {ms(waiting)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="sessions-50x20", help="a case of bench/compare.py")
    parser.add_argument("--summarise", type=Path, help="only summarise this log")
    args, passed_on = parser.parse_known_args()  # the rest for compare.py (--json FILE...)
    log = args.summarise
    if log is None:
        log = Path(tempfile.mkdtemp(prefix="facilitator-turns-")) / "turns.log"
        env = {**os.environ, "FACILITATOR_TURN_LOG": str(log),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE / "turn_hook"),
                                                            os.environ.get("PYTHONPATH")]))}
        subprocess.run([sys.executable, str(HERE / "compare.py"), "--case", args.case,
                        *passed_on], env=env, check=True)
        print(f"\nthe step changes' moments: {log}")
    for number, moments in enumerate(rounds(log), start=1):
        print(f"round {number}: {summary(moments)}")


if __name__ == "__main__":
    main()
