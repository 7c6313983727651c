"""The quiz live, through the Socket.IO test client: a console, the shared screen and three teams
of phones."""

import re

import pytest
from sqlalchemy import select

from facilitator.extensions import db, socketio
from facilitator.sessions.models import Agreement

from ..conftest import Console, Phone

NAMES = ["Anouk", "Bram", "Chantal", "Dirk", "Esra", "Finn"]


@pytest.fixture
def quiz_workshop(app, trainer):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        scenario = scenarios.builtin(plugin_host())["kennisquiz-agressiebeleid"]
        made = workshops.create(scenario, db.session.get(User, trainer), team_name="Team Publiekszaken")
        return {"id": made.id, "code": made.code}


@pytest.fixture
def room(app, trainer_client, quiz_workshop):
    """The trainer's console, the shared screen and six phones, divided into three teams."""
    console = Console(app, trainer_client, quiz_workshop["id"])
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": quiz_workshop["id"]})
    phones = [Phone(app, quiz_workshop["code"], name) for name in NAMES]
    assert console.do("start") == {"ok": True}
    teams = {}
    for phone in phones:
        teams.setdefault(team_colour(phone), []).append(phone)
    return console, screen, teams


def team_colour(phone):
    found = re.search(r'class="quiz-banner quiz-(\w+)"', phone.snapshot()["html"])
    assert found, "the phone does not show its team"
    return found.group(1)


def html(client):
    return client.emit("hello", {}, callback=True)["snapshot"]["html"]


def speaker(team):
    """The member whose phone shows the answer buttons."""
    speaking = [p for p in team if 'data-field="choice"' in p.snapshot()["html"]
                or 'name="text"' in p.snapshot()["html"]]
    assert len(speaking) == 1, f"{len(speaking)} phones of the team can answer"
    return speaking[0]


def total(view_html, team):
    return re.search(rf'data-total="{team}">([^<]+)<', view_html).group(1)


def test_three_teams_play_turns_steals_and_an_opinion_with_half_points(room):
    console, screen, teams = room
    red, blue, green = teams["red"], teams["blue"], teams["green"]
    assert [len(red), len(blue), len(green)] == [2, 2, 2]
    assert "Team Rood" in html(screen) and "Team Groen" in html(screen)

    console.do("next")  # question 1: multiple choice, the answer is B; red has the turn
    assert "Aan de beurt" in html(screen) and "Team Rood" in html(screen)
    refused = blue[0].answer({"choice": "B"})
    assert refused["ok"] is False and "Team Rood" in refused["error"] and "stelen" in refused["error"]
    assert speaker(red).answer({"choice": "A"})["ok"]
    assert 'data-phase="steal"' in console.snapshot()["html"]
    assert "Stelen" in html(screen)
    late = red[0].answer({"choice": "B"})
    assert late["ok"] is False and "andere teams mogen nu antwoorden" in late["error"]
    assert speaker(blue).answer({"choice": "B"})["ok"]
    assert speaker(green).answer(passing=True)["ok"]
    assert console.do("award")["ok"]
    shown = html(screen)
    assert "Uitschelden, spugen, slaan en bedreigen" in shown and "ook schelden en spugen" in shown
    assert (total(shown, "t1"), total(shown, "t2"), total(shown, "t3")) == ("0", "1", "0")
    assert "Jullie team krijgt 1 punt" in blue[1].snapshot()["html"]
    closed = blue[0].answer({"choice": "C"})
    assert closed["ok"] is False and "afgesloten" in closed["error"]

    console.do("next")  # question 2: true/false, the answer is false; blue has the turn
    assert speaker(blue).answer({"choice": "false"})["ok"]
    console.do("award")

    console.do("next")  # question 3: an opinion question for green
    spokesperson = speaker(green)
    assert spokesperson.answer({"choice": "A"})["ok"]
    teammate = next(p for p in green if p is not spokesperson)
    assert 'value="disagree"' in teammate.snapshot()["html"], "the teammate is asked to confirm"
    assert teammate.answer({"confirm": "disagree"})["ok"]
    console.do("award")
    shown = html(screen)
    assert (total(shown, "t1"), total(shown, "t2"), total(shown, "t3")) == ("0", "3", "1")
    assert "1 oneens" in shown


def test_a_spokesperson_who_goes_offline_is_replaced_and_a_late_joiner_gets_a_team(
        app, room, quiz_workshop):
    console, screen, teams = room
    console.do("next")
    first = speaker(teams["red"])
    first.sio.disconnect()
    replacement = speaker([p for p in teams["red"] if p is not first])
    assert replacement.answer({"choice": "B"})["ok"]

    late = Phone(app, quiz_workshop["code"], "Gijs")
    assert team_colour(late) in ("red", "blue", "green")
    assert "Gijs" in console.snapshot()["html"]


def test_a_set_aside_question_becomes_an_open_point_and_the_winner_is_shown(app, room):
    console, screen, teams = room
    console.do("next")
    assert speaker(teams["red"]).answer({"choice": "B"})["ok"]
    console.do("award")
    assert console.do("set_aside", step="q1")["ok"]
    console.do("correct", team="t2", points="-1", reason="Voorzeggen")
    assert "Voorzeggen" in console.snapshot()["html"]
    refused = console.do("correct", team="t2", points="1", reason="")
    assert refused["ok"] is False and refused["error"]

    last = re.findall(r'data-action="goto" data-position="(\d+)"', console.snapshot()["html"])[-1]
    console.do("goto", position=last)
    shown = html(screen)
    assert "Eindstand" in shown and "De winnaar" in shown and "Team Rood" in shown
    assert "Apart gehouden om later te bespreken" in shown
    with app.app_context():
        points = db.session.scalars(select(Agreement).where(Agreement.kind == "open_point")).all()
    assert [p.text for p in points] == [
        "Apart gehouden in de kennisquiz: Welke voorbeelden van onacceptabel gedrag noemt de "
        "landelijke norm van Veilige Publieke Taak?"]
