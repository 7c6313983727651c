"""Run the same load against facilitator and against a bare python-socketio server doing the same
fan-out (bench/baseline_server.py), in one run, and print facilitator's figures as a ratio of the
baseline's. Both are started here, on free ports of this machine, and stopped afterwards.

    .venv/bin/python bench/compare.py --phones 1000
    .venv/bin/python bench/compare.py --phones 20 --sessions 50
    .venv/bin/python bench/compare.py --phones 500 --processes 2   # Redis + PostgreSQL
    .venv/bin/python bench/compare.py --phones 1000 --threading     # both on threads, not gevent
    .venv/bin/python bench/compare.py --phones 1000 --pattern burst  # the room votes within 1 s
    .venv/bin/python bench/compare.py --phones 2000 --hog            # a CPU hog on one core beside
    .venv/bin/python bench/compare.py --case burst-1000 --repeat 3   # a named case, three runs
    .venv/bin/python bench/compare.py --cases --repeat 3 --json all.json   # the default set

Patterns: ``spread`` (phones answer within 10 s of seeing a step, the figures since December) and
``burst`` (within 1 s: "vote now", the whole room taps at once). ``--hog`` runs a Python busy loop
on one core beside the servers for the whole run, both servers alike.

Needs the client extras (aiohttp); two processes need Redis and PostgreSQL on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from facilitator.loadtest import Plan, Report, Room, rehearse, run

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent
REDIS = "redis://127.0.0.1:6379/0"
# The test suite's own role and database (scripts/ensure-services.sh); each run a schema of its own.
POSTGRES = "postgresql://facilitator_test@127.0.0.1:5432/facilitator_test"
TRAINER, PASSWORD = "bench@example.nl", "bench password 123"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Process:
    """A server process on a free port, with its output in a log file."""

    def __init__(self, command: list[str], env: dict, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "a")
        self.process = subprocess.Popen([*command, "--port", str(self.port)], env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited; see {log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{command[0]} did not start; see {log}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def facilitator_env(folder: Path, processes: int, run_id: str, threading: bool) -> dict:
    # /healthz shows memory and CPU with the health token; the rehearsal here reads it from the
    # same variable
    os.environ.setdefault("FACILITATOR_HEALTH_TOKEN", f"bench-{run_id}")
    env = {**os.environ, "FACILITATOR_INSTANCE": str(folder), "FACILITATOR_SECRET_KEY": run_id,
           "FACILITATOR_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite'}",
           "FACILITATOR_ASYNC_MODE": "threading" if threading else "gevent",
           # every simulated phone joins from 127.0.0.1, within seconds
           "FACILITATOR_JOINS_PER_ADDRESS": "100000 per minute",
           "FACILITATOR_JOINS_PER_CODE": "100000 per minute"}
    if processes > 1:
        import psycopg

        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'CREATE SCHEMA "bench_{run_id}"')
        env.update(FACILITATOR_DATABASE_URL=POSTGRES.replace("postgresql://", "postgresql+psycopg://")
                   + f"?options=-csearch_path%3Dbench_{run_id}",
                   FACILITATOR_MESSAGE_QUEUE=REDIS,
                   FACILITATOR_MESSAGE_QUEUE_CHANNEL=f"bench-{run_id}")
    return env


def drop_database(run_id: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "bench_{run_id}" CASCADE')


def measure_facilitator(args, folder: Path, run_id: str) -> Report:
    env = facilitator_env(folder, args.processes, run_id, args.threading)
    command = [str(BIN / "facilitator")]
    subprocess.run([*command, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([*command, "user", "add", TRAINER, "--role", "trainer", "--password-stdin"],
                   env=env, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    if getattr(args, "held", 0):  # the sessions of a server in use for a while (held_sessions.py)
        subprocess.run([sys.executable, str(HERE / "held_sessions.py"), str(args.held),
                        "--trainer", TRAINER], env=env, check=True, capture_output=True)
    serve = [*command, "serve", "--host", "127.0.0.1"]
    if getattr(args, "profile", None):  # the first process under cProfile (bench/profiled_serve.py)
        serve = [sys.executable, "-m", "gevent.monkey", str(HERE / "profiled_serve.py"),
                 str(args.profile.resolve()), "serve", "--host", "127.0.0.1"]
    servers = [Process(serve if n == 0 else [*command, "serve", "--host", "127.0.0.1"], env,
                       folder / f"facilitator{n}.log") for n in range(args.processes)]
    try:
        plan = Plan(servers[0].url, args.phones, args.sessions, args.rounds, args.think,
                    phone_urls=tuple(s.url for s in servers[1:]), trainer=TRAINER, password=PASSWORD)
        return asyncio.run(rehearse(plan))
    finally:
        for server in servers:
            server.stop()
        if args.processes > 1:
            drop_database(run_id)


def measure_baseline(args, folder: Path, run_id: str) -> Report:
    command = [sys.executable, str(HERE / "baseline_server.py")] + ["--threading"] * args.threading
    if args.processes > 1:
        command += ["--redis", REDIS, "--run", run_id]
    servers = [Process(command, dict(os.environ), folder / f"baseline{n}.log")
               for n in range(args.processes)]
    try:
        url, phone_urls = servers[0].url, [s.url for s in servers[1:]] or [servers[0].url]
        rooms = [Room(url, n, f"W{n}", {}, {}, [f"phone-{i}" for i in range(args.phones)])
                 for n in range(args.sessions)]
        plan = Plan(url, args.phones, args.sessions, args.rounds, args.think)
        return asyncio.run(run(rooms, plan, phone_urls))
    finally:
        for server in servers:
            server.stop()


PATTERNS = {"spread": 10.0, "burst": 1.0}  # phones answer within this many seconds

#: The cases docs/performance.md reports: name -> (phones, sessions, think, hog).
CASES = {
    "spread-1000": (1000, 1, 10.0, False),
    "burst-500": (500, 1, 1.0, False),
    "burst-1000": (1000, 1, 1.0, False),
    "burst-2000": (2000, 1, 2.0, False),
    "spread-2000": (2000, 1, 10.0, False),
    "sessions-50x20": (20, 50, 10.0, False),
    "sessions-50x20-burst": (20, 50, 1.0, False),
    "overload-2000-hog": (2000, 1, 10.0, True),
    "overload-burst-1000-hog": (1000, 1, 1.0, True),
    "sessions-50x20-hog": (20, 50, 10.0, True),
}


class Hog:
    """A Python busy loop on one core (the last), beside the servers: another process hard at
    work on the machine."""

    def __init__(self):
        core = max(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
        pin = f"os.sched_setaffinity(0, {{{core}}})\n" if core is not None else ""
        self.process = subprocess.Popen([sys.executable, "-c", "import os\n" + pin +
                                         "while True:\n    pass\n"])

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


ROWS = (("step change -> a phone", "step_to_phone"), ("step change -> every phone", "step_to_all"),
        ("answer -> acknowledged", "answer_acknowledged"),
        ("answer -> counted on the screen", "answer_on_screen"))


def _cpu_per_answer(report: Report) -> float | None:
    if report.server_cpu_seconds is None or not report.answers_sent:
        return None
    return 1000 * report.server_cpu_seconds / report.answers_sent


def comparison(ours: Report, bare: Report) -> str:
    lines = [f"{'':34}{'facilitator p50/p95':>22}{'bare p50/p95':>18}{'ratio p50/p95':>16}"]
    for label, name in ROWS:
        a, b = getattr(ours, name), getattr(bare, name)
        ratio = "/".join(f"{x / y:.1f}" if x and y else "-" for x, y in ((a.p50, b.p50), (a.p95, b.p95)))
        lines.append(f"{label:34}{_pair(a):>22}{_pair(b):>18}{ratio:>16}")
    per = [r.memory_per_phone_kb for r in (ours, bare)]
    lines.append(f"{'memory per connected phone':34}" + "".join(
        f"{(f'{v:.0f} KB' if v is not None else '-'):>{w}}" for v, w in zip(per, (22, 18), strict=True))
        + (f"{per[0] / per[1]:>16.1f}" if all(per) else ""))
    cpu = [_cpu_per_answer(r) for r in (ours, bare)]
    lines.append(f"{'server CPU per answer':34}" + "".join(
        f"{(f'{v:.2f} ms' if v is not None else '-'):>{w}}" for v, w in zip(cpu, (22, 18), strict=True))
        + (f"{cpu[0] / cpu[1]:>16.1f}" if all(cpu) else ""))
    for name, report in (("facilitator", ours), ("bare", bare)):
        lines.append(f"{name}: {report.connected} phones connected, {report.answers_sent} answers, "
                     f"{report.answers_lost} lost, {report.answers_busy} busy and sent again, "
                     f"{len(report.errors)} errors, {report.steps_missed} step changes missed")
    return "\n".join(lines)


def summary(results: list[dict]) -> str:
    """One markdown row per run and measure: facilitator's p95 against the bare server's."""
    lines = ["| case | run | measure (p95) | facilitator | bare | ratio |",
             "| --- | --- | --- | --- | --- | --- |"]
    for result in results:
        ours, bare = result["facilitator"], result["bare"]
        first = True
        for label, name in (*ROWS, ("last ack -> screen has all", "settled_after_last_ack")):
            a, b = ours[name]["p95"], bare[name]["p95"]
            name = result["case"] + (f", {result['processes']} processes"
                                     if result.get("processes", 1) > 1 else "") + \
                (f", {result['held']} held" if result.get("held") else "") + \
                (f" (load {result['load_before']:.1f})" if "load_before" in result else "")
            cells = [name if first else "", str(result["run"]) if first else "", label,
                     "-" if a is None else f"{a:.0f} ms", "-" if b is None else f"{b:.0f} ms",
                     f"{a / b:.1f}" if a and b else "-"]
            lines.append("| " + " | ".join(cells) + " |")
            first = False
        cpu = [r["server_cpu_seconds"] * 1000 / r["answers_sent"]
               if r["server_cpu_seconds"] is not None and r["answers_sent"] else None
               for r in (ours, bare)]
        lines.append("|  |  | CPU per answer | " + " | ".join(
            "-" if v is None else f"{v:.2f} ms" for v in cpu) +
            (f" | {cpu[0] / cpu[1]:.1f} |" if all(cpu) else " | - |"))
        lines.append(f"|  |  | lost / busy retried / errors | {ours['answers_lost']} / "
                     f"{ours['answers_busy']} / {len(ours['errors'])} | {bare['answers_lost']} / "
                     f"{bare['answers_busy']} / {len(bare['errors'])} | |")
    return "\n".join(lines)


def _pair(spread) -> str:
    return "-" if spread.p50 is None else f"{spread.p50:.0f}/{spread.p95:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, help="phones per session")
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pattern", choices=sorted(PATTERNS), default="spread",
                        help="how the phones answer: spread (within 10 s) or burst (within 1 s)")
    parser.add_argument("--think", type=float, help="answer within this many seconds (overrides --pattern)")
    parser.add_argument("--hog", action="store_true", help="a CPU busy loop on one core beside the servers")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="a named case (repeatable)")
    parser.add_argument("--cases", action="store_true", help="every case of docs/performance.md")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each case")
    parser.add_argument("--pause", type=float, default=15.0, help="seconds between runs")
    parser.add_argument("--profile", type=Path,
                        help="run facilitator under cProfile and write its statistics to this file")
    parser.add_argument("--processes", type=int, choices=(1, 2, 3, 4), default=1,
                        help="server processes (2 or more: Redis and PostgreSQL; the trainer on the "
                             "first, the phones spread over the others)")
    parser.add_argument("--held", type=int, default=0, metavar="N",
                        help="facilitator's database holds N ended sessions of 20 people from "
                             "earlier trainings before the run (held_sessions.py)")
    parser.add_argument("--json", type=Path, help="also write the reports to this file")
    parser.add_argument("--summarise", type=Path, nargs="+", metavar="JSON",
                        help="only print the table of runs written earlier with --json")
    parser.add_argument("--threading", action="store_true",
                        help="both servers with a thread per connection instead of gevent's event loop")
    args = parser.parse_args()
    if args.summarise:
        print(summary([run for path in args.summarise for run in json.loads(path.read_text())]))
        return
    if args.cases or args.case:
        cases = [(name, *CASES[name]) for name in (CASES if args.cases else args.case)]
    elif args.phones:
        think = args.think if args.think is not None else PATTERNS[args.pattern]
        cases = [(f"{args.sessions}x{args.phones} within {think:g} s" + (" + hog" if args.hog else ""),
                  args.phones, args.sessions, think, args.hog)]
    else:
        parser.error("give --phones, --case or --cases")
    results = []
    for name, phones, sessions, think, hog in cases:
        for number in range(1, args.repeat + 1):
            if results:
                time.sleep(args.pause)
            results.append(measure(args, name, number, phones, sessions, think, hog))
            if args.json:
                args.json.write_text(json.dumps(results, indent=2))
    if len(results) > 1:
        print("\n" + summary(results))


def measure(args, name: str, number: int, phones: int, sessions: int, think: float,
            hog: bool) -> dict:
    run_id = uuid.uuid4().hex[:8]
    load = os.getloadavg()[0]
    case = argparse.Namespace(**{**vars(args), "phones": phones, "sessions": sessions,
                                 "think": think})
    hogging = Hog() if hog else None
    try:
        with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as folder:
            ours = measure_facilitator(case, Path(folder), run_id)
            bare = measure_baseline(case, Path(folder), run_id)
    finally:
        if hogging is not None:
            hogging.stop()
    mode = "threading" if args.threading else "gevent"
    print(f"== {name}, run {number}: {sessions} session(s) of {phones} phones, {args.processes} "
          f"process(es), {mode}, {args.rounds} step changes, answers within {think:g} s"
          f"{', a CPU hog on one core' if hog else ''}"
          f"{f', {args.held} sessions held before' if args.held else ''}; load {load:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")
    print("\nfacilitator\n" + ours.text() + "\n\nbare python-socketio\n" + bare.text() + "\n")
    print(comparison(ours, bare), flush=True)
    return {"case": name, "run": number, "phones": phones, "sessions": sessions, "think": think,
            "hog": hog, "load_before": load, "processes": args.processes, "held": args.held,
            "facilitator": ours.as_dict(), "bare": bare.as_dict()}


if __name__ == "__main__":
    main()
