"""CSRF protection on every form, cookie flags, and a throttled login.

Every route that takes a form refuses a post without its CSRF token (and changes nothing); every
form on every page carries the token; the JSON API never accepts the session cookie instead of a
bearer token.
"""

from __future__ import annotations

import re
from http.cookies import SimpleCookie

import pytest

from .conftest import dump
from .matrix import ROUTES
from .test_authorisation import ORDER, _url

FORM_ROUTES = sorted(route for route in ROUTES if route[1] != "GET" and not route[0].startswith("api."))
#: Posts that change nothing and answer only the asker's own phone (its cookie): a participant's own
#: PDF, made from what the phone sends. A page elsewhere can make a phone ask, never read the answer.
WITHOUT_CSRF = {("live_pages.phone_document", "POST")}
EXPIRED = "Dit formulier is verlopen"


def _asker(route) -> str:
    """Someone the route serves, so that only the missing token can be why it refuses."""
    return max(ROUTES[route].allowed or {"anonymous"}, key=ORDER.index)


@pytest.mark.parametrize("route", FORM_ROUTES, ids=lambda r: f"{r[1]} {r[0]}")
def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(world, tmp_path, monkeypatch,
                                                                       route):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = world.app(tmp_path, WTF_CSRF_ENABLED=True)
    endpoint, method = route
    url = _url(app, world, endpoint)
    before = dump(app)
    response = world.client(app, _asker(route)).open(url, method=method, data={
        "code": world.ids["code"], "name": "Eva", "text": "Een afspraak", "csrf_token": "forged"})
    if route in WITHOUT_CSRF:
        assert response.status_code < 500 and EXPIRED not in response.get_data(as_text=True)
    else:
        assert response.status_code == 400, f"{method} {url} without a token: {response.status_code}"
        assert EXPIRED in response.get_data(as_text=True)
    assert dump(app) == before


def _get_pages(app, world):
    for (endpoint, method), access in sorted(ROUTES.items()):
        if method != "GET" or access.same_for_all or not access.allowed or endpoint.startswith("api."):
            continue
        role = max(access.allowed, key=ORDER.index)
        url = _url(app, world, endpoint)
        response = world.client(app, role).get(url)
        if response.mimetype == "text/html":
            yield url, response.get_data(as_text=True)


def test_every_form_on_every_page_carries_a_csrf_token(world, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = world.app(tmp_path, WTF_CSRF_ENABLED=True)
    checked = 0
    for url, html in _get_pages(app, world):
        for form in re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S | re.I):
            if re.search(r'method="post"', form, flags=re.I):
                assert 'name="csrf_token"' in form, f"a form on {url} has no CSRF token: {form[:200]}"
                checked += 1
    assert checked >= 10, f"only {checked} forms found: are the pages still rendered?"


def test_the_api_does_not_take_the_session_cookie(world, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = world.app(tmp_path, WTF_CSRF_ENABLED=True)
    trainer = world.client(app, "trainer")  # signed in, but no bearer token
    before = dump(app)
    assert trainer.get(f"/api/teams/{world.ids['team']}").status_code == 401
    assert trainer.post(f"/api/teams/{world.ids['team']}/agreements",
                        json={"text": "Via de cookie"}).status_code == 401
    assert dump(app) == before


def _set_cookies(response) -> dict[str, str]:
    """Set-Cookie headers by cookie name, as sent."""
    found = {}
    for header in response.headers.getlist("Set-Cookie"):
        found[next(iter(SimpleCookie(header)))] = header
    return found


def test_cookies_are_http_only_and_same_site(client, workshop, trainer):
    joined = _set_cookies(client.post(f"/j/{workshop['code']}", data={"name": ""}))
    signed_in = _set_cookies(client.post("/login", data={
        "email": "trainer@example.nl", "password": "correct horse battery", "remember": "1"}))
    cookies = {f"fac_{workshop['code']}": joined[f"fac_{workshop['code']}"],
               "session": signed_in["session"], "remember_token": signed_in["remember_token"]}
    for name, header in cookies.items():
        assert "HttpOnly" in header, f"{name} can be read by scripts: {header}"
        assert "SameSite=Lax" in header, f"{name} is sent along with other sites' requests: {header}"
        assert "Secure" not in header  # plain HTTP on a training laptop; Secure behind a proxy


def test_sign_in_is_throttled_per_address_with_a_dutch_message(make_app):
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="10 per minute")
    from facilitator.web.accounts import add_user

    with app.app_context():
        add_user("trainer@example.nl", "correct horse battery", "trainer")
    guesser = app.test_client()
    statuses = [guesser.post("/login", data={"email": "trainer@example.nl",
                                             "password": f"guess {i}"}).status_code for i in range(10)]
    assert statuses == [401] * 10
    right = guesser.post("/login", data={"email": "trainer@example.nl",
                                         "password": "correct horse battery"})
    assert right.status_code == 429, "the right password got through after ten guesses"
    assert "Te veel pogingen" in right.get_data(as_text=True)
    colleague = app.test_client()  # another account elsewhere; this account is held (per account)
    with app.app_context():
        add_user("collega@example.nl", "correct horse battery", "trainer")
    assert colleague.post("/login", environ_base={"REMOTE_ADDR": "198.51.100.4"}, data={
        "email": "collega@example.nl", "password": "correct horse battery"}).status_code == 302
    assert colleague.post("/login", environ_base={"REMOTE_ADDR": "198.51.100.5"}, data={
        "email": "trainer@example.nl", "password": "correct horse battery"}).status_code == 429
