"""Backup and restore: every table's rows as JSON, a lossless round trip.

What a backup holds and leaves out, and how a restore checks a file before writing, is told
in :mod:`footcore.store.backup`, which reads and writes the tables (``uow.backup``); this
module makes the file (format, schema revision) and runs each use case in one unit of work.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from footcore.domain.errors import FootcoreError
from footcore.services.context import Context
from footcore.store.backup_format import FORMAT, LEFT_OUT
from footcore.store.revisions import HEAD

__all__ = ["FORMAT", "LEFT_OUT", "BackupService", "dump"]


class BackupService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def backup(self) -> dict[str, Any]:
        """Every backed-up table's rows (ordered by primary key), keys sorted: equal data
        gives equal files. Read in one snapshot of the database."""
        with self.ctx.uow() as uow:
            tables = uow.backup.dump()
        return {"format": FORMAT, "schema": HEAD, "tables": tables}

    def write_backup(self, path: Path) -> dict[str, int]:
        """Write the backup to ``path`` (atomically: a temporary file, then a rename);
        rows written per table."""
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
        """Load a backup into the database; rows restored per table. The whole file is
        checked before anything is written. An empty database is required unless
        ``replace``, which first deletes the current data (the secret key stays) in the
        same transaction."""
        with self.ctx.uow(read_only=True) as uow:  # reads nothing: takes no lock
            checked = uow.backup.check(data)
        with self.ctx.uow() as uow:
            return uow.backup.restore(checked, replace)

    def read_and_restore(self, path: Path, replace: bool = False) -> dict[str, int]:
        if Path(path).suffix.lower() != ".json":
            raise FootcoreError(f"{path}: a footcore backup is a .json file")
        return self.restore(self.ctx.formats.documents().read_mapping(path), replace=replace)


def dump(data: Mapping[str, Any]) -> str:
    """The text of a backup file (stable: same data, same bytes)."""
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
