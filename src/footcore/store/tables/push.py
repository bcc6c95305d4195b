"""Tables for reminders by Web Push (migration ``0008``; docs/web.md, "Reminders").

- ``reminder_settings``: one row per athlete who chose how to be reminded (per session, once
  a day at ``daily_at``, or never) and their quiet hours. No row means never.
- ``push_subscriptions``: one row per browser (device) that agreed to receive pushes: the
  push service's ``endpoint`` (unique: a browser's subscription belongs to whoever
  subscribed last on it) and the keys the payload is encrypted for (``p256dh``, ``auth``,
  base64url). Removed when the push service answers 404 or 410.
- ``reminders_sent``: one row per reminder sent (``key`` such as ``2027-01-05/desk``), so
  that no reminder goes out twice, even from two runners at once.

Everything goes with the athlete (``CASCADE``); ``AccountService`` deletes the rows
explicitly too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from footcore.store.tables import Base

REMINDER_MODES = ("session", "daily", "never")


class ReminderSetting(Base):
    """How one athlete wants to be reminded."""

    __tablename__ = "reminder_settings"
    __table_args__ = (CheckConstraint(f"mode IN {REMINDER_MODES!r}", name="mode"),)

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    mode: Mapped[str] = mapped_column(String(10))
    # Times of day as "HH:MM" text: the same on both engines, in backups and exports.
    daily_at: Mapped[str] = mapped_column(String(5))
    quiet_from: Mapped[str | None] = mapped_column(String(5))
    quiet_until: Mapped[str | None] = mapped_column(String(5))
    updated_at: Mapped[datetime]


class PushSubscription(Base):
    """One browser's push subscription."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    device: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    last_sent_at: Mapped[datetime | None]


class ReminderSent(Base):
    """A reminder that went out (or was claimed by a runner sending it)."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("athlete_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[datetime]


#: Push tables, parents first.
PUSH_TABLES_IN_ORDER = (ReminderSetting, PushSubscription, ReminderSent)
