"""Engines for SQLite (the embedded default) and PostgreSQL.

SQLite connections get, on every connect: WAL journal (readers never block the writer),
``busy_timeout`` 5000 ms (a writer waits for another instead of failing), foreign keys on,
and ``synchronous=NORMAL`` (safe with WAL). Each transaction opens with ``BEGIN IMMEDIATE``,
so two processes writing the same file queue for the write lock up front rather than
failing when a read transaction tries to become a write one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from footcore.domain.errors import FootcoreError

BUSY_TIMEOUT_MS = 5000


def make_engine(url: str) -> Engine:
    """A configured engine for a SQLAlchemy URL (``sqlite...`` or ``postgresql+psycopg...``)."""
    try:
        parsed = make_url(url)
    except Exception:  # SQLAlchemy raises ArgumentError with a terse text
        raise FootcoreError(f"not a database URL: {url!r}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            raise FootcoreError(
                f"PostgreSQL URLs must use the psycopg driver (postgresql+psycopg://...), "
                f"got {parsed.drivername!r}"
            )
        return create_engine(url, pool_pre_ping=True)
    raise FootcoreError(
        f"unsupported database {backend!r}: use sqlite+pysqlite:///FILE or "
        "postgresql+psycopg://USER@HOST/DB"
    )


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
