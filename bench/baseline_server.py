"""The baseline: a bare python-socketio server doing the same fan-out as facilitator, with nothing
else (no database, no templates, no work forms). bench/compare.py runs the same load against it.

It speaks facilitator's live protocol (docs/protocol.md) as far as the load test uses it: phones,
a shared screen and a console per session; ``hello``; ``control`` start/next; ``answer``. A step
change goes to every phone in one message, an answer refreshes the answering phone, and the screen
and console get at most one refresh per 0.25 s per session. With ``--redis`` several processes share
the sessions' state and messages, as facilitator's do.

    python bench/baseline_server.py --port 5300 [--redis redis://127.0.0.1:6379/0 --run ID] [--threading]

It serves on gevent's event loop, as ``facilitator serve`` does, or with ``--threading`` on Werkzeug
with a thread per connection, as ``FACILITATOR_ASYNC_MODE=threading facilitator serve`` does.
"""

from __future__ import annotations

import sys

if "--threading" not in sys.argv:  # gevent, as facilitator serve: patched before anything is imported
    from gevent import monkey

    monkey.patch_all()

import argparse
import json
import threading
import time
from pathlib import Path

import socketio
from werkzeug.serving import run_simple

COALESCE_SECONDS = 0.25
STEPS = 12
PHONE_HTML = "<section class='step'>" + "x" * 900 + "</section>"  # about a phone snapshot's size
VIEW_HTML = "<section class='view'>" + "x" * 3000 + "</section>"


class Memory:
    """The sessions' state in this process."""

    def __init__(self):
        self.positions: dict[str, int] = {}
        self.answers: dict[str, set] = {}
        self.lock = threading.Lock()

    def position(self, code: str) -> int:
        return self.positions.get(code, -1)

    def advance(self, code: str) -> int:
        with self.lock:
            self.positions[code] = min(self.position(code) + 1, STEPS - 1)
            return self.positions[code]

    def answer(self, code: str, step: int, token: str) -> bool:
        with self.lock:
            given = self.answers.setdefault(f"{code}:{step}", set())
            new = token not in given
            given.add(token)
            return new

    def answered(self, code: str, step: int) -> int:
        return len(self.answers.get(f"{code}:{step}", ()))


class Shared(Memory):
    """The sessions' state in Redis, for several processes."""

    def __init__(self, url: str, run: str):
        import redis

        self.redis = redis.Redis.from_url(url)
        self.prefix = f"bench:{run}"

    def position(self, code: str) -> int:
        return min(int(self.redis.get(f"{self.prefix}:{code}:steps") or 0), STEPS) - 1

    def advance(self, code: str) -> int:
        return min(self.redis.incr(f"{self.prefix}:{code}:steps"), STEPS) - 1

    def answer(self, code: str, step: int, token: str) -> bool:
        return bool(self.redis.sadd(f"{self.prefix}:{code}:{step}", token))

    def answered(self, code: str, step: int) -> int:
        return self.redis.scard(f"{self.prefix}:{code}:{step}")


def make_server(store: Memory, redis_url: str | None, run: str, mode: str) -> socketio.Server:
    manager = socketio.RedisManager(redis_url, channel=f"bench-{run}") if redis_url else None
    sio = socketio.Server(async_mode=mode, client_manager=manager)
    who: dict[str, tuple[str, str, str]] = {}  # sid -> (role, session code, token)
    pending: set[str] = set()
    pending_lock = threading.Lock()

    def meta(code: str, position: int) -> dict:
        if position < 0:
            return {"status": "waiting", "position": 0, "step": None}
        return {"status": "running", "position": position, "step": f"s{position + 1}",
                "takes_input": True, "open": True, "answered": store.answered(code, position)}

    def snapshot(code: str, html: str) -> dict:
        return {"html": html, "meta": meta(code, store.position(code))}

    def refresh_views(code: str) -> None:
        time.sleep(COALESCE_SECONDS)
        with pending_lock:
            pending.discard(code)
        sio.emit("snapshot", snapshot(code, VIEW_HTML), to=[f"{code}:screen", f"{code}:console"])

    def views_later(code: str) -> None:
        with pending_lock:
            if code in pending:
                return
            pending.add(code)
        sio.start_background_task(refresh_views, code)

    @sio.event
    def connect(sid, environ, auth):
        auth = auth if isinstance(auth, dict) else {}
        role = auth.get("role")
        code = str(auth.get("code")) if role == "phone" else f"W{auth.get('workshop')}"
        if role not in ("phone", "screen", "console"):
            raise ConnectionRefusedError("Unknown role.")
        who[sid] = (role, code, str(auth.get("token", "")))
        sio.enter_room(sid, f"{code}:{role}")
        views_later(code)

    @sio.event
    def disconnect(sid, *_reason):
        _role, code, _token = who.pop(sid, (None, None, None))
        if code:
            views_later(code)

    @sio.on("hello")
    def hello(sid, _data=None):
        role, code, _token = who[sid]
        return {"ok": True, "snapshot": snapshot(code, PHONE_HTML if role == "phone" else VIEW_HTML)}

    @sio.on("control")
    def control(sid, data):
        role, code, _token = who[sid]
        if role != "console":
            return {"ok": False, "error": "Only the trainer of this session can do that."}
        store.advance(code)
        sio.emit("snapshot", snapshot(code, VIEW_HTML), to=[f"{code}:console", f"{code}:screen"])
        sio.emit("snapshot", snapshot(code, PHONE_HTML), to=f"{code}:phone")
        return {"ok": True}

    @sio.on("answer")
    def answer(sid, data):
        role, code, token = who[sid]
        position = store.position(code)
        if role != "phone" or data.get("step") != f"s{position + 1}":
            return {"ok": False, "error": "This question is no longer open."}
        changed = store.answer(code, position, token)
        if changed:
            views_later(code)
            sio.emit("snapshot", snapshot(code, PHONE_HTML), to=sid)
        return {"ok": True, "changed": changed}

    return sio


def healthz(environ, start_response):
    """The same figures as facilitator's /healthz: memory, CPU time and threads of this process."""
    rss = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
               if line.startswith("VmRSS:"))
    body = json.dumps({"ok": True, "rss_kb": rss, "cpu_seconds": time.process_time(),
                       "threads": threading.active_count()}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5300)
    parser.add_argument("--redis", help="share state and messages with other processes")
    parser.add_argument("--run", default="baseline", help="keeps this run's keys and messages apart")
    parser.add_argument("--threading", action="store_true",
                        help="a thread per connection (Werkzeug) instead of gevent's event loop")
    args = parser.parse_args()
    store = Shared(args.redis, args.run) if args.redis else Memory()
    mode = "threading" if args.threading else "gevent"
    app = socketio.WSGIApp(make_server(store, args.redis, args.run, mode), healthz)
    if args.threading:
        run_simple(args.host, args.port, app, threaded=True)
    else:
        from gevent.pywsgi import WSGIServer

        WSGIServer((args.host, args.port), app, log=None).serve_forever()


if __name__ == "__main__":
    main()
