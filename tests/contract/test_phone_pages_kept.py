"""A phone's page is kept between refreshes for everyone who shows the same (``phone_pages``), for
work forms whose phones show nothing of the others' input until the reveal (no
``shared_input``). That is right only if the key holds everything the page is made of. The walk
of every shipped scenario with a trainer and three phones (tests/security/walk.py, run by
tests/security/test_work_form_inputs.py) checks it: after every answer and every action of the
trainer, the page each phone was last sent must be the page it gets afresh when it reconnects
(which is rendered, never kept). Here: that the walks cover every such work form, and that a
session's pages are used, and forgotten when it ends."""

from __future__ import annotations

from pathlib import Path

import yaml

from facilitator.contract.plugins import PluginHost
from facilitator.testing import LiveSession

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


def test_every_work_form_whose_pages_are_kept_is_walked():
    """The walk of every shipped scenario (tests/security/test_work_form_inputs.py) compares
    every page a phone was sent with the page it gets afresh: each work form whose pages are
    kept must be in one of them."""
    assert "statements" in KEPT and "quiz" not in KEPT and "debate" not in KEPT  # shared_input
    assert sorted(_one_scenario_each()) == KEPT, "a work form no shipped scenario uses"


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
