"""The one-word work form, tested the way a plugin author does: only with facilitator's public
harness (``facilitator.testing.Bench`` and the ``facilitator_session`` fixture of its pytest
plugin), nothing of the host's own modules."""

import facilitator_oneword
import pytest
from facilitator_oneword import OneWord

from facilitator import InputRejected
from facilitator.testing import Bench

SCENARIO = {"title": "Check-in", "activities": [
    {"type": "oneword", "config": {"question": "Hoe kom je binnen?"}}]}


def test_words_are_counted_without_case_on_the_bench():
    bench = Bench(OneWord(), {"question": "Hoe voel je je?"}, participants=3)
    bench.answer(1, {"word": "Moe"})
    bench.answer(2, {"word": "moe"})
    bench.answer(3, passing=True)
    assert bench.results() == {"words": [("moe", 2)], "count": 2}
    with pytest.raises(InputRejected):
        bench.answer(1, {"word": ""})


def test_the_screen_gets_the_words_only_once_revealed_and_from_the_minimum_group():
    bench = Bench(OneWord(), {}, participants=3)
    bench.answer(1, {"word": "blij"})
    bench.answer(2, {"word": "moe"})
    bench.reveal()
    assert bench.results("screen") is None  # two answers: below the minimum group of three
    bench.answer(3, {"word": "moe"})
    assert bench.results("screen")["words"] == [("moe", 2), ("blij", 1)]
    bench.hide()
    assert bench.results("screen") is None and bench.results("console")["count"] == 3


def test_a_live_session_with_three_phones(facilitator_session):
    session = facilitator_session(SCENARIO, plugins=[facilitator_oneword], phones=3)
    assert session.trainer.do("start")["ok"]
    assert "Hoe kom je binnen?" in session.phones[0].html
    for phone, word in zip(session.phones, ["Moe", "moe", "<b>blij</b>"], strict=True):
        assert phone.answer({"word": word})["ok"]
    refused = session.phones[0].answer({"word": ""})
    assert refused["ok"] is False and refused["error"]
    assert "moe (2)" in session.trainer.html  # the console sees the words at once
    assert 'data-word="moe"' not in session.screen.html  # the screen not before the reveal
    assert session.trainer.do("reveal")["ok"]
    screen = session.screen.html
    assert 'data-word="moe"' in screen
    assert "&lt;b&gt;blij&lt;/b&gt;" in screen and "<b>blij" not in screen
    assert session.trainer.do("end")["ok"]
    assert session.phones[1].meta["status"] == "ended"
