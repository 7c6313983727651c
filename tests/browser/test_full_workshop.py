"""One trainer, the shared screen and five phones run scenarios/volledige-workshop.yaml: statements,
quiz, dilemma, debate and incident evaluation back to back, ending with the team plan's Word file.
On the way it follows the methods (METHODS.md): the quiz's opinion question is answered by the spokesperson
and confirmed by the teammates; the debate's sides are divided by the trainer and prepare their arguments
out of each other's sight, and the first to stand gets the floor; at step 8 of the dilemma each phone shows
its own intuitive judgement beside the second vote.

On the way every phone view of every step is checked for reflow (320 px to large landscape, and
200 % zoom) and touch targets, the shared screen for large type and for names it must not show,
and axe-core runs on the phone, the screen and the console of each work form. Screenshots of each
work form at 360x740 and 1920x1080 go to test-artifacts/workshop-<form>-{phone,screen,console}.png.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import docx
from playwright.sync_api import expect

from . import a11y

NAMES = ["Anouk", "Bram", "Chantal", "Dirk", "Esra"]
LATER = (date.today() + timedelta(days=60)).isoformat()
SCREEN = {"width": 1920, "height": 1080}
ACTION = "Een verzette afspraak meldt de balie aan de klant voor hij gaat zitten"
SMALLEST_SCREEN_TEXT = 20  # px at 1920x1080, a 54th of its height; the main text is 32 to 60 px

_SMALL_TEXT = """(smallest) => [...document.querySelectorAll('#stage *')].filter(el =>
  [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && el.getClientRects().length
  && !el.closest('.visually-hidden, .sr-only, [class*=-sr]')
  && parseFloat(getComputedStyle(el).fontSize) < smallest
).map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${getComputedStyle(el).fontSize}`
  + ` "${el.textContent.trim().slice(0, 30)}"`)"""


class Run:
    """The session as the test drives it, and what the checks found on the way."""

    def __init__(self, console, screen, phones, screenshot):
        self.console, self.screen, self.phones, self.screenshot = console, screen, phones, screenshot
        self.position = 1
        self.problems: list[str] = []
        self.barriers: dict[str, list[str]] = {}

    def step_title(self) -> str:
        return self.console.locator("#current-title").inner_text()

    def next(self, times: int = 1):
        for _ in range(times):
            self.check()
            before = self.console.locator(".progress").first.inner_text()
            self.console.click("[data-action=next]")
            self.position += 1
            # "Stellingen · stap 3 van 6": where the group is within the work form, on every page
            expect(self.console.locator(".progress").first).not_to_have_text(before)
            shown = self.console.locator(".progress").first.inner_text()
            assert re.fullmatch(r".+ · stap \d+ van \d+", shown), shown
            for page in (self.screen, *self.phones):
                expect(page.locator(".progress").first).to_have_text(shown)

    def check(self):
        """Reflow and touch targets on every phone, type size and anonymity on the screen, and a
        console that stays one screen."""
        where = f"step {self.position} ({self.step_title()})"
        for number, phone in enumerate(self.phones, start=1):
            self.problems += a11y.phone_views(phone, f"{where}, phone {number}")
            self.problems += a11y.small_targets(phone, f"{where}, phone {number}")
        self.problems += [f"{where}, screen: {p}" for p in a11y.reflow(self.screen)]
        self.problems += [f"{where}, screen text smaller than {SMALLEST_SCREEN_TEXT} px: {p}"
                          for p in self.screen.evaluate(_SMALL_TEXT, SMALLEST_SCREEN_TEXT)]
        if self.console.evaluate("document.scrollingElement.scrollHeight > innerHeight"):
            self.problems.append(f"{where}: the console no longer fits one laptop screen")
        shown = self.screen.locator("body").inner_text()
        self.problems += [f"{where}: the screen shows the name {n}" for n in NAMES if n in shown]

    def audit(self, form: str):
        """axe-core on the three views and a screenshot of each, for this work form."""
        for view, page in (("phone", self.phones[0]), ("screen", self.screen), ("console", self.console)):
            self.barriers[f"{form} {view}"] = a11y.axe(page)
            self.screenshot(page, f"workshop-{form}-{view}")


def test_a_whole_workshop_with_five_phones_ends_in_the_team_plan(live_server, trainer_page, new_phone,
                                                                   screenshot, tmp_path):
    session = live_server.create_session("volledige-workshop", team="Team Publiekszaken Noord")
    console = trainer_page(session["console_url"])
    screen = trainer_page(session["screen_url"], viewport=(SCREEN["width"], SCREEN["height"]))
    phones = []
    for name in NAMES:
        phone = new_phone()
        phone.goto(session["join_url"])
        phone.fill("#name", name)
        phone.click("#join")
        expect(phone.locator("#stage h1")).to_have_text("Welkom")
        phones.append(phone)
    expect(screen.locator("[data-joined]")).to_have_text("5 personen doen mee")
    run = Run(console, screen, phones, screenshot)
    console.click("[data-action=start]")

    statements(run)
    quiz(run)
    dilemma(run)
    debate(run)
    incident(run)

    console.once("dialog", lambda dialog: dialog.accept())
    console.click("[data-action=end]")
    expect(screen.locator("#stage h1")).to_have_text("Bedankt voor je deelname")
    team_plan(run, live_server, tmp_path)
    assert not run.problems, "\n".join(run.problems)
    assert not any(run.barriers.values()), run.barriers


def statements(run):
    console, screen, phones = run.console, run.screen, run.phones
    for phone, choice in zip(phones, ["agree", "disagree", "disagree", "disagree", "agree"], strict=True):
        phone.click(f"button.choice.{choice}")
        expect(phone.locator(f"button.choice.{choice}")).to_have_attribute("aria-pressed", "true")
    # agree and disagree are told apart by a word and a symbol, not by colour alone
    expect(phones[0].locator("button.choice.agree")).to_have_text("✓ Eens")
    expect(phones[0].locator("button.choice.disagree")).to_have_text("✗ Oneens")
    expect(console.locator("[data-answered]")).to_have_text("5 van 5 verbonden deelnemers hebben geantwoord")
    console.click("[data-action=reveal]")
    expect(screen.locator('[data-count="disagree"]')).to_have_text("3")
    expect(screen.locator(".bar.agree .label")).to_have_text("✓ Eens")
    expect(screen.locator(".bar.disagree .label")).to_have_text("✗ Oneens")
    run.audit("statements")
    run.next()
    phones[1].click("button.choice.agree")
    run.next()
    run.next()


def quiz(run):
    console, screen, phones = run.console, run.screen, run.phones
    expect(screen.locator(".quiz-teamcard")).to_have_count(2)
    teams = {}
    for phone in phones:
        banner = phone.locator(".quiz-banner")
        expect(banner).to_contain_text(re.compile("Team (Rood|Blauw)"))
        colour = re.search(r"quiz-(red|blue)", banner.get_attribute("class")).group(1)
        teams.setdefault(colour, []).append(phone)
        # a team is its colour word and its shape, not only its colour
        expect(banner.locator(".quiz-shape")).to_have_text("▲" if colour == "red" else "●")
    assert sorted(len(team) for team in teams.values()) == [2, 3]
    run.next()
    for choice in ("B", "true"):  # question 1: red answers B (right); question 2: blue, true (right)
        speaker = next(p for p in phones if p.locator("button.quiz-choice").count())
        speaker.locator(f"button.quiz-choice[value={choice}]").click()
        # the award books what the console has: the answer must be in (the button is always there)
        expect(console.locator(".quiz-now")).to_have_attribute("data-phase", "done")
        console.click("[data-action=award]")
        expect(screen.locator(".quiz-answer")).to_be_visible()
        if choice == "B":
            run.audit("quiz")
        run.next()
    # question 3, an opinion: the spokesperson answers without conferring, the teammates confirm
    speaker = next(p for p in phones if p.locator("button.quiz-choice").count())
    expect(speaker.locator(".quiz-status")).to_contain_text("zonder overleg")
    speaker.locator("button.quiz-choice").first.click()
    team = next(t for t in teams.values() if speaker in t)
    mates = [p for p in team if p is not speaker]
    for mate in mates:
        mate.click("button.choice.agree")
        expect(mate.locator("button.choice.agree")).to_have_attribute("aria-pressed", "true")
    expect(console.locator(".quiz-now")).to_contain_text("heeft gereageerd")
    expect(console.locator(".plugin-console button.primary[data-action=award]")).to_have_text(
        "Sluit het bevestigen af en ken de punten toe")
    run.screenshot(console, "workshop-quiz-opinion-console")
    run.screenshot(mates[0], "workshop-quiz-opinion-phone")
    console.click("[data-action=award]")
    expect(mates[0].locator(".quiz-result")).to_contain_text("Iedereen was het eens")
    expect(screen.locator("[data-total]").first).to_be_visible()
    run.next()
    expect(screen.locator(".quiz-winner")).to_contain_text("Team")
    expect(screen.locator(".quiz-standing")).to_have_count(2)


def dilemma(run):
    console, screen, phones = run.console, run.screen, run.phones
    run.next()  # from the final score to collecting dilemmas
    run.next()  # choosing: every phone gives a dot to the first dilemma
    for phone in phones:
        dot = phone.locator("button.dl-dot[data-dilemma=s1][data-n='1']")
        dot.click()
        expect(dot).to_have_attribute("aria-pressed", "true")
    console.click("[data-action=choose][data-dilemma=s1]")
    expect(screen.locator("[data-chosen]")).to_contain_text("Een boze beller")
    run.next()  # formulating, and the intuitive vote
    console.fill("#dl-facts", "Hij noemt mijn voornaam en zegt dat hij me weet te vinden.")
    console.click("form[data-control=formulate] button.primary")
    for phone, side in zip(phones, "abbba", strict=True):
        phone.locator(f".dl-vote input[value={side}]").check()
        phone.click(".dl-vote button.primary")
        expect(phone.locator(".saved")).to_contain_text(f"je koos {side.upper()}")
    console.click("[data-action=reveal]")
    expect(screen.locator('[data-ab="b"]')).to_have_text("60%")
    run.audit("dilemma")
    run.next(2)  # clarifying questions, then the table of values and norms
    for phone, (column, text) in zip(phones[:3], [("stakeholders", "de beller"), ("values", "veiligheid"),
                                                  ("norms", "agressieprotocol")], strict=True):
        phone.locator(f".dl-form input[value={column}]").check()
        phone.fill("#dl-cell", text)
        phone.click(".dl-form button.primary")
        expect(phone.locator(".dl-mine")).to_contain_text(text)
    console.click("[data-action=reveal]")
    expect(screen.locator(".dl-stake-table")).to_contain_text("veiligheid")
    run.next(3)  # alternatives, weighing, then agreement and differences
    # each phone shows its own intuitive judgement of step 3 beside the second vote
    for phone, side in zip(phones, "abbba", strict=True):
        expect(phone.locator("[data-intuition]")).to_have_attribute("data-intuition", side)
        expect(phone.locator("[data-intuition]")).to_contain_text(
            f"Je intuïtieve oordeel was {side.upper()}")
    run.screenshot(phones[0], "workshop-dilemma-intuition-phone")
    for phone, side in zip(phones, "bbbba", strict=True):
        phone.locator(f".dl-vote input[value={side}]").check()
        phone.click(".dl-vote button.primary")
        expect(phone.locator(".saved")).to_contain_text(f"je koos {side.upper()}")
    console.click("[data-action=reveal]")
    expect(screen.locator("[data-shift]")).to_contain_text("20 procentpunten opgeschoven richting B")
    console.fill("#dl-wa-text", "Een dreiging aan de telefoon melden we dezelfde dag")
    console.fill("#dl-wa-owner", "Iedereen")
    console.fill("#dl-wa-due", LATER)
    console.click("form[data-control=working_agreement] button.primary")
    expect(screen.locator(".dl-agreements")).to_contain_text("dezelfde dag")
    run.next()  # looking back
    for phone, score in zip(phones, "78968", strict=True):
        phone.locator(f".dl-score input[value='{score}']").check(force=True)
        phone.click(".dl-form button.primary")
        expect(phone.locator(".saved")).to_contain_text(f"een {score}")


def debate(run):
    console, screen, phones = run.console, run.screen, run.phones
    run.next()
    # the trainer's division: at random and balanced, there from the start; the vote does not change it
    words = [phone.locator(".debate-side strong").text_content().strip() for phone in phones]
    assert sorted(words) in (["Tegen"] * 2 + ["Voor"] * 3, ["Tegen"] * 3 + ["Voor"] * 2), words
    for phone, side in zip(phones, ["for", "for", "against", "against", "for"], strict=True):
        phone.click(f"button.choice.side-{side}")
        expect(phone.locator(f"button.choice.side-{side}")).to_have_attribute("aria-pressed", "true")
    expect(phones[0].locator("button.choice.side-for")).to_have_text("Voor")  # sides have words
    expect(phones[0].locator("button.choice.side-against")).to_have_text("Tegen")
    pro = [p for p, w in zip(phones, words, strict=True) if w == "Voor"]
    con = [p for p, w in zip(phones, words, strict=True) if w == "Tegen"]
    run.next()  # the preparation: each side collects its arguments, unseen by the other side
    pro[0].fill("#debate-prepare", "Een klant weigeren beschermt de collega die na hem komt.")
    pro[0].click(".debate-argument-form button.primary")
    con[0].fill("#debate-prepare", "Wie weigert, laat de klant zonder hulp.")
    con[0].click(".debate-argument-form button.primary")
    expect(pro[1].locator("[data-prepared]")).to_contain_text("beschermt de collega")
    expect(pro[1].locator("[data-prepared]")).not_to_contain_text("zonder hulp")
    expect(con[1].locator("[data-prepared]")).to_contain_text("zonder hulp")
    expect(screen.locator(".debate-screen")).not_to_contain_text("beschermt de collega")
    run.screenshot(pro[1], "workshop-debate-prepare-phone")
    run.next()  # the debate
    for phone in (con[0], pro[0], pro[1]):  # con[0] stands first
        phone.click("[data-phone-action=stand]")
        expect(phone.locator("[data-standing]")).to_be_visible()
    expect(screen.locator("[data-queue] .debate-chip")).to_have_count(3)
    primary = console.locator(".debate-floorbox button.primary")
    expect(primary).to_contain_text("stond als eerste op")
    # passing the first over needs a reason, which is logged
    second = console.locator(".debate-queue-list li[data-place='2']")
    second.locator("input[name=reason]").fill("Heeft nog niet gesproken")
    second.locator("button").click()
    expect(console.locator(".debate-passed-over")).to_contain_text("Heeft nog niet gesproken")
    expect(pro[0].locator("[data-my-floor]")).to_contain_text("Je hebt het woord")
    pro[0].click("button.debate-sit")  # sits down: the floor passes by itself to the first standing
    expect(con[0].locator("[data-my-floor]")).to_contain_text("Je hebt het woord")
    expect(console.locator(".debate-floorbox .notice")).to_contain_text("ging het woord vanzelf naar")
    expect(primary).to_contain_text("Start de spreektijd van")
    run.screenshot(console, "workshop-debate-passed-console")
    primary.click()
    expect(console.locator(".debate-floorbox .notice")).to_have_count(0)
    expect(con[0].locator("[data-my-floor]")).to_contain_text("Je hebt het woord")
    con[0].fill("#debate-argument", "Wie weigert, laat de klant zonder hulp.")
    con[0].click(".debate-argument-form button.primary")
    expect(screen.locator('[data-argument="T1"]')).to_contain_text("zonder hulp")
    expect(screen.locator(".debate-column").first).to_contain_text("Voor")  # the sides are words
    expect(screen.locator(".debate-column").last).to_contain_text("Tegen")
    run.audit("debate")
    console.click("[data-action=finish]")
    expect(screen.locator("[data-outcome]")).to_contain_text("Tegen wint")
    run.next(2)  # the closing vote, then the debrief
    console.fill("#debate-conclusion", "Wie een klant weigert, zegt dat tegen de collega naast zich")
    console.click(".debate-conclusion button.primary")
    expect(screen.locator(".debate-conclusions")).to_contain_text("tegen de collega naast zich")


def incident(run):
    console, screen, phones = run.console, run.screen, run.phones
    run.next()
    expect(phones[0].locator("#stage h1")).to_have_text("Een klant gooit met een stoel in de wachtruimte")
    phones[0].check("input[name=phase][value=tension]")
    phones[0].fill("#observation-text", "Hij vroeg twee keer hoe lang het nog duurde")
    phones[0].click(".incident-form button.primary")
    expect(phones[0].locator(".incident-mine")).to_contain_text("twee keer")
    run.next()  # causes
    for phone, (kind, text) in zip(phones[:2], [("direct", "De afspraak werd op het laatste moment verzet"),
                                                ("indirect", "Niemand zei hoe lang het nog duurde")],
                                   strict=True):
        phone.fill("#cause-text", text)
        phone.check(f"input[name=kind][value={kind}]")
        phone.click(".incident-form button.primary")
        expect(phone.locator(".incident-mine")).to_contain_text(text)
    run.next()  # classify: the factor diagram
    for phone, (text, factor) in zip(phones[:3], [("op het laatste moment", "organisational.protocols"),
                                                  ("hoe lang", "organisational.knowledge_transfer"),
                                                  ("op het laatste moment", "organisational.protocols")],
                                     strict=True):
        card = phone.locator(".incident-card", has_text=text)
        card.locator("select").select_option(factor)
        card.locator("button").click()
        expect(card).to_contain_text("Je voorstel is opgeslagen")
    expect(screen.locator("[data-count=organisational]")).to_have_text("0")  # not before the reveal
    console.click("[data-action=reveal]")  # three proposals: the minimum group
    expect(screen.locator("[data-count=organisational]")).to_have_text("2")
    run.audit("incident")
    run.next()  # actions
    cause = console.locator(".incident-console-list > li", has_text="op het laatste moment")
    cause.locator("details").evaluate("details => { details.open = true; }")
    cause.locator("input[name=what]").fill(ACTION)
    cause.locator("input[name=who]").fill("Teamleider")
    cause.locator("input[name=when]").fill(LATER)
    cause.locator("button", has_text="Actie in het teamplan zetten").click()
    expect(console.locator(".agreements")).to_contain_text("Een verzette afspraak")
    run.next()
    run.check()


def team_plan(run, live_server, tmp_path):
    """The team plan page lists what the workshop agreed; its Word file opens with python-docx."""
    page = run.console
    page.goto(live_server.url + page.locator("[data-team-plan]").get_attribute("href"))
    expect(page.locator("h1")).to_have_text("Teamplan: Team Publiekszaken Noord")
    agreed = ["Een dreiging aan de telefoon melden we dezelfde dag",
              "Wie een klant weigert, zegt dat tegen de collega naast zich",
              ACTION]
    for text in agreed:
        expect(page.locator("table.plan")).to_contain_text(text)
    run.barriers["team plan"] = a11y.axe(page)
    run.screenshot(page, "workshop-teamplan")
    with page.expect_download() as download:
        page.click("a.button:text('Word')")
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "Team Publiekszaken Noord" in text
    for line in agreed:
        assert line in text, f"not in the Word file: {line}"
