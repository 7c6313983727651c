"""The four intervision methods the other browser tests do not walk (viskom, clinic, leren van
successen, op de stoel van een ander), each one quick round in chromium with a contributor and two
phones: the phone views that make the method what it is (the observation task, the alternative
sentence the contributor wants to try, the success factors the team adopts, the chair a member
takes) and a screenshot of the shared screen in every phase. "Op de stoel van een ander" is
chosen on the console in the session, from the scenario that leaves the method open."""

import pytest
from playwright.sync_api import expect

from .conftest import _watch, await_live
from .test_intervision_in_browser import SCREEN, at, write


@pytest.fixture
def screen_page(browser, js_errors):
    """The shared screen in a window of its own (no sign-in: the screen link carries its key);
    in a tab beside the console it would slow the console's clicks to a background tab's pace."""
    context = browser.new_context(viewport={"width": SCREEN[0], "height": SCREEN[1]})
    yield _watch(context.new_page(), js_errors)
    context.close()


def into_round(trainer_page, screen, new_phone, scenario):
    """A session from ``scenario``, created on the dashboard as a trainer does; one case, brought
    in by the first phone, who consents."""
    console = trainer_page()
    console.check(f"input[name=scenario][value='{scenario}']")
    console.click("#create-session")
    expect(console.locator("[data-copy-link]")).to_have_count(1)  # the new session's console
    await_live(console)
    screen.goto(console.eval_on_selector("[data-copy-link]", "link => link.href"))
    phones = [new_phone() for _ in range(3)]
    join_url = console.inner_text("[data-join-url]")
    for phone in phones:
        phone.goto(join_url)
    for phone in phones:
        phone.click("#join")
    for phone in phones:
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
    await_live(screen)
    contributor, *others = phones
    console.click("[data-action=start]")
    contributor.fill("#iv-title", "Een vader die dreigt bij de balie")
    contributor.click(".intervision-phone button.primary")
    expect(contributor.locator(".intervision-phone")).to_contain_text("Jouw casussen")
    console.click("[data-action=next]")
    at(screen, "choose")
    console.click("[data-action=next]")  # one case: it is the one, dots or not
    contributor.click("button[data-phone-action=consent][data-consent=yes]")
    expect(screen.locator("[data-consent=yes]")).to_be_visible()
    return console, screen, contributor, others


def next_phase(console, screen, key, shot):
    console.click("[data-action=next]")
    at(screen, key)
    shot(screen, key)


def show_again(console, screen, shot, name):
    """What the group wrote in an earlier phase, on the screen: the console's primary action."""
    expect(console.locator("[data-action=show_again]")).to_have_class("primary")
    console.click("[data-action=show_again]")
    expect(screen.locator("[data-shown-again]")).to_be_visible()
    shot(screen, f"{name}-shown")


def labelled(phone, label, text):
    phone.select_option("#iv-label", label=label)
    write(phone, text)


def viskom(console, screen, contributor, others, shot):
    next_phase(console, screen, "phase-tell", shot)
    next_phase(console, screen, "phase-inner", shot)
    expect(contributor.locator("[data-contributor-view=listen]")).to_be_visible()
    expect(others[0].locator("[data-observers]")).to_contain_text("buitenkring")
    expect(others[0].locator("#iv-label option")).to_have_text(
        ["Kies…", "Waarden", "Gevoelens", "Mogelijkheden"])
    labelled(others[0], "Waarden", "Veiligheid van de collega weegt zwaarder dan de afspraak")
    labelled(others[1], "Gevoelens", "Ze klinkt schuldig als ze over uitstellen praat")
    shot(others[0], "phone-observer")
    expect(console.locator(".intervision-texts .badge")).to_have_text(["Waarden", "Gevoelens"])
    shot(screen, "phase-inner-written")  # the fishbowl goes on: nothing on the screen yet
    assert "Veiligheid" not in screen.inner_text(".intervision-screen")
    next_phase(console, screen, "phase-observers", shot)  # the observers report what they wrote
    show_again(console, screen, shot, "phase-observers")
    expect(screen.locator("[data-shown-again] .badge")).to_have_text(["Waarden", "Gevoelens"])
    next_phase(console, screen, "phase-react", shot)


def clinic(console, screen, contributor, others, shot):
    next_phase(console, screen, "phase-tell", shot)
    next_phase(console, screen, "phase-alternatives", shot)
    expect(others[0].locator("label[for=iv-text]")).to_have_text("Je alternatieve zin")
    write(others[0], "Ik zie dat u boos bent. Vertel me wat er misging.")
    write(others[1], "Ik wil u helpen, maar niet als u zo tegen me praat.")
    console.click("[data-action=reveal]")
    expect(contributor.locator("[data-contributor-view=choose]")).to_contain_text(
        "de zin die je wilt proberen")
    contributor.locator(".intervision-texts li", has_text="Vertel me").locator(
        "[data-phone-action=pick]").click()
    expect(screen.locator(".intervision-texts .badge")).to_have_text("de inbrenger probeert dit")
    shot(contributor, "phone-contributor-picks")
    shot(screen, "phase-alternatives-picked")
    next_phase(console, screen, "phase-roleplay", shot)  # the sentences to play with
    show_again(console, screen, shot, "phase-roleplay")
    expect(screen.locator("[data-shown-again] li")).to_have_count(2)
    next_phase(console, screen, "phase-react", shot)
    show_again(console, screen, shot, "phase-react")
    expect(contributor.locator("[data-shown-again]")).to_contain_text("Vertel me wat er misging")
    expect(screen.locator("[data-shown-again] .badge")).to_have_text("de inbrenger probeert dit")


def successen(console, screen, contributor, others, shot):
    next_phase(console, screen, "phase-tell", shot)
    next_phase(console, screen, "phase-questions", shot)
    write(others[0], "Wat zei je precies toen hij ging staan?")
    next_phase(console, screen, "phase-factors", shot)
    expect(others[1].locator("label[for=iv-text]")).to_have_text("Een succesfactor")
    write(others[0], "Ze noemde hem bij zijn naam")
    write(others[1], "Een collega kwam er rustig bij staan")
    console.click("[data-action=reveal]")
    expect(screen.locator(".intervision-texts li")).to_have_count(2)
    next_phase(console, screen, "phase-common", shot)
    show_again(console, screen, shot, "phase-common")
    console.locator("[data-shown-again] li", has_text="Een collega kwam").locator(
        "[data-action=to_plan]").click()
    expect(screen.locator("[data-shown-again] .badge")).to_have_text("in het teamplan")
    shot(screen, "phase-common-planned")


def stoel(console, screen, contributor, others, shot):
    console.click("[data-action=next]")
    at(screen, "method")
    expect(screen.locator(".iv-method-cards li")).to_have_count(6)
    expect(contributor.locator("[data-contributor-view=method]")).to_be_visible()
    shot(console, "console-method")
    shot(screen, "method")
    console.locator("label.iv-method", has_text="Op de stoel van een ander").locator(
        "input").check()
    console.click("form[data-control=use_method] button.primary")
    expect(screen.locator("[data-method=stoel]")).to_be_visible()
    expect(others[0].locator("[data-method=stoel]")).to_be_visible()
    shot(console, "console-method-chosen")
    shot(screen, "method-chosen")
    next_phase(console, screen, "phase-tell", shot)
    next_phase(console, screen, "phase-chairs", shot)
    expect(others[0].locator("label[for=iv-label]")).to_have_text("Op wiens stoel je gaat zitten")
    labelled(others[0], "De burger", "Ik wacht al drie weken en niemand belt terug")
    labelled(others[1], "Het thuisfront van de inbrenger", "Je was de hele avond stil")
    others[0].select_option("#iv-label", label="De beveiliger")
    shot(others[0], "phone-chair")
    console.click("[data-action=reveal]")
    expect(screen.locator(".intervision-texts .badge")).to_have_text(
        ["De burger", "Het thuisfront van de inbrenger"])
    shot(screen, "phase-chairs-revealed")
    next_phase(console, screen, "phase-react", shot)
    show_again(console, screen, shot, "phase-react")
    expect(contributor.locator("[data-shown-again]")).to_contain_text("drie weken")


ROUNDS = {"viskom": ("intervisie-viskom-dreiging-huisbezoek", viskom),
          "clinic": ("intervisie-clinic-gesprek-dat-misging", clinic),
          "successen": ("intervisie-leren-van-successen-opvang", successen),
          "stoel": ("intervisie-methode-kiezen", stoel)}


@pytest.mark.parametrize("method", list(ROUNDS))
def test_a_round_of_each_method_in_the_browser(method, trainer_page, screen_page, new_phone,
                                               screenshot):
    scenario, walk = ROUNDS[method]
    console, screen, contributor, others = into_round(trainer_page, screen_page, new_phone,
                                                      scenario)

    def shot(page, name):
        screenshot(page, f"intervision-{method}-{name}")

    walk(console, screen, contributor, others, shot)
    console.click("[data-action=next]")
    at(screen, "close")
