"""facilitator's pytest plugin, for plugin authors: ``pip install facilitator`` and use the
fixtures in your tests, as pytest's ``pytester`` (no conftest needed; entry point ``pytest11``).

``facilitator_session(scenario, plugins=[...], phones=3, ...)`` starts a live session in-process
(see ``facilitator.testing.LiveSession``) in the test's temporary folder and closes it after the
test; ``facilitator_bench`` is ``facilitator.testing.Bench``, for rules on plain data.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def facilitator_session(tmp_path, monkeypatch):
    """A factory of live sessions: ``facilitator_session({"activities": [...]}, phones=3)``."""
    from facilitator.testing import LiveSession

    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    started: list[LiveSession] = []

    def start(scenario, **options) -> LiveSession:
        session = LiveSession(scenario, folder=tmp_path / f"session-{len(started) + 1}", **options)
        started.append(session)
        return session

    yield start
    for session in started:
        session.close()


@pytest.fixture
def facilitator_bench():
    """``facilitator.testing.Bench``: ``facilitator_bench(MyForm(), config, participants=3)``."""
    from facilitator.testing import Bench

    return Bench
