"""The questionnaire engine on plain data: the rules of METHODS.md section 7 (leerdoelwijzer)."""

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.questionnaire.workform import Questionnaire

CONFIG = {
    "threshold": 50,
    "aspects": [
        {"title": "Risico-inschatting", "statements": ["Ik schat vooraf het risico in.",
                                                       "Ik vraag hulp als het nodig is."]},
        {"title": "Stellen van grenzen", "statements": ["Ik benoem de norm van ons team."]},
    ],
}


def bench(participants=5, **kw):
    return Bench(Questionnaire(), CONFIG, participants=participants, **kw)


def test_defaults_are_the_leerdoelwijzer_scale_and_soms_nooit():
    config = Questionnaire().validate_config(CONFIG)
    assert config["scale"] == ["altijd", "vaak", "soms", "nooit"]
    assert config["attention"] == ["soms", "nooit"]
    assert Questionnaire().validate_config(config) == config  # its own output unchanged


def test_aspects_keep_their_order_in_results_and_on_the_phone():
    b = bench()
    b.answer(1, {"aspect": "0", "q-0-0": "altijd", "at": "1"})
    assert [a["title"] for a in b.results()["aspects"]] == ["Risico-inschatting",
                                                           "Stellen van grenzen"]
    context = b.phone_context(1)
    assert context["at"] == 1 and context["total"] == 2  # "onderdeel 2 van 2"
    assert [a["title"] for a in context["profile"]] == ["Risico-inschatting", "Stellen van grenzen"]


def test_soms_plus_nooit_at_the_threshold_makes_a_candidate():
    b = bench()
    for person, answer in zip(range(1, 5), ["soms", "nooit", "vaak", "altijd"], strict=True):
        b.answer(person, {"aspect": "0", "q-0-0": answer, "q-0-1": "altijd"})
    results = b.results()
    first, second = results["aspects"][0]["rows"]
    assert first["counts"] == [1, 1, 1, 1] and first["attention"] == 50 and first["candidate"]
    assert second["attention"] == 0 and not second["candidate"]
    assert [c["key"] for c in results["candidates"]] == ["0.0"]


def test_below_the_threshold_there_is_no_candidate():
    b = Bench(Questionnaire(), {**CONFIG, "threshold": 60}, participants=4)
    for person, answer in zip(range(1, 5), ["soms", "nooit", "vaak", "altijd"], strict=True):
        b.answer(person, {"aspect": "0", "q-0-0": answer})
    assert b.results()["candidates"] == []


def test_answers_of_other_aspects_are_kept_and_changeable_until_closed():
    b = bench()
    b.answer(1, {"aspect": "0", "q-0-0": "soms", "at": "1"})
    b.answer(1, {"aspect": "1", "q-1-0": "vaak", "at": "2"})
    b.answer(1, {"aspect": "0", "q-0-0": "altijd", "at": "2"})  # back and changed
    assert len(b.entries["answers"]) == 1  # one entry per person: the minimum group counts people
    assert b.phone_context(1)["answers"] == {"0.0": "altijd", "1.0": "vaak"}
    b.close()
    with pytest.raises(InputRejected):
        b.answer(1, {"aspect": "0", "q-0-0": "nooit"})
    assert b.phone_context(1)["answers"]["0.0"] == "altijd"


def test_a_statement_may_be_left_empty_and_navigating_changes_no_answers():
    b = bench()
    b.answer(1, {"aspect": "0", "q-0-0": "", "q-0-1": "nooit", "at": "1"})
    b.answer(1, {"at": "0"})
    assert b.phone_context(1)["answers"] == {"0.1": "nooit"}
    assert b.phone_context(1)["at"] == 0


@pytest.mark.parametrize("data", [
    {"aspect": "0", "q-0-0": "misschien"}, {"aspect": "7"}, {"aspect": "x"}, {"at": "9"},
    {"at": "-1"}, {"aspect": "0", "q-0-0": 3}])
def test_odd_input_is_refused_with_a_message(data):
    with pytest.raises(InputRejected):
        bench().answer(1, data)


def test_anonymous_and_the_minimum_group_holds_the_team_result_back():
    b = bench(minimum_group=3)
    assert b.step.visibility == "anonymous"
    b.answer(1, {"aspect": "0", "q-0-0": "soms"})
    b.answer(2, {"aspect": "0", "q-0-0": "soms"})
    b.reveal()
    assert b.results("screen") is None  # two people: below the minimum group
    b.answer(3, {"aspect": "0", "q-0-0": "soms"})
    assert b.results("screen")["respondents"] == 3
    assert all(e.participant_id is None for e in b.entries["answers"])  # no person with them


def test_results_wait_for_the_reveal():
    b = bench()
    for person in (1, 2, 3):
        b.answer(person, {"aspect": "0", "q-0-0": "nooit"})
    assert b.results("screen") is None and b.results("phone") is None
    b.reveal()
    assert b.results("phone")["candidates"]


def test_the_own_profile_marks_the_statements_that_point_to_a_learning_goal():
    b = bench()
    b.answer(1, {"aspect": "0", "q-0-0": "soms", "q-0-1": "altijd"})
    b.answer(2, {"aspect": "0", "q-0-0": "altijd", "q-0-1": "nooit"})
    profile = b.phone_context(1)["profile"]
    assert profile[0]["attention"] == ["Ik schat vooraf het risico in."]
    assert b.phone_context(2)["profile"][0]["attention"] == ["Ik vraag hulp als het nodig is."]


def test_a_chosen_goal_goes_to_the_team_plan_as_a_learning_goal_with_who_and_when():
    b = bench()
    for person in (1, 2, 3):
        b.answer(person, {"aspect": "1", "q-1-0": "soms"})
    b.close()
    b.reveal()
    b.act("goal", {"key": "1.0", "owner": "Teamleider", "due": "2027-03-01"})
    [agreement] = b.agreements
    assert agreement.kind == "learning_goal"
    assert "Ik benoem de norm van ons team." in str(agreement.text)
    assert (agreement.owner, agreement.due) == ("Teamleider", "2027-03-01")
    assert "1.0" in b.results()["chosen"]
    with pytest.raises(ActionRejected):
        b.act("goal", {"key": "1.0"})  # not twice
    for data in ({"key": "9.9"}, {"key": "x"}, {"key": "-1.0"}, {"key": "0.0", "due": "morgen"}):
        with pytest.raises(ActionRejected):
            b.act("goal", data)
    assert len(b.agreements) == 1


def test_the_report_has_a_table_per_aspect_with_the_distribution():
    b = bench()
    for person in (1, 2, 3):
        b.answer(person, {"aspect": "0", "q-0-0": "vaak"})
    report = b.report()
    assert [t.caption for t in report["tables"]] == ["Risico-inschatting",
                                                         "Stellen van grenzen"]
    assert list(report["tables"][0].rows[0][1:6]) == ["0", "3", "0", "0", "0%"]


def test_the_matrix_kind_has_the_six_levels():
    config = Questionnaire().validate_config({"kind": "matrix", "aspects": CONFIG["aspects"]})
    assert config["scale"][0] == "bewust van" and config["scale"][-1] == "ik kan het anderen leren"
    assert len(config["scale"]) == 6
    assert config["attention"] == ["bewust van", "ik weet hoe het zit"]


@pytest.mark.parametrize("config, where", [
    ({}, "aspects"),
    ({"aspects": [{"title": "", "statements": ["x"]}]}, "aspects[0].title"),
    ({"aspects": [{"title": "A", "statements": []}]}, "aspects[0].statements"),
    ({"aspects": [{"title": "A", "statements": ["x"]}], "threshold": 0}, "threshold"),
    ({"aspects": [{"title": "A", "statements": ["x"]}], "attention": ["zelden"]}, "attention[0]"),
    ({"aspects": [{"title": "A", "statements": ["x"]}], "kind": "quiz"}, "kind"),
])
def test_config_problems_name_their_place(config, where):
    with pytest.raises(ConfigInvalid) as caught:
        Questionnaire().validate_config(config)
    assert where in [p.where for p in caught.value.problems]


MATRIX = {"kind": "matrix", "aspects": [
    {"title": "Na een incident", "statements": ["Incidenten melden (GIR)",
                                                "Mezelf in veiligheid brengen"]}]}


def test_the_matrix_asks_afterwards_who_can_teach_a_topic_opt_in_and_named():
    b = Bench(Questionnaire(), MATRIX, participants=3)
    assert [s.key for s in b.form.plan(b.config)] == ["answers", "offer", "goal"]
    assert b.form.plan(b.config)[1].visibility == "named"
    b.answer(1, {"aspect": "0", "q-0-0": "ik kan het anderen leren", "q-0-1": "bewust van"})
    b.go("offer")
    assert b.phone_context(1)["suggested"] == ["0.0"]  # from the phone's own answers
    assert b.phone_context(2)["suggested"] == []
    b.answer(1, {"name": "Anna", "topic": "0.0"})
    b.answer(2, {"name": "Bas", "topic": ["0.1", "0.0"]})
    assert b.results()["offers"] == [
        {"key": "0.0", "topic": "Incidenten melden (GIR)", "names": ["Anna", "Bas"]},
        {"key": "0.1", "topic": "Mezelf in veiligheid brengen", "names": ["Bas"]}]
    for data in ({"name": "Cas"}, {"name": "Cas", "topic": "9.9"}, {"name": "", "topic": "0.0"}):
        with pytest.raises(InputRejected):
            b.answer(3, data)
    b.end()
    assert [o["names"] for o in b.state["offers"]] == [["Anna", "Bas"], ["Bas"]]


def test_a_leerdoelwijzer_has_no_offer_step():
    assert [s.key for s in Questionnaire().plan(Questionnaire().validate_config(CONFIG))] == [
        "answers", "goal"]
