"""Alembic environment: the engine comes from the facilitator app (see database.upgrade)."""

from alembic import context

from facilitator.extensions import db

config = context.config
target_metadata = db.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
