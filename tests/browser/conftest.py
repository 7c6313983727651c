"""Real-browser fixtures: Playwright driving Debian's chromium against a real server process.

    def test_something(live_server, trainer_page, new_phone):
        session = live_server.create_session("stellingen-veilig-werken")
        console = trainer_page(session["console_url"])
        phone = new_phone()
        phone.goto(session["join_url"])

Every page collects its JavaScript errors; a test fails when any page had one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from ..servers import Server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# What a page is expected to show may take a while on a CI machine running two workers: a test
# waits up to 10 s (as for clicks) before it fails, instead of Playwright's 5.
expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    # Every browser test signs the trainer in on this one server, many times a minute; the
    # sign-in limit itself is tested in tests/security/test_forms_and_cookies.py.
    server = Server(tmp_path_factory.mktemp("live-server"),
                    extra_env={"FACILITATOR_LOGIN_RATE_LIMIT": "1000 per minute"})
    server.prepare()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def js_errors():
    errors: list[str] = []
    yield errors
    assert not errors, f"JavaScript errors: {errors}"


def await_live(page) -> None:
    """A live page (phone, shared screen, console) takes clicks once live.js is connected: before
    that its buttons are only the served HTML. Other pages are left as they are."""
    if page.locator("body[data-role]").count():
        page.wait_for_function("() => window.facilitator && window.facilitator.socket.connected")


def _watch(page, errors):
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}")
            if msg.type == "error" and "favicon" not in msg.text else None)
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def new_phone(browser, js_errors):
    contexts = []

    def make():
        context = browser.new_context(**PHONE)
        contexts.append(context)
        return _watch(context.new_page(), js_errors)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def trainer_page(browser, live_server, js_errors):
    """A laptop-sized page, logged in as the trainer; call it with the URL to open."""
    contexts = []

    def make(url: str | None = None, *, viewport=(1440, 900)):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        page = _watch(context.new_page(), js_errors)
        page.goto(live_server.url + "/login")
        page.fill("#email", live_server.trainer_email)
        page.fill("#password", live_server.password)
        page.click("button.primary")
        page.wait_for_url("**/trainer")
        if url:
            page.goto(url)
            await_live(page)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a screenshot a person can look at: test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe():
    """Run axe-core (from the npm registry) in a page; return its serious and critical violations.

    The page's context must allow injected scripts: open it with ``bypass_csp=True``.
    """
    assert AXE.exists(), "axe-core is missing: make test runs npm install"

    def check(page) -> list[dict]:
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                 "nodes": [n["html"][:160] for n in v["nodes"][:3]]}
                for v in result["violations"] if v["impact"] in ("serious", "critical")]

    return check
