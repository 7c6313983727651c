"""Teams, turns, spokespersons and the input the quiz refuses, on plain data."""

from dataclasses import replace

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.quiz.rounds import Round
from plugins.quiz.workform import Quiz

from .test_scoring import MC, OPINION, members, quiz, speaker


def phone(bench, person):
    """What this person's phone is given to show."""
    me = next(p for p in bench.participants if p.id == person)
    mine = [e for e in bench.entries[bench.step.key] if e.participant_id == person]
    return Quiz().phone_context(bench.view(person), me, mine)


def test_the_group_is_divided_into_balanced_teams_with_a_colour_word_and_a_shape():
    bench = quiz(MC, people=10, teams=3)
    sizes = sorted(len(t["members"]) for t in bench.state["teams"])
    assert sizes == [3, 3, 4]
    assert sorted(m for t in bench.state["teams"] for m in t["members"]) == list(range(1, 11))
    names = [(t.name, t.colour.icon) for t in Quiz().teams(bench.view())]
    assert names == [("Team Red", "▲"), ("Team Blue", "●"), ("Team Green", "■")]


def test_people_whose_phone_is_away_are_spread_over_the_teams():
    bench = Bench(Quiz(), {"teams": 2, "questions": [MC]}, participants=6)
    bench.participants = [replace(p, connected=p.id <= 4) for p in bench.participants]
    bench.go("teams")
    for team in bench.state["teams"]:
        assert sum(1 for m in team["members"] if m <= 4) == 2


def test_a_late_joiner_goes_to_the_smallest_team():
    bench = quiz(MC, people=5)
    small = min(bench.state["teams"], key=lambda t: len(t["members"]))["id"]
    bench.join(6)
    assert 6 in members(bench, small)
    assert sorted(len(t["members"]) for t in bench.state["teams"]) == [3, 3]


def test_the_trainer_moves_a_person_by_hand_and_can_divide_again_before_any_points():
    bench = quiz(MC, people=6)
    person = members(bench, "t1")[0]
    bench.act("move", {"participant": str(person), "team": "t2"})
    assert person in members(bench, "t2") and person not in members(bench, "t1")
    with pytest.raises(ActionRejected):
        bench.act("move", {"participant": "999", "team": "t1"})
    bench.act("divide", {"count": "3"})
    assert [len(t["members"]) for t in bench.state["teams"]] == [2, 2, 2]
    with pytest.raises(ActionRejected):
        bench.act("divide", {"count": "9"})


def test_a_team_that_is_not_on_turn_is_refused_with_a_message():
    bench = quiz(MC)
    bench.go("q1")
    with pytest.raises(InputRejected) as refused:
        bench.answer(speaker(bench, "t2"), {"choice": "B"})
    assert "Team Red" in refused.value.message and "steal" in refused.value.message


def test_only_the_spokespersons_phone_offers_the_answers_and_the_others_know_whose_turn_it_is():
    bench = quiz(MC, teams=3)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    assert phone(bench, spokesperson)["may_answer"]
    teammate = next(m for m in members(bench, "t1") if m != spokesperson)
    assert not phone(bench, teammate)["may_answer"]
    assert phone(bench, teammate)["status"].text.startswith("Your team's turn!")
    other = phone(bench, members(bench, "t3")[0])
    assert not other["may_answer"] and "Team Red" in other["status"].text


def test_only_the_spokesperson_answers_for_the_team_and_only_once():
    bench = quiz(MC)
    bench.go("q1")
    spokesperson = speaker(bench, "t1")
    other = next(m for m in members(bench, "t1") if m != spokesperson)
    with pytest.raises(InputRejected, match="spokesperson"):
        bench.answer(other, {"choice": "B"})
    bench.answer(spokesperson, {"choice": "A"})
    bench.answer(spokesperson, {"choice": "A"})  # a double tap is the same answer
    assert len(bench.entries["q1"]) == 1
    with pytest.raises(InputRejected):
        bench.answer(spokesperson, {"choice": "B"})


def test_a_pass_before_the_steal_does_not_stop_a_team_from_stealing():
    bench = quiz(MC)
    bench.go("q1")
    with pytest.raises(InputRejected, match="turn"):  # too early: it is not their turn yet
        bench.answer(speaker(bench, "t2"), passing=True)
    bench.answer(speaker(bench, "t1"), {"choice": "C"})
    context = phone(bench, speaker(bench, "t2"))
    assert context["may_answer"] and context["status"].tone == "go"
    bench.answer(speaker(bench, "t2"), {"choice": "B"})
    assert bench.results()["points"] == {"t1": 0, "t2": 1}


def test_answers_after_the_points_were_awarded_are_refused():
    bench = quiz(MC)
    bench.go("q1")
    bench.act("award")
    with pytest.raises(InputRejected, match="closed"):
        bench.answer(speaker(bench, "t1"), {"choice": "B"})


@pytest.mark.parametrize("data", [{}, {"choice": "Z"}, {"choice": "<script>"}, {"choice": None},
                                  {"text": "B"}])
def test_anything_but_one_of_the_options_is_refused(data):
    bench = quiz(MC)
    bench.go("q1")
    with pytest.raises(InputRejected):
        bench.answer(speaker(bench, "t1"), data)


def test_a_spokesperson_whose_phone_disconnects_is_replaced_by_the_next_member():
    bench = quiz(MC)
    bench.go("q1")
    first = speaker(bench, "t1")
    bench.participants = [replace(p, connected=p.id != first) for p in bench.participants]
    second = speaker(bench, "t1")
    assert second != first and second in members(bench, "t1")
    bench.answer(second, {"choice": "B"})
    assert bench.results()["points"]["t1"] == 2


def test_the_spokesperson_rotates_each_time_the_team_has_the_turn():
    bench = quiz(MC, MC, MC, OPINION, people=4)
    spokespeople = []
    for key in ("q1", "q2", "q3", "q4"):
        bench.go(key)
        round_ = Round(bench.view())
        spokespeople.append(round_.turn_answer.spokesperson)
        bench.act("award")
    assert spokespeople[0] != spokespeople[2] and spokespeople[1] != spokespeople[3]


def test_someone_not_in_a_team_is_told_so():
    bench = Bench(Quiz(), {"questions": [MC]}, participants=2)
    bench.go("q1")
    bench.state["teams"] = [{"id": "t1", "colour": "red", "members": [1]},
                            {"id": "t2", "colour": "blue", "members": []}]
    with pytest.raises(InputRejected, match="not in a team"):
        bench.answer(2, {"choice": "B"})


@pytest.mark.parametrize("config, where", [
    ({}, "questions"),
    ({"questions": [MC], "teams": 7}, "teams"),
    ({"questions": [MC], "mode": "fastest"}, "mode"),
    ({"questions": [{"text": ""}]}, "questions[0].text"),
    ({"questions": [{"text": "x" * 301, "correct": True}]}, "questions[0].text"),
    ({"questions": [{**MC, "correct": "D"}]}, "questions[0].correct"),
    ({"questions": [{**MC, "options": ["alleen"]}]}, "questions[0].options"),
    ({"questions": [{**MC, "steal_points": 3}]}, "questions[0].steal_points"),
    ({"questions": [{**MC, "points": 0}]}, "questions[0].points"),
    ({"questions": [{**MC, "points": 1.5}]}, "questions[0].points"),
    ({"questions": [{"text": "Open vraag zonder antwoord"}]}, "questions[0].answer"),
    ({"questions": [{"text": "Wat vinden wij?", "type": "opinion", "correct": "A",
                     "options": ["x", "y"]}]}, "questions[0].correct"),
    ({"questions": [{"text": "Wat?", "type": "quiz"}]}, "questions[0].type"),
    ({"questions": [{"text": "Wat?", "correct": "juist"}]}, "questions[0].correct"),
])
def test_config_problems_name_the_item(config, where):
    with pytest.raises(ConfigInvalid) as raised:
        Quiz().validate_config(config)
    assert where in [p.where for p in raised.value.problems]


def test_the_config_is_normalised_per_kind_of_question():
    config = Quiz().validate_config({"questions": [
        {**MC, "correct": "a, c"}, {"text": "Waar?", "correct": False},
        {"text": "Noem er een", "answer": "Melden"}, {"text": "Vinden wij?", "type": "opinion"}]})
    kinds = [(x["format"], x["correct"]) for x in config["questions"]]
    assert kinds == [("choice", ["A", "C"]), ("true_false", ["false"]), ("open", []), ("open", [])]
    steps = Quiz().plan(config)
    assert [s.key for s in steps] == ["teams", "q1", "q2", "q3", "q4", "scoreboard"]
    assert [s.takes_input for s in steps] == [False, True, True, True, True, False]
