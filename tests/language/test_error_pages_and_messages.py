"""Refusals and messages in the visitor's language: 400/403/404/405/500 pages and every flash."""

from __future__ import annotations

import re

from ..conftest import PASSWORD, login


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_a_missing_page_is_dutch_and_english_on_request(client):
    missing = client.get("/bestaat-niet")
    assert missing.status_code == 404
    assert '<html lang="nl">' in _text(missing)
    assert "Deze pagina bestaat niet" in _text(missing) and "Not Found" not in _text(missing)
    english = client.get("/bestaat-niet?lang=en")
    assert english.status_code == 404 and "This page does not exist" in _text(english)


def test_forbidden_and_wrong_method_pages_are_dutch(app, client, trainer):
    from facilitator.web.accounts import add_user

    with app.app_context():
        add_user("lead@example.nl", PASSWORD, "teamlead")
    assert login(client, "lead@example.nl").status_code == 302
    forbidden = client.get("/trainer")
    assert forbidden.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in _text(forbidden)
    assert "Forbidden" not in _text(forbidden)
    wrong = client.get("/logout")
    assert wrong.status_code == 405
    assert "Deze pagina kun je zo niet openen" in _text(wrong)
    assert "Method Not Allowed" not in _text(wrong)
    assert wrong.headers["Allow"]


def test_an_unexpected_error_is_dutch(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.route("/kapot")
    def broken():
        raise RuntimeError("boom")

    response = app.test_client().get("/kapot")
    assert response.status_code == 500 and "Er ging iets mis" in _text(response)


def test_sign_in_to_continue_is_dutch(client):
    response = client.get("/trainer", follow_redirects=True)
    assert "/login" in response.request.path
    assert "Log in om deze pagina te zien." in _text(response)
    assert "Please log in" not in _text(response)
