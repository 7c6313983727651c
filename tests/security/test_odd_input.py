"""Issue 26, item 4: odd ids, deep nesting and strange socket payloads get a 4xx with a message
(or a refusal in the acknowledgement), never a 500; a bad client_id fails no one else's answer."""

from __future__ import annotations

import io
import json

import pytest

from facilitator.extensions import socketio

from ..conftest import Phone

ODD_IDS = ["²", "٣", "1²", "123456789012345678901234567890", "99999999999999999999"]


@pytest.mark.parametrize("odd", ODD_IDS)
@pytest.mark.parametrize("path", ["/w/{}/console", "/w/{}/screen", "/teams/{}",
                                  "/sessions/{}/report", "/sessions/{}/report.md",
                                  "/trainer/library/stored-{}/download", "/teams/{}/export.md"])
def test_odd_ids_in_urls_are_a_404(trainer_client, workshop, path, odd):
    response = trainer_client.get(path.format(odd))
    assert response.status_code == 404, (path, odd, response.status_code)


@pytest.mark.parametrize("odd", ODD_IDS)
def test_odd_ids_in_a_form_post_are_a_4xx(trainer_client, workshop, odd):
    response = trainer_client.post(f"/sessions/{odd}/team", data={"team": "1"})
    assert 400 <= response.status_code < 500
    response = trainer_client.post(f"/sessions/{workshop['id']}/team", data={"team": odd})
    assert response.status_code in (302, 400, 404)


def test_yaml_nested_20000_deep_is_refused_with_a_message(trainer_client):
    deep = "a: " + "[" * 20_000 + "]" * 20_000 + "\n"
    response = trainer_client.post("/trainer/library/upload", data={
        "file": (io.BytesIO(deep.encode()), "diep.yaml")}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "te diep" in response.get_data(as_text=True)


def test_json_nested_100000_deep_is_a_400_in_the_api(app, trainer_client, workshop):
    from facilitator.extensions import db
    from facilitator.sessions.models import User
    from facilitator.teamplan import tokens

    with app.app_context():
        _row, secret = tokens.create(db.session.get(User, 1), "HR", 30, can_write=True)
        db.session.commit()
    body = "[" * 100_000 + "]" * 100_000
    response = app.test_client().post("/api/teams/1/agreements", data=body,
                                      headers={"Authorization": f"Bearer {secret}",
                                               "Content-Type": "application/json"})
    assert response.status_code == 400
    assert "te diep" in response.get_json()["detail"]


@pytest.mark.parametrize("auth", [
    {"role": "console", "workshop": ["1"]}, {"role": "console", "workshop": 10**40},
    {"role": "console", "workshop": "²"}, {"role": "screen", "workshop": 10**40},
    {"role": "screen", "workshop": {"a": 1}}, {"role": "phone", "code": ["X"], "token": 10**40},
    {"role": "phone", "code": 10**40, "token": ["a"]}, {"role": ["phone"]},
])
def test_odd_socket_auth_is_refused_with_a_message(app, trainer_client, workshop, auth):
    client = socketio.test_client(app, flask_test_client=trainer_client, auth=auth)
    assert not client.is_connected()


def test_a_lone_surrogate_client_id_fails_only_its_own_answer(app, console, workshop):
    phones = [Phone(app, workshop["code"]) for _ in range(3)]
    console.do("start")
    bad = phones[0].answer({"choice": "agree"}, client_id="\ud800x", step="s1")
    assert bad["ok"] is False and bad["error"]
    for phone in phones[1:]:
        assert phone.answer({"choice": "agree"}, step="s1")["ok"]
    assert console.snapshot()["meta"]["answered"] == 2
    for odd in ([1, 2], {"a": 1}, "x" * 65, 10**40):
        refused = phones[0].answer({"choice": "agree"}, client_id=odd, step="s1")
        assert refused["ok"] is False, odd
    json.dumps(bad)  # the refusal itself travels
