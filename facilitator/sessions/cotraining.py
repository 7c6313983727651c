"""Co-training: a second trainer runs the same session from their own console.

The session's owner adds another trainer account by e-mail address; from then on that trainer
opens the console (and the shared screen) of the session as the owner does, and both consoles
show every action of either, since they share the console's room. Only the owner adds or
removes co-trainers and deletes the session.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import ForeignKey, bindparam, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..contract.workform import InputRejected
from ..extensions import db
from ..i18n import _
from ..prepared import Prepared
from .models import User, Workshop, utcnow


class CoTrainer(db.Model):
    __tablename__ = "co_trainers"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"),
                                             primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


def runs(workshop: Workshop, user) -> bool:
    """Whether this user may run the session: a trainer who owns it or co-runs it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return runs_by_id(workshop.id, user.id)


def runs_by_id(workshop_id: int, user_id: int) -> bool:
    """``runs`` for a workshop and an account known by their ids, in one read and without loading
    either: also what an open console's every action checks again (the account may have been
    removed from the session, or be a trainer no more, since the console connected)."""
    return bool(_running().rows(workshop=workshop_id, user=user_id))


@cache
def _running() -> Prepared:
    co_trainer = select(CoTrainer.user_id).where(CoTrainer.workshop_id == Workshop.id,
                                                 CoTrainer.user_id == User.id).exists()
    return Prepared(select(Workshop.id).join(User, User.id == bindparam("user"))
                    .where(Workshop.id == bindparam("workshop"), User.role == "trainer",
                           or_(Workshop.trainer_id == User.id, co_trainer)))


def of(workshop: Workshop) -> list[User]:
    return list(db.session.scalars(select(User).join(CoTrainer, CoTrainer.user_id == User.id)
                                   .where(CoTrainer.workshop_id == workshop.id)
                                   .order_by(CoTrainer.added_at)))


def sessions_of(user: User) -> list[Workshop]:
    """The sessions this trainer co-trains, newest first."""
    return list(db.session.scalars(select(Workshop).join(CoTrainer,
                                                         CoTrainer.workshop_id == Workshop.id)
                                   .where(CoTrainer.user_id == user.id)
                                   .order_by(Workshop.created_at.desc())))


def add(workshop: Workshop, email: str) -> User:
    email = (email or "").strip().lower()
    user = db.session.scalar(select(User).where(User.email == email)) if email else None
    if user is None or user.role != "trainer":
        raise InputRejected(_("There is no trainer account with this e-mail address."))
    if user.id == workshop.trainer_id:
        raise InputRejected(_("This is your own session."))
    if db.session.get(CoTrainer, (workshop.id, user.id)) is None:
        db.session.add(CoTrainer(workshop_id=workshop.id, user_id=user.id))
        db.session.commit()
    return user


def remove(workshop: Workshop, user_id: int) -> None:
    found = db.session.get(CoTrainer, (workshop.id, user_id))
    if found is not None:
        db.session.delete(found)
        db.session.commit()
