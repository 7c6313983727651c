"""A pass that would undo a team's answer is refused; ending the session at a question leaves it
like moving on does; un-setting a set-aside question takes its open point back."""

import pytest
from sqlalchemy import select

from facilitator import InputRejected, Participant
from facilitator.extensions import db
from facilitator.sessions.models import Activity, Agreement, Entry, StepState
from facilitator.testing import Bench
from plugins.quiz.rounds import CONFIRM, CONFIRM_SLOT, DONE, Round
from plugins.quiz.workform import Quiz

from . import test_live_quiz as live

quiz_workshop, room, speaker = live.quiz_workshop, live.room, live.speaker  # fixtures, a helper

MC = {"text": "Binnen hoeveel uur reageert de organisatie richting de dader?",
      "options": ["24 uur", "48 uur", "een week"], "correct": "B", "points": 2, "steal_points": 1}
OPINION = {"text": "Wat doen wij als een klant blijft schelden?", "type": "opinion",
           "options": ["Grens stellen en dan stoppen", "Doorwerken"], "points": 2}


def at_question(*questions, mode="spokesperson"):
    bench = Bench(Quiz(), {"teams": 2, "mode": mode, "questions": list(questions)},
                  participants=6)
    bench.go("teams")
    bench.go("q1")
    return bench


def spokesperson(bench, team="t1"):
    return Round(bench.view()).answer_of(team).spokesperson


def teammate(bench, team="t1"):
    answer = Round(bench.view()).answer_of(team)
    return next(m for m in answer.team.members if m != answer.spokesperson)


def pass_of(bench, person):
    return Quiz().accept_pass(bench.view(person), Participant(person, None, True))


def offered(bench, person):
    return Quiz().offers_pass(bench.view(person), Participant(person, None, True))


def test_the_spokesperson_may_pass_for_the_team_before_it_answers():
    bench = at_question(MC)
    speaker_id = spokesperson(bench)
    assert pass_of(bench, speaker_id).payload == {"pass": True}
    assert offered(bench, speaker_id) and not offered(bench, teammate(bench))
    with pytest.raises(InputRejected, match="spokesperson"):
        pass_of(bench, teammate(bench))


def test_a_pass_after_a_right_answer_is_refused_and_the_points_stand():
    bench = at_question(MC)
    speaker_id = spokesperson(bench)
    bench.answer(speaker_id, {"choice": "B"})
    assert Round(bench.view()).phase == DONE
    with pytest.raises(InputRejected, match="already answered"):
        pass_of(bench, speaker_id)
    assert not offered(bench, speaker_id)
    assert bench.results()["points"]["t1"] == 2


def test_a_teammate_may_pass_while_confirming_an_opinion_but_the_spokesperson_may_not():
    bench = at_question(OPINION)
    speaker_id = spokesperson(bench)
    bench.answer(speaker_id, {"choice": "A"})
    assert Round(bench.view()).phase == CONFIRM
    assert pass_of(bench, teammate(bench)).slot == CONFIRM_SLOT  # no say, not a disagreement
    assert offered(bench, teammate(bench))
    with pytest.raises(InputRejected, match="already answered"):
        pass_of(bench, speaker_id)


def test_in_the_majority_mode_a_member_who_chose_cannot_pass_over_the_choice():
    bench = at_question(MC, mode="majority")
    first, second = Round(bench.view()).answer_of("t1").team.members[:2]
    assert pass_of(bench, second).payload == {"pass": True}
    bench.answer(first, {"choice": "B"})
    with pytest.raises(InputRejected, match="already chosen"):
        pass_of(bench, first)


def test_a_pass_is_refused_once_the_points_are_awarded():
    bench = at_question(MC)
    bench.act("award")
    with pytest.raises(InputRejected, match="awarded"):
        pass_of(bench, spokesperson(bench))


# -- live, through the host --------------------------------------------------------------------

def question_entries(app, key="q1"):
    with app.app_context():
        row = db.session.scalar(select(StepState).where(StepState.key == key))
        return [e.payload for e in db.session.scalars(select(Entry).where(Entry.step_id == row.id))]


def quiz_state(app):
    with app.app_context():
        return db.session.scalar(select(Activity).where(Activity.type == "quiz")).state


def open_points(app):
    with app.app_context():
        return [a.text for a in db.session.scalars(
            select(Agreement).where(Agreement.kind == "open_point"))]


def test_a_tapped_pass_does_not_turn_a_right_answer_into_a_steal(app, room):
    console, screen, teams = room
    console.do("next")
    red = speaker(teams["red"])
    assert "data-pass" in red.snapshot()["html"]
    assert all("data-pass" not in p.snapshot()["html"] for p in teams["red"] if p is not red)
    assert red.answer({"choice": "B"})["ok"]
    refused = red.answer(passing=True)
    assert refused["ok"] is False and "al geantwoord" in refused["error"]
    assert "data-pass" not in red.snapshot()["html"]
    assert question_entries(app) == [{"choice": "B"}]
    console.do("award")
    assert quiz_state(app)["awards"]["q1"]["answers"][0]["points"] == 2


def test_ending_the_session_at_a_question_books_it_and_sends_it_to_the_team_plan(app, room):
    console, screen, teams = room
    console.do("next")
    assert speaker(teams["red"]).answer({"choice": "B"})["ok"]
    assert console.do("set_aside", step="q1")["ok"]
    assert console.do("end")["ok"]
    state = quiz_state(app)
    assert "q1" in state["awards"] and state["set_aside"] == ["q1"]
    assert max(a["points"] for a in state["awards"]["q1"]["answers"]) == 2
    assert open_points(app) == [
        "Apart gehouden in de kennisquiz: Welke voorbeelden van onacceptabel gedrag noemt de "
        "landelijke norm van Veilige Publieke Taak?"]


def test_un_setting_a_set_aside_question_takes_its_open_point_back(app, room):
    console, screen, teams = room
    console.do("next")
    assert console.do("set_aside", step="q1")["ok"]
    console.do("next")
    assert len(open_points(app)) == 1
    console.do("previous")
    assert console.do("set_aside", step="q1")["ok"]  # un-set
    console.do("next")
    assert open_points(app) == [] and quiz_state(app)["set_aside"] == []
    console.do("previous")
    assert console.do("set_aside", step="q1")["ok"]  # and set aside again: proposed again
    console.do("next")
    assert len(open_points(app)) == 1
