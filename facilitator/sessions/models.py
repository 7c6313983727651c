"""The stored world of a training: trainers, teams, workshops and what participants contribute.

A *workshop* is one live run of a scenario (what the user interface calls a session; the word
``Session`` is left to Flask and SQLAlchemy). It holds activities, one per work form in the
scenario, and each activity has steps that the trainer opens, reveals and closes. Participants
contribute *entries*; an entry of an anonymous step carries no link to its participant.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (``clock``)."""
    return datetime.now(UTC)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # trainer | teamlead
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    display_name: Mapped[str | None] = mapped_column(String(120))  # shown instead of the e-mail
    disabled: Mapped[bool] = mapped_column(default=False)  # cannot sign in; signed out everywhere

    @property
    def is_active(self) -> bool:  # Flask-Login: a disabled account is signed out
        return not self.disabled

    @property
    def shown_name(self) -> str:
        """The name people see in the plan, the exports and on the console."""
        return self.display_name or self.email


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    unit: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Workshop(db.Model):
    __tablename__ = "workshops"
    __table_args__ = (Index("ix_workshops_trainer", "trainer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    screen_key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    scenario_id: Mapped[str] = mapped_column(String(200))
    trainer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    named: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    status: Mapped[str] = mapped_column(String(12), default="waiting")  # waiting|running|ended
    position: Mapped[int] = mapped_column(default=0)  # index into the flat list of steps
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]

    trainer: Mapped[User] = relationship()
    team: Mapped[Team | None] = relationship()
    activities: Mapped[list[Activity]] = relationship(
        back_populates="workshop", order_by="Activity.position", cascade="all, delete-orphan"
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan"
    )


class Activity(db.Model):
    """One work form in a workshop, with its validated configuration and its own state."""

    __tablename__ = "activities"
    # every answer reads its session's steps in order: by index, however many sessions are held
    __table_args__ = (Index("ix_activities_workshop", "workshop_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    position: Mapped[int]
    type: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    config: Mapped[dict] = mapped_column(JSON)
    state: Mapped[dict] = mapped_column(JSON, default=dict)

    workshop: Mapped[Workshop] = relationship(back_populates="activities")
    steps: Mapped[list[StepState]] = relationship(
        back_populates="activity", order_by="StepState.position", cascade="all, delete-orphan"
    )


class StepState(db.Model):
    """Where one step of an activity stands: open or closed, revealed, set aside, notes."""

    __tablename__ = "steps"
    __table_args__ = (UniqueConstraint("activity_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending|open|closed
    revealed: Mapped[bool] = mapped_column(default=False)
    set_aside: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    timer: Mapped[dict | None] = mapped_column(JSON)  # the step's countdown (see countdown)

    activity: Mapped[Activity] = relationship(back_populates="steps")


class Participant(db.Model):
    __tablename__ = "participants"
    __table_args__ = (Index("ix_participants_workshop", "workshop_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(60))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    connections: Mapped[int] = mapped_column(default=0)
    needs_moment_since: Mapped[datetime | None]
    language: Mapped[str | None] = mapped_column(String(8))  # the phone's interface, if chosen

    workshop: Mapped[Workshop] = relationship(back_populates="participants")


class Entry(db.Model):
    """What a participant put in at a step.

    ``author`` identifies the participant within the step: for a named or trainer-only step it is
    ``p<participant id>`` and ``participant_id`` is set; for an anonymous step it is a keyed hash
    that the host can recompute for the participant's own phone but that links to nobody in the
    database. One entry per author, step and slot is a database constraint.
    """

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("step_id", "author", "slot"),
        Index("ix_entries_step", "step_id"),
        Index("ix_entries_participant", "participant_id"),  # SET NULL when someone is removed
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(64))
    slot: Mapped[str] = mapped_column(String(64), default="")
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    payload: Mapped[dict] = mapped_column(JSON)
    client_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Agreement(db.Model):
    """Something the group agreed to do: it lands in the team plan."""

    __tablename__ = "agreements"
    __table_args__ = (Index("ix_agreements_workshop", "workshop_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshops.id", ondelete="SET NULL")
    )
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL")
    )
    step_key: Mapped[str | None] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), default="working_agreement")
    owner: Mapped[str | None] = mapped_column(String(120))
    due: Mapped[datetime | None] = mapped_column(DateTime)  # a calendar day, not a moment
    status: Mapped[str] = mapped_column(String(20), default="open")
    outside_help: Mapped[str | None] = mapped_column(String(200))
    # Source 001 ("borgen"): the result the agreement should bring and the term within which it
    # should show; the person or body outside the team, when they were asked and their answer.
    expected_result: Mapped[str | None] = mapped_column(Text)
    expected_term: Mapped[datetime | None]
    outside_asked_on: Mapped[datetime | None]
    outside_answer: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]  # withdrawn (DELETE in the API): out of the plan, history kept
