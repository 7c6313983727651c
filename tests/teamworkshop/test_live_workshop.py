"""The team workshop live, in Dutch, from the shipped scenario: console, shared screen and five
phones over Socket.IO, from the notes to the agreements in the team plan and the session report."""

import html
import re
from pathlib import Path

import yaml
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.sessions.models import Agreement

SCENARIO = yaml.safe_load((Path(__file__).parents[2] / "scenarios" /
                           "teamworkshop-samen-veilig-aan-de-balie.yaml").read_text())
NAMES = ["Anna", "Bram", "Chris", "Dewi", "Eva"]
NOTES = {"Anna": [("keep", "Collega's springen direct bij"), ("improve", "Alarmknop loket 3 kapot")],
         "Bram": [("improve", "Alarmknop reageert traag"), ("improve", "Te lange wachtrij")],
         "Chris": [("keep", "Goede opvang na een incident"), ("improve", "Wachtrij loopt uit")],
         "Dewi": [("improve", "Geen zicht op de wachtruimte")],
         "Eva": [("keep", "Teamleider komt meteen")]}


def ok(ack):
    assert ack["ok"], ack
    return ack


def note_ids(console_html: str) -> dict[str, str]:
    """The console's checkboxes: note text -> note id."""
    found = re.findall(r'name="notes" value="(n\d+)"> ([^<]+?)\s*</label>', console_html)
    return {html.unescape(text): note for note, text in found}


def test_the_whole_team_workshop_live_with_five_phones(facilitator_session):
    session = facilitator_session(SCENARIO, names=NAMES, team="Team Publiekszaken")
    console, screen = session.trainer, session.screen
    phones = dict(zip(NAMES, session.phones, strict=True))
    ok(console.do("start"))
    assert "Agressie en veiligheid aan de balie" in screen.html
    assert "Op welk bord?" in phones["Anna"].html

    # 1. notes: on the screen only after the reveal
    for name, notes in NOTES.items():
        for board, text in notes:
            ok(phones[name].answer({"board": board, "text": text}))
    assert 'value="improve" required checked' in phones["Anna"].html  # her last note's board
    assert 'value="keep" required checked' in phones["Eva"].html
    refused = phones["Anna"].answer({"board": "ergens", "text": "x"})
    assert refused["ok"] is False and "bord" in refused["error"]
    assert "Alarmknop loket 3 kapot" not in screen.html
    assert "Alarmknop loket 3 kapot" in console.html
    ok(console.do("reveal", step="collect"))
    assert "Alarmknop loket 3 kapot" in screen.html

    # 2. clusters: picked on the console, named; the screen shows both boards
    ok(console.do("next"))
    ids = note_ids(console.html)
    assert len(ids) == 8
    ok(console.do("cluster", notes=[ids["Alarmknop loket 3 kapot"], ids["Alarmknop reageert traag"]],
                  name="Alarmknop", into=""))
    ok(console.do("cluster", notes=[ids["Te lange wachtrij"], ids["Wachtrij loopt uit"]],
                  name="Wachttijd", into=""))
    ok(console.do("cluster", notes=[ids["Collega's springen direct bij"],
                                    ids["Teamleider komt meteen"]], name="Steun van elkaar"))
    mixed = console.do("cluster", notes=[ids["Goede opvang na een incident"],
                                         ids["Geen zicht op de wachtruimte"]], name="Mix")
    assert mixed["ok"] is False and "één bord" in mixed["error"]
    shown = screen.html
    assert "Alarmknop" in shown and "Steun van elkaar" in shown and "Wachtrij loopt uit" in shown
    assert 'data-board="keep"' in shown and 'data-board="improve"' in shown

    # 3. dots: three per board; the top after the reveal; the group's verdict
    ok(console.do("next"))
    ballot = phones["Anna"].html
    items = dict((html.unescape(n), i) for i, n in re.findall(
        r'<li class="tw-item" data-item="(\w+)">\s*<p class="tw-item-name">([^<]+)</p>', ballot))
    assert set(items) >= {"Alarmknop", "Wachttijd", "Steun van elkaar",
                          "Geen zicht op de wachtruimte"}
    for name, phone in phones.items():
        ok(phone.answer({"action": "dots", "item": items["Alarmknop"], "n": "2"}))
        ok(phone.answer({"action": "dots", "item": items["Wachttijd" if name != "Eva" else
                                                         "Geen zicht op de wachtruimte"], "n": "1"}))
        ok(phone.answer({"action": "dots", "item": items["Steun van elkaar"], "n": "3"}))
    too_many = phones["Anna"].answer({"action": "dots", "item": items["Wachttijd"], "n": "2"})
    assert too_many["ok"] is False and "stippen" in too_many["error"]
    assert 'data-dots="' not in screen.html
    ok(console.do("seriousness", level="onrust"))
    ok(console.do("reveal", step="vote"))
    top = screen.html
    assert f'data-dots="{items["Alarmknop"]}">10<' in top and "Onrust" in top

    # 4. solutions in small groups: each group a point from the top; presented one by one
    ok(console.do("next"))
    assert "Wacht even" in phones["Anna"].html
    assert 'class="primary">Groepjes maken' in console.html
    ok(console.do("form_groups", size="2"))
    groups = screen.html
    assert "Anna, Dewi" in groups and "Bram, Eva" in groups  # a named session: names on screen
    assert "Groepje 1" in phones["Anna"].html and "Alarmknop" in phones["Anna"].html
    solutions = {"Anna": ("self", "Ik test elke ochtend de alarmknop"),
                 "Bram": ("group", "Vaste plek om in de wachtrij te informeren"),
                 "Chris": ("others", "Facilitair: de knop bij loket 3 laten repareren"),
                 "Dewi": ("others", "Afdeling beheer: een bolle spiegel in de wachtruimte")}
    for name, (bucket, text) in solutions.items():
        ok(phones[name].answer({"bucket": bucket, "text": text}))
    assert "Ik test elke ochtend" not in screen.html
    assert 'class="primary" data-action="reveal"' in console.html
    ok(console.do("reveal", step="solutions"))
    assert "Ik test elke ochtend" not in screen.html  # the groups present one by one
    ok(console.do("present", group="g1"))
    stage = screen.html
    assert "Groepje 1 presenteert" in stage and "Ik test elke ochtend de alarmknop" in stage
    assert "Afdeling beheer" in stage  # Dewi is in group 1 too: dealt out in turn
    assert "Facilitair: de knop" not in stage  # Chris is in group 3
    for group, text in (("g2", "Vaste plek om in de wachtrij"), ("g3", "Facilitair: de knop")):
        assert f'class="primary" data-action="present" data-step="solutions" data-group="{group}"' \
            in console.html
        ok(console.do("present", group=group))
        assert text in screen.html
    assert 'class="next primary"' in console.html

    # 5. follow-up: everyone something to do; the console shows who has nothing yet
    ok(console.do("next"))
    taken = {s: i for i, s in re.findall(r'<option value="(s\d+)"[^>]*>[^:<]+: ([^<]+)</option>',
                                          phones["Eva"].html)}
    assert len(taken) == 4
    ok(phones["Anna"].answer({"solution": taken["Ik test elke ochtend de alarmknop"],
                              "due": "2026-03-02"}))
    ok(phones["Chris"].answer({"solution": taken["Facilitair: de knop bij loket 3 laten repareren"],
                               "due": "2026-02-16", "via": "facilitair beheer"}))
    nothing = console.html.split("data-without>")[1].split("</section>")[0]
    assert "Bram" in nothing and "Eva" in nothing and "Anna" not in nothing
    for name in ("Bram", "Dewi", "Eva"):
        ok(phones[name].answer({"solution": taken["Vaste plek om in de wachtrij te informeren"]}))
    assert "Iedereen heeft iets op zich genomen" in console.html
    assert 'class="primary" data-action="to_plan"' in console.html
    ok(console.do("to_plan", step="followup"))
    again = console.do("to_plan", step="followup")
    assert again["ok"] is False

    with session.app.app_context():
        plan = {a.text: a for a in db.session.scalars(select(Agreement))}
        db.session.remove()
    assert len(plan) == 3
    outside = next(a for t, a in plan.items() if t.startswith("Facilitair"))
    assert (outside.kind, outside.owner, outside.outside_help) == ("action", "Chris",
                                                                   "facilitair beheer")
    assert "punt: Geen zicht op de wachtruimte" in outside.text and outside.step_key == "followup"
    team = next(a for t, a in plan.items() if t.startswith("Vaste plek"))
    assert (team.kind, team.owner) == ("working_agreement", "Bram, Dewi, Eva")

    ok(console.do("reveal", step="followup"))
    assert "facilitair beheer" in screen.html
    ok(console.do("end"))
    report = session.report()
    captions = [t["caption"] for s in report for t in s["tables"]]
    assert {"Briefjes op de twee borden", "Stippen (top 3 per bord)",
            "Oplossingen van de groepjes", "Vervolgafspraken: de grote lijst"} <= set(captions)
    text = repr(report)
    assert "Onrust" in text and "Bram, Dewi, Eva" in text
    sections = session.team_plan_sections()
    ours = next(t for t in sections if t.caption == "Teamworkshops: toppunten en hoe ernstig")
    assert ours.rows[0][1:] == ["Samen aanpakken: veiligheid aan de balie",
                                "Onrust: serieus nemen",
                                "Alarmknop; Wachttijd; Geen zicht op de wachtruimte",
                                "Steun van elkaar"]


def test_notes_of_fewer_people_than_the_minimum_stay_off_the_screen(facilitator_session):
    """The minimum group counts people, not notes: two people with three notes each are two."""
    session = facilitator_session(SCENARIO, names=["Anna", "Bram"])
    ok(session.trainer.do("start"))
    for phone in session.phones:
        for n in range(3):
            ok(phone.answer({"board": "improve", "text": f"Punt {n} van {phone.meta['joined']}"}))
    ok(session.trainer.do("reveal", step="collect"))
    shown = session.screen.html
    assert "Punt 0" not in shown and "data-too-few" in shown
    ok(session.trainer.do("next"))
    assert "Punt 0" not in session.screen.html  # nor while clustering
    ok(session.trainer.do("previous"))
    ok(session.trainer.do("open", step="collect"))
    ok(session.join("Chris").answer({"board": "keep", "text": "Fijne collega's"}))
    assert "Fijne collega" in session.screen.html and "Punt 0" in session.screen.html
