"""METHODS.md section 2 (knowledge quiz), rule by rule: the opinion question as source 001 has it,
the console's one primary action per state, the spokesperson rotation and the team rosters."""

import re

import pytest

from facilitator import InputRejected, Participant
from facilitator.extensions import db, socketio
from facilitator.testing import Bench
from plugins.quiz.rounds import CONFIRM, Round
from plugins.quiz.workform import Quiz

from ..conftest import Console, Phone
from .test_scoring import MC, OPINION, members, quiz, speaker


def phone(bench, person):
    me = next(p for p in bench.participants if p.id == person)
    mine = [e for e in bench.entries[bench.step.key] if e.participant_id == person]
    return Quiz().phone_context(bench.view(person), me, mine)


def teammates(bench, team, spokesperson):
    return [m for m in members(bench, team) if m != spokesperson]


# -- on plain data -------------------------------------------------------------------------------

def test_quiz_2_opinion_spokesperson_answers_without_conferring():
    bench = quiz(OPINION, MC)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    said = phone(bench, spokesperson)["status"].text
    assert "without conferring" in said or "zonder overleg" in said, said
    assert "talk it over" not in said and "overleg met je team" not in said
    bench.go("q2")  # a fact question: the team may talk it over
    said = phone(bench, speaker(bench, Round(bench.view()).turn.id))["status"].text
    assert "talk it over" in said or "overleg" in said


def test_quiz_2_opinion_every_teammate_confirms_and_no_answer_is_not_a_disagreement():
    bench = quiz(OPINION, people=8)  # four in a team: the spokesperson and three who confirm
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    bench.answer(spokesperson, {"choice": "A"})
    first, second, silent = teammates(bench, "t1", spokesperson)
    for person in (first, second, silent):
        assert phone(bench, person)["may_confirm"]
    bench.answer(first, {"confirm": "agree"})
    bench.answer(second, {"confirm": "agree"})
    assert bench.results()["points"]["t1"] == 2, "a silent member halves the points"
    bench.act("award")  # the trainer closes the confirmation
    assert bench.results()["totals"]["t1"] == 2


def test_quiz_2_opinion_any_disagreement_gives_half():
    bench = quiz(OPINION, people=8)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    bench.answer(spokesperson, {"choice": "A"})
    first, second, _silent = teammates(bench, "t1", spokesperson)
    bench.answer(first, {"confirm": "agree"})
    bench.answer(second, {"confirm": "disagree"})
    bench.act("award")
    assert bench.results()["totals"]["t1"] == 1


def test_quiz_2_opinion_pass_stays_possible_while_teammates_confirm():
    bench = quiz(OPINION, people=8)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    bench.answer(spokesperson, {"choice": "A"})
    first, second, _third = teammates(bench, "t1", spokesperson)
    assert bench.offers_pass(first)
    bench.answer(first, passing=True)  # through accept_pass, as the host stores a pass
    bench.answer(second, {"confirm": "agree"})
    round_ = Round(bench.view())
    assert round_.phase == CONFIRM
    assert (round_.turn_answer.agree, round_.turn_answer.disagree) == (1, 0)
    assert bench.results()["points"]["t1"] == 2, "a pass is not a disagreement"


def test_quiz_2_opinion_the_trainer_closes_the_confirmation():
    bench = quiz(OPINION, people=8)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    bench.answer(spokesperson, {"choice": "A"})
    first, late, _silent = teammates(bench, "t1", spokesperson)
    bench.answer(first, {"confirm": "agree"})
    bench.act("award")
    with pytest.raises(InputRejected):
        bench.answer(late, {"confirm": "disagree"})
    assert bench.results()["totals"]["t1"] == 2


def test_quiz_2_spokesperson_rotation_counts_steals():
    bench = quiz(MC, MC, people=4, teams=2)
    bench.go("q1")  # red has the turn and gets it wrong; blue steals
    bench.answer(speaker(bench, "t1"), {"choice": "A"})
    stealer = speaker(bench, "t2")
    bench.answer(stealer, {"choice": "B"})
    bench.act("award")
    bench.go("q2")  # blue's turn: the other member speaks now
    assert speaker(bench, "t2") != stealer


def test_quiz_2_team_rosters_show_display_names_in_an_anonymous_session():
    bench = Bench(Quiz(), {"teams": 2, "questions": [MC]}, participants=0)
    for n, name in enumerate(["Anouk", "Bram", "Chantal", "Dirk"], start=1):
        bench.participants.append(Participant(n, None, True, display_name=name))
    bench.go("teams")
    view = bench.view(1)
    roster = Quiz().roster(view, Quiz().teams(view)[0])
    assert set(roster) <= {"Anouk", "Bram", "Chantal", "Dirk"} and len(roster) == 2


# -- live, through the host ----------------------------------------------------------------------

@pytest.fixture
def anonymous_quiz(app, trainer):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        scenario = scenarios.builtin(plugin_host())["kennisquiz-agressiebeleid"]
        made = workshops.create(scenario, db.session.get(User, trainer), named=False,
                                team_name="Team Publiekszaken")
        return {"id": made.id, "code": made.code}


@pytest.fixture
def room(app, trainer_client, anonymous_quiz):
    console = Console(app, trainer_client, anonymous_quiz["id"])
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": anonymous_quiz["id"]})
    names = ["Anouk", "Bram", "Chantal", "Dirk", "Esra", "Finn"]
    phones = {name: Phone(app, anonymous_quiz["code"], name) for name in names}
    assert console.do("start") == {"ok": True}
    return console, screen, phones


def primaries(html):
    """The console's primary actions: buttons marked primary that act on their own (a form's
    own submit button is the form's, not the console's)."""
    return re.findall(r'<button[^>]*class="[^"]*\bprimary\b[^"]*"[^>]*data-action="(\w+)"', html) \
        + re.findall(r'<button[^>]*data-action="(\w+)"[^>]*class="[^"]*\bprimary\b', html)


def team_html(phone):
    return phone.snapshot()["html"]


def test_quiz_2_team_rosters_with_display_names_on_the_phone_and_console_in_an_anonymous_session(
        room):
    console, screen, phones = room
    anouk = team_html(phones["Anouk"])
    team = re.search(r'class="quiz-banner quiz-(\w+)"', anouk).group(1)
    mates = [name for name, p in phones.items()
             if f'class="quiz-banner quiz-{team}"' in team_html(p)]
    assert len(mates) == 2
    for name in mates:
        assert name in anouk, f"{name} is not shown in the team's roster"
    others = [name for name in phones if name not in mates]
    assert not any(f"<li>{name}" in anouk for name in others)
    board = console.snapshot()["html"]
    roster = board[board.index("quiz-teamgrid"):]
    assert all(name in roster for name in phones), "the console's teams show no names"
    assert "Anouk" not in screen.emit("hello", {}, callback=True)["snapshot"]["html"]


def speaking(team):
    return [p for p in team if 'data-field="choice"' in p.snapshot()["html"]]


def test_quiz_2_console_one_primary_action_per_state_and_the_confirmation_hint_goes(room):
    console, _screen, phones = room
    for _ in range(3):
        console.do("next")  # question 3 is the first opinion question
    html = console.snapshot()["html"]
    assert "Opvatting" in html or "Opinion" in html
    assert primaries(html) == [], "while a team answers, nothing to press would skip it"
    teams = {}
    for p in phones.values():
        teams.setdefault(re.search(r'quiz-banner quiz-(\w+)', team_html(p)).group(1), []).append(p)
    on_turn = next(t for t in teams.values() if speaking(t))
    spokesperson = speaking(on_turn)[0]
    assert spokesperson.answer({"choice": "A"})["ok"]
    html = console.snapshot()["html"]
    assert primaries(html) == ["award"], primaries(html)
    assert 'data-phase="confirm"' in html
    for mate in on_turn:
        if mate is not spokesperson:
            assert mate.answer({"confirm": "agree"})["ok"]
    html = console.snapshot()["html"]
    now = re.search(r'class="quiz-now[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "zeggen of ze het eens zijn" not in now and "say whether they agree" not in now, now
    assert primaries(html) == ["award"]
    assert console.do("award")["ok"]
    html = console.snapshot()["html"]
    assert primaries(html) == ["next"], primaries(html)
