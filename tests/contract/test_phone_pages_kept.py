"""A phone's page is kept between refreshes for everyone who shows the same (``phone_pages``), for
work forms whose phones show nothing of the others' input until the reveal (no
``shared_input``). That is right only if the key holds everything the page is made of: checked
here by walking every shipped scenario with a trainer and three phones (tests/security/walk.py),
and requiring after every answer and every action of the trainer that the page each phone was
last sent is the page it gets afresh when it reconnects (which is rendered, never kept). One
scenario for each such work form (a walk takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from facilitator.contract.plugins import PluginHost, plugin_host
from facilitator.live import phone_pages
from facilitator.sessions import scenarios
from facilitator.testing import LiveSession

from ..security.walk import Walk

ROOT = Path(__file__).resolve().parents[2]
KEPT = sorted(form.name for form in PluginHost().work_forms.values() if not form.shared_input)


def _one_scenario_each() -> dict[str, str]:
    """The first shipped scenario (by name) that uses each work form whose pages are kept."""
    chosen: dict[str, str] = {}
    for path in sorted(ROOT.glob("scenarios/*.yaml")):
        scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
        for activity in scenario.get("activities") or []:
            if activity.get("type") in KEPT:
                chosen.setdefault(activity["type"], path.stem)
    return chosen


class Watched(Walk):
    """The walk, with every phone's last page compared to a fresh one after each action."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.compared = 0
        for phone in self.phones:
            phone.answer = self._checked(phone.answer)
        self.console.do = self._checked(self.console.do)

    def _checked(self, act):
        def checked(*args, **kwargs):
            outcome = act(*args, **kwargs)
            for number, phone in enumerate(self.phones):
                pushed = phone.received()
                if not pushed:
                    continue
                fresh = phone.snapshot()
                step = fresh["meta"].get("step")
                assert pushed[-1]["html"] == fresh["html"], \
                    f"{self.scenario_id}, step {step}: phone {number} was sent a page kept " \
                    f"from before ({act.__name__} {args} {kwargs})"
                assert pushed[-1]["meta"].get("mine") == fresh["meta"].get("mine")
                self.compared += 1
            return outcome
        return checked


def test_every_work_form_whose_pages_are_kept_is_walked():
    assert "statements" in KEPT and "quiz" not in KEPT and "debate" not in KEPT  # shared_input
    assert sorted(_one_scenario_each()) == KEPT, "a work form no shipped scenario uses"


@pytest.mark.parametrize("kind,scenario_id", sorted(_one_scenario_each().items()))
def test_a_phone_is_sent_the_page_it_would_get_afresh(app, trainer, trainer_client, kind,
                                                      scenario_id):
    with app.app_context():
        assert scenario_id in scenarios.builtin(plugin_host())
        pages = phone_pages.kept()
        found_before = pages.found
    walk = Watched(app, trainer, trainer_client, scenario_id, huge=False).through()
    assert walk.compared > 0, f"{scenario_id}: no phone was sent anything"
    assert pages.found > found_before, f"{kind}: no phone got a kept page"
    print(f"\n{kind} ({scenario_id}): {walk.compared} pages compared, "
          f"{pages.found - found_before} pages sent were kept ones")


def test_when_the_session_ends_its_phone_pages_are_forgotten(tmp_path):
    """A kept page may show what the person wrote (an intervision keeps nothing of that): the
    process that ends the session forgets its pages at once, and keeps none of an ended one."""
    statements = {"type": "statements", "config": {"statements": [
        {"text": "Ik mag een klant die scheldt vragen te vertrekken"},
        {"text": "Na een incident meld ik het altijd"}]}}
    session = LiveSession({"activities": [statements]}, folder=tmp_path, phones=3)
    pages = session.app.extensions["facilitator.phone_pages"]
    assert session.trainer.do("start")["ok"]
    for phone in session.phones:
        assert phone.answer({"choice": "agree"})["ok"]
    mine = [key for key in pages.pages if key[0] == session.workshop_id]
    assert mine and pages.found > 0  # the second and third phone got the first one's page
    assert session.trainer.do("end")["ok"]
    assert not [key for key in pages.pages if key[0] == session.workshop_id]
    assert session.phones[0].received()  # the phones were told, with nothing kept
    assert not [key for key in pages.pages if key[0] == session.workshop_id]
    session.close()
