"""Participants: joining with a code, coming back as the same person, and putting in answers.

No socket code here: each function works on the database, commits, and announces the change.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache

from flask import current_app
from sqlalchemy import Text, and_, cast, delete, not_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..contract import lifecycle
from ..contract.plugins import work_form
from ..contract.text import clean
from ..contract.workform import ANONYMOUS, NAMED, ActionRejected, Contribution, InputRejected
from ..contract.workform import Participant as ParticipantData
from ..extensions import db
from ..i18n import _
from ..web.ids import as_id
from . import joinguard, stepviews, workshops
from .models import Entry, Participant, Workshop, utcnow
from .signals import workshop_changed

NAME_LIMIT = 40


class JoinRefused(InputRejected):
    """A join that cannot go ahead; ``message`` tells the person why."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _announce(workshop_id: int, scope: str, **extra) -> None:
    workshop_changed.send(current_app._get_current_object(), workshop_id=workshop_id,
                          scope=scope, **extra)


def open_workshop(code: str) -> Workshop:
    workshop = joinguard.find(code)
    if workshop is None:
        raise JoinRefused(_("There is no session with this code. Check the code on the screen."))
    if workshop.status == "ended":
        raise JoinRefused(_("This session has ended. Thank you for taking part."))
    return workshop


def join(code: str, name: str | None) -> tuple[Participant, str]:
    """Join the workshop with this code; return the participant and their secret token."""
    workshop = open_workshop(code)
    name = clean(name, limit=NAME_LIMIT, required=workshop.named, label=_("Your name")) or None
    token = secrets.token_urlsafe(32)
    participant = Participant(workshop_id=workshop.id, token_hash=_hash(token), display_name=name)
    db.session.add(participant)
    db.session.commit()
    _welcome(workshop, participant)
    _announce(workshop.id, "people")
    return participant, token


def remove(workshop: Workshop, participant_id) -> None:
    """The trainer takes someone out of the session (say, someone posing as a colleague): the
    participant and everything they put in, anonymous answers included (the host can recompute
    their keys), are deleted; their phone is told. They can join again only with the code."""
    found = as_id(participant_id)
    person = db.session.get(Participant, found) if found is not None else None
    if person is None or person.workshop_id != workshop.id:
        raise ActionRejected(_("That participant is not in this session."))
    for _activity, row in stepviews.flat_steps(workshop):
        mine = {stepviews.author_key(row.id, person.id, v) for v in (ANONYMOUS, NAMED)}
        db.session.execute(delete(Entry).where(Entry.step_id == row.id, Entry.author.in_(mine)))
    db.session.delete(person)
    db.session.commit()
    _announce(workshop.id, "removed", participant_id=found)


def _welcome(workshop: Workshop, participant: Participant) -> None:
    """Let the current activity place a late joiner (a team, a side)."""
    with workshops.lock(workshop.id):
        here = stepviews.current(workshop)
        if here is None or not here[0].state.get("_arrived"):
            return
        activity, row = here
        view = stepviews.build(workshop, activity, row)
        me = ParticipantData(participant.id, participant.display_name if workshop.named else None,
                             True)
        workshops.store_view_changes(workshop, activity, row,
                                     lifecycle.joined(work_form(activity.type), view, me))
        db.session.commit()


def by_token(token: str | None) -> Participant | None:
    if not token:
        return None
    return db.session.scalar(select(Participant).where(Participant.token_hash == _hash(token)))


def connected(participant: Participant, delta: int) -> None:
    db.session.execute(
        update(Participant).where(Participant.id == participant.id)
        .values(connections=Participant.connections + delta, last_seen=utcnow())
    )
    db.session.commit()
    _announce(participant.workshop_id, "people")


def need_a_moment(participant: Participant, on: bool) -> None:
    participant.needs_moment_since = utcnow() if on else None
    db.session.commit()
    _announce(participant.workshop_id, "console")


def submit(participant: Participant, step_key: str, data: dict | None, *,
           client_id: str | None = None, passing: bool = False) -> bool:
    """Store a participant's input for the open step; return False when nothing changed.

    A repeated submission with the same client id changes nothing; a new one for the same slot
    replaces the earlier input while the step is open. (Live answers come in through ``answers``,
    which takes the answers arriving together in one go.)
    """
    workshop = participant.workshop
    activity, row, step = open_step(workshop, step_key)
    view = stepviews.build(workshop, activity, row, viewer=participant)
    form = work_form(activity.type)
    contribution = contribution_of(form, view, workshop, participant, data, passing)
    author = stepviews.author_key(row.id, participant.id, step.visibility)
    changed = _store(row.id, author, contribution, client_id,
                     None if author.startswith("a") else participant.id)
    if changed:
        announce_input(workshop.id, form, [participant.id])
    return changed


def open_step(workshop: Workshop, step_key: str, here=False):
    """The current (activity, step row, step) if it takes input under this key, else refuse.

    ``here`` is the (activity, step row) the workshop is at, when the caller has read it."""
    if workshop.status == "ended":
        raise InputRejected(_("This session has ended."))
    here = stepviews.current(workshop) if here is False else here
    if here is None or workshop.status != "running":
        raise InputRejected(_("The session has not started yet."))
    activity, row = here
    if row.key != step_key:
        raise InputRejected(_("This question is no longer open; the screen has moved on."))
    if row.status != "open":
        raise InputRejected(_("This step is closed; answers are no longer taken."))
    step = stepviews.step_of(activity, row)
    if not step.takes_input:
        raise InputRejected(_("This step takes no input."))
    return activity, row, step


def contribution_of(form, view, workshop: Workshop, participant: Participant, data,
                    passing: bool) -> Contribution:
    """What the work form makes of the input, or of a pass (which it may refuse)."""
    me = ParticipantData(participant.id, participant.display_name if workshop.named else None, True)
    return lifecycle.contribution(form, view, me, data, passing=passing)


def announce_input(workshop_id: int, form, participant_ids: list[int]) -> None:
    _announce(workshop_id, "results")
    if form.shared_input:
        _announce(workshop_id, "phones")
    else:
        for participant_id in participant_ids:
            _announce(workshop_id, "participant", participant_id=participant_id)


def _store(step_id: int, author: str, contribution: Contribution, client_id: str | None,
           participant_id: int | None) -> bool:
    changed = stage(step_id, author, contribution, client_id, participant_id)
    db.session.commit()
    return changed


def stage(step_id: int, author: str, contribution: Contribution, client_id: str | None,
          participant_id: int | None) -> bool:
    """Put the input in the session (not yet committed) with one insert-or-update, so that a
    simultaneous double tap ends as one entry; False when it changes nothing: a retry with the
    same client id, or the same input again."""
    return bool(stage_many(step_id, [(author, contribution, client_id, participant_id)]))


def stage_many(step_id: int, inputs: list[tuple[str, Contribution, str | None, int | None]]
               ) -> set[tuple[str, str]]:
    """``stage`` for many inputs to one step: one insert-or-update statement, executed for all of
    them at once (SQLAlchemy sends them as multi-row statements: "insertmanyvalues"). Returns the
    (author, slot) of the entries that changed. Two inputs for the same author and slot here: the
    later one counts, as if it came a moment after (PostgreSQL refuses to update one row twice in
    one statement)."""
    now = utcnow()
    rows: dict[tuple[str, str], dict] = {}
    for author, contribution, client_id, participant_id in inputs:
        rows[(author, contribution.slot)] = {
            "step_id": step_id, "author": author, "slot": contribution.slot,
            "participant_id": participant_id, "payload": contribution.payload,
            "client_id": str(client_id)[:64] if client_id is not None else None,
            "created_at": now, "updated_at": now}
    if not rows:
        return set()
    found = db.session.execute(_upsert(db.session.get_bind().dialect.name), list(rows.values()))
    return {(author, slot) for author, slot in found}


@lru_cache(maxsize=4)
def _upsert(dialect: str):
    """Insert an entry, or update it unless the same client id or the same payload is there
    already; returning the (author, slot) of each entry that changed. Built once per dialect."""
    insert = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}[dialect]
    table = Entry.__table__
    upsert = insert(table)
    new = upsert.excluded
    unchanged = or_(and_(new.client_id.is_not(None),
                         table.c.client_id.is_not_distinct_from(new.client_id)),
                    cast(table.c.payload, Text) == cast(new.payload, Text))
    return upsert.on_conflict_do_update(
        index_elements=[table.c.step_id, table.c.author, table.c.slot],
        set_={"payload": new.payload, "client_id": new.client_id, "updated_at": new.updated_at},
        where=not_(unchanged)).returning(table.c.author, table.c.slot)


def withdraw(participant: Participant, step_key: str, slot: str) -> None:
    """Take back one's own input at the open step (for example a submitted idea)."""
    workshop = participant.workshop
    here = stepviews.current(workshop)
    if here is None or here[1].key != step_key or here[1].status != "open":
        raise InputRejected(_("This step is closed; answers are no longer taken."))
    activity, row = here
    step = stepviews.step_of(activity, row)
    author = stepviews.author_key(row.id, participant.id, step.visibility)
    entry = db.session.scalar(select(Entry).where(
        Entry.step_id == row.id, Entry.author == author, Entry.slot == str(slot or "")))
    if entry is not None:
        db.session.delete(entry)
        db.session.commit()
        _announce(workshop.id, "results")
        shared = work_form(activity.type).shared_input
        _announce(workshop.id, "phones" if shared else "participant", participant_id=participant.id)
