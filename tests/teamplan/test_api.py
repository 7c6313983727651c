"""The JSON API with personal access tokens, and its OpenAPI document."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from facilitator.extensions import db
from facilitator.sessions.models import Agreement, utcnow
from facilitator.teamplan.models import AccessToken

from ..conftest import login
from .api_contract import CheckingClient
from .conftest import LEAD, SECRET_TEXT


@pytest.fixture(autouse=True)
def checked_answers(app):
    """Every /api/ answer in these tests is checked against the generated OpenAPI document."""
    app.test_client_class = CheckingClient
    CheckingClient.spec = None
    yield
    CheckingClient.spec = None


def _new_token(client, name="HR-systeem", can_write=False) -> str:
    data = {"name": name, "days": "90"}
    if can_write:
        data["can_write"] = "1"
    response = client.post("/account/tokens", data=data)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    return re.search(r"data-new-token>(fac_[\w-]+)<", response.get_data(as_text=True)).group(1)


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def spec(client):
    return client.get("/api/openapi.json").get_json()


def _check(spec, schema_name: str, instance) -> None:
    """Validate an answer against a schema of the OpenAPI document, its $refs resolved in it."""
    registry = Registry().with_resource("urn:api", DRAFT202012.create_resource(spec))
    OAS31Validator({"$ref": f"urn:api#/components/schemas/{schema_name}"},
                   registry=registry).validate(instance)


def test_the_token_is_shown_once_and_only_its_hash_is_stored(app, world, trainer_client):
    token = _new_token(trainer_client)
    assert token not in trainer_client.get("/account/tokens").get_data(as_text=True)
    with app.app_context():
        stored = db.session.query(AccessToken).one()
        assert token not in (stored.token_hash, stored.hint, stored.name)
        assert len(stored.token_hash) == 64 and token.startswith(stored.hint)


def test_a_token_reads_the_team_plan_and_a_revoked_one_no_longer_does(app, world, trainer_client, client,
                                                                    spec):
    token = _new_token(trainer_client)
    teams = client.get("/api/teams", headers=_auth(token))
    assert teams.status_code == 200
    assert {t["name"] for t in teams.get_json()["teams"]} == {"Balie Burgerzaken", "Handhaving"}
    answer = client.get(f"/api/teams/{world['balie']}", headers=_auth(token)).get_json()
    _check(spec, "TeamPlan", answer)
    assert [a["text"] for a in answer["agreements"]][:2] == ["Bij dreiging lopen we met z'n tweeën",
                                                             "Meldformulier korter maken"]
    assert answer["agreements"][0]["overdue"] is True and answer["summary"]["overdue"] == 1
    assert answer["agreements"][0]["session"]["title"] == "Stellingen: veilig werken met burgers"
    with app.app_context():
        token_id = db.session.query(AccessToken).one().id
    trainer_client.post(f"/account/tokens/{token_id}/revoke")
    assert client.get("/api/teams", headers=_auth(token)).status_code == 401


@pytest.mark.parametrize("header", [None, "Bearer fac_nonsense", "Basic dXNlcjpwYXNz", "Bearer "])
def test_without_a_valid_token_the_answer_is_401(world, client, header):
    response = client.get("/api/teams", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.mimetype == "application/problem+json"
    assert response.get_json() == {"type": "about:blank", "title": "Unauthorized", "status": 401,
                                   "code": "unauthorized",
                                   "detail": "Hiervoor is een geldige toegangssleutel nodig."}


def test_the_session_cookie_alone_does_not_open_the_api(world, trainer_client):
    assert trainer_client.get("/api/teams").status_code == 401


def test_an_expired_token_no_longer_works(app, world, trainer_client, client):
    token = _new_token(trainer_client)
    with app.app_context():
        stored = db.session.query(AccessToken).one()
        stored.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get("/api/teams", headers=_auth(token)).status_code == 401


def test_a_team_leads_token_sees_only_the_linked_team(app, world, client):
    lead = app.test_client()
    login(lead, LEAD)
    token = _new_token(lead)
    names = [t["name"] for t in client.get("/api/teams", headers=_auth(token)).get_json()["teams"]]
    assert names == ["Balie Burgerzaken"]
    missing = client.get("/api/teams/9999", headers=_auth(token))
    for url in [f"/api/teams/{world['handhaving']}", f"/api/teams/{world['handhaving']}/agreements",
                f"/api/teams/{world['handhaving']}/agreements/{world['secret']}",
                f"/api/teams/{world['balie']}/agreements/{world['secret']}"]:
        response = client.get(url, headers=_auth(token))
        assert response.status_code == 403, url
        assert response.data == missing.data and SECRET_TEXT.encode() not in response.data


def test_a_read_only_token_cannot_change_anything(world, trainer_client, client):
    token = _new_token(trainer_client)
    response = client.post(f"/api/teams/{world['balie']}/agreements", json={"text": "Nieuw"},
                           headers=_auth(token))
    assert response.status_code == 403
    assert response.get_json()["code"] == "read_only_token"
    assert response.get_json()["detail"] == "Met deze sleutel kun je alleen lezen."


def test_a_write_token_adds_edits_and_orders_agreements(app, world, trainer_client, client, spec):
    token = _new_token(trainer_client, can_write=True)
    base = f"/api/teams/{world['balie']}/agreements"
    created = client.post(base, json={"text": "Om 17.00 uur sluiten we samen af", "kind": "working_agreement",
                                      "due": "2031-02-01", "owner": "Avonddienst"}, headers=_auth(token))
    assert created.status_code == 201
    new = created.get_json()
    _check(spec, "Agreement", new)
    assert (new["place"], new["due"], new["session"]) == (4, "2031-02-01", None)
    patched = client.patch(f"{base}/{new['id']}", json={"status": "done"}, headers=_auth(token))
    assert patched.status_code == 200
    _check(spec, "AgreementWithHistory", patched.get_json())
    assert [h["action"] for h in patched.get_json()["history"]] == ["status", "created"]
    ids = [a["id"] for a in client.get(base, headers=_auth(token)).get_json()["agreements"]]
    ordered = client.put(f"{base}/order", json={"agreement_ids": list(reversed(ids))}, headers=_auth(token))
    assert ordered.status_code == 200
    open_first = [a["text"] for a in ordered.get_json()["agreements"]]
    assert open_first[:3] == ["Wie belt de wijkagent?", "Meldformulier korter maken",
                              "Bij dreiging lopen we met z'n tweeën"]
    assert open_first[3] == "Om 17.00 uur sluiten we samen af"  # done comes after the open work
    only_done = client.get(f"{base}?status=done", headers=_auth(token)).get_json()["agreements"]
    assert [a["id"] for a in only_done] == [new["id"]]


@pytest.mark.parametrize("body, message", [
    ({"text": ""}, "De afspraak is leeg."),
    ({"text": "Goed", "due": "morgen"}, "Wanneer: geef een datum zoals 2026-03-01."),
    ({"text": "Goed", "colour": "rood"}, "Onbekende velden: colour"),
    (["geen", "object"], "Stuur een JSON-object."),
])
def test_bad_input_to_the_api_is_refused_with_422(app, world, trainer_client, client, body, message):
    token = _new_token(trainer_client, can_write=True)
    url = f"/api/teams/{world['balie']}/agreements/{world['agreements'][0]}"
    response = client.patch(url, json=body, headers=_auth(token))
    assert response.status_code == 422
    assert response.get_json()["detail"] == message and response.get_json()["code"] == "invalid_input"
    with app.app_context():
        unchanged = db.session.get(Agreement, world["agreements"][0])
        assert unchanged.text == "Bij dreiging lopen we met z'n tweeën"


def test_the_session_report_in_the_api_matches_its_schema(world, trainer_client, client, spec):
    token = _new_token(trainer_client)
    report = client.get(f"/api/sessions/{world['session']}/report", headers=_auth(token)).get_json()
    _check(spec, "SessionReport", report)
    assert report["sections"][-1]["title"] == "Afspraken uit deze sessie"


def test_the_openapi_document_is_valid_and_describes_every_api_route(app, spec):
    validate(spec)
    documented = {(path, method.upper()) for path, item in spec["paths"].items() for method in item}
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and rule.endpoint != "api.unknown":
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            routed |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed


def test_the_api_needs_no_csrf_token_but_the_pages_do(make_app, world):
    app = make_app(WTF_CSRF_ENABLED=True)
    pages = app.test_client()
    login_page = pages.post("/login", data={"email": "trainer@example.nl", "password": "x"})
    assert login_page.status_code == 400  # the form without its CSRF token is refused
    with app.app_context():
        from facilitator.sessions.models import User
        from facilitator.teamplan import tokens

        user = db.session.query(User).filter_by(email="trainer@example.nl").one()
        _token, secret = tokens.create(user, "Koppeling", 30, can_write=True)
        db.session.commit()
    response = pages.post(f"/api/teams/{world['balie']}/agreements", json={"text": "Via de API"},
                          headers=_auth(secret))
    assert response.status_code == 201
