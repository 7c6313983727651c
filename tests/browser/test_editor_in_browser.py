"""A trainer adapts a built-in scenario in the browser and runs a session with it."""

import re

from playwright.sync_api import expect

from .conftest import ARTIFACTS

NEW_STATEMENT = "Na een incident weet ik bij wie ik terechtkan."
MOVED_UP = "Ik voel me veilig op mijn werk."


def test_a_trainer_duplicates_adapts_reorders_saves_and_starts_a_session(live_server, trainer_page,
                                                                          new_phone, screenshot):
    page = trainer_page()
    page.click("text=Scenariobibliotheek")
    page.select_option("#form", "statements")
    page.click("#search")
    card = page.locator('[data-key="stellingen-veilig-werken"]')
    expect(card).to_be_visible()
    screenshot(page, "editor-library")
    card.get_by_role("button", name="Kopiëren", exact=True).click()
    page.wait_for_url(re.compile(r".*/trainer/library/\d+$"))
    stored_key = "stored-" + page.url.rsplit("/", 1)[1]
    expect(page.locator(".flash.ok")).to_contain_text("Dit is je eigen kopie")
    page.fill("#f-title", "Stellingen voor team Noord")

    first = page.locator(".activities > .items > .activity").nth(0)
    first.get_by_role("button", name="Stelling toevoegen").click()
    added = first.locator(".repeat > .items > .item").last
    expect(added.locator("legend")).to_have_text("Stelling 13")
    expect(added.locator("textarea").first).to_be_focused()
    added.locator("textarea").first.fill(NEW_STATEMENT)
    added.locator("select").select_option("agree")

    expect(page.locator("[data-preview-frames]")).to_be_hidden()
    first.get_by_role("button", name="Voorbeeld").click()
    status = page.locator("[data-preview-status]")
    expect(status).to_have_text("Stap 1 van 13")
    page.click('[data-step="1"]')
    expect(status).to_have_text("Stap 2 van 13")
    page.select_option("[data-step-select]", index=12)
    expect(status).to_have_text("Stap 13 van 13")
    expect(page.locator('[data-step="1"]')).to_be_disabled()
    expect(page.frame_locator('[data-frame="phone"]').locator("h1.statement")).to_have_text(NEW_STATEMENT)
    expect(page.frame_locator('[data-frame="screen"]').locator("h1.statement")).to_have_text(NEW_STATEMENT)
    expect(page.frame_locator('[data-frame="phone"]').locator("button.choice")).to_have_count(2)

    page.select_option("#add-kind", "statements")
    page.click("#add-activity")
    second = page.locator(".activities > .items > .activity").nth(1)
    expect(second.locator("h3")).to_contain_text("2. Stellingen eens/oneens")
    # the live check names what is missing, next to the input
    expect(second.locator(".repeat .field-longtext .field-errors").first).to_have_text(
        "Een stelling heeft een tekst nodig.")
    second.locator("textarea").first.fill(MOVED_UP)
    second.locator("textarea").first.press("Tab")
    expect(second.locator(".field-errors:not([hidden])")).to_have_count(0)
    second.locator(".activity-head [data-move='-1']").click()
    activities = page.locator(".activities > .items > .activity")
    expect(activities.nth(0).locator("h3")).to_have_text("1. Stellingen eens/oneens")
    expect(activities.nth(0).locator("textarea").first).to_have_value(MOVED_UP)
    expect(activities.nth(1).locator("h3")).to_have_text("2. Stellingen eens/oneens")
    activities.nth(0).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "editor-adapted.png"))  # the page is long: what is in view

    page.click("#save")
    expect(page.locator(".flash.ok")).to_have_text("Het scenario is opgeslagen.")
    expect(page.locator("h1")).to_have_text("Stellingen voor team Noord")
    expect(activities.nth(0).locator("textarea").first).to_have_value(MOVED_UP)
    expect(activities.nth(1).locator(".repeat > .items > .item")).to_have_count(13)

    page.goto(live_server.url + "/trainer")
    page.check(f"input[value={stored_key}]")
    page.fill("#team", "Team Noord")
    page.click("#create-session")
    page.wait_for_url(re.compile(r".*/w/\d+/console"))
    expect(page.locator("h1")).to_have_text("Stellingen voor team Noord")
    join_url = page.locator(".console-links code").inner_text()
    phone = new_phone()
    phone.goto(join_url)
    phone.click("#join")
    page.click("[data-action=start]")
    expect(phone.locator(".statement")).to_have_text(MOVED_UP)
    page.click("[data-action=next]")
    expect(phone.locator(".statement")).to_contain_text("Een klant die tegen mij scheldt")
    screenshot(phone, "editor-session-phone")
    screenshot(page, "editor-session-console")


def test_the_library_and_the_editor_pass_the_accessibility_checks(browser, live_server, axe, js_errors):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    page.goto(live_server.url + "/login")
    page.fill("#email", live_server.trainer_email)
    page.fill("#password", live_server.password)
    page.click("button.primary")
    page.wait_for_url("**/trainer")
    try:
        for path in ["/trainer/library", "/trainer/library/builtin/kennisquiz-agressiebeleid"]:
            page.goto(live_server.url + path)
            assert axe(page) == [], path
    finally:
        context.close()
