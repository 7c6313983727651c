"""Teams: their name and organisation unit, and the team-lead accounts linked to them."""

from __future__ import annotations

from sqlalchemy import func, select

from ..contract.text import clean
from ..contract.workform import InputRejected
from ..extensions import db
from ..i18n import _
from ..sessions.models import Agreement, Team, User, Workshop
from .models import TeamLead


def _fields(name, unit) -> tuple[str, str | None]:
    return (clean(name, limit=120, label=_("Team name")),
            clean(unit, limit=200, required=False, label=_("Organisation unit")) or None)


def _name_free(name: str, team: Team | None = None) -> None:
    other = db.session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))
    if other is not None and other is not team:
        raise InputRejected(_("There is already a team with this name."))


def create(name, unit) -> Team:
    name, unit = _fields(name, unit)
    _name_free(name)
    team = Team(name=name, unit=unit)
    db.session.add(team)
    db.session.flush()
    return team


def edit(team: Team, name, unit) -> None:
    name, unit = _fields(name, unit)
    _name_free(name, team)
    team.name, team.unit = name, unit


def leads(team: Team) -> list[User]:
    return list(db.session.scalars(select(User).join(TeamLead, TeamLead.user_id == User.id)
                                   .where(TeamLead.team_id == team.id).order_by(User.email)))


def link_lead(team: Team, email) -> User:
    email = clean(email, limit=254, label=_("The e-mail address")).lower()
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or user.role != "teamlead":
        raise InputRejected(_("There is no team-lead account with this e-mail address. Create one "
                              "with: facilitator user add %(email)s --role teamlead", email=email))
    if db.session.get(TeamLead, (team.id, user.id)) is None:
        db.session.add(TeamLead(team_id=team.id, user_id=user.id))
    return user


def unlink_lead(team: Team, user_id: int) -> None:
    if (link := db.session.get(TeamLead, (team.id, user_id))) is not None:
        db.session.delete(link)


def sessions(team: Team) -> list[Workshop]:
    return list(db.session.scalars(select(Workshop).where(Workshop.team_id == team.id)
                                   .order_by(Workshop.created_at)))


def overview(teams: list[Team]) -> dict[int, dict[str, int]]:
    """Per team: its number of sessions and of open agreements, for the list of teams."""
    ids = [t.id for t in teams]
    session_counts = dict(db.session.execute(
        select(Workshop.team_id, func.count(Workshop.id)).where(Workshop.team_id.in_(ids))
        .group_by(Workshop.team_id)).all())
    open_counts = dict(db.session.execute(
        select(Agreement.team_id, func.count(Agreement.id))
        .where(Agreement.team_id.in_(ids), Agreement.status.in_(("open", "in_progress")),
               Agreement.withdrawn_at.is_(None))
        .group_by(Agreement.team_id)).all())
    return {i: {"sessions": session_counts.get(i, 0), "open": open_counts.get(i, 0)} for i in ids}


def link_session(workshop: Workshop, team: Team) -> None:
    """Put a session that was run without a team, and its agreements, in this team's plan."""
    if workshop.team_id not in (None, team.id):
        raise InputRejected(_("This session already belongs to another team."))
    workshop.team_id = team.id
    for agreement in db.session.scalars(select(Agreement).where(
            Agreement.workshop_id == workshop.id, Agreement.team_id.is_(None))):
        agreement.team_id = team.id
