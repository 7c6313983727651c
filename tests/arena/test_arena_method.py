"""The shipped scenarios follow source 001: the arena conversation asks the inner ring about the
six subjects of section 5.1, and the thematic team meeting (section 4) strings existing work forms
towards its five outcomes and ends with them as a checklist."""

from pathlib import Path

import yaml

from plugins.arena.workform import THEMES, Arena
from plugins.checklist.workform import Checklist

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def load(name):
    return yaml.safe_load((SCENARIOS / name).read_text(encoding="utf-8"))


def test_the_arena_scenario_asks_about_every_subject_of_the_source_and_swaps_the_rings():
    scenario = load("arenagesprek-veilig-werken.yaml")
    (activity,) = scenario["activities"]
    config = Arena().validate_config(activity["config"])
    assert [q["theme"] for q in config["questions"]] == list(THEMES)  # 1503-1505, in order
    assert config["swap"] and config["inner_party"] and config["outer_party"]  # parties meet


def test_the_thematic_meeting_strings_existing_forms_towards_the_five_outcomes():
    scenario = load("thematisch-werkoverleg.yaml")
    types = [a["type"] for a in scenario["activities"]]
    assert types == ["statements", "statements", "dilemma", "statements", "review", "checklist"]
    items = Checklist().validate_config(scenario["activities"][-1]["config"])["items"]
    words = [("ervaringen", "normoverschrijdend"), ("teamprotocol", "vragen"),
             ("van elkaar verwachten",), ("buiten het team",), ("werkafspraken", "wie doet wat")]
    assert len(items) == 5
    for item, needed in zip(items, words, strict=True):  # 1468-1480, in the source's order
        assert all(word in item for word in needed), item
    protocol = scenario["activities"][1]["config"]["statements"]
    assert all(s.get("policy_answer") and s.get("explanation") for s in protocol[:4])
