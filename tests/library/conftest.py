"""Library fixtures: a second trainer, and the editor form as a browser would submit it."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from facilitator.extensions import db
from facilitator.web.accounts import add_user

from ..conftest import PASSWORD, login


class EditorForm(HTMLParser):
    """The (name, value) pairs of the form with id ``editor``, in page order, as a browser sends them.

    Inputs inside a <template> (the blank new item) and disabled inputs are not sent.
    """

    def __init__(self, html: str):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = self._template = 0
        self._textarea: list | None = None
        self._select: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "editor":
            self._in_form = 1
        if not self._in_form:
            return
        if tag == "template":
            self._template += 1
        if self._template or "disabled" in a or not a.get("name") and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("checkbox", "submit") or (
                a.get("type") == "checkbox" and "checked" in a):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select = {"name": a["name"], "value": None}
        elif tag == "option" and self._select is not None:
            if self._select["value"] is None or "selected" in a:
                self._select["value"] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append((name, text.removeprefix("\n")))  # as browsers read a textarea
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append((self._select["name"], self._select["value"] or ""))
            self._select = None
        elif tag == "form":
            self._in_form = 0


def editor_fields(client, url: str) -> list[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return EditorForm(response.get_data(as_text=True)).fields


@pytest.fixture
def colleague_client(app, trainer):
    """A second trainer of the same installation, logged in."""
    with app.app_context():
        add_user("collega@example.nl", PASSWORD, "trainer")
    client = app.test_client()
    assert login(client, "collega@example.nl").status_code == 302
    return client


@pytest.fixture
def host(app):
    from facilitator.contract.plugins import plugin_host

    with app.app_context():
        yield plugin_host()


@pytest.fixture
def oneword_client(make_app):
    """A signed-in trainer's client on an app with the example plugin of docs/plugins.md, whose
    work form has no field description (it is edited as YAML)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "oneword"))
    try:
        import facilitator_oneword

        app = make_app(EXTRA_PLUGINS=[facilitator_oneword])
    finally:
        sys.path.pop(0)
    with app.app_context():
        add_user("oneword@example.nl", PASSWORD, "trainer")
    client = app.test_client()
    login(client, "oneword@example.nl")
    yield client
    with app.app_context():  # the extra plugin's app lets go of its database file
        db.session.remove()
        db.engine.dispose()
