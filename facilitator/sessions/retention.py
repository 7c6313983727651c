"""Keeping participants' data no longer than needed (AVG/GDPR).

Display names and "I need a moment" signals are removed ``RETENTION_DAYS`` days (default 30,
``FACILITATOR_RETENTION_DAYS``) after a session is over; the anonymous results and the team plan
stay. A session is over when it ended, or when nothing happened in it for that long (a trainer
who never pressed "end"). ``facilitator retention`` does it by hand (``--dry-run`` only counts);
``facilitator serve`` does it at start and then once a day.

A session left running is ended by the server once nothing happened in it for
``END_IDLE_AFTER_HOURS`` hours (default 24, ``FACILITATOR_END_IDLE_AFTER_HOURS``; 0 switches it
off): nobody connected, left or answered, and the trainer never pressed "end". Ending it is what the
trainer's "end" does, so every work form's ``session_ended`` runs: what was said in an intervision
round is wiped then, and does not wait for the trainer to come back.

Deleting a session takes everything in it; its agreements that are part of a team plan stay
there, unlinked. On SQLite, removed text is also wiped from the database file (``secure_delete``
and a checkpoint of the write-ahead log); PostgreSQL's own vacuum reclaims its dead rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import and_, delete, func, or_, select, text, update

from ..extensions import db, socketio
from .models import Activity, Agreement, Entry, Participant, StepState, Workshop, utcnow

log = logging.getLogger("facilitator.retention")
HOUR = 3600


@dataclass(frozen=True)
class Forgotten:
    sessions: int
    names: int
    moments: int


def _over_before(cutoff: datetime):
    """A condition on Workshop: ended before ``cutoff``, or left without activity since then."""
    last_seen = (select(func.max(Participant.last_seen))
                 .where(Participant.workshop_id == Workshop.id).scalar_subquery())
    abandoned = and_(Workshop.ended_at.is_(None),
                     func.coalesce(Workshop.started_at, Workshop.created_at) < cutoff,
                     func.coalesce(last_seen, Workshop.created_at) < cutoff)
    return or_(Workshop.ended_at < cutoff, abandoned)


def forget_names(now: datetime | None = None, *, dry_run: bool = False) -> Forgotten:
    """Remove names and moment signals of sessions over for longer than the retention period."""
    cutoff = (now or utcnow()) - timedelta(days=current_app.config["RETENTION_DAYS"])
    due = select(Workshop.id).where(_over_before(cutoff))
    named = and_(Participant.workshop_id.in_(due), Participant.display_name.is_not(None))
    waiting = and_(Participant.workshop_id.in_(due), Participant.needs_moment_since.is_not(None))
    names = db.session.scalar(select(func.count()).where(named)) or 0
    moments = db.session.scalar(select(func.count()).where(waiting)) or 0
    sessions = db.session.scalar(select(func.count(func.distinct(Participant.workshop_id)))
                                 .where(or_(named, waiting))) or 0
    if not dry_run and (names or moments):
        db.session.execute(update(Participant).where(named).values(display_name=None))
        db.session.execute(update(Participant).where(waiting).values(needs_moment_since=None))
        db.session.commit()
        wipe_free_space()
    return Forgotten(sessions, names, moments)


def idle_since(cutoff: datetime):
    """A condition on Workshop: running, and nothing happened in it since ``cutoff``: started
    before it, nobody connected or left since, no answer given or changed since."""
    seen = (select(Participant.id).where(Participant.workshop_id == Workshop.id,
                                         Participant.last_seen >= cutoff))
    answered = (select(Entry.id).join(StepState, StepState.id == Entry.step_id)
                .join(Activity, Activity.id == StepState.activity_id)
                .where(Activity.workshop_id == Workshop.id, Entry.updated_at >= cutoff))
    return and_(Workshop.status == "running",
                func.coalesce(Workshop.started_at, Workshop.created_at) < cutoff,
                ~seen.exists(), ~answered.exists())


def end_idle_sessions(now: datetime | None = None, *, dry_run: bool = False) -> int:
    """End the running sessions nothing happened in for ``END_IDLE_AFTER_HOURS`` hours, as the
    trainer's "end" would (every work form's ``session_ended`` runs); how many."""
    from .workshops import control

    hours = current_app.config["END_IDLE_AFTER_HOURS"]
    if not hours:
        return 0
    cutoff = (now or utcnow()) - timedelta(hours=hours)
    idle = list(db.session.scalars(select(Workshop.id).where(idle_since(cutoff))))
    ended = 0
    for workshop_id in [] if dry_run else idle:
        try:
            control(workshop_id, "end", {})
            ended += 1
        except Exception:  # one session's trouble does not keep the others running
            db.session.rollback()
            log.exception("retention: session %s could not be ended", workshop_id)
    if ended:
        wipe_free_space()
    return len(idle) if dry_run else ended


def delete_session(workshop: Workshop) -> None:
    """Delete a session with its participants, answers and notes; its team-plan agreements stay."""
    db.session.execute(delete(Agreement).where(Agreement.workshop_id == workshop.id,
                                               Agreement.team_id.is_(None)))
    db.session.delete(workshop)
    db.session.commit()
    wipe_free_space()


def wipe_free_space() -> None:
    """Move SQLite's write-ahead log into the (zeroed) database file, so removed text is gone."""
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def start_background(app: Flask) -> None:
    """End idle sessions and run ``forget_names`` now and then every hour, in the background of
    the server."""

    def hourly() -> None:
        while True:
            with app.app_context():
                try:
                    ended = end_idle_sessions()
                    done = forget_names()
                    if ended or done.names or done.moments:
                        log.info("retention: %s idle sessions ended; %s names and %s signals "
                                 "removed in %s sessions", ended, done.names, done.moments,
                                 done.sessions)
                except Exception:  # the database may be briefly away: try again in an hour
                    db.session.rollback()
                    log.exception("retention run failed")
                finally:
                    db.session.remove()
            socketio.sleep(HOUR)

    socketio.start_background_task(hourly)
