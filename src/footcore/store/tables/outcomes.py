"""Tables for the weekly injury check-in, consent to share it, club studies and their audit
trail (migration ``0006``; docs/outcomes.md).

- ``checkins``: one row per athlete and calendar week (``week`` is the Monday): answered,
  or ``skipped``. ``checkin_answers`` holds the areas with a problem, one row each, as the
  OSTRC option scores; an area without a row had no problem that week.
- ``consents``: a member's agreement to share their check-ins with a group's coach, or to
  take part in a study; revoking sets ``revoked_at`` (a new agreement is a new row), so the
  table is the record of who agreed to what, and when.
- ``studies``, ``study_arms``, ``study_participants``: a coach's study in one of their
  groups. A participant row links the athlete to a random study code; the allocation log
  (``study_allocations``) names only that code, so deleting a member's data leaves the log
  whole but no longer traceable to them.
- ``study_allocations``: the allocation log, hash-chained (:mod:`footcore.domain.study`).
  Both engines refuse an UPDATE of its rows (a trigger made by the migration).
- ``audit_events``: consent given or revoked, studies set up, started and closed,
  allocations, reminders, withdrawals, and a member's data deleted.

Deleting, by design: an athlete's check-ins, consents, participations and the audit events
that name them go with the athlete (``CASCADE``; ``AccountService`` deletes them explicitly
too). A group's studies go with the group.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
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
from sqlalchemy.orm import Mapped, mapped_column

from footcore.store.tables.base import Base

OPTION_SCORES = (0, 8, 17, 25)
AREAS = ("foot-ankle", "achilles-calf", "knee", "hip", "other", "illness")
CONSENT_KINDS = ("share-checkins", "study")
STUDY_STATUSES = ("recruiting", "running", "closed")


def _in(column: str, values: tuple[Any, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Checkin(Base):
    """One athlete's weekly check-in (or a week they chose to skip)."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("athlete_id", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    week: Mapped[dt.date] = mapped_column(Date)
    skipped: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]


class CheckinAnswer(Base):
    """The four answers for one area with a problem, as option scores."""

    __tablename__ = "checkin_answers"
    __table_args__ = (
        UniqueConstraint("checkin_id", "area"),
        CheckConstraint(_in("area", AREAS), name="area"),
        CheckConstraint(_in("participation", OPTION_SCORES[1:]), name="participation"),
        CheckConstraint(_in("training", OPTION_SCORES), name="training"),
        CheckConstraint(_in("performance", OPTION_SCORES), name="performance"),
        CheckConstraint(_in("symptoms", OPTION_SCORES), name="symptoms"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkins.id", ondelete="CASCADE"))
    area: Mapped[str] = mapped_column(String(20))
    participation: Mapped[int]
    training: Mapped[int]
    performance: Mapped[int]
    symptoms: Mapped[int]


class Study(Base):
    """A coach's study in one of their groups."""

    __tablename__ = "studies"
    __table_args__ = (
        CheckConstraint(_in("status", STUDY_STATUSES), name="status"),
        CheckConstraint("follow_up_weeks BETWEEN 1 AND 104", name="follow_up_weeks"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    follow_up_weeks: Mapped[int]
    seed: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(12))
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]


class StudyArm(Base):
    """An arm: a code (A, B, ...), a name, what its participants are asked to do, and an
    optional programme template they are put on when allocated."""

    __tablename__ = "study_arms"
    __table_args__ = (UniqueConstraint("study_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(String(120))
    instructions: Mapped[str] = mapped_column(Text)
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_templates.id", ondelete="SET NULL")
    )


class StudyParticipant(Base):
    """A member who agreed to take part: their study code and the stratum values."""

    __tablename__ = "study_participants"
    __table_args__ = (
        UniqueConstraint("study_id", "athlete_id"),
        UniqueConstraint("study_id", "code"),
        Index(None, "athlete_id"),
        CheckConstraint("weekly_km >= 0", name="weekly_km"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(16))
    weekly_km: Mapped[float] = mapped_column(Float)
    previous_injury: Mapped[bool] = mapped_column(Boolean)
    enrolled_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]


class StudyAllocation(Base):
    """One entry of the allocation log (never changed once written)."""

    __tablename__ = "study_allocations"
    __table_args__ = (UniqueConstraint("study_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"))
    seq: Mapped[int]
    participant_code: Mapped[str] = mapped_column(String(16))
    stratum: Mapped[str] = mapped_column(String(60))
    arm: Mapped[str] = mapped_column(String(2))
    allocated_at: Mapped[datetime]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Consent(Base):
    """An agreement: to share weekly check-ins with a group's coach, or to take part in a
    study. ``wording`` is the version of the text agreed to."""

    __tablename__ = "consents"
    __table_args__ = (
        CheckConstraint(_in("kind", CONSENT_KINDS), name="kind"),
        CheckConstraint("(group_id IS NULL) <> (study_id IS NULL)", name="one_subject"),
        Index(None, "athlete_id"),
        Index(None, "group_id"),
        Index(None, "study_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    study_id: Mapped[int | None] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"))
    wording: Mapped[str] = mapped_column(String(40))
    given_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class AuditEvent(Base):
    """Who changed a consent or an allocation, or set up, started or closed a study."""

    __tablename__ = "audit_events"
    __table_args__ = (Index(None, "study_id"), Index(None, "athlete_id"), Index(None, "group_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(40))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    athlete_id: Mapped[int | None] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    study_id: Mapped[int | None] = mapped_column(ForeignKey("studies.id", ondelete="CASCADE"))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


#: Parents first.
OUTCOME_TABLES_IN_ORDER = (
    Checkin,
    CheckinAnswer,
    Study,
    StudyArm,
    StudyParticipant,
    StudyAllocation,
    Consent,
    AuditEvent,
)
