"""The Refresher coalesces: however many answers and arrivals a session announces, it gets one
refresh per interval, the sessions take turns in the order they fell due, and a full broadcast
makes what was pending unnecessary."""

import threading
import time

import pytest

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db, socketio
from facilitator.live import broadcast
from facilitator.live.broadcast import Refresher
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import User
from facilitator.web.accounts import add_user

from ..conftest import PASSWORD, Phone, login


@pytest.fixture
def refreshed(monkeypatch):
    """Each refresh the Refresher would send: (workshop id, what was asked)."""
    done = []
    monkeypatch.setattr(broadcast, "_refresh_now", lambda workshop_id, asked: done.append(
        (workshop_id, asked.views, asked.every_phone, sorted(asked.phones))))
    return done


def test_many_requests_for_one_session_become_one_refresh_with_everything_asked(app, refreshed):
    refresher = Refresher(app, 10, background=False)
    for person in range(100):
        refresher.request(7, views=False, phone=person % 5)
    refresher.request(7)  # an answer: the shared screen and the console
    assert refresher.flush() == 1
    assert refreshed == [(7, True, False, [0, 1, 2, 3, 4])]
    assert refresher.flush() == 0


def test_a_request_for_every_phone_is_kept_beside_the_views(app, refreshed):
    refresher = Refresher(app, 10, background=False)
    refresher.request(3, views=False, every_phone=True)
    refresher.request(3, views=False, phone=12)
    refresher.flush()
    assert refreshed == [(3, False, True, [12])]


def test_sessions_take_turns_in_the_order_they_asked(app, refreshed):
    refresher = Refresher(app, 10, background=False)
    for workshop_id in (1, 2, 3):
        refresher.request(workshop_id)
    refresher.flush()
    assert [done[0] for done in refreshed] == [1, 2, 3]


def test_a_refresh_waits_one_interval_for_what_comes_along(app, refreshed):
    """As the bare Socket.IO server does: the first answer to a quiet session is not refreshed on
    its own, the answers of the next interval come with it."""
    refresher = Refresher(app, 0.3, background=False)
    refresher.request(1)
    assert refresher._take(time.monotonic()) is None, "refreshed before the interval was over"
    refresher.request(1, views=False, phone=4)  # comes along with the first
    workshop_id, asked = refresher._take(time.monotonic() + 0.31)
    assert (workshop_id, asked.views, asked.phones) == (1, True, {4})


def test_a_full_broadcast_covers_what_was_pending(app, refreshed):
    refresher = Refresher(app, 10, background=False)
    refresher.request(5)
    refresher.request(6)
    refresher.covered(5)
    assert refresher.flush() == 1
    assert refreshed == [(6, True, False, [])]

    refreshed.clear()  # a request after the broadcast is refreshed once, not twice
    refresher.request(5)
    refresher.covered(5)
    refresher.request(5, views=False, phone=9)
    assert refresher.flush() == 1
    assert refreshed == [(5, False, False, [9])]


def test_an_interval_of_zero_refreshes_at_once_in_the_callers_thread(app, refreshed):
    refresher = Refresher(app, 0)
    refresher.request(8, views=False, phone=1)
    assert refreshed == [(8, False, False, [1])]
    assert refresher.worker is None


def test_the_worker_refreshes_a_busy_session_a_few_times_a_second_not_once_per_request(
        app, refreshed):
    refresher = Refresher(app, 0.2)
    stop = time.monotonic() + 1.0
    asked = 0
    while time.monotonic() < stop:  # a thousand answers a second for one second
        refresher.request(1)
        asked += 1
        time.sleep(0.001)
    deadline = time.monotonic() + 5  # the last one is due at most one interval later
    while refresher.asked and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not refresher.asked, "a request was left behind"
    assert asked > 100, asked  # a millisecond's sleep takes three or more on a loaded machine
    assert 2 <= len(refreshed) <= 8, f"{asked} requests gave {len(refreshed)} refreshes"


def test_a_failed_refresh_does_not_stop_the_worker(app, monkeypatch):
    done, failed = threading.Event(), []

    def refresh(workshop_id, asked):
        if workshop_id == 1:
            failed.append(workshop_id)
            raise RuntimeError("the database went away for a moment")
        done.set()

    monkeypatch.setattr(broadcast, "_refresh_now", refresh)
    refresher = Refresher(app, 0.05)
    refresher.request(1)
    time.sleep(0.1)
    refresher.request(2)
    assert done.wait(2), "the worker stopped after a failed refresh"
    assert failed == [1]


def test_a_shared_screen_gets_a_few_coalesced_snapshots_while_phones_answer(make_app):
    """End to end, with the production interval: thirty answers in a row reach the screen as a
    handful of snapshots, and the last one counts them all."""
    app = make_app(COALESCE_SECONDS=0.25)
    with app.test_request_context():
        user = add_user("trainer@example.nl", PASSWORD, "trainer")
        scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
        workshop = workshops.create(scenario, db.session.get(User, user.id))
        workshops.control(workshop.id, "start", {})
        code, workshop_id = workshop.code, workshop.id
    http = app.test_client()
    assert login(http).status_code == 302
    screen = socketio.test_client(app, flask_test_client=http,
                                  auth={"role": "screen", "workshop": workshop_id})
    phones = [Phone(app, code) for _ in range(30)]
    arrived = _shown_until(screen, lambda meta: meta["connected"] == 30)  # the arrivals are shown
    assert arrived[-1]["meta"]["connected"] == 30

    started = time.monotonic()
    for phone in phones:
        assert phone.answer({"choice": "agree"}, step="s1")["changed"] is True
    shown = _shown_until(screen, lambda meta: meta["answered"] == 30)
    took = time.monotonic() - started
    assert shown and shown[-1]["meta"]["answered"] == 30
    # at most one per interval while they come in (a few seconds on a loaded machine), and one
    # more: never one per answer
    assert len(shown) <= took / 0.25 + 2, f"30 answers in {took:.1f} s gave the screen {len(shown)} snapshots"


def _shown_until(screen, done) -> list[dict]:
    """The snapshots the screen receives until one of them is ``done`` (5 s at most)."""
    deadline = time.monotonic() + 5
    shown = []
    while time.monotonic() < deadline:
        shown += [m["args"][0] for m in screen.get_received() if m["name"] == "snapshot"]
        if shown and done(shown[-1]["meta"]):
            break
        time.sleep(0.05)
    return shown
