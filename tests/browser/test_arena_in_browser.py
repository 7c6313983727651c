"""An arena conversation in a real browser (chromium), fast: three phones (390x844) in a named
session, the trainer seats one in the inner ring by hand, round 1 with what struck the outer ring
revealed, round 2 with a phone's question put on the screen by the leader, and a point for a
solution that goes to the team plan. Screenshots of phone, screen (1920x1080) and console."""

import re

from playwright.sync_api import expect

from .conftest import _watch, await_live

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
NAMES = ("Anna", "Bram", "Chaima")


def test_an_arena_conversation_in_the_browser(browser, js_errors, live_server, trainer_page,
                                              screenshot):
    session = live_server.create_session("arenagesprek-veilig-werken", named=True,
                                         team="Team Publiekszaken")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=(1920, 1080))
    phones, contexts = {}, []
    for name in NAMES:
        contexts.append(browser.new_context(**PHONE))
        phone = _watch(contexts[-1].new_page(), js_errors)
        phone.goto(session["join_url"])
        phone.fill("#name", name)
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
        await_live(phone)
        phones[name] = phone

    console.click("[data-action=start]")
    expect(screen.locator("[data-count=outer]")).to_have_text("3 personen")
    console.locator(".arena-rings-console li", has_text="Anna").locator("[data-action=move]").click()
    expect(phones["Anna"].locator("[data-seat]")).to_contain_text("Je zit in de binnenring")
    expect(screen.locator(".ring-inner .arena-names")).to_contain_text("Anna")
    expect(screen.locator(".ring-outer .arena-names")).to_contain_text("Chaima")
    expect(phones["Chaima"].locator("[data-seat]")).to_contain_text("Je zit in de buitenring")
    screenshot(screen, "arena-screen-1-rings")
    screenshot(console, "arena-console-1-rings")
    screenshot(phones["Anna"], "arena-phone-1-inner")

    console.click("[data-action=next]")  # round 1
    expect(screen.locator("h1.arena-question")).to_contain_text("over de grens")
    expect(phones["Anna"].locator("#arena-note")).to_have_count(0)  # the inner ring tells
    phones["Bram"].fill("#arena-note", "Niemand heeft het over melden")
    phones["Bram"].click(".arena-phone button.primary")
    expect(phones["Bram"].locator(".arena-mine")).to_contain_text("Niemand heeft het over melden")
    console.click("[data-action=question][data-to=next]")
    expect(screen.locator("[data-question]")).to_have_attribute("data-question", "2")
    phones["Bram"].fill("#arena-note", "De impact duurt veel langer dan ik dacht")
    phones["Bram"].click(".arena-phone button.primary")
    expect(phones["Bram"].locator(".arena-mine")).to_contain_text("De impact duurt")
    phones["Chaima"].fill("#arena-note", "Managers kennen de balie niet van binnen")
    phones["Chaima"].click(".arena-phone button.primary")
    expect(phones["Chaima"].locator(".arena-mine li")).to_have_count(1)
    screenshot(phones["Bram"], "arena-phone-2-note")
    assert "De impact duurt" not in screen.inner_text(".arena-screen")  # not before the reveal
    console.click("[data-action=reveal]")
    expect(screen.locator(".arena-struck")).to_contain_text("De impact duurt veel langer")
    screenshot(screen, "arena-screen-2-struck")
    screenshot(console, "arena-console-2-struck")

    console.click("[data-action=next]")  # round 2
    phones["Bram"].fill("#arena-ask", "Wat had je op dat moment van ons nodig?")
    phones["Bram"].click(".arena-phone button.primary")
    expect(console.locator(".arena-waiting")).to_contain_text("Wat had je op dat moment")
    screenshot(console, "arena-console-3-waiting")
    console.click(".arena-waiting [data-action=show]")
    expect(screen.locator("[data-current]")).to_have_text("Wat had je op dat moment van ons nodig?")
    expect(phones["Anna"].locator(".arena-question")).to_contain_text("Wat had je op dat moment")
    expect(phones["Bram"].locator(".arena-mine .badge")).to_have_text("op het scherm")
    screenshot(screen, "arena-screen-3-question")
    screenshot(phones["Anna"], "arena-phone-3-inner")

    console.click(".outline [data-action=goto] >> text=Punten voor een oplossing")
    expect(screen.locator(".arena-screen")).to_have_attribute("data-step", "close")
    console.fill("#arena-point", "De teamleider belt na elk incident binnen een dag terug")
    console.fill("#arena-owner", "Teamleider")
    console.click("form[data-control=point] button")
    expect(screen.locator(".arena-points")).to_contain_text("binnen een dag terug")
    expect(console.locator(".agreements")).to_contain_text("binnen een dag terug")
    expect(phones["Chaima"].locator(".arena-points")).to_contain_text("binnen een dag terug")
    screenshot(screen, "arena-screen-4-close")
    screenshot(console, "arena-console-4-close")
    screenshot(phones["Chaima"], "arena-phone-4-close")
    assert re.search(r"Punten voor een oplossing", screen.inner_text(".arena-screen"))
    for context in contexts:
        context.close()
