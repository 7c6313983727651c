"""The trainer's hands and the room's phones on a training day, in a real browser: a presenter
clicker on the console and on the shared screen, phones that wait for their connection, and a
Dutch page for an address that does not exist."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import PHONE, _watch

NOT_SENT = "Niet verstuurd: je bent offline"


def test_a_presenter_clicker_works_on_the_console_and_on_the_shared_screen(
        live_server, trainer_page, screenshot):
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    with console.expect_popup() as popup:
        console.click("[data-open-screen]")
    screen = popup.value
    screen.set_viewport_size({"width": 1920, "height": 1080})
    expect(screen.locator("[data-conn]")).to_have_text("verbonden")

    console.keyboard.press("PageDown")  # starts the session
    title = console.locator("#current-title")
    expect(title).to_contain_text("Een klant die tegen mij scheldt")
    console.keyboard.press("PageDown")
    expect(title).to_contain_text("zonder lichamelijk geweld")
    console.keyboard.press("PageUp")
    expect(title).to_contain_text("Een klant die tegen mij scheldt")

    screen.bring_to_front()  # the projector window has the focus: the clicker still moves on
    screen.keyboard.press("PageDown")
    expect(title).to_contain_text("zonder lichamelijk geweld")
    expect(screen.locator("#stage")).to_contain_text("zonder lichamelijk geweld")
    screen.keyboard.press("PageUp")
    expect(title).to_contain_text("Een klant die tegen mij scheldt")

    console.bring_to_front()
    console.keyboard.press("b")  # black screen, from the console
    expect(screen.locator("[data-blank]")).to_be_visible()
    screenshot(screen, "clicker-screen-black")
    screen.keyboard.press(".")  # and back, on the screen
    expect(screen.locator("[data-blank]")).to_be_hidden()
    expect(title).to_contain_text("Een klant die tegen mij scheldt")  # B moved nothing


# The socket.io client, held back until the test lets it connect: a phone on a slow network.
HOLD = """
(function () {
  var real = window.io;
  window.io = function (options) {
    var socket = real(Object.assign({}, options, { autoConnect: false }));
    window.letConnect = function () { socket.connect(); };
    return socket;
  };
})();
"""


def test_phone_buttons_wait_for_the_connection_and_not_sent_clears_when_back(
        live_server, trainer_page, browser, js_errors, screenshot):
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    console.click("[data-action=start]")
    context = browser.new_context(**{**PHONE, "viewport": {"width": 390, "height": 844}})
    phone = _watch(context.new_page(), js_errors)

    def held(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + HOLD)

    phone.route(re.compile(r".*/vendor/socket\.io\.min\.js.*"), held)
    phone.goto(session["join_url"])
    phone.click("#join")
    agree = phone.locator("button.choice.agree")
    expect(agree).to_be_visible()
    expect(agree).to_be_disabled()  # not connected yet: a tap could not be sent
    screenshot(phone, "phone-waiting-for-connection")
    agree.click(force=True)
    expect(phone.locator("[data-error]")).to_be_hidden()
    phone.evaluate("window.letConnect()")
    expect(phone.locator("[data-conn]")).to_have_text("verbonden")
    expect(agree).to_be_enabled()
    agree.click()
    expect(agree).to_have_attribute("aria-pressed", "true")

    context.set_offline(True)
    expect(phone.locator("[data-conn]")).to_have_text(re.compile("Offline"), timeout=10_000)
    phone.locator("button.choice.disagree").click()
    expect(phone.locator("[data-error]")).to_contain_text(NOT_SENT)
    context.set_offline(False)
    expect(phone.locator("[data-conn]")).to_have_text("verbonden", timeout=30_000)
    expect(phone.locator("[data-error]")).to_be_hidden()  # the offline message is gone
    context.close()


def test_an_address_that_does_not_exist_gets_a_dutch_page(live_server, browser, screenshot):
    context = browser.new_context(**PHONE)  # the browser itself logs the 404: not a script error
    phone = context.new_page()
    response = phone.goto(live_server.url + "/teams/99999/nergens")
    assert response.status == 404
    expect(phone.locator("html")).to_have_attribute("lang", "nl")
    expect(phone.locator(".flash.error")).to_have_text(
        "Deze pagina bestaat niet (meer). Controleer het adres of de code.")
    expect(phone.get_by_role("link", name="Naar de startpagina")).to_be_visible()
    screenshot(phone, "dutch-404")
    context.close()


def _seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def test_the_trainer_starts_pauses_and_extends_a_countdown_seen_on_the_screen(
        live_server, trainer_page, screenshot):
    session = live_server.create_session("lagerhuis-stellingen")
    console = trainer_page(session["console_url"])
    with console.expect_popup() as popup:
        console.click("[data-open-screen]")
    screen = popup.value
    screen.set_viewport_size({"width": 1920, "height": 1080})
    console.click("[data-action=start]")
    title = console.locator("#current-title")
    expect(title).to_contain_text("Openingsstemming")
    console.click("[data-action=next]")
    expect(title).to_contain_text("Voorbereiding")  # each side collects its arguments first
    console.click("[data-action=next]")
    expect(title).to_have_text("Het debat")
    clock = console.locator("[data-countdown-time]")
    expect(clock).to_have_text("20:00")
    console.click("[data-do=start]")
    on_screen = screen.locator(".countdown-screen [data-countdown-time]")
    expect(on_screen).to_be_visible()
    expect(on_screen).to_have_text(re.compile(r"19:5\d"), timeout=5_000)  # it runs by itself
    console.click("[data-do=pause]")
    expect(console.locator("[data-do=start]")).to_have_text("Aftellen hervatten")
    # the screen's own snapshot of the pause may come a moment after the console's
    expect(screen.locator(".countdown-screen[data-countdown]")).to_have_attribute("data-running", "0")
    paused = _seconds(on_screen.inner_text())
    console.wait_for_timeout(2_000)
    assert _seconds(on_screen.inner_text()) == paused  # paused: the time stands still
    console.click("[data-do=extend]")
    expect(on_screen).to_have_text(f"{(paused + 60) // 60}:{(paused + 60) % 60:02d}")
    expect(clock).to_have_text(on_screen.inner_text())
    screenshot(screen, "countdown-screen")
    screenshot(console, "countdown-console")


def test_a_co_trainer_opens_the_same_console_and_both_see_each_others_actions(
        live_server, trainer_page, browser, js_errors, screenshot):
    co_email = "co-trainer@example.nl"
    live_server.add_trainer(co_email)
    session = live_server.create_session("stellingen-veilig-werken")
    owner = trainer_page(session["console_url"])
    owner.click("[data-co-trainers] summary")
    owner.fill("#co-trainer-email", co_email)
    owner.click("text=Co-trainer toevoegen")
    expect(owner.locator(".flash.ok")).to_have_text(f"{co_email} kan deze console nu openen.")
    screenshot(owner, "co-trainer-added")

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    co = _watch(context.new_page(), js_errors)
    co.goto(live_server.url + "/login")
    co.fill("#email", co_email)
    co.fill("#password", live_server.password)
    co.click("button.primary")
    co.wait_for_url("**/trainer")
    co.locator("[aria-labelledby=co-trained] a").first.click()  # "Sessions you co-train"
    co.wait_for_function("() => window.facilitator && window.facilitator.socket.connected")
    expect(co.locator(".co-training")).to_contain_text(live_server.trainer_email)

    owner.wait_for_function("() => window.facilitator && window.facilitator.socket.connected")
    co.click("[data-action=start]")  # the co-trainer starts ...
    expect(owner.locator("#current-title")).to_contain_text("Een klant die tegen mij scheldt")
    owner.click("[data-action=next]")  # ... and the owner moves on
    expect(co.locator("#current-title")).to_contain_text("zonder lichamelijk geweld")
    screenshot(co, "co-trainer-console")
    context.close()


def test_a_participant_switches_the_phone_to_english(live_server, trainer_page, browser, js_errors,
                                                     screenshot):
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    console.click("[data-action=start]")
    context = browser.new_context(**{**PHONE, "viewport": {"width": 390, "height": 844}})
    phone = _watch(context.new_page(), js_errors)
    phone.goto(session["join_url"])
    phone.click("#join")
    expect(phone.locator("[data-moment]")).to_contain_text("Ik heb even een moment nodig")
    phone.click("[data-phone-language]")
    expect(phone.locator("[data-moment]")).to_contain_text("I need a moment")
    expect(phone.locator("[data-conn]")).to_have_text("connected")
    expect(phone.locator(".statement")).to_contain_text("Een klant die tegen mij scheldt")  # as written
    expect(phone.locator("button.choice.agree")).to_contain_text("Agree")
    console.click("[data-action=next]")  # the next step reaches this phone in English too
    expect(phone.locator(".statement")).to_contain_text("zonder lichamelijk geweld")
    expect(phone.locator("button.choice.agree")).to_contain_text("Agree")
    screenshot(phone, "phone-in-english")
    context.close()


def test_what_the_trainer_is_typing_survives_a_phone_joining(live_server, trainer_page, new_phone):
    """A phone that joins re-renders the console. The number of teams the trainer has typed but not
    yet sent, and the member's new team chosen in a list, stay as the trainer left them."""
    session = live_server.create_session("kennisquiz-agressiebeleid")
    console = trainer_page(session["console_url"])

    def join(name):
        phone = new_phone()
        phone.goto(session["join_url"])
        phone.fill("#name", name)
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_be_visible()

    for name in ("Anouk", "Bram", "Chantal"):
        join(name)
    console.click("[data-action=start]")
    expect(console.locator("body")).to_have_attribute("data-status", "running")
    console.fill("#quiz-count", "2")
    moving = console.locator("form[data-control=move] select").first
    other = moving.locator("option:not([selected])").first.get_attribute("value")
    moving.select_option(other)
    join("Dirk")  # placed in a team: the console's team lists change under the trainer's hands
    expect(console.locator(".quiz-teamgrid")).to_contain_text("Dirk")
    expect(console.locator("#quiz-count")).to_have_value("2")
    expect(console.locator("form[data-control=move] select").first).to_have_value(other)


def test_the_next_agreement_typed_before_the_last_one_is_acknowledged_is_kept(live_server, trainer_page):
    """A quick trainer sends an agreement and starts typing the next one before the server has
    acknowledged the first. The acknowledgement empties the form only if it still holds what was
    sent: the next agreement is neither wiped nor lost."""
    session = live_server.create_session("stellingen-veilig-werken", team="Team Balie")
    console = trainer_page(session["console_url"])
    console.click("[data-action=start]")
    expect(console.locator("body")).to_have_attribute("data-status", "running")
    console.fill("#ag-text", "We lopen met z'n tweeën naar de balie")
    console.fill("#ag-owner", "Iedereen")
    # Send, and type on in the same moment: no acknowledgement can have come back in between.
    # The page counts the acknowledgements of its controls, for the test to wait for.
    console.evaluate("""() => {
        const socket = window.facilitator.socket, emit = socket.emit;
        window.acknowledged = 0;
        socket.emit = function (...args) {
            const done = args[args.length - 1];
            if (args[0] === 'control' && typeof done === 'function') {
                args[args.length - 1] = function (...answer) {
                    done.apply(this, answer);
                    window.acknowledged += 1;
                };
            }
            return emit.apply(this, args);
        };
        const form = document.querySelector('.agreement-form');
        form.requestSubmit();
        const text = document.querySelector('#ag-text');
        text.value = 'Elk incident melden, ook verbaal';
        text.dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    expect(console.locator(".agreements")).to_contain_text("We lopen met z'n tweeën naar de balie")
    console.wait_for_function("() => window.acknowledged === 1")  # it often comes after the snapshot
    expect(console.locator("#ag-text")).to_have_value("Elk incident melden, ook verbaal")
    console.click(".agreement-form button")
    expect(console.locator(".agreements")).to_contain_text("Elk incident melden, ook verbaal")
    expect(console.locator("#ag-text")).to_have_value("")


def test_a_press_on_a_button_is_not_lost_to_a_snapshot_arriving_before_the_release(
        live_server, trainer_page, new_phone):
    """The trainer presses "Reveal results" at the moment an answer comes in. The snapshot the
    answer brings must not replace the button between the press and the release: the browser then
    sends the click to what is under both, which is no longer the button, and the reveal is lost
    without a word (a trainer's second action right after the first, as in "close" and at once
    "reveal", was lost so). The snapshot waits for the release, and is shown right after."""
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    phones = []
    for _ in range(2):
        phone = new_phone()
        phone.goto(session["join_url"])
        phone.click("#join")
        phones.append(phone)
    console.click("[data-action=start]")
    phones[0].click("button.choice.agree")
    answered = console.locator("[data-answered] strong")
    expect(answered).to_have_text("1")
    console.evaluate("""() => {
        window.snapshots = 0;  // after live.js's own listener: counted once live.js has it
        window.facilitator.socket.on('snapshot', () => { window.snapshots += 1; });
    }""")
    box = console.locator("[data-action=reveal]").bounding_box()
    console.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    console.mouse.down()
    expect(phones[1].locator("button.choice.disagree")).to_be_enabled()
    phones[1].click("button.choice.disagree")
    console.wait_for_function("() => window.snapshots > 0")  # the answer's, under the press
    console.mouse.up()
    expect(console.locator("[data-action=hide]")).to_be_visible()  # the reveal took place
    expect(answered).to_have_text("2")  # and what arrived meanwhile is shown
