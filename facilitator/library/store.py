"""The library: the built-in scenarios (files, read-only) and those trainers store, own or shared.

A stored scenario is visible to its owner and, once shared, to every trainer of the installation;
those may use, copy and edit it, and only the owner deletes it or stops sharing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm.exc import StaleDataError

from ..contract.plugins import PluginHost
from ..contract.workform import ConfigInvalid, Problem
from ..extensions import db
from ..i18n import _
from ..sessions import scenarios
from ..sessions.models import User, utcnow
from ..sessions.scenarios import Scenario
from ..web.ids import as_id
from .models import KEY_PREFIX, StoredScenario
from .validation import SCENARIO_FIELDS, checked

TITLE_LIMIT = next(f.max_length for f in SCENARIO_FIELDS if f.name == "title")


class EditConflict(Exception):
    """Someone saved the scenario after this editor was opened; ``latest`` is their version."""

    def __init__(self, latest: StoredScenario):
        super().__init__(f"scenario {latest.id} is at version {latest.version}")
        self.latest = latest


@dataclass
class LibraryItem:
    """One scenario in the library, and whether it can be used as it is."""

    key: str
    data: dict[str, Any]
    stored: StoredScenario | None = None
    scenario: Scenario | None = None  # None when it no longer checks out (a work form is gone)
    problems: list[Problem] = field(default_factory=list)

    @property
    def builtin(self) -> bool:
        return self.stored is None

    @property
    def title(self) -> str:
        return str(self.data.get("title") or "")

    @property
    def work_forms(self) -> list[str]:
        activities = self.data.get("activities") or []
        return list(dict.fromkeys(str(a.get("type")) for a in activities if isinstance(a, dict)))


def _item(stored: StoredScenario, host: PluginHost) -> LibraryItem:
    item = LibraryItem(stored.key, stored.content, stored)
    try:
        item.scenario = checked(stored.content, stored.key, host)
    except ConfigInvalid as invalid:
        item.problems = invalid.problems
    return item


def visible(user: User) -> list[StoredScenario]:
    return list(db.session.scalars(select(StoredScenario).where(
        or_(StoredScenario.owner_id == user.id, StoredScenario.shared.is_(True)))
        .order_by(StoredScenario.updated_at.desc(), StoredScenario.id.desc())))


def library(user: User, host: PluginHost) -> list[LibraryItem]:
    """The trainer's own and shared scenarios, newest first, then the built-in ones."""
    items = [_item(stored, host) for stored in visible(user)]
    items += [LibraryItem(key, s.as_dict(), scenario=s) for key, s in scenarios.builtin(host).items()]
    return items


def search(items: list[LibraryItem], text: str = "", work_form: str = "") -> list[LibraryItem]:
    """The items whose title contains ``text`` (any case) and that use ``work_form``."""
    text = text.strip().casefold()
    return [i for i in items if text in i.title.casefold()
            and (not work_form or work_form in i.work_forms)]


def find(key: str, user: User, host: PluginHost) -> LibraryItem | None:
    """A built-in scenario by id, or a stored one by key if the trainer may see it."""
    if key.startswith(KEY_PREFIX):
        stored = editable(key.removeprefix(KEY_PREFIX), user)
        return _item(stored, host) if stored else None
    found = scenarios.builtin(host).get(key)
    return LibraryItem(key, found.as_dict(), scenario=found) if found else None


def editable(stored_id: Any, user: User) -> StoredScenario | None:
    found = as_id(stored_id)
    stored = db.session.get(StoredScenario, found) if found is not None else None
    if stored is None or not (stored.owner_id == user.id or stored.shared):
        return None
    return stored


def choosable(user: User, host: PluginHost) -> dict[str, Scenario]:
    """Every scenario a session can start from, by key: own and shared ones first."""
    return {item.key: item.scenario for item in library(user, host) if item.scenario}


def create(scenario: Scenario, user: User, based_on: str | None = None) -> StoredScenario:
    stored = StoredScenario(owner_id=user.id, content=scenario.as_dict(), based_on=based_on,
                            updated_by_id=user.id)
    db.session.add(stored)
    db.session.commit()
    return stored


def duplicate(item: LibraryItem, user: User) -> StoredScenario:
    """A copy the trainer owns, to adapt; it may be taken from a scenario that needs repairs."""
    title = _("%(title)s (copy)", title=item.title)
    content = {**item.data, "title": title if len(title) <= TITLE_LIMIT else item.title}
    stored = StoredScenario(owner_id=user.id, content=content, updated_by_id=user.id,
                            based_on=item.stored.based_on if item.stored else item.key)
    db.session.add(stored)
    db.session.commit()
    return stored


def save(stored: StoredScenario, scenario: Scenario, version: int, user: User) -> None:
    """Store a new version; raise EditConflict when the editor started from an older one."""
    if version != stored.version:
        raise EditConflict(stored)
    stored.content = scenario.as_dict()
    stored.version = version + 1
    stored.updated_at = utcnow()
    stored.updated_by_id = user.id
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise EditConflict(db.session.get(StoredScenario, stored.id)) from None


def delete(stored: StoredScenario) -> None:
    db.session.delete(stored)
    db.session.commit()


def share(stored: StoredScenario, shared: bool) -> None:
    stored.shared = shared
    db.session.commit()

