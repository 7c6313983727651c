"""Issue 25's targets against the runs of ``compare.py --json``: a markdown table with, for each
target, facilitator's p95 and the bare server's in each run, the ratio, and whether every run is
under the target; then answers lost and CPU per answer, facilitator against bare, per case.

    .venv/bin/python bench/targets.py runs.json [more.json ...]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

#: (case, measure, target in ms or None, label) in the order of the issue
TARGETS = [
    ("burst-1000", "answer_acknowledged", 500, "Burst: 1,000 phones within 1 s, acknowledged"),
    ("burst-1000", "answer_on_screen", 1000, "Burst: 1,000 phones within 1 s, on the screen"),
    ("burst-500", "answer_on_screen", None, "Burst: 500 phones within 1 s, on the screen"),
    ("burst-2000", "answer_acknowledged", None, "Burst: 2,000 phones within 2 s, acknowledged"),
    ("burst-2000", "answer_on_screen", 1500, "Burst: 2,000 phones within 2 s, on the screen"),
    ("spread-1000", "answer_on_screen", None, "Spread: 1,000 phones within 10 s, on the screen"),
    ("spread-2000", "answer_on_screen", 500, "Spread: 2,000 phones within 10 s, on the screen"),
    ("sessions-50x20", "step_to_all", 300, "50 × 20: step change → every phone"),
    ("sessions-50x20", "answer_on_screen", 500, "50 × 20: answer → on the screen"),
    ("sessions-50x20-burst", "step_to_all", 300, "50 × 20 with bursts: step change → every phone"),
    ("sessions-50x20-burst", "answer_acknowledged", None, "50 × 20 with bursts: acknowledged"),
    ("sessions-50x20-burst", "answer_on_screen", 500, "50 × 20 with bursts: answer → on the screen"),
    ("overload-2000-hog", "answer_on_screen", None, "CPU hog: 2,000 within 10 s, on the screen"),
    ("overload-2000-hog", "settled_after_last_ack", 2000,
     "CPU hog: 2,000 within 10 s, last ack → screen has every answer"),
    ("overload-burst-1000-hog", "answer_acknowledged", None, "CPU hog: 1,000 within 1 s, acknowledged"),
    ("overload-burst-1000-hog", "answer_on_screen", None, "CPU hog: 1,000 within 1 s, on the screen"),
    ("overload-burst-1000-hog", "settled_after_last_ack", 2000,
     "CPU hog: 1,000 within 1 s, last ack → screen has every answer"),
    ("sessions-50x20-hog", "step_to_all", None, "CPU hog: 50 × 20, step change → every phone"),
    ("sessions-50x20-hog", "answer_on_screen", None, "CPU hog: 50 × 20, answer → on the screen"),
    ("sessions-50x20-hog", "settled_after_last_ack", 2000,
     "CPU hog: 50 × 20, last ack → screen has every answer"),
]


def cpu_per_answer(report: dict) -> float:
    return report["server_cpu_seconds"] * 1000 / max(1, report["answers_sent"])


def table(runs: list[dict]) -> str:
    by_case: dict[str, list[dict]] = defaultdict(list)
    for run in runs:
        by_case[run["case"]].append(run)
    lines = ["| target (p95) | facilitator / bare, ms (ratio), per run | |", "| --- | --- | --- |"]
    for case, measure, target, label in TARGETS:
        found = by_case.get(case)
        if not found:
            continue
        cells, under = [], True
        for run in found:
            ours, bare = run["facilitator"][measure]["p95"], run["bare"][measure]["p95"]
            cells.append(f"{ours:.0f} / {bare:.0f} ({ours / max(bare, 1):.1f}×)")
            under &= target is None or ours < target
        verdict = "" if target is None else ("**reached**" if under else "**not reached**")
        goal = f" < {target:,} ms" if target else ""
        lines.append(f"| {label}{goal} | {'; '.join(cells)} | {verdict} |")
    lines += ["", "| case | answers lost, facilitator / bare, per run | CPU per answer ms, "
              "facilitator / bare (ratio), per run |", "| --- | --- | --- |"]
    for case, found in by_case.items():
        lost = "; ".join(f"{run['facilitator']['answers_lost']} / {run['bare']['answers_lost']}"
                         for run in found)
        cpu = "; ".join(
            f"{cpu_per_answer(run['facilitator']):.2f} / {cpu_per_answer(run['bare']):.2f} "
            f"({cpu_per_answer(run['facilitator']) / cpu_per_answer(run['bare']):.1f}×)"
            for run in found)
        lines.append(f"| {case} | {lost} | {cpu} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+")
    args = parser.parse_args()
    print(table([run for path in args.runs for run in json.loads(path.read_text())]))


if __name__ == "__main__":
    main()
