"""The trainer's dashboard: scenarios to start from and the sessions run so far."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import cotraining, retention, workshops
from ..extensions import db
from ..i18n import _
from ..library import store as library
from ..models import Workshop
from ..plugins import plugin_host
from ..workform import InputRejected

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


@bp.route("/trainer")
@trainer_required
def home():
    host = plugin_host()
    mine = db.session.scalars(select(Workshop).where(Workshop.trainer_id == current_user.id)
                              .order_by(Workshop.created_at.desc())).all()
    return render_template("dashboard/home.html", scenarios=library.choosable(current_user, host),
                           workshops=mine, co_trained=cotraining.sessions_of(current_user),
                           work_forms=host.work_forms)


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
