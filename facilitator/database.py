"""Database set-up: SQLite pragmas (WAL) and schema migrations with Alembic."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import Flask
from sqlalchemy import event, make_url
from sqlalchemy.engine import Engine

from .extensions import db
from .i18n import as_json_text
from .sessions import cotraining, models  # noqa: F401  (the tables, declared before anything creates or migrates them)
from .teamplan import models as teamplan_models  # noqa: F401  (the team plan's tables)

MIGRATIONS = Path(__file__).parent / "migrations"


def init_app(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    # A copy per app: the defaults are shared by every app this process creates.
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    options.setdefault("json_serializer", stored_json)
    if uri.startswith("sqlite"):
        options["connect_args"] = {**options.get("connect_args", {}), "timeout": 30}
        options.pop("pool_pre_ping", None)
        if make_url(uri).database in (None, "", ":memory:"):  # one connection, no pool to order
            options.pop("pool_use_lifo", None)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    if uri.startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)


def stored_json(value) -> str:
    """JSON for the database: a work form's lazy text (``_l``) in its state, data or an entry is
    stored as the text it reads in the language in force (the session's, see docs/plugins.md)."""
    return json.dumps(value, default=as_json_text)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA secure_delete=ON")  # removed personal data is zeroed on disk
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(app: Flask, revision: str = "heads") -> str:
    """Bring the schema up to ``revision``; say what it took: ``"created"`` (an empty
    database), ``"upgraded"`` or ``"current"`` (nothing to do)."""
    from alembic.runtime.migration import MigrationContext

    with app.app_context():
        with db.engine.connect() as connection:
            before = set(MigrationContext.configure(connection).get_current_heads())
        command.upgrade(alembic_config(db.engine), revision)
        with db.engine.connect() as connection:
            after = set(MigrationContext.configure(connection).get_current_heads())
    if not before:
        return "created"
    return "current" if before == after else "upgraded"
