"""From stored rows to the plain ``StepView`` a work form works on."""

from __future__ import annotations

import copy
import hashlib
import hmac
from functools import lru_cache

from flask import current_app
from sqlalchemy import select

from .extensions import db
from .models import Activity, Entry, Participant, StepState, Workshop
from .plugins import work_form
from .workform import ANONYMOUS, NAMED, TRAINER_ONLY, Step, StepView
from .workform import Entry as EntryData
from .workform import Participant as ParticipantData


def plan(activity: Activity) -> list[Step]:
    return _plan(activity.id, activity.type, _frozen(activity.config))


@lru_cache(maxsize=512)
def _plan(_activity_id: int, kind: str, config: tuple) -> list[Step]:
    return work_form(kind).plan(_thawed(config))


def _frozen(value):
    import json

    return (json.dumps(value, sort_keys=True),)


def _thawed(frozen):
    import json

    return json.loads(frozen[0])


def step_of(activity: Activity, row: StepState) -> Step:
    for step in plan(activity):
        if step.key == row.key:
            return step
    raise LookupError(f"activity {activity.id} has no step {row.key!r}")


def author_key(step_row_id: int, participant_id: int, visibility: str) -> str:
    """Who wrote an entry, as stored: a name-free keyed hash for anonymous steps."""
    if visibility != ANONYMOUS:
        return f"p{participant_id}"
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, f"{step_row_id}:{participant_id}".encode(), hashlib.sha256)
    return "a" + digest.hexdigest()[:40]


def _rows(query):
    """Plain rows, past the ORM: a view of thousands of participants and entries stays cheap."""
    db.session.flush()
    return db.session.connection().execute(query).all()


def _people(workshop: Workshop):
    return _rows(select(Participant.id, Participant.display_name, Participant.connections)
                 .where(Participant.workshop_id == workshop.id).order_by(Participant.id))


def participants_of(workshop: Workshop, rows=None) -> list[ParticipantData]:
    """The participants as a work form sees them: with their name only in a named session."""
    named = workshop.named
    return [ParticipantData(pid, name if named else None, connections > 0)
            for pid, name, connections in (_people(workshop) if rows is None else rows)]


def names_to_mask(rows) -> list[str]:
    """Every name a participant gave (``rows`` as ``_people`` reads them), sorted and tied to
    nobody, for masking only.

    Also in an anonymous session, where the join page still takes an optional name: a work form
    needs it to keep "Anna saw it..." off the shared screen, and never gets to know whose it is.
    """
    return sorted({name.strip() for _pid, name, _c in rows if name and name.strip()})


def build(workshop: Workshop, activity: Activity, row: StepState, *,
          viewer: Participant | None = None, participants=None) -> StepView:
    """The step as its work form sees it; ``participants`` in place of the session's own (the
    session report hands anonymous steps participants without names)."""
    step = step_of(activity, row)
    people = _people(workshop)
    show_names = workshop.named and step.visibility in (NAMED, TRAINER_ONLY)
    names = {pid: name for pid, name, _c in people} if show_names else {}
    mine_author = (author_key(row.id, viewer.id, step.visibility) if viewer else None)
    entries = [
        EntryData(entry_id, author, slot, dict(payload), participant_id,
                  names.get(participant_id), author == mine_author)
        for entry_id, author, slot, payload, participant_id in _rows(
            select(Entry.id, Entry.author, Entry.slot, Entry.payload, Entry.participant_id)
            .where(Entry.step_id == row.id).order_by(Entry.id))
    ]
    return StepView(
        activity_id=activity.id, activity_title=activity.title, config=activity.config,
        state=copy.deepcopy(activity.state or {}), step=step, data=copy.deepcopy(row.data or {}),
        status=row.status, revealed=row.revealed, set_aside=row.set_aside, notes=row.notes,
        entries=entries,
        participants=participants_of(workshop, people) if participants is None else participants,
        names_to_mask=names_to_mask(people),
        named_session=workshop.named,
        minimum_group=current_app.config["MINIMUM_GROUP"],
    )


def flat_steps(workshop: Workshop) -> list[tuple[Activity, StepState]]:
    rows = db.session.execute(
        select(Activity, StepState).join(StepState, StepState.activity_id == Activity.id)
        .where(Activity.workshop_id == workshop.id)
        .order_by(Activity.position, StepState.position)
    ).all()
    return [(a, s) for a, s in rows]


def current(workshop: Workshop) -> tuple[Activity, StepState] | None:
    """The step the group is at, while the session runs."""
    if workshop.status != "running":
        return None
    return current_any(workshop)


def current_any(workshop: Workshop) -> tuple[Activity, StepState] | None:
    """The step the session is or was last at, whatever its status."""
    steps = flat_steps(workshop)
    if not steps:
        return None
    return steps[min(workshop.position, len(steps) - 1)]
