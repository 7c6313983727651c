"""Clients that talk to a real server the way browsers and phones do: HTTP with cookies and CSRF
tokens, and python-socketio connections that reconnect by themselves."""

from __future__ import annotations

import asyncio
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import socketio

from facilitator.live.snapshots import patched


def run_coroutine(coroutine):
    """``asyncio.run`` on a thread of its own: the browser tests' Playwright keeps an event loop
    running on the main thread for the whole test session."""
    outcome = {}

    def run():
        try:
            outcome["result"] = asyncio.run(coroutine)
        except BaseException as failure:  # handed to the caller below
            outcome["error"] = failure

    worker = threading.Thread(target=run, name="asyncio-test-run")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """An HTTP client with a cookie jar that fills in CSRF tokens, like a person's browser."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=15) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, data: dict, *, form_page: str | None = None) -> int:
        _status, page = self.get(form_page or path)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        fields = {**data, **({"csrf_token": token.group(1)} if token else {})}
        request = urllib.request.Request(self.base + path,
                                         data=urllib.parse.urlencode(fields).encode())
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


class Live:
    """A Socket.IO connection of one view that asks for a snapshot on every (re)connect."""

    def __init__(self, base: str, auth: dict, headers: dict | None = None):
        self.snapshots: list[dict] = []
        self.connects = 0
        self._snapshot_count_at_connect: dict[int, int] = {}
        self.changed = threading.Event()
        self._taking = threading.Lock()  # snapshots come on the client's thread and on hello's
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2,
                                   reconnection_delay_max=1)
        self.sio.on("connect", self._on_connect)
        self.sio.on("snapshot", self._on_snapshot)
        self.sio.connect(base, auth=auth, headers=headers or {}, transports=["websocket"],
                         wait_timeout=10)

    def _on_connect(self):
        self.connects += 1
        self._snapshot_count_at_connect[self.connects] = len(self.snapshots)
        threading.Thread(target=self._hello, daemon=True).start()

    def _hello(self):
        try:
            ack = self.sio.call("hello", {}, timeout=10)
        except Exception:  # the server went away again; the next connect asks once more
            return
        if ack and ack.get("ok"):
            self._on_snapshot(ack["snapshot"])

    def _on_snapshot(self, snapshot):
        with self._taking:
            self._take(snapshot)

    def _take(self, snapshot):
        # As live.js does: a snapshot read before the one shown was overtaken on the way (the
        # answer to a slow "hello" that arrives after the broadcast of a step change) is dropped.
        last = self.snapshots[-1] if self.snapshots else {}
        meta = snapshot.get("meta") or {}
        if last.get("meta", {}).get("rendered", 0) > meta.get("rendered", float("inf")):
            return
        if "parts" in snapshot:  # a patch of the view shown, as live.js applies it
            html = patched(last["html"], snapshot["parts"]) if last and all(
                last["meta"].get(k) == meta.get(k) for k in ("step", "status")) else None
            if html is None:
                threading.Thread(target=self._hello, daemon=True).start()
                return
            snapshot = {"html": html, "meta": meta}
        self.snapshots.append(snapshot)
        self.changed.set()

    @property
    def meta(self) -> dict:
        return self.snapshots[-1]["meta"] if self.snapshots else {}

    def wait_for(self, predicate, timeout: float = 15.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.snapshots and predicate(self.snapshots[-1]):
                return self.snapshots[-1]
            self.changed.clear()
            self.changed.wait(0.2)
        raise AssertionError(f"no matching snapshot in {timeout}s; last meta: {self.meta}")

    def wait_reconnected(self, connects: int, timeout: float = 20.0) -> dict:
        """Wait until the client connected ``connects`` times and got a snapshot since."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.connects >= connects and len(self.snapshots) > self._seen_at(connects):
                return self.snapshots[-1]
            time.sleep(0.1)
        raise AssertionError(f"connected {self.connects} times, wanted {connects}")

    def _seen_at(self, connects: int) -> int:
        return self._snapshot_count_at_connect.get(connects, 10**9)

    def call(self, event: str, data: dict, timeout: float = 10.0) -> dict:
        return self.sio.call(event, data, timeout=timeout)

    def close(self):
        self.sio.disconnect()


def close_all(clients) -> None:
    """Disconnect every client at once (None is left out). One disconnect can take 3 s:
    websocket-client's close waits that long for the server's close frame, which the client's own
    read loop may have taken already; one by one, twenty phones took a minute."""
    threads = [threading.Thread(target=client.close, daemon=True)
               for client in clients if client is not None]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)


def join_phone(base: str, code: str, name: str = "") -> Live:
    browser = Browser(base)
    status = browser.post(f"/j/{code}", {"name": name})
    assert status == 302, f"join failed with {status}"
    token = browser.cookie(f"fac_{code}")
    return Live(base, {"role": "phone", "code": code, "token": token})


def trainer_console(base: str, email: str, password: str, workshop_id: int) -> Live:
    browser = Browser(base)
    assert browser.post("/login", {"email": email, "password": password}) == 302
    return Live(base, {"role": "console", "workshop": workshop_id},
                headers={"Cookie": browser.cookie_header()})


def shared_screen(base: str, session: dict) -> Live:
    """The shared screen, opened with the screen link as the projector laptop does."""
    browser = Browser(base)
    status, _page = browser.get(session["screen_url"].removeprefix(base))
    assert status == 302  # the key is swapped for the screen's cookie
    return Live(base, {"role": "screen", "workshop": session["id"]},
                headers={"Cookie": browser.cookie_header()})


def put_in_place(shown: dict, patches: list[dict]) -> dict:
    """The snapshot a view shows after these patches, put in place as live.js does."""
    for patch in patches:
        shown = {"html": patched(shown["html"], patch["parts"]), "meta": patch["meta"]}
    return shown
