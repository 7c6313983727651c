"""A real facilitator server process for tests: its own instance folder, database and port."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
PASSWORD = "correct horse battery"
#: /healthz shows its figures with this token; the load test in this process reads it too.
HEALTH_TOKEN = os.environ.setdefault("FACILITATOR_HEALTH_TOKEN", "test-health-token")
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, folder: Path, *, database_url: str | None = None, port: int | None = None,
                 extra_env: dict | None = None, bin_dir: Path | None = None,
                 command: list[str] | None = None):
        self.bin = Path(bin_dir or BIN)
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "FACILITATOR_INSTANCE": str(self.folder),
            "FACILITATOR_SECRET_KEY": "browser-test-secret",
            "FACILITATOR_DATABASE_URL": database_url or f"sqlite:///{self.folder / 'db.sqlite'}",
            "FACILITATOR_PUBLIC_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            # the load tests join hundreds of phones from 127.0.0.1 within seconds
            "FACILITATOR_JOINS_PER_ADDRESS": "100000 per minute",
            "FACILITATOR_JOINS_PER_CODE": "100000 per minute",
            **(extra_env or {}),
        }
        # How the server is started, "{port}" standing for the port. Default: `facilitator serve`.
        self.command = command or [str(self.bin / "facilitator"), "serve", "--host", "127.0.0.1",
                                   "--port", "{port}"]
        self.process: subprocess.Popen | None = None
        self.trainer_email = "trainer@example.nl"
        self.password = PASSWORD

    def cli(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([str(self.bin / "facilitator"), *args], env=self.env, input=stdin,
                              capture_output=True, text=True, timeout=60, cwd=self.folder)
        if done.returncode != 0:
            raise RuntimeError(f"facilitator {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def command_line(self) -> list[str]:
        return [part.format(port=self.port) for part in self.command]

    def start(self) -> Server:
        self.log = open(self.folder / "server.log", "a")
        self.process = subprocess.Popen(
            self.command_line(), env=self.env, stdout=self.log,
            stderr=subprocess.STDOUT, cwd=self.folder)
        # Ready once it answers a request: `facilitator serve` listens when it has imported
        # everything (WeasyPrint, the plugins) and checked its database, but gunicorn's master
        # listens before its worker has even imported the app. On a loaded two-core CI machine a
        # cold start can take half a minute on its own. Its exit is noticed at once.
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {(self.folder / 'server.log').read_text()}")
            if self._answers():
                return self
            time.sleep(0.1)
        raise RuntimeError(f"server did not start in {STARTUP_SECONDS} s: "
                           f"{(self.folder / 'server.log').read_text()[-2000:]}")

    def _answers(self) -> bool:
        """Whether an HTTP request to the server gets an answer (any answer)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                pass
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/static/favicon.svg", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except (OSError, http.client.HTTPException):
            return False

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def prepare(self) -> Server:
        """The database made and the trainer account added, as before a first start."""
        self.cli("db", "upgrade")
        self.add_trainer()
        return self

    def add_trainer(self, email: str | None = None) -> str:
        email = email or self.trainer_email
        self.cli("user", "add", email, "--role", "trainer", "--password-stdin",
                 stdin=self.password + "\n")
        return email

    def create_session(self, scenario: str, *, named: bool = False, team: str | None = None,
                       trainer: str | None = None) -> dict:
        args = ["session", "create", "--scenario", scenario, "--trainer",
                trainer or self.trainer_email, "--json", "--base-url", self.url]
        if named:
            args.append("--named")
        if team:
            args += ["--team", team]
        return json.loads(self.cli(*args))
