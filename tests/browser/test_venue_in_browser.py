"""A console opened at 127.0.0.1 (the trainer's own laptop) puts a join address on the console and
the shared screen that phones can reach: this machine's network address, never loopback."""

from __future__ import annotations

import re

import pytest
import segno
from playwright.sync_api import expect

from ..servers import Server
from ..venue.test_join_address import interface_addresses
from .conftest import _watch


@pytest.fixture(scope="module")
def venue_server(tmp_path_factory):
    """A server as `make run` starts it: all interfaces, no public URL configured."""
    folder = tmp_path_factory.mktemp("venue-server")
    server = Server(folder, extra_env={"FACILITATOR_PUBLIC_URL": ""})
    server.command = [str(server.bin / "facilitator"), "serve", "--host", "0.0.0.0",
                      "--port", "{port}"]
    server.prepare()
    server.start()
    yield server
    server.stop()


def test_the_console_opened_at_loopback_shows_a_reachable_join_address(
        venue_server, browser, js_errors, screenshot):
    session = venue_server.create_session("stellingen-veilig-werken")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    trainer = _watch(context.new_page(), js_errors)
    trainer.goto(venue_server.url + "/login")  # http://127.0.0.1:PORT
    trainer.fill("#email", venue_server.trainer_email)
    trainer.fill("#password", venue_server.password)
    trainer.click("button.primary")
    trainer.wait_for_url("**/trainer")  # signed in: the console does not send it back to the login
    trainer.goto(f"{venue_server.url}/w/{session['id']}/console")
    join_url = trainer.locator("[data-join-url]").inner_text()
    host = re.fullmatch(rf"http://([0-9.]+):{venue_server.port}/j/{session['code']}", join_url)
    assert host and host.group(1) in interface_addresses()
    expect(trainer.locator("[data-venue-note]")).to_contain_text(f"127.0.0.1:{venue_server.port}")
    screenshot(trainer, "venue-console-at-loopback")

    with trainer.expect_popup() as popup:
        trainer.click("[data-open-screen]")
    screen = popup.value
    screen.set_viewport_size({"width": 1920, "height": 1080})
    # under the QR code, as people type it: without "http://"
    expect(screen.locator(".joinurl")).to_have_text(join_url.split("/j/")[0].removeprefix("http://"))
    qr = segno.make(join_url, error="m").svg_inline(scale=10, border=2, dark="#111",
                                                    light="#fff", omitsize=True)
    assert screen.locator(".qr svg path.qrline").get_attribute("d") in qr
    screenshot(screen, "venue-screen-waiting")

    phone_context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = _watch(phone_context.new_page(), js_errors)
    phone.goto(join_url)  # the phone really reaches this machine at that address
    phone.click("#join")
    expect(phone.locator("#stage h1")).to_have_text("Welkom")
    expect(screen.locator("[data-joined]")).to_have_text("1 persoon doet mee")
    context.close()
    phone_context.close()
