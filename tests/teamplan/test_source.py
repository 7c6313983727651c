"""Where an agreement came from: "session title, date — activity title", on the plan page, the
agreement page, in the API and in the exported register."""

from __future__ import annotations

import csv
import io

import pytest

from facilitator.clock import local_day
from facilitator.extensions import db
from facilitator.sessions.models import Activity, Agreement, Workshop

from .test_api import _auth, _check, _new_token


@pytest.fixture
def sourced(app, world):
    """The first agreement of the world was made at the session's first activity."""
    with app.app_context():
        workshop = db.session.get(Workshop, world["session"])
        activity = db.session.query(Activity).filter_by(workshop_id=workshop.id, position=0).one()
        agreement = db.session.get(Agreement, world["agreements"][0])
        agreement.activity_id, agreement.step_key = activity.id, "s1"
        db.session.commit()
        # the day where the training was held: after 23:00 UTC it is tomorrow in Amsterdam
        day = local_day(workshop.started_at or workshop.created_at).strftime("%d-%m-%Y")
        return {**world, "activity": activity.id, "activity_title": activity.title,
                "label": f"{workshop.title}, {day} — {activity.title}",
                "without": f"{workshop.title}, {day}"}


def test_the_plan_and_the_agreement_page_name_the_session_and_the_activity(sourced, trainer_client):
    page = trainer_client.get(f"/teams/{sourced['balie']}").get_data(as_text=True)
    assert f"<span data-source>uit {sourced['label']}</span>" in page
    assert f"<span data-source>uit {sourced['without']}</span>" in page  # activity not known
    first, second = sourced["agreements"][:2]
    detail = trainer_client.get(f"/teams/{sourced['balie']}/agreements/{first}").get_data(as_text=True)
    assert f"bij “{sourced['activity_title']}”." in detail
    other = trainer_client.get(f"/teams/{sourced['balie']}/agreements/{second}").get_data(as_text=True)
    assert "Afgesproken in de sessie" in other and "bij “" not in other


def test_the_api_gives_the_activity_of_an_agreement(sourced, trainer_client, client):
    spec = client.get("/api/openapi.json").get_json()
    token = _new_token(trainer_client)
    plan = client.get(f"/api/teams/{sourced['balie']}", headers=_auth(token)).get_json()
    _check(spec, "TeamPlan", plan)
    by_id = {a["id"]: a for a in plan["agreements"]}
    first, second = sourced["agreements"][:2]
    assert by_id[first]["activity"] == {"id": sourced["activity"], "title": sourced["activity_title"],
                                        "type": "statements", "step": "s1"}
    assert by_id[second]["activity"] is None
    one = client.get(f"/api/teams/{sourced['balie']}/agreements/{first}", headers=_auth(token)).get_json()
    _check(spec, "AgreementWithHistory", one)
    assert one["activity"]["title"] == sourced["activity_title"]


def test_the_exported_register_names_the_session_and_the_activity(sourced, lead_client):
    data = lead_client.get(f"/teams/{sourced['balie']}/export.csv").data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Bron"
    sources = {row[2]: row[-1] for row in rows[1:]}
    assert sources["Bij dreiging lopen we met z'n tweeën"] == sourced["label"]
    assert sources["Meldformulier korter maken"] == sourced["without"]
