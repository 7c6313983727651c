"""A live incident evaluation through the Flask-SocketIO test client: console, screen, four phones."""

import re

import pytest
from sqlalchemy import select

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db, socketio
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import Agreement, User

from ..conftest import Console, Phone

CASE = {
    "title": "Schreeuwen aan de balie", "setting": "Balie",
    "account": "Burger B schreeuwt tegen medewerker A over een uitkering die stilligt.",
    "people": [{"role": "medewerker A", "names": ["Anouk de Vries"]}, {"role": "burger B"}],
    "tension": "Lange rij, geen antwoord in het systeem.",
}


def _workshop(app, trainer, *, named=False, scenario_id="incidentevaluatie-casussen", data=None):
    with app.app_context():
        host = plugin_host()
        scenario = scenarios.from_data(data, "test", host) if data else \
            scenarios.builtin(host)[scenario_id]
        made = workshops.create(scenario, db.session.get(User, trainer), named=named,
                                team_name="Team Werkplein")
        return {"id": made.id, "code": made.code}


def _html(client) -> str:
    return client.emit("hello", {}, callback=True)["snapshot"]["html"]


def _cause_keys(html: str) -> dict[str, str]:
    """Cause text -> key, from the console's classification list."""
    found = re.findall(r'data-cause="(\w+)">\s*<p><span class="badge">\w+</span> <strong>([^<]+)</strong>',
                       html)
    return {text: key for key, text in found}


@pytest.fixture
def session(app, trainer, trainer_client):
    def start(**kwargs):
        workshop = _workshop(app, trainer, **kwargs)
        console = Console(app, trainer_client, workshop["id"])
        screen = socketio.test_client(app, flask_test_client=trainer_client,
                                      auth={"role": "screen", "workshop": workshop["id"]})
        return workshop, console, screen

    return start


def test_four_phones_evaluate_an_incident_from_timeline_to_team_plan(app, session):
    workshop, console, screen = session()
    phones = [Phone(app, workshop["code"], name) for name in ("Anna", "Bram", "Chris", "Dewi")]
    assert console.do("start") == {"ok": True}
    first = phones[0].snapshot()["html"]
    assert "Boze klant aan de balie" in first and "Wat kunnen we leren?" in first
    assert "Interactie medewerker – burger" in _html(screen)

    refused = phones[0].answer({"phase": "afterwards", "text": "Niemand belde terug"})
    assert refused == {"ok": False, "error": "Kies de fase waar je waarneming over gaat."}
    assert phones[0].answer({"phase": "aftercare", "text": "Niemand belde haar terug"})["ok"]
    assert "Niemand belde haar terug" in _html(console.sio)

    assert console.do("reveal", step="incident")["ok"]  # reported only once shown
    assert console.do("next")["ok"]
    causes = [("direct", "De beveiliger was in de pauze"),
              ("indirect", "Geen uitleg in het systeem waarom de aanvraag stillag"),
              ("indirect", "Drukke maandag, lange rij"),
              ("direct", "Burger B had geen geld meer voor de huur")]
    for phone, (kind, text) in zip(phones, causes, strict=True):
        assert phone.answer({"kind": kind, "text": text})["ok"], text
    assert phones[0].answer({"kind": "maybe", "text": "x"})["error"] == \
        "Geef aan of de oorzaak direct of indirect is."
    assert "te lang" in phones[0].answer({"kind": "direct", "text": "x" * 301})["error"]
    assert console.do("reveal", step="causes")["ok"]
    assert "Drukke maandag, lange rij" in _html(screen)

    assert console.do("next")["ok"]  # the causes come along to the classification
    keys = _cause_keys(_html(console.sio))
    assert len(keys) == 4
    pause, system, busy, money = (keys[text] for _, text in causes)
    for phone in phones[:2]:
        assert phone.answer({"cause": pause, "factor": "organisational.protocols"})["ok"]
    assert phones[0].answer({"cause": system, "factor": "technical.ict"})["ok"]
    assert phones[1].answer({"cause": system, "factor": "organisational.knowledge_transfer"})["ok"]
    assert phones[2].answer({"cause": money, "factor": "citizen.money"})["error"] == \
        "Kies een van de vier soorten factoren en een van de onderdelen daarvan."
    assert phones[2].answer({"cause": busy, "factor": "organisational.management_priority"})["ok"]
    assert "Voorstellen lopen uiteen" in _html(console.sio)
    assert console.do("classify", step="classify", cause=system, factor="technical.ict")["ok"]
    assert console.do("classify", step="classify", cause=money, factor="citizen.nonsense")["ok"] \
        is False
    assert console.do("classify", step="classify", cause=money,
                      factor="citizen.earlier_aggression")["ok"]
    shown = _html(screen)
    technical = shown.split('data-group="technical"')[1].split("</section>")[0]
    assert "Geen uitleg in het systeem" in technical and 'data-count="technical">1<' in technical
    organisational = shown.split('data-group="organisational"')[1].split("</section>")[0]
    # what the phones proposed reaches the screen only once revealed; the trainer's placements now
    assert "De beveiliger was in de pauze" not in organisational
    assert console.do("reveal", step="classify")["ok"]
    shown = _html(screen)
    organisational = shown.split('data-group="organisational"')[1].split("</section>")[0]
    assert "De beveiliger was in de pauze" in organisational
    assert "Drukke maandag" in organisational

    assert console.do("reveal", step="classify")["ok"]  # reported only once shown
    assert console.do("next")["ok"]
    assert console.do("add_action", step="actions", cause=pause, what="Pauzes van de beveiliging "
                      "afstemmen op het spreekuur", who="Teamleider", when="2026-03-01",
                      outside="Facilitaire dienst")["ok"]
    assert console.do("add_action", step="actions", cause=pause, what="Pauzes van de beveiliging "
                      "afstemmen op het spreekuur", who="Teamleider", when="2026-03-01")["ok"]
    assert console.do("add_action", step="actions", cause=busy, what="Rooster", who="",
                      when="2026-03-01")["ok"] is False
    assert console.do("add_action", step="actions", cause=busy, what="Rooster", who="Teamleider",
                      when="volgende week")["error"] == "Vul bij wanneer een datum in."
    assert console.do("no_action", step="actions", cause=money)["ok"]
    for phone, chance in zip(phones, ["high", "medium", "high", "low"], strict=True):
        assert phone.answer({"chance": chance, "reason": "Het blijft druk"})["ok"]
    assert console.do("repetition", step="actions", chance="high",
                      reason="De wachttijden blijven lang")["ok"]
    with app.app_context():
        agreements = db.session.scalars(select(Agreement)).all()
    assert [(a.kind, a.owner, a.due.date().isoformat(), a.outside_help) for a in agreements] == [
        ("action", "Teamleider", "2026-03-01", "Facilitaire dienst")]
    assert agreements[0].text.startswith("Pauzes van de beveiliging afstemmen op het spreekuur")

    assert console.do("reveal", step="actions")["ok"]  # reported only once shown
    assert console.do("next")["ok"]
    summary = _html(screen)
    assert 'data-count="organisational">2<' in summary
    assert 'data-count="citizen">1<' in summary
    assert 'data-repetition="high"' in summary and "De wachttijden blijven lang" in summary
    assert "Voor 1 oorzaak is geen actie nodig." in summary
    assert "Pauzes van de beveiliging afstemmen" in summary

    from facilitator.sessions.models import Workshop
    from facilitator.teamplan.documents import session_report

    with app.test_request_context():
        report = session_report(db.session.get(Workshop, workshop["id"]))
    tables = {table.caption: table for section in report.sections for table in section.tables}
    assert ["Technische factoren", "1"] in tables["Oorzaken per soort factor"].rows
    assert "Kans op herhaling: groot. De wachttijden blijven lang" in [
        p for section in report.sections for p in section.paragraphs]
    assert tables["Afgesproken acties"].rows[0][2:] == [
        "Pauzes van de beveiliging afstemmen op het spreekuur", "Teamleider", "2026-03-01",
        "Facilitaire dienst"]


def test_names_of_the_people_involved_and_of_participants_stay_off_the_screen(app, session):
    data = {"title": "Test", "named": True,
            "activities": [{"type": "incident", "config": {"cases": [CASE]}}]}
    workshop, console, screen = session(named=True, data=data)
    sanne, other = Phone(app, workshop["code"], "Sanne"), Phone(app, workshop["code"], "Piet")
    console.do("start")
    console.do("next")
    assert sanne.answer({"kind": "direct", "text": "Anouk de Vries stond alleen"})["ok"]
    assert other.answer({"kind": "indirect", "text": "Sanne zag het en deed niets"})["ok"]
    assert other.answer({"kind": "indirect", "text": "Het was te warm in de hal"})["ok"]
    console.do("reveal", step="causes")
    shown = _html(screen)
    assert "medewerker A stond alleen" in shown and "[naam] zag het en deed niets" in shown
    assert "Anouk" not in shown and "Vries" not in shown and "Sanne" not in shown
    assert "Anouk de Vries stond alleen" in _html(console.sio)  # the trainer sees what was sent

    console.do("next")
    warm = _cause_keys(_html(console.sio))["Het was te warm in de hal"]
    assert console.do("hide_item", step="classify", item=warm)["ok"]
    assert "te warm" not in _html(screen) and "te warm" not in _html(sanne.sio)
    assert "(niet op het scherm getoond)" in _html(screen)
    assert console.do("hide_item", step="classify", item="nonsense")["ok"] is False


def test_in_an_anonymous_session_the_names_participants_gave_stay_off_the_screen(app, session):
    data = {"title": "Test", "activities": [{"type": "incident", "config": {"cases": [CASE]}}]}
    workshop, console, screen = session(data=data)
    anna, bram, third = (Phone(app, workshop["code"], "Anna"), Phone(app, workshop["code"], "Bram"),
                         Phone(app, workshop["code"]))
    console.do("start")
    console.do("next")
    assert bram.answer({"kind": "indirect", "text": "Anna zag het en deed niets"})["ok"]
    assert anna.answer({"kind": "direct", "text": "Brams collega stond alleen"})["ok"]
    assert third.answer({"kind": "indirect", "text": "Het was te warm in de hal"})["ok"]
    console.do("reveal", step="causes")
    shown = _html(screen)
    assert "[naam] zag het en deed niets" in shown and "[naam] collega stond alleen" in shown
    assert "Anna" not in shown and "Bram" not in shown and "Het was te warm in de hal" in shown
    assert "Anna zag het en deed niets" in _html(console.sio)  # the trainer sees what was sent

    console.do("next")
    on_phone = _html(third.sio)
    assert "[naam] zag het en deed niets" in on_phone and "Anna" not in on_phone


def test_an_anonymous_session_hands_names_to_the_work_form_only_for_masking(app, session):
    from facilitator.sessions import stepviews
    from facilitator.sessions.models import Workshop

    workshop, console, _screen = session()
    Phone(app, workshop["code"], " Anna "), Phone(app, workshop["code"])
    console.do("start")
    with app.test_request_context():
        held = db.session.get(Workshop, workshop["id"])
        activity, row = stepviews.current(held)
        view = stepviews.build(held, activity, row)
        assert [p.name for p in view.participants] == [None, None]  # read when looked at
        assert view.names_to_mask == ["Anna"]
        assert "Anna" not in repr(view)


def test_the_trainer_describes_an_incident_when_the_scenario_has_none(app, session):
    data = {"title": "Eigen incident", "activities": [{"type": "incident", "config": {}}]}
    workshop, console, screen = session(data=data)
    phone = Phone(app, workshop["code"])
    console.do("start")
    assert "beschrijft het incident" in _html(phone.sio)
    assert phone.answer({"phase": "tension", "text": "x"})["error"] == \
        "De begeleider heeft het incident nog niet beschreven."
    refused = console.do("describe", step="incident", title="", account="Iets")
    assert refused["ok"] is False and "leeg" in refused["error"]
    assert console.do("describe", step="incident", title="Bedreiging <b>telefoon</b>",
                      account="Beller B dreigt; Karim nam op.",
                      roles="medewerker A: klantcontactcentrum\nbeller B",
                      names="Karim", tension="Beller B werd sarcastisch.")["ok"]
    shown = _html(screen)
    assert "Bedreiging &lt;b&gt;telefoon&lt;/b&gt;" in shown
    assert "[naam] nam op" in shown and "Karim" not in shown
    on_phone = _html(phone.sio)
    assert "Beller B werd sarcastisch." in on_phone and "klantcontactcentrum" in on_phone
    assert 'value="Karim"' in _html(console.sio)  # the trainer can edit the masked names
