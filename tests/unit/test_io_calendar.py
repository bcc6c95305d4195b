"""The iCalendar export, read back with vobject (an independent iCalendar parser)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
import vobject  # type: ignore[import-untyped]

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.errors import FootcoreError
from footcore.domain.planning import Plan, generate_plan
from footcore.domain.profile import DEFAULT_SLOT_TIMES, parse_profile
from footcore.io.calendar import event_uid, plan_to_ics
from tests.support.profiles import ana

START = dt.date(2027, 1, 4)
PROFILE: dict[str, Any] = ana(
    "cramp_prone",
    "pain",
    "running.weekly_km",
    slot_times={"morning": "06:45", "desk": "10:15"},
)
STAMP = dt.datetime(2027, 1, 1, 12, 0, tzinfo=dt.UTC)


def make_plan(**changes: Any) -> Plan:
    return generate_plan(parse_profile({**PROFILE, **changes}), builtin_catalogue(), START, 2)


def read(data: bytes) -> Any:
    return vobject.readOne(data.decode("utf-8"))


def sessions(plan: Plan) -> list[tuple[dt.date, str]]:
    return [(d.date, s.slot.value) for d in plan.days for s in d.sessions]


def test_every_planned_session_is_one_event_with_a_stable_unique_uid() -> None:
    plan = make_plan()
    cal = read(plan_to_ics(plan, calendar_key="athlete-7", stamp=STAMP))
    uids = [e.uid.value for e in cal.vevent_list]
    assert len(uids) == len(sessions(plan)) > 0
    assert len(set(uids)) == len(uids)
    assert uids == [event_uid(d, s, "athlete-7") for d, s in sessions(plan)]
    assert (
        uids[0] == f"{START.isoformat()}-{plan.days[0].sessions[0].slot.value}@athlete-7.footcore"
    )


def test_events_start_at_the_slot_time_in_the_zone_and_last_the_session() -> None:
    plan = make_plan()
    data = plan_to_ics(plan, calendar_key="a", tz="Europe/Lisbon", stamp=STAMP)
    assert data.count(b"DTSTART;TZID=Europe/Lisbon:") == len(sessions(plan))
    cal = read(data)
    by_uid = {e.uid.value: e for e in cal.vevent_list}
    for day in plan.days:
        for session in day.sessions:
            event = by_uid[event_uid(day.date, session.slot, "a")]
            start = event.dtstart.value
            expected = {"morning": "06:45", "desk": "10:15"}.get(
                session.slot.value, DEFAULT_SLOT_TIMES[session.slot]
            )
            assert start.strftime("%H:%M") == expected
            assert start.date() == day.date
            minutes = (event.dtend.value - start).total_seconds() / 60
            assert minutes == -(-session.minutes // 1)


def test_the_title_and_the_description_give_the_same_minutes() -> None:
    """Issue 16 item 12: not '(5 min)' in the title and 'about 2.9 minutes' below it."""
    plan = make_plan()
    cal = read(plan_to_ics(plan, calendar_key="a", tz="Europe/Lisbon", stamp=STAMP))
    for event in cal.vevent_list:
        title = re.search(r"\((\d+) min\)", event.summary.value)
        body = re.search(r"about (\d+) min", event.description.value)
        assert title is not None, event.summary.value
        assert body is not None, event.description.value
        assert title.group(1) == body.group(1)
        minutes = (event.dtend.value - event.dtstart.value).total_seconds() / 60
        assert minutes == int(title.group(1))


def test_each_session_can_remind_ten_minutes_before_and_lists_its_exercises_in_order() -> None:
    plan = make_plan()
    cal = read(plan_to_ics(plan, calendar_key="a", reminders="session", stamp=STAMP))
    by_uid = {e.uid.value: e for e in cal.vevent_list}
    day = plan.days[0]
    for session in day.sessions:
        event = by_uid[event_uid(day.date, session.slot, "a")]
        alarm = event.valarm
        assert alarm.action.value == "DISPLAY"
        assert alarm.trigger.value == dt.timedelta(minutes=-10)
        text = event.description.value
        positions = [text.index(item.name) for item in session.items]
        assert positions == sorted(positions)


def alarms(cal: Any) -> list[tuple[dt.date, str]]:
    return [
        (e.dtstart.value.date(), e.summary.value)
        for e in cal.vevent_list
        if any(c.name == "VALARM" for c in e.getChildren())
    ]


def test_reminders_are_one_a_day_by_default_on_the_days_first_session() -> None:
    plan = make_plan()
    cal = read(plan_to_ics(plan, calendar_key="a", stamp=STAMP))
    days = [d for d in plan.days if d.sessions]
    reminded = alarms(cal)
    assert [d for d, _ in reminded] == [d.date for d in days]
    first = next(
        e
        for e in cal.vevent_list
        if e.uid.value == event_uid(days[0].date, days[0].sessions[0].slot, "a")
    )
    assert "today" in first.valarm.description.value.lower()


@pytest.mark.parametrize(("reminders", "count"), [("session", None), ("none", 0)])
def test_reminders_for_each_session_or_none(reminders: str, count: int | None) -> None:
    plan = make_plan()
    cal = read(plan_to_ics(plan, calendar_key="a", reminders=reminders, stamp=STAMP))
    expected = len(sessions(plan)) if count is None else count
    assert len(alarms(cal)) == expected


def test_an_unknown_reminder_choice_is_a_user_error() -> None:
    with pytest.raises(FootcoreError, match="reminders: one of daily, session, none"):
        plan_to_ics(make_plan(), calendar_key="a", reminders="hourly")


def test_an_adapted_plan_keeps_the_uids_so_calendars_update_the_events() -> None:
    before = make_plan()
    after = make_plan(minutes_per_day=20, pain={"nrs": 4, "site": "heel"})
    old = read(plan_to_ics(before, calendar_key="a", sequence=3, stamp=STAMP))
    new = read(plan_to_ics(after, calendar_key="a", sequence=4, stamp=STAMP))
    old_uids = {e.uid.value for e in old.vevent_list}
    new_events = {e.uid.value: e for e in new.vevent_list}
    common = set(sessions(before)) & set(sessions(after))
    assert common
    for date, slot in common:
        uid = event_uid(date, slot, "a")
        assert uid in old_uids
        assert new_events[uid].sequence.value == "4"


def test_a_named_time_zone_is_written_with_its_definition() -> None:
    plan = make_plan(slot_times={"morning": "06:45", "desk": "10:15"})
    summer = generate_plan(plan.profile, builtin_catalogue(), dt.date(2027, 7, 5), 1)
    for p, offset in ((plan, 0), (summer, 1)):  # Lisbon: UTC+0 in winter, UTC+1 in summer
        data = plan_to_ics(p, calendar_key="a", tz="Europe/Lisbon", stamp=STAMP)
        cal = read(data)
        assert cal.vtimezone.tzid.value == "Europe/Lisbon"
        morning = next(e for e in cal.vevent_list if "morning" in e.uid.value)
        start = morning.dtstart.value
        assert (start.hour, start.minute) == (6, 45)
        assert start.utcoffset() == dt.timedelta(hours=offset)
        assert b"DTSTART;TZID=Europe/Lisbon:" in data


def test_without_a_zone_times_are_in_utc() -> None:
    cal = read(plan_to_ics(make_plan(), calendar_key="a", stamp=STAMP))
    start = cal.vevent_list[0].dtstart.value
    assert start.utcoffset() == dt.timedelta(0)


def test_since_leaves_out_earlier_days() -> None:
    plan = make_plan()
    cut = START + dt.timedelta(days=7)
    cal = read(plan_to_ics(plan, calendar_key="a", since=cut, stamp=STAMP))
    dates = {e.dtstart.value.date() for e in cal.vevent_list}
    assert min(dates) >= cut
    assert len(cal.vevent_list) == len([s for s in sessions(plan) if s[0] >= cut])


def test_an_unknown_time_zone_is_a_user_error() -> None:
    with pytest.raises(FootcoreError, match="unknown time zone 'Mars/Olympus'"):
        plan_to_ics(make_plan(), calendar_key="a", tz="Mars/Olympus")


def test_a_stored_name_with_a_line_break_still_makes_a_valid_calendar() -> None:
    """Profiles refuse such names now; one stored before is written on one line."""
    plan = make_plan()
    plan = dataclasses.replace(plan, profile=dataclasses.replace(plan.profile, name="Ana\nB\x1e"))
    cal = read(plan_to_ics(plan, calendar_key="athlete-7", stamp=STAMP))
    assert cal.contents["x-wr-calname"][0].value == "footcore: Ana B"
    assert len(cal.vevent_list) == len(sessions(plan))
