"""The quiz's rules on plain data: full points, steal, pass, half points, and the majority mode."""

from dataclasses import replace

import pytest

from facilitator import ActionRejected, InputRejected
from facilitator.testing import Bench
from plugins.quiz.rounds import CONFIRM, DONE, STEAL, TURN, Round
from plugins.quiz.workform import Quiz

MC = {"text": "Binnen hoeveel uur reageert de organisatie richting de dader?",
      "options": ["24 uur", "48 uur", "een week"], "correct": "B", "points": 2, "steal_points": 1}
TRUE_FALSE = {"text": "Bij aangifte mag je het adres van je werkgever opgeven.", "correct": True}
OPEN = {"text": "Noem een van de acht VPT-maatregelen.", "answer": "Bijvoorbeeld melden"}
OPINION = {"text": "Wat doen wij als een klant blijft schelden?", "type": "opinion",
           "options": ["Grens stellen en dan stoppen", "Doorwerken"], "points": 2}
OPEN_OPINION = {"text": "Wat is voor ons team de grens?", "type": "opinion", "points": 3}


def quiz(*questions, people=6, teams=2, mode="spokesperson"):
    bench = Bench(Quiz(), {"teams": teams, "mode": mode, "questions": list(questions)},
                  participants=people)
    bench.go("teams")
    return bench


def members(bench, team):
    return next(t["members"] for t in bench.state["teams"] if t["id"] == team)


def speaker(bench, team):
    return Round(bench.view()).answer_of(team).spokesperson


def round_of(bench):
    return Round(bench.view())


def test_a_correct_answer_by_the_team_whose_turn_it_is_earns_the_full_points():
    bench = quiz(MC)
    bench.go("q1")
    assert round_of(bench).turn.id == "t1"
    bench.answer(speaker(bench, "t1"), {"choice": "B"})
    assert round_of(bench).phase == DONE
    assert bench.results()["points"] == {"t1": 2, "t2": 0}
    bench.act("award")
    assert bench.results()["totals"] == {"t1": 2, "t2": 0}


def test_a_wrong_answer_opens_the_steal_and_a_correct_steal_earns_the_steal_points():
    bench = quiz(MC, teams=3)
    bench.go("q1")
    bench.answer(speaker(bench, "t1"), {"choice": "A"})
    assert round_of(bench).phase == STEAL
    assert [t.id for t in round_of(bench).may_answer_now()] == ["t2", "t3"]
    bench.answer(speaker(bench, "t2"), {"choice": "B"})
    bench.answer(speaker(bench, "t3"), {"choice": "C"})
    bench.act("award")
    assert bench.results()["totals"] == {"t1": 0, "t2": 1, "t3": 0}


def test_a_pass_means_the_team_does_not_know_and_nobody_knowing_is_noticed():
    bench = quiz(TRUE_FALSE)
    bench.go("q1")
    bench.answer(speaker(bench, "t1"), passing=True)
    assert round_of(bench).phase == STEAL
    bench.answer(speaker(bench, "t2"), passing=True)
    assert round_of(bench).nobody_knew()
    bench.act("award")
    assert bench.results()["totals"] == {"t1": 0, "t2": 0}


def test_the_trainer_lets_the_others_steal_when_a_team_takes_too_long():
    bench = quiz(MC)
    bench.go("q1")
    bench.act("steal")
    assert round_of(bench).phase == STEAL
    with pytest.raises(InputRejected, match="beurt is voorbij|turn is over"):
        bench.answer(speaker(bench, "t1"), {"choice": "B"})
    bench.answer(speaker(bench, "t2"), {"choice": "B"})
    assert bench.results()["points"] == {"t1": 0, "t2": 1}


def test_an_opinion_on_which_the_whole_team_agrees_earns_the_full_points():
    bench = quiz(OPINION)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    bench.answer(spokesperson, {"choice": "A"})
    assert round_of(bench).phase == CONFIRM
    for member in members(bench, "t1"):
        if member != spokesperson:
            bench.answer(member, {"confirm": "agree"})
    assert bench.results()["points"]["t1"] == 2


def test_an_opinion_on_which_one_member_disagrees_earns_half():
    bench = quiz(OPEN_OPINION)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    bench.answer(spokesperson, {"text": "Bij schelden stoppen we het gesprek"})
    first, second = [m for m in members(bench, "t1") if m != spokesperson]
    bench.answer(first, {"confirm": "agree"})
    bench.answer(second, {"confirm": "disagree"})
    assert bench.results()["points"]["t1"] == 1.5
    assert round_of(bench).opinions_differed()
    bench.act("award")
    assert bench.results()["totals"]["t1"] == 1.5


def test_a_member_who_has_not_confirmed_yet_does_not_halve_the_points():
    bench = quiz(OPINION)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    bench.answer(spokesperson, {"choice": "B"})
    first = next(m for m in members(bench, "t1") if m != spokesperson)
    bench.answer(first, {"confirm": "agree"})
    assert bench.results()["points"]["t1"] == 2


def test_an_opinion_question_is_not_stolen_and_only_the_teams_own_members_confirm():
    bench = quiz(OPINION)
    bench.go("q1")
    with pytest.raises(ActionRejected):
        bench.act("steal")
    spokesperson = speaker(bench, "t1")
    bench.answer(spokesperson, {"choice": "A"})
    with pytest.raises(InputRejected):
        bench.answer(members(bench, "t2")[0], {"confirm": "agree"})
    with pytest.raises(InputRejected):
        bench.answer(spokesperson, {"confirm": "agree"})


def test_in_the_majority_mode_the_team_answer_is_what_most_members_chose():
    bench = quiz(MC, mode="majority")
    bench.go("q1")
    a, b, c = members(bench, "t1")
    bench.answer(a, {"choice": "B"})
    bench.answer(b, {"choice": "B"})
    assert round_of(bench).phase == TURN  # c has not chosen yet
    bench.answer(c, {"choice": "A"})
    answer = round_of(bench).answer_of("t1")
    assert answer.choice == "B" and answer.votes == {"B": 2, "A": 1}
    assert bench.results()["points"] == {"t1": 2, "t2": 0}


def test_in_the_majority_mode_a_divided_team_does_not_know_and_the_others_may_steal():
    bench = quiz(MC, people=4, mode="majority")
    bench.go("q1")
    a, b = members(bench, "t1")
    bench.answer(a, {"choice": "A"})
    bench.answer(b, {"choice": "B"})
    assert round_of(bench).phase == STEAL
    for member in members(bench, "t2"):
        bench.answer(member, {"choice": "B"})
    assert bench.results()["points"] == {"t1": 0, "t2": 1}


def test_in_the_majority_mode_a_unanimous_opinion_earns_full_points_and_a_split_half():
    bench = quiz(OPINION, OPINION, mode="majority")
    bench.go("q1")
    for member in members(bench, "t1"):
        bench.answer(member, {"choice": "A"})
    assert bench.results()["points"]["t1"] == 2
    bench.act("award")
    bench.go("q2")
    a, b, c = members(bench, "t2")
    bench.answer(a, {"choice": "A"})
    bench.answer(b, {"choice": "A"})
    bench.answer(c, {"choice": "B"})
    assert bench.results()["points"]["t2"] == 1


def test_an_open_answer_is_judged_by_the_trainer_before_the_points_are_awarded():
    bench = quiz(OPEN)
    bench.go("q1")
    bench.answer(speaker(bench, "t1"), {"text": "Melden en registreren"})
    with pytest.raises(ActionRejected):
        bench.act("award")
    bench.act("judge", {"team": "t1", "verdict": "wrong"})
    assert round_of(bench).phase == STEAL
    bench.answer(speaker(bench, "t2"), {"text": "Opvang en nazorg"})
    bench.act("judge", {"team": "t2", "verdict": "right"})
    bench.act("award")
    assert bench.results()["totals"] == {"t1": 0, "t2": 1}


def test_awarding_twice_books_the_points_once():
    bench = quiz(MC)
    bench.go("q1")
    bench.answer(speaker(bench, "t1"), {"choice": "B"})
    bench.act("award")
    bench.act("award")
    assert bench.results()["totals"]["t1"] == 2


def test_the_turn_goes_round_the_teams_and_skips_a_team_without_members():
    bench = quiz(MC, MC, MC, MC, people=4, teams=3)
    turns = []
    for key in ("q1", "q2"):
        bench.go(key)
        turns.append(round_of(bench).turn.id)
        bench.act("award")
    for person in members(bench, "t3"):
        bench.act("move", {"participant": person, "team": "t1"})
    bench.go("q3")
    turns.append(round_of(bench).turn.id)
    bench.act("award")
    bench.go("q4")
    turns.append(round_of(bench).turn.id)
    assert turns == ["t1", "t2", "t1", "t2"]


def test_the_trainer_may_give_the_turn_to_another_team_before_it_is_answered():
    bench = quiz(MC)
    bench.go("q1")
    bench.act("turn", {"team": "t2"})
    assert round_of(bench).turn.id == "t2"
    bench.answer(speaker(bench, "t2"), {"choice": "B"})
    with pytest.raises(ActionRejected):
        bench.act("turn", {"team": "t1"})


def test_the_score_can_be_corrected_with_a_reason_that_is_logged():
    bench = quiz(MC)
    bench.go("q1")
    bench.act("correct", {"team": "t2", "points": "1,5", "reason": "Antwoord telt toch"})
    assert bench.results()["totals"]["t2"] == 1.5
    assert bench.state["corrections"] == [
        {"team": "t2", "points": 1.5, "reason": "Antwoord telt toch", "question": 1}]
    for bad in ({"team": "t2", "points": "1", "reason": ""},
                {"team": "t2", "points": "0", "reason": "x"},
                {"team": "t2", "points": "nan", "reason": "x"},
                {"team": "t9", "points": "1", "reason": "x"}):
        with pytest.raises(InputRejected):
            bench.act("correct", bad)
    assert len(bench.state["corrections"]) == 1


def test_moving_on_books_the_points_and_sends_a_set_aside_question_to_the_team_plan():
    bench = quiz(MC, MC)
    bench.go("q1")
    bench.answer(speaker(bench, "t1"), {"choice": "A"})
    view = replace(bench.view(), set_aside=True)
    Quiz().leave(view)
    assert "q1" in view.state["awards"] and view.state["set_aside"] == ["q1"]
    assert [(a.kind, a.text) for a in view.agreements] == [
        ("open_point", f"Set aside in the knowledge quiz: {MC['text']}")]
    Quiz().leave(view)
    assert len(view.agreements) == 1, "the open point is proposed once"


def test_moving_on_from_an_unanswered_question_books_nothing():
    bench = quiz(MC, MC)
    bench.go("q1")
    bench.go("q2")
    assert "awards" not in bench.state
    assert round_of(bench).turn.id == "t1"
