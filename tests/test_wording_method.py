"""The Dutch wording of issue 19, item by item, as a Dutch trainer and participants read it."""

import re
from types import SimpleNamespace

from flask import render_template
from flask_babel import force_locale

from facilitator.extensions import db
from plugins.dilemma.workform import Dilemma

from .conftest import Console, Phone
from .quiz.test_live_quiz import quiz_workshop  # noqa: F401 (fixture)


def quiz_room(app, trainer_client, workshop):
    console = Console(app, trainer_client, workshop["id"])
    phones = [Phone(app, workshop["code"], name) for name in
              ("Anouk", "Bram", "Chantal", "Dirk", "Esra", "Finn")]
    assert console.do("start")["ok"]
    return console, phones


def test_wording_apart_houden_is_the_action_and_apart_gehouden_the_state(app, trainer_client,
                                                                          quiz_workshop):  # noqa: F811
    console, _phones = quiz_room(app, trainer_client, quiz_workshop)
    console.do("next")
    button = re.search(r'data-action="set_aside"[^>]*>([^<]*)<', console.snapshot()["html"])
    assert button.group(1) == "Apart houden"
    console.do("set_aside", step="q1")
    button = re.search(r'data-action="set_aside"[^>]*>([^<]*)<', console.snapshot()["html"])
    assert button.group(1) == "Apart gehouden ✓"


def test_wording_team_rood_mag_antwoorden_and_winnaars_on_the_phone(app, trainer_client,
                                                                     quiz_workshop):  # noqa: F811
    from facilitator.extensions import socketio

    console, phones = quiz_room(app, trainer_client, quiz_workshop)
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": quiz_workshop["id"]})
    console.do("next")  # question 1: red has the turn
    speakers = [p for p in phones if 'data-field="choice"' in p.snapshot()["html"]]
    assert speakers[0].answer({"choice": "A"})["ok"]  # wrong: the others may steal
    html = screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    assert "mogen allemaal antwoorden" in html
    stealers = [p for p in phones if 'data-field="choice"' in p.snapshot()["html"]]
    assert stealers[0].answer({"choice": "B"})["ok"]
    html = screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    assert re.search(r"Team \w+</span>\s*mag antwoorden voor", html), "one team: mag"
    total = len(re.findall(r'data-action="goto"', console.snapshot()["html"]))
    console.do("goto", position=total - 1)  # the final score; question 1 is booked
    html = phones[0].snapshot()["html"]
    points = {t: int(n) for t, n in re.findall(r'data-total="(t\d)">(\d+)<', html)}
    for team, n in points.items():  # a tie at the top
        assert console.do("correct", team=team, points=str(3 - n), reason="Gelijkspel")["ok"]
    assert "De winnaars:" in phones[0].snapshot()["html"]


def test_wording_opvatting_and_kennisvraag(app, trainer_client, quiz_workshop):  # noqa: F811
    console, phones = quiz_room(app, trainer_client, quiz_workshop)
    console.do("next")
    assert "Kennisvraag" in phones[0].snapshot()["html"]
    console.do("next")
    console.do("next")
    html = phones[0].snapshot()["html"]
    assert "Opvatting" in html and "Meningsvraag" not in html and "Feitvraag" not in html


def test_wording_a_quiz_answer_is_seen_by_the_team(app, trainer_client, quiz_workshop):  # noqa: F811
    console, phones = quiz_room(app, trainer_client, quiz_workshop)
    html = console.snapshot()["html"]
    assert "Minder dan" not in html, "the teams step takes no input: no minimum-group line"
    console.do("next")
    assert "Je team ziet het antwoord van je team" in phones[0].snapshot()["html"]


def test_wording_1_activiteit_20_procentpunten_and_wel_of_niet_melden(app, trainer_client):
    page = trainer_client.get("/trainer").get_data(as_text=True)
    assert "1 activiteit<" in page or "1 activiteit " in page
    assert "1 activiteiten" not in page
    with app.test_request_context(), force_locale("nl"):
        html = render_template("dilemma/_shift.html", form=Dilemma(),
                               view=SimpleNamespace(minimum_group=3), results={
                                   "before": {"answered": 5, "counts": {"a": 4, "b": 1},
                                              "percent": {"a": 80, "b": 20}},
                                   "after": {"answered": 5, "counts": {"a": 3, "b": 2},
                                             "percent": {"a": 60, "b": 40}},
                                   "shift": {"a": -20, "b": 20}})
        assert "20 procentpunten opgeschoven richting B" in html
        assert str(Dilemma.themes["reporting"]) == "Wel of niet melden"


def test_wording_session_report_does_not_call_an_anonymous_step_met_naam(app, trainer_client,
                                                                          quiz_workshop):  # noqa: F811
    from facilitator.sessions.models import Workshop

    with app.app_context():
        db.session.get(Workshop, quiz_workshop["id"]).named = False
        db.session.commit()
    console, phones = quiz_room(app, trainer_client, quiz_workshop)
    console.do("next")
    speaker = next(p for p in phones if 'data-field="choice"' in p.snapshot()["html"])
    assert speaker.answer({"choice": "B"})["ok"]
    console.do("award")
    console.do("end")
    page = trainer_client.get(f"/sessions/{quiz_workshop['id']}/report").get_data(as_text=True)
    assert "Zichtbaarheid: Met naam" not in page
    assert "Zichtbaarheid: Anoniem" in page


def test_wording_the_login_flash_message_in_dutch(client):
    page = client.get("/trainer", follow_redirects=True).get_data(as_text=True)
    assert "Log in om deze pagina te zien." in page
    assert "Please log in" not in page
