"""Fixtures for the security tests: the shared world (see world.py) and a database dump."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitator.extensions import db

from .world import build

#: Bookkeeping that any visit may touch (a token's last use, a phone's last contact).
VOLATILE = {"last_used_at", "last_seen", "connections"}


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    return build(tmp_path_factory.mktemp("world"))


def dump(app) -> dict[str, list[str]]:
    """Every row of every table, for comparing before and after a request."""
    with app.app_context():
        tables = {}
        for table in db.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in VOLATILE]
            tables[table.name] = sorted(repr(tuple(row)) for row in db.session.execute(select(*columns)))
        db.session.remove()
        return tables
