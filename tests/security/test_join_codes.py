"""Join codes cannot be guessed at scale, and codes of ended sessions stop working.

Codes that lead nowhere count against the asking address on every way in (landing page, join
link, phone page, live connection); right codes never count, so a whole room behind one router
gets in.
"""

from __future__ import annotations

import pytest

from facilitator.extensions import db, socketio
from facilitator.sessions import workshops
from facilitator.sessions.models import Participant, Workshop

from ..conftest import Phone

TOO_MANY = "Te veel codes geprobeerd"


@pytest.fixture
def guarded_app(make_app):
    return make_app(RATELIMIT_ENABLED=True, JOIN_RATE_LIMIT="5 per minute")


@pytest.fixture
def open_session(guarded_app):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios
    from facilitator.web.accounts import add_user

    with guarded_app.app_context():
        trainer = add_user("trainer@example.nl", "correct horse battery", "trainer")
        made = workshops.create(scenarios.builtin(plugin_host())["stellingen-veilig-werken"], trainer)
        return {"id": made.id, "code": made.code}


def _wrong_codes(n: int) -> list[str]:
    return [f"ZZZZ{i:02d}" for i in range(n)]  # Z is not in the code alphabet


@pytest.mark.parametrize("way_in", ["landing", "join link", "phone page", "live connection"])
def test_guessing_is_stopped_on_every_way_in_and_then_even_a_right_code_is_refused(
        guarded_app, open_session, way_in):
    client = guarded_app.test_client()

    def attempt(code: str):
        if way_in == "landing":
            return client.post("/", data={"code": code})
        if way_in == "join link":
            return client.get(f"/j/{code}")
        if way_in == "phone page":
            return client.get(f"/p/{code}")
        live = socketio.test_client(guarded_app, flask_test_client=client,
                                    auth={"role": "phone", "code": code})
        return live

    for code in _wrong_codes(5):
        answer = attempt(code)
        if way_in == "live connection":
            assert not answer.is_connected()
        else:
            assert answer.status_code == 404, f"{way_in} {code}: {answer.status_code}"
    refused = attempt(open_session["code"])  # the right code, from an address that guessed
    if way_in == "live connection":
        assert not refused.is_connected()
        return
    assert refused.status_code == 429
    assert TOO_MANY in refused.get_data(as_text=True)
    # Another address is not affected.
    other = guarded_app.test_client()
    answer = other.get(f"/j/{open_session['code']}", environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert answer.status_code == 200


def test_misses_on_different_ways_in_add_up(guarded_app, open_session):
    client = guarded_app.test_client()
    codes = iter(_wrong_codes(5))
    client.post("/", data={"code": next(codes)})
    client.get(f"/j/{next(codes)}")
    client.get(f"/p/{next(codes)}")
    for _ in range(2):
        assert not socketio.test_client(guarded_app, flask_test_client=client,
                                        auth={"role": "phone", "code": next(codes)}).is_connected()
    assert client.get(f"/j/{open_session['code']}").status_code == 429


def test_a_whole_room_behind_one_router_gets_in(guarded_app, open_session):
    """Right codes never count: fifty phones from one address all join within the minute."""
    for _ in range(50):
        phone = guarded_app.test_client()
        assert phone.get(f"/j/{open_session['code']}").status_code == 200
        assert phone.post(f"/j/{open_session['code']}", data={"name": ""}).status_code == 302
        assert phone.get(f"/p/{open_session['code']}").status_code == 200
    with guarded_app.app_context():
        assert db.session.query(Participant).count() == 50


def test_the_code_of_an_ended_session_stops_working(app, workshop, console):
    present = Phone(app, workshop["code"])
    assert console.do("start")["ok"]
    assert console.do("end")["ok"]
    newcomer = app.test_client()
    for answer in (newcomer.get(f"/j/{workshop['code']}"),
                   newcomer.post(f"/j/{workshop['code']}", data={"name": ""}),
                   newcomer.post("/", data={"code": workshop["code"]})):
        assert answer.status_code == 404
        assert "Deze sessie is afgelopen" in answer.get_data(as_text=True)
    assert newcomer.get(f"/p/{workshop['code']}").status_code == 302  # to the refusal above
    # Whoever took part sees the end, and can no longer answer.
    present.connect()
    assert "De sessie is afgelopen" in present.snapshot()["html"]
    refused = present.answer({"choice": "agree"}, step="s1")
    assert refused == {"ok": False, "error": "Deze sessie is afgelopen."}
    with app.app_context():
        assert db.session.get(Workshop, workshop["id"]).status == "ended"
        assert db.session.query(Participant).count() == 1


def test_a_guesser_behind_the_same_router_does_not_lock_out_those_already_in(guarded_app, open_session):
    """The phones in the room share the guesser's address; they are not guessing: they come back."""
    phone = guarded_app.test_client()
    assert phone.post(f"/j/{open_session['code']}", data={"name": ""}).status_code == 302
    guesser = guarded_app.test_client()
    for code in _wrong_codes(5):
        assert guesser.get(f"/j/{code}").status_code == 404
    assert guesser.get(f"/j/{open_session['code']}").status_code == 429
    assert phone.get(f"/p/{open_session['code']}").status_code == 200
    back = socketio.test_client(guarded_app, flask_test_client=phone,
                                auth={"role": "phone", "code": open_session["code"]})
    assert back.is_connected(), "a phone that takes part was locked out by the guesser"


# -- issue 26, item 3 ----------------------------------------------------------------------------

def _concurrently(n, call):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=50) as pool:
        return list(pool.map(lambda i: call(i), range(n)))


def test_two_hundred_wrong_codes_at_once_get_exactly_the_limit_of_answers(make_app, open_session):
    app = make_app(RATELIMIT_ENABLED=True, JOIN_RATE_LIMIT="20 per minute",
                   JOIN_ADDRESS_LIMIT="50 per minute")
    browser = app.test_client()
    browser.get("/j/ZZZZZZ")  # a browser of its own, as a person's
    statuses = _concurrently(200, lambda i: browser.get(f"/j/ZZZ{i:03d}").status_code)
    assert statuses.count(404) == 19 and statuses.count(429) == 181, statuses.count(404)
    other = app.test_client()  # without cookies, straight at it: counted for the address
    statuses = _concurrently(200, lambda i: app.test_client().get(f"/j/ZZY{i:03d}").status_code)
    assert statuses.count(404) == 50 - 20, statuses.count(404)
    assert other.get(f"/j/{open_session['code']}").status_code == 429  # the address is full now


def test_a_guesser_keeps_nobody_else_out(make_app, open_session):
    app = make_app(RATELIMIT_ENABLED=True, JOIN_RATE_LIMIT="5 per minute")
    guesser = app.test_client()
    guesser.get("/")
    for code in _wrong_codes(8):
        guesser.get(f"/j/{code}")
    assert guesser.get(f"/j/{open_session['code']}").status_code == 429  # the guesser is stopped
    newcomer = app.test_client()  # same router, a newcomer with the right code
    assert newcomer.get(f"/j/{open_session['code']}").status_code == 200
    assert newcomer.post(f"/j/{open_session['code']}", data={"name": ""}).status_code == 302


def test_joining_with_the_right_code_is_capped_per_address_and_per_code(make_app, open_session):
    app = make_app(RATELIMIT_ENABLED=True, JOINS_PER_ADDRESS="10 per minute",
                   JOINS_PER_CODE="15 per minute")
    code = open_session["code"]
    joined = [app.test_client().post(f"/j/{code}", data={"name": ""}) for _ in range(12)]
    assert [r.status_code for r in joined] == [302] * 10 + [429] * 2
    assert "Te veel mensen" in joined[-1].get_data(as_text=True)
    elsewhere = [app.test_client().post(f"/j/{code}", data={"name": ""},
                                        environ_base={"REMOTE_ADDR": f"198.51.100.{i}"})
                 for i in range(7)]
    assert [r.status_code for r in elsewhere] == [302] * 5 + [429] * 2  # 15 for the code
    with app.app_context():
        assert db.session.query(Participant).count() == 15
