"""A serving process settles its memory once before phones connect, and gunicorn gets the app
from ``facilitator.wsgi``."""

import gc
import importlib
import sys

import pytest

from facilitator import serving


@pytest.fixture
def collector():
    """Whatever a test does to the garbage collector is undone afterwards."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_settling_freezes_what_start_up_made_and_collects_the_young_less_often(collector):
    kept = gc.get_threshold()
    serving.settle()
    assert gc.get_freeze_count() > 10_000  # modules, classes, templates: out of every full pass
    assert gc.get_threshold() == (serving.YOUNG_COLLECTION, kept[1], kept[2])


def test_gunicorns_entry_point_is_a_settled_app(tmp_path, monkeypatch, collector):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    monkeypatch.delitem(sys.modules, "facilitator.wsgi", raising=False)
    from facilitator.database import upgrade

    wsgi = importlib.import_module("facilitator.wsgi")
    upgrade(wsgi.app)
    assert wsgi.app.test_client().get("/healthz").get_json()["database"] is True
    assert gc.get_freeze_count() > 0
