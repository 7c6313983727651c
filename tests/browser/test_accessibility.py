"""WCAG checks with axe-core on the pages people use, at phone and laptop size, plus a
keyboard-only join and answer."""

import pytest
from playwright.sync_api import expect

from .a11y import tab_to
from .conftest import PHONE


@pytest.fixture
def pages(browser, live_server, js_errors):
    contexts = []

    def make(url, *, phone=False, trainer=False):
        options = dict(PHONE) if phone else {"viewport": {"width": 1440, "height": 900}}
        context = browser.new_context(bypass_csp=True, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: js_errors.append(str(error)))
        if trainer:
            page.goto(live_server.url + "/login")
            page.fill("#email", live_server.trainer_email)
            page.fill("#password", live_server.password)
            page.click("button.primary")
            page.wait_for_url("**/trainer")
        page.goto(url)
        return page

    yield make
    for context in contexts:
        context.close()


def test_no_serious_violations_on_the_participant_and_trainer_pages(live_server, pages, axe):
    session = live_server.create_session("stellingen-veilig-werken")
    found = {}
    found["landing"] = axe(pages(live_server.url + "/", phone=True))
    join = pages(session["join_url"], phone=True)
    found["join"] = axe(join)
    join.click("#join")
    expect(join.locator("#stage h1")).to_have_text("Welkom")
    found["phone-waiting"] = axe(join)
    console = pages(session["console_url"], trainer=True)
    found["dashboard"] = axe(pages(live_server.url + "/trainer", trainer=True))
    found["login"] = axe(pages(live_server.url + "/login"))
    console.click("[data-action=start]")
    expect(join.locator(".statement")).to_be_visible()
    found["phone-statement"] = axe(join)
    found["console"] = axe(console)
    screen = pages(session["screen_url"])
    screen.set_viewport_size({"width": 1920, "height": 1080})
    found["screen"] = axe(screen)
    problems = {page: violations for page, violations in found.items() if violations}
    assert not problems, problems


def test_joining_and_answering_with_the_keyboard_alone(live_server, new_phone, trainer_page):
    """Tab, Enter and Space only: from the start page to an answer, a pass and a changed mind."""
    session = live_server.create_session("stellingen-veilig-werken")
    console = trainer_page(session["console_url"])
    phone = new_phone()
    phone.goto(live_server.url + "/")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.matches('.skip')"), "the first Tab stop is the skip link"
    phone.keyboard.press("Enter")  # skip to the content: the code field is the next stop
    assert tab_to(phone, "#code") <= 1
    phone.keyboard.type(session["code"].lower())
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/j/*")
    tab_to(phone, "#name")
    phone.keyboard.type("Kim")
    tab_to(phone, "#join")
    phone.keyboard.press("Enter")
    expect(phone.locator("#stage h1")).to_have_text("Welkom")
    console.click("[data-action=start]")
    expect(phone.locator(".statement")).to_be_visible()
    tab_to(phone, "button.choice.agree")
    phone.keyboard.press("Space")
    expect(phone.locator("button.choice.agree")).to_have_attribute("aria-pressed", "true")
    phone.keyboard.press("Tab")  # the keyboard kept its place while the answer was saved
    assert phone.evaluate("document.activeElement.matches('button.choice.disagree')")
    phone.keyboard.press("Enter")
    expect(phone.locator("button.choice.disagree")).to_have_attribute("aria-pressed", "true")
    expect(phone.locator(".saved")).to_contain_text("oneens")
    tab_to(phone, "[data-pass]")
    phone.keyboard.press("Space")
    expect(phone.locator("[data-pass]")).to_have_attribute("aria-pressed", "true")
    expect(console.locator('[data-count="pass"]')).to_have_text("1")
