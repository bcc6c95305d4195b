"""Bringing a database to the schema this footcore expects, through Alembic.

The Alembic configuration is built in code (no ``alembic.ini``); the migration scripts ship
inside the package. ``upgrade(engine)`` is cheap when the database is already current: it
reads the stored revision and only loads Alembic when there is something to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from footcore.domain.errors import FootcoreError
from footcore.store.engine import READ_ONLY
from footcore.store.revisions import HEAD, REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

__all__ = ["HEAD", "MIGRATIONS", "REVISIONS", "alembic_config", "current_revision", "upgrade"]


def alembic_config(engine: Engine) -> Config:
    # Deferred: Alembic loads only when the schema is not current (measured).
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database, or ``None`` for an empty database. A read-only
    transaction: it takes no write lock, so opening a database that another process is
    writing never waits for that writer (nor fails after the busy timeout)."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest one)."""
    if revision == "head":
        stored = current_revision(engine)
        if stored == HEAD:
            return
        if stored is not None and stored not in REVISIONS:
            raise FootcoreError(
                f"the database is at schema revision {stored!r}, which this footcore does not "
                "know: it was written by a newer footcore; upgrade footcore to use it"
            )
    from alembic import command  # noqa: PLC0415

    config = alembic_config(engine)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
