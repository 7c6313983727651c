"""All nine steps of the dilemma method, live: trainer console, shared screen and four phones
through the Socket.IO test client, from the shipped scenario."""

import re

import pytest
from sqlalchemy import select

from facilitator.extensions import db, socketio
from facilitator.sessions.models import Agreement, Entry, StepState

from ..conftest import Console, Phone

STEPS = ["collect", "choose", "formulate", "clarify", "values", "alternatives", "weighing",
         "agreement", "evaluate"]


@pytest.fixture
def session(app, trainer, trainer_client):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        scenario = scenarios.builtin(plugin_host())["dilemma-intervisie"]
        made = workshops.create(scenario, db.session.get(User, trainer), team_name="Team Balie")
        code, workshop_id = made.code, made.id
    console = Console(app, trainer_client, workshop_id)
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": workshop_id})
    phones = [Phone(app, code) for _ in range(4)]
    return console, screen, phones


def shown(screen) -> str:
    return screen.emit("hello", {}, callback=True)["snapshot"]["html"]


def ok(ack):
    assert ack["ok"], ack
    return ack


def refused(ack, *words):
    assert ack["ok"] is False, ack
    for word in words:
        assert word in ack["error"], ack["error"]
    return ack["error"]


def entries(app, key):
    with app.app_context():
        row = db.session.scalar(select(StepState).where(StepState.key == key))
        return [e.payload for e in db.session.scalars(
            select(Entry).where(Entry.step_id == row.id).order_by(Entry.id))]


def test_a_team_works_through_all_nine_steps_with_four_phones(app, session):
    console, screen, (p1, p2, p3, p4) = session
    ok(console.do("start"))
    assert p1.snapshot()["meta"]["step"] == "collect"
    assert "Laat namen van cliënten en collega's weg" in p1.snapshot()["html"]

    # 1. collect: anonymous, several per person, double taps idempotent, bad input refused
    story = {"title": "<b>Balie</b> na sluitingstijd", "text": "Iemand blijft staan.",
             "theme": "limits"}
    assert ok(p1.answer(story, client_id="tap"))["changed"] is True
    assert ok(p1.answer(story, client_id="tap"))["changed"] is False
    assert ok(p1.answer(story))["changed"] is False  # the same dilemma lands in the same slot
    ok(p2.answer({"title": "Dreigen via de app", "text": "Een bericht 's avonds laat.",
                  "theme": "threats"}))
    refused(p3.answer({"title": "", "text": "x", "theme": "limits"}), "leeg")
    refused(p3.answer({"title": "x" * 81, "text": "x", "theme": "limits"}), "te lang")
    refused(p3.answer({"title": "x", "text": "x", "theme": "weather"}), "thema")
    ok(p3.answer({"title": "Collega valt uit", "text": "Na een incident.", "theme": "help"}))
    ok(p4.answer(passing=True))
    assert len(entries(app, "collect")) == 4
    with app.app_context():
        assert all(e.participant_id is None for e in db.session.scalars(select(Entry)))
    assert "Balie na sluitingstijd" not in shown(screen)
    ok(console.do("reveal", step="collect"))
    html = shown(screen)
    assert "&lt;b&gt;Balie&lt;/b&gt; na sluitingstijd" in html and "<b>Balie" not in html
    assert "Schelden aan de balie" in html  # prepared dilemmas join the collected ones

    # 2. choose: dots, never more than the scenario gives
    ok(console.do("next"))
    refused(p1.answer({"title": "te laat", "text": "x", "theme": "limits"}, step="collect"))
    ballot = p1.snapshot()["html"]
    ids = re.findall(r'data-dilemma="(\w+)" data-n="1"', ballot)
    assert len(ids) == 10 and ids[0].startswith("e") and ids[3] == "s1"
    mine, threat = ids[0], ids[1]
    ok(p1.answer({"action": "dots", "dilemma": mine, "n": "3"}))
    refused(p1.answer({"action": "dots", "dilemma": threat, "n": "1"}), "3 stippen")
    ok(p1.answer({"action": "dots", "dilemma": mine, "n": "2"}))
    ok(p1.answer({"action": "dots", "dilemma": threat, "n": "1"}))
    ok(p2.answer({"action": "dots", "dilemma": mine, "n": "2"}))
    refused(p2.answer({"action": "dots", "dilemma": mine, "n": "4"}))
    ok(p3.answer({"action": "dots", "dilemma": "s4", "n": "3"}))
    assert "0 stippen over" in p3.snapshot()["html"]
    console_html = console.snapshot()["html"]
    assert f'data-dots="{mine}">4 stippen' in console_html
    ok(console.do("choose", dilemma=mine, step="choose"))
    ok(console.do("reveal", step="choose"))
    assert f'data-dots="{mine}">4<' in shown(screen)

    # 3. formulate: the trainer records, the phones choose A or B, hidden until the reveal
    ok(console.do("next"))
    refused(p1.answer({"choice": "a"}), "twee kanten")
    ok(console.do("formulate", step="formulate", facts="Na sluitingstijd staat iemand binnen.",
                  actions="Ik vroeg hem te gaan.", feelings="Onrustig.",
                  side_a="Ik laat hem binnen", side_b="Ik stuur hem weg"))
    for phone, choice in zip((p1, p2, p3, p4), "bbab", strict=True):
        ok(phone.answer({"choice": choice, "line": "eerste gevoel"}))
    ok(p2.answer({"choice": "a", "line": "toch A"}))  # a second vote replaces the first
    ok(p4.answer({"choice": "a", "line": ""}))
    assert len(entries(app, "formulate")) == 4
    html = shown(screen)
    assert "Ik laat hem binnen" in html and "data-ab" not in html
    assert "data-ab" not in p1.snapshot()["html"] and "data-ab" not in console.snapshot()["html"]
    ok(console.do("reveal", step="formulate"))
    html = shown(screen)
    assert 'data-ab="a">75%' in html and 'data-ab="b">25%' in html and "toch A" in html
    refused(p1.answer({"choice": "a"}), "blijft")

    # 4. clarify: advice is held back and never reaches the screen; the rule is on the phones
    ok(console.do("next"))
    assert "Geen advies" in p1.snapshot()["html"]
    ok(p1.answer({"question": "Was er een collega in de buurt?"}))
    ok(p2.answer({"question": "Ik zou gewoon de beveiliging bellen, dat deed ik ook."}))
    ok(p3.answer({"question": "Wat zei je leidinggevende erover?"}))
    advice = next(e for e in console.snapshot()["html"].split("<li") if "beveiliging" in e)
    ok(console.do("hold", step="clarify", entry=re.search(r'data-entry="(\d+)"', advice)[1]))
    ok(console.do("let_through", step="clarify"))
    ok(p4.answer({"question": "Hoe laat was het precies?"}))  # arrives after the let-through
    ok(console.do("reveal", step="clarify"))
    html = shown(screen)
    assert "Was er een collega" in html and "Wat zei je leidinggevende" in html
    assert "beveiliging" not in html and "Hoe laat" not in html
    assert "hield deze vraag apart" in p2.snapshot()["html"]
    refused(p2.answer({"question": "Ik zou gewoon de beveiliging bellen, dat deed ik ook."}),
            "apart")
    ok(console.do("let_through", step="clarify"))
    assert "Hoe laat was het precies?" in shown(screen)

    # 5. values and norms: a three-column table; the trainer merges and edits
    ok(console.do("next"))
    ok(p1.answer({"column": "stakeholders", "text": "de bezoeker"}))
    ok(p2.answer({"column": "stakeholders", "text": "De bezoeker"}))
    ok(p3.answer({"column": "values", "text": "respect"}))
    ok(p4.answer({"column": "norms", "text": "huisregels"}))
    refused(p4.answer({"column": "feelings", "text": "boos"}), "kolom")
    ids = list(dict.fromkeys(re.findall(r'name="entry" value="(\d+)"', console.snapshot()["html"])))
    ok(console.do("merge_cells", step="values", entry=ids[1], into=ids[0]))
    ok(console.do("edit_cell", step="values", entry=ids[0], text="de bezoeker na sluitingstijd"))
    ok(console.do("reveal", step="values"))
    html = shown(screen)
    assert "de bezoeker na sluitingstijd" in html and "×2" in html and "huisregels" in html

    # 6. alternatives: brainstorm, then marks; the screen ranks them
    ok(console.do("next"))
    ok(p1.answer({"alternative": "Samen met een collega het gesprek voeren"}))
    ok(p2.answer({"alternative": "De politie bellen"}))
    refused(p3.answer({"action": "mark", "entry": "1", "mark": "yes"}), "begeleider")
    ok(console.do("marking", step="alternatives", on="1"))
    refused(p3.answer({"alternative": "Nog een idee"}), "begeleider")
    alternatives = re.findall(r'data-phone-action="mark" data-entry="(\d+)" data-mark="yes"',
                              p3.snapshot()["html"])
    together, police = alternatives
    for phone in (p1, p2, p3, p4):
        ok(phone.answer({"action": "mark", "entry": together, "mark": "yes"}))
        ok(phone.answer({"action": "mark", "entry": police, "mark": "no"}))
    ok(p4.answer({"action": "mark", "entry": police, "mark": "partly"}))
    ok(console.do("reveal", step="alternatives"))
    html = shown(screen)
    assert html.index("Samen met een collega") < html.index("De politie bellen")
    assert "100% doet recht" in html and "13% doet recht" in html

    # 7. weighing: the contributor fills in the prompts; somebody else cannot take over
    ok(console.do("next"))
    ok(p1.answer({"right": "Ik vind het juist dat ik hem vriendelijk maar duidelijk wegstuur",
                  "sake": "veiligheid", "despite": "zijn boosheid", "damage": "uitleg geven",
                  "need_self": "rust", "need_team": "een collega in de buurt",
                  "need_organisation": "duidelijke sluitingstijden"}))
    refused(p2.answer({"right": "Ik doe het anders"}), "inbrenger")
    ok(console.do("reveal", step="weighing"))
    assert "duidelijke sluitingstijden" in shown(screen)

    # 8. agreement: a second vote, the shift since step 3, agreements into the team plan
    ok(console.do("next"))
    for phone, choice in zip((p1, p2, p3, p4), "bbba", strict=True):
        ok(phone.answer({"choice": choice}))
    ok(console.do("record", step="agreement", agree="Veiligheid gaat voor",
                  differ="Hoe streng we zijn", choice="We sturen bezoekers na sluitingstijd weg",
                  grounds="Veiligheid van collega's"))
    ok(console.do("choice_to_plan", step="agreement", due="2026-12-31"))
    refused(console.do("choice_to_plan", step="agreement", due="2026-12-31"), "teamplan")
    agreement = {"text": "Na sluitingstijd sluiten we met z'n tweeën af",
                 "owner": "Teamleider", "due": "2026-12-31"}
    ok(console.do("working_agreement", step="agreement", **agreement))
    refused(console.do("working_agreement", step="agreement", **agreement), "teamplan")
    refused(console.do("working_agreement", step="agreement", text="x", owner="y", due="morgen"),
            "datum")
    refused(console.do("working_agreement", step="agreement", text="x", owner="", due="2027-01-01"))
    html = shown(screen)
    assert "Teamleider" in html and "31 december 2026" in html and "data-shift" not in html
    ok(console.do("reveal", step="agreement"))
    html = shown(screen)
    assert 'data-ab="a">75%' in html and 'data-ab="a">25%' in html  # before and after
    assert "50 procentpunt" in html and "richting B" in html
    with app.app_context():
        plan = {a.text: a for a in db.session.scalars(select(Agreement))}
    working = plan["Na sluitingstijd sluiten we met z'n tweeën af"]
    assert (working.kind, working.owner, working.due.date().isoformat()) == \
        ("working_agreement", "Teamleider", "2026-12-31")
    assert any(t.startswith("Handelingsafspraak: We sturen bezoekers") for t in plan)

    # 9. evaluate: a mark and one word, summarised
    ok(console.do("next"))
    for phone, mark, word in zip((p1, p2, p3, p4), (8, 7, 9, 6), ("veilig", "Veilig", "", "rust"),
                                 strict=True):
        ok(phone.answer({"score": str(mark), "word": word}))
    refused(p1.answer({"score": "11"}), "cijfer van 1 tot en met 10")
    refused(p1.answer({"score": "8", "word": "twee woorden"}), "woord")
    ok(console.do("reveal", step="evaluate"))
    html = shown(screen)
    assert "data-average>7,5<" in html and "veilig" in html and "×2" in html

    # the trainer can go back, set a point aside and jump
    ok(console.do("previous"))
    assert console.snapshot()["meta"]["step"] == "agreement"
    ok(console.do("set_aside", step="agreement"))
    ok(console.do("goto", position=2))
    assert p1.snapshot()["meta"]["step"] == "formulate"
    with app.app_context():
        row = db.session.scalar(select(StepState).where(StepState.key == "agreement"))
        assert row.set_aside


def test_the_whole_run_is_in_the_steps_reports(app, session):
    """What the exports get from the work form: each step's report, from the stored run."""
    from facilitator.contract.plugins import work_form
    from facilitator.sessions import stepviews
    from facilitator.sessions.models import Workshop

    console, _screen, (p1, p2, p3, _p4) = session
    ok(console.do("start"))
    ok(console.do("goto", position=2))  # straight to formulate: the trainer names a dilemma
    ok(console.do("formulate", step="formulate", title="Telefoon blijft gaan", facts="Elke dag",
                  side_a="Opnemen", side_b="Doorschakelen"))
    for phone in (p1, p2, p3):
        ok(phone.answer({"choice": "a"}))
    ok(console.do("goto", position=7))
    for phone in (p1, p2, p3):
        ok(phone.answer({"choice": "b"}))
    ok(console.do("working_agreement", step="agreement", text="Doorschakelen na 3 keer",
                  owner="Sam", due="2027-02-01"))
    with app.app_context():
        workshop = db.session.scalar(select(Workshop))
        reports = {row.key: work_form(activity.type).report(
            stepviews.build(workshop, activity, row))
            for activity, row in stepviews.flat_steps(workshop)}
    assert list(reports) == STEPS
    assert "Dilemma: Telefoon blijft gaan" in reports["formulate"]["paragraphs"]
    moved = reports["agreement"]["tables"][0]["rows"]
    assert moved[0][1:3] == ["3", "0"] and moved[1][1:3] == ["0", "3"]
    assert reports["agreement"]["tables"][1]["rows"] == [
        ["Doorschakelen na 3 keer", "Sam", "2027-02-01"]]
