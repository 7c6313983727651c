"""The OpenAPI 3.1 document of the JSON API, served at /api/openapi.json, made from the code.

The schemas come from the pydantic models in ``schemas.py`` (which the handlers send every answer
through), the paths from the routes themselves: each view of the API blueprint says what it
takes and gives with ``@operation(...)``, and the document is built from Flask's URL map. A route
without ``@operation`` stops the document from being made, so nothing is left undescribed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import current_app
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .schemas import MODELS, AgreementInput, AgreementPatch, OrderInput, Problem

PROBLEM = "application/problem+json"
REF = "#/components/schemas/{model}"
OPERATIONS: dict[str, dict] = {}
ERROR_TEXT = {
    400: "The request could not be read.",
    401: "No valid token.",
    403: "Not your team, or a read-only token.",
    404: "Not found.",
    412: "If-Match does not match the agreement's current ETag: someone changed it meanwhile.",
    422: "The input was refused; the detail says why.",
}
PAGING = [
    {"name": "page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
]
ETAG_HEADER = {"ETag": {"description": "The agreement's version; send it back as If-Match.",
                        "schema": {"type": "string"}}}
LINK_HEADER = {"Link": {"description": "RFC 8288 links: first, prev, next, last.",
                        "schema": {"type": "string"}}}
IF_MATCH = {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
            "description": "The ETag you read; the change is refused with 412 if it is stale."}


def operation(summary: str, *, response: type[BaseModel] | None = None, status: int = 200,
              body: type[BaseModel] | None = None, errors: tuple[int, ...] = (401, 403, 404),
              parameters: list[dict] | None = None, paged: bool = False, etag: bool = False,
              if_match: bool = False, public: bool = False, description: str = "") -> Callable:
    """Describe an API view for the OpenAPI document."""

    def describe(view: Callable) -> Callable:
        OPERATIONS[view.__name__] = {
            "summary": summary, "response": response, "status": status, "body": body,
            "errors": errors, "parameters": parameters or [], "paged": paged, "etag": etag,
            "if_match": if_match, "public": public, "description": description}
        return view

    return describe


def schemas() -> dict:
    inputs = {AgreementInput, AgreementPatch, OrderInput}
    _, top = models_json_schema(
        [(m, "validation" if m in inputs else "serialization") for m in MODELS], ref_template=REF)
    return top["$defs"]


def _json(model: type[BaseModel], description: str, media_type: str = "application/json") -> dict:
    return {"description": description,
            "content": {media_type: {"schema": {"$ref": REF.format(model=model.__name__)}}}}


def _operation(endpoint: str, method: str, described: dict, path_parameters: list[dict]) -> dict:
    parameters = path_parameters + described["parameters"]
    if described["paged"]:
        parameters = parameters + PAGING
    if described["if_match"]:
        parameters = parameters + [IF_MATCH]
    status = str(described["status"])
    if described["response"] is None:
        answer = {"description": described["summary"]}
    else:
        answer = _json(described["response"], described["summary"])
    headers = {**(ETAG_HEADER if described["etag"] else {}), **(LINK_HEADER if described["paged"] else {})}
    if headers:
        answer["headers"] = headers
    errors = set(described["errors"]) | ({422} if described["body"] or described["paged"] else set())
    errors |= {412} if described["if_match"] else set()
    errors |= {400} if described["body"] else set()
    found = {
        "summary": described["summary"], "operationId": endpoint.split(".", 1)[1],
        "parameters": parameters,
        "responses": {status: answer, **{str(code): {"$ref": f"#/components/responses/E{code}"}
                                         for code in sorted(errors)}},
    }
    if described["description"]:
        found["description"] = described["description"]
    if described["body"] is not None:
        found["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": {"$ref": REF.format(model=described["body"].__name__)}}}}
    if described["public"]:
        found["security"] = []
    return found


def paths() -> dict:
    found: dict[str, dict] = {}
    for rule in current_app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        name = rule.endpoint.split(".", 1)[1]
        if name == "unknown":
            continue  # the catch-all that answers unknown paths with a problem
        if name not in OPERATIONS:
            raise LookupError(f"API route {rule.rule} has no @operation description")
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        parameters = [{"name": argument, "in": "path", "required": True,
                       "schema": {"type": "integer" if converter == "int" else "string"}}
                      for converter, argument in re.findall(r"<(?:(\w+):)?(\w+)>", rule.rule)]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.setdefault(path, {})[method.lower()] = _operation(
                rule.endpoint, method, OPERATIONS[name], parameters)
    return dict(sorted(found.items()))


def document(server: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "facilitator team plan API", "version": "2.0.0",
            "description": (
                "The team plans of the teams you see, for an HR or learning system. Make a personal "
                "access token on the page /account/tokens and send it as `Authorization: Bearer "
                "<token>`. A team lead's token sees only that lead's teams; any other team answers "
                "403. Read-only tokens cannot change anything.\n\n"
                "Lists come in pages (`page`, `per_page`, with `links` and a `Link` header). An "
                "agreement carries an `ETag`; send it as `If-Match` with PATCH or DELETE and a "
                "change made meanwhile is refused with 412. `updated_since` gives what changed, "
                "withdrawn agreements included, to keep a copy in step. Errors are "
                "`application/problem+json` with a stable `code`; `detail` follows "
                "`Accept-Language` (Dutch, or English). Times are ISO 8601 with their offset."),
        },
        "servers": [{"url": server}],
        "security": [{"token": []}],
        "paths": paths(),
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                          "description": "A personal access token (fac_...)."}},
            "schemas": schemas(),
            "responses": {f"E{code}": _json(Problem, text, PROBLEM) for code, text in ERROR_TEXT.items()},
        },
    }
