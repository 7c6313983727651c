"""A step with a suggested time has a countdown the trainer starts, pauses and extends; the
console and the shared screen show the time left."""

from __future__ import annotations

import re

from facilitator.contract.workform import Step
from facilitator.extensions import db, socketio
from facilitator.sessions import countdown
from facilitator.sessions.models import StepState

from .debate.test_live_debate import debate_session  # noqa: F401  (fixture)


def test_start_pause_extend_and_reset_keep_the_time_left():
    step, row = Step("talk", "Talk", minutes=2), StepState(timer=None)
    assert countdown.of(Step("vote", "Vote"), row) is None  # no suggested time: no countdown
    fresh = countdown.of(step, row, now=100)
    assert (fresh.total, fresh.left, fresh.running, fresh.started) == (120, 120, False, False)
    countdown.act(step, row, "start", now=100)
    assert countdown.of(step, row, now=130).left == 90 and countdown.of(step, row, now=130).running
    countdown.act(step, row, "pause", now=130)
    assert countdown.of(step, row, now=500).left == 90  # paused: the time stands still
    countdown.act(step, row, "extend", now=500)
    assert countdown.of(step, row, now=500).left == 150
    countdown.act(step, row, "start", now=500)
    over = countdown.of(step, row, now=700)
    assert over.left == -50 and over.shown == "0:00"
    countdown.act(step, row, "reset", now=700)
    assert countdown.of(step, row, now=800).left == 120


def _time(html: str) -> str:
    return re.search(r"data-countdown-time[^>]*>([^<]+)<", html).group(1)


def test_the_debate_counts_down_on_the_console_and_the_screen(app, trainer_client,
                                                              debate_session):  # noqa: F811
    from .conftest import Console

    console = Console(app, trainer_client, debate_session["id"])
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": debate_session["id"]})
    console.do("start")
    while console.snapshot()["meta"]["step"] != "debate":
        assert console.do("next", step=console.snapshot()["meta"]["step"])["ok"]
    html = console.snapshot()["html"]
    meta = console.snapshot()["meta"]
    assert meta["part"] > 1
    # as the room says it, within the work form
    assert f"Lagerhuisdebat · stap {meta['part']} van {meta['parts']}" in html
    assert "Aftellen starten" in html and _time(html) == "20:00"
    assert "data-countdown" not in screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    assert console.do("countdown", step="debate", do="start")["ok"]
    assert "Pauzeren" in console.snapshot()["html"]
    assert _time(screen.emit("hello", {}, callback=True)["snapshot"]["html"]) in ("20:00", "19:59")
    assert console.do("countdown", step="debate", do="pause")["ok"]
    assert console.do("countdown", step="debate", do="extend")["ok"]
    html = console.snapshot()["html"]
    assert _time(html) in ("21:00", "20:59") and "Aftellen hervatten" in html
    refused = console.do("countdown", step="opening", do="start")
    assert not refused["ok"]  # for a step the group has left
    refused = console.do("countdown", step="debate", do="explode")
    assert not refused["ok"]
    with app.app_context():
        assert db.session.query(StepState).filter_by(key="debate").one().timer["total"] == 1260
