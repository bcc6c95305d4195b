"""Repositories for reminders by Web Push (:mod:`footcore.store.tables.push`).

They hand back domain settings and plain records, so the reminder service never sees a
table class or a SQLAlchemy session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from footcore.domain.reminders import ReminderMode, ReminderSettings, Subscription
from footcore.store.repositories import insert_once
from footcore.store.tables.push import PushSubscription, ReminderSent, ReminderSetting


def _subscription(row: PushSubscription) -> Subscription:
    return Subscription(
        row.id,
        row.athlete_id,
        row.endpoint,
        row.p256dh,
        row.auth,
        row.device,
        row.created_at,
        row.last_sent_at,
    )


class PushRepositories:
    """Reminder settings, push subscriptions and the reminders sent, on one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- settings ----------------------------------------------------------------------------

    def settings(self, athlete_id: int) -> ReminderSettings | None:
        row = self.session.get(ReminderSetting, athlete_id)
        return _settings(row) if row is not None else None

    def save_settings(self, athlete_id: int, chosen: ReminderSettings, now: dt.datetime) -> None:
        row = self.session.get(ReminderSetting, athlete_id)
        if row is None:
            row = ReminderSetting(athlete_id=athlete_id)
            self.session.add(row)
        row.mode = chosen.mode.value
        row.daily_at = _hhmm(chosen.daily_at)
        row.quiet_from = _hhmm(chosen.quiet_from) if chosen.quiet_from else None
        row.quiet_until = _hhmm(chosen.quiet_until) if chosen.quiet_until else None
        row.updated_at = now
        self.session.flush()

    def to_remind(self) -> list[tuple[int, ReminderSettings]]:
        """Athletes who chose reminders and have at least one subscribed browser."""
        subscribed = select(PushSubscription.athlete_id)
        rows = self.session.scalars(
            select(ReminderSetting)
            .where(
                ReminderSetting.mode != ReminderMode.NEVER.value,
                ReminderSetting.athlete_id.in_(subscribed),
            )
            .order_by(ReminderSetting.athlete_id)
        )
        return [(row.athlete_id, _settings(row)) for row in rows]

    # -- subscriptions -----------------------------------------------------------------------

    def subscribe(
        self,
        athlete_id: int,
        *,
        endpoint: str,
        p256dh: str,
        auth: str,
        device: str,
        now: dt.datetime,
    ) -> bool:
        """Keep the browser's subscription for the athlete; True when it is new to them. An
        endpoint known already (the same browser subscribing again, or someone else signing
        in on it) takes the new keys and owner."""
        row = self.session.scalar(
            select(PushSubscription).where(PushSubscription.endpoint == endpoint).with_for_update()
        )
        if row is None:
            made = insert_once(
                self.session,
                PushSubscription.__table__,  # type: ignore[arg-type]
                {
                    "athlete_id": athlete_id,
                    "endpoint": endpoint,
                    "p256dh": p256dh,
                    "auth": auth,
                    "device": device,
                    "created_at": now,
                },
                ("endpoint",),
            )
            if made:
                return True
            row = self.session.scalar(
                select(PushSubscription).where(PushSubscription.endpoint == endpoint)
            )
            assert row is not None
        new = row.athlete_id != athlete_id
        row.athlete_id = athlete_id
        row.p256dh = p256dh
        row.auth = auth
        row.device = device
        if new:
            row.created_at = now
            row.last_sent_at = None
        self.session.flush()
        return new

    def unsubscribe(self, athlete_id: int, endpoint: str) -> int:
        """Forget the athlete's subscription at ``endpoint``; how many were removed."""
        found = self.session.scalars(
            select(PushSubscription).where(
                PushSubscription.athlete_id == athlete_id, PushSubscription.endpoint == endpoint
            )
        ).all()
        for row in found:
            self.session.delete(row)
        self.session.flush()
        return len(found)

    def subscriptions(self, athlete_id: int) -> list[Subscription]:
        rows = self.session.scalars(
            select(PushSubscription)
            .where(PushSubscription.athlete_id == athlete_id)
            .order_by(PushSubscription.id)
        )
        return [_subscription(row) for row in rows]

    def remove(self, subscription_ids: Iterable[int]) -> None:
        ids = sorted(set(subscription_ids))
        if ids:
            self.session.execute(delete(PushSubscription).where(PushSubscription.id.in_(ids)))

    def delivered(self, subscription_ids: Iterable[int], now: dt.datetime) -> None:
        for sub_id in sorted(set(subscription_ids)):
            row = self.session.get(PushSubscription, sub_id)
            if row is not None:
                row.last_sent_at = now
        self.session.flush()

    # -- what was sent -----------------------------------------------------------------------

    def sent_keys(self, athlete_id: int, prefix: str) -> set[str]:
        """Keys of the reminders sent to the athlete that start with ``prefix`` (a day)."""
        return set(
            self.session.scalars(
                select(ReminderSent.key).where(
                    ReminderSent.athlete_id == athlete_id, ReminderSent.key.startswith(prefix)
                )
            )
        )

    def claim(self, athlete_id: int, key: str, now: dt.datetime) -> bool:
        """Record the reminder as sent; False when it was already (another runner)."""
        return insert_once(
            self.session,
            ReminderSent.__table__,  # type: ignore[arg-type]
            {"athlete_id": athlete_id, "key": key, "sent_at": now},
            ("athlete_id", "key"),
        )


def _settings(row: ReminderSetting) -> ReminderSettings:
    return ReminderSettings(
        ReminderMode(row.mode),
        _time(row.daily_at),
        _time(row.quiet_from) if row.quiet_from else None,
        _time(row.quiet_until) if row.quiet_until else None,
    )


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)
