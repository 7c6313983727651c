"""A team lead sees only the linked teams: every way to another team answers the same 403."""

import re

import pytest

from .conftest import SECRET_TEXT


def _other_team_urls(world):
    other, secret, own = world["handhaving"], world["secret"], world["balie"]
    gets = [f"/teams/{other}", f"/teams/{other}/edit", f"/teams/{other}/agreements/{secret}",
            f"/teams/{other}/merge?ids={secret}&ids={world['agreements'][0]}",
            f"/teams/{own}/agreements/{secret}",  # another team's agreement under one's own team
            *[f"/teams/{other}/export.{fmt}" for fmt in ("docx", "pdf", "xlsx", "csv", "md")]]
    posts = [(f"/teams/{other}/agreements", {"text": "binnengedrongen"}),
             (f"/teams/{other}/agreements/{secret}", {"text": "overschreven", "status": "done"}),
             (f"/teams/{other}/agreements/{secret}/status", {"status": "dropped"}),
             (f"/teams/{other}/agreements/{secret}/move", {"direction": "up"}),
             (f"/teams/{other}/agreements/{secret}/withdraw", {"note": "weg ermee"}),
             (f"/teams/{other}/details", {"goals": "overschreven"}),
             (f"/teams/{own}/merge", {"ids": [str(world["agreements"][0]), str(secret)],
                                      "text": "samengevoegd"})]
    return gets, posts


def _page(response) -> bytes:
    """The page without its sign-out form's CSRF token, which carries the second it was signed."""
    return re.sub(rb'name="csrf_token" value="[^"]*"', b"", response.data)


def test_a_team_lead_gets_403_and_learns_nothing_of_another_team(app, world, lead_client):
    gets, posts = _other_team_urls(world)
    nonexistent = lead_client.get("/teams/9999")
    assert nonexistent.status_code == 403
    for url in gets:
        response = lead_client.get(url)
        assert response.status_code == 403, url
        assert _page(response) == _page(nonexistent), f"{url} says more than a missing team does"
        assert b"Handhaving" not in response.data and SECRET_TEXT.encode() not in response.data
    for url, data in posts:
        assert lead_client.post(url, data=data).status_code == 403, url

    from facilitator.extensions import db
    from facilitator.sessions.models import Agreement

    with app.app_context():
        secret = db.session.get(Agreement, world["secret"])
        assert (secret.text, secret.status) == (SECRET_TEXT, "open")
        assert db.session.get(Agreement, world["agreements"][0]) is not None


def test_a_team_lead_lists_and_opens_only_the_linked_team(world, lead_client):
    listing = lead_client.get("/teams").get_data(as_text=True)
    assert "Balie Burgerzaken" in listing and "Handhaving" not in listing
    page = lead_client.get(f"/teams/{world['balie']}")
    assert page.status_code == 200
    assert "Meldformulier korter maken" in page.get_data(as_text=True)
    report = lead_client.get(f"/sessions/{world['session']}/report")
    assert report.status_code == 200


def test_a_team_lead_cannot_manage_teams_or_run_sessions(world, lead_client):
    assert lead_client.post("/teams", data={"name": "Eigen team"}).status_code == 403
    assert lead_client.get(f"/teams/{world['balie']}/edit").status_code == 403
    assert lead_client.post(f"/teams/{world['balie']}/leads",
                            data={"email": "x@y.nl"}).status_code == 403
    assert lead_client.get("/trainer").status_code == 403


def test_a_team_lead_lands_on_the_team_plans_after_signing_in(app, world):
    from ..conftest import login
    from .conftest import LEAD

    client = app.test_client()
    assert login(client, LEAD).location.endswith("/teams")


@pytest.mark.parametrize("path", ["/teams", "/teams/1", "/account/tokens"])
def test_pages_need_a_signed_in_account(client, path):
    assert client.get(path).status_code == 302


def test_unlinking_a_lead_closes_the_plan_for_them(world, trainer_client, lead_client):
    balie = world["balie"]
    assert lead_client.get(f"/teams/{balie}").status_code == 200
    trainer_client.post(f"/teams/{balie}/leads/{world['lead']}/remove")
    assert lead_client.get(f"/teams/{balie}").status_code == 403
    assert lead_client.get(f"/sessions/{world['session']}/report").status_code == 403


def test_a_trainer_sees_every_team_and_gets_404_for_a_missing_one(world, trainer_client):
    listing = trainer_client.get("/teams").get_data(as_text=True)
    assert "Balie Burgerzaken" in listing and "Handhaving" in listing
    assert trainer_client.get("/teams/9999").status_code == 404


def test_linking_needs_an_existing_team_lead_account(world, trainer_client):
    response = trainer_client.post(f"/teams/{world['balie']}/leads",
                                   data={"email": "trainer@example.nl"}, follow_redirects=True)
    assert "Er is geen teamleidersaccount met dit e-mailadres" in response.get_data(as_text=True)
