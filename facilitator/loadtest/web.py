"""The HTTP side of a rehearsal, done as people do it: the trainer signs in and creates sessions on
the dashboard, the shared screen is opened with its link, and phones join through the join page."""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CODE = re.compile(r'<strong class="code">([^<]+)</strong>')
SCREEN_LINK = re.compile(r'href="(/w/\d+/screen\?key=[^"]+)"')
CONSOLE = re.compile(r"/w/(\d+)/console")
TIMEOUT = aiohttp.ClientTimeout(total=60)


class RehearsalFailed(Exception):
    """The rehearsal could not be set up; the message says what to fix."""


@dataclass
class Room:
    """One session of the rehearsal: where its views connect and with what."""

    url: str
    workshop_id: int
    code: str
    console_headers: dict
    screen_headers: dict
    phone_tokens: list[str] = field(default_factory=list)


def cookie_header(jar: aiohttp.CookieJar, url: str) -> dict:
    cookies = jar.filter_cookies(URL(url))
    return {"Cookie": "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())}


def _csrf(page: str) -> str:
    found = CSRF.search(page)
    if found is None:
        raise RehearsalFailed("no CSRF token on the page: is this a facilitator server?")
    return found.group(1)


class Trainer:
    """The trainer's browser: signed in, it creates sessions, and deletes them afterwards."""

    def __init__(self, url: str, email: str, password: str):
        self.url = url.rstrip("/")
        self.email = email
        self.password = password
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=TIMEOUT)

    async def sign_in(self) -> None:
        async with self.http.get(f"{self.url}/login") as page:
            token = _csrf(await page.text())
        form = {"email": self.email, "password": self.password, "csrf_token": token}
        async with self.http.post(f"{self.url}/login", data=form, allow_redirects=False) as done:
            if done.status != 302:
                raise RehearsalFailed(f"signing in as {self.email} failed (HTTP {done.status})")

    async def create_session(self, scenario: str) -> Room:
        async with self.http.get(f"{self.url}/trainer") as page:
            token = _csrf(await page.text())
        form = {"scenario": scenario, "csrf_token": token}
        async with self.http.post(f"{self.url}/trainer/sessions", data=form,
                                  allow_redirects=False) as made:
            found = CONSOLE.search(made.headers.get("Location", ""))
            if made.status != 302 or found is None:
                raise RehearsalFailed(f"creating a session from {scenario!r} failed; "
                                      "is that a scenario on this server?")
        workshop_id = int(found.group(1))
        async with self.http.get(f"{self.url}/w/{workshop_id}/console") as page:
            console = await page.text()
        code, screen_link = CODE.search(console), SCREEN_LINK.search(console)
        if code is None or screen_link is None:
            raise RehearsalFailed("the console page has no join code or screen link")
        screen = await open_screen(self.url, screen_link.group(1).replace("&amp;", "&"))
        return Room(self.url, workshop_id, code.group(1).strip(),
                    cookie_header(self.http.cookie_jar, self.url), screen)

    async def delete_session(self, room: Room) -> None:
        async with self.http.get(f"{self.url}/trainer") as page:
            token = _csrf(await page.text())
        async with self.http.post(f"{self.url}/trainer/sessions/{room.workshop_id}/delete",
                                  data={"csrf_token": token}, allow_redirects=False,
                                  timeout=aiohttp.ClientTimeout(total=300)):
            pass  # thousands of participants and answers take a while to delete

    async def close(self) -> None:
        await self.http.close()


async def open_screen(url: str, link: str) -> dict:
    """Open the shared screen with its secret link; return the cookie the screen connects with."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=TIMEOUT) as http:
        async with http.get(url + link, allow_redirects=False) as opened:
            if opened.status != 302:
                raise RehearsalFailed(f"the screen link did not work (HTTP {opened.status})")
        return cookie_header(jar, url)


async def join_phones(url: str, code: str, count: int, *, at_once: int = 20) -> list[str]:
    """Join ``count`` phones through the join page; return each phone's secret token.

    Every phone posts the join form with the same CSRF token and session cookie (as many tabs of
    one browser would) but without the cookie of an earlier join, so each one is a new participant.
    """
    cookie = f"fac_{code}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(), timeout=TIMEOUT) as http:
        async with http.get(f"{url}/j/{code}") as page:
            token = _csrf(await page.text())
            headers = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in page.cookies.items())}
        gate = asyncio.Semaphore(at_once)

        async def one() -> str:
            async with gate, http.post(f"{url}/j/{code}", data={"name": "", "csrf_token": token},
                                       headers=headers, allow_redirects=False) as joined:
                if joined.status != 302 or cookie not in joined.cookies:
                    raise RehearsalFailed(f"joining session {code} failed (HTTP {joined.status})")
                return joined.cookies[cookie].value

        return list(await asyncio.gather(*(one() for _ in range(count))))


async def server_health(url: str, token: str | None = None) -> dict:
    """The server's own figures (memory, connections) from /healthz; empty if it has none. They
    are shown with the server's health token: ``token``, or FACILITATOR_HEALTH_TOKEN here."""
    token = token or os.environ.get("FACILITATOR_HEALTH_TOKEN")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
            async with http.get(f"{url}/healthz", headers=headers) as answer:
                return await answer.json() if answer.status == 200 else {}
    except (TimeoutError, aiohttp.ClientError, ValueError):
        return {}
