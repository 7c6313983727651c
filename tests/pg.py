"""The test suite's own place in the machine's PostgreSQL: the role ``facilitator_test`` and its
database ``facilitator_test`` (made by scripts/ensure-services.sh, the only ones its pg_hba.conf
line lets in without a password). Each test gets a schema of its own in that database, so tests
running side by side never meet, and nothing else on the server is touched."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import psycopg

ROLE = DATABASE = "facilitator_test"
ADMIN = f"postgresql://{ROLE}@127.0.0.1:5432/{DATABASE}"


@contextlib.contextmanager
def schema(prefix: str = "t") -> Iterator[str]:
    """A fresh schema; yields the SQLAlchemy URL whose connections work in it. Dropped after."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"postgresql+psycopg://{ROLE}@127.0.0.1:5432/{DATABASE}?options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{name}" CASCADE')


def plain(url: str) -> str:
    """The URL for psycopg itself (without SQLAlchemy's driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://")
