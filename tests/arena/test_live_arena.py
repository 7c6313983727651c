"""A live arena conversation and a thematic meeting's closing checklist with the public harness
(facilitator.testing.LiveSession): console, shared screen and phones over Socket.IO, in Dutch."""

import re

from facilitator.testing import LiveSession

NAMES = ["Anna", "Bram", "Chaima", "Dirk", "Eva", "Fatih", "Gerda"]
ARENA = {"title": "Arenagesprek", "activities": [{"type": "arena", "title": "Arenagesprek", "config": {
    "inner_party": "Medewerkers", "outer_party": "Leidinggevenden", "inner_size": 3,
    "questions": [{"theme": "experiences", "text": "Wat maakte je mee aan de balie?"},
                  {"theme": "expectations", "text": "Wat verwacht je van de organisatie?"}]}}]}


def ring_of(phone):
    return re.search(r'data-ring="(inner|outer)"', phone.html).group(1)


def agreements(session):
    from facilitator.extensions import db
    from facilitator.sessions.models import Activity, Agreement
    from facilitator.teamplan.documents import source_label
    from facilitator.teamplan.plan import source_of

    with session.app.test_request_context():
        found = [(a.text, a.kind, a.owner, a.outside_help,
                  db.session.get(Activity, a.activity_id).type,
                  source_label(source_of(a), db.session.get(Activity, a.activity_id)))
                 for a in db.session.query(Agreement).order_by(Agreement.id)]
        db.session.remove()
    return found


def test_an_arena_conversation_from_the_rings_to_the_team_plan(tmp_path):
    session = LiveSession(ARENA, folder=tmp_path, names=NAMES, named=False)
    trainer, screen, phones = session.trainer, session.screen, session.phones
    assert trainer.do("start")["ok"]
    assert 'data-action="draw"' in trainer.html and "Loot 3 personen voor de binnenring" in trainer.html
    assert trainer.do("draw", step="rings")["ok"]
    inner = [p for p in phones if ring_of(p) == "inner"]
    outer = [p for p in phones if ring_of(p) == "outer"]
    assert len(inner) == 3 and len(outer) == 4
    assert "Je zit in de binnenring" in inner[0].html and "Je zit in de buitenring" in outer[0].html
    shown = screen.html
    assert 'data-count="inner">3 personen' in shown and 'data-count="outer">4 personen' in shown
    assert not any(name in shown for name in NAMES)  # an anonymous session: no names on the screen
    assert all(name in trainer.html for name in NAMES)  # the trainer sees who sits where

    trainer.do("next")  # round 1
    assert "Wat maakte je mee aan de balie?" in screen.html and "Vraag 1 van 2" in screen.html
    refused = inner[0].answer({"text": "Ik vertel liever"})
    assert not refused["ok"] and "binnenring" in refused["error"]
    assert outer[0].answer({"text": "Niemand meldt schelden"})["ok"]
    assert outer[1].answer({"text": "De balie voelt onbeschermd"})["ok"]
    assert trainer.do("question", to="next", step="listen")["ok"]
    assert "Wat verwacht je van de organisatie?" in outer[2].html
    assert outer[2].answer({"text": "Nazorg hangt van toeval af"})["ok"]
    assert "Niemand meldt schelden" not in screen.html  # not before the reveal
    assert "Niemand meldt schelden" in trainer.html
    trainer.do("reveal")
    assert "Niemand meldt schelden" in screen.html and "Nazorg hangt van toeval af" in screen.html

    trainer.do("next")  # round 2
    assert outer[3].answer({"text": "Wat had je toen van mij nodig?"})["ok"]
    assert outer[0].answer({"text": "Wordt een melding ooit teruggekoppeld?"})["ok"]
    assert "Wat had je toen van mij nodig?" not in screen.html
    entry = re.search(r'data-action="show" data-entry="(\d+)"', trainer.html).group(1)
    assert 'class="primary" data-action="show"' in trainer.html  # the leader's one next action
    assert trainer.do("show", entry=entry, step="ask")["ok"]
    assert "Wat had je toen van mij nodig?" in screen.html
    assert "op het scherm" in outer[3].html
    assert trainer.do("discussed", step="ask")["ok"]
    trainer.do("reveal")
    assert "Wat had je toen van mij nodig?" in screen.html
    assert "teruggekoppeld" not in screen.html  # a question the leader did not pick stays off

    trainer.do("next")  # close
    assert trainer.do("point", step="close", text="De teamleider belt na elk incident binnen een dag",
                      owner="Teamleider")["ok"]
    assert "belt na elk incident" in screen.html and "belt na elk incident" in inner[1].html
    assert phones[5].answer({"text": "Een vaste maat bij huisbezoeken"})["ok"]
    suggestion = re.search(r'data-action="adopt" data-entry="(\d+)"', trainer.html).group(1)
    assert trainer.do("adopt", entry=suggestion, step="close", outside_help="Wijkagent")["ok"]
    refused = trainer.do("point", step="close", text="Iets", due="morgen")
    assert not refused["ok"] and "datum" in refused["error"]
    trainer.do("reveal")
    assert trainer.do("end")["ok"]

    plan = agreements(session)
    assert [(text, kind, owner, outside, form) for text, kind, owner, outside, form, _ in plan] == [
        ("De teamleider belt na elk incident binnen een dag", "working_agreement", "Teamleider",
         None, "arena"),
        ("Een vaste maat bij huisbezoeken", "action", None, "Wijkagent", "arena")]
    assert all(source.endswith("— Arenagesprek") for *_, source in plan)

    report = session.report()
    text = repr(report)
    assert "Wat de buitenring opviel" in text and "Niemand meldt schelden" in text
    assert "Binnenring: 3 personen (Medewerkers); Buitenring: 4 personen (Leidinggevenden)." in text
    assert "Wat had je toen van mij nodig?" in text and "teruggekoppeld" not in text
    assert "gestuurd vanaf een telefoon" in text
    assert not any(name in text for name in NAMES)


def test_a_named_session_shows_who_sits_where_on_the_screen(tmp_path):
    session = LiveSession(ARENA, folder=tmp_path, names=NAMES[:4], named=True)
    session.trainer.do("start")
    anna = next(m.group(1) for m in re.finditer(
        r'data-participant="(\d+)" data-ring="outer">Anna', session.trainer.html))
    assert session.trainer.do("move", participant=anna, ring="inner", step="rings")["ok"]
    inner = session.screen.html.split('data-ring="inner"')[1]
    assert "Anna" in inner and "Bram" not in inner
    assert "Je zit in de binnenring" in session.phones[0].html
    assert session.trainer.do("swap", step="rings")["ok"]
    assert "Je zit in de buitenring" in session.phones[0].html
    for odd in ({"participant": ["1"], "ring": {"x": 1}}, {"participant": anna, "ring": "centre"}):
        refused = session.trainer.do("move", step="rings", **odd)  # a clear refusal, no crash
        assert not refused["ok"] and refused["error"] == "Kies een deelnemer en een ring."
    assert not session.trainer.do("point", step="rings", text="Te vroeg")["ok"]
    session.trainer.do("next")
    refused = session.phones[0].answer({"text": {"a": 1}})  # Anna, in the outer ring now
    assert not refused["ok"] and refused["error"] and "binnenring" not in refused["error"]


THEMATIC = {"title": "Werkoverleg", "activities": [
    {"type": "statements", "config": {"statements": ["Ik heb het afgelopen halfjaar agressie meegemaakt."]}},
    {"type": "checklist", "title": "Wat hebben we bereikt?", "config": {"items": [
        "Eigen ervaringen besproken", "Teamprotocol nagelopen", "Werkafspraken concreet"]}}]}


def test_the_closing_checklist_of_a_thematic_meeting_is_in_the_report_and_the_team_plan(tmp_path):
    session = LiveSession(THEMATIC, folder=tmp_path, phones=3)
    trainer, screen, phones = session.trainer, session.screen, session.phones
    trainer.do("start")
    trainer.do("next")
    assert "Hebben we dit bereikt?" in phones[0].html
    for phone in phones:
        assert phone.answer({"item-0": "reached", "item-1": "partly"})["ok"]
    assert 'class="primary">Leg de checklist vast' in trainer.html
    assert trainer.do("tick", step="check", **{"item-0": "reached", "item-1": "reached",
                                               "item-2": "not"})["ok"]
    assert "Bereikt: 2 van 3" not in screen.html  # the ticks show once the trainer shows them
    trainer.do("reveal")
    assert "Bereikt: 2 van 3" in screen.html and 'data-verdict="not"' in screen.html
    trainer.do("end")
    section = next(s for s in session.report() if s["title"].startswith("Wat hebben we bereikt?"))
    assert section["paragraphs"] == ["Bereikte uitkomsten volgens de begeleider: 2 van 3."]
    assert section["tables"][0]["rows"][1] == ["Teamprotocol nagelopen", "Bereikt", "0", "3", "0"]
    assert [(text, kind) for text, kind, *_ in agreements(session)] == [
        ("Nog niet bereikt in het werkoverleg: Werkafspraken concreet", "open_point")]
