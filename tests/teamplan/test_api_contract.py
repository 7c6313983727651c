"""What an integrator builds on: pages, versions (ETag / If-Match), changes since, withdrawing,
problems with a stable code in the caller's language, ISO times with offset, numbers as numbers.
Every answer is checked against the generated OpenAPI document (see api_contract.py)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from facilitator.extensions import db
from facilitator.sessions.models import Agreement, Team, User
from facilitator.teamplan import plan

from .api_contract import CheckingClient
from .test_api import _auth, _new_token


@pytest.fixture(autouse=True)
def checked_answers(app):
    app.test_client_class = CheckingClient
    CheckingClient.spec = None
    yield
    CheckingClient.spec = None


@pytest.fixture
def writer(world, trainer_client):
    return _new_token(trainer_client, can_write=True)


@pytest.fixture
def many(app, world):
    """The team "Balie Burgerzaken" with 12 agreements in all."""
    with app.app_context():
        team = db.session.get(Team, world["balie"])
        user = db.session.get(User, world["trainer"])
        for i in range(9):
            plan.add(team, {"text": f"Afspraak {i + 4}"}, user)
        db.session.commit()
    return world


def test_lists_come_in_pages_with_links(many, writer, client):
    base = f"/api/teams/{many['balie']}/agreements"
    first = client.get(f"{base}?per_page=5", headers=_auth(writer))
    body = first.get_json()
    assert (body["page"], body["per_page"], body["total"], len(body["agreements"])) == (1, 5, 12, 5)
    assert body["links"]["prev"] is None and body["links"]["next"].endswith(f"{base}?per_page=5&page=2")
    assert body["links"]["last"].endswith("page=3")
    assert 'rel="next"' in first.headers["Link"] and 'rel="last"' in first.headers["Link"]
    last = client.get(body["links"]["last"], headers=_auth(writer)).get_json()
    assert len(last["agreements"]) == 2 and last["links"]["next"] is None
    assert [a["place"] for a in last["agreements"]] == [11, 12]
    teams = client.get("/api/teams?per_page=1&page=2", headers=_auth(writer)).get_json()
    assert [t["name"] for t in teams["teams"]] == ["Handhaving"] and teams["total"] == 2
    for bad in ("page=0", "per_page=500", "page=x"):
        refused = client.get(f"{base}?{bad}", headers=_auth(writer))
        assert refused.status_code == 422 and refused.get_json()["code"] == "invalid_parameter"


def test_a_stale_write_is_refused_with_412(world, writer, client):
    url = f"/api/teams/{world['balie']}/agreements/{world['agreements'][1]}"
    read = client.get(url, headers=_auth(writer))
    tag = read.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)
    first = client.patch(url, json={"owner": "Anouk"}, headers={**_auth(writer), "If-Match": tag})
    assert first.status_code == 200 and first.headers["ETag"] != tag
    stale = client.patch(url, json={"owner": "Bram"}, headers={**_auth(writer), "If-Match": tag})
    assert stale.status_code == 412
    assert stale.get_json()["code"] == "precondition_failed"
    assert stale.headers["ETag"] == first.headers["ETag"]
    assert client.get(url, headers=_auth(writer)).get_json()["owner"] == "Anouk"
    fresh = client.patch(url, json={"owner": "Bram"},
                         headers={**_auth(writer), "If-Match": first.headers["ETag"]})
    assert fresh.status_code == 200 and fresh.get_json()["owner"] == "Bram"


def test_updated_since_gives_what_changed_withdrawn_included(app, world, writer, client):
    base = f"/api/teams/{world['balie']}/agreements"
    with app.app_context():
        for agreement in db.session.query(Agreement).all():
            agreement.updated_at = datetime(2026, 1, 1, 9, 0)
        db.session.commit()
    mark = datetime.now(UTC) - timedelta(seconds=5)
    changed, gone = world["agreements"][0], world["agreements"][1]
    client.patch(f"{base}/{changed}", json={"status": "done"}, headers=_auth(writer))
    deleted = client.delete(f"{base}/{gone}", headers=_auth(writer))
    assert deleted.status_code == 204 and deleted.data == b""
    since = client.get(base, query_string={"updated_since": mark.isoformat()}, headers=_auth(writer))
    found = {a["id"]: a for a in since.get_json()["agreements"]}
    assert set(found) == {changed, gone}
    assert found[gone]["withdrawn"] is True and found[gone]["place"] is None
    assert found[changed]["status"] == "done" and found[changed]["withdrawn"] is False
    everything = client.get(base, headers=_auth(writer)).get_json()["agreements"]
    assert gone not in {a["id"] for a in everything}  # out of the plan ...
    with app.app_context():
        history = plan.history(db.session.get(Agreement, gone))  # ... its history kept
        assert history[0].action == "withdrawn"
    naive = client.get(base, query_string={"updated_since": "2026-01-01T09:00:00"}, headers=_auth(writer))
    assert naive.status_code == 422 and naive.get_json()["code"] == "invalid_parameter"
    assert client.get(f"{base}/{gone}", headers=_auth(writer)).status_code == 404


def test_delete_checks_if_match_too(world, writer, client):
    url = f"/api/teams/{world['balie']}/agreements/{world['agreements'][2]}"
    stale = client.delete(url, headers={**_auth(writer), "If-Match": '"0000"'})
    assert stale.status_code == 412
    tag = client.get(url, headers=_auth(writer)).headers["ETag"]
    assert client.delete(url, headers={**_auth(writer), "If-Match": tag}).status_code == 204


def test_problems_follow_accept_language(world, writer, client):
    url = f"/api/teams/{world['balie']}/agreements/{world['agreements'][0]}"
    dutch = client.patch(url, json={"text": ""}, headers=_auth(writer))
    english = client.patch(url, json={"text": ""}, headers={**_auth(writer), "Accept-Language": "en-GB,en"})
    assert dutch.get_json()["detail"] == "De afspraak is leeg."
    assert english.get_json()["detail"] == "The agreement is empty."
    assert dutch.get_json()["code"] == english.get_json()["code"] == "invalid_input"
    assert english.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/api/nothing-here", 404), ("GET", "/api/", 404), ("POST", "/api/teams/1/x/y", 404),
    ("DELETE", "/api/teams", 405), ("POST", "/api/teams/{balie}", 405),
    ("PUT", "/api/teams/{balie}/agreements/1", 405),
])
def test_unknown_paths_and_methods_answer_json(world, writer, client, method, path, status):
    response = client.open(path.format(balie=world["balie"]), method=method, headers=_auth(writer))
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == ("not_found" if status == 404 else "method_not_allowed")
    if status == 405:
        assert "GET" in response.headers["Allow"]


def test_times_carry_their_offset(world, writer, client):
    url = f"/api/teams/{world['balie']}/agreements/{world['agreements'][0]}"
    found = client.patch(url, json={"owner": "Anouk"}, headers=_auth(writer)).get_json()
    for moment in (found["created_at"], found["updated_at"], found["history"][0]["at"]):
        assert datetime.fromisoformat(moment).tzinfo is not None, moment


def test_the_session_report_gives_numbers_as_numbers(app, world, trainer_client, writer, client):
    from facilitator.exports import ReportSection, ReportTable, SessionReport
    from facilitator.teamplan import documents

    def fake(workshop):
        return SessionReport("S", None, "t", "Balie", 3, [ReportSection(
            "Stellingen", "Stellingen", "anonymous", [],
            [ReportTable("", ["Stelling", "Eens", "Oneens", "Beleid"],
                         [["Schelden hoort erbij", "3", "1", "75%"], ["Punten", "7½", "2,5", "—"]])])])

    original = documents.session_report
    documents.session_report = fake
    try:
        report = client.get(f"/api/sessions/{world['session']}/report", headers=_auth(writer)).get_json()
    finally:
        documents.session_report = original
    assert report["sections"][0]["tables"][0]["rows"] == [["Schelden hoort erbij", 3, 1, 75],
                                                          ["Punten", 7.5, 2.5, "—"]]
