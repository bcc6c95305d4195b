"""Tables for accounts, sign-in sessions, groups, coaches' programmes and exercises.

They share ``Base.metadata`` with :mod:`footcore.store.tables` (the migrations environment
imports this module), and they change only through Alembic migrations (``0003``).

Deleting rows, by design:

- deleting a user removes their sign-in sessions, reset tokens, and - for a coach - their
  groups (with every membership and assignment), programme templates and own exercises
  (``ON DELETE CASCADE``);
- deleting an athlete removes their memberships and programme assignments (``CASCADE``);
  the user's link to the athlete becomes empty (``SET NULL``), so a user outlives their
  training data. ``AccountService.delete_account`` deletes the user and the athlete and
  proves no row is left. ``restore --replace`` replaces the accounts too (what a backup
  holds and why: ``footcore.store.backup``).
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
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

from footcore.domain.access import GROUP_KINDS
from footcore.store.tables.base import Base

ROLES = ("athlete", "coach", "admin")
MEMBER_STATUSES = ("invited", "accepted", "left")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class User(Base):
    """An account. ``email`` is stored lower-cased; only an argon2 hash of the password."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10))
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="SET NULL"), unique=True
    )
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    last_sign_in_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    #: The language chosen for the web pages (footcore.domain.languages); None: the browser's.
    language: Mapped[str | None] = mapped_column(String(10), default=None)


class WebSession(Base):
    """A signed-in browser. Only a hash of the cookie's token is stored."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class PasswordReset(Base):
    """A one-time password-reset token (hash only), issued by an admin from the CLI."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Group(Base):
    """A club or a class, led by one coach; athletes join with the invite code."""

    __tablename__ = "groups"
    __table_args__ = (CheckConstraint(_in("kind", GROUP_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10))
    coach_user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    invite_code: Mapped[str] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime]


class Membership(Base):
    """An athlete in a group: invited, accepted (the coach sees them) or left."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("group_id", "athlete_id"),
        CheckConstraint(_in("status", MEMBER_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    left_at: Mapped[datetime | None]


class ProgrammeTemplate(Base):
    """A coach's programme (``footcore.template/1`` JSON); ``version`` rises on each edit."""

    __tablename__ = "programme_templates"
    __table_args__ = (UniqueConstraint("coach_user_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class TemplateAssignment(Base):
    """A template given to a whole group or to one athlete, from a date on."""

    __tablename__ = "template_assignments"
    __table_args__ = (
        CheckConstraint("(group_id IS NULL) <> (athlete_id IS NULL)", name="one_target"),
        Index(None, "group_id"),
        Index(None, "athlete_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("programme_templates.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    athlete_id: Mapped[int | None] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[datetime]


class CoachExercise(Base):
    """A coach's own exercise: the TOML text of one ``[[exercise]]`` file, validated like the
    built-in ones. The slug is unique across all coaches' exercises."""

    __tablename__ = "coach_exercises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    toml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PlannedSession(Base):
    """The sessions of the latest programme snapshot of an athlete (date, slot, minutes),
    kept so that a coach's dashboard reads a few rows per member instead of whole plans.
    Derived data: rebuilt from the snapshot whenever it is missing."""

    __tablename__ = "planned_sessions"
    __table_args__ = (
        UniqueConstraint("programme_id", "date", "slot"),
        Index(None, "athlete_id", "date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    slot: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[float] = mapped_column(Float)


class AppSecret(Base):
    """Secrets footcore makes for itself on first start (the secret key)."""

    __tablename__ = "app_secrets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


#: Account tables, parents first.
ACCOUNT_TABLES_IN_ORDER = (
    User,
    WebSession,
    PasswordReset,
    Group,
    Membership,
    ProgrammeTemplate,
    TemplateAssignment,
    CoachExercise,
    PlannedSession,
    AppSecret,
)
# Their tables join Base.metadata.
from footcore.store.tables import outcomes, push  # noqa: E402, F401
