"""A work form made of phases (``facilitator.contract.phases``): one numbered step per phase, and
every call handed to the phase the group is at. On plain data, with the public bench."""

import pytest

from facilitator import (
    NAMED,
    ActionRejected,
    Contribution,
    InputRejected,
    Phase,
    PhasedWorkForm,
    clean,
)
from facilitator.testing import Bench


class Write(Phase):
    key = "write"
    number = 1

    def title(self):
        return "Write"

    def accept(self, view, data, me):
        return Contribution({"text": clean(data.get("text"), limit=50)}, slot=str(me.id))

    def leave(self, view):
        view.state["written"] = sorted(e.payload["text"] for e in view.answers())

    def results(self, view):
        return {"texts": sorted(e.payload["text"] for e in view.answers())}

    def phone_context(self, view, me, mine):
        return {"mine": [e.payload["text"] for e in mine]}

    def participant_joined(self, view, me):
        view.state.setdefault("joined", []).append(me.id)


class Look(Phase):
    key = "look"
    number = 2
    visibility = NAMED
    takes_input = False

    def title(self):
        return "Look"

    def primary(self, view):
        return "" if not view.state.get("written") else "next"

    def report(self, view):
        return {"paragraphs": [", ".join(view.state.get("written", []))], "tables": []}


class Small(PhasedWorkForm):
    name = "small"
    title = "Small"
    phases = [Write(), Look()]

    def open_point(self, view):
        return f"Set aside: {view.step.title}"


def test_each_phase_is_one_numbered_step_with_its_own_privacy():
    steps = Small().plan({})
    assert [(s.key, s.title, s.visibility, s.takes_input, s.item) for s in steps] == [
        ("write", "1. Write", "anonymous", True, {"number": 1}),
        ("look", "2. Look", "named", False, {"number": 2})]


def test_every_call_goes_to_the_phase_the_group_is_at():
    bench = Bench(Small(), {}, participants=2)
    bench.start()
    bench.join(1)
    assert bench.state["joined"] == [1]
    bench.answer(1, {"text": "eerste"})
    bench.answer(2, {"text": "tweede"})
    assert bench.results()["texts"] == ["eerste", "tweede"]
    assert bench.phone_context(1) == {"mine": ["eerste"]}
    assert Small().console_primary(bench.view()) is None  # the phase's default: the host decides
    bench.go("look")
    assert bench.state["written"] == ["eerste", "tweede"]
    assert bench.results() == {}
    assert bench.phone_context(1) == {}
    assert Small().console_primary(bench.view()) == "next"
    bench.write_notes("Goed gesprek.")
    assert bench.report()["paragraphs"] == ["eerste, tweede", "Goed gesprek."]


def test_a_phase_takes_no_input_and_no_action_unless_it_says_so():
    bench = Bench(Small(), {}, participants=1)
    bench.start()
    with pytest.raises(ActionRejected, match="This step has no action jump."):
        bench.act("jump")
    with pytest.raises(InputRejected, match="This step takes no input."):
        Look().accept(bench.view(1), {}, None)


def test_a_step_set_aside_puts_the_work_forms_open_point_in_the_team_plan():
    bench = Bench(Small(), {}, participants=1)
    bench.start()
    bench.set_aside()
    bench.go("look")
    assert [a.text for a in bench.agreements] == ["Set aside: 1. Write"]


def test_without_an_open_point_a_step_set_aside_proposes_nothing():
    class Plain(Small):
        def open_point(self, view):
            return None

    bench = Bench(Plain(), {}, participants=1)
    bench.start()
    bench.set_aside()
    bench.go("look")
    assert bench.agreements == []


def test_a_phase_names_its_own_title():
    class Untitled(Phase):
        key = "untitled"

    with pytest.raises(TypeError):
        Untitled()
