"""The database URL a trainer may set: a file (the default), or SQLite in memory for a quick try."""

from __future__ import annotations

import pytest

from facilitator.extensions import db
from facilitator.web.accounts import add_user

from .conftest import PASSWORD


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_sqlite_in_memory_starts_and_keeps_what_is_stored_while_it_runs(make_app, url):
    app = make_app(SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        add_user("geheugen@example.nl", PASSWORD, "trainer")
    client = app.test_client()
    signed_in = client.post("/login", data={"email": "geheugen@example.nl", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/").status_code == 200


def test_a_file_database_hands_out_the_connection_used_last(app):
    with app.app_context():
        assert db.engine.pool._pool.use_lifo
