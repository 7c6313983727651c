"""Issue 26, item 2: one phone sending about 1,000 events a second (hello, answer, moment) against a
real server on gevent's event loop. The other phones, in its session and in another one, keep
getting their acknowledgements fast; new phones can join; the flooder is told it is over budget
and, as it keeps going, disconnected and kept out for a while. The same measurement is
`bench/flood.py`.

The target is the issue's: the others' acknowledgements under 300 ms at the 95th percentile. On a
machine that is busy with other work the same phones wait longer without any flood; so the test
also measures them without a flood, in the same run, and accepts at most three times that (on the
shared two-core machine, load 7 to 9: 0.5 to 1.9 s with the flood against 0.7 to 0.9 s without;
before the budget the flood cost them 30 s: acknowledgements timed out)."""

from __future__ import annotations

import json

import pytest

from facilitator.loadtest.flood import measure

from ..clients import run_coroutine
from ..servers import Server

# solo: it compares latencies, so it runs alone after the parallel part of `make test`
pytestmark = [pytest.mark.server, pytest.mark.solo]


def test_one_phone_flooding_does_not_stall_the_others(tmp_path):
    server = Server(tmp_path)
    server.prepare()
    server.start()
    try:
        quiet = run_coroutine(measure(server.url, server.trainer_email, server.password,
                                      rate=1, seconds=6, others=5, joiners=4))
        report = run_coroutine(measure(server.url, server.trainer_email, server.password,
                                       rate=1000, seconds=6, others=5, joiners=4))
    finally:
        server.stop()
    print("without a flood:", quiet.text(), "with one phone flooding:", report.text(), sep="\n")
    figures = report.as_dict()
    assert not report.ack_errors, report.ack_errors[:3]
    assert figures["same_session_ack"]["count"] >= 10 and figures["other_session_ack"]["count"] >= 10
    allowed = max(300.0, 3 * quiet.as_dict()["others_ack_p95_ms"])
    assert figures["others_ack_p95_ms"] < allowed, report.text()
    assert not report.join_errors and len(report.join_ms) == 4, report.join_errors
    assert max(report.join_ms) < max(3000.0, 2 * max(quiet.join_ms)), report.text()
    refusal = json.loads(report.flood_refusal)
    assert refusal["ok"] is False and refusal["busy"] is True and refusal["retry_after"] > 0
    assert "te veel" in refusal["error"].lower()
    assert report.flood_disconnected_after is not None and report.flood_disconnected_after < 5, \
        report.text()
    assert "te veel berichten" in report.flood_reconnect.lower()  # and kept out for a while
    assert quiet.flood_refused == 0 and quiet.flood_disconnected_after is None


def test_over_budget_events_are_refused_at_once_by_kind(make_app):
    """The budget with the Socket.IO test client: hello is the small one, answers have their own."""
    from facilitator.contract.plugins import plugin_host
    from facilitator.extensions import db
    from facilitator.sessions import scenarios, workshops
    from facilitator.web.accounts import add_user

    from ..conftest import PASSWORD, Console, Phone, login

    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        user = add_user("trainer@example.nl", PASSWORD, "trainer")
        made = workshops.create(scenarios.builtin(plugin_host())["stellingen-veilig-werken"], user)
        code, workshop_id = made.code, made.id
        db.session.remove()
    http = app.test_client()
    login(http)
    console = Console(app, http, workshop_id)
    console.do("start")
    phone = Phone(app, code)
    hellos = [phone.sio.emit("hello", {}, callback=True) for _ in range(8)]
    assert [h["ok"] for h in hellos] == [True] * 3 + [False] * 5
    assert hellos[-1]["busy"] is True and hellos[-1]["retry_after"] > 0
    assert hellos[-1]["error"].startswith("Te veel berichten tegelijk")
    answers = [phone.answer({"choice": "agree"}, step="s1") for _ in range(12)]
    assert [a["ok"] for a in answers] == [True] * 10 + [False] * 2  # a budget of its own
    assert console.snapshot()["meta"]["step"] == "s1"  # the console's budget is untouched
