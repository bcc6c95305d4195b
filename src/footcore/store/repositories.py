"""Repositories: the queries footcore needs, each over one session (one transaction).

Writes that must happen once whatever the retries (a session, an item, a run, a decision)
use ``INSERT ... ON CONFLICT DO NOTHING`` on their natural key, which is atomic on SQLite and
PostgreSQL alike, so two processes sending the same thing at once still store it once.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.orm import Session, selectinload

from footcore.store.tables import (
    Assessment,
    Athlete,
    Base,
    Decision,
    ItemLog,
    ProfileVersion,
    Programme,
    Run,
    SessionLog,
)


def insert_once(
    session: Session, table: Table, values: Mapping[str, Any], key: Sequence[str]
) -> bool:
    """Insert a row unless one with the same ``key`` columns exists; True when inserted."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table).values(**values).on_conflict_do_nothing(index_elements=key)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table).values(**values).on_conflict_do_nothing(index_elements=key)
    # RETURNING yields a row only when the insert happened (rowcount is not reliable here).
    return session.execute(stmt.returning(table.c.id)).first() is not None


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


class _Repository:
    def __init__(self, session: Session) -> None:
        self.session = session


class AthleteRepository(_Repository):
    def add(self, name: str, now: dt.datetime) -> Athlete:
        athlete = Athlete(name=name, created_at=now)
        self.session.add(athlete)
        self.session.flush()
        return athlete

    def get(self, athlete_id: int) -> Athlete | None:
        return self.session.get(Athlete, athlete_id)

    def list(self) -> list[Athlete]:
        return list(self.session.scalars(select(Athlete).order_by(Athlete.id)))

    def first(self) -> Athlete | None:
        """The first athlete set up (lowest id), without loading the others."""
        return self.session.scalar(select(Athlete).order_by(Athlete.id).limit(1))


class ProfileRepository(_Repository):
    def add(self, athlete_id: int, data: Mapping[str, Any], now: dt.datetime) -> ProfileVersion:
        """Save a new version (one above the highest so far)."""
        highest = self.session.scalar(
            select(func.max(ProfileVersion.version)).where(ProfileVersion.athlete_id == athlete_id)
        )
        version = ProfileVersion(
            athlete_id=athlete_id, version=(highest or 0) + 1, data=dict(data), created_at=now
        )
        self.session.add(version)
        self.session.flush()
        return version

    def latest(self, athlete_id: int) -> ProfileVersion | None:
        return self.session.scalar(
            select(ProfileVersion)
            .where(ProfileVersion.athlete_id == athlete_id)
            .order_by(ProfileVersion.version.desc())
            .limit(1)
        )


class ProgrammeRepository(_Repository):
    def add(self, programme: Programme) -> Programme:
        self.session.add(programme)
        self.session.flush()
        return programme

    def latest(self, athlete_id: int) -> Programme | None:
        return self.session.scalar(
            select(Programme)
            .where(Programme.athlete_id == athlete_id)
            .order_by(Programme.id.desc())
            .limit(1)
        )

    def get(self, programme_id: int) -> Programme | None:
        return self.session.get(Programme, programme_id)


class AssessmentRepository(_Repository):
    def add(self, assessment: Assessment) -> Assessment:
        self.session.add(assessment)
        self.session.flush()
        return assessment

    def list(self, athlete_id: int) -> list[Assessment]:
        return list(
            self.session.scalars(
                select(Assessment)
                .where(Assessment.athlete_id == athlete_id)
                .order_by(Assessment.taken_on, Assessment.id)
            )
        )


@dataclass(frozen=True)
class DoneItemRow:
    """What the progress report needs of a logged item: its planned dose and the work done
    (read by ``footcore.services.outcomes.done_share``)."""

    planned: Mapping[str, Any]
    skipped: bool
    sets_done: int
    reps_left: int | None
    reps_right: int | None
    reps_both: int | None
    seconds_left: float | None
    seconds_right: float | None
    seconds_both: float | None


@dataclass(frozen=True)
class DoneSessionRow:
    """A logged session for the progress report: its day, slot and items."""

    id: int
    date: dt.date
    slot: str
    items: list[DoneItemRow] = field(default_factory=list)


class SessionLogRepository(_Repository):
    def open_once(self, values: Mapping[str, Any]) -> tuple[SessionLog, bool]:
        """The session with this ``client_id``, made now if new; True when it was made."""
        created = insert_once(
            self.session,
            _table(SessionLog),
            values,
            ("athlete_id", "client_id"),
        )
        found = self.by_client_id(values["athlete_id"], values["client_id"])
        assert found is not None
        return found, created

    def add_item_once(self, values: Mapping[str, Any]) -> bool:
        """Store one item of a session unless its index is already stored."""
        return insert_once(
            self.session,
            _table(ItemLog),
            values,
            ("session_log_id", "item_index"),
        )

    def by_client_id(self, athlete_id: int, client_id: str) -> SessionLog | None:
        self.session.expire_all()
        return self.session.scalar(
            select(SessionLog)
            .options(selectinload(SessionLog.items))
            .where(SessionLog.athlete_id == athlete_id, SessionLog.client_id == client_id)
        )

    def list(
        self,
        athlete_id: int,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[SessionLog]:
        conditions: list[ColumnElement[bool]] = [SessionLog.athlete_id == athlete_id]
        if since is not None:
            conditions.append(SessionLog.date >= since)
        if until is not None:
            conditions.append(SessionLog.date <= until)
        return list(
            self.session.scalars(
                select(SessionLog)
                .options(selectinload(SessionLog.items))
                .where(*conditions)
                .order_by(SessionLog.date, SessionLog.started_at, SessionLog.id)
            )
        )

    def done_rows(
        self, athlete_id: int, until: dt.date | None = None
    ) -> builtins.list[DoneSessionRow]:
        """The athlete's session logs up to ``until`` as plain rows for the progress report,
        in :meth:`list`'s order with items by index: one query and no ORM objects (a year
        of logs is hundreds of sessions and their items)."""
        conditions: list[ColumnElement[bool]] = [SessionLog.athlete_id == athlete_id]
        if until is not None:
            conditions.append(SessionLog.date <= until)
        rows = self.session.execute(
            select(
                SessionLog.id,
                SessionLog.date,
                SessionLog.slot,
                ItemLog.id,
                ItemLog.skipped,
                ItemLog.sets_done,
                ItemLog.reps_left,
                ItemLog.reps_right,
                ItemLog.reps_both,
                ItemLog.seconds_left,
                ItemLog.seconds_right,
                ItemLog.seconds_both,
                ItemLog.planned,
            )
            .outerjoin(ItemLog, ItemLog.session_log_id == SessionLog.id)
            .where(*conditions)
            .order_by(SessionLog.date, SessionLog.started_at, SessionLog.id, ItemLog.item_index)
        )
        out: builtins.list[DoneSessionRow] = []
        for row in rows:
            r: Any = row
            if not out or out[-1].id != r[0]:
                out.append(DoneSessionRow(r[0], r[1], r[2]))
            if r[3] is None:  # a session with no item stored yet
                continue
            out[-1].items.append(
                DoneItemRow(
                    planned=r[12] or {},
                    skipped=bool(r[4]),
                    sets_done=r[5],
                    reps_left=r[6],
                    reps_right=r[7],
                    reps_both=r[8],
                    seconds_left=r[9],
                    seconds_right=r[10],
                    seconds_both=r[11],
                )
            )
        return out

    def count_items(self, athlete_id: int) -> int:
        return int(
            self.session.scalar(
                select(func.count(ItemLog.id))
                .join(SessionLog, ItemLog.session_log_id == SessionLog.id)
                .where(SessionLog.athlete_id == athlete_id)
            )
            or 0
        )


class RunRepository(_Repository):
    def add_once(self, values: Mapping[str, Any]) -> bool:
        """Store a run; with a ``client_id`` a repeated submission is stored once."""
        if values.get("client_id") is None:
            self.session.add(Run(**values))
            self.session.flush()
            return True
        return insert_once(self.session, _table(Run), values, ("athlete_id", "client_id"))

    def list(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Run]:
        conditions: list[ColumnElement[bool]] = [Run.athlete_id == athlete_id]
        if since is not None:
            conditions.append(Run.date >= since)
        if until is not None:
            conditions.append(Run.date <= until)
        return list(self.session.scalars(select(Run).where(*conditions).order_by(Run.date, Run.id)))


class DecisionRepository(_Repository):
    def add_once(self, values: Mapping[str, Any]) -> bool:
        """Store a decision unless one with the same key exists."""
        return insert_once(self.session, _table(Decision), values, ("athlete_id", "key"))

    def list(self, athlete_id: int, since: dt.date | None = None) -> list[Decision]:
        conditions: list[ColumnElement[bool]] = [Decision.athlete_id == athlete_id]
        if since is not None:
            conditions.append(Decision.date >= since)
        return list(
            self.session.scalars(
                select(Decision).where(*conditions).order_by(Decision.date, Decision.id)
            )
        )
