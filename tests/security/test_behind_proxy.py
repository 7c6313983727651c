"""Behind an HTTPS reverse proxy (FACILITATOR_BEHIND_PROXY=1): cookies are Secure, and each
phone is known by its own address, also on its live connection, so that one guesser cannot lock
the whole room out."""

from __future__ import annotations

import http.cookiejar
import queue
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
import socketio

from ..clients import Browser
from ..servers import Server

pytestmark = pytest.mark.server
PUBLIC = "https://training.example.nl"
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "training.example.nl"}


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("proxied"), extra_env={
        "FACILITATOR_BEHIND_PROXY": "1", "FACILITATOR_JOIN_RATE_LIMIT": "5 per minute",
        "FACILITATOR_JOIN_ADDRESS_LIMIT": "5 per minute"})  # guesses without a cookie: per address
    server.prepare()
    server.start()
    yield server
    server.stop()


def _behind_proxy(server: Server, address: str = "203.0.113.10") -> Browser:
    """A browser whose requests reach the app through the HTTPS proxy."""
    browser = Browser(server.url)
    browser.opener.addheaders = [("X-Forwarded-For", address), *PROXY.items()]
    # The proxy speaks HTTPS to the browser: Secure cookies do come back.
    browser.jar.set_policy(http.cookiejar.DefaultCookiePolicy(secure_protocols=("http", "https")))
    return browser


def _post(browser: Browser, path: str, data: dict) -> int:
    """Fill in and send a form as a browser does: it sends a Referer only if the page allows."""
    with browser.opener.open(browser.base + path, timeout=15) as page:
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
        policy = page.headers["Referrer-Policy"]
    headers = {} if policy == "no-referrer" else {"Referer": PUBLIC + path}
    request = urllib.request.Request(browser.base + path, headers=headers, data=urllib.parse.urlencode(
        {**data, "csrf_token": token}).encode())
    try:
        with browser.opener.open(request, timeout=15) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _connect(server: Server, address: str, auth: dict, *, origin: str = PUBLIC,
             cookie: str = "") -> tuple[bool, str]:
    """Whether the live connection was accepted, and else why, as soon as the server says so.

    A refused polling client has the server's reason at once, as a browser shows it, but its own
    teardown can wait out its long poll (the 25 s ping interval): it is left to finish alone, and
    so is an accepted one's disconnect."""
    client = socketio.Client(reconnection=False)  # polling: websocket-client adds its own Origin
    outcome: queue.Queue[tuple[bool, str]] = queue.Queue()
    client.on("connect", lambda: outcome.put((True, "")))
    client.on("connect_error", lambda data: outcome.put((False, str(data))))
    headers = {"X-Forwarded-For": address, "Origin": origin, **PROXY}
    if cookie:
        headers["Cookie"] = cookie

    def connect():
        try:
            client.connect(server.url, auth=auth, transports=["polling"], wait_timeout=10,
                           headers=headers)
        except socketio.exceptions.ConnectionError as refused:  # refused before the namespace
            outcome.put((False, str(refused)))

    threading.Thread(target=connect, daemon=True).start()
    accepted, why = outcome.get(timeout=20)
    if accepted:
        threading.Thread(target=client.disconnect, daemon=True).start()
    return accepted, why


def test_the_live_connection_knows_each_phone_by_its_own_address(proxied):
    """A guesser on the live connection is held up by their own address, not the proxy's: the
    room next to them can still try a code, on the live connection and on the web."""
    session = proxied.create_session("stellingen-veilig-werken")
    guesses = [_connect(proxied, "203.0.113.66", {"role": "phone", "code": f"ZZZZ{i:02d}"})
               for i in range(6)]
    assert not any(ok for ok, _ in guesses)
    assert "Te veel codes geprobeerd" in guesses[-1][1], guesses[-1]
    assert _behind_proxy(proxied, "203.0.113.66").get(f"/j/{session['code']}")[0] == 429

    ok, why = _connect(proxied, "203.0.113.20", {"role": "phone", "code": "ZZZZ99"})
    assert not ok and "Te veel" not in why, f"another phone was held up by the guesser's count: {why}"
    assert _behind_proxy(proxied, "203.0.113.20").get(f"/j/{session['code']}")[0] == 200


def test_forms_work_behind_the_proxy_and_its_cookies_are_secure(proxied):
    session = proxied.create_session("stellingen-veilig-werken")
    phone = _behind_proxy(proxied)
    assert _post(phone, f"/j/{session['code']}", {"name": ""}) == 302
    trainer = _behind_proxy(proxied)
    assert _post(trainer, "/login", {"email": proxied.trainer_email, "password": proxied.password,
                                   "remember": "1"}) == 302
    cookies = {c.name: c for c in [*phone.jar, *trainer.jar]}
    for name in (f"fac_{session['code']}", "session", "remember_token"):
        assert cookies[name].secure, f"{name} is sent over plain HTTP too"


def test_a_page_on_another_site_cannot_open_the_trainers_live_connection(proxied):
    """Cross-site WebSocket hijacking: the trainer's cookies go along, the Origin gives it away."""
    session = proxied.create_session("stellingen-veilig-werken")
    trainer = _behind_proxy(proxied)
    assert _post(trainer, "/login", {"email": proxied.trainer_email, "password": proxied.password}) == 302
    auth = {"role": "console", "workshop": session["id"]}
    ok, _why = _connect(proxied, "203.0.113.30", auth, origin="https://evil.example",
                        cookie=trainer.cookie_header())
    assert not ok, "another site's page drove the trainer's console"
    ok, why = _connect(proxied, "203.0.113.30", auth, cookie=trainer.cookie_header())
    assert ok, why
