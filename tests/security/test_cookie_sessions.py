"""The session cookie is verified once and remembered: never a session from an unsigned or expired
cookie, and never one request's changes in another's session."""

import time

from flask import session

from facilitator.web.cookie_sessions import RememberedCookieSessions


def _signed(app, data: dict) -> str:
    return app.session_interface.get_signing_serializer(app).dumps(data)


def _opened(app, cookie: str | None) -> dict:
    headers = {"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={cookie}"} if cookie else {}
    with app.test_request_context("/socket.io/", headers=headers):
        return dict(session)


def test_the_app_remembers_verified_cookies(app):
    assert isinstance(app.session_interface, RememberedCookieSessions)


def test_a_remembered_cookie_opens_as_it_was_signed_and_each_request_gets_its_own_copy(app):
    cookie = _signed(app, {"_user_id": "7", "screens": [3]})
    headers = {"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={cookie}"}
    with app.test_request_context("/", headers=headers):
        assert session["screens"] == [3]
        session["screens"].append(4)  # this request's change
    assert app.session_interface._verified, "the verified cookie was not remembered"
    assert _opened(app, cookie) == {"_user_id": "7", "screens": [3]}
    assert _opened(app, cookie) == {"_user_id": "7", "screens": [3]}


def test_a_cookie_with_a_changed_signature_or_content_opens_empty(app):
    cookie = _signed(app, {"_user_id": "7"})
    assert _opened(app, cookie) == {"_user_id": "7"}  # remembered now
    payload, _, signature = cookie.rpartition(".")
    assert _opened(app, payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]) == {}
    assert _opened(app, cookie.replace(cookie[0], "x" if cookie[0] != "x" else "y", 1)) == {}
    assert _opened(app, None) == {}


def test_a_remembered_cookie_is_refused_once_it_has_expired(app, monkeypatch):
    cookie = _signed(app, {"_user_id": "7"})
    assert _opened(app, cookie) == {"_user_id": "7"}
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert _opened(app, cookie) == {}


def test_another_secret_key_does_not_open_what_the_first_one_signed(app):
    cookie = _signed(app, {"_user_id": "7"})
    assert _opened(app, cookie) == {"_user_id": "7"}
    app.secret_key = "another secret key, after a rotation"
    assert _opened(app, cookie) == {}


def test_the_remembered_cookies_stay_few(app, monkeypatch):
    monkeypatch.setattr(RememberedCookieSessions, "REMEMBERED", 5)
    for number in range(12):
        assert _opened(app, _signed(app, {"n": number})) == {"n": number}
    assert len(app.session_interface._verified) == 5
