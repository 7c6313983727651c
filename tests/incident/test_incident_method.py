"""METHODS.md section 5 (structured incident evaluation), rule by rule: observations, causes and
actions carry their phase and the summary says per phase where the chances lay; the audience is a
setting; causes still to discuss are listed in the summary; each factor group has "other" with
free text, while the sixteen named sub-factors stay exactly those of the source."""

import pytest

from facilitator import InputRejected
from facilitator.testing import Bench
from plugins.incident import GROUPS, IncidentEvaluation
from plugins.incident.factors import classification

from .test_evaluation_rules import CONFIG


def evaluation(**config) -> Bench:
    bench = Bench(IncidentEvaluation(), {**CONFIG, **config}, participants=4)
    bench.go("incident")
    return bench


def test_incident_5_observations_causes_and_actions_carry_their_phase_and_the_summary_per_phase():
    bench = evaluation()
    bench.answer(1, {"phase": "tension", "text": "Hij praatte steeds harder"})
    bench.go("causes")
    bench.answer(1, {"kind": "indirect", "phase": "tension", "text": "Geen collega in de buurt"})
    bench.answer(2, {"kind": "direct", "phase": "incident", "text": "De deur ging op slot"})
    with pytest.raises(InputRejected, match="phase"):
        bench.answer(3, {"kind": "direct", "phase": "weather", "text": "Regen"})
    bench.go("classify")
    alone, door = [c["key"] for c in bench.state["causes"]]
    bench.act("classify", {"cause": alone, "factor": "organisational.protocols"})
    bench.act("classify", {"cause": door, "factor": "technical.building"})
    bench.go("actions")
    bench.act("add_action", {"cause": alone, "what": "Huisbezoek bij risico met z'n tweeën",
                             "who": "Teamleider", "when": "2026-03-01"})
    bench.act("add_action", {"cause": door, "what": "Nazorggesprek binnen een week",
                             "who": "Leidinggevende", "when": "2026-03-01",
                             "phase": "aftercare"})
    bench.go("summary")
    phases = {p["key"]: p for p in bench.results()["phases"]}
    assert [p["key"] for p in bench.results()["phases"]] == [
        "interaction", "tension", "incident", "aftercare"]
    assert phases["tension"]["observations"] == 1
    assert [c["text"] for c in phases["tension"]["causes"]] == ["Geen collega in de buurt"]
    assert [a["what"] for a in phases["tension"]["actions"]] == [
        "Huisbezoek bij risico met z'n tweeën"], "an action takes its cause's phase"
    assert [a["what"] for a in phases["aftercare"]["actions"]] == ["Nazorggesprek binnen een week"]
    report = IncidentEvaluation().report(bench.view())
    by_phase = next(t for t in report["tables"] if t["headers"][0] == "Phase")
    assert by_phase["rows"][1][0] == "Tension" and "Geen collega" in by_phase["rows"][1][1]


def test_incident_5_audience_is_a_setting():
    form = IncidentEvaluation()
    assert form.validate_config(CONFIG)["audience"] == ["manager", "employee", "coordinator"]
    config = form.validate_config({**CONFIG, "audience": ["manager", "team"]})
    assert config["audience"] == ["manager", "team"]
    assert [str(x) for x in form.audience(config)] == ["The manager", "The team"]
    with pytest.raises(Exception, match="audience"):
        form.validate_config({**CONFIG, "audience": ["everyone"]})


def test_incident_5_causes_still_to_discuss_are_listed_in_the_summary():
    bench = evaluation()
    bench.go("causes")
    bench.answer(1, {"kind": "direct", "text": "De deur ging op slot"})
    bench.answer(2, {"kind": "indirect", "text": "Geen portofoon mee"})
    bench.answer(3, {"kind": "indirect", "text": "Te weinig licht"})
    bench.go("classify")
    door, radio, light = [c["key"] for c in bench.state["causes"]]
    bench.act("classify", {"cause": door, "factor": "technical.building"})
    bench.act("classify", {"cause": radio, "factor": "technical.material"})
    bench.go("actions")
    bench.act("no_action", {"cause": door})
    bench.go("summary")
    open_ = [c["text"] for c in bench.results()["open"]]
    assert open_ == ["Geen portofoon mee", "Te weinig licht"]
    report = IncidentEvaluation().report(bench.view())
    assert any("Geen portofoon mee" in p and "Te weinig licht" in p for p in report["paragraphs"])


def test_incident_5_other_sub_factor_with_free_text_per_group_and_the_sixteen_stay():
    assert [len(factors) for _, factors in GROUPS.values()] == [4, 5, 4, 3]
    assert classification("citizen.other") == ("citizen", "other")
    bench = evaluation()
    bench.go("causes")
    bench.answer(1, {"kind": "indirect", "text": "De wachtrij was lang"})
    bench.go("classify")
    (queue,) = [c["key"] for c in bench.state["causes"]]
    with pytest.raises(InputRejected, match="other"):
        bench.answer(2, {"cause": queue, "factor": "organisational.other", "other": ""})
    bench.act("classify", {"cause": queue, "factor": "organisational.other",
                           "other": "Drukte in de wachtruimte"})
    cause = bench.results()["causes"][0]
    assert cause["label"] == "Organisational factors – Other: Drukte in de wachtruimte"
    groups = {g["key"]: g for g in bench.results()["groups"]}
    other = next(f for f in groups["organisational"]["factors"] if f["key"] == "other")
    assert [c["text"] for c in other["causes"]] == ["De wachtrij was lang"]


def test_incident_5_set_aside_steps_reach_the_team_plan_as_open_points():
    bench = evaluation()
    bench.go("causes")
    view = bench.view()
    view.set_aside = True
    IncidentEvaluation().leave(view)
    assert [(a.kind, a.text) for a in view.agreements] == [(
        "open_point", "Set aside in the incident evaluation (Causes: what contributed?): "
                      "Deur op slot bij huisbezoek")]
