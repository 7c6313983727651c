"""Every text people can type in every shipped scenario, found from the live views' own forms.

A trainer, a shared screen and three phones walk through each scenario (see walk.py). At every step
each phone fills every form it is shown, once with 20,000 characters and once with a script or HTML
payload; the console fills its own forms too. Every view must show the payloads escaped only, and
nothing over a text limit may be stored. A work form added later is tried without a new test. On
the way, every page a phone was sent must be the page it gets afresh (see walk.py).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from facilitator.contract.plugins import plugin_host
from facilitator.sessions import scenarios

from .conftest import dump
from .payloads import PAYLOADS
from .walk import Walk

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p.stem for p in ROOT.glob("scenarios/*.yaml"))
MARKUP = [p for p in PAYLOADS if any(c in p for c in "<>&\"'")]


def test_the_walk_covers_every_shipped_scenario(app):
    with app.app_context():
        assert set(SCENARIOS) == set(scenarios.builtin(plugin_host())), "a scenario is not walked"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_typed_text_is_escaped_everywhere_and_limited(app, trainer, trainer_client, scenario_id):
    walk = Walk(app, trainer, trainer_client, scenario_id).through()
    assert walk.seen and walk.typed > 0, f"{scenario_id}: the walk found nothing to type into"
    assert walk.compared > 0, f"{scenario_id}: no phone was sent a page to compare"
    for step, view, html in walk.seen:
        raw = [payload for payload in MARKUP if payload in html]
        assert not raw, f"{scenario_id}, step {step}: not escaped in the {view}: {raw}"
        twice = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1]
        assert not twice, f"{scenario_id}, step {step}: ids used twice in the {view}: {twice}"
    assert "x" * 10_001 not in str(dump(app)), f"{scenario_id}: a huge text was stored"
    print(f"\n{scenario_id}: {walk.typed} payloads typed and shown escaped, "
          f"{walk.refused_huge} huge texts refused")


def test_a_countdown_that_ticks_between_two_pages_is_no_difference(app, trainer, trainer_client,
                                                                     monkeypatch):
    """The debate's speaking time shows the seconds left as the page is made: a phone's page made
    a second later differs by its countdown alone, which ``Walk`` does not count (it once failed
    CI when a second passed between the page sent and the page got afresh)."""
    from itertools import count

    from plugins.debate.workform import Debate

    seconds = count(1_800_000_000, 1.5)  # every look at the clock is 1.5 s after the one before
    monkeypatch.setattr(Debate, "clock", staticmethod(lambda: next(seconds)))
    walk = Walk(app, trainer, trainer_client, "lagerhuis-stellingen").through()
    assert walk.ticking > 0, "no phone's page with a countdown was compared"
