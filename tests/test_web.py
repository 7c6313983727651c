"""The HTTP side as a person meets it: joining, signing in, set-up, headers and bad input."""

import re

from facilitator.extensions import db
from facilitator.sessions.models import Participant
from facilitator.web import accounts


def test_the_landing_page_takes_a_code_in_any_case_and_with_spaces(client, workshop):
    typed = workshop["code"].lower()[:3] + " " + workshop["code"].lower()[3:]
    response = client.post("/", data={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{workshop['code']}")


def test_a_wrong_code_gets_a_clear_dutch_message(client, workshop):
    response = client.post("/", data={"code": "ZZZZZZ"})
    assert response.status_code == 404
    assert "Er is geen sessie met deze code" in response.get_data(as_text=True)


def test_joining_is_rate_limited_per_client(make_app):
    app = make_app(RATELIMIT_ENABLED=True, JOIN_RATE_LIMIT="5 per minute")
    client = app.test_client()
    statuses = [client.post("/", data={"code": f"AAAAA{i}"}).status_code for i in range(7)]
    assert statuses[:5] == [404] * 5
    assert statuses[5:] == [429, 429]


def test_names_with_html_are_stored_as_text_and_shown_escaped(app, client, workshop, console):
    response = client.post(f"/j/{workshop['code']}", data={"name": "<script>alert(1)</script>"})
    assert response.status_code == 302
    html = console.snapshot()["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_an_over_long_name_is_refused_with_a_message(app, client, workshop):
    response = client.post(f"/j/{workshop['code']}", data={"name": "x" * 41})
    assert response.status_code == 400
    assert "te lang" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Participant).count() == 0


def test_a_returning_phone_is_the_same_participant(app, client, workshop):
    client.post(f"/j/{workshop['code']}", data={"name": "Anna"})
    again = client.get(f"/j/{workshop['code']}")
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/p/{workshop['code']}")
    with app.app_context():
        assert db.session.query(Participant).count() == 1


def test_every_page_has_the_security_headers(client, workshop):
    for path in ["/", f"/j/{workshop['code']}", "/login"]:
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert not re.search(r"<script(?![^>]*\bsrc=)", response.get_data(as_text=True)), \
            f"inline script on {path}"


def test_the_setup_link_creates_the_first_trainer_once(app, client):
    with app.test_request_context():
        token = accounts.setup_token()
    assert client.get(f"/setup/{token}").status_code == 200
    response = client.post(f"/setup/{token}", data={
        "email": "eerste@example.nl", "password": "lang genoeg wachtwoord",
        "password2": "lang genoeg wachtwoord"})
    assert response.status_code == 302
    assert client.get(f"/setup/{token}").status_code == 404
    with app.app_context():
        assert accounts.has_trainer()


def test_a_wrong_password_is_refused_and_the_hash_is_scrypt(app, client, trainer):
    response = client.post("/login", data={"email": "trainer@example.nl", "password": "nope"})
    assert response.status_code == 401
    assert "klopt niet" in response.get_data(as_text=True)
    with app.app_context():
        from facilitator.sessions.models import User

        assert db.session.get(User, trainer).password_hash.startswith("scrypt:")


def test_forms_need_a_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    assert app.test_client().post("/login", data={"email": "a@b.nl", "password": "x"}).status_code == 400


def test_the_console_and_screen_are_for_the_sessions_trainer(app, client, workshop, trainer_client):
    assert client.get(f"/w/{workshop['id']}/console").status_code == 302  # to the login page
    assert client.get(f"/w/{workshop['id']}/screen").status_code == 403
    assert client.get(f"/w/{workshop['id']}/screen?key=wrong").status_code == 403
    opened = client.get(f"/w/{workshop['id']}/screen?key={workshop['screen_key']}")
    assert opened.status_code == 302
    assert client.get(f"/w/{workshop['id']}/screen").status_code == 200
    assert trainer_client.get(f"/w/{workshop['id']}/console").status_code == 200


def test_the_dashboard_creates_a_session_from_a_scenario(trainer_client):
    response = trainer_client.post("/trainer/sessions", data={
        "scenario": "stellingen-veilig-werken", "team": "Team Noord", "named": "1"})
    assert response.status_code == 302
    console = trainer_client.get(response.headers["Location"])
    assert "Stellingen: veilig werken met burgers" in console.get_data(as_text=True)


def test_english_is_available_and_remembered(client):
    english = client.get("/?lang=en")
    assert "Join a session" in english.get_data(as_text=True)
    assert '<html lang="en">' in english.get_data(as_text=True)
    assert "Join a session" in client.get("/").get_data(as_text=True)  # the cookie remembers
    assert "Meedoen aan een sessie" in client.get("/?lang=nl").get_data(as_text=True)


def test_a_late_joiner_lands_on_the_current_step(app, console, phones):
    console.do("start")
    console.do("next")
    (late,) = phones(1)
    assert late.snapshot()["meta"]["step"] == "s2"
    assert late.answer({"choice": "agree"})["ok"]


def test_a_film_clip_plays_on_the_shared_screen_in_a_privacy_friendly_player(make_app):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.web.accounts import add_user

    from .conftest import PASSWORD, Console, login

    app = make_app()
    with app.app_context():
        user = add_user("clip@example.nl", PASSWORD, "trainer")
        clip = {"text": "Deze medewerker grijpt goed in.",
                "clip": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}
        data = {"title": "Film", "activities": [
            {"type": "statements", "config": {"statements": [clip]}}]}
        scenario = scenarios.from_data(data, "film", plugin_host())
        workshop_id = workshops.create(scenario, user).id
    http = app.test_client()
    login(http, "clip@example.nl")
    console = Console(app, http, workshop_id)
    console.do("start")
    html = http.get(f"/w/{workshop_id}/screen").get_data(as_text=True)
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "youtube-nocookie.com" in http.get(f"/w/{workshop_id}/screen").headers["Content-Security-Policy"]
