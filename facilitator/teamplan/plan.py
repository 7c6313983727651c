"""The team plan's agreements: add, edit, merge and re-order them, each change kept in a history.

No request or response here. Functions change the session's objects and leave the commit to the
caller, so that a change made during a live session is committed with the trainer's action.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import select, update

from ..contract.text import clean
from ..contract.workform import InputRejected
from ..exports.document import KINDS, STATUSES
from ..extensions import db
from ..i18n import _
from ..sessions.models import Activity, Agreement, Team, User, Workshop, utcnow
from .models import AgreementChange, TeamPlan

ACTIVE = ("open", "in_progress")
FIELDS = ("text", "kind", "owner", "due", "status", "outside_help", "expected_result",
          "expected_term", "outside_asked_on", "outside_answer")
DAYS = ("due", "expected_term", "outside_asked_on")
TEXT_LIMIT = 2000


# -- reading ------------------------------------------------------------------------------------

def _order_key(agreement: Agreement) -> tuple:
    """Open work first, then done and dropped; within each, the team's own order, newest last."""
    return (agreement.status not in ACTIVE, agreement.position == 0, agreement.position, agreement.id)


def ordered(team: Team) -> list[Agreement]:
    rows = db.session.scalars(select(Agreement).where(Agreement.team_id == team.id,
                                                      Agreement.withdrawn_at.is_(None)))
    return sorted(rows, key=_order_key)


def is_overdue(agreement: Agreement, today: date | None = None) -> bool:
    return (agreement.due is not None and agreement.status in ACTIVE
            and agreement.due.date() < (today or date.today()))


def summary(agreements: list[Agreement], today: date | None = None) -> dict[str, int]:
    counts = {status: 0 for status in STATUSES}
    for agreement in agreements:
        counts[agreement.status] = counts.get(agreement.status, 0) + 1
    counts["overdue"] = sum(is_overdue(a, today) for a in agreements)
    return counts


def history(agreement: Agreement) -> list[AgreementChange]:
    return list(db.session.scalars(select(AgreementChange).where(
        AgreementChange.agreement_id == agreement.id).order_by(AgreementChange.at.desc(),
                                                              AgreementChange.id.desc())))


def recent_changes(team: Team, limit: int = 8) -> list[tuple[AgreementChange, Agreement]]:
    rows = db.session.execute(
        select(AgreementChange, Agreement).join(Agreement, Agreement.id == AgreementChange.agreement_id)
        .where(Agreement.team_id == team.id)
        .order_by(AgreementChange.at.desc(), AgreementChange.id.desc()).limit(limit))
    return [(change, agreement) for change, agreement in rows]


def details(team: Team) -> TeamPlan:
    return db.session.get(TeamPlan, team.id) or TeamPlan(team_id=team.id, goals="")


def source_of(agreement: Agreement) -> Workshop | None:
    return db.session.get(Workshop, agreement.workshop_id) if agreement.workshop_id else None


def activity_of(agreement: Agreement) -> Activity | None:
    """The activity (work form) of the session the agreement was made in, if known."""
    return db.session.get(Activity, agreement.activity_id) if agreement.activity_id else None


def activities_of(agreements: list[Agreement]) -> dict[int, Activity]:
    """The activities the agreements were made in, by id, in one query."""
    ids = {a.activity_id for a in agreements if a.activity_id}
    if not ids:
        return {}
    return {a.id: a for a in db.session.scalars(select(Activity).where(Activity.id.in_(ids)))}


# -- checking input -----------------------------------------------------------------------------

def parse_day(value, label: str) -> date | None:
    """A date typed as 2026-03-01 (what an <input type=date> sends); empty means none."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        day = date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputRejected(_("%(what)s: give a date such as 2026-03-01.", what=label)) from None
    if not 2000 <= day.year <= 2100:
        raise InputRejected(_("%(what)s: give a date such as 2026-03-01.", what=label))
    return day


def validated(data: Mapping, *, partial: bool = False) -> dict:
    """The agreement fields in ``data``, checked and cleaned; with ``partial`` only those given."""
    fields = {}
    wanted = [f for f in FIELDS if f in data] if partial else FIELDS
    for name in wanted:
        value = data.get(name)
        if name == "text":
            fields[name] = clean(value, limit=TEXT_LIMIT, multiline=True, label=_("The agreement"))
        elif name == "kind":
            fields[name] = value or "working_agreement"
            if fields[name] not in KINDS:
                raise InputRejected(_("Unknown kind of agreement."))
        elif name == "status":
            fields[name] = value or "open"
            if fields[name] not in STATUSES:
                raise InputRejected(_("Unknown status."))
        elif name == "owner":
            fields[name] = clean(value, limit=120, required=False, label=_("Who")) or None
        elif name == "outside_help":
            fields[name] = clean(value, limit=200, required=False, label=_("Outside help")) or None
        elif name == "expected_result":
            fields[name] = clean(value, limit=500, required=False, multiline=True,
                                 label=_("Expected result")) or None
        elif name == "outside_answer":
            fields[name] = clean(value, limit=1000, required=False, multiline=True,
                                 label=_("Their answer")) or None
        elif name in DAYS:
            day = parse_day(value, {"due": _("When"), "expected_term": _("Result visible by"),
                                    "outside_asked_on": _("Asked on")}[name])
            fields[name] = datetime.combine(day, datetime.min.time()) if day else None
    return fields


# -- changing -----------------------------------------------------------------------------------

def _plain(value):
    """A field value as it is kept in the history (JSON): dates as ISO text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value


def record(agreement: Agreement, user: User | None, action: str, changes: dict | None = None,
           note: str = "") -> AgreementChange:
    change = AgreementChange(agreement_id=agreement.id, user_id=user.id if user else None,
                             actor=user.shown_name if user else "", action=action,
                             changes=changes or {}, note=note)
    db.session.add(change)
    return change


def _apply(agreement: Agreement, fields: dict) -> dict:
    changes = {}
    for name, value in fields.items():
        before = getattr(agreement, name)
        if before != value:
            changes[name] = [_plain(before), _plain(value)]
            setattr(agreement, name, value)
    if changes:
        agreement.updated_at = utcnow()
    return changes


def add(team: Team, data: Mapping, user: User) -> Agreement:
    agreement = Agreement(team_id=team.id, **validated(data))
    db.session.add(agreement)
    db.session.flush()
    record(agreement, user, "created")
    return agreement


def edit(agreement: Agreement, data: Mapping, user: User | None, *, action: str | None = None,
         note: str = "") -> dict:
    """Change the fields given in ``data``; return what changed (nothing is recorded if nothing did).

    An open point the team takes up (in progress or done) gets an owner and a date (METHODS)."""
    fields = validated(data, partial=True)
    taken_up = fields.get("status", agreement.status) in ("in_progress", "done")
    if fields.get("kind", agreement.kind) == "open_point" and taken_up and not (
            fields.get("owner", agreement.owner) and fields.get("due", agreement.due)):
        raise InputRejected(_("An open point the team takes up gets an owner and a date: fill "
                              "in who and when."))
    changes = _apply(agreement, fields)
    if changes:
        record(agreement, user, action or ("status" if set(changes) == {"status"} else "edited"),
               changes, note)
    return changes


def withdraw(agreement: Agreement, user: User | None, note: str = "") -> None:
    """Take an agreement out of the plan; it stays in the database with its history."""
    agreement.withdrawn_at = agreement.updated_at = utcnow()
    record(agreement, user, "withdrawn", {}, note)


def merge(team: Team, agreements: list[Agreement], data: Mapping, user: User) -> Agreement:
    """Make one agreement of several: the first in the plan keeps its place and its session link,
    takes the fields given, and the others' history; the others are removed, their text kept in
    the history."""
    if len(agreements) < 2:
        raise InputRejected(_("Choose at least two agreements to merge."))
    if any(a.team_id != team.id for a in agreements):
        raise InputRejected(_("Only agreements of this team can be merged."))
    target, *others = sorted(agreements, key=_order_key)
    changes = _apply(target, validated(data))
    merged = [_("“%(text)s”", text=other.text) for other in others]
    for other in others:
        db.session.execute(update(AgreementChange).where(AgreementChange.agreement_id == other.id)
                           .values(agreement_id=target.id))
        db.session.delete(other)
    record(target, user, "merged", changes, _("Merged with: %(texts)s", texts="; ".join(merged)))
    return target


def reorder(team: Team, agreement_ids: list[int], user: User) -> None:
    """Put the team's agreements in this order (every agreement of the team, each once)."""
    current = ordered(team)
    by_id = {a.id: a for a in current}
    if sorted(agreement_ids) != sorted(by_id):
        raise InputRejected(_("Give every agreement of this team once to change the order."))
    places = {a.id: place for place, a in enumerate(current, start=1)}
    for position, agreement_id in enumerate(agreement_ids, start=1):
        by_id[agreement_id].position = position
    for place, agreement in enumerate(sorted(by_id.values(), key=_order_key), start=1):
        if places[agreement.id] != place:
            record(agreement, user, "moved", {"position": [places[agreement.id], place]})


def move(agreement: Agreement, team: Team, steps: int, user: User) -> None:
    """Move one agreement up (negative) or down among the agreements of the same group."""
    order = ordered(team)
    group = [a for a in order if (a.status in ACTIVE) == (agreement.status in ACTIVE)]
    index = group.index(agreement)
    target = max(0, min(len(group) - 1, index + steps))
    if target == index:
        return
    group.insert(target, group.pop(index))
    others = [a for a in order if a not in group]
    reorder(team, [a.id for a in (group + others if agreement.status in ACTIVE else others + group)],
            user)


def set_details(team: Team, goals, evaluation_on) -> TeamPlan:
    plan = details(team)
    plan.goals = clean(goals, limit=4000, required=False, multiline=True, label=_("The list of goals"))
    plan.evaluation_on = parse_day(evaluation_on, _("Evaluation moment"))
    plan.updated_at = utcnow()
    db.session.add(plan)
    return plan
