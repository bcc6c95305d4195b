"""Repositories: the queries footcore needs, each over one session (one transaction).

Writes that must happen once whatever the retries (a session, an item, a run, a decision)
use ``INSERT ... ON CONFLICT DO NOTHING`` on their natural key, which is atomic on SQLite and
PostgreSQL alike, so two processes sending the same thing at once still store it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
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
