"""The training tables: athletes, profiles, programme snapshots, self-tests, logged sessions
and items, runs, decisions, calendar feeds and data versions (typed SQLAlchemy 2.0 mappings).

The schema changes only through the Alembic migrations in ``footcore/store/migrations``;
these classes describe the head revision. Every timestamp is stored in UTC and read back as
an aware ``datetime``; structured documents (profiles, plans, reports) are JSON.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from footcore.store.tables.base import Base


class Athlete(Base):
    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]

    profiles: Mapped[list[ProfileVersion]] = relationship(
        back_populates="athlete", order_by="ProfileVersion.version", passive_deletes=True
    )


class ProfileVersion(Base):
    """One saved version of an athlete's profile; the highest version is the current one."""

    __tablename__ = "profile_versions"
    __table_args__ = (UniqueConstraint("athlete_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    version: Mapped[int]
    data: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]

    athlete: Mapped[Athlete] = relationship(back_populates="profiles")


class Programme(Base):
    """A stored snapshot of a generated plan, with the generator version that made it."""

    __tablename__ = "programmes"
    # Each athlete's snapshots newest last, carrying what the coach's views read of the
    # newest (its start, when it was made): an index-only probe per athlete (migration 0009).
    __table_args__ = (Index(None, "athlete_id", "id", "start", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    profile_version_id: Mapped[int] = mapped_column(
        ForeignKey("profile_versions.id", ondelete="CASCADE")
    )
    generator_version: Mapped[str] = mapped_column(String(40))
    start: Mapped[dt.date] = mapped_column(Date)
    weeks: Mapped[int]
    adjustments: Mapped[dict[str, Any]]
    plan: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class Assessment(Base):
    """A self-test battery: what was measured (``input``) and how it scored (``report``)."""

    __tablename__ = "assessments"
    __table_args__ = (Index(None, "athlete_id", "taken_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    taken_on: Mapped[dt.date] = mapped_column(Date)
    input: Mapped[dict[str, Any]]
    report: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class SessionLog(Base):
    """One session done (guided or entered by hand), keyed by the id its client made."""

    __tablename__ = "session_logs"
    __table_args__ = (
        UniqueConstraint("athlete_id", "client_id"),
        Index(None, "athlete_id", "date"),
        CheckConstraint("difficulty BETWEEN 1 AND 5", name="difficulty"),
        CheckConstraint("pain_during BETWEEN 0 AND 10", name="pain_during"),
        CheckConstraint("next_morning_pain BETWEEN 0 AND 10", name="next_morning_pain"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date] = mapped_column(Date)
    slot: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL")
    )
    planned_items: Mapped[int]
    planned_minutes: Mapped[float] = mapped_column(Float)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    difficulty: Mapped[int | None]
    pain_during: Mapped[int | None]
    next_morning_pain: Mapped[int | None]
    cramp: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]

    items: Mapped[list[ItemLog]] = relationship(
        back_populates="session", order_by="ItemLog.item_index", passive_deletes=True
    )


class ItemLog(Base):
    """The work done on one item of a session: sets, and reps or seconds per side."""

    __tablename__ = "item_logs"
    __table_args__ = (
        UniqueConstraint("session_log_id", "item_index"),
        CheckConstraint("difficulty BETWEEN 1 AND 5", name="difficulty"),
        CheckConstraint("pain_during BETWEEN 0 AND 10", name="pain_during"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_log_id: Mapped[int] = mapped_column(ForeignKey("session_logs.id", ondelete="CASCADE"))
    item_index: Mapped[int]
    exercise: Mapped[str] = mapped_column(String(80))
    planned: Mapped[dict[str, Any]]
    sets_done: Mapped[int]
    reps_left: Mapped[int | None]
    reps_right: Mapped[int | None]
    reps_both: Mapped[int | None]
    seconds_left: Mapped[float | None] = mapped_column(Float)
    seconds_right: Mapped[float | None] = mapped_column(Float)
    seconds_both: Mapped[float | None] = mapped_column(Float)
    skipped: Mapped[bool] = mapped_column(Boolean)
    difficulty: Mapped[int | None]
    pain_during: Mapped[int | None]
    cramp: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    created_at: Mapped[datetime]

    session: Mapped[SessionLog] = relationship(back_populates="items")


class Run(Base):
    __tablename__ = "runs"
    __table_args__ = (
        Index(None, "athlete_id", "date"),
        UniqueConstraint("athlete_id", "client_id"),
        CheckConstraint("felt BETWEEN 1 AND 5", name="felt"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    km: Mapped[float] = mapped_column(Float)
    minutes: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(10))
    felt: Mapped[int | None]  # None: no score given (runs imported from files)
    note: Mapped[str | None] = mapped_column(Text)
    client_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Decision(Base):
    """An adaptation decision (progress, hold, regress, unlock, move) with its reason.

    ``key`` makes each decision idempotent: the same session or week never decides twice.
    """

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("athlete_id", "key"),
        Index(None, "athlete_id", "date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date)
    chain: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    level: Mapped[int | None]
    session_log_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_logs.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime]


class CalendarFeed(Base):
    """A calendar subscription address. Only the SHA-256 of its secret token is stored;
    a feed with ``revoked_at`` set answers like an unknown one."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class AthleteVersion(Base):
    """The athlete's data version: a random number that changes in every transaction that
    writes any of the athlete's data, or a coach's row that shapes their plan (kept by
    :mod:`footcore.store.data_versions`). Readers compare it to know whether an answer they kept
    is still current. It is not data: backups leave it out, and a restore sets new ones."""

    __tablename__ = "athlete_versions"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    data_version: Mapped[int] = mapped_column(BigInteger)


#: Tables in an order that satisfies every foreign key (parents first).
TABLES_IN_ORDER = (
    Athlete,
    ProfileVersion,
    Programme,
    Assessment,
    SessionLog,
    ItemLog,
    Run,
    Decision,
    CalendarFeed,
)
