"""Backup and restore in the database: the schema's tables as JSON, a lossless round trip.

The file records the schema revision it was written at. Restoring a file from a newer
schema is refused with a clear message; a file from an older schema restores with the
tables and columns it lacks left empty (or at the column's default). Restore writes
everything in one transaction: it succeeds whole or leaves the database as it was.

Which tables a backup holds is decided from the schema itself (``Base.metadata``), so a
table or column added by a later migration is backed up without a change here. Every table
is in the file except those in :data:`LEFT_OUT`. Table by table:

- Training data - ``athletes``, ``profile_versions``, ``programmes``, ``assessments``,
  ``session_logs``, ``item_logs``, ``runs``, ``decisions``, ``calendar_feeds``: every row and
  column. A calendar feed keeps working after a restore, because only its token's SHA-256 is
  stored and that needs no key.
- ``users``: every column. The argon2 password hash, so everyone signs in with the same
  password after a restore; the role; the link to the athlete's training data; the
  failed-attempt count and lock, so a restore does not hand an attacker five fresh guesses;
  the time of the last sign-in. A backup therefore holds password hashes and must be kept
  as private as the database itself.
- ``groups`` (with their invite codes, so codes already handed out still work),
  ``memberships`` (invited, accepted and left: a pending invitation survives),
  ``programme_templates`` (with their version), ``template_assignments`` and
  ``coach_exercises``: the coaches' work, every row and column.
- ``web_sessions`` and ``password_resets``: left out. They are short-lived credentials (14
  days and one hour); bringing them back would revive sign-ins that were ended after the
  backup was written. A restore therefore signs everyone out, and a pending reset token
  must be issued again.
- ``planned_sessions``: left out. It is a cache of the sessions of each athlete's latest
  programme snapshot, which the coach's dashboard rebuilds from the snapshot when it is
  missing. Leaving it out keeps files smaller, and a file can never carry a cache that
  disagrees with its programmes.
- ``app_secrets`` (the secret key): left out, and a restore never deletes or changes it.
  The key belongs to the installation, not to the data: every web worker reads it once
  when it starts, so replacing it under running workers would leave workers started
  before and after the restore with different keys. Nothing in a backup depends on it
  (it only signs the one-person mode's form token). Restoring into a new database means
  that database makes its own key on first use; forms already open in a browser then
  need a reload. It also keeps a secret out of backup files.
- ``athlete_versions``: left out. A data version is a random number that says "the
  athlete's data changed"; the restore writes the athletes' rows, so each restored athlete
  gets a new version as the restore commits (:mod:`footcore.store.data_versions`), and no
  answer a web worker kept from before the restore is taken as current.
- ``reminder_settings`` (how each athlete wants to be reminded): every row and column.
- ``push_subscriptions``: left out. A browser's subscription is bound to the VAPID key of
  the installation it subscribed to (kept in ``app_secrets``, which a backup never holds),
  so on another database it could not be used; each device subscribes again from Settings.
- ``reminders_sent``: left out. The record that keeps a reminder from going out twice; after
  a restore at most the reminders due in the hour before could go out once more.

Restore loads the tables parents first (every foreign key points at rows already loaded)
and ``--replace`` empties every table except ``app_secrets``, children first, including
the left-out tables whose rows point at the users, athletes and programmes replaced.
Before anything is written, each row is checked against the table's definition: types,
required values, text lengths, unique values, and references to rows of the file, so a
bad file gets a message naming the table, the row and the column. A rule only the database
checks (a CHECK constraint) is reported the same way.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    Integer,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    UniqueConstraint,
    delete,
    literal,
    select,
    text,
)
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.schema import Column
from sqlalchemy.types import JSON, TypeEngine

from footcore.domain.errors import FootcoreError
from footcore.domain.planning.model import plan_from_dict
from footcore.domain.profile import parse_profile
from footcore.store.backup_format import FORMAT, LEFT_OUT
from footcore.store.migrate import HEAD, REVISIONS
from footcore.store.tables import TABLES_IN_ORDER, Base, UTCDateTime
from footcore.store.tables import accounts as account_tables

#: Tables a restore never empties or writes: they belong to the installation.
KEPT_BY_RESTORE = frozenset({"app_secrets"})

_ROW_PROBLEMS = (IntegrityError, DataError)


def schema_tables() -> list[Table]:
    """Every table of the schema, parents before children (the declared order where the
    foreign keys allow it, then any table declared elsewhere, by name)."""
    declared = [
        cast(Table, m.__table__)
        for m in (*TABLES_IN_ORDER, *account_tables.ACCOUNT_TABLES_IN_ORDER)
    ]
    known = {t.name for t in declared}
    others = [t for name, t in sorted(Base.metadata.tables.items()) if name not in known]
    pending: list[Table] = [*declared, *others]
    ordered: list[Table] = []
    placed: set[str] = set()
    while pending:
        for table in pending:
            parents = {fk.column.table.name for fk in table.foreign_keys} - {table.name}
            if parents <= placed:
                break
        else:
            raise RuntimeError(f"foreign keys form a cycle among {[t.name for t in pending]}")
        pending.remove(table)
        ordered.append(table)
        placed.add(table.name)
    return ordered


def backup_tables() -> list[Table]:
    """The tables a backup holds, parents first."""
    return [t for t in schema_tables() if t.name not in LEFT_OUT]


def _cleared_tables() -> list[Table]:
    """The tables that must be empty before a restore (``--replace`` empties them)."""
    return [t for t in schema_tables() if t.name not in KEPT_BY_RESTORE]


# -- values ----------------------------------------------------------------------------------


def dump_value(value: Any) -> Any:
    """A column's value as JSON holds it (dates and times as ISO text)."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _int_bits(kind: TypeEngine[Any]) -> int:
    if isinstance(kind, BigInteger):
        return 63
    if isinstance(kind, SmallInteger):
        return 15
    return 31


def _load_value(kind: TypeEngine[Any], value: Any, where: str) -> Any:
    """A value of the file as the column stores it; a clear error when it does not fit (the
    same on both engines, e.g. a text longer than its column, which SQLite would keep)."""
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
            bits = _int_bits(kind)
            if not -(2**bits) <= value < 2**bits:
                raise ValueError(f"{value} is too large for this column")
            return value
        if isinstance(kind, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("expected a number")
            if not math.isfinite(value):
                raise ValueError("expected a finite number")
            return float(value)
        if isinstance(kind, JSON):
            return value
        if not isinstance(value, str):
            raise ValueError("expected text")
        if "\x00" in value:
            raise ValueError("text must not contain the NUL character")
        if isinstance(kind, String) and kind.length is not None and len(value) > kind.length:
            raise ValueError(f"longer than {kind.length} characters")
        return value
    except (TypeError, ValueError) as exc:
        raise FootcoreError(f"backup file: {where}: {exc}") from None


def _default(column: Column[Any]) -> Any:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return getattr(default, "arg", None)
    return None


def _required(column: Column[Any]) -> bool:
    """A value must come from the file: not nullable and no default of its own."""
    return not column.nullable and column.default is None and column.server_default is None


# -- checking a file -------------------------------------------------------------------------


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
    never = sorted(set(tables) & set(LEFT_OUT))
    if never:
        raise FootcoreError(f"backup file: a backup never holds the tables {', '.join(never)}")
    unknown = sorted(set(tables) - {t.name for t in backup_tables()})
    if unknown:
        raise FootcoreError(f"backup file: unknown tables {', '.join(unknown)}")
    return tables


def _rows_of(table: Table, raw: Sequence[Any]) -> list[dict[str, Any]]:
    """The rows of one table as the database stores them. A column missing from every row
    (a file from an older schema) is left to its default; one missing from some rows only
    takes the column's default, else stays empty."""
    columns = {c.name: c for c in table.columns}
    present: set[str] = set()
    for n, row in enumerate(raw):
        if not isinstance(row, Mapping):
            raise FootcoreError(f"backup file: {table.name}[{n}]: expected an object")
        unknown = set(row) - set(columns)
        if unknown:
            raise FootcoreError(
                f"backup file: {table.name}[{n}]: unknown columns {', '.join(sorted(unknown))}"
            )
        present.update(row)
    if raw:
        for name, column in columns.items():
            if name not in present and _required(column):
                raise FootcoreError(f"backup file: {table.name}[0].{name}: a value is required")
    used = [c for c in table.columns if c.name in present]
    out: list[dict[str, Any]] = []
    for n, row in enumerate(raw):
        values: dict[str, Any] = {}
        for column in used:
            where = f"{table.name}[{n}].{column.name}"
            if column.name in row:
                value = _load_value(column.type, row[column.name], where)
            else:
                value = _default(column)
            if value is None and not column.nullable:
                raise FootcoreError(f"backup file: {where}: a value is required")
            values[column.name] = value
        out.append(values)
    return out


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    """The column sets that must be unique (primary key, unique constraints and indexes),
    leaving out any with a JSON column (never compared)."""
    keys: set[tuple[str, ...]] = set()
    for constraint in table.constraints:
        if isinstance(constraint, PrimaryKeyConstraint | UniqueConstraint):
            keys.add(tuple(c.name for c in constraint.columns))
    for index in table.indexes:
        if index.unique and index.columns:
            keys.add(tuple(c.name for c in index.columns))
    return sorted(k for k in keys if k and not any(isinstance(table.c[n].type, JSON) for n in k))


def _check_unique(table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    for key in _unique_keys(table):
        seen: dict[tuple[Any, ...], int] = {}
        for n, row in enumerate(rows):
            value = tuple(row.get(name) for name in key)
            if any(v is None for v in value):  # as in SQL, empty values never clash
                continue
            if value in seen:
                shown = ", ".join(key)
                raise FootcoreError(
                    f"backup file: {table.name}[{n}].{'/'.join(key)}: the same as "
                    f"{table.name}[{seen[value]}], but {shown} must be unique"
                )
            seen[value] = n


def _check_references(
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    loaded: Mapping[str, Sequence[Mapping[str, Any]]],
) -> None:
    """Every reference points at a row of the file (the database is empty meanwhile)."""
    for constraint in sorted(table.foreign_key_constraints, key=lambda c: list(c.column_keys)):
        elements = list(constraint.elements)
        parent = elements[0].column.table
        if parent.name not in loaded:  # not restored from the file: the database checks
            continue
        local = [e.parent.name for e in elements]
        remote = [e.column.name for e in elements]
        targets = {tuple(r.get(name) for name in remote) for r in loaded[parent.name]}
        for n, row in enumerate(rows):
            value = tuple(row.get(name) for name in local)
            if any(v is None for v in value) or value in targets:
                continue
            shown = ", ".join(f"{name} {v!r}" for name, v in zip(remote, value, strict=True))
            raise FootcoreError(
                f"backup file: {table.name}[{n}].{'/'.join(local)}: no {parent.name} row "
                f"of the file has {shown}"
            )


def _check_ids(table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Row ids and references are positive, as the database makes them."""
    keys = [
        c.name
        for c in table.columns
        if isinstance(c.type, Integer) and (c.primary_key or c.foreign_keys)
    ]
    for n, row in enumerate(rows):
        for name in keys:
            value = row.get(name)
            if value is not None and value < 1:
                raise FootcoreError(f"backup file: {table.name}[{n}].{name}: must be 1 or more")


def _content_checks() -> dict[tuple[str, str], Callable[[Any], object]]:
    """The documents inside rows, read by the same code that reads them after a restore
    (a profile, a stored plan): a restore that let a broken one in broke every page."""
    return {
        ("profile_versions", "data"): parse_profile,
        ("programmes", "plan"): plan_from_dict,
    }


def _check_content(table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    for (name, column), read in _content_checks().items():
        if name != table.name:
            continue
        for n, row in enumerate(rows):
            try:
                read(row.get(column))
            except FootcoreError as exc:
                raise FootcoreError(f"backup file: {name}[{n}].{column}: {exc}") from None
            except (TypeError, ValueError, KeyError, AttributeError):
                raise FootcoreError(
                    f"backup file: {name}[{n}].{column}: not a readable document"
                ) from None


def _prepare(tables: Mapping[str, Sequence[Any]]) -> list[tuple[Table, list[dict[str, Any]]]]:
    """Every table's rows, checked and converted, parents first (nothing is written)."""
    prepared: list[tuple[Table, list[dict[str, Any]]]] = []
    loaded: dict[str, list[dict[str, Any]]] = {}
    for table in backup_tables():
        rows = _rows_of(table, tables.get(table.name, []))
        _check_ids(table, rows)
        _check_content(table, rows)
        _check_unique(table, rows)
        _check_references(table, rows, loaded)
        loaded[table.name] = rows
        prepared.append((table, rows))
    return prepared


# -- writing ---------------------------------------------------------------------------------


def _insert(session: Session, table: Table, rows: list[dict[str, Any]], offset: int = 0) -> None:
    """Insert the rows in one statement. Should the database refuse one (a rule only it
    checks), halve the batch until that row is found and name it."""
    try:
        with session.begin_nested():
            session.execute(table.insert(), rows)
        return
    except _ROW_PROBLEMS as exc:
        if len(rows) == 1:
            raise FootcoreError(
                f"backup file: {table.name}[{offset}]{_explain(table, rows[0], exc)}"
            ) from None
        problem = exc
    mid = len(rows) // 2
    _insert(session, table, rows[:mid], offset)
    _insert(session, table, rows[mid:], offset + mid)
    # Every row went in on its own: the rows break a rule together.
    raise FootcoreError(f"backup file: {table.name}{_explain(table, {}, problem)}") from None


def _explain(table: Table, row: Mapping[str, Any], exc: IntegrityError | DataError) -> str:
    """The rule a refused row breaks, with the columns it names."""
    message = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else str(exc)
    named = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
    for check in table.constraints:
        if not isinstance(check, CheckConstraint) or not check.name:
            continue
        # The name the database reports may carry the naming convention's prefix twice.
        name = str(check.name)
        if not (named or "").endswith(name) and not re.search(rf"{re.escape(name)}\b", message):
            continue
        rule = str(check.sqltext)
        columns = [c.name for c in table.columns if re.search(rf"\b{re.escape(c.name)}\b", rule)]
        shown = ", ".join(f"{c} {row[c]!r}" for c in columns if c in row)
        what = f" ({shown})" if shown else ""
        return f".{'/'.join(columns)}: breaks the rule {rule}{what}"
    return f": the database refused it ({message})"


def _move_sequences(session: Session, tables: Sequence[Table]) -> None:
    """PostgreSQL: each id sequence continues after the highest restored id."""
    preparer = session.get_bind().dialect.identifier_preparer
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name, column = preparer.format_table(table), preparer.quote(keys[0].name)
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE((SELECT MAX({column}) FROM {name}), 0) + 1, false)"
            ),
            {"table": name, "column": keys[0].name},
        )


@dataclass(frozen=True)
class CheckedBackup:
    """A backup file's rows, checked and converted, parents first (:func:`check`)."""

    tables: list[tuple[Table, list[dict[str, Any]]]]


def check(data: Mapping[str, Any]) -> CheckedBackup:
    """Check a whole backup file before anything is written (no database needed)."""
    return CheckedBackup(_prepare(check_backup(data)))


class BackupRepository:
    """The backed-up tables of one unit of work (``uow.backup``): read them all, or load a
    checked backup into them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def check(self, data: Mapping[str, Any]) -> CheckedBackup:
        """The module's :func:`check`: the whole file, before anything is written (it reads
        no row: the services call it in a read-only unit of work)."""
        return check(data)

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every backed-up table's rows (ordered by primary key), keys sorted, read in one
        snapshot of the database."""
        session = self.session
        if session.get_bind().dialect.name == "postgresql":
            # One snapshot for every table, so rows written meanwhile are in all tables
            # or in none (SQLite's write lock, taken at BEGIN, already does this).
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        out: dict[str, list[dict[str, Any]]] = {}
        for table in backup_tables():
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            out[table.name] = [
                {str(k): dump_value(v) for k, v in sorted(row.items())} for row in rows
            ]
        return out

    def restore(self, checked: CheckedBackup, replace: bool = False) -> dict[str, int]:
        """Load a checked backup (:func:`check`); rows restored per table. The tables must
        be empty unless ``replace``, which first deletes the current data (the secret key
        stays)."""
        prepared = checked.tables
        session = self.session
        cleared = _cleared_tables()
        held = [
            t.name
            for t in cleared
            if session.execute(select(literal(1)).select_from(t).limit(1)).first()
        ]
        if held and not replace:
            raise FootcoreError(
                f"the database already holds data ({', '.join(held)}): restore into an "
                "empty database, or pass --replace to delete the current data first"
            )
        if held:
            for table in reversed(cleared):
                session.execute(delete(table))
        for table, rows in prepared:
            if rows:
                _insert(session, table, rows)
        if session.get_bind().dialect.name == "postgresql":
            _move_sequences(session, [t for t, _ in prepared])
        return {table.name: len(rows) for table, rows in prepared}
