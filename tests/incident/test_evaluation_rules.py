"""The incident evaluation's rules on plain data: classification, actions, repetition, trend."""

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.incident import GROUPS, IncidentEvaluation, factor_counts
from plugins.incident.factors import classification

CASE = {"title": "Deur op slot bij huisbezoek", "account": "Bewoner B doet de deur op slot.",
        "people": [{"role": "medewerker A", "names": "Anouk, Anouk de Vries"}],
        "tension": "Bewoner B praat steeds harder."}
CONFIG = {"cases": [CASE, {"title": "Telefoon", "account": "Beller B dreigt."}]}


def at_classification(*causes) -> tuple[Bench, list[str]]:
    """A bench at the classification step, with these (kind, text) causes sent by phones 1, 2, …"""
    bench = Bench(IncidentEvaluation(), CONFIG, participants=4)
    bench.go("causes")
    for participant, (kind, text) in enumerate(causes, start=1):
        bench.answer(participant, {"kind": kind, "text": text})
    bench.go("classify")
    return bench, [c["key"] for c in bench.state["causes"]]


def classified(bench) -> dict[str, tuple]:
    return {c["text"]: (c["status"], c["group"], c["factor"]) for c in bench.results()["causes"]}


def test_the_model_has_exactly_the_four_groups_and_sixteen_sub_factors_of_the_source():
    assert list(GROUPS) == ["technical", "organisational", "employee", "citizen"]
    assert [len(factors) for _, factors in GROUPS.values()] == [4, 5, 4, 3]
    assert classification("employee.attitude") == ("employee", "attitude")
    for outside in ["employee", "employee.protocols", "weather.rain", "citizen.attitude.x", None, 3]:
        assert classification(outside) is None


def test_five_steps_and_the_first_case_is_the_incident_on_arrival():
    bench = Bench(IncidentEvaluation(), CONFIG)
    assert [s.key for s in bench.steps] == ["incident", "causes", "classify", "actions", "summary"]
    assert [s.takes_input for s in bench.steps] == [True, True, True, True, False]
    assert all(s.visibility == "anonymous" for s in bench.steps)
    assert bench.go("incident").state["incident"]["title"] == "Deur op slot bij huisbezoek"
    bench.act("choose_case", {"case": "1"})
    assert bench.state["incident"]["title"] == "Telefoon"
    with pytest.raises(ActionRejected):
        bench.act("choose_case", {"case": "7"})


def test_agreed_proposals_place_a_cause_and_differing_ones_wait_for_the_trainer():
    bench, (door, radio, alone) = at_classification(
        ("direct", "De deur ging op slot"), ("indirect", "Geen portofoon mee"),
        ("indirect", "Alleen op huisbezoek"))
    bench.answer(1, {"cause": door, "factor": "citizen.earlier_aggression"})
    bench.answer(2, {"cause": door, "factor": "citizen.earlier_aggression"})
    bench.answer(1, {"cause": radio, "factor": "technical.material"})
    bench.answer(2, {"cause": radio, "factor": "organisational.protocols"})
    assert classified(bench) == {
        "De deur ging op slot": ("agreed", "citizen", "earlier_aggression"),
        "Geen portofoon mee": ("disputed", None, None),
        "Alleen op huisbezoek": ("open", None, None)}
    bench.act("classify", {"cause": radio, "factor": "organisational.protocols"})
    assert classified(bench)["Geen portofoon mee"] == ("trainer", "organisational", "protocols")
    with pytest.raises(InputRejected, match="already placed"):
        bench.answer(3, {"cause": radio, "factor": "technical.material"})
    bench.act("classify", {"cause": radio, "factor": ""})  # undo: back to the proposals
    assert classified(bench)["Geen portofoon mee"][0] == "disputed"
    assert alone  # a cause without proposals stays unplaced


@pytest.mark.parametrize("factor", ["organisational", "technical.culture", "luck.bad", "", None,
                                    "<script>.x"])
def test_a_classification_outside_the_groups_or_their_sub_factors_is_refused(factor):
    bench, (door,) = at_classification(("direct", "De deur ging op slot"))
    with pytest.raises(InputRejected, match="four factor groups"):
        bench.answer(1, {"cause": door, "factor": factor})
    if factor:
        with pytest.raises(ActionRejected):
            bench.act("classify", {"cause": door, "factor": factor})
    with pytest.raises(InputRejected, match="no longer"):
        bench.answer(1, {"cause": "unknown", "factor": "technical.ict"})


def test_moving_on_fixes_agreed_classifications_and_the_same_cause_keeps_its_place():
    bench, (door,) = at_classification(("direct", "De deur ging op slot"))
    bench.answer(1, {"cause": door, "factor": "technical.building"})
    bench.go("causes")  # back: the same cause again, one new
    bench.open()  # the trainer reopens the step the group left
    bench.answer(1, {"kind": "direct", "text": "De deur ging op slot"})
    bench.answer(2, {"kind": "indirect", "text": "Te weinig licht in het portiek"})
    bench.go("classify")
    bench.go("actions")
    assert [(c["text"], c.get("group"), c.get("settled")) for c in bench.state["causes"]] == [
        ("De deur ging op slot", "technical", "agreed"),
        ("Te weinig licht in het portiek", None, None)]


def test_an_action_needs_what_who_and_when_and_becomes_an_agreement_for_the_team_plan():
    bench, (door, light) = at_classification(("direct", "De deur ging op slot"),
                                             ("indirect", "Te weinig licht in het portiek"))
    bench.act("classify", {"cause": door, "factor": "organisational.protocols"})
    bench.go("actions")
    action = {"cause": door, "what": "Afspraak: bij risicobezoek met z'n tweeën",
              "who": "Teamleider", "when": "2026-02-15", "outside": ""}
    for missing, message in [("what", "What"), ("who", "Who")]:
        with pytest.raises(InputRejected, match=message):
            bench.act("add_action", {**action, missing: ""})
    with pytest.raises(ActionRejected, match="date"):
        bench.act("add_action", {**action, "when": "31-02-2026"})
    with pytest.raises(ActionRejected, match="Classify"):
        bench.act("add_action", {**action, "cause": light})
    proposed = bench.act("add_action", {**action, "outside": "Wijkagent"}).agreements
    assert [(a.kind, a.owner, a.due, a.outside_help) for a in proposed] == [
        ("action", "Teamleider", "2026-02-15", "Wijkagent")]
    assert "Afspraak: bij risicobezoek met z'n tweeën" in proposed[0].text
    assert bench.act("add_action", action).agreements == []  # a double tap adds nothing
    with pytest.raises(ActionRejected, match="already has an action"):
        bench.act("no_action", {"cause": door})
    with pytest.raises(ActionRejected, match="cannot be done at this step"):
        bench.act("classify", {"cause": door, "factor": "technical.ict"})


def test_the_repetition_estimate_needs_a_level_and_the_groups_reason():
    bench, _keys = at_classification(("direct", "De deur ging op slot"))
    bench.go("actions")
    bench.answer(1, {"chance": "high", "reason": "Bewoner B is vaker boos"})
    bench.answer(2, {"chance": "low"})
    with pytest.raises(InputRejected):
        bench.answer(3, {"chance": "certain"})
    assert bench.results()["estimates"][2][0] == "high" and bench.results()["estimates"][2][2] == 1
    with pytest.raises(InputRejected):
        bench.act("repetition", {"chance": "high", "reason": " "})
    bench.act("repetition", {"chance": "medium", "reason": "Nieuwe afspraken helpen"})
    assert bench.state["repetition"] == {"chance": "medium", "reason": "Nieuwe afspraken helpen"}


@pytest.mark.parametrize("data", [{"kind": "direct", "text": ""}, {"kind": "direct", "text": "x" * 301},
                                  {"kind": "direct", "text": 5}, {"kind": "", "text": "ok"}])
def test_empty_huge_or_unmarked_causes_are_refused(data):
    bench = Bench(IncidentEvaluation(), CONFIG)
    bench.go("causes")
    with pytest.raises(InputRejected):
        bench.answer(1, data)


def test_one_person_sends_at_most_twelve_causes_and_the_same_one_twice_is_one():
    bench = Bench(IncidentEvaluation(), CONFIG)
    bench.go("causes")
    for n in range(12):
        bench.answer(1, {"kind": "direct", "text": f"Oorzaak {n}"})
    bench.answer(1, {"kind": "direct", "text": "oorzaak 3"})  # the same text: no new cause
    with pytest.raises(InputRejected, match="12"):
        bench.answer(1, {"kind": "direct", "text": "Nog een"})
    assert bench.results()["count"] == 12


def test_the_summary_counts_causes_per_group_and_factor_counts_adds_up_evaluations():
    bench, (door, light, drink) = at_classification(
        ("direct", "De deur ging op slot"), ("indirect", "Te weinig licht"),
        ("direct", "Bewoner B had gedronken"))
    bench.act("classify", {"cause": door, "factor": "citizen.earlier_aggression"})
    bench.act("classify", {"cause": light, "factor": "technical.grounds"})
    bench.act("classify", {"cause": drink, "factor": "citizen.substance_use"})
    bench.go("summary")
    report = bench.form.report(bench.view())
    assert report["factor_counts"] == {"technical": 1, "organisational": 0, "employee": 0,
                                       "citizen": 2}
    other = {"factor_counts": {"organisational": 3, "citizen": 1}}
    steps_without_counts = [{"paragraphs": [], "tables": []}, {}]
    assert factor_counts([report, other, *steps_without_counts]) == {
        "technical": 1, "organisational": 3, "employee": 0, "citizen": 3}
    assert factor_counts([]) == dict.fromkeys(GROUPS, 0)


def test_a_checked_configuration_checks_again_unchanged_as_the_scenario_library_stores_it():
    form = IncidentEvaluation()
    once = form.validate_config(CONFIG)
    assert form.validate_config(once) == once
    assert once["cases"][0]["people"][0]["names"] == "Anouk, Anouk de Vries"
    assert {f.name for f in form.fields[0].fields} <= set(once["cases"][0])  # the editor's fields


@pytest.mark.parametrize("config, where", [
    ({"cases": "one"}, "cases"),
    ({"cases": [{"title": "", "account": "x"}]}, "cases[0].title"),
    ({"cases": [{"title": "x"}]}, "cases[0].account"),
    ({"cases": [{"title": "x", "account": "y" * 2001}]}, "cases[0].account"),
    ({"cases": [{"title": "x", "account": "y", "people": [{"about": "z"}]}]}, "cases[0].people[0].role"),
    ({"cases": [{"title": "x", "account": "y", "people": [{"role": "A", "names": [1]}]}]},
     "cases[0].people[0].names"),
])
def test_a_broken_case_is_named_in_the_scenario_check(config, where):
    with pytest.raises(ConfigInvalid) as invalid:
        IncidentEvaluation().validate_config(config)
    assert where in [p.where for p in invalid.value.problems]
