"""Which reminders are due: the pure scheduler of footcore.domain.reminders."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from footcore.domain.errors import ValidationError
from footcore.domain.reminders import (
    LATE_LIMIT,
    PlannedSession,
    Reminder,
    ReminderMode,
    ReminderSettings,
    due_reminders,
    make_settings,
)

LISBON = ZoneInfo("Europe/Lisbon")
NEW_YORK = ZoneInfo("America/New_York")
DAY = dt.date(2027, 1, 5)
MORNING = PlannedSession("morning", dt.time(7, 0), 4.5, ("Short foot", "Towel scrunch"))
DESK = PlannedSession(
    "desk", dt.time(11, 0), 5.0, ("Toe yoga", "Ball roll", "Calf raise", "Doming", "Toe spread")
)
PER_SESSION = ReminderSettings(ReminderMode.SESSION)


def at(hour: int, minute: int = 0, zone: dt.tzinfo = LISBON, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def keys(found: list[Reminder]) -> list[str]:
    return [r.key for r in found]


def test_a_session_reminder_is_due_from_its_slot_time_until_the_late_limit() -> None:
    sessions = [MORNING, DESK]
    assert due_reminders(DAY, sessions, PER_SESSION, zone=LISBON, now=at(6, 59), sent=set()) == []
    assert keys(
        due_reminders(DAY, sessions, PER_SESSION, zone=LISBON, now=at(7, 0), sent=set())
    ) == ["2027-01-05/morning"]
    late = at(7) + LATE_LIMIT - dt.timedelta(seconds=1)
    assert keys(due_reminders(DAY, sessions, PER_SESSION, zone=LISBON, now=late, sent=set())) == [
        "2027-01-05/morning"
    ]
    assert (
        due_reminders(DAY, sessions, PER_SESSION, zone=LISBON, now=at(7) + LATE_LIMIT, sent=set())
        == []
    )
    assert keys(
        due_reminders(DAY, sessions, PER_SESSION, zone=LISBON, now=at(11, 5), sent=set())
    ) == ["2027-01-05/desk"]


def test_a_reminder_already_sent_is_not_due_again() -> None:
    sent = {"2027-01-05/morning"}
    assert due_reminders(DAY, [MORNING], PER_SESSION, zone=LISBON, now=at(7, 10), sent=sent) == []


def test_a_session_already_logged_gets_no_reminder() -> None:
    done = PlannedSession("morning", dt.time(7, 0), 4.5, done=True)
    assert due_reminders(DAY, [done], PER_SESSION, zone=LISBON, now=at(7, 0), sent=set()) == []


def test_slot_times_are_read_in_the_athletes_time_zone() -> None:
    # 07:00 in Lisbon (UTC+0 in January) is 02:00 in New York: due in Lisbon's zone only.
    now = dt.datetime(2027, 1, 5, 7, 0, tzinfo=dt.UTC)
    assert keys(due_reminders(DAY, [MORNING], PER_SESSION, zone=LISBON, now=now, sent=set())) == [
        "2027-01-05/morning"
    ]
    assert due_reminders(DAY, [MORNING], PER_SESSION, zone=NEW_YORK, now=now, sent=set()) == []
    later = dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC)  # 07:00 in New York
    assert keys(
        due_reminders(DAY, [MORNING], PER_SESSION, zone=NEW_YORK, now=later, sent=set())
    ) == ["2027-01-05/morning"]


def test_quiet_hours_hold_back_a_session_reminder_and_may_run_past_midnight() -> None:
    quiet = ReminderSettings(
        ReminderMode.SESSION, quiet_from=dt.time(22), quiet_until=dt.time(7, 30)
    )
    early = PlannedSession("teeth", dt.time(6, 45), 2.0)
    late = PlannedSession("tv", dt.time(22, 15), 6.0)
    assert due_reminders(DAY, [early], quiet, zone=LISBON, now=at(6, 50), sent=set()) == []
    assert due_reminders(DAY, [late], quiet, zone=LISBON, now=at(22, 20), sent=set()) == []
    assert keys(due_reminders(DAY, [DESK], quiet, zone=LISBON, now=at(11), sent=set())) == [
        "2027-01-05/desk"
    ]
    assert quiet.is_quiet(dt.time(7, 29))
    assert not quiet.is_quiet(dt.time(7, 30))


def test_a_daily_reminder_comes_once_at_the_chosen_time_and_names_the_sessions_left() -> None:
    daily = ReminderSettings(ReminderMode.DAILY, daily_at=dt.time(8, 15))
    done_morning = PlannedSession("morning", dt.time(7), 4.5, done=True)
    assert (
        due_reminders(DAY, [done_morning, DESK], daily, zone=LISBON, now=at(8, 14), sent=set())
        == []
    )
    [reminder] = due_reminders(
        DAY, [done_morning, DESK], daily, zone=LISBON, now=at(8, 15), sent=set()
    )
    assert reminder.key == "2027-01-05/daily"
    assert reminder.url == "/today"
    assert reminder.title == "Foot work today: 5 minutes"
    assert "11:00" in reminder.body
    assert "7:00" not in reminder.body
    assert (
        due_reminders(
            DAY, [done_morning, DESK], daily, zone=LISBON, now=at(8, 20), sent={reminder.key}
        )
        == []
    )


def test_a_day_with_nothing_left_gets_no_daily_reminder() -> None:
    daily = ReminderSettings(ReminderMode.DAILY, daily_at=dt.time(8))
    assert due_reminders(DAY, [], daily, zone=LISBON, now=at(8), sent=set()) == []
    done = PlannedSession("desk", dt.time(11), 5.0, done=True)
    assert due_reminders(DAY, [done], daily, zone=LISBON, now=at(8), sent=set()) == []


def test_never_means_no_reminder() -> None:
    never = ReminderSettings(ReminderMode.NEVER)
    assert due_reminders(DAY, [MORNING, DESK], never, zone=LISBON, now=at(7), sent=set()) == []


def test_a_session_reminder_names_its_first_exercises_and_opens_the_player() -> None:
    [reminder] = due_reminders(DAY, [DESK], PER_SESSION, zone=LISBON, now=at(11), sent=set())
    assert reminder.title == "At the desk: 5 minutes"
    assert reminder.body == "Toe yoga, Ball roll, Calf raise and 2 more. Tap to start."
    assert reminder.url == "/play/desk?date=2027-01-05"


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        due_reminders(
            DAY, [MORNING], PER_SESSION, zone=LISBON, now=dt.datetime(2027, 1, 5, 7), sent=set()
        )


def test_settings_from_words_are_checked_all_at_once() -> None:
    made = make_settings("daily", "08:15", "22:00", "07:00")
    assert made == ReminderSettings(ReminderMode.DAILY, dt.time(8, 15), dt.time(22), dt.time(7))
    with pytest.raises(ValidationError) as caught:
        make_settings("hourly", "25:00", "22:00", None)
    where = [p.where for p in caught.value.problems]
    assert where == ["mode", "daily_at"]
    with pytest.raises(ValidationError) as caught:
        make_settings("session", None, "22:00", "")
    assert [p.where for p in caught.value.problems] == ["quiet_until"]
    with pytest.raises(ValidationError) as caught:
        make_settings("session", None, "22:00", "22:00")
    assert "another time" in caught.value.problems[0].message


def test_a_daily_time_inside_the_quiet_hours_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        make_settings("daily", "06:30", "22:00", "07:00")
    assert caught.value.problems[0].where == "daily_at"
    assert "quiet hours" in caught.value.problems[0].message
