"""The statements work form on plain data: no database, no server."""

import pytest

from facilitator import ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.statements.workform import Statements, clip_embed

CONFIG = {"statements": [
    {"text": "Schelden hoort bij het werk.", "policy_answer": "disagree"},
    {"text": "Ik meld ook verbale agressie."},
]}


def test_plans_one_step_per_statement_with_its_privacy():
    steps = Statements().plan(Statements().validate_config(CONFIG))
    assert [s.key for s in steps] == ["s1", "s2"]
    assert all(s.visibility == "anonymous" and s.takes_input for s in steps)


def test_counts_agree_disagree_and_passes_and_the_policy_share():
    bench = Bench(Statements(), CONFIG)
    bench.answer(1, {"choice": "disagree"})
    bench.answer(2, {"choice": "disagree"})
    bench.answer(3, {"choice": "agree"})
    bench.answer(4, passing=True)
    results = bench.results()
    assert results["counts"] == {"agree": 1, "disagree": 2}
    assert results["passes"] == 1
    assert results["policy_answer"] == "disagree"
    assert results["policy_share"] == 67


def test_a_changed_answer_replaces_the_earlier_one():
    bench = Bench(Statements(), CONFIG)
    bench.answer(1, {"choice": "agree"})
    bench.answer(1, {"choice": "disagree"})
    assert bench.results()["counts"] == {"agree": 0, "disagree": 1}


def test_without_a_policy_answer_there_is_no_share():
    bench = Bench(Statements(), CONFIG)
    bench.go("s2")
    bench.answer(1, {"choice": "agree"})
    assert bench.results()["policy_share"] is None


@pytest.mark.parametrize("data", [{}, {"choice": "maybe"}, {"choice": "<script>"}, {"choice": 1}])
def test_anything_but_agree_or_disagree_is_refused(data):
    with pytest.raises(InputRejected):
        Bench(Statements(), CONFIG).answer(1, data)


@pytest.mark.parametrize("config, where", [
    ({}, "statements"),
    ({"statements": []}, "statements"),
    ({"statements": [{"text": ""}]}, "statements[0].text"),
    ({"statements": [{"text": "x" * 401}]}, "statements[0].text"),
    ({"statements": [{"text": "ok", "policy_answer": "yes"}]}, "statements[0].policy_answer"),
    ({"statements": [{"text": "ok", "clip": "../../etc/passwd"}]}, "statements[0].clip"),
    ({"statements": [{"text": "ok", "clip": "http://plain.example/x.mp4"}]}, "statements[0].clip"),
])
def test_config_problems_name_the_item(config, where):
    with pytest.raises(ConfigInvalid) as raised:
        Statements().validate_config(config)
    assert where in [p.where for p in raised.value.problems]


def test_clips_become_privacy_friendly_embeds_or_video_files():
    assert clip_embed("https://www.youtube.com/watch?v=abcdefghijk")["src"] == \
        "https://www.youtube-nocookie.com/embed/abcdefghijk"
    assert clip_embed("https://vimeo.com/123456")["kind"] == "iframe"
    assert clip_embed("clips/balie.mp4") == {"kind": "video", "src": "clips/balie.mp4"}
    assert clip_embed(None) is None
