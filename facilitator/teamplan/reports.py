"""Downloads: the team plan as Word, PDF, Excel, CSV or Markdown, and each session's report, which
can also be read on its own page (the same content as the files, with the same privacy)."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from ..contract.workform import InputRejected
from ..exports import labels
from ..extensions import db
from ..i18n import _
from ..web.ids import as_id
from . import access, documents, files, teams

bp = Blueprint("reports", __name__)


def download(export: files.ExportFile):
    response = send_file(io.BytesIO(export.content), mimetype=export.media_type, as_attachment=True,
                         download_name=export.filename, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/teams/<int:team_id>/export.<fmt>")
@login_required
def team_plan_export(team_id: int, fmt: str):
    team = access.team_for(current_user, team_id)
    if fmt not in files.TEAM_PLAN_FORMATS:
        abort(404)
    return download(files.team_plan_file(team, fmt, author=documents.person(current_user)))


@bp.route("/teams/<int:team_id>/documents/<key>.<fmt>")
@login_required
def team_document_export(team_id: int, key: str, fmt: str):
    """A document a plugin adds to the team plan (the comparison of a 0/1-measurement, say)."""
    team = access.team_for(current_user, team_id)
    if fmt not in files.DOCUMENT_FORMATS:
        abort(404)
    export = files.team_document_file(team, key, fmt, author=documents.person(current_user))
    if export is None:
        abort(404)
    return download(export)


@bp.route("/sessions/<int:workshop_id>/report")
@login_required
def session_report(workshop_id: int):
    workshop = access.workshop_for(current_user, workshop_id)
    mine = workshop.trainer_id == current_user.id
    return render_template(
        "teamplan/session_report.html", workshop=workshop,
        report=documents.session_report(workshop), section_meta=labels.section_meta,
        teams=access.teams_of(current_user) if mine and workshop.team_id is None else [])


@bp.route("/sessions/<int:workshop_id>/report.<fmt>")
@login_required
def session_report_export(workshop_id: int, fmt: str):
    workshop = access.workshop_for(current_user, workshop_id)
    if fmt not in files.SESSION_FORMATS:
        abort(404)
    return download(files.session_report_file(workshop, fmt))


@bp.route("/sessions/<int:workshop_id>/results.<fmt>")
@login_required
def session_results_export(workshop_id: int, fmt: str):
    """The raw results, one row per step and option, with the report's privacy."""
    workshop = access.workshop_for(current_user, workshop_id)
    if fmt not in files.RESULT_FORMATS:
        abort(404)
    return download(files.session_results_file(workshop, fmt))


@bp.route("/sessions/<int:workshop_id>/team", methods=["POST"])
@login_required
def link_session(workshop_id: int):
    """The session's trainer puts a session run without a team into a team's plan."""
    workshop = access.workshop_for(current_user, workshop_id)
    if workshop.trainer_id != current_user.id:
        abort(403)
    team_id = as_id(request.form.get("team", ""))
    team = access.team_for(current_user, team_id) if team_id is not None else None
    try:
        if team is None:
            raise InputRejected(_("Choose a team."))
        teams.link_session(workshop, team)
    except InputRejected as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return redirect(url_for(".session_report", workshop_id=workshop.id))
    db.session.commit()
    flash(_("The session and its agreements are now in the team plan of %(team)s.", team=team.name),
          "ok")
    return redirect(url_for("teamplan.team_plan", team_id=team.id))
