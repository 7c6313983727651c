"""Following up the team plan in a later session: what a work form may read and change.

A work form works on plain data and cannot reach the database. A review of the team plan needs
two things from the host, offered as public functions in ``facilitator`` (see its ``__init__``):
the open agreements of the session's team, as plain dicts it can keep in its state, and a way to
set an agreement's status. Both are keyed by the activity, so a work form can only reach the plan
of the team whose session it runs in. The status change joins the trainer's action: the host
commits both together, and the agreement's history says which session it came from.
"""

from __future__ import annotations

from ..contract.workform import ActionRejected, InputRejected
from ..extensions import db
from ..i18n import _
from ..sessions.models import Activity, Agreement, Workshop
from . import plan


def _workshop(activity_id: int) -> Workshop:
    activity = db.session.get(Activity, activity_id)
    if activity is None:
        raise LookupError(f"no activity {activity_id}")
    return activity.workshop


def open_agreements(activity_id: int) -> list[dict]:
    """The open and in-progress agreements of the team of this activity's session, in the plan's
    order, made in earlier sessions or on the team plan page. Each is a dict with ``id``, ``text``,
    ``kind``, ``owner``, ``due`` (ISO date or None) and ``status``. Empty without a team."""
    workshop = _workshop(activity_id)
    if workshop.team is None:
        return []
    return [{"id": a.id, "text": a.text, "kind": a.kind, "owner": a.owner,
             "due": a.due.date().isoformat() if a.due else None, "status": a.status}
            for a in plan.ordered(workshop.team)
            if a.status in plan.ACTIVE and a.workshop_id != workshop.id]


def earlier_sessions(activity_id: int) -> list[dict]:
    """The other sessions of this activity's team that started before this one, oldest first, as
    the plain data of ``extra_team_plan_sections`` (``id``, ``title``, ``held_on``,
    ``activities``), each with only its activities of this activity's own work form (their
    ``state``, a copy). For a work form that compares with an earlier run (a 0/1-measurement).
    Empty without a team."""
    from sqlalchemy import select

    from .sections import _plain

    activity = db.session.get(Activity, activity_id)
    if activity is None:
        raise LookupError(f"no activity {activity_id}")
    workshop = activity.workshop
    if workshop.team_id is None:
        return []
    this = workshop.started_at or workshop.created_at
    others = [w for w in db.session.scalars(
        select(Workshop).where(Workshop.team_id == workshop.team_id, Workshop.id != workshop.id)
        .order_by(Workshop.id))
        if this is None or (w.started_at or w.created_at) is None
        or (w.started_at or w.created_at) <= this]
    others.sort(key=lambda w: (w.started_at or w.created_at, w.id))
    found = []
    for session in _plain(others):
        session["activities"] = [a for a in session["activities"] if a["type"] == activity.type]
        if session["activities"]:
            found.append(session)
    return found


def set_agreement_status(activity_id: int, agreement_id: int, status: str, note: str = "") -> bool:
    """Set the status of an agreement of this session's team, with a note for its history (for
    example the group's grade). Return False when it already had that status. Raises
    ``ActionRejected`` for an agreement of another team or an unknown status."""
    workshop = _workshop(activity_id)
    agreement = db.session.get(Agreement, agreement_id) if str(agreement_id).isdigit() else None
    if agreement is None or workshop.team_id is None or agreement.team_id != workshop.team_id:
        raise ActionRejected(_("This agreement is not in this team's plan."))
    note = _("In the session “%(title)s”. %(note)s", title=workshop.title, note=note).strip()
    try:
        changes = plan.edit(agreement, {"status": status}, workshop.trainer, action="reviewed",
                            note=note)
    except InputRejected as refused:
        raise ActionRejected(refused.message) from None
    return bool(changes)
