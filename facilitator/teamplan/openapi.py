"""The OpenAPI 3.1 document of the JSON API, served at /api/openapi.json.

Written by hand next to the routes in ``api.py``; a test checks that both list the same paths and
that real answers match these schemas.
"""

from __future__ import annotations

from ..exports.document import KINDS, STATUSES

DATE = {"type": ["string", "null"], "format": "date"}
TEXT_OR_NULL = {"type": ["string", "null"]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "401": {"$ref": "#/components/responses/Unauthorized"},
    "403": {"$ref": "#/components/responses/Forbidden"},
    "404": {"$ref": "#/components/responses/NotFound"},
}
INVALID = {"422": {"$ref": "#/components/responses/Invalid"}}
TEAM_ID = {"name": "team_id", "in": "path", "required": True, "schema": {"type": "integer"}}
AGREEMENT_ID = {"name": "agreement_id", "in": "path", "required": True, "schema": {"type": "integer"}}

SCHEMAS = {
    "Error": _object({"error": {"type": "string"}}),
    "Team": _object({
        "id": {"type": "integer"}, "name": {"type": "string"}, "unit": TEXT_OR_NULL,
        "sessions": {"type": "integer", "description": "Number of sessions of this team."},
        "open": {"type": "integer", "description": "Open and in-progress agreements."},
    }),
    "Session": _object({
        "id": {"type": "integer"}, "title": {"type": "string"},
        "status": {"enum": ["waiting", "running", "ended"]},
        "held_on": {"type": "string", "format": "date"}, "participants": {"type": "integer"},
    }),
    "Agreement": _object({
        "id": {"type": "integer"}, "team_id": {"type": "integer"},
        "place": {"type": "integer", "description": "1 for the first agreement of the plan."},
        "text": {"type": "string"}, "kind": {"enum": list(KINDS)}, "owner": TEXT_OR_NULL,
        "due": DATE, "status": {"enum": list(STATUSES)}, "outside_help": TEXT_OR_NULL,
        "overdue": {"type": "boolean", "description": "Due date passed while still open."},
        "session": {"oneOf": [{"type": "null"}, _object({
            "id": {"type": "integer"}, "title": {"type": "string"},
            "held_on": {"type": "string", "format": "date"}})],
            "description": "The session it was agreed in; null when added on the team plan."},
        "activity": {"oneOf": [{"type": "null"}, _object({
            "id": {"type": "integer"}, "title": {"type": "string"},
            "type": {"type": "string", "description": "The work form, e.g. `incident`."},
            "step": {**TEXT_OR_NULL, "description": "The key of the step it was agreed at."}})],
            "description": "The activity of the session it was agreed in; null when not known."},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
    }),
    "AgreementWithHistory": {"allOf": [_ref("Agreement"), _object({"history": {
        "type": "array", "description": "Newest first.", "items": _ref("Change")}})]},
    "Change": _object({
        "at": {"type": "string", "format": "date-time"}, "actor": {"type": "string"},
        "action": {"enum": ["created", "edited", "status", "moved", "merged", "reviewed"]},
        "changes": {"type": "object", "description": "Per field: [before, after].",
                    "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2}},
        "note": {"type": "string"},
    }),
    "AgreementInput": {
        "type": "object", "additionalProperties": False, "required": ["text"],
        "properties": {
            "text": {"type": "string", "maxLength": 2000}, "kind": {"enum": list(KINDS)},
            "owner": {"type": ["string", "null"], "maxLength": 120}, "due": DATE,
            "status": {"enum": list(STATUSES)},
            "outside_help": {"type": ["string", "null"], "maxLength": 200},
        },
    },
    "TeamPlan": _object({
        "team": _ref("Team"), "goals": {"type": "array", "items": {"type": "string"}},
        "evaluation_on": DATE,
        "summary": _object({k: {"type": "integer"} for k in (*STATUSES, "overdue")}),
        "agreements": {"type": "array", "items": _ref("Agreement")},
        "sessions": {"type": "array", "items": _ref("Session")},
        "sections": {"type": "array", "items": _ref("Table"), "description": (
            "What plugins add to the team plan, e.g. the incident evaluation's causes per factor "
            "group, per evaluation and in total.")},
    }),
    "Table": _object({
        "title": {"type": "string"}, "headers": {"type": "array", "items": {"type": "string"}},
        "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}}),
    "SessionReport": _object({
        "session": _ref("Session"), "title": {"type": "string"}, "held_on": DATE,
        "trainer": {"type": "string"}, "team_name": {"type": "string"},
        "participant_count": {"type": "integer"},
        "final": {"type": "boolean", "description": "false while the session runs: only steps "
                  "whose results were shown to the group are in it, and more may follow"},
        "notice": {"type": "string", "description": "what the report says about itself; empty "
                   "once the session ended"},
        "sections": {"type": "array", "items": _object({
            "title": {"type": "string"}, "work_form_title": TEXT_OR_NULL,
            "visibility": {"enum": ["anonymous", "named", "trainer"]},
            "paragraphs": {"type": "array", "items": {"type": "string"}},
            "tables": {"type": "array", "items": _object({
                "caption": {"type": "string"}, "headers": {"type": "array", "items": {"type": "string"}},
                "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}})},
        })},
    }),
}
SCHEMAS["AgreementPatch"] = {**SCHEMAS["AgreementInput"], "required": [], "minProperties": 1}


def document(server: str) -> dict:
    agreements = {"type": "object", "required": ["agreements"],
                  "properties": {"agreements": {"type": "array", "items": _ref("Agreement")}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "facilitator team plan API", "version": "1.0.0",
            "description": (
                "The team plans of the teams you see, for an HR or learning system. Make a personal "
                "access token on the page /account/tokens and send it as `Authorization: Bearer "
                "<token>`. A team lead's token sees only that lead's teams; any other team answers "
                "403. Read-only tokens cannot change anything. Messages are in Dutch unless you "
                "add `?lang=en`."),
        },
        "servers": [{"url": server}],
        "security": [{"token": []}],
        "paths": {
            "/api/teams": {"get": {
                "summary": "The teams you see", "operationId": "listTeams",
                "responses": {"200": _json(_object({"teams": {"type": "array", "items": _ref("Team")}}),
                                           "The teams, by name."), "401": ERRORS["401"]}}},
            "/api/teams/{team_id}": {"get": {
                "summary": "A team's plan: goals, evaluation moment, agreements, sessions",
                "operationId": "getTeamPlan", "parameters": [TEAM_ID],
                "responses": {"200": _json(_ref("TeamPlan"), "The team plan."), **ERRORS}}},
            "/api/teams/{team_id}/agreements": {
                "get": {"summary": "The agreements of a team, in the plan's order",
                        "operationId": "listAgreements",
                        "parameters": [TEAM_ID, {"name": "status", "in": "query", "required": False,
                                                 "schema": {"enum": list(STATUSES)}}],
                        "responses": {"200": _json(agreements, "The agreements."), **ERRORS, **INVALID}},
                "post": {"summary": "Add an agreement to the team plan (token with write access)",
                         "operationId": "createAgreement", "parameters": [TEAM_ID],
                         "requestBody": {"required": True, "content": {
                             "application/json": {"schema": _ref("AgreementInput")}}},
                         "responses": {"201": _json(_ref("Agreement"), "The new agreement."),
                                       **ERRORS, **INVALID}}},
            "/api/teams/{team_id}/agreements/order": {"put": {
                "summary": "Put the team's agreements in a new order (token with write access)",
                "operationId": "orderAgreements", "parameters": [TEAM_ID],
                "requestBody": {"required": True, "content": {"application/json": {"schema": _object({
                    "agreement_ids": {"type": "array", "items": {"type": "integer"},
                                      "description": "Every agreement of the team, each once."}})}}},
                "responses": {"200": _json(agreements, "The agreements in their new order."),
                              **ERRORS, **INVALID}}},
            "/api/teams/{team_id}/agreements/{agreement_id}": {
                "get": {"summary": "One agreement with its history", "operationId": "getAgreement",
                        "parameters": [TEAM_ID, AGREEMENT_ID],
                        "responses": {"200": _json(_ref("AgreementWithHistory"), "The agreement."),
                                      **ERRORS}},
                "patch": {"summary": "Change an agreement (token with write access)",
                          "operationId": "updateAgreement", "parameters": [TEAM_ID, AGREEMENT_ID],
                          "requestBody": {"required": True, "content": {
                              "application/json": {"schema": _ref("AgreementPatch")}}},
                          "responses": {"200": _json(_ref("AgreementWithHistory"), "The agreement."),
                                        **ERRORS, **INVALID}}},
            "/api/sessions/{session_id}/report": {"get": {
                "summary": "A session's report, with the same privacy as the exported report",
                "operationId": "getSessionReport",
                "parameters": [{"name": "session_id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "responses": {"200": _json(_ref("SessionReport"), "The report."), **ERRORS}}},
            "/api/openapi.json": {"get": {
                "summary": "This document", "operationId": "getOpenAPI", "security": [],
                "responses": {"200": {"description": "The OpenAPI document."}}}},
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                          "description": "A personal access token (fac_...)."}},
            "schemas": SCHEMAS,
            "responses": {
                "Unauthorized": _json(_ref("Error"), "No valid token."),
                "Forbidden": _json(_ref("Error"), "Not your team, or a read-only token."),
                "NotFound": _json(_ref("Error"), "Not found."),
                "Invalid": _json(_ref("Error"), "The input was refused; the message says why."),
            },
        },
    }
