"""Dot voting (``facilitator.contract.dots``): each participant spreads ``config["dots"]`` dots
over a ballot; one entry per person, changed with every tap."""

import pytest

from facilitator import (
    Contribution,
    InputRejected,
    Phase,
    PhasedWorkForm,
    allocate_dots,
    dots_given,
)
from facilitator.testing import Bench

BALLOT = {"left": ["a", "b"], "right": ["c"]}


class Vote(Phase):
    key = "vote"
    number = 1

    def title(self):
        return "Vote"

    def accept(self, view, data, me):
        item = str(data.get("item") or "")
        side = next((k for k, items in BALLOT.items() if item in items), None)
        budget = BALLOT[side] if view.config.get("per_side") and side else None
        return Contribution({"dots": allocate_dots(
            view, data, item, ballot={i for items in BALLOT.values() for i in items},
            budget=budget, not_on_ballot="Not on the ballot.", too_many="Too many.")})

    def phone_context(self, view, me, mine):
        return {"given": dots_given(view)}


class Dots(PhasedWorkForm):
    name = "dots"
    title = "Dots"
    phases = [Vote()]

    def validate_config(self, config):
        return {"dots": 3, **config}


def tap(bench, item, n, participant=1):
    return bench.answer(participant, {"action": "dots", "item": item, "n": n})


def test_dots_are_spread_changed_and_taken_back_within_the_budget():
    bench = Bench(Dots(), {}, participants=2)
    tap(bench, "a", 2)
    tap(bench, "c", 1)
    assert bench.phone_context(1) == {"given": {"a": 2, "c": 1}}
    with pytest.raises(InputRejected, match="Too many."):
        tap(bench, "b", 1)
    tap(bench, "a", 0)  # taken back
    tap(bench, "b", 2)
    assert bench.phone_context(1) == {"given": {"c": 1, "b": 2}}
    assert bench.phone_context(2) == {"given": {}}  # only one's own dots


def test_a_budget_counts_only_the_dots_on_its_part_of_the_ballot():
    bench = Bench(Dots(), {"per_side": True}, participants=1)
    tap(bench, "a", 3)
    tap(bench, "c", 3)
    with pytest.raises(InputRejected, match="Too many."):
        tap(bench, "b", 1)
    assert bench.phone_context(1) == {"given": {"a": 3, "c": 3}}


@pytest.mark.parametrize(("data", "message"), [
    ({"item": "a", "n": 1}, "Give your dots with the dot buttons."),
    ({"action": "dots", "item": "z", "n": 1}, "Not on the ballot."),
    ({"action": "dots", "item": "a", "n": "veel"}, "Give your dots with the dot buttons."),
    ({"action": "dots", "item": "a", "n": 4}, "Give your dots with the dot buttons."),
    ({"action": "dots", "item": "a", "n": -1}, "Give your dots with the dot buttons."),
])
def test_only_the_dot_buttons_and_the_ballot_count(data, message):
    bench = Bench(Dots(), {}, participants=1)
    with pytest.raises(InputRejected, match=message):
        bench.answer(1, data)


def test_dots_on_an_item_that_left_the_ballot_are_dropped_with_the_next_tap():
    bench = Bench(Dots(), {}, participants=1)
    tap(bench, "a", 1)
    BALLOT["left"].remove("a")
    try:
        tap(bench, "b", 3)  # the dot on "a" no longer counts against the three
        assert bench.phone_context(1) == {"given": {"b": 3}}
    finally:
        BALLOT["left"].insert(0, "a")
