"""Run the same load against facilitator and against a bare python-socketio server doing the same
fan-out (bench/baseline_server.py), in one run, and print facilitator's figures as a ratio of the
baseline's. Both are started here, on free ports of this machine, and stopped afterwards.

    .venv/bin/python bench/compare.py --phones 1000
    .venv/bin/python bench/compare.py --phones 20 --sessions 50
    .venv/bin/python bench/compare.py --phones 500 --processes 2   # Redis + PostgreSQL
    .venv/bin/python bench/compare.py --phones 1000 --threading     # both on threads, not gevent

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
    servers = [Process([*command, "serve", "--host", "127.0.0.1"], env, folder / f"facilitator{n}.log")
               for n in range(args.processes)]
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


ROWS = (("step change -> a phone", "step_to_phone"), ("step change -> every phone", "step_to_all"),
        ("answer -> acknowledged", "answer_acknowledged"),
        ("answer -> counted on the screen", "answer_on_screen"))


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
    for name, report in (("facilitator", ours), ("bare", bare)):
        lines.append(f"{name}: {report.connected} phones connected, {report.answers_sent} answers, "
                     f"{report.answers_lost} lost, {len(report.errors)} errors, "
                     f"{report.steps_missed} step changes missed")
    return "\n".join(lines)


def _pair(spread) -> str:
    return "-" if spread.p50 is None else f"{spread.p50:.0f}/{spread.p95:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, required=True, help="phones per session")
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--think", type=float, default=10.0)
    parser.add_argument("--processes", type=int, choices=(1, 2), default=1)
    parser.add_argument("--json", type=Path, help="also write both reports to this file")
    parser.add_argument("--threading", action="store_true",
                        help="both servers with a thread per connection instead of gevent's event loop")
    args = parser.parse_args()
    run_id = uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as folder:
        ours = measure_facilitator(args, Path(folder), run_id)
        bare = measure_baseline(args, Path(folder), run_id)
    mode = "threading" if args.threading else "gevent"
    print(f"{args.sessions} session(s) of {args.phones} phones, {args.processes} process(es), {mode}, "
          f"{args.rounds} step changes, answers within {args.think:g} s; load {os.getloadavg()[0]:.2f}")
    print("\nfacilitator\n" + ours.text() + "\n\nbare python-socketio\n" + bare.text() + "\n")
    print(comparison(ours, bare))
    if args.json:
        args.json.write_text(json.dumps({"args": vars(args) | {"json": str(args.json)},
                                         "facilitator": ours.as_dict(), "bare": bare.as_dict()},
                                        indent=2))


if __name__ == "__main__":
    main()
