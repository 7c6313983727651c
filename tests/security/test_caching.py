"""Issue 26, item 8: private pages and API answers are never kept by a browser or a proxy
(``Cache-Control: no-store``); the remember-me cookie lasts FACILITATOR_REMEMBER_DAYS (30)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from facilitator.extensions import db
from facilitator.sessions.models import User, Workshop
from facilitator.teamplan import tokens

from ..conftest import PASSWORD


def test_private_pages_and_api_answers_are_not_stored(app, trainer_client, workshop):
    with app.app_context():
        team_id = db.session.get(Workshop, workshop["id"]).team_id
        _row, secret = tokens.create(db.session.get(User, 1), "HR", 30)
        db.session.commit()
    for path in (f"/w/{workshop['id']}/console", f"/teams/{team_id}", "/teams", "/trainer",
                 f"/sessions/{workshop['id']}/report", f"/sessions/{workshop['id']}/report.md",
                 f"/teams/{team_id}/export.csv", "/account/tokens", "/trainer/library"):
        response = trainer_client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers.get("Cache-Control", ""), path
    for path in ("/api/teams", f"/api/teams/{team_id}", f"/api/sessions/{workshop['id']}/report"):
        response = app.test_client().get(path, headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 200
        assert "no-store" in response.headers.get("Cache-Control", ""), path
    join = app.test_client().get(f"/j/{workshop['code']}")
    assert "no-store" in join.headers.get("Cache-Control", "")  # it carries a form token
    static = app.test_client().get("/static/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")


def _remember_expiry(client) -> datetime:
    response = client.post("/login", data={"email": "trainer@example.nl", "password": PASSWORD,
                                           "remember": "1"})
    assert response.status_code == 302
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    return parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))


def test_the_remember_me_cookie_lasts_30_days_by_default(app, trainer):
    left = _remember_expiry(app.test_client()) - datetime.now(UTC)
    assert timedelta(days=29) < left <= timedelta(days=30, minutes=1)


def test_the_remember_me_duration_is_a_setting(make_app, monkeypatch):
    from facilitator.web.accounts import add_user

    monkeypatch.setenv("FACILITATOR_REMEMBER_DAYS", "7")
    app = make_app()
    with app.app_context():
        add_user("trainer@example.nl", PASSWORD, "trainer")
    left = _remember_expiry(app.test_client()) - datetime.now(UTC)
    assert timedelta(days=6) < left <= timedelta(days=7, minutes=1)
