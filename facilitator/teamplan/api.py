"""The JSON API: teams, team plans, agreements and session reports, for an HR or learning system.

Every request carries a personal access token (``Authorization: Bearer fac_...``); the session
cookie is never looked at, which is why the blueprint is exempt from CSRF protection. A token sees
what its owner sees; one made read-only cannot change anything. Described in ``openapi.py``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from flask import Blueprint, g, jsonify, request
from werkzeug.exceptions import HTTPException

from ..extensions import db
from ..i18n import _
from ..models import Activity, Agreement, Team, Workshop
from ..workform import InputRejected
from . import access, documents, plan, teams, tokens
from .openapi import document
from .sections import extra_sections

bp = Blueprint("api", __name__, url_prefix="/api")
WRITING = ("POST", "PUT", "PATCH", "DELETE")


def _error(status: int, message: str, **headers):
    response = jsonify(error=message)
    response.status_code = status
    response.headers.update(headers)
    return response


@bp.before_request
def authenticate():
    if request.endpoint == "api.openapi":
        return None
    header = request.headers.get("Authorization", "")
    scheme, _space, secret = header.partition(" ")
    token = tokens.authenticate(secret.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        return _error(401, _("A valid access token is needed."),
                      **{"WWW-Authenticate": 'Bearer realm="facilitator"'})
    if request.method in WRITING and not token.can_write:
        return _error(403, _("This token may only read."))
    g.api_user = token.user
    return None


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    messages = {403: _("Not allowed."), 404: _("Not found.")}
    return _error(error.code or 500, messages.get(error.code, error.description or error.name))


@bp.errorhandler(InputRejected)
def rejected(refused: InputRejected):
    db.session.rollback()
    return _error(422, refused.message)


@bp.errorhandler(RecursionError)
def nested_too_deeply(_failure):
    db.session.rollback()
    return _error(400, _("What you sent is nested too deeply."))


def _body() -> dict:
    data = request.get_json(silent=True)  # nested thousands deep: RecursionError, a 400 below
    if not isinstance(data, dict):
        raise InputRejected(_("Send a JSON object."))
    return data


# -- as JSON ----------------------------------------------------------------------------------------

def _day(value: date | datetime | None) -> str | None:
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if value else None


def team_json(team: Team, overview: dict) -> dict:
    return {"id": team.id, "name": team.name, "unit": team.unit, **overview}


def session_json(workshop: Workshop) -> dict:
    return {"id": workshop.id, "title": workshop.title, "status": workshop.status,
            "held_on": documents.held_on(workshop).isoformat(),
            "participants": documents.participant_count(workshop)}


def agreement_json(agreement: Agreement, place: int, source: Workshop | None,
                   activity: Activity | None = None) -> dict:
    return {
        "id": agreement.id, "team_id": agreement.team_id, "place": place, "text": agreement.text,
        "kind": agreement.kind, "owner": agreement.owner, "due": _day(agreement.due),
        "status": agreement.status, "outside_help": agreement.outside_help,
        "overdue": plan.is_overdue(agreement),
        "session": {"id": source.id, "title": source.title,
                    "held_on": documents.held_on(source).isoformat()} if source else None,
        "activity": {"id": activity.id, "title": activity.title, "type": activity.type,
                     "step": agreement.step_key} if activity else None,
        "created_at": agreement.created_at.isoformat(), "updated_at": agreement.updated_at.isoformat(),
    }


def _agreements(team: Team, status: str | None = None) -> list[dict]:
    order = plan.ordered(team)
    sources = {w.id: w for w in teams.sessions(team)}
    activities = plan.activities_of(order)
    return [agreement_json(a, place, sources.get(a.workshop_id), activities.get(a.activity_id))
            for place, a in enumerate(order, start=1) if status in (None, a.status)]


def _one(team: Team, agreement: Agreement, with_history: bool = False) -> dict:
    place = plan.ordered(team).index(agreement) + 1
    found = agreement_json(agreement, place, plan.source_of(agreement), plan.activity_of(agreement))
    if with_history:
        found["history"] = [{"at": c.at.isoformat(), "actor": c.actor, "action": c.action,
                             "changes": c.changes, "note": c.note} for c in plan.history(agreement)]
    return found


# -- routes -----------------------------------------------------------------------------------------

@bp.route("/openapi.json")
def openapi():
    return jsonify(document(request.url_root.rstrip("/")))


@bp.route("/teams")
def team_list():
    found = access.teams_of(g.api_user)
    overview = teams.overview(found)
    return jsonify(teams=[team_json(t, overview[t.id]) for t in found])


@bp.route("/teams/<int:team_id>")
def team_plan(team_id: int):
    team = access.team_for(g.api_user, team_id)
    details = plan.details(team)
    sessions = teams.sessions(team)
    return jsonify(
        team=team_json(team, teams.overview([team])[team.id]), goals=details.goal_list,
        evaluation_on=_day(details.evaluation_on), summary=plan.summary(plan.ordered(team)),
        agreements=_agreements(team), sessions=[session_json(w) for w in sessions],
        sections=extra_sections(sessions))


@bp.route("/teams/<int:team_id>/agreements")
def agreement_list(team_id: int):
    team = access.team_for(g.api_user, team_id)
    status = request.args.get("status")
    if status is not None and status not in plan.STATUSES:
        raise InputRejected(_("Unknown status."))
    return jsonify(agreements=_agreements(team, status))


@bp.route("/teams/<int:team_id>/agreements", methods=["POST"])
def agreement_create(team_id: int):
    team = access.team_for(g.api_user, team_id)
    agreement = plan.add(team, _body(), g.api_user)
    db.session.commit()
    return jsonify(_one(team, agreement)), 201


@bp.route("/teams/<int:team_id>/agreements/order", methods=["PUT"])
def agreement_order(team_id: int):
    team = access.team_for(g.api_user, team_id)
    ids = _body().get("agreement_ids")
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise InputRejected(_("Give agreement_ids as a list of numbers."))
    plan.reorder(team, ids, g.api_user)
    db.session.commit()
    return jsonify(agreements=_agreements(team))


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>")
def agreement_detail(team_id: int, agreement_id: int):
    team = access.team_for(g.api_user, team_id)
    return jsonify(_one(team, access.agreement_for(g.api_user, team, agreement_id), True))


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>", methods=["PATCH"])
def agreement_update(team_id: int, agreement_id: int):
    team = access.team_for(g.api_user, team_id)
    agreement = access.agreement_for(g.api_user, team, agreement_id)
    data = _body()
    if unknown := sorted(set(data) - set(plan.FIELDS)):
        raise InputRejected(_("Unknown fields: %(fields)s", fields=", ".join(unknown)))
    plan.edit(agreement, data, g.api_user)
    db.session.commit()
    return jsonify(_one(team, agreement, True))


@bp.route("/sessions/<int:session_id>/report")
def session_report(session_id: int):
    workshop = access.workshop_for(g.api_user, session_id)
    report = asdict(documents.session_report(workshop))
    report["held_on"] = _day(report["held_on"])
    return jsonify(session=session_json(workshop), **report)
