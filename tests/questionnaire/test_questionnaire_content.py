"""The shipped content of source 001's appendix "Leren als individu": eight leerdoelwijzers with
every statement under the source's five aspects in order, and the development matrix."""

from pathlib import Path

import pytest
import yaml

from plugins.questionnaire.workform import Questionnaire

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
ASPECTS = ["Risico-inschatting", "Herkennen van spanningssignalen bij jezelf",
           "Vroegsignalering: herkennen van spanningssignalen bij de burger",
           "Stellen van grenzen", "Collegiale ondersteuning"]
# statements per aspect, counted in source 001 (lines 531-1170)
GROUPS = {
    "werkpleinen": [6, 9, 7, 5, 2],
    "sociaal-domein": [8, 9, 7, 7, 2],
    "klant-contact-centra": [1, 9, 7, 5, 2],
    "publiekszaken": [5, 9, 7, 5, 2],
    "inspectie": [7, 9, 7, 8, 2],
    "boa": [12, 9, 7, 8, 2],
    "beheer-en-onderhoud": [3, 9, 7, 7, 2],
    "sporthal-zwembad-begraafplaats": [4, 9, 7, 5, 2],
}


def config(name):
    data = yaml.safe_load((SCENARIOS / f"{name}.yaml").read_text(encoding="utf-8"))
    [activity] = data["activities"]
    assert activity["type"] == "questionnaire" and data["language"] == "nl"
    return Questionnaire().validate_config(activity["config"])


@pytest.mark.parametrize("group", GROUPS)
def test_a_leerdoelwijzer_has_every_statement_of_the_source_under_its_aspect(group):
    checked = config(f"leerdoelwijzer-{group}")
    assert [a["title"] for a in checked["aspects"]] == ASPECTS
    assert [len(a["statements"]) for a in checked["aspects"]] == GROUPS[group]
    assert checked["scale"] == ["altijd", "vaak", "soms", "nooit"]
    assert checked["attention"] == ["soms", "nooit"]


def test_all_eight_job_groups_ship_240_statements():
    assert sum(sum(counts) for counts in GROUPS.values()) == 240
    assert len(list(SCENARIOS.glob("leerdoelwijzer-*.yaml"))) == 8


def test_the_development_matrix_has_every_topic_and_the_six_levels():
    checked = config("ontwikkelmatrix-veilige-publieke-dienstverlening")
    assert checked["kind"] == "matrix"
    assert checked["scale"] == ["bewust van", "ik weet hoe het zit", "ik weet hoe het moet",
                                "ik ben ervaren in het doen", "ik heb meesterschap",
                                "ik kan het anderen leren"]
    topics = [t for a in checked["aspects"] for t in a["statements"]]
    assert len(topics) == 25  # 16 topics, "veilig werken" in its nine forms of contact
    assert topics[0] == "Klant- en servicegericht werken"
    assert topics[-1] == "Omgaan met ordeverstorend gedrag"
    assert sum(t.startswith("Veilig werken") for t in topics) == 9


def test_the_starter_measurement_asks_every_kind_of_question_in_one_questionnaire():
    zero, one = config("meting-veilig-werken-nulmeting"), config("meting-veilig-werken-eenmeting")
    assert [a["type"] for a in zero["aspects"]] == ["frequency", "scale", "yesno", "open"]
    assert len(zero["aspects"][3]["statements"]) == 1  # one open question
    assert (zero["measurement"]["phase"], one["measurement"]["phase"]) == ("0", "1")
    assert zero["measurement"]["id"] == one["measurement"]["id"] == "veilig-werken"
    assert zero["measurement"]["minimum"] == 15
    # the same questions, so that every one of them can be compared
    assert [a["statements"] for a in zero["aspects"]] == [a["statements"] for a in one["aspects"]]
