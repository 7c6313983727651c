"""The plugin contract: documented hooks, the entry-point door, and a third-party work form live."""

import importlib.metadata
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.contract import hookspecs
from facilitator.extensions import db

ROOT = Path(__file__).resolve().parents[1]


def test_every_hook_is_documented_with_its_arguments_and_return():
    guide = (ROOT / "docs" / "plugins.md").read_text()
    hooks = [name for name, f in inspect.getmembers(hookspecs, inspect.isfunction)
             if hasattr(f, "facilitator_spec")]
    assert hooks, "no hookspecs found"
    for name in hooks:
        section = re.search(rf"^### {name}\n(.*?)(?=^##|\Z)", guide, re.M | re.S)
        assert section, f"hook {name} is not documented in docs/plugins.md"
        for word in ("Arguments", "Returns", "Called"):
            assert word in section.group(1), f"hook {name}: '{word}' missing"
        for argument in inspect.signature(getattr(hookspecs, name)).parameters:
            assert f"`{argument}`" in section.group(1), f"hook {name}: argument {argument} undocumented"


def test_built_in_plugins_come_in_through_the_entry_point_group(app):
    points = {e.name: e.value for e in importlib.metadata.entry_points(group="facilitator")}
    for folder in (ROOT / "plugins").iterdir():
        if (folder / "__init__.py").exists():
            assert points.get(folder.name) == f"plugins.{folder.name}"
    assert not (ROOT / "plugins" / "__init__.py").exists(), "plugins/ is a namespace package"
    host = app.extensions["facilitator.plugins"]
    assert {p.name for p in host.plugins()} >= set(points)
    assert "statements" in host.work_forms
    assert "teamworkshop" in host.work_forms


def test_a_misspelled_hook_stops_the_app(make_app):
    import types

    from facilitator import hookimpl

    bad = types.ModuleType("bad_plugin")

    @hookimpl
    def register_work_form():  # missing "s"
        return []

    bad.register_work_form = register_work_form
    from pluggy import PluginValidationError

    with pytest.raises(PluginValidationError):
        make_app(EXTRA_PLUGINS=[bad])


@pytest.fixture
def oneword():
    sys.path.insert(0, str(ROOT / "examples" / "oneword"))
    import facilitator_oneword

    yield facilitator_oneword
    sys.path.remove(str(ROOT / "examples" / "oneword"))


def test_a_third_party_work_form_runs_in_a_live_session(make_app, oneword):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.web.accounts import add_user

    from .conftest import PASSWORD, Console, Phone, login

    app = make_app(EXTRA_PLUGINS=[oneword])
    with app.app_context():
        host = plugin_host()
        assert "oneword" in host.work_forms
        user = add_user("t@example.nl", PASSWORD, "trainer")
        scenario = scenarios.from_data({"title": "Check-in", "activities": [
            {"type": "oneword", "config": {"question": "Hoe kom je binnen?"}}]}, "checkin", host)
        workshop = workshops.create(scenario, user)
        code, workshop_id = workshop.code, workshop.id
    http = app.test_client()
    login(http, "t@example.nl")
    console = Console(app, http, workshop_id)
    phones = [Phone(app, code) for _ in range(3)]
    console.do("start")
    assert "Hoe kom je binnen?" in phones[0].snapshot()["html"]
    for phone, word in zip(phones, ["Moe", "moe", "<b>blij</b>"], strict=True):
        assert phone.answer({"word": word})["ok"]
    assert phones[0].answer({"word": ""})["ok"] is False
    console.do("reveal")
    html = console.snapshot()["html"]
    assert "moe (2)" in html
    assert "&lt;b&gt;blij&lt;/b&gt;" in html and "<b>blij" not in html
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_every_shipped_scenario_is_valid(app):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios

    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    assert files
    with app.app_context():
        assert scenarios.validate_paths(files, plugin_host()) == []
        assert set(scenarios.builtin(plugin_host())) == {f.stem for f in files}


def test_the_oneword_example_is_tested_with_the_public_harness_only():
    """examples/oneword's own tests import only public names and pass, run as its author would."""
    folder = ROOT / "examples" / "oneword"
    for test_file in (folder / "tests").glob("test_*.py"):
        imported = re.findall(r"^\s*(?:from|import) (facilitator[\w.]*)", test_file.read_text(), re.M)
        assert set(imported) <= {"facilitator", "facilitator.testing", "facilitator_oneword"}, imported
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert re.search(r"\b3 passed\b", done.stdout)
