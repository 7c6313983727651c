"""What the team plan adds to the stored world: who leads which team, the plan's goals and
evaluation moment, the history of every agreement, and personal access tokens for the API.

They import ``facilitator.sessions.models`` (never the other way round); ``facilitator.database`` imports
both, so that the app and Alembic see these tables.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..sessions.models import Team, User, utcnow


class TeamLead(db.Model):
    """A team-lead account linked to a team: it sees that team's plan and nothing else."""

    __tablename__ = "team_leads"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)

    user: Mapped[User] = relationship()


class TeamPlan(db.Model):
    """The parts of a team plan that are not agreements: its goals and evaluation moment."""

    __tablename__ = "team_plans"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    goals: Mapped[str] = mapped_column(Text, default="")  # one goal per line
    evaluation_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship()

    @property
    def goal_list(self) -> list[str]:
        return [line.strip() for line in self.goals.splitlines() if line.strip()]


class AgreementChange(db.Model):
    """One entry in an agreement's history: who changed what, when, and from what to what.

    ``changes`` maps a field to ``[before, after]`` (dates as ISO text); ``action`` is one of
    created, edited, status, moved, merged, reviewed.
    """

    __tablename__ = "agreement_changes"
    __table_args__ = (Index("ix_agreement_changes_agreement", "agreement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(254))  # who, as shown, even after the account is gone
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AccessToken(db.Model):
    """A personal access token for the JSON API. Only a hash of the token is stored."""

    __tablename__ = "access_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(12))  # the first characters, to recognise it by
    can_write: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
