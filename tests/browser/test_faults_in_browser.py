"""Faults as people in the room see them, in a real browser: the server killed, a phone offline
for thirty seconds, two trainer windows pressing "next" at once, the database away.

These pages lose their connection on purpose, so the browser's own network messages ("WebSocket
connection failed", net::ERR_...) are expected; any script error still fails the test.
"""

from __future__ import annotations

import re
import sqlite3
import time

import pytest
from playwright.sync_api import expect

from ..reliability.postgres import BIN, PrivatePostgres
from ..servers import Server
from .conftest import PHONE, await_live

ONLINE, OFFLINE = "verbonden", "Offline: opnieuw verbinden…"
NOT_SENT = "Niet verstuurd: je bent offline"
MOVED_ON = "De sessie is al verder; dit was voor een andere stap."
NETWORK = re.compile(r"WebSocket connection to|net::ERR_|Failed to load resource")


@pytest.fixture
def pages(browser):
    """make(kind, server) -> a page; kind is "phone" or "trainer" (signed in on that server)."""
    contexts, errors = [], []

    def make(kind: str, server: Server):
        context = browser.new_context(**(PHONE if kind == "phone" else
                                         {"viewport": {"width": 1280, "height": 800}}))
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}")
                if msg.type == "error" and not NETWORK.search(msg.text) else None)
        page.set_default_timeout(15_000)
        if kind == "trainer":
            page.goto(server.url + "/login")
            page.fill("#email", server.trainer_email)
            page.fill("#password", server.password)
            page.click("button.primary")
            page.wait_for_url("**/trainer")
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def own_server(tmp_path):
    """A server of this test alone: it is killed and restarted."""
    server = Server(tmp_path / "server")
    server.prepare()
    server.start()
    yield server
    server.stop()


def _joined(pages, server: Server, session: dict):
    phone = pages("phone", server)
    phone.goto(session["join_url"])
    phone.click("#join")
    expect(phone.locator("[data-conn]")).to_have_text(ONLINE)
    return phone


def test_the_server_killed_mid_vote_phone_and_console_come_back(own_server, pages, screenshot):
    session = own_server.create_session("stellingen-veilig-werken")
    console = pages("trainer", own_server)
    console.goto(session["console_url"])
    await_live(console)
    phone = _joined(pages, own_server, session)
    console.click("[data-action=start]")
    statement = phone.locator(".statement")
    expect(statement).to_contain_text("Een klant die tegen mij scheldt")
    phone.click("button.choice.agree")
    expect(phone.locator("button.choice.agree")).to_have_attribute("aria-pressed", "true")

    own_server.kill()
    for page in (phone, console):
        expect(page.locator("[data-conn]")).to_have_text(OFFLINE)
    expect(phone.locator("[data-conn]")).to_have_class(re.compile("offline"))
    screenshot(phone, "fault-phone-server-gone")
    own_server.start()

    for page in (phone, console):
        expect(page.locator("[data-conn]")).to_have_text(ONLINE, timeout=30_000)
    expect(statement).to_contain_text("Een klant die tegen mij scheldt")  # the same step
    expect(phone.locator("button.choice.agree")).to_have_attribute("aria-pressed", "true")
    phone.click("button.choice.disagree")  # and the vote goes on
    expect(phone.locator("button.choice.disagree")).to_have_attribute("aria-pressed", "true")
    expect(console.locator('[data-count="disagree"]')).to_have_text("1")
    expect(console.locator('[data-count="agree"]')).to_have_text("0")


def test_a_phone_offline_for_thirty_seconds_reports_what_was_not_sent_and_resumes(
        live_server, pages, screenshot):
    session = live_server.create_session("stellingen-veilig-werken")
    console = pages("trainer", live_server)
    console.goto(session["console_url"])
    await_live(console)
    phone = _joined(pages, live_server, session)
    console.click("[data-action=start]")
    phone.click("button.choice.agree")
    expect(phone.locator("button.choice.agree")).to_have_attribute("aria-pressed", "true")

    phone.context.set_offline(True)
    went_offline = time.monotonic()
    expect(phone.locator("[data-conn]")).to_have_text(OFFLINE, timeout=5_000)
    phone.click("button.choice.disagree")  # a change of mind while the network is gone
    expect(phone.locator("[data-error]")).to_contain_text(NOT_SENT)
    expect(phone.locator("button.choice.agree")).to_have_attribute("aria-pressed", "true")
    screenshot(phone, "fault-phone-offline-not-sent")
    console.click("[data-action=next]")  # the group moves on meanwhile
    time.sleep(max(0.0, 30 - (time.monotonic() - went_offline)))
    phone.context.set_offline(False)

    expect(phone.locator("[data-conn]")).to_have_text(ONLINE, timeout=20_000)
    expect(phone.locator(".statement")).to_contain_text("zonder lichamelijk geweld")
    console.click("[data-action=previous]")
    expect(phone.locator("#stage")).to_contain_text("Jouw standpunt: eens")  # kept, not changed
    console.click("[data-action=reveal]")
    expect(console.locator('[data-count="agree"]')).to_have_text("1")
    expect(console.locator('[data-count="disagree"]')).to_have_text("0")  # not sent later either
    with sqlite3.connect(live_server.folder / "db.sqlite") as db:
        stored = db.execute("select count(*) from entries e join steps s on s.id = e.step_id "
                            "join activities a on a.id = s.activity_id "
                            "where a.workshop_id = ?", (session["id"],)).fetchone()[0]
    assert stored == 1


def test_a_trainer_window_offline_says_not_sent_and_does_not_move_the_group_later(live_server, pages):
    session = live_server.create_session("stellingen-veilig-werken")
    console = pages("trainer", live_server)
    console.goto(session["console_url"])
    await_live(console)
    console.click("[data-action=start]")
    expect(console.locator("[data-action=next]")).to_be_visible()
    first = console.locator("#current-title").inner_text()
    console.context.set_offline(True)
    expect(console.locator("[data-conn]")).to_have_text(OFFLINE)
    console.click("[data-action=next]")
    expect(console.locator("[data-error]")).to_contain_text(NOT_SENT)
    console.context.set_offline(False)
    expect(console.locator("[data-conn]")).to_have_text(ONLINE, timeout=20_000)
    console.reload()
    expect(console.locator("#current-title")).to_have_text(first)


def test_two_trainer_windows_pressing_next_at_once(live_server, pages, screenshot):
    """The tablet's link is slow: the laptop's move reaches it only after its own "next"."""
    session = live_server.create_session("stellingen-veilig-werken")
    laptop = pages("trainer", live_server)
    tablet = pages("trainer", live_server)
    held, slow, routes = [], {"on": False}, []

    def slow_link(route):
        routes.append(route)
        server = route.connect_to_server()

        def to_tablet(message):
            if slow["on"] and isinstance(message, str) and message.startswith('42["snapshot"'):
                held.append(message)
            else:
                route.send(message)

        server.on_message(to_tablet)

    tablet.route_web_socket(re.compile(r".*/socket\.io/.*"), slow_link)
    for page in (laptop, tablet):
        page.goto(session["console_url"])
        expect(page.locator("[data-conn]")).to_have_text(ONLINE)
    laptop.click("[data-action=start]")
    for page in (laptop, tablet):
        expect(page.locator("[data-action=next]")).to_be_visible()
    first = laptop.locator("#current-title").inner_text()

    slow["on"] = True
    laptop.click("[data-action=next]")
    expect(laptop.locator("#current-title")).not_to_have_text(first)
    tablet.click("[data-action=next]")  # still showing the first step
    expect(tablet.locator("[data-error]")).to_have_text(MOVED_ON)
    slow["on"] = False
    assert held, "the laptop's move was not held back from the tablet"
    for message in held:
        routes[-1].send(message)
    expect(tablet.locator("#current-title")).to_have_text(laptop.locator("#current-title").inner_text())
    expect(tablet.locator("[data-error]")).to_have_text(MOVED_ON)  # still there: this is why
    expect(tablet.locator("[data-error]")).to_be_in_viewport()
    screenshot(tablet, "fault-second-console-refused")
    assert laptop.locator("[aria-current=step]").inner_text() == tablet.locator(
        "[aria-current=step]").inner_text()


@pytest.mark.skipif(BIN is None, reason="PostgreSQL binaries are not installed")
def test_the_database_away_while_a_phone_reconnects(tmp_path, pages):
    postgres = PrivatePostgres()
    postgres.start()
    server = Server(tmp_path / "server", database_url=postgres.url)
    try:
        server.prepare()
        server.start()
        session = server.create_session("stellingen-veilig-werken")
        phone = _joined(pages, server, session)
        postgres.stop()
        phone.context.set_offline(True)  # the phone's Wi-Fi blinks while the database is away
        expect(phone.locator("[data-conn]")).to_have_text(OFFLINE)
        phone.context.set_offline(False)
        expect(phone.locator("[data-error]")).to_have_text(
            "De database is even niet bereikbaar. Probeer het zo opnieuw.")
        postgres.start()
        expect(phone.locator("[data-conn]")).to_have_text(ONLINE, timeout=20_000)
        expect(phone.locator("[data-error]")).to_be_hidden()
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
    finally:
        server.stop()
        postgres.remove()


def test_a_busy_server_makes_the_phone_send_its_answer_again_by_itself(live_server, pages,
                                                                       screenshot):
    """The server says "busy, try again" (too many answers at once): the phone waits and sends
    the same answer again by itself, without the person tapping twice, until it is taken."""
    session = live_server.create_session("stellingen-veilig-werken")
    console = pages("trainer", live_server)
    console.goto(session["console_url"])
    await_live(console)
    answers, refusals = [], 2

    def busy_at_first(route):
        server = route.connect_to_server()

        def to_server(message):
            found = re.match(r'42(\d+)\["answer",(.*)\]$', message) if isinstance(message, str) else None
            if found:
                answers.append(found.group(2))
                if len(answers) <= refusals:  # the server's "busy" acknowledgement, from here
                    route.send(f'43{found.group(1)}[{{"ok":false,"busy":true,"retry_after":0.3,'
                               '"error":"Veel antwoorden tegelijk"}]')
                    return
            server.send(message)

        route.on_message(to_server)

    phone = pages("phone", live_server)
    phone.route_web_socket(re.compile(r".*/socket\.io/.*"), busy_at_first)
    phone.goto(session["join_url"])
    phone.click("#join")
    expect(phone.locator("[data-conn]")).to_have_text(ONLINE)
    console.click("[data-action=start]")
    phone.click("button.choice.agree")  # once
    expect(phone.locator("button.choice.agree")).to_have_attribute("aria-pressed", "true")
    expect(console.locator("[data-answered] strong")).to_have_text("1")
    assert len(answers) == refusals + 1, answers
    assert len(set(answers)) == 1, "each time the same answer, with the same client id"
    expect(phone.locator("[data-error]")).to_be_hidden()
    screenshot(phone, "busy-answer-sent-again-phone")
    screenshot(console, "busy-answer-console-patched")  # the count came as a patch
    console.click("[data-action=reveal]")
    expect(console.locator('[data-count="agree"]')).to_have_text("1")
