"""A work form that says its shared screen does not follow the input (``screen_follows_input =
False``) gets only the new count on the screen after an answer. That is right only if, until the
reveal, nothing else on its screen changes with what the participants put in: checked here on
every step of every built-in scenario that uses such a work form, with its own input."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from facilitator import shipped
from facilitator.contract.plugins import PluginHost
from facilitator.testing import LiveSession

from ..clients import put_in_place

#: What three phones answer, for each work form whose screen shows only the count: a work form
#: that says so is checked here with its own input, as its phones send it.
INPUT = {
    "statements": [{"choice": "agree"}, {"choice": "disagree"}, {"choice": "agree"}],
    "checklist": [{"item-0": "reached"}, {"item-0": "not", "item-1": "partly"},
                  {"item-0": "partly", "item-1": "reached", "item-2": "not"}],
}


def _quiet_screens() -> list[str]:
    return sorted(form.name for form in PluginHost().work_forms.values()
                  if not form.screen_follows_input)


def _activities(kind: str) -> list[tuple[str, dict]]:
    found = []
    for path in sorted(Path(shipped.folder("scenarios")).glob("*.yaml")):
        scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(path.stem, activity) for activity in scenario.get("activities") or []
                  if activity.get("type") == kind]
    return found


def test_the_work_forms_whose_screen_shows_only_the_count_are_these():
    assert _quiet_screens() == ["checklist", "statements"]


@pytest.mark.parametrize("kind", _quiet_screens())
def test_before_the_reveal_the_count_is_all_that_input_changes_on_the_screen(kind, tmp_path):
    activities = _activities(kind)
    assert activities, f"no built-in scenario uses {kind}"
    for number, (scenario, activity) in enumerate(activities):
        session = LiveSession({"activities": [activity]}, folder=tmp_path / str(number), phones=3)
        assert session.trainer.do("start")["ok"]
        checked = 0
        while True:
            shown = session.screen.snapshot()
            meta = shown["meta"]
            where = f"{scenario}, step {meta['step']}"
            if meta.get("takes_input") and not meta["revealed"]:
                session.screen.received()
                for phone, data in zip(session.phones, INPUT[kind], strict=True):
                    assert phone.answer(data)["ok"], where
                    pushed = session.screen.received()
                    assert pushed and all("html" not in s for s in pushed), \
                        f"{where}: an answer sent the whole screen"
                    shown = put_in_place(shown, pushed)
                    assert shown["html"] == session.screen.html, \
                        f"{where}: the screen followed the input"
                assert shown["meta"]["answered"] == len(session.phones)
                checked += 1
            if meta["position"] + 1 >= meta["total"]:
                break
            assert session.trainer.do("next")["ok"]
        assert checked, f"{scenario}: no step took input"
        session.close()
