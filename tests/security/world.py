"""A small installation with one of every kind of person in it, built once and copied per test.

Two trainers, each with a running session for their own team; a participant in each session; a
team lead for each team. Each person's cookies and API token are kept, so that a test can act as
any of them against a fresh copy of the database (a route that deletes cannot spoil the next).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from facilitator import create_app
from facilitator.contract.plugins import plugin_host
from facilitator.database import upgrade
from facilitator.extensions import db, socketio
from facilitator.library import store as library
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import Agreement, Team, User
from facilitator.teamplan import tokens
from facilitator.teamplan.models import TeamLead
from facilitator.web.accounts import add_user

from ..conftest import PASSWORD, _config

SCENARIO = "stellingen-veilig-werken"
#: Everyone the authorisation matrix acts as.
ROLES = ("anonymous", "participant", "other_participant", "trainer", "other_trainer", "lead",
         "other_lead")
ACCOUNTS = {"trainer": ("trainer@example.nl", "trainer"),
            "other_trainer": ("ander@example.nl", "trainer"),
            "lead": ("lead@example.nl", "teamlead"),
            "other_lead": ("andere-lead@example.nl", "teamlead")}


@dataclass
class World:
    folder: Path
    ids: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)  # role -> {name: value}
    bearer: dict = field(default_factory=dict)  # role -> API token

    def app(self, folder: Path, **config):
        """A new app on a fresh copy of this world's database."""
        shutil.copy(self.folder / "world.sqlite", folder / "world.sqlite")
        app = create_app(_config(folder, SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'world.sqlite'}",
                                 **config))
        return app

    def client(self, app, role: str):
        client = app.test_client()
        for name, value in self.cookies.get(role, {}).items():
            client.set_cookie(name, value)
        return client

    def socket(self, app, role: str, auth: dict):
        return socketio.test_client(app, flask_test_client=self.client(app, role), auth=auth)


def _measured_twice(trainer, team_name: str) -> None:
    """A 0- and a 1-measurement of the team, ended and above the minimum: the team plan then offers
    their comparison as a document (``reports.team_document_export``, key ``meting-veilig-werken``)."""
    question = ["0.0", "Weet je waar en hoe je een incident meldt?"]
    for number, (name, respondents, counts) in enumerate(
            (("nulmeting", 20, [12, 8]), ("eenmeting", 18, [17, 1]))):
        session = workshops.create(scenarios.builtin(plugin_host())[f"meting-veilig-werken-{name}"],
                                   trainer, team_name=team_name)
        session.status = "ended"
        session.started_at = datetime.now(UTC) - timedelta(days=200 - 150 * number)
        session.activities[0].state = {"tally": {
            "measurement": {"id": "veilig-werken", "phase": str(number), "minimum": 15},
            "respondents": respondents, "scale": ["ja", "nee"], "rows": [[*question, counts]],
            "options": {"0.0": ["ja", "nee"]}}}


def build(folder: Path) -> World:
    world = World(folder)
    app = create_app(_config(folder, SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'world.sqlite'}"))
    upgrade(app)
    with app.app_context():
        users = {role: add_user(email, PASSWORD, kind) for role, (email, kind) in ACCOUNTS.items()}
        scenario = scenarios.builtin(plugin_host())[SCENARIO]
        mine = workshops.create(scenario, users["trainer"], team_name="Team Noord")
        theirs = workshops.create(scenario, users["other_trainer"], team_name="Team Zuid")
        for workshop in (mine, theirs):
            workshops.control(workshop.id, "start", {})
        team = db.session.scalar(select(Team).where(Team.name == "Team Noord"))
        other_team = db.session.scalar(select(Team).where(Team.name == "Team Zuid"))
        db.session.add_all([TeamLead(team_id=team.id, user_id=users["lead"].id),
                            TeamLead(team_id=other_team.id, user_id=users["other_lead"].id)])
        agreement = Agreement(team_id=team.id, workshop_id=mine.id, text="We melden elk incident.")
        db.session.add(agreement)
        _measured_twice(users["trainer"], "Team Noord")
        for role, user in users.items():
            _token, world.bearer[role] = tokens.create(user, "matrix", 30, can_write=True)
        db.session.commit()
        stored = library.create(scenario, users["trainer"])
        world.ids = {
            "workshop": mine.id, "code": mine.code, "screen_key": mine.screen_key,
            "other_workshop": theirs.id, "other_code": theirs.code,
            "team": team.id, "other_team": other_team.id, "agreement": agreement.id,
            "lead_user": users["lead"].id, "stored": stored.id, "stored_key": stored.key,
            "token": _token_id(users["trainer"]),
            "users": {role: user.id for role, user in users.items()},
        }
    for role, (email, _kind) in ACCOUNTS.items():
        client = app.test_client()
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        world.cookies[role] = _cookies(client)
    for role, code in (("participant", world.ids["code"]), ("other_participant", world.ids["other_code"])):
        client = app.test_client()
        assert client.post(f"/j/{code}", data={"name": ""}).status_code == 302
        world.cookies[role] = _cookies(client)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # the write-ahead log goes into the file, which can now be copied
    return world


def _token_id(user: User) -> int:
    return tokens.tokens_of(user)[0].id


def _cookies(client) -> dict:
    return {cookie.key: cookie.value for cookie in client._cookies.values()}
