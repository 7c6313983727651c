"""Fixtures for the team plan: two teams, a team lead for each, agreements from a real session."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import Agreement, User
from facilitator.teamplan import plan, teams
from facilitator.web.accounts import add_user

from ..conftest import PASSWORD, login

LEAD = "lead@balie.nl"
OTHER_LEAD = "lead@handhaving.nl"
SECRET_TEXT = "Geheime afspraak van Handhaving over de nachtdienst"


@pytest.fixture
def world(app, trainer):
    """Team "Balie Burgerzaken" with a session and three agreements; team "Handhaving" with one."""
    with app.app_context():
        user = db.session.get(User, trainer)
        lead = add_user(LEAD, PASSWORD, "teamlead")
        other_lead = add_user(OTHER_LEAD, PASSWORD, "teamlead")
        scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
        session = workshops.create(scenario, user, team_name="Balie Burgerzaken")
        balie = session.team
        balie.unit = "Publiekszaken"
        rows = [
            Agreement(team_id=balie.id, workshop_id=session.id, text="Bij dreiging lopen we met z'n tweeën",
                      owner="Iedereen", due=_day(-10)),
            Agreement(team_id=balie.id, workshop_id=session.id, text="Meldformulier korter maken",
                      kind="action", owner="Teamleider", due=_day(30), outside_help="Arbodienst"),
            Agreement(team_id=balie.id, workshop_id=session.id, text="Wie belt de wijkagent?",
                      kind="open_point"),
        ]
        db.session.add_all(rows)
        handhaving = teams.create("Handhaving", "Veiligheid")
        db.session.flush()
        secret = plan.add(handhaving, {"text": SECRET_TEXT}, user)
        teams.link_lead(balie, LEAD)
        teams.link_lead(handhaving, OTHER_LEAD)
        db.session.commit()
        return {"balie": balie.id, "handhaving": handhaving.id, "session": session.id,
                "agreements": [r.id for r in rows], "secret": secret.id, "lead": lead.id,
                "other_lead": other_lead.id, "trainer": trainer}


def _day(offset: int):
    from datetime import datetime

    return datetime.combine(date.today() + timedelta(days=offset), datetime.min.time())


@pytest.fixture
def lead_client(app, world):
    client = app.test_client()
    assert login(client, LEAD).status_code == 302
    return client
