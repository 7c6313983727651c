"""From stored rows to the plain ``StepView`` a work form works on."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import JSON, Text, bindparam, case, cast, func, select

from ..contract import lifecycle
from ..contract.plugins import work_form
from ..contract.workform import ANONYMOUS, NAMED, TRAINER_ONLY, Step, StepView
from ..contract.workform import Entry as EntryData
from ..contract.workform import Participant as ParticipantData
from ..extensions import db
from ..i18n import plain
from ..prepared import Prepared
from .models import Activity, Entry, Participant, StepState, Workshop


def plan(activity: Activity) -> list[Step]:
    """The activity's steps, as its work form plans them from the (never changing) config, in the
    session's language (titles as plain text); kept on the activity for as long as it is loaded,
    and per language for the process."""
    language = _language(activity.workshop)
    planned = getattr(activity, "_planned", None)
    if planned is None or planned[0] != language:
        as_text, config = _stored_json(activity, "config")
        planned = activity._planned = (language, _plan(
            activity.id, activity.type, (config,) if as_text else _frozen(config), language))
    return planned[1]


@lru_cache(maxsize=512)
def _plan(_activity_id: int, kind: str, config: tuple, language: str) -> list[Step]:
    with force_locale(language):
        return [replace(step, title=plain(step.title), item=plain(step.item))
                for step in work_form(kind).plan(_thawed(config))]


def _frozen(value):
    return (json.dumps(value, sort_keys=True),)


def _thawed(frozen):
    return json.loads(frozen[0])


def _language(workshop: Workshop | None) -> str:
    """The session's language, in which its steps are planned."""
    return (workshop.language if workshop is not None else None) or \
        current_app.config["BABEL_DEFAULT_LOCALE"]


def _step_keyed(steps: list[Step], activity_id: int, key: str) -> Step:
    for step in steps:
        if step.key == key:
            return step
    raise LookupError(f"activity {activity_id} has no step {key!r}")


def step_of(activity: Activity, row: StepState) -> Step:
    return _step_keyed(plan(activity), activity.id, row.key)


def author_key(step_row_id: int, participant_id: int, visibility: str) -> str:
    """Who wrote an entry, as stored: a name-free keyed hash for anonymous steps."""
    if visibility != ANONYMOUS:
        return f"p{participant_id}"
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, f"{step_row_id}:{participant_id}".encode(), hashlib.sha256)
    return "a" + digest.hexdigest()[:40]


def _rows(query, params: dict | None = None):
    """Plain rows, past the ORM: a view of thousands of participants and entries stays cheap."""
    db.session.flush()
    return db.session.connection().execute(query, params or {}).all()


# The statements of every answer and refresh, built once: building a statement costs more than
# running it (SQLAlchemy's coercions and cache keys), so they take their values as parameters.
# Those without a list of values are also compiled once and run as prepared reads (``_read``).
WORKSHOP, STEP, ONLY = bindparam("workshop"), bindparam("step"), bindparam("only", expanding=True)
ONE = bindparam("one")


@cache
def _statement(name: str, only: bool = False):
    if name in ("people", "person"):
        query = select(Participant.id, Participant.display_name, Participant.connections,
                       Participant.needs_moment_since, Participant.language) \
            .where(Participant.workshop_id == WORKSHOP)
        if name == "person":
            return query.where(Participant.id == ONE)
        if only:
            query = query.where(Participant.id.in_(ONLY))
        return query.order_by(Participant.id)
    if name == "headcount":
        return select(func.count(Participant.id), func.count(case((Participant.connections > 0, 1))),
                      func.count(Participant.needs_moment_since)) \
            .where(Participant.workshop_id == WORKSHOP)
    if name == "places":
        return select(Activity.id, StepState.id, StepState.key, StepState.status) \
            .join(StepState, StepState.activity_id == Activity.id) \
            .where(Activity.workshop_id == WORKSHOP).order_by(Activity.position, StepState.position)
    if name == "activity_and_step":
        return select(*_PLACED.columns).join(StepState, StepState.activity_id == Activity.id) \
            .where(StepState.id == STEP)
    if name == "outline_rows":
        return select(Activity.id, Activity.title, Activity.type, cast(Activity.config, Text),
                      StepState.key, StepState.status, StepState.revealed, StepState.set_aside) \
            .join(StepState, StepState.activity_id == Activity.id) \
            .where(Activity.workshop_id == WORKSHOP).order_by(Activity.position, StepState.position)
    if name in ("entries", "entries_by"):
        query = select(Entry.id, Entry.author, Entry.slot, cast(Entry.payload, Text).label("payload"),
                       Entry.participant_id).where(Entry.step_id == STEP)  # as stored: see below
        # a few authors' entries: found by step and author (the unique key's index) and put in
        # order by ``entries_of``; ordered here, SQLite would walk the whole step's entries by id
        if name == "entries_by":
            return query.where(Entry.author == ONE)
        if only:
            return query.where(Entry.author.in_(ONLY))
        return query.order_by(Entry.id)
    if name in ("workshop_and_step", "workshop_and_last_step"):
        # the step is found by its id among the session's steps in order, then read whole with
        # its activity and workshop: sorted with the wide rows (each activity's configuration,
        # once for each of its steps), the read cost twice as much
        in_order = select(StepState.id).join(Activity, StepState.activity_id == Activity.id) \
            .where(Activity.workshop_id == WORKSHOP)
        if name == "workshop_and_last_step":
            chosen = in_order.order_by(Activity.position.desc(), StepState.position.desc())
        else:
            # no such workshop (deleted meanwhile): OFFSET 0 rather than OFFSET NULL, which
            # SQLite refuses; the join then finds nothing either
            position = func.coalesce(
                select(Workshop.position).where(Workshop.id == WORKSHOP).scalar_subquery(), 0)
            chosen = in_order.order_by(Activity.position, StepState.position).offset(position)
        return select(*_LOADED.columns) \
            .join(Activity, Activity.workshop_id == Workshop.id) \
            .join(StepState, StepState.activity_id == Activity.id) \
            .where(Workshop.id == WORKSHOP, StepState.id == chosen.limit(1).scalar_subquery())
    if name == "workshop":
        return select(*Workshop.__table__.columns).where(Workshop.id == WORKSHOP)
    raise LookupError(name)


@cache
def _prepared(name: str) -> Prepared:
    return Prepared(_statement(name))


def _read(name: str, **values) -> list:
    """The rows of one of the statements above, as a prepared read."""
    return _prepared(name).rows(**values)


class Loaded(SimpleNamespace):
    """A workshop, activity or step row read past the ORM, for reading only: its columns as
    attributes (and an activity's ``workshop``), as the mapped object has them. Loading the three
    as mapped objects costs about as much again as the query, and every answer and every refresh
    reads them.

    JSON columns (an activity's ``config`` and ``state``, a step's ``data``) come as their stored
    text (``config_json``...) and are decoded the first time someone looks at them: a refresh
    hands the text straight to ``plan`` and ``lifecycle.handed`` instead of decoding the JSON
    and encoding it again."""

    def __getattr__(self, name: str):
        stored = self.__dict__.get(f"{name}{_AS_TEXT}", _ABSENT)
        if stored is _ABSENT:
            raise AttributeError(name)
        value = json.loads(stored) if stored is not None else None
        setattr(self, name, value)
        return value


_AS_TEXT, _ABSENT = "_json", object()


def _stored_json(loaded, name: str):
    """(True, the stored text) of a ``Loaded`` row's JSON column, else (False, the value)."""
    stored = getattr(loaded, "__dict__", {}).get(f"{name}{_AS_TEXT}", _ABSENT)
    return (True, stored) if stored is not _ABSENT else (False, getattr(loaded, name))


def stored(loaded, name: str) -> dict:
    """A JSON column (``state``, ``data``) of an activity or step row, mapped or ``Loaded``, as
    ``build`` hands it to a work form: ``lifecycle.handed(loaded.<name> or {})``, decoding the
    stored text once if it is there."""
    as_text, value = _stored_json(loaded, name)
    if not as_text:
        return lifecycle.handed(value or {})
    return (json.loads(value) if value is not None else None) or {}


class _Columns(NamedTuple):
    """The columns of the workshop, its activity and its step in one row, and where each starts."""

    columns: list
    names: tuple[tuple[str, ...], ...]
    starts: tuple[int, ...]

    def split(self, row) -> tuple[Loaded, ...]:
        return tuple(Loaded(**dict(zip(names, row[start:start + len(names)], strict=True)))
                     for names, start in zip(self.names, self.starts, strict=True))


def _loaded_columns(*models) -> _Columns:
    """The columns of these models' tables, labelled apart; JSON columns as their text."""
    tables = [model.__table__ for model in models]
    names = tuple(tuple(column.key + (_AS_TEXT if isinstance(column.type, JSON) else "")
                        for column in table.columns) for table in tables)
    starts = tuple(sum(len(n) for n in names[:index]) for index in range(len(names)))
    columns = [(cast(column, Text) if isinstance(column.type, JSON) else column)
               .label(f"{table.name}_{column.key}")
               for table in tables for column in table.columns]
    return _Columns(columns, names, starts)


_LOADED = _loaded_columns(Workshop, Activity, StepState)
_PLACED = _loaded_columns(Activity, StepState)
_COLUMNS = frozenset(name for names in _LOADED.names for name in names)


def as_read(loaded: Loaded) -> tuple:
    """The columns of a ``Loaded`` row as they were read (JSON as its stored text): equal for
    two readings of a row that did not change in between."""
    if not isinstance(loaded, Loaded):
        raise TypeError(f"{type(loaded).__name__} is no row read past the ORM")
    return tuple(value for name, value in vars(loaded).items() if name in _COLUMNS)


def people(workshop_id: int, only: set[int] | None = None):
    """The session's participants as plain rows, in the order they joined: ``id``,
    ``display_name``, ``connections``, ``needs_moment_since`` and ``language`` (the phone's
    interface language, when its holder chose one); ``only`` these, if given."""
    if only is None:
        return _read("people", workshop=workshop_id)
    if len(only) == 1:  # the one who answered (a refresh of their phone)
        return _read("person", workshop=workshop_id, one=next(iter(only)))
    return _rows(_statement("people", only=True), {"workshop": workshop_id, "only": list(only)})


class Headcount(NamedTuple):
    joined: int
    connected: int
    pausing: int  # need a moment


def headcount(workshop_id: int) -> Headcount:
    """How many people joined, are connected and need a moment, counted by the database."""
    joined, connected, pausing = _read("headcount", workshop=workshop_id)[0]
    return Headcount(joined, connected, pausing)


def headcount_of(rows) -> Headcount:
    """``headcount`` of the rows ``people`` read."""
    return Headcount(len(rows), sum(1 for p in rows if p.connections > 0),
                     sum(1 for p in rows if p.needs_moment_since))


class OnFirstUse(Sequence):
    """A list made the first time someone looks into it: most steps never look at the session's
    participants, and in a session of a thousand making them costs more than the rest of a view."""

    __slots__ = ("_make", "_items", "_then")

    def __init__(self, make: Callable[[], list]):
        self._make, self._items, self._then = make, None, ()

    @property
    def made(self) -> bool:
        return self._items is not None

    def when_made(self, then: Callable[[list], object]) -> None:
        """Call ``then`` with the list once it is made (now, if it is)."""
        if self._items is not None:
            then(self._items)
        else:
            self._then = (*self._then, then)

    def _list(self) -> list:
        if self._items is None:
            self._items = self._make()
            for then in self._then:
                then(self._items)
            self._then = ()
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return repr(self._list())


def participants_of(workshop: Workshop) -> list[ParticipantData]:
    """The participants as a work form sees them: with their name only in a named session."""
    return _participants(people(workshop.id), workshop.named)


def _participants(rows, named: bool) -> list[ParticipantData]:
    return [ParticipantData(p.id, p.display_name if named else None, p.connections > 0,
                            p.display_name)
            for p in rows]


def names_to_mask(rows) -> list[str]:
    """Every name a participant gave (``rows`` as ``people`` reads them), sorted and tied to
    nobody, for masking only.

    Also in an anonymous session, where the join page still takes an optional name: a work form
    needs it to keep "Anna saw it..." off the shared screen, and never gets to know whose it is.
    """
    return sorted({p.display_name.strip() for p in rows
                   if p.display_name and p.display_name.strip()})


def entries_of(row: StepState, names: dict[int, str], mine_author: str | None = None,
               authors: set[str] | None = None) -> list[EntryData]:
    """The step's entries (only these ``authors``' if given), in the order they came."""
    if authors is None:
        found = _prepared("entries").tuples(step=row.id)
    elif len(authors) == 1:  # the author of the one answer of a turn
        found = sorted(_prepared("entries_by").tuples(step=row.id, one=next(iter(authors))))
    else:
        found = sorted(_rows(_statement("entries", only=True),
                             {"step": row.id, "only": list(authors)}))  # by id: as they came
    payload = _Payloads()
    return [EntryData(entry_id, author, slot, payload(stored), participant_id,
                      names.get(participant_id), author == mine_author)
            for entry_id, author, slot, stored, participant_id in found]


class _Payloads(dict):
    """The entries' payloads of one read, decoded from their stored JSON, each the view's own
    (lifecycle's state rule). A room that answered gives the same few payloads by the hundred
    (``{"choice": "agree"}``): one made of plain values only is decoded once per read and handed
    out as a copy, which is a whole copy and costs a fraction of decoding the text again; any
    other is decoded afresh. Nothing outlives the read."""

    def __call__(self, stored: str | None):
        if stored is None:
            return None
        if (known := self.get(stored)) is not None:
            return known.copy() if known is not _NESTED else json.loads(stored)
        value = json.loads(stored)
        plain = type(value) is dict and all(type(v) in _PLAIN for v in value.values())
        self[stored] = value.copy() if plain else _NESTED
        return value


_PLAIN, _NESTED = frozenset({str, int, float, bool, type(None)}), object()


def build(workshop: Workshop, activity: Activity, row: StepState, *,
          viewer: Participant | None = None, participants=None, people_rows=None,
          entries_on_first_use: bool = False) -> StepView:
    """The step as its work form sees it; ``participants`` in place of the session's own (the
    session report hands anonymous steps participants without names); ``people_rows`` when the
    caller has just read them with ``people``. Otherwise the people are read when someone looks
    at them: taking an answer in a session of a thousand need not read the thousand."""
    step = step_of(activity, row)
    workshop_id, named = workshop.id, workshop.named
    rows = OnFirstUse(lambda: people(workshop_id)) if people_rows is None else people_rows
    show_names = named and step.visibility in (NAMED, TRAINER_ONLY)
    names = {p.id: p.display_name for p in rows} if show_names else {}
    mine_author = (author_key(row.id, viewer.id, step.visibility) if viewer else None)
    if entries_on_first_use:  # taking answers: most work forms never look at the others'
        entries = OnFirstUse(lambda: entries_of(row, names, mine_author))
    else:
        entries = entries_of(row, names, mine_author)
    return StepView(
        activity_id=activity.id, activity_title=activity.title, config=activity.config,
        state=stored(activity, "state"), step=step,
        data=stored(row, "data"),
        status=row.status, revealed=row.revealed, set_aside=row.set_aside, notes=row.notes,
        entries=entries,
        participants=OnFirstUse(lambda: _participants(rows, named))
        if participants is None else participants,
        names_to_mask=OnFirstUse(lambda: names_to_mask(rows)),
        named_session=workshop.named,
        minimum_group=current_app.config["MINIMUM_GROUP"],
    )


def own_entries_at(activity: Activity, participant_id: int, step_key: str) -> list[EntryData]:
    """One participant's own entries at a step of the activity, marked ``mine``: for that
    person's own phone only (``StepView.mine_at``). An anonymous step is searched by the keyed
    hash that identifies the author within that step, as when its entries are marked mine."""
    row = db.session.scalar(select(StepState).where(StepState.activity_id == activity.id,
                                                    StepState.key == step_key))
    if row is None:
        return []
    author = author_key(row.id, participant_id, step_of(activity, row).visibility)
    return entries_of(row, {}, author, authors={author})


def outline(workshop_id: int) -> list[tuple[int, int]]:
    """(activity id, step id) of every step of the session, in order: plain rows."""
    return [(place.activity_id, place.step_id) for place in places(workshop_id)]


class OutlineRow(NamedTuple):
    activity_id: int
    activity: str  # the activity's title
    kind: str
    config: str  # as stored: the key of its plan
    key: str
    status: str
    revealed: bool
    set_aside: bool


def outline_rows(workshop: Workshop) -> list[OutlineRow]:
    """Every step of the session with what the console's outline shows of it, as plain rows in
    one query: no activity's state or step's data is read and decoded for it."""
    return [OutlineRow(*row) for row in _read("outline_rows", workshop=workshop.id)]


def step_in_outline(workshop: Workshop, row: OutlineRow) -> Step:
    """``step_of`` for a row of ``outline_rows``."""
    steps = _plan(row.activity_id, row.kind, (row.config,), _language(workshop))
    return _step_keyed(steps, row.activity_id, row.key)


class Place(NamedTuple):
    """A step in its place in the session's order, with what moving the group needs of it."""

    activity_id: int
    step_id: int
    key: str
    status: str


def places(workshop_id: int) -> list[Place]:
    """Every step of the session in order, as plain rows: what a step change reads to find the
    step it leaves and the one it enters (not every activity's config and state, as mapped
    objects, as ``flat_steps`` does)."""
    return [Place(*row) for row in _read("places", workshop=workshop_id)]


def step_at(workshop: Workshop, place: Place) -> tuple[Loaded, Loaded]:
    """The activity and step row of ``place``, as ``Loaded`` rows (read afresh, for reading)."""
    activity, row = _PLACED.split(_read("activity_and_step", step=place.step_id)[0])
    activity.workshop = workshop
    return activity, row


def mapped(activity, row, *, afresh: bool = False) -> tuple[Activity, StepState]:
    """The mapped objects of an activity and step row that may be ``Loaded`` rows, for writing;
    ``afresh``: read again even if the session holds them (what ``set_status`` wrote shows)."""
    if isinstance(activity, Loaded) or afresh:
        activity = db.session.get(Activity, activity.id, populate_existing=afresh)
    if isinstance(row, Loaded) or afresh:
        row = db.session.get(StepState, row.id, populate_existing=afresh)
    return activity, row


def set_status(place: Place, status: str) -> None:
    """Open or close a step with one statement, past the ORM (a step change writes little and
    should cost little: the session's phones wait for it). A mapped object of the step that the
    database session already holds is not told: read it ``afresh`` (``mapped``)."""
    db.session.connection().execute(_set_status(), {"step": place.step_id, "status": status})


@cache
def _set_status():
    steps = StepState.__table__
    return steps.update().where(steps.c.id == STEP).values(status=bindparam("status"))


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
    """The step the session is or was last at, whatever its status (one row, not the outline)."""
    in_order = (select(Activity, StepState).join(StepState, StepState.activity_id == Activity.id)
                .where(Activity.workshop_id == workshop.id))
    found = db.session.execute(in_order.order_by(Activity.position, StepState.position)
                               .offset(max(workshop.position, 0)).limit(1)).first()
    if found is None:  # past the end: the last step
        found = db.session.execute(in_order.order_by(
            Activity.position.desc(), StepState.position.desc()).limit(1)).first()
    return (found[0], found[1]) if found is not None else None


def workshop_and_step(workshop_id: int):
    """(workshop, (activity, step row) or None) read afresh as ``Loaded`` rows, in one round trip
    when the workshop is at a step (past the last step: the last); None if the workshop no longer
    exists. For every answer and every refresh."""
    found = _read("workshop_and_step", workshop=workshop_id) or \
        _read("workshop_and_last_step", workshop=workshop_id)
    if found:
        workshop, activity, row = _LOADED.split(found[0])
        activity.workshop = workshop
        return workshop, (activity, row)
    alone = _read("workshop", workshop=workshop_id)  # a workshop without steps
    return (Loaded(**alone[0]._asdict()), None) if alone else None


def at_position(workshop: Workshop, steps: list):
    """The step the session is or was last at, from its ``flat_steps`` or ``places``."""
    return steps[min(workshop.position, len(steps) - 1)] if steps else None
