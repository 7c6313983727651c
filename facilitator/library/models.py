"""A scenario a trainer wrote or adapted, stored in the database (the built-in ones are files)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..sessions.models import User, utcnow

KEY_PREFIX = "stored-"


class StoredScenario(db.Model):
    """The scenario itself is ``content``: the same mapping as a scenario YAML file.

    ``version`` goes up with every save; a save that started from an older version is refused,
    so two trainers editing the same scenario do not overwrite each other.
    """

    __tablename__ = "stored_scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    content: Mapped[dict] = mapped_column(JSON)
    shared: Mapped[bool] = mapped_column(default=False)
    based_on: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    # The UPDATE of a save only matches the version it started from (set by ``store.save``).
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @property
    def key(self) -> str:
        """How the library and the dashboard name it, next to the built-in scenarios' ids."""
        return f"{KEY_PREFIX}{self.id}"

    @property
    def title(self) -> str:
        return str(self.content.get("title") or "")

