"""The shared screen in a real browser takes the count that answers send it as a patch (only the
"3 of 3 have answered" line, not the whole screen) and shows it, without asking for the whole
screen again; after the reveal, answers change the whole screen."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from .conftest import await_live


def test_the_screen_puts_the_count_in_place_without_asking_for_the_whole_screen(
        live_server, trainer_page, new_phone, screenshot):
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    screen = trainer_page()  # signed in; the screen's socket is watched before it opens
    hellos, patches = [], []

    def watched(route):
        server = route.connect_to_server()

        def to_server(message):
            if isinstance(message, str) and re.match(r'42\d*\["hello"', message):
                hellos.append(message)
            server.send(message)

        def from_server(message):
            found = re.match(r'42\["snapshot",(.*)\]$', message) if isinstance(message, str) else None
            if found and "parts" in json.loads(found.group(1)):
                patches.append(json.loads(found.group(1))["parts"])
            route.send(message)

        route.on_message(to_server)
        server.on_message(from_server)

    screen.route_web_socket(re.compile(r".*/socket\.io/.*"), watched)
    screen.set_viewport_size({"width": 1920, "height": 1080})
    screen.goto(session["screen_url"])
    await_live(screen)
    phones = [new_phone() for _ in range(3)]
    for phone in phones:
        phone.goto(session["join_url"])
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
    console.click("[data-action=start]")
    expect(screen.locator(".statement")).to_be_visible()
    asked = len(hellos)
    for number, (phone, choice) in enumerate(zip(phones, ["agree", "agree", "disagree"],
                                                 strict=True), start=1):
        phone.click(f"button.choice.{choice}")
        expect(screen.locator("[data-answered]")).to_have_text(f"{number} van 3 hebben geantwoord")
    assert patches and all(set(parts) <= {"answered", "countdown"} for parts in patches), patches
    assert len(hellos) == asked, "the screen asked for the whole screen instead of taking the patch"
    expect(screen.locator(".statement")).to_be_visible()  # the rest of the screen as it was
    screenshot(screen, "screen-count-patched")
    console.click("[data-action=reveal]")
    expect(screen.locator('[data-count="agree"]')).to_have_text("2")
