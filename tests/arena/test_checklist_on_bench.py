"""The closing checklist on plain data: phones give their view, the trainer ticks, the report
records both, and an outcome not reached becomes an open point (taken back when ticked after all)."""

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.checklist.workform import Checklist

ITEMS = ["Eigen ervaringen besproken", "Protocol nagelopen", "Werkafspraken concreet"]


def bench(**config):
    form = Checklist()
    return Bench(form, form.validate_config({"items": ITEMS, **config}), participants=4)


def test_the_items_come_from_the_scenario_and_are_checked():
    form = Checklist()
    with pytest.raises(ConfigInvalid) as wrong:
        form.validate_config({"items": ["Goed", "", "x" * 201]})
    assert {p.where for p in wrong.value.problems} == {"items[1]", "items[2]"}
    with pytest.raises(ConfigInvalid):
        form.validate_config({"items": []})
    good = form.validate_config({"items": ITEMS, "intro": " Aan het eind "})
    assert good == {"intro": "Aan het eind", "items": ITEMS, "open_points": True}
    assert form.validate_config(good) == good


def test_phones_give_their_view_and_the_trainer_ticks_what_was_reached():
    b = bench()
    b.start()
    with pytest.raises(InputRejected):
        b.answer(1, {})
    with pytest.raises(InputRejected):
        b.answer(1, {"item-0": "maybe"})
    b.answer(1, {"item-0": "reached", "item-1": "partly", "item-2": "not"})
    b.answer(2, {"item-0": "reached", "item-2": "reached"})
    assert b.phone_context(2)["views"] == {"0": "reached", "2": "reached"}
    assert b.form.console_primary(b.view()) == "tick"
    with pytest.raises(ActionRejected):
        b.act("tick", {})
    b.act("tick", {"item-0": "reached", "item-1": "reached"})
    assert b.form.console_primary(b.view()) == "tick"  # one is not ticked yet
    b.act("tick", {"item-2": "not"})
    assert b.form.console_primary(b.view()) == "reveal"
    assert b.results("screen") is None
    b.reveal()
    shown = b.results("screen")
    assert [r["tick"] for r in shown["items"]] == ["reached", "reached", "not"]
    assert shown["items"][0]["counts"] == {"reached": 2, "partly": 0, "not": 0}
    assert shown["reached"] == 2
    report = b.report()
    assert report["paragraphs"] == ["Outcomes reached according to the trainer: 2 of 3."]
    assert report["tables"][0].rows[2] == ["Werkafspraken concreet", "Not reached", "1", "0", "1"]


def test_an_outcome_not_reached_goes_to_the_team_plan_once_and_comes_back_when_reached():
    b = bench()
    b.start()
    b.act("tick", {"item-0": "reached", "item-1": "partly", "item-2": "not"})
    assert [(a.text, a.kind) for a in b.agreements] == [
        ("Not yet reached in the meeting: Protocol nagelopen", "open_point"),
        ("Not yet reached in the meeting: Werkafspraken concreet", "open_point")]
    b.act("tick", {"item-1": "not"})  # still not reached: not proposed twice
    assert len(b.agreements) == 2
    b.act("tick", {"item-1": "reached"})
    assert [a.text for a in b.agreements] == ["Not yet reached in the meeting: Werkafspraken concreet"]


def test_without_open_points_nothing_goes_to_the_team_plan():
    b = bench(open_points=False)
    b.start()
    b.act("tick", {"item-0": "not"})
    assert b.agreements == []
