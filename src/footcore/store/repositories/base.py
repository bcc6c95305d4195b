"""What every repository shares: its session, and inserting a row once by its natural key.

Writes that must happen once whatever the retries (a session, an item, a run, a decision, a
membership) use ``INSERT ... ON CONFLICT DO NOTHING`` on their natural key, which is atomic
on SQLite and PostgreSQL alike, so two processes sending the same thing at once still store
it once.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from footcore.store.data_versions import note_insert
from footcore.store.tables import Base


def insert_once(
    session: Session, table: Table, values: Mapping[str, Any], key: Sequence[str]
) -> bool:
    """Insert a row unless one with the same ``key`` columns exists; True when inserted."""
    return insert_once_id(session, table, values, key) is not None


def insert_once_id(
    session: Session, table: Table, values: Mapping[str, Any], key: Sequence[str]
) -> int | None:
    """Insert a row unless one with the same ``key`` columns exists; the new row's id, or
    None when one existed."""
    stmt = _insert_once_statement(session.get_bind().dialect.name, table, tuple(key))
    # On the session's connection, without the ORM's execution (a third of this call's
    # cost); the athletes the row belongs to are counted for their data versions here.
    made: int | None = session.connection().execute(stmt, dict(values)).scalar()
    if made is not None:
        note_insert(session, table.name, (values,))
    return made


@functools.cache
def _insert_once_statement(dialect: str, table: Table, key: tuple[str, ...]) -> Any:
    """``INSERT ... ON CONFLICT (key) DO NOTHING RETURNING id``, built once per table: the
    values go as parameters, so neither the statement nor its cache key is made again on
    every write. RETURNING yields a row only when the insert happened (rowcount is not
    reliable here)."""
    if dialect == "postgresql":
        # Deferred: the PostgreSQL dialect loads only for a PostgreSQL database (measured).
        from sqlalchemy.dialects.postgresql import insert as pg_insert  # noqa: PLC0415

        stmt: Any = pg_insert(table)
    else:
        stmt = sqlite_insert(table)
    return stmt.on_conflict_do_nothing(index_elements=list(key)).returning(table.c.id)


def table_of(model: type[Base]) -> Table:
    """The ``Table`` a mapped class is stored in."""
    return cast(Table, model.__table__)


class Repository:
    """A repository works over one SQLAlchemy session: one unit of work's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
