"""The JSON API: teams, team plans, agreements and session reports, for an HR or learning system.

Every request carries a personal access token (``Authorization: Bearer fac_...``); the session
cookie is never looked at, which is why the blueprint is exempt from CSRF protection. A token sees
what its owner sees; one made read-only cannot change anything.

Every answer goes through the pydantic models of ``schemas.py``, from which ``openapi.py`` makes
the OpenAPI document. Lists come in pages; agreements carry an ETag that PATCH and DELETE check
against If-Match; errors are ``application/problem+json`` with a stable ``code`` and a detail in
the request's Accept-Language; any unknown /api/ path or method answers the same way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from datetime import UTC, date, datetime

from flask import Blueprint, Response, current_app, g, request, url_for
from pydantic import BaseModel
from sqlalchemy import select
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.http import HTTP_STATUS_CODES

from .. import clock
from ..contract.workform import InputRejected
from ..exports import charts
from ..extensions import db
from ..i18n import _
from ..sessions.models import Activity, Agreement, Team, Workshop
from . import access, documents, plan, schemas, teams, tokens
from .openapi import document, operation
from .sections import extra_sections

bp = Blueprint("api", __name__, url_prefix="/api")
log = logging.getLogger("facilitator.api")
WRITING = ("POST", "PUT", "PATCH", "DELETE")
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
PER_PAGE, MAX_PER_PAGE = 50, 200
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 406: "not_acceptable", 412: "precondition_failed",
         413: "too_large", 415: "unsupported_media_type", 422: "invalid_input",
         429: "too_many_requests", 500: "internal_error"}
_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")


class Refused(Exception):
    """Stop the request with a problem: its status, stable code and message."""

    def __init__(self, status: int, code: str, detail: str, **headers):
        super().__init__(detail)
        self.status, self.code, self.detail, self.headers = status, code, detail, headers


def problem(status: int, code: str, detail: str, **headers) -> Response:
    body = schemas.Problem(title=HTTP_STATUS_CODES.get(status, "Error"), status=status, code=code,
                           detail=detail).model_dump(mode="json")
    response = Response(json.dumps(body, ensure_ascii=False), status=status,
                        mimetype="application/problem+json")
    response.headers.update(headers)
    return response


def _answer(model: type[BaseModel], data: dict, status: int = 200, **headers) -> Response:
    """The answer, checked against its model on the way out."""
    body = model.model_validate(data).model_dump(mode="json")
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")
    response.headers.update(headers)
    return response


# -- every request ---------------------------------------------------------------------------------

@bp.before_request
def language_and_token():
    languages = current_app.config["LANGUAGES"]
    if request.args.get("lang") not in languages:
        g.locale = request.accept_languages.best_match(languages) or languages[0]
    if request.endpoint == "api.openapi":
        return None
    header = request.headers.get("Authorization", "")
    scheme, _space, secret = header.partition(" ")
    token = tokens.authenticate(secret.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        return problem(401, "unauthorized", _("A valid access token is needed."),
                       **{"WWW-Authenticate": 'Bearer realm="facilitator"'})
    if request.method in WRITING and not token.can_write:
        return problem(403, "read_only_token", _("This token may only read."))
    g.api_user = token.user
    return None


@bp.errorhandler(Refused)
def refused_problem(refused: Refused):
    db.session.rollback()
    return problem(refused.status, refused.code, refused.detail, **refused.headers)


@bp.errorhandler(HTTPException)
def http_problem(error: HTTPException):
    messages = {403: _("Not allowed."), 404: _("Not found."),
                405: _("This method is not allowed here."), 400: _("The request could not be read.")}
    status = error.code or 500
    headers = {"Allow": ", ".join(error.valid_methods)} if getattr(error, "valid_methods", None) else {}
    return problem(status, CODES.get(status, "error"), messages.get(status, error.description or error.name),
                   **headers)


# Flask looks for a handler of the status code before one of the exception's class, the app's
# included: without these the app's HTML error pages (facilitator.web.errors) would answer the API.
for _code in (400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 429):
    bp.register_error_handler(_code, http_problem)


@bp.errorhandler(InputRejected)
def rejected(refused: InputRejected):
    db.session.rollback()
    return problem(422, "invalid_input", refused.message)


@bp.errorhandler(Exception)
def went_wrong(error: Exception):
    log.exception("API request %s %s failed", request.method, request.path)
    db.session.rollback()
    return problem(500, "internal_error", _("Something went wrong on our side."))


@bp.route("/", defaults={"anything": ""}, methods=METHODS)
@bp.route("/<path:anything>", methods=METHODS)
def unknown(anything: str):
    """Any other path or method under /api/: a problem, never an HTML page."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    allowed = []
    for method in METHODS:
        try:
            endpoint, _args = adapter.match(request.path, method=method)
        except HTTPException:
            continue
        if endpoint != "api.unknown":
            allowed.append(method)
    if allowed:
        raise MethodNotAllowed(valid_methods=allowed)
    raise NotFound()


@bp.errorhandler(RecursionError)
def nested_too_deeply(_failure):
    db.session.rollback()
    return problem(400, "nested_too_deeply", _("What you sent is nested too deeply."))


def _body() -> dict:
    data = request.get_json(silent=True)  # nested thousands deep: RecursionError, a 400 below
    if not isinstance(data, dict):
        raise InputRejected(_("Send a JSON object."))
    return data


# -- as JSON ----------------------------------------------------------------------------------------

def moment(value: datetime) -> datetime:
    """A stored time with the offset of the configured zone (FACILITATOR_TIMEZONE)."""
    return clock.local(value)


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def team_json(team: Team, overview: dict) -> dict:
    return {"id": team.id, "name": team.name, "unit": team.unit, **overview}


def session_json(workshop: Workshop) -> dict:
    return {"id": workshop.id, "title": workshop.title, "status": workshop.status,
            "held_on": documents.held_on(workshop), "participants": documents.participant_count(workshop)}


def agreement_json(agreement: Agreement, place: int | None, source: Workshop | None,
                   activity: Activity | None = None) -> dict:
    return {
        "id": agreement.id, "team_id": agreement.team_id, "place": place, "text": agreement.text,
        "kind": agreement.kind, "owner": agreement.owner, "due": _day(agreement.due),
        "status": agreement.status, "outside_help": agreement.outside_help,
        "expected_result": agreement.expected_result,
        "overdue": plan.is_overdue(agreement), "withdrawn": agreement.withdrawn_at is not None,
        "session": {"id": source.id, "title": source.title,
                    "held_on": documents.held_on(source)} if source else None,
        "activity": {"id": activity.id, "title": activity.title, "type": activity.type,
                     "step": agreement.step_key} if activity else None,
        "created_at": moment(agreement.created_at), "updated_at": moment(agreement.updated_at),
    }


def _agreements(team: Team, status: str | None = None, since: datetime | None = None) -> list[dict]:
    order = plan.ordered(team)
    if since is not None:
        withdrawn = db.session.scalars(select(Agreement).where(
            Agreement.team_id == team.id, Agreement.withdrawn_at.is_not(None)).order_by(Agreement.id))
        order = order + list(withdrawn)
    sources = {w.id: w for w in teams.sessions(team)}
    activities = plan.activities_of(order)
    return [agreement_json(a, place if a.withdrawn_at is None else None, sources.get(a.workshop_id),
                           activities.get(a.activity_id))
            for place, a in enumerate(order, start=1)
            if status in (None, a.status) and (since is None or moment(a.updated_at) >= since)]


def _one(team: Team, agreement: Agreement, with_history: bool = False) -> dict:
    place = plan.ordered(team).index(agreement) + 1
    found = agreement_json(agreement, place, plan.source_of(agreement), plan.activity_of(agreement))
    if with_history:
        found["history"] = [{"at": moment(c.at), "actor": c.actor, "action": c.action,
                             "changes": c.changes, "note": c.note} for c in plan.history(agreement)]
    return found


def etag(agreement_data: dict) -> str:
    """The agreement's version: a hash of what the API says about it (its history left out)."""
    plain = {k: v for k, v in agreement_data.items() if k != "history"}
    digest = hashlib.sha256(json.dumps(plain, sort_keys=True, default=str).encode()).hexdigest()
    return f'"{digest[:32]}"'


def _check_if_match(team: Team, agreement: Agreement) -> None:
    """Refuse a change based on a stale version (If-Match given and not the current ETag)."""
    wanted = request.headers.get("If-Match")
    if wanted is None:
        return
    current = etag(_one(team, agreement))
    given = [tag.strip().removeprefix("W/") for tag in wanted.split(",")]
    if "*" not in given and current not in given:
        raise Refused(412, "precondition_failed",
                      _("Someone changed this agreement after you read it. Read it again and "
                        "make your change on the current version."), ETag=current)


def _paged(key: str, items: list, model: type[BaseModel]) -> Response:
    """One page of a list, with links to the others (in the body and a Link header)."""
    page, per_page = _whole("page", 1, 1, None), _whole("per_page", PER_PAGE, 1, MAX_PER_PAGE)
    last = max(1, math.ceil(len(items) / per_page))

    def link(number: int) -> str:
        args = {**request.args.to_dict(), "page": number, "per_page": per_page}
        return url_for(request.endpoint, **request.view_args, **args, _external=True)

    links = {"self": link(page), "first": link(1), "last": link(last),
             "next": link(page + 1) if page < last else None,
             "prev": link(min(page - 1, last)) if page > 1 else None}
    header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url and rel != "self")
    start = (page - 1) * per_page
    return _answer(model, {key: items[start:start + per_page], "page": page, "per_page": per_page,
                           "total": len(items), "links": links}, Link=header)


def _whole(name: str, default: int, low: int, high: int | None) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < low or (high is not None and int(raw) > high):
        bounds = f"{low}-{high}" if high else _("%(low)d or more", low=low)
        raise Refused(422, "invalid_parameter",
                      _("%(name)s: give a whole number, %(bounds)s.", name=name, bounds=bounds))
    return int(raw)


def _since() -> datetime | None:
    raw = request.args.get("updated_since")
    if raw is None:
        return None
    try:
        found = datetime.fromisoformat(raw.strip().replace(" ", "+"))
    except ValueError:
        found = None
    if found is None or found.tzinfo is None:
        raise Refused(422, "invalid_parameter", _(
            "updated_since: give a time with its offset, such as 2026-03-01T09:00:00+01:00."))
    return found.astimezone(UTC)


def _cell(value: str) -> str | int | float:
    """A report cell: counts and percentages as numbers, the rest as text."""
    if (percent := _PERCENT.match(value)) is not None:
        number = float(percent[1].replace(",", "."))
        return int(number) if number.is_integer() else number
    number = charts.number(value)
    if number is None:
        return value
    return int(number) if number.is_integer() else number


# -- routes -----------------------------------------------------------------------------------------

@bp.route("/openapi.json")
@operation("This document", public=True, errors=())
def openapi():
    return Response(json.dumps(document(request.url_root.rstrip("/")), ensure_ascii=False),
                    mimetype="application/json")


@bp.route("/teams")
@operation("The teams you see, by name", response=schemas.TeamList, paged=True, errors=(401,))
def team_list():
    found = access.teams_of(g.api_user)
    overview = teams.overview(found)
    return _paged("teams", [team_json(t, overview[t.id]) for t in found], schemas.TeamList)


@bp.route("/teams/<int:team_id>")
@operation("A team's plan: goals, evaluation moment, agreements, sessions", response=schemas.TeamPlan)
def team_plan(team_id: int):
    team = access.team_for(g.api_user, team_id)
    details = plan.details(team)
    sessions = teams.sessions(team)
    return _answer(schemas.TeamPlan, {
        "team": team_json(team, teams.overview([team])[team.id]), "goals": details.goal_list,
        "evaluation_on": details.evaluation_on, "summary": plan.summary(plan.ordered(team)),
        "agreements": _agreements(team), "sessions": [session_json(w) for w in sessions],
        "sections": extra_sections(sessions)})


@bp.route("/teams/<int:team_id>/agreements")
@operation("The agreements of a team, in the plan's order", response=schemas.AgreementList, paged=True,
           parameters=[
               {"name": "status", "in": "query", "required": False,
                "schema": {"enum": list(plan.STATUSES)}},
               {"name": "updated_since", "in": "query", "required": False,
                "schema": {"type": "string", "format": "date-time"},
                "description": "Only what changed since then, withdrawn agreements included."}])
def agreement_list(team_id: int):
    team = access.team_for(g.api_user, team_id)
    status = request.args.get("status")
    if status is not None and status not in plan.STATUSES:
        raise Refused(422, "invalid_parameter", _("Unknown status."))
    return _paged("agreements", _agreements(team, status, _since()), schemas.AgreementList)


@bp.route("/teams/<int:team_id>/agreements", methods=["POST"])
@operation("Add an agreement to the team plan (token with write access)", response=schemas.Agreement,
           status=201, body=schemas.AgreementInput, etag=True)
def agreement_create(team_id: int):
    team = access.team_for(g.api_user, team_id)
    agreement = plan.add(team, _body(), g.api_user)
    db.session.commit()
    found = _one(team, agreement)
    return _answer(schemas.Agreement, found, 201, ETag=etag(found),
                   Location=url_for(".agreement_detail", team_id=team.id, agreement_id=agreement.id))


@bp.route("/teams/<int:team_id>/agreements/order", methods=["PUT"])
@operation("Put the team's agreements in a new order (token with write access)",
           response=schemas.AgreementOrder, body=schemas.OrderInput)
def agreement_order(team_id: int):
    team = access.team_for(g.api_user, team_id)
    ids = _body().get("agreement_ids")
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise InputRejected(_("Give agreement_ids as a list of numbers."))
    plan.reorder(team, ids, g.api_user)
    db.session.commit()
    return _answer(schemas.AgreementOrder, {"agreements": _agreements(team)})


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>")
@operation("One agreement with its history", response=schemas.AgreementWithHistory, etag=True)
def agreement_detail(team_id: int, agreement_id: int):
    team = access.team_for(g.api_user, team_id)
    found = _one(team, access.agreement_for(g.api_user, team, agreement_id), True)
    return _answer(schemas.AgreementWithHistory, found, ETag=etag(found))


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>", methods=["PATCH"])
@operation("Change an agreement (token with write access)", response=schemas.AgreementWithHistory,
           body=schemas.AgreementPatch, etag=True, if_match=True)
def agreement_update(team_id: int, agreement_id: int):
    team = access.team_for(g.api_user, team_id)
    agreement = access.agreement_for(g.api_user, team, agreement_id)
    data = _body()
    if unknown_fields := sorted(set(data) - set(plan.FIELDS)):
        raise InputRejected(_("Unknown fields: %(fields)s", fields=", ".join(unknown_fields)))
    _check_if_match(team, agreement)
    plan.edit(agreement, data, g.api_user)
    db.session.commit()
    found = _one(team, agreement, True)
    return _answer(schemas.AgreementWithHistory, found, ETag=etag(found))


@bp.route("/teams/<int:team_id>/agreements/<int:agreement_id>", methods=["DELETE"])
@operation("Withdraw an agreement: out of the plan, kept in its history (token with write access)",
           status=204, if_match=True)
def agreement_delete(team_id: int, agreement_id: int):
    team = access.team_for(g.api_user, team_id)
    agreement = access.agreement_for(g.api_user, team, agreement_id, withdrawn=True)
    if agreement.withdrawn_at is None:  # withdrawing twice changes nothing more
        _check_if_match(team, agreement)
        plan.withdraw(agreement, g.api_user)
        db.session.commit()
    return Response(status=204)


@bp.route("/sessions/<int:session_id>/report")
@operation("A session's report, with the same privacy as the exported report",
           response=schemas.SessionReport)
def session_report(session_id: int):
    workshop = access.workshop_for(g.api_user, session_id)
    report = documents.session_report(workshop)
    return _answer(schemas.SessionReport, {
        "session": session_json(workshop), "title": report.title, "held_on": report.held_on,
        "trainer": report.trainer, "team_name": report.team_name,
        "participant_count": report.participant_count, "final": report.final,
        "notice": report.notice,
        "sections": [{"title": s.title, "work_form_title": s.work_form_title, "visibility": s.visibility,
                      "paragraphs": s.paragraphs,
                      "tables": [{"caption": t.caption, "headers": t.headers,
                                  "rows": [[_cell(c) for c in row] for row in t.rows]}
                                 for t in s.tables]}
                     for s in report.sections]})
