"""One phone floods facilitator with events; how long do the other phones wait?

Starts `facilitator serve` (gevent's event loop, SQLite, a fresh instance folder), makes two
sessions through the web pages, and runs `facilitator.loadtest.flood.measure`: one phone in the
first session sends `hello`/`answer`/`moment` at `--rate` events a second for `--seconds` seconds
(from a process of its own), while `--others` phones in each session answer four times a second,
`--joiners` new phones join, and `/healthz` is asked (with the health token).

    .venv/bin/python bench/flood.py                       # 1,000 events/s for 8 s
    .venv/bin/python bench/flood.py --rate 2000 --json flood.json

Prints the other phones' acknowledgement times (p50/p95/max, same session and other session),
how long joining took, and what the flooder got: how many events were acknowledged, refused
(over budget) and after how many seconds the server closed its connection.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import tempfile
import uuid
from pathlib import Path

from compare import BIN, PASSWORD, TRAINER, Process, facilitator_env

from facilitator.loadtest.flood import measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=int, default=1000, help="the flooder's events a second")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--others", type=int, default=5, help="ordinary phones per session")
    parser.add_argument("--joiners", type=int, default=4, help="phones joining during the flood")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    run_id = uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory(prefix="bench-flood-") as folder:
        env = facilitator_env(Path(folder), 1, run_id, threading=False)
        health_token = env["FACILITATOR_HEALTH_TOKEN"]
        command = [str(BIN / "facilitator")]
        subprocess.run([*command, "db", "upgrade"], env=env, check=True, capture_output=True)
        subprocess.run([*command, "user", "add", TRAINER, "--role", "trainer", "--password-stdin"],
                       env=env, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
        server = Process([*command, "serve", "--host", "127.0.0.1"], env,
                         Path(folder) / "facilitator.log")
        try:
            report = asyncio.run(measure(
                server.url, TRAINER, PASSWORD, rate=args.rate, seconds=args.seconds,
                others=args.others, joiners=args.joiners,
                health_headers={"Authorization": f"Bearer {health_token}"}))
        finally:
            server.stop()
    print(report.text())
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_dict(), indent=2))


if __name__ == "__main__":
    main()
