"""The trainer's dashboard: scenarios to start from and the sessions run so far."""

from __future__ import annotations

from datetime import date
from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from ... import clock
from ...contract.plugins import plugin_host
from ...contract.workform import InputRejected
from ...extensions import db
from ...i18n import _
from ...library import store as library
from ...sessions import cotraining, retention, workshops
from ...sessions.models import Workshop

bp = Blueprint("dashboard", __name__)


def trainer_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if current_user.role != "trainer":
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def owned_workshop(workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or workshop.trainer_id != current_user.id:
        abort(404)
    return workshop


def run_workshop(workshop_id: int) -> Workshop:
    """A session the trainer runs: their own, or one they co-train."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or not cotraining.runs(workshop, current_user):
        abort(404)
    return workshop


def _archive(sessions: list[Workshop], search: dict[str, str]) -> list[Workshop]:
    """The sessions that match the archive's search: part of the team's name, the day it was
    held (where it was held) and the scenario (its id or part of its title)."""
    team = search["team"].strip().lower()
    scenario = search["scenario"].strip().lower()
    try:
        day = date.fromisoformat(search["day"]) if search["day"] else None
    except ValueError:
        day = None
    return [w for w in sessions
            if (not team or (w.team is not None and team in w.team.name.lower()))
            and (not scenario or scenario == w.scenario_id.lower() or scenario in w.title.lower())
            and (day is None or clock.local_day(w.started_at or w.created_at) == day)]


@bp.route("/trainer")
@trainer_required
def home():
    host = plugin_host()
    mine = db.session.scalars(select(Workshop).where(Workshop.trainer_id == current_user.id)
                              .order_by(Workshop.created_at.desc())).all()
    search = {key: request.args.get(key, "")[:200] for key in ("team", "day", "scenario")}
    found = _archive(mine, search) if any(search.values()) else mine
    return render_template("dashboard/home.html", scenarios=library.choosable(current_user, host),
                           workshops=found, searched=any(search.values()), search=search,
                           session_count=len(mine), co_trained=cotraining.sessions_of(current_user),
                           work_forms=host.work_forms)


@bp.route("/trainer/sessions/<int:workshop_id>/duplicate", methods=["POST"])
@trainer_required
def duplicate_session(workshop_id: int):
    """The same scenario and settings again, with a new code (for the next group)."""
    copy = workshops.duplicate(run_workshop(workshop_id), current_user)
    flash(_("A new session with the same scenario and settings; its code is %(code)s.",
            code=copy.code), "ok")
    return redirect(url_for("live_pages.console", workshop_id=copy.id))


@bp.route("/trainer/sessions", methods=["POST"])
@trainer_required
def create_session():
    found = library.choosable(current_user, plugin_host()).get(request.form.get("scenario", ""))
    if found is None:
        flash(_("Choose a scenario."), "error")
        return redirect(url_for(".home"))
    named = request.form.get("named") == "1"
    try:
        workshop = workshops.create(found, current_user, team_name=request.form.get("team"),
                                    named=named)
    except InputRejected as refused:
        flash(refused.message, "error")
        return redirect(url_for(".home"))
    return redirect(url_for("live_pages.console", workshop_id=workshop.id))


@bp.route("/trainer/sessions/<int:workshop_id>/delete", methods=["POST"])
@trainer_required
def delete_session(workshop_id: int):
    retention.delete_session(owned_workshop(workshop_id))
    flash(_("The session and everything in it has been deleted."), "ok")
    return redirect(url_for(".home"))
