"""Who sees which team plan.

Trainers work with every team of this installation (one organisation's training staff). A team
lead sees only the teams the account is linked to; for any other team, existing or not, the answer
is the same 403, so that asking teaches nothing. A session is visible to its own trainer and to
whoever sees its team.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from ..extensions import db
from ..sessions.models import Agreement, Team, User, Workshop
from .models import TeamLead

TRAINER = "trainer"


def teams_of(user: User) -> list[Team]:
    query = select(Team).order_by(Team.name)
    if user.role != TRAINER:
        query = query.join(TeamLead, TeamLead.team_id == Team.id).where(TeamLead.user_id == user.id)
    return list(db.session.scalars(query))


def can_see_team(user: User, team: Team | None) -> bool:
    if team is None:
        return False
    if user.role == TRAINER:
        return True
    return db.session.get(TeamLead, (team.id, user.id)) is not None


def can_see_workshop(user: User, workshop: Workshop | None) -> bool:
    if workshop is None:
        return False
    return workshop.trainer_id == user.id or can_see_team(user, workshop.team)


def refuse(user: User):
    """Stop the request: 404 for a trainer (who sees every team), the same 403 for anyone else."""
    abort(404 if user.role == TRAINER else 403)


def team_for(user: User, team_id: int) -> Team:
    team = db.session.get(Team, team_id)
    if not can_see_team(user, team):
        refuse(user)
    return team


def agreement_for(user: User, team: Team, agreement_id: int, withdrawn: bool = False) -> Agreement:
    """An agreement of a team the user sees; an id from any other team is refused alike, and so is
    a withdrawn one unless ``withdrawn`` asks for it."""
    agreement = db.session.get(Agreement, agreement_id)
    if (agreement is None or agreement.team_id != team.id
            or (agreement.withdrawn_at is not None and not withdrawn)):
        refuse(user)
    return agreement


def workshop_for(user: User, workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id)
    if not can_see_workshop(user, workshop):
        refuse(user)
    return workshop
