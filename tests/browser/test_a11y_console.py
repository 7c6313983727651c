"""The trainer console on one laptop screen (1440x900): steps, controls, the room and the next
action in view without scrolling the page; keyboard shortcuts that are shown and work; a clear
sign of the connection and of how many phones are connected and have answered."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from . import a11y

IN_VIEW = """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
  return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }"""


def _joined(live_server, new_phone, session, count):
    phones = []
    for _ in range(count):
        phone = new_phone()
        phone.goto(session["join_url"])
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
        phones.append(phone)
    return phones


def _in_view(page, *selectors):
    missing = [s for s in selectors if not page.evaluate(IN_VIEW, s)]
    assert not missing, f"not in view at {page.viewport_size}: {missing}"


def test_a_live_session_fits_one_laptop_screen_with_the_next_action_obvious(live_server, trainer_page,
                                                                             new_phone, screenshot):
    session = live_server.create_session("volledige-workshop", team="Team Balie Zuid")
    console = trainer_page(session["console_url"])
    phones = _joined(live_server, new_phone, session, 3)
    expect(console.locator(".live-figure").first).to_have_text("3 van 3 telefoons verbonden")
    expect(console.locator("[data-action=start]")).to_have_class(re.compile(r"\bprimary\b"))
    console.keyboard.press("n")  # N starts the session
    expect(console.locator("#current-title")).to_contain_text("Uitgescholden worden")

    # before any answer, moving on is the obvious action; once answers are in, revealing them is
    expect(console.locator("[data-action=next]")).to_have_class(re.compile(r"\bprimary\b"))
    for phone in phones[:2]:
        phone.click("button.choice.agree")
    answered = console.locator("[data-answered]")
    expect(answered).to_have_text("2 van 3 verbonden deelnemers hebben geantwoord")
    expect(console.locator("[data-action=reveal]")).to_have_class(re.compile(r"\bprimary\b"))
    expect(console.locator("[data-action=next]")).not_to_have_class(re.compile(r"\bprimary\b"))
    assert console.locator(".controls .primary").count() == 1
    _in_view(console, "#current-title", "[data-action=next]", "[data-action=reveal]", "[data-conn]",
             "[data-answered]", ".live-figure", ".outline [aria-current=step]", "#notes", "#ag-text")
    height = console.evaluate("document.scrollingElement.scrollHeight")
    assert height <= 900, f"the console page scrolls: {height} px"
    screenshot(console, "console-laptop")

    # a long step scrolls in its own pane; the controls stay at its top
    console.locator("[data-action=goto]").nth(9).click()  # the dilemma: choose one, then formulate it
    console.click("[data-action=choose][data-dilemma=s1]")
    expect(console.locator(".dl-chosen-mark")).to_be_visible()  # chosen before moving on
    console.click("[data-action=next]")
    expect(console.locator("#current-title")).to_have_text("3. Het dilemma formuleren")
    pane = console.locator(".current-step")
    pane.evaluate("pane => { pane.scrollTop = pane.scrollHeight; }")
    assert pane.evaluate("pane => pane.scrollTop") > 0, "this step should be longer than the screen"
    _in_view(console, "[data-action=next]", "[data-action=previous]", "[data-conn]")
    # an answer arriving re-renders the step; the trainer's place in it stays
    place = pane.evaluate("pane => pane.scrollTop")
    phones[0].locator(".dl-vote input[value=a]").check()
    phones[0].click(".dl-vote button.primary")
    expect(console.locator("[data-answered]")).to_contain_text("1 van 3")
    assert abs(console.locator(".current-step").evaluate("pane => pane.scrollTop") - place) < 2


def test_keyboard_shortcuts_are_shown_and_move_the_session(live_server, trainer_page, new_phone):
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    phone = _joined(live_server, new_phone, session, 1)[0]
    console.click("[data-action=start]")
    hint = console.locator(".shortcuts")
    expect(hint).to_have_text("Toetsen: N → volgende stap · P ← vorige stap · "
                              "R resultaten tonen of verbergen · B zwart scherm · "
                              "een presentatieklikker werkt hier en op het gedeelde scherm")
    expect(console.locator("[data-action=next]")).to_have_attribute("aria-keyshortcuts",
                                                                     "N ArrowRight PageDown")
    phone.click("button.choice.agree")
    expect(console.locator("[data-answered]")).to_contain_text("1 van 1")

    steps = [("r", "[data-action=hide]"), ("r", "[data-action=reveal]")]
    for key, shown in steps:
        console.keyboard.press(key)
        expect(console.locator(shown)).to_be_visible()
    for key, position in [("n", 2), ("ArrowRight", 3), ("p", 2), ("ArrowLeft", 1)]:
        console.keyboard.press(key)
        expect(console.locator(".step-head .progress")).to_contain_text(f"stap {position} van 12")
        expect(phone.locator(".progress")).to_contain_text(f"stap {position} van 12")
    console.click("#notes")
    console.keyboard.type("nog even na")  # an n typed in a text field is text, not "next"
    expect(console.locator(".step-head .progress")).to_contain_text("stap 1 van 12")
    expect(console.locator("#notes")).to_have_value("nog even na")


def test_the_connection_and_the_room_are_shown_plainly(live_server, trainer_page, new_phone):
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    conn = console.locator("[data-conn]")
    expect(conn).to_have_text("verbonden")
    expect(conn).to_have_attribute("role", "status")
    phones = _joined(live_server, new_phone, session, 2)
    expect(console.locator(".live-figure").first).to_have_text("2 van 2 telefoons verbonden")
    phones[1].close()
    expect(console.locator(".live-figure").first).to_have_text("1 van 2 telefoons verbonden")
    expect(console.locator(".people li.offline")).to_contain_text("offline")

    # the console's own connection drops and comes back: the sign says so in words, not only colour
    console.evaluate("""() => { window.seen = []; const sign = document.querySelector('[data-conn]');
      new MutationObserver(() => window.seen.push(sign.textContent))
        .observe(sign, {childList: true, characterData: true, subtree: true});
      window.facilitator.socket.io.engine.close(); }""")
    # the sign has gone offline and come back (it may say "verbonden" still, before the close)
    console.wait_for_function("() => window.seen.length > 1 && window.seen.at(-1) === 'verbonden'")
    expect(conn).to_have_text("verbonden")
    seen = console.evaluate("window.seen")
    assert "Offline: opnieuw verbinden…" in seen and seen[-1] == "verbonden", seen
    assert not a11y.axe(console)
