"""The team pages: the list of teams, a team's details and leads, and the team plan itself, where
trainers and team leads edit, merge, re-order and follow up the agreements."""

from __future__ import annotations

from datetime import date
from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_login import current_user, login_required

from ..contract.text import clean
from ..contract.workform import InputRejected
from ..exports import labels
from ..exports.document import KINDS, STATUSES
from ..extensions import db
from ..i18n import _, _l
from . import access, documents, plan, teams
from .sections import extra_documents, extra_sections

bp = Blueprint("teamplan", __name__, static_folder="static", static_url_path="/teamplan/static")


ACTIONS = {"created": _l("Added"), "edited": _l("Edited"), "status": _l("Status changed"),
           "moved": _l("Moved"), "merged": _l("Merged"), "reviewed": _l("Reviewed in a session"),
           "withdrawn": _l("Withdrawn")}
FIELD_NAMES = {"text": _l("What"), "kind": _l("Kind"), "owner": _l("Who"), "due": _l("When"),
               "status": _l("Status"), "outside_help": _l("Outside help"), "position": _l("Place"),
               "expected_result": _l("Expected result"), "expected_term": _l("Result visible by"),
               "outside_asked_on": _l("Asked on"), "outside_answer": _l("Their answer")}


def _shown(field: str, value) -> str:
    if value in (None, ""):
        return "–"
    if field == "status":
        return labels.status_label(value)
    if field == "kind":
        return labels.kind_label(value)
    if field in plan.DAYS:
        return format_date(date.fromisoformat(value), "short")
    return str(value)


def change_lines(change) -> list[str]:
    """What a history entry changed, one line per field, e.g. "Status: Open → Done"."""
    return [f"{FIELD_NAMES.get(field, field)}: {_shown(field, before)} → {_shown(field, after)}"
            for field, (before, after) in change.changes.items()]


@bp.context_processor
def labels_for_templates():
    return {"status_label": labels.status_label, "kind_label": labels.kind_label,
            "kinds": KINDS, "statuses": STATUSES, "is_overdue": plan.is_overdue,
            "today": date.today(), "actions": ACTIONS, "change_lines": change_lines}


def trainer_only(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user.role != access.TRAINER:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def _done(message: str, target: str):
    db.session.commit()
    flash(message, "ok")
    return redirect(target)


def _refused(refused: InputRejected, target: str):
    db.session.rollback()
    flash(refused.message, "error")
    return redirect(target)


# -- teams ------------------------------------------------------------------------------------------

@bp.route("/teams")
@login_required
def team_list():
    found = access.teams_of(current_user)
    return render_template("teamplan/teams.html", teams=found, overview=teams.overview(found))


@bp.route("/teams", methods=["POST"])
@login_required
@trainer_only
def create_team():
    try:
        team = teams.create(request.form.get("name"), request.form.get("unit"))
    except InputRejected as refused:
        return _refused(refused, url_for(".team_list"))
    return _done(_("Team %(name)s has been created.", name=team.name),
                 url_for(".team_plan", team_id=team.id))


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
@login_required
@trainer_only
def edit_team(team_id: int):
    team = access.team_for(current_user, team_id)
    if request.method == "POST":
        try:
            teams.edit(team, request.form.get("name"), request.form.get("unit"))
        except InputRejected as refused:
            return _refused(refused, url_for(".edit_team", team_id=team.id))
        return _done(_("The team has been saved."), url_for(".team_plan", team_id=team.id))
    return render_template("teamplan/team_edit.html", team=team, leads=teams.leads(team))


@bp.route("/teams/<int:team_id>/leads", methods=["POST"])
@login_required
@trainer_only
def link_lead(team_id: int):
    team = access.team_for(current_user, team_id)
    target = url_for(".edit_team", team_id=team.id)
    try:
        lead = teams.link_lead(team, request.form.get("email"))
    except InputRejected as refused:
        return _refused(refused, target)
    return _done(_("%(email)s now sees this team plan.", email=lead.email), target)


@bp.route("/teams/<int:team_id>/leads/<int:user_id>/remove", methods=["POST"])
@login_required
@trainer_only
def unlink_lead(team_id: int, user_id: int):
    team = access.team_for(current_user, team_id)
    teams.unlink_lead(team, user_id)
    return _done(_("The team lead no longer sees this team plan."),
                 url_for(".edit_team", team_id=team.id))


# -- the team plan ----------------------------------------------------------------------------------

@bp.route("/teams/<int:team_id>")
@login_required
def team_plan(team_id: int):
    return _plan_page(access.team_for(current_user, team_id))


def _plan_page(team, new_agreement=None):
    """The team plan; ``new_agreement`` refills the form of a refused new agreement."""
    agreements = plan.ordered(team)
    sessions = teams.sessions(team)
    by_id, activities = {w.id: w for w in sessions}, plan.activities_of(agreements)
    sources = {a.id: documents.source_label(by_id[a.workshop_id], activities.get(a.activity_id))
               for a in agreements if a.workshop_id in by_id}
    return render_template(
        "teamplan/plan.html", team=team, details=plan.details(team), sessions=sessions,
        active=[a for a in agreements if a.status in plan.ACTIVE],
        finished=[a for a in agreements if a.status not in plan.ACTIVE],
        summary=plan.summary(agreements), changes=plan.recent_changes(team),
        sources=sources, sections=extra_sections(sessions), documents=extra_documents(sessions),
        new_agreement=new_agreement or {})


@bp.route("/teams/<int:team_id>/details", methods=["POST"])
@login_required
def plan_details(team_id: int):
    team = access.team_for(current_user, team_id)
    target = url_for(".team_plan", team_id=team.id) + "#goals"
    try:
        plan.set_details(team, request.form.get("goals"), request.form.get("evaluation_on"))
    except InputRejected as refused:
        return _refused(refused, target)
    return _done(_("Goals and evaluation moment saved."), target)


@bp.route("/teams/<int:team_id>/agreements", methods=["POST"])
@login_required
def add_agreement(team_id: int):
    team = access.team_for(current_user, team_id)
    try:
        agreement = plan.add(team, request.form, current_user)
    except InputRejected as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return _plan_page(team, request.form), 400
    return _done(_("The agreement has been added."),
                 url_for(".team_plan", team_id=team.id) + f"#a{agreement.id}")


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>", methods=["GET", "POST"])
@login_required
def agreement_page(team_id: int, agreement_id: int):
    team = access.team_for(current_user, team_id)
    agreement = access.agreement_for(current_user, team, agreement_id)
    values = {f: getattr(agreement, f) for f in plan.FIELDS}
    for day in plan.DAYS:
        values[day] = getattr(agreement, day).date().isoformat() if getattr(agreement, day) else ""
    if request.method == "POST":
        try:
            changed = plan.edit(agreement, {f: request.form.get(f) for f in plan.FIELDS}, current_user)
        except InputRejected as refused:
            db.session.rollback()
            flash(refused.message, "error")
            values = request.form
        else:
            message = _("The agreement has been saved.") if changed else _("Nothing was changed.")
            return _done(message, url_for(".team_plan", team_id=team.id) + f"#a{agreement.id}")
    return render_template("teamplan/agreement.html", team=team, agreement=agreement, values=values,
                           history=plan.history(agreement), source=plan.source_of(agreement),
                           activity=plan.activity_of(agreement)), \
        400 if request.method == "POST" else 200


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>/status", methods=["POST"])
@login_required
def agreement_status(team_id: int, agreement_id: int):
    team = access.team_for(current_user, team_id)
    agreement = access.agreement_for(current_user, team, agreement_id)
    target = url_for(".team_plan", team_id=team.id) + f"#a{agreement.id}"
    try:
        plan.edit(agreement, {"status": request.form.get("status")}, current_user)
    except InputRejected as refused:
        return _refused(refused, target)
    return _done(_("Status saved: %(status)s.", status=labels.status_label(agreement.status)), target)


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>/withdraw", methods=["POST"])
@login_required
def withdraw_agreement(team_id: int, agreement_id: int):
    """Out of the plan and its exports; the agreement and its history are kept (as the API's
    ``DELETE``)."""
    team = access.team_for(current_user, team_id)
    agreement = access.agreement_for(current_user, team, agreement_id, withdrawn=True)
    if agreement.withdrawn_at is not None:  # twice (a second tab, a double click): nothing more
        return _done(_("The agreement has been withdrawn; its history is kept."),
                     url_for(".team_plan", team_id=team.id))
    try:
        note = clean(request.form.get("note"), limit=1000, required=False, multiline=True,
                     label=_("Why"))
    except InputRejected as refused:
        return _refused(refused, url_for(".agreement_page", team_id=team.id,
                                         agreement_id=agreement.id) + "#withdraw")
    plan.withdraw(agreement, current_user, note)
    return _done(_("The agreement has been withdrawn; its history is kept."),
                 url_for(".team_plan", team_id=team.id))


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>/move", methods=["POST"])
@login_required
def move_agreement(team_id: int, agreement_id: int):
    team = access.team_for(current_user, team_id)
    agreement = access.agreement_for(current_user, team, agreement_id)
    plan.move(agreement, team, -1 if request.form.get("direction") == "up" else 1, current_user)
    db.session.commit()
    return redirect(url_for(".team_plan", team_id=team.id) + f"#a{agreement.id}")


@bp.route("/teams/<int:team_id>/merge", methods=["GET", "POST"])
@login_required
def merge(team_id: int):
    team = access.team_for(current_user, team_id)
    values = request.values.getlist("ids")
    chosen = [access.agreement_for(current_user, team, int(v)) for v in dict.fromkeys(values)
              if v.isdigit()]
    back = url_for(".team_plan", team_id=team.id)
    if len(chosen) < 2:
        flash(_("Choose at least two agreements to merge."), "error")
        return redirect(back)
    chosen.sort(key=plan.ordered(team).index)
    proposal = _merge_proposal(chosen)
    if request.method == "POST":
        try:
            merged = plan.merge(team, chosen, request.form, current_user)
        except InputRejected as refused:
            db.session.rollback()
            flash(refused.message, "error")
            proposal = request.form
        else:
            return _done(_("The agreements have been merged."), back + f"#a{merged.id}")
    return render_template("teamplan/merge.html", team=team, chosen=chosen, proposal=proposal), \
        400 if request.method == "POST" else 200


def _merge_proposal(chosen: list) -> dict:
    """What the merged agreement starts as: all texts, the first owner, the earliest date."""
    dues = [a.due for a in chosen if a.due]
    return {
        "text": "\n".join(dict.fromkeys(a.text for a in chosen)),
        "kind": chosen[0].kind, "status": chosen[0].status,
        "owner": next((a.owner for a in chosen if a.owner), ""),
        "due": min(dues).date().isoformat() if dues else "",
        "outside_help": "; ".join(dict.fromkeys(a.outside_help for a in chosen if a.outside_help)),
    }
