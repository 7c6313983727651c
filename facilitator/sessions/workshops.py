"""Workshops: creating one from a scenario and moving it through its steps (the trainer's side).

No socket code here: each function works on the database, commits, and announces the change.
"""

from __future__ import annotations

import copy
import secrets
import threading
from collections import defaultdict
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..contract import lifecycle
from ..contract.plugins import work_form
from ..contract.text import clean
from ..contract.workform import (
    AGREEMENT_KINDS,
    ActionRejected,
    ConfigInvalid,
    InputRejected,
    NewAgreement,
    WorkForm,
)
from ..extensions import db
from ..i18n import _
from ..teamplan.models import AgreementChange
from . import countdown, joincodes, stepviews
from .events import track
from .models import Activity, Agreement, Entry, StepState, Team, User, Workshop, utcnow
from .scenarios import Scenario
from .signals import workshop_changed

_locks: defaultdict[int, threading.RLock] = defaultdict(threading.RLock)


def lock(workshop_id: int) -> threading.RLock:
    """Serialises changes to one workshop's state within this process (rows are locked too)."""
    return _locks[workshop_id]


def team_named(name: str | None) -> Team | None:
    if not name:
        return None
    name = clean(name, limit=120, label=_("Team name"))
    team = db.session.scalar(select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
    return team


def create(scenario: Scenario, trainer: User, *, team_name: str | None = None,
           named: bool | None = None, title: str | None = None) -> Workshop:
    team = team_named(team_name)
    for _attempt in range(20):
        code = joincodes.new_code()
        if db.session.scalar(select(Workshop.id).where(Workshop.code == code)) is None:
            break
    workshop = Workshop(
        code=code, screen_key=secrets.token_urlsafe(24), title=title or scenario.title,
        scenario_id=scenario.id, trainer_id=trainer.id, team_id=team.id if team else None,
        named=scenario.named if named is None else named, language=scenario.language,
    )
    db.session.add(workshop)
    db.session.flush()
    for position, item in enumerate(scenario.activities):
        activity = Activity(workshop_id=workshop.id, position=position, type=item["type"],
                            title=item["title"], config=item["config"], state={})
        db.session.add(activity)
        db.session.flush()
        for index, step in enumerate(work_form(item["type"]).plan(item["config"])):
            db.session.add(StepState(activity_id=activity.id, position=index, key=step.key))
    db.session.commit()
    track("workshop_created", workshop.id, {"scenario": scenario.id})
    return workshop


def duplicate(workshop: Workshop, trainer: User) -> Workshop:
    """A new session with the same scenario and settings (activities as configured, team, named
    or not, language) and a new code; nothing of what happened in the first one."""
    scenario = Scenario(id=workshop.scenario_id, title=workshop.title, language=workshop.language,
                        named=workshop.named,
                        activities=[{"type": a.type, "title": a.title,
                                     "config": copy.deepcopy(a.config)} for a in workshop.activities])
    return create(scenario, trainer, team_name=workshop.team.name if workshop.team else None,
                  named=workshop.named)


def by_code(code: str) -> Workshop | None:
    return db.session.scalar(select(Workshop).where(Workshop.code == joincodes.normalise(code)))


# -- moving through the steps ---------------------------------------------------------------

def _arrive(workshop: Workshop, position: int,
            steps: list[stepviews.Place] | None = None) -> list[tuple[str, dict]]:
    """Move the group to ``position``; return the events to announce once committed. ``steps``:
    the session's ``stepviews.places``, if the caller has read them.

    Fifty sessions may move on at the same moment, and each one's phones wait for its step
    change: it reads the steps as plain rows, writes the two statuses with a statement each, and
    loads mapped objects only for what a work form changes."""
    steps = stepviews.places(workshop.id) if steps is None else steps
    if not steps:
        raise ActionRejected(_("This session has no steps."))
    position = max(0, min(position, len(steps) - 1))
    previous = stepviews.at_position(workshop, steps) if workshop.status == "running" else None
    if previous and workshop.position != position:
        if previous.status == "open":
            stepviews.set_status(previous, "closed")
        _leave(workshop, *stepviews.step_at(workshop, previous))
    workshop.position = position
    workshop.status = "running"
    here = steps[position]
    if here.status == "pending":
        stepviews.set_status(here, "open")
    activity, row = stepviews.step_at(workshop, here)
    if not activity.state.get("_arrived"):
        activity, row = stepviews.mapped(activity, row, afresh=True)
        form = work_form(activity.type)
        if _looks(form, "arrive"):
            changes = lifecycle.arrive(form, stepviews.build(workshop, activity, row))
            changes.state["_arrived"] = True
            store_view_changes(workshop, activity, row, changes)
        else:  # nothing to set up: only the host's mark
            activity.state = {**activity.state, "_arrived": True}
    return [("step_opened", {"activity": here.activity_id, "step": here.key})]


def _looks(form, moment: str) -> bool:
    """Whether the work form does something at this moment of its life (``arrive``, ``leave``):
    if it keeps the contract's empty method, the step need not be read for it."""
    return getattr(type(form), moment) is not getattr(WorkForm, moment)


def _leave(workshop: Workshop, activity, row) -> None:
    """Let the work form carry what the step gathered into the activity's state (``activity``
    and ``row`` mapped, or ``Loaded`` rows: mapped objects are loaded only to store a change)."""
    if not _looks(form := work_form(activity.type), "leave"):
        return
    # the entries are read only if the work form looks at them (most carry nothing on)
    view = stepviews.build(workshop, activity, row, entries_on_first_use=True)
    changes = lifecycle.leave(form, view)
    if changes.leave_as_they_were(stepviews.stored(activity, "state"),
                                  stepviews.stored(row, "data")):
        return
    store_view_changes(workshop, *stepviews.mapped(activity, row), changes)


def control(workshop_id: int, action: str, data: dict) -> None:
    """Carry out a trainer's action on the workshop with this id, read afresh under its lock;
    raise ActionRejected when it does not fit."""
    data = data if isinstance(data, dict) else {}
    events: list[tuple[str, dict]] = []
    with lock(workshop_id):
        workshop = db.session.get(Workshop, workshop_id, populate_existing=True)
        if workshop is None:
            raise ActionRejected(_("This session no longer exists."))
        if workshop.status == "ended" and action != "reopen":
            raise ActionRejected(_("This session has ended."))
        if action == "start":
            if workshop.status == "waiting":
                workshop.started_at = utcnow()
            events += _arrive(workshop, workshop.position if workshop.status == "running" else 0)
        elif action in ("next", "previous", "goto"):
            if workshop.status != "running":
                raise ActionRejected(_("Start the session first."))
            steps = stepviews.places(workshop.id)
            _still_at(workshop, data, steps)
            if action == "goto":
                target = _int(data.get("position"))
            else:
                target = workshop.position + (1 if action == "next" else -1)
            events += _arrive(workshop, target, steps)
        elif action == "end":
            if (here := stepviews.current_any(workshop)) and here[1].status == "open":
                here[1].status = "closed"
            if here and workshop.status == "running":
                _leave(workshop, *here)  # book what the step gathered, as moving on would
            for activity, row in stepviews.flat_steps(workshop):  # what must not outlive it
                if activity.state.get("_arrived"):
                    store_view_changes(workshop, activity, row, lifecycle.ended(
                        work_form(activity.type), stepviews.build(workshop, activity, row)))
            workshop.status = "ended"
            workshop.ended_at = utcnow()
        else:
            _step_action(workshop, action, data)
        db.session.commit()
    for event, detail in events:  # only now: what a plugin hears about has happened
        track(event, workshop_id, detail)
    track(action, workshop_id, {})
    workshop_changed.send(current_app._get_current_object(), workshop_id=workshop_id,
                          scope="all")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ActionRejected(_("That step does not exist.")) from None


def _still_at(workshop: Workshop, data: dict, steps: list[stepviews.Place] | None = None) -> None:
    """Refuse what a console sent for a step the group has left (another window moved on)."""
    if steps is not None and workshop.status == "running":
        here = stepviews.at_position(workshop, steps)
        key = here.key if here is not None else None
    else:
        here = stepviews.current(workshop)
        key = here[1].key if here is not None else None
    if key is not None and data.get("step") not in (None, key):
        raise ActionRejected(_("The session has moved on; this was for another step."))


def _step_action(workshop: Workshop, action: str, data: dict) -> None:
    here = stepviews.current(workshop)
    if here is None:
        raise ActionRejected(_("Start the session first."))
    _still_at(workshop, data)
    activity, row = here
    if action == "open":
        row.status = "open"
    elif action == "close":
        row.status = "closed"
    elif action == "reveal":
        row.revealed = True
    elif action == "hide":
        row.revealed = False
    elif action == "set_aside":
        row.set_aside = not row.set_aside
    elif action == "notes":
        row.notes = clean(data.get("notes"), limit=5000, required=False, multiline=True,
                          label=_("The notes"))
    elif action == "agreement":
        add_agreement(workshop, activity, row, data)
    elif action == "countdown":
        countdown.act(stepviews.step_of(activity, row), row, str(data.get("do")))
    else:
        _plugin_action(workshop, activity, row, action, data)


def add_agreement(workshop: Workshop, activity: Activity | None, row: StepState | None,
                  data: dict) -> Agreement:
    text = clean(data.get("text"), limit=2000, multiline=True, label=_("The agreement"))
    kind = data.get("kind") or "working_agreement"
    if kind not in AGREEMENT_KINDS:
        raise ActionRejected(_("Unknown kind of agreement."))
    due = None
    if data.get("due"):
        try:
            due = datetime.combine(date.fromisoformat(str(data["due"])), datetime.min.time())
        except ValueError:
            raise ActionRejected(_("The date is not valid.")) from None
    agreement = Agreement(
        team_id=workshop.team_id, workshop_id=workshop.id,
        activity_id=activity.id if activity else None, step_key=row.key if row else None,
        text=text, kind=kind, due=due,
        owner=clean(data.get("owner"), limit=120, required=False, label=_("Who")) or None,
        outside_help=clean(data.get("outside_help"), limit=200, required=False) or None,
    )
    db.session.add(agreement)
    return agreement


def _withdraw_agreement(workshop: Workshop, activity: Activity, row: StepState,
                        agreement: NewAgreement) -> None:
    """Remove an agreement the step proposed, unless someone has taken it up in the team plan
    (changed its status or edited it): then it is the team's and stays."""
    for stored in db.session.scalars(select(Agreement).where(
            Agreement.workshop_id == workshop.id, Agreement.activity_id == activity.id,
            Agreement.step_key == row.key, Agreement.kind == agreement.kind,
            Agreement.text == clean(agreement.text, limit=2000, required=False, multiline=True),
            Agreement.status == "open")):
        edited = db.session.scalar(select(AgreementChange.id).where(
            AgreementChange.agreement_id == stored.id, AgreementChange.action != "created"))
        if edited is None:
            db.session.delete(stored)
            return


def _reconfigure(activity: Activity, row: StepState, config: dict) -> None:
    """The activity's configuration for the rest of the session (``view.change_config``): checked
    by the work form, its steps planned anew. The steps up to ``row`` (where the group is) stay
    where they are, so the session's position stays true; a later step may come or go only while
    the group has not been at it."""
    form = work_form(activity.type)
    try:
        config = lifecycle.handed(form.validate_config(config), "the new config", form)
    except ConfigInvalid as wrong:
        raise ActionRejected(wrong.problems[0].message if wrong.problems else str(wrong)) from None
    keys = [step.key for step in form.plan(config)]
    rows = sorted(activity.steps, key=lambda r: r.position)
    passed = [r.key for r in rows if r.position <= row.position]
    if keys[:len(passed)] != passed:
        raise ActionRejected(_("This change would alter steps the group has already passed."))
    by_key = {r.key: r for r in rows}
    for gone in (r for r in rows if r.key not in keys):
        if gone.status != "pending" or db.session.scalar(
                select(Entry.id).where(Entry.step_id == gone.id).limit(1)) is not None:
            raise ActionRejected(_("The group has already been at a step this change would "
                                   "take out."))
        db.session.delete(gone)
    for position, key in enumerate(keys):
        if key in by_key:
            by_key[key].position = position
        else:
            db.session.add(StepState(activity_id=activity.id, position=position, key=key))
    activity.config = config
    activity._planned = None  # planned anew from the new config (see stepviews.plan)
    db.session.flush()
    db.session.expire(activity, ["steps"])


def _plugin_action(workshop, activity, row, action, data) -> None:
    view = stepviews.build(workshop, activity, row)
    store_view_changes(workshop, activity, row,
                       lifecycle.act(work_form(activity.type), view, action, data))


def store_view_changes(workshop: Workshop, activity: Activity, row: StepState,
                       changes: lifecycle.Changes) -> None:
    """Write back what a work form changed (see ``lifecycle.Changes``): state, data, entries,
    agreements and the statuses of agreements it asked for; the caller commits."""
    from ..teamplan.followup import set_agreement_status

    activity.state = changes.state
    row.data = changes.data
    for entry_id, payload in changes.payloads.items():
        if (stored := db.session.get(Entry, entry_id)) is not None:
            stored.payload = payload
            stored.updated_at = utcnow()
    for entry_id in changes.removed:
        if (stored := db.session.get(Entry, entry_id)) is not None:
            db.session.delete(stored)
    for added in changes.added:
        db.session.add(Entry(step_id=row.id, author="trainer", slot=added.slot or
                             secrets.token_hex(8), payload=added.payload))
    for proposal in changes.agreements:
        add_agreement(workshop, activity, row, proposal.__dict__)
    for taken_back in changes.withdrawn:
        _withdraw_agreement(workshop, activity, row, taken_back)
    for change in changes.statuses:
        set_agreement_status(activity.id, change.agreement_id, change.status, change.note)
    if changes.notes is not None:
        row.notes = changes.notes
    if changes.config is not None:
        _reconfigure(activity, row, changes.config)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise InputRejected(_("That was just changed by someone else; please try again.")) \
            from None
