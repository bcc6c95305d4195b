"""Backup and restore: every row of every table as JSON, a lossless round trip.

The file records the schema revision it was written at. Restoring a file from a newer
schema is refused with a clear message; a file from an older schema restores with the
columns it lacks left empty. Restore writes everything in one transaction: it succeeds whole
or leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Boolean, Date, Float, Integer, Table, delete, func, select, text
from sqlalchemy.types import JSON, TypeEngine

from footcore.domain.errors import FootcoreError
from footcore.services.context import Context
from footcore.store.migrate import HEAD, REVISIONS
from footcore.store.tables import TABLES_IN_ORDER, UTCDateTime

FORMAT = "footcore.backup/1"


def _tables() -> list[Table]:
    return [cast(Table, model.__table__) for model in TABLES_IN_ORDER]


def _dump_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _load_value(kind: TypeEngine[Any], value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        if isinstance(kind, UTCDateTime):
            parsed = dt.datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        if isinstance(kind, Date):
            return dt.date.fromisoformat(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise ValueError("expected true or false")
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("expected a whole number")
            return value
        if isinstance(kind, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("expected a number")
            return float(value)
        if isinstance(kind, JSON):
            return value
        if not isinstance(value, str):
            raise ValueError("expected text")
        return value
    except (TypeError, ValueError) as exc:
        raise FootcoreError(f"backup file: {where}: {exc}") from None


class BackupService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def backup(self) -> dict[str, Any]:
        """Every table's rows (ordered by id), keys sorted: equal data gives equal files."""
        out: dict[str, Any] = {"format": FORMAT, "schema": HEAD, "tables": {}}
        with self.ctx.uow() as uow:
            for table in _tables():
                rows = uow.session.execute(select(table).order_by(table.c.id)).mappings()
                out["tables"][table.name] = [
                    {k: _dump_value(v) for k, v in sorted(row.items())} for row in rows
                ]
        return out

    def write_backup(self, path: Path) -> dict[str, int]:
        """Write the backup to ``path`` (atomically: a temporary file, then a rename)."""
        data = self.backup()
        target = Path(path)
        tmp = target.with_name(target.name + ".tmp")
        try:
            tmp.write_text(dump(data), encoding="utf-8")
            tmp.replace(target)
        except OSError as exc:
            raise FootcoreError(f"{target}: cannot write the backup ({exc.strerror})") from None
        return {name: len(rows) for name, rows in data["tables"].items()}

    def restore(self, data: Mapping[str, Any], replace: bool = False) -> dict[str, int]:
        """Load a backup into the database. An empty database is required unless
        ``replace``, which deletes the current data first (in the same transaction)."""
        tables = check_backup(data)
        counts: dict[str, int] = {}
        with self.ctx.uow() as uow:
            session = uow.session
            existing = sum(
                int(session.scalar(select(func.count()).select_from(t)) or 0) for t in _tables()
            )
            if existing and not replace:
                raise FootcoreError(
                    "the database already holds data: restore into an empty database, or "
                    "pass --replace to delete the current data first"
                )
            for table in reversed(_tables()):
                session.execute(delete(table))
            for table in _tables():
                rows = tables.get(table.name, [])
                values = []
                for n, row in enumerate(rows):
                    if not isinstance(row, Mapping):
                        raise FootcoreError(f"backup file: {table.name}[{n}]: expected an object")
                    unknown = set(row) - set(table.c.keys())
                    if unknown:
                        raise FootcoreError(
                            f"backup file: {table.name}[{n}]: unknown columns "
                            f"{', '.join(sorted(unknown))}"
                        )
                    values.append(
                        {
                            c.name: _load_value(
                                c.type, row.get(c.name), f"{table.name}[{n}].{c.name}"
                            )
                            for c in table.columns
                        }
                    )
                if values:
                    session.execute(table.insert(), values)
                counts[table.name] = len(values)
            if session.get_bind().dialect.name == "postgresql":
                for table in _tables():
                    session.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
        return counts

    def read_and_restore(self, path: Path, replace: bool = False) -> dict[str, int]:
        from footcore.io.files import read_mapping

        if Path(path).suffix.lower() != ".json":
            raise FootcoreError(f"{path}: a footcore backup is a .json file")
        return self.restore(read_mapping(path), replace=replace)


def check_backup(data: Mapping[str, Any]) -> Mapping[str, list[Any]]:
    """The tables of a backup, after checking its format and schema revision."""
    if data.get("format") != FORMAT:
        raise FootcoreError(
            f"not a footcore backup: expected format {FORMAT!r}, found {data.get('format')!r}"
        )
    schema = data.get("schema")
    if schema not in REVISIONS:
        if isinstance(schema, str) and schema.isdigit() and int(schema) > int(HEAD):
            raise FootcoreError(
                f"this backup was written by a newer footcore (schema {schema}); this footcore "
                f"reads schemas up to {HEAD}. Upgrade footcore, then restore again."
            )
        raise FootcoreError(f"backup file: unknown schema {schema!r}")
    tables = data.get("tables")
    if not isinstance(tables, Mapping) or not all(isinstance(v, list) for v in tables.values()):
        raise FootcoreError("backup file: 'tables' must map table names to lists of rows")
    known = {t.name for t in _tables()}
    unknown = set(tables) - known
    if unknown:
        raise FootcoreError(f"backup file: unknown tables {', '.join(sorted(unknown))}")
    return tables


def dump(data: Mapping[str, Any]) -> str:
    """The text of a backup file (stable: same data, same bytes)."""
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
