"""The lower-house debate in a real browser: two phones stand up, the first gets the floor and
records an argument, the second answers it with a counter-argument; the screen links the two.
Meanwhile the trainer records an argument said aloud, and the text the second phone is typing
survives the refresh that it causes."""

import re

from playwright.sync_api import expect


def test_two_phones_debate_and_the_screen_links_argument_and_reply(live_server, trainer_page, new_phone,
                                                                   screenshot):
    session = live_server.create_session("lagerhuis-stellingen", team="Team Publiekszaken")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=(1920, 1080))

    first, second = new_phone(), new_phone()
    for phone in (first, second):
        phone.goto(session["join_url"])
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")

    console.click("[data-action=start]")  # the trainer's division: at random, balanced
    expect(first.locator(".debate-side strong")).to_have_text(re.compile("^(Voor|Tegen)$"))
    # data-side, not the shown word: CSS writes it in capitals once the stylesheet has loaded
    if first.locator(".debate-side").get_attribute("data-side") != "for":
        first, second = second, first
    first.click("button.choice.side-for")
    second.click("button.choice.side-against")
    expect(console.locator('.live-counts [data-count="against"]')).to_have_text("1")
    console.click("[data-action=next]")  # the preparation: each side its own list

    first.fill("#debate-prepare", "Een grens stellen beschermt ook de klant.")
    first.click(".debate-argument-form button.primary")
    expect(first.locator("[data-prepared]")).to_contain_text("beschermt ook de klant")
    second.fill("#debate-prepare", "Weigeren laat een collega alleen staan.")
    second.click(".debate-argument-form button.primary")
    expect(second.locator("[data-prepared]")).to_contain_text("collega alleen")
    expect(second.locator("[data-prepared]")).not_to_contain_text("beschermt ook de klant")
    expect(screen.locator(".debate-screen")).not_to_contain_text("beschermt ook de klant")
    screenshot(first, "debate-phone-prepare")
    screenshot(console, "debate-console-prepare")
    console.click("[data-action=next]")

    for phone, word in ((first, "Voor"), (second, "Tegen")):
        expect(phone.locator(".debate-side strong")).to_have_text(word)
    screenshot(first, "debate-phone-side")
    first.click("[data-phone-action=stand]")
    expect(first.locator("[data-standing]")).to_contain_text("nummer 1 in de rij")
    second.click("[data-phone-action=stand]")
    expect(second.locator("[data-standing]")).to_contain_text("nummer 2 in de rij")
    screenshot(second, "debate-phone-standing")
    expect(screen.locator("[data-queue] .debate-chip")).to_have_count(2)

    console.click(".debate-floorbox [data-action=floor]:not([data-entry])")
    expect(first.locator("[data-my-floor]")).to_contain_text("Je hebt het woord")
    expect(first.locator("[data-my-floor] .countdown")).to_have_text(re.compile(r"^[01]:\d\d$"))
    expect(screen.locator("[data-speaker]")).to_contain_text("Het woord is aan: Voor")
    expect(second.locator("[data-standing]")).to_contain_text("nummer 1 in de rij")
    first.fill("#debate-argument", "Aangifte laat de dader zien dat de grens serieus is.")
    screenshot(first, "debate-phone-floor")
    first.click(".debate-argument-form button.primary")
    expect(screen.locator('[data-argument="V1"]')).to_contain_text("Aangifte laat de dader zien")
    expect(first.locator(".debate-mine")).to_contain_text("V1")
    expect(first.locator("#debate-argument")).to_have_value("")  # sent: the form is empty again

    console.click(".debate-floorbox [data-action=floor]:not([data-entry])")
    expect(second.locator("[data-my-floor]")).to_contain_text("Je hebt het woord")
    expect(first.locator("[data-phone-action=stand]")).to_be_visible()  # the turn has passed
    second.fill("#debate-argument", "Het kost uren en de politie seponeert vaak.")
    console.select_option("#debate-arg-side", "for")  # meanwhile the trainer notes one said aloud
    console.fill("#debate-arg-text", "De politie ziet hoe vaak het gebeurt.")
    console.click(".debate-record button")
    expect(second.locator('#debate-answers option', has_text="V2: ")).to_have_count(1)
    expect(second.locator("#debate-argument")).to_have_value("Het kost uren en de politie seponeert vaak.")
    answered = second.locator("#debate-answers option", has_text="V1: ").get_attribute("value")
    second.select_option("#debate-answers", answered)
    second.click(".debate-argument-form button.primary")

    reply = screen.locator('[data-argument="T1"]')
    expect(reply).to_contain_text("Het kost uren")
    expect(reply.locator("[data-answers]")).to_have_text("↩ reageert op V1")
    expect(screen.locator('[data-argument="V1"]')).to_contain_text("beantwoord door T1")
    expect(screen.locator('.debate-column [data-count="for"]')).to_have_text("2")
    expect(screen.locator('.debate-column [data-count="against"]')).to_have_text("1")
    expect(console.locator('[data-argument="T1"]')).to_be_visible()
    screenshot(second, "debate-phone-reply")
    screenshot(screen, "debate-screen")
    screenshot(console, "debate-console")

    console.click("[data-action=finish]")
    expect(screen.locator("[data-outcome]")).to_have_text("Voor wint met 2 argumenten tegen 1.")
    expect(first.locator("[data-phone-action=stand]")).to_have_count(0)
    screenshot(screen, "debate-screen-end")
