"""The stored day's read model: what ``footcore today`` reads of a SQLite file, through the
standard library's ``sqlite3`` alone (no SQLAlchemy, no ORM, no table classes).

A cold ``footcore today`` spent about three fifths of its instructions importing SQLAlchemy,
its ORM and footcore's tables, and configuring mappers and compiling statements for a dozen
reads (benchmarks/findings.md, "CLI cold start"). When the programme stored for the day is
current, which is nearly always, those reads are all the command needs; this module makes
them as plain SQL on one read-only snapshot of the file and hands back plain values.
:func:`footcore.services.programmes.stored_today` decides with them whether the snapshot is
current; when it is not (or the database is not one this module reads: PostgreSQL, an
in-memory or missing file, a schema that is not the newest), the command takes the full path
through the unit of work, which regenerates and stores.

Every value is read as SQLAlchemy's types read it on SQLite: dates from their ISO text,
booleans from 0/1, JSON columns through ``json.loads``, timestamps as aware UTC values.
``tests/integration/test_stored_day.py`` holds the reads equal to the repositories'.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any

from footcore.store.revisions import HEAD
from footcore.store.rows import DoneItemRow, FeedbackItemRow, FeedbackSessionRow, PlanParts

#: The SQLAlchemy URL prefixes of a SQLite file this module opens (``config.sqlite_url``).
_PREFIXES = ("sqlite+pysqlite:///", "sqlite:///")

#: As :data:`footcore.store.engine.BUSY_TIMEOUT_MS` (not imported: that module loads
#: SQLAlchemy); a unit test holds the two equal.
BUSY_TIMEOUT_MS = 5000


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL (``sqlite+pysqlite:///PATH``, as footcore makes them);
    None for any other database or form (PostgreSQL, in memory, URI file names, query
    options, escapes), which the full path opens instead."""
    for prefix in _PREFIXES:
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            break
    else:
        return None
    if not rest or rest == ":memory:" or rest.startswith("file:") or any(c in rest for c in "?%~"):
        return None
    return Path(rest)


@dataclass(frozen=True)
class SnapshotRow:
    """A programme snapshot without its plan document."""

    id: int
    profile_version_id: int
    generator_version: str
    start: dt.date
    weeks: int
    adjustments: dict[str, Any]


@dataclass(frozen=True)
class DecisionRow:
    date: dt.date
    chain: str
    action: str
    reason: str
    level: int | None


@dataclass(frozen=True)
class RunRow:
    date: dt.date
    km: float
    minutes: float
    kind: str
    felt: int | None


@dataclass(frozen=True)
class DayLogRow:
    """A session logged on the day, with its items by index (what today's marks read)."""

    client_id: str
    date: dt.date
    slot: str
    planned_items: int
    ended_at: dt.datetime | None
    items: list[DoneItemRow] = field(default_factory=list)


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _utc(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    stamp = dt.datetime.fromisoformat(value)
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


class _Doses:
    """Planned doses decoded once per distinct text (as the repositories do)."""

    def __init__(self) -> None:
        self._seen: dict[str | None, Mapping[str, Any]] = {}

    def read(self, text: str | None) -> Mapping[str, Any]:
        found = self._seen.get(text)
        if found is None:
            found = MappingProxyType((json.loads(text) if text is not None else None) or {})
            self._seen[text] = found
        return found


class StoredDay:
    """One read-only snapshot of a SQLite file at the newest schema (:func:`open_stored_day`);
    close it (or use it in a ``with``) when done."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def close(self) -> None:
        try:
            self._db.rollback()
        finally:
            self._db.close()

    def __enter__(self) -> StoredDay:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _one(self, sql: str, *params: Any) -> Any:
        return self._db.execute(sql, params).fetchone()

    # -- athletes, profiles, snapshots ---------------------------------------------------------

    def first_athlete(self) -> tuple[int, str] | None:
        row = self._one("SELECT id, name FROM athletes ORDER BY id LIMIT 1")
        return None if row is None else (row[0], row[1])

    def athletes(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self._db.execute("SELECT id, name FROM athletes ORDER BY id")]

    def latest_profile_id(self, athlete_id: int) -> int | None:
        row = self._one(
            "SELECT id FROM profile_versions WHERE athlete_id = ? ORDER BY version DESC LIMIT 1",
            athlete_id,
        )
        return None if row is None else int(row[0])

    def latest_programme(self, athlete_id: int) -> SnapshotRow | None:
        row = self._one(
            "SELECT id, profile_version_id, generator_version, start, weeks, adjustments "
            "FROM programmes WHERE athlete_id = ? ORDER BY id DESC LIMIT 1",
            athlete_id,
        )
        if row is None:
            return None
        return SnapshotRow(row[0], row[1], row[2], _date(row[3]), row[4], json.loads(row[5]))

    def plan_parts(self, programme_id: int, week_index: int | None) -> PlanParts:
        """Week ``week_index`` (0-based, None for none) of the snapshot's plan with its flags
        and notes, picked out by SQLite's JSON functions as the repository has them picked."""
        week_path = None if week_index is None else f"$.weeks[{int(week_index)}]"
        row = self._one(
            "SELECT JSON_QUOTE(JSON_EXTRACT(plan, '$.flags')), "
            "JSON_QUOTE(JSON_EXTRACT(plan, '$.notes')), "
            "CASE WHEN ? IS NULL THEN NULL ELSE JSON_QUOTE(JSON_EXTRACT(plan, ?)) END "
            "FROM programmes WHERE id = ?",
            week_path,
            week_path,
            programme_id,
        )
        flags, notes = json.loads(row[0]), json.loads(row[1])
        week = json.loads(row[2]) if row[2] is not None else None
        return PlanParts(week, list(flags or []), list(notes or []))

    def plan(self, programme_id: int) -> dict[str, Any]:
        """The snapshot's whole plan document."""
        row = self._one("SELECT plan FROM programmes WHERE id = ?", programme_id)
        return dict(json.loads(row[0]))

    # -- what the plan adapts to -------------------------------------------------------------

    def decision_rows(self, athlete_id: int, since: dt.date | None = None) -> list[DecisionRow]:
        sql = "SELECT date, chain, action, reason, level FROM decisions WHERE athlete_id = ?"
        params: list[Any] = [athlete_id]
        if since is not None:
            sql += " AND date >= ?"
            params.append(since.isoformat())
        rows = self._db.execute(sql + " ORDER BY date, id", params)
        return [DecisionRow(_date(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def finished_rows(self, athlete_id: int, since: dt.date) -> list[FeedbackSessionRow]:
        """As ``SessionLogRepository.finished_rows``: finished sessions from ``since`` on with
        their items, oldest first."""
        rows = self._db.execute(
            "SELECT s.id, s.client_id, s.date, s.slot, s.difficulty, s.pain_during, s.cramp, "
            "s.next_morning_pain, i.id, i.exercise, i.planned, i.skipped, i.sets_done, "
            "i.difficulty, i.pain_during, i.cramp "
            "FROM session_logs AS s LEFT OUTER JOIN item_logs AS i ON i.session_log_id = s.id "
            "WHERE s.athlete_id = ? AND s.ended_at IS NOT NULL AND s.date >= ? "
            "ORDER BY s.date, s.started_at, s.id, i.item_index",
            (athlete_id, since.isoformat()),
        )
        out: list[FeedbackSessionRow] = []
        doses = _Doses()
        for r in rows:
            if not out or out[-1].id != r[0]:
                out.append(
                    FeedbackSessionRow(r[0], r[1], _date(r[2]), r[3], r[4], r[5], _bool(r[6]), r[7])
                )
            if r[8] is None:
                continue
            out[-1].items.append(
                FeedbackItemRow(
                    exercise=r[9],
                    planned=doses.read(r[10]),
                    skipped=bool(r[11]),
                    sets_done=r[12],
                    difficulty=r[13],
                    pain_during=r[14],
                    cramp=_bool(r[15]),
                )
            )
        return out

    def latest_assessment_id(self, athlete_id: int) -> int | None:
        row = self._one(
            "SELECT id FROM assessments WHERE athlete_id = ? "
            "ORDER BY taken_on DESC, id DESC LIMIT 1",
            athlete_id,
        )
        return None if row is None else int(row[0])

    def run_rows(self, athlete_id: int, since: dt.date) -> list[RunRow]:
        rows = self._db.execute(
            "SELECT date, km, minutes, kind, felt FROM runs WHERE athlete_id = ? AND date >= ? "
            "ORDER BY date, id",
            (athlete_id, since.isoformat()),
        )
        return [RunRow(_date(r[0]), float(r[1]), float(r[2]), r[3], r[4]) for r in rows]

    def any_checkin(self, athlete_id: int, since: dt.date) -> bool:
        return (
            self._one(
                "SELECT 1 FROM checkins WHERE athlete_id = ? AND week >= ? LIMIT 1",
                athlete_id,
                since.isoformat(),
            )
            is not None
        )

    def any_template_assignment(self) -> bool:
        return self._one("SELECT 1 FROM template_assignments LIMIT 1") is not None

    # -- the day ------------------------------------------------------------------------------

    def day_logs(self, athlete_id: int, day: dt.date) -> list[DayLogRow]:
        """The sessions logged on ``day`` (finished or not) with their items, in the order
        ``SessionLogRepository.list`` gives them."""
        rows = self._db.execute(
            "SELECT s.id, s.client_id, s.date, s.slot, s.planned_items, s.ended_at, i.id, "
            "i.planned, i.skipped, i.sets_done, i.reps_left, i.reps_right, i.reps_both, "
            "i.seconds_left, i.seconds_right, i.seconds_both "
            "FROM session_logs AS s LEFT OUTER JOIN item_logs AS i ON i.session_log_id = s.id "
            "WHERE s.athlete_id = ? AND s.date >= ? AND s.date <= ? "
            "ORDER BY s.date, s.started_at, s.id, i.item_index",
            (athlete_id, day.isoformat(), day.isoformat()),
        )
        out: list[DayLogRow] = []
        ids: list[int] = []
        doses = _Doses()
        for r in rows:
            if not ids or ids[-1] != r[0]:
                ids.append(r[0])
                out.append(DayLogRow(r[1], _date(r[2]), r[3], r[4], _utc(r[5])))
            if r[6] is None:
                continue
            out[-1].items.append(
                DoneItemRow(
                    planned=doses.read(r[7]),
                    skipped=bool(r[8]),
                    sets_done=r[9],
                    reps_left=r[10],
                    reps_right=r[11],
                    reps_both=r[12],
                    seconds_left=r[13],
                    seconds_right=r[14],
                    seconds_both=r[15],
                )
            )
        return out

    def decisions(self, athlete_id: int, since: dt.date) -> list[DecisionRow]:
        """Decisions dated ``since`` or later, oldest first (as ``DecisionRepository.list``)."""
        return self.decision_rows(athlete_id, since)


def open_stored_day(url: str) -> StoredDay | None:
    """A read-only snapshot of the SQLite file ``url`` names, or None when this read model
    does not apply: not a plain SQLite file URL, no such file, or a schema other than the
    newest (the full path migrates it). ``sqlite3.Error`` from a damaged file propagates."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA query_only = 1")  # this connection never writes
        db.execute("BEGIN")  # deferred: one snapshot for every read, no write lock
        try:
            revision = db.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:  # no schema yet
            revision = None
        if revision is None or revision[0] != HEAD:
            db.close()
            return None
    except BaseException:
        db.close()
        raise
    return StoredDay(db)
