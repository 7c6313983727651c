"""Every answer of the JSON API checked against the OpenAPI document the app generates: the
status must be documented for that path and method, and the body must match its schema, formats
included (date, date-time)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from openapi_schema_validator import OAS31Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

CHECKED: list[tuple[str, str, int]] = []  # (method, path template, status) of every checked answer


def validator(spec: dict, schema: dict) -> OAS31Validator:
    registry = Registry().with_resource("urn:api", DRAFT202012.create_resource(spec))
    schema = _rebased(schema)
    return OAS31Validator(schema, registry=registry, format_checker=OAS31Validator.FORMAT_CHECKER)


def _rebased(schema):
    """$refs of the document ("#/components/...") pointed at the registered document."""
    if isinstance(schema, dict):
        return {k: ("urn:api" + v if k == "$ref" and v.startswith("#") else _rebased(v))
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [_rebased(v) for v in schema]
    return schema


def operation_of(spec: dict, method: str, path: str) -> tuple[str, dict] | None:
    for template, item in spec["paths"].items():
        pattern = "^" + re.sub(r"\\\{\w+\\\}", r"[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    return None


def check(spec: dict, method: str, path: str, response) -> None:
    """Fail unless the answer is one the document describes."""
    if path == "/api/openapi.json":
        return
    found = operation_of(spec, method, path)
    if found is None:  # an unknown path or method: still a problem document
        assert response.status_code in (404, 405), (method, path, response.status_code)
        assert response.mimetype == "application/problem+json", (method, path)
        validator(spec, {"$ref": "#/components/schemas/Problem"}).validate(response.get_json())
        return
    template, described = found
    status = str(response.status_code)
    assert status in described["responses"], f"{method} {template}: {status} is not documented"
    answer = described["responses"][status]
    if "$ref" in answer:
        answer = spec["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
    content = answer.get("content")
    if not content:
        assert not response.data, f"{method} {template}: {status} should have no body"
        return
    assert response.mimetype in content, f"{method} {template}: {response.mimetype} not documented"
    validator(spec, content[response.mimetype]["schema"]).validate(response.get_json())
    for header in answer.get("headers", {}):
        assert header in response.headers, f"{method} {template}: {header} header missing"
    CHECKED.append((method, template, response.status_code))


class CheckingClient(FlaskClient):
    """A test client that checks every /api/ answer against the app's own OpenAPI document."""

    spec: dict | None = None

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        if request.path.startswith("/api/") and request.path != "/api/openapi.json":
            if CheckingClient.spec is None:
                CheckingClient.spec = FlaskClient(self.application).get("/api/openapi.json").get_json()
            check(CheckingClient.spec, request.method, request.path, response)
        return response
