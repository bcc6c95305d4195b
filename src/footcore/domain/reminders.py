"""Reminders people choose: which pushes are due now (pure; no clock, no database).

A person picks one of three ways to be reminded (:class:`ReminderMode`):

- ``session``: one push per planned session, at its slot's time of day;
- ``daily``: one push a day, at a time they pick, naming the day's sessions;
- ``never``: nothing (the default).

Quiet hours (an optional span of the local day, which may run past midnight) hold back
every push whose time falls inside them: such a reminder is skipped, not moved, since a
session reminder after the session's time is of no use. A session already logged needs
no reminder, and a day without a session left gets no daily one.

The runner (``footcore reminders send``, run by cron) asks :func:`due_reminders` each time
it wakes up. A reminder is due from its time until :data:`LATE_LIMIT` after it, so a
runner every few minutes sends each one once, in time, and a runner that was stopped for
hours does not send the morning's reminders in the afternoon. What was already sent is
passed in by key (:attr:`Reminder.key`); the store keeps one row per key, so two runners
at once cannot send one twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from footcore.domain.errors import Problem, ValidationError
from footcore.domain.labels import LABELS
from footcore.domain.phrases import Said

#: How long after its time a reminder is still worth sending.
LATE_LIMIT = dt.timedelta(minutes=60)

#: The daily reminder's time when the person has not chosen one.
DEFAULT_DAILY_AT = dt.time(7, 30)

#: A reminder's title (shapes of :class:`~footcore.domain.phrases.Said`: ``babel.cfg`` hands
#: them to the extraction; the push itself, like the API, carries the English).
TITLE_SESSION = "%(slot)s: %(minutes)s"
TITLE_DAILY = "Foot work today: %(minutes)s"
ONE_MINUTE = "%(n)s minute"
MINUTES = "%(n)s minutes"


class ReminderMode(StrEnum):
    SESSION = "session"
    DAILY = "daily"
    NEVER = "never"


@dataclass(frozen=True)
class ReminderSettings:
    """One athlete's choice. ``quiet_from``/``quiet_until``: both or neither; a span from
    22:00 until 07:00 runs past midnight."""

    mode: ReminderMode = ReminderMode.NEVER
    daily_at: dt.time = DEFAULT_DAILY_AT
    quiet_from: dt.time | None = None
    quiet_until: dt.time | None = None

    def is_quiet(self, at: dt.time) -> bool:
        """Whether ``at`` (a local time of day) is inside the quiet hours (the start counts,
        the end does not)."""
        start, end = self.quiet_from, self.quiet_until
        if start is None or end is None:
            return False
        if start < end:
            return start <= at < end
        return at >= start or at < end  # the span runs past midnight


@dataclass(frozen=True)
class PlannedSession:
    """A session of the day's plan: its slot, the slot's local time, its minutes, the
    exercises' names in order, and whether it is logged already."""

    slot: str
    at: dt.time
    minutes: float
    exercises: tuple[str, ...] = ()
    done: bool = False


@dataclass(frozen=True)
class Reminder:
    """A push to send: ``key`` names it once and for all (``2027-01-05/desk``,
    ``2027-01-05/daily``); ``url`` is the page the notification opens."""

    key: str
    due_at: dt.datetime
    title: str  # a Said where due_reminders made it, said again by the command line
    body: str
    url: str


def parse_time(value: str, where: str) -> dt.time:
    """``"HH:MM"`` (00:00-23:59) as a time, else a ValidationError naming ``where``."""
    text = value.strip()
    hours, sep, minutes = text.partition(":")
    if (
        sep
        and len(hours) == 2
        and len(minutes) == 2
        and hours.isdigit()
        and minutes.isdigit()
        and int(hours) < 24
        and int(minutes) < 60
    ):
        return dt.time(int(hours), int(minutes))
    raise ValidationError(
        "reminders", [Problem(where, f'must be a time "HH:MM" (00:00-23:59), got {value!r}')]
    )


def make_settings(
    mode: str,
    daily_at: str | None = None,
    quiet_from: str | None = None,
    quiet_until: str | None = None,
) -> ReminderSettings:
    """Settings from the words of a form or a request, every problem named at once."""
    problems: list[Problem] = []
    try:
        chosen = ReminderMode(mode)
    except ValueError:
        chosen = ReminderMode.NEVER
        modes = ", ".join(m.value for m in ReminderMode)
        problems.append(Problem("mode", f"must be one of {modes}, got {mode!r}"))
    times: dict[str, dt.time | None] = {}
    for where, value in (
        ("daily_at", daily_at),
        ("quiet_from", quiet_from),
        ("quiet_until", quiet_until),
    ):
        times[where] = None
        if value is not None and value.strip():
            try:
                times[where] = parse_time(value, where)
            except ValidationError as exc:
                problems.extend(exc.problems)
    start, end = times["quiet_from"], times["quiet_until"]
    if (start is None) != (end is None) and not problems:
        missing = "quiet_until" if end is None else "quiet_from"
        problems.append(Problem(missing, "quiet hours need a start and an end"))
    elif start is not None and start == end:
        problems.append(Problem("quiet_until", "quiet hours must end at another time"))
    settings = ReminderSettings(chosen, times["daily_at"] or DEFAULT_DAILY_AT, start, end)
    if not problems and chosen is ReminderMode.DAILY and settings.is_quiet(settings.daily_at):
        problems.append(
            Problem(
                "daily_at", "the daily reminder falls inside your quiet hours: it would never come"
            )
        )
    if problems:
        raise ValidationError("reminders", problems)
    return settings


def due_reminders(
    day: dt.date,
    sessions: Sequence[PlannedSession],
    settings: ReminderSettings,
    *,
    zone: dt.tzinfo,
    now: dt.datetime,
    sent: Collection[str],
) -> list[Reminder]:
    """The pushes due at ``now`` (an aware time) for ``day``'s ``sessions``, whose times are
    local times in ``zone``: not sent yet, not in quiet hours, not for a session already
    logged, and no more than :data:`LATE_LIMIT` late. In time order."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    due: list[Reminder] = []
    if settings.mode is ReminderMode.SESSION:
        for session in sessions:
            if session.done:
                continue
            reminder = Reminder(
                key=f"{day.isoformat()}/{session.slot}",
                due_at=dt.datetime.combine(day, session.at, zone),
                title=Said.of(
                    TITLE_SESSION,
                    slot=Said.of(_slot_name(session.slot)),
                    minutes=_minutes_said(session.minutes),
                ),
                body=_session_body(session),
                url=f"/play/{session.slot}?date={day.isoformat()}",
            )
            if _is_due(reminder, session.at, settings, now, sent):
                due.append(reminder)
    elif settings.mode is ReminderMode.DAILY:
        left = [s for s in sessions if not s.done]
        if left:
            total = sum(s.minutes for s in left)
            reminder = Reminder(
                key=f"{day.isoformat()}/daily",
                due_at=dt.datetime.combine(day, settings.daily_at, zone),
                title=Said.of(TITLE_DAILY, minutes=_minutes_said(total)),
                body="; ".join(
                    f"{_slot_name(s.slot)} {s.at.strftime('%H:%M')} ({_minutes(s.minutes)})"
                    for s in left
                ),
                url="/today",
            )
            if _is_due(reminder, settings.daily_at, settings, now, sent):
                due.append(reminder)
    return sorted(due, key=lambda r: r.due_at)


def _is_due(
    reminder: Reminder,
    local: dt.time,
    settings: ReminderSettings,
    now: dt.datetime,
    sent: Collection[str],
) -> bool:
    return (
        reminder.key not in sent
        and not settings.is_quiet(local)
        and reminder.due_at <= now < reminder.due_at + LATE_LIMIT
    )


def _slot_name(slot: str) -> str:
    return LABELS.get(slot, slot.replace("-", " ").capitalize())


def _minutes(minutes: float) -> str:
    return str(_minutes_said(minutes))


def _minutes_said(minutes: float) -> Said:
    whole = max(1, round(minutes))
    return Said.of(ONE_MINUTE if whole == 1 else MINUTES, n=whole)


def _session_body(session: PlannedSession) -> str:
    names = list(session.exercises[:3])
    more = len(session.exercises) - len(names)
    listed = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return f"{listed}. Tap to start." if listed else "Tap to start."


@dataclass(frozen=True)
class Subscription:
    """A browser subscribed to pushes: where to send them and the keys to encrypt for."""

    id: int
    athlete_id: int
    endpoint: str
    p256dh: str
    auth: str
    device: str
    created_at: dt.datetime
    last_sent_at: dt.datetime | None
