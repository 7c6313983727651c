"""The work-form contract's lifecycle: one set of rules for the live host and the bench (the state
rule, passes, leaving, the privacy gate), guarded hooks, one table shape; and a third-party plugin
run through the public test harness (the ``facilitator_session`` fixture)."""

from __future__ import annotations

import logging
import re
import types

import pytest

from facilitator import Contribution, InputRejected, Step, Table, WorkForm, hookimpl
from facilitator.contract import lifecycle
from facilitator.testing import Bench

from .thirdparty import facilitator_peek as peek
from .thirdparty import facilitator_thermometer as thermometer

THERMOMETER = {"title": "Teamoverleg", "language": "nl", "activities": [
    {"type": "thermometer", "config": {"question": "Hoe veilig voel jij je aan de balie?"}}]}


# -- a third-party plugin in a live session, through the public harness ----------------------------

def test_a_third_party_plugin_speaks_the_sessions_dutch_and_its_failing_hook_stops_nothing(
        facilitator_session, caplog):
    session = facilitator_session(THERMOMETER, plugins=[thermometer], phones=3,
                                  console_language="en")
    with caplog.at_level(logging.ERROR, logger="facilitator.plugins"):
        assert session.trainer.do("start") == {"ok": True}
    assert session.trainer.meta["status"] == "running"
    failures = [r for r in caplog.records if r.name == "facilitator.plugins"]
    assert failures and all(thermometer.__name__ in r.getMessage() for r in failures)
    assert {"track_event"} == {r.args[1] for r in failures}
    assert all(r.exc_info and r.exc_info[0] is thermometer.StatisticsServerDown for r in failures)

    phone = session.phones[0].html
    assert "Veiligheidsthermometer" in phone  # the lazy title, in the session's language
    assert "1 is heel onveilig, 5 is heel veilig." in phone
    refused = session.phones[0].answer({"score": "9"})
    assert refused == {"ok": False, "error": "Kies een getal van 1 tot 5."}
    for phone, score in zip(session.phones, [4, 4, 2], strict=True):
        assert phone.answer({"score": score})["ok"]

    console = session.trainer.html  # the trainer chose English; the work form speaks the session's
    assert "Zo voelen we ons" in console and "veilig: 2" in console and "onveilig: 1" in console
    screen = session.screen.html
    assert "Antwoord op je telefoon." in screen and "data-score" not in screen
    assert session.trainer.do("reveal")["ok"]
    screen = session.screen.html
    assert "Zo voelen we ons" in screen and "heel veilig: 0" in screen

    with caplog.at_level(logging.ERROR, logger="facilitator.plugins"):
        assert session.trainer.do("end")["ok"]
    (section,) = session.report()
    (table,) = section["tables"]
    assert table["caption"] == "Zo voelen we ons" and table["headers"] == ["Gevoel", "Hoeveel"]
    assert ["veilig", "2"] in table["rows"]


# -- the privacy gate -------------------------------------------------------------------------------

def test_a_template_cannot_read_the_results_itself(facilitator_session, caplog):
    session = facilitator_session({"activities": [{"type": "peek", "config": {}}]},
                                  plugins=[peek], phones=3)
    session.trainer.do("start")
    for phone in session.phones:
        assert phone.answer({"word": "geheim"})["ok"]
    assert "geheim" in session.trainer.html  # the console gets them from the host
    with caplog.at_level(logging.ERROR):
        screen = session.screen.html
    assert "geheim" not in screen and "Er ging iets mis" in screen and "data-failed" in screen
    assert "work form peek: its template peek/screen.html failed" in caplog.text
    assert "templates get 'results' from the host" in caplog.text
    with pytest.raises(lifecycle.NotForTemplates):
        lifecycle.TemplateForm(peek.Peek()).results  # noqa: B018
    assert lifecycle.TemplateForm(peek.Peek()).title == "Peek"


class Words(WorkForm):
    name = "words"

    def plan(self, config):
        return [Step("a", "A"), Step("b", "B", visibility="named"), Step("c", "C")]

    def accept(self, view, data, me):
        return Contribution({"word": data["word"]})

    def accept_pass(self, view, me):
        if view.step.key == "c":
            raise InputRejected("No passing here.")
        return super().accept_pass(view, me)

    def arrive(self, view):
        view.state["pair"] = ("a", 1)  # stored as JSON: comes back a list
        view.state["left"] = []

    def leave(self, view):
        view.state["left"] = [*view.state["left"], view.step.key]

    def act(self, view, action, data):
        if action == "keep_a_set":
            view.state["set"] = {1, 2}
        else:
            self.kept = view.state  # changed after the call returns: never seen
            view.state["acted"] = True

    def results(self, view):
        return {"words": sorted(e.payload["word"] for e in view.answers())}


def test_the_screen_and_phones_get_results_only_once_revealed_and_from_the_minimum_group():
    bench = Bench(Words(), {}, participants=3)
    bench.answer(1, {"word": "x"})
    bench.answer(2, {"word": "y"})
    assert bench.results() == {"words": ["x", "y"]}  # the console always
    assert bench.results("screen") is None and bench.results("phone") is None
    bench.reveal()
    assert bench.results("screen") is None  # two of a minimum of three, anonymous
    bench.answer(3, {"word": "z"})
    assert bench.results("screen") == bench.results("phone") == {"words": ["x", "y", "z"]}
    bench.go("b")
    bench.answer(1, {"word": "named"})
    bench.reveal()
    assert bench.results("screen") == {"words": ["named"]}  # named: no minimum group


# -- one lifecycle for the host and the bench --------------------------------------------------------

def test_the_bench_starts_leaves_and_passes_as_the_host_does():
    bench = Bench(Words(), {}, participants=2)
    bench.answer(1, passing=True)  # the first answer starts the activity at its first step
    assert bench.state["pair"] == ["a", 1]  # the state as storage gives it back
    bench.go("b")
    assert bench.state["left"] == ["a"] and bench.status["a"] == "closed"
    bench.go("c")
    with pytest.raises(InputRejected, match="No passing"):  # through accept_pass
        bench.answer(2, passing=True)
    bench.go("a")
    with pytest.raises(InputRejected, match="closed"):
        bench.answer(2, {"word": "late"})
    bench.open()
    bench.answer(2, {"word": "late"})
    bench.end()
    assert bench.state["left"] == ["a", "b", "c", "a"]


def test_the_state_rule_a_work_form_changes_its_own_copy_and_returns_what_is_stored():
    form = Words()
    bench = Bench(form, {}, participants=1)
    bench.act("note")
    form.kept["acted"] = "changed afterwards"
    assert bench.state["acted"] is True
    with pytest.raises(lifecycle.NotStorable, match="words: the state"):
        bench.act("keep_a_set")
    assert "set" not in bench.state


def test_the_host_and_the_bench_copy_state_with_the_same_function():
    from facilitator import testing
    from facilitator.sessions import stepviews

    assert stepviews.lifecycle.handed is testing.lifecycle.handed is lifecycle.handed


# -- tables ------------------------------------------------------------------------------------------

def test_a_table_has_one_shape_and_a_wrong_one_is_an_error_that_says_so():
    assert Table.of({"caption": "C", "headers": ["a"], "rows": [[1]]}) == Table("C", ["a"], [["1"]])
    with pytest.raises(TypeError, match="'caption', 'headers' and 'rows'.*title"):
        Table.of({"title": "T", "headers": [], "rows": []}, "plugin x")

    class Wrong(Words):
        def report(self, view):
            return {"paragraphs": [], "tables": [{"title": "T", "headers": [], "rows": []}]}

    with pytest.raises(TypeError, match="work form words: report"):
        Bench(Wrong(), {}).report()


def test_a_team_plan_section_of_the_wrong_shape_is_logged_with_the_plugin_and_others_still_show(
        app, caplog):
    from facilitator.contract.plugins import PluginHost
    from facilitator.teamplan import sections

    wrong, right = types.ModuleType("wrong_tables"), types.ModuleType("right_tables")
    wrong.extra_team_plan_sections = hookimpl(
        lambda sessions: [{"title": "Old shape", "headers": [], "rows": []}])
    right.extra_team_plan_sections = hookimpl(
        lambda sessions: [Table("Trend", ["Jaar"], [["2026"]])])
    with app.app_context():
        app.extensions["facilitator.plugins"] = PluginHost([wrong, right])
        with caplog.at_level(logging.ERROR):
            found = sections.extra_sections([])
    assert found == [{"title": "Trend", "headers": ["Jaar"], "rows": [["2026"]]}]
    assert "plugin wrong_tables" in caplog.text and "'caption'" in caplog.text


def test_the_harness_fails_a_plugins_test_on_a_team_plan_section_of_the_wrong_shape(
        facilitator_session):
    old_shape = types.ModuleType("old_shape")
    old_shape.extra_team_plan_sections = hookimpl(
        lambda sessions: [{"title": "Trend", "headers": ["Jaar"], "rows": [[str(len(sessions))]]}])
    session = facilitator_session(THERMOMETER, plugins=[thermometer, old_shape])
    with pytest.raises(TypeError, match="plugin old_shape: extra_team_plan_sections"):
        session.team_plan_sections()
    right = types.ModuleType("right_shape")
    right.extra_team_plan_sections = hookimpl(
        lambda sessions: [Table("Trend", ["Sessies"], [[len(sessions)]])])
    session = facilitator_session(THERMOMETER, plugins=[thermometer, right])
    assert session.team_plan_sections() == [Table("Trend", ["Sessies"], [["1"]])]


def test_a_raising_page_hook_is_logged_and_the_page_still_shows(make_app, caplog):
    broken = types.ModuleType("broken_assets")
    broken.extra_css_urls = hookimpl(lambda role: 1 / 0)
    app = make_app(EXTRA_PLUGINS=[broken])
    with caplog.at_level(logging.ERROR):
        assert app.test_client().get("/").status_code < 500
        with app.test_request_context():
            from flask import render_template_string

            shown = render_template_string("{{ plugin_assets('css', 'phone')|join(' ') }}")
    assert "/plugins/quiz/static/quiz.css" in shown  # the other plugins' stylesheets still come
    assert "plugin broken_assets: its extra_css_urls hook failed" in caplog.text


# -- the contract's documentation --------------------------------------------------------------------

def test_every_host_class_the_plugin_guide_offers_is_styled():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    guide = (root / "docs" / "plugins.md").read_text()
    section = guide.split("### Host styles you may use")[1].split("\n## ")[0]
    offered = {name for row in section.splitlines() if row.startswith("| `")
               for name in re.findall(r"`([\w-]+)`", row.split("|")[1])}
    assert {"primary", "notice", "bars", "fill", "w0", "w100"} <= offered
    css = (root / "facilitator" / "static" / "app.css").read_text()
    unstyled = {name for name in offered if not re.search(rf"\.{name}(?![\w-])", css)}
    assert not unstyled, f"offered to plugins but not in app.css: {sorted(unstyled)}"


def test_the_guide_and_the_code_name_the_same_template_variables_and_agreement_kinds():
    from pathlib import Path

    from facilitator.contract.workform import AGREEMENT_KINDS

    guide = (Path(__file__).resolve().parents[1] / "docs" / "plugins.md").read_text()
    for kind in AGREEMENT_KINDS:
        assert f"`{kind}`" in guide.split("## Agreements")[1].split("\n## ")[0]
    variables = guide.split("## Templates and what they can use")[1].split("###")[0]
    for name in ("view", "form", "results", "me", "me_data", "mine", "passed", "extra", "people"):
        assert f"`{name}`" in variables
    assert "`me`" in WorkForm.__doc__ and "`me_data`" not in WorkForm.__doc__
