"""Alembic environment: runs on the connection ``footcore.store.migrate`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from footcore.store.tables import (
    Base,
    accounts,  # noqa: F401  (its tables join Base.metadata)
)

# An arbitrary constant naming footcore's migration lock on PostgreSQL.
_PG_LOCK = 0x666F6F74


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        if context.get_context().dialect.name == "postgresql":
            # Two processes starting at once (CLI and web) migrate one after the other.
            context.get_bind().execute(text(f"SELECT pg_advisory_xact_lock({_PG_LOCK})"))
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("footcore migrations run through footcore.store.migrate only")
_run(connection)
