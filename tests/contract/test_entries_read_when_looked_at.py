"""Leaving a step reads its entries only if the work form looks at them: in a session of a
thousand, reading and comparing a thousand entries made every "next" dearer, though most work
forms carry nothing of them on. What a work form does change in them is still stored."""

from __future__ import annotations

from facilitator.contract import lifecycle
from facilitator.contract.workform import Entry, Step, StepView, WorkForm
from facilitator.sessions.stepviews import OnFirstUse


class Quiet(WorkForm):
    name = "quiet"

    def plan(self, config):
        return [Step("s1", "Stelling 1")]

    def leave(self, view):
        view.state["left"] = True


class Marking(Quiet):
    name = "marking"

    def leave(self, view):
        for entry in view.answers():
            entry.payload["seen"] = True


def _view(reads: list) -> StepView:
    def read() -> list[Entry]:
        reads.append("read")
        return [Entry(1, "p1", "", {"choice": "agree"}), Entry(2, "p2", "", {"choice": "pass"})]

    return StepView(activity_id=1, activity_title="Stellingen", config={}, state={},
                    step=Step("s1", "Stelling 1"), data={}, entries=OnFirstUse(read))


def test_a_work_form_that_does_not_look_at_the_entries_leaves_them_unread():
    reads = []
    changes = lifecycle.leave(Quiet(), _view(reads))
    assert reads == []
    assert changes.state == {"left": True} and changes.payloads == {}


def test_what_a_work_form_changes_in_entries_it_reads_while_leaving_is_stored():
    reads = []
    changes = lifecycle.leave(Marking(), _view(reads))
    assert reads == ["read"]
    assert changes.payloads == {1: {"choice": "agree", "seen": True},
                                2: {"choice": "pass", "seen": True}}


def test_entries_read_before_the_call_are_compared_as_before():
    reads = []
    view = _view(reads)
    assert len(view.entries) == 2  # read already
    changes = lifecycle.leave(Marking(), view)
    assert reads == ["read"] and set(changes.payloads) == {1, 2}
