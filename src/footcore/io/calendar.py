"""A plan as an iCalendar (RFC 5545) file: one event per planned session, with reminders.

Written with the ``icalendar`` library. Each event:

- starts at the slot's time of day: the profile's ``slot_times`` where given, else
  the defaults in :data:`footcore.domain.profile.DEFAULT_SLOT_TIMES`, in the named time
  zone (``TZID`` on the times and the zone's ``VTIMEZONE`` definition in the file, so
  07:30 stays 07:30 across daylight-saving changes); without a zone, in UTC;
- lasts the session's minutes rounded up to whole minutes, the same number its title and
  its description give ("Foot work at the desk (3 min)", "about 3 min");
- holds the exercises, each with its dose in words, in the description.

The words are in the language of the work at hand (:mod:`footcore.i18n`): the web's feed
sets the account's language (or the feed address's ``?language=``).

Reminders (display alarms ``reminder_minutes`` before) are the person's choice
(:data:`REMINDERS`): ``daily``, one a day on the day's first session, naming every session
of the day; ``session``, one on every session; ``none``.

UIDs are ``{date}-{slot}@{calendar_key}.footcore``: one per athlete, day and slot, so a plan
that is adapted or regenerated keeps the same UIDs and calendar applications update the
events in place instead of adding copies. ``sequence`` (the stored programme's id, which only
grows) tells them which version is newer.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from footcore.domain.errors import FootcoreError
from footcore.domain.exercise import Catalogue
from footcore.domain.labels import label
from footcore.domain.planning import Day, Plan, PlanItem, Session
from footcore.domain.profile import NOT_ONE_LINE
from footcore.domain.vocab import Slot
from footcore.domain.wording import dose_text
from footcore.i18n import N_, current, ngettext
from footcore.i18n import gettext as _
from footcore.i18n.plan_words import plan_text
from footcore.i18n.words import dose_words

PRODID = "-//footcore//foot-and-ankle training plan//EN"
REMINDER_MINUTES = 10
#: How often a calendar reminds: once a day (on the day's first session), at every session,
#: or never.
REMINDERS = ("daily", "session", "none")
DEFAULT_REMINDERS = "daily"

#: When in the day a session is, in an event's title (English; shown through the
#: translation layer, :func:`slot_title`).
SLOT_TITLES: Mapping[Slot, str] = {
    Slot.MORNING: N_("morning"),
    Slot.DESK: N_("at the desk"),
    Slot.TEETH: N_("while brushing teeth"),
    Slot.TV: N_("in front of the TV"),
    Slot.PRE_RUN: N_("before the run"),
    Slot.POST_RUN: N_("after the run"),
}


def slot_title(slot: Slot) -> str:
    """When in the day a session is, in the current language."""
    return _(SLOT_TITLES[slot])


def event_uid(date: dt.date, slot: Slot | str, calendar_key: str) -> str:
    """The stable UID of the event for one athlete's session on a date and slot."""
    return f"{date.isoformat()}-{Slot(slot).value}@{calendar_key}.footcore"


def slot_time(plan: Plan, slot: Slot) -> dt.time:
    """The time of day a slot's session starts (profile ``slot_times``, else the default)."""
    return plan.profile.slot_time(slot)


def item_line(item: PlanItem, catalogue: Catalogue | None = None) -> str:
    """One exercise and its dose, as a line of an event description, in the current language
    (the exercise's name from ``catalogue`` where it has it)."""
    name = _exercise(catalogue, item.exercise, item.name, "name")
    dose = dose_text(item.dose, added_load=item.added_load, rest=True, words=dose_words())
    line = f"- {name}: {dose}."
    if item.substitute:
        line += " " + _("Without the equipment: %(name)s.") % {"name": item.substitute}
    return line


def _exercise(catalogue: Catalogue | None, slug: str, fallback: Any, field: str) -> Any:
    """An exercise's ``field`` in the current language, else ``fallback``."""
    if catalogue is None or slug not in catalogue:
        return fallback
    return getattr(catalogue.get(slug).in_language(current()), field)


def event_minutes(session: Session) -> int:
    """A session's length in the calendar, and in its title and text: whole minutes, up."""
    return max(1, math.ceil(round(session.minutes, 6)))


def session_description(day: Day, session: Session, catalogue: Catalogue | None = None) -> str:
    """The event text: the exercises in order with their doses, then the day's notes."""
    lines = [
        ngettext(
            "%(num)s exercise, about %(minutes)s min:",
            "%(num)s exercises, about %(minutes)s min:",
            len(session.items),
        )
        % {"num": len(session.items), "minutes": event_minutes(session)}
    ]
    for item in session.items:
        lines.append(item_line(item, catalogue))
        cues = _exercise(catalogue, item.exercise, (), "cues")
        if cues:
            lines.append("  " + _("Tip: %(cue)s") % {"cue": cues[0]})
    if day.run.value != "none":
        run = _(label(day.run))
        lines.append(_("Running today: %(run)s.") % {"run": run[:1].lower() + run[1:]})
    lines.extend(plan_text(note) for note in day.notes)
    return "\n".join(lines)


def _zone(tz: str | None) -> ZoneInfo | None:
    if tz is None:
        return None
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name no file can have
        raise FootcoreError(
            f"unknown time zone {tz!r}: use a name such as 'Europe/Lisbon' or 'America/Chicago'"
        ) from None


def _one_line(text: str) -> str:
    """``text`` with line breaks and control characters as spaces (names stored before the
    profile refused them), so a content line never breaks."""
    kept = "".join(" " if unicodedata.category(ch) in NOT_ONE_LINE else ch for ch in text)
    return " ".join(kept.split())


def plan_to_ics(
    plan: Plan,
    *,
    calendar_key: str,
    catalogue: Catalogue | None = None,
    tz: str | None = None,
    sequence: int = 0,
    since: dt.date | None = None,
    stamp: dt.datetime | None = None,
    reminder_minutes: int = REMINDER_MINUTES,
    reminders: str = DEFAULT_REMINDERS,
) -> bytes:
    """The plan's sessions as an iCalendar file (UTF-8 bytes).

    ``calendar_key`` names the athlete in UIDs (keep it stable: an athlete id, not a name);
    ``tz`` is an IANA zone name (None: UTC); ``reminders`` one of :data:`REMINDERS`;
    ``since`` leaves out earlier days; ``stamp`` is the DTSTAMP (default: now, UTC).
    """
    if reminders not in REMINDERS:
        raise FootcoreError(f"reminders: one of {', '.join(REMINDERS)}, not {reminders!r}")
    zone = _zone(tz) or dt.UTC
    now = stamp or dt.datetime.now(dt.UTC)
    cal = _calendar_head(plan, tz)
    for week in plan.weeks:
        for day in week.days:
            if since is not None and day.date < since:
                continue
            for n, session in enumerate(day.sessions):
                event = _session_event(
                    plan,
                    week.number,
                    day,
                    session,
                    calendar_key=calendar_key,
                    catalogue=catalogue,
                    zone=zone,
                    now=now,
                    sequence=sequence,
                )
                text = _reminder_text(reminders, day, n, session)
                if text is not None:
                    event.add_component(_alarm(text, reminder_minutes))
                cal.add_component(event)
    if tz is not None:  # the zone's VTIMEZONE, from the zone database, for the plan's span
        first = since or plan.start
        cal.add_missing_timezones(
            first_date=first - dt.timedelta(days=366), last_date=plan.end + dt.timedelta(days=366)
        )
    return bytes(cal.to_ical())


def _calendar_head(plan: Plan, tz: str | None) -> Calendar:
    """A calendar with no event yet: footcore's product id, the calendar's name and
    description, and its time zone when one is given."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"footcore: {_one_line(plan.profile.name)}")
    cal.add("x-wr-caldesc", _("Short foot-and-ankle sessions from your footcore plan."))
    if tz is not None:
        cal.add("x-wr-timezone", tz)
    return cal


def _session_title(session: Session) -> str:
    return _("Foot work %(when)s") % {"when": slot_title(session.slot)}


def _session_event(
    plan: Plan,
    week_number: int,
    day: Day,
    session: Session,
    *,
    calendar_key: str,
    catalogue: Catalogue | None,
    zone: dt.tzinfo,
    now: dt.datetime,
    sequence: int,
) -> Event:
    """One session as an event at its slot's time, as long as its minutes, with what to do
    in the description (without its reminder)."""
    start = dt.datetime.combine(day.date, slot_time(plan, session.slot), zone)
    minutes = event_minutes(session)
    event = Event()
    event.add("uid", event_uid(day.date, session.slot, calendar_key))
    event.add("dtstamp", now)
    event.add("sequence", sequence)
    event.add("summary", f"{_session_title(session)} ({minutes} min)")
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=minutes))
    event.add("description", session_description(day, session, catalogue))
    event.add("categories", ["footcore", _("week %(n)s") % {"n": week_number}])
    event.add("transp", "TRANSPARENT")
    return event


def _reminder_text(reminders: str, day: Day, n: int, session: Session) -> str | None:
    """What the reminder of the day's ``n``-th session says: with ``session`` each session
    has its own, with ``daily`` the first one holds the day's, with ``none`` there is none."""
    if reminders == "session":
        return _("%(title)s in a moment") % {"title": _session_title(session)}
    if reminders == "daily" and n == 0:
        return _day_reminder(day)
    return None


def _alarm(text: str, minutes_before: int) -> Alarm:
    """A reminder shown ``minutes_before`` the event starts."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", dt.timedelta(minutes=-minutes_before))
    return alarm


def _day_reminder(day: Day) -> str:
    """The one reminder of a day: every session of it, and the minutes in all."""
    slots = ", ".join(slot_title(s.slot) for s in day.sessions)
    total = sum(event_minutes(s) for s in day.sessions)
    return _("Foot work today: %(slots)s (about %(minutes)s min in all)") % {
        "slots": slots,
        "minutes": total,
    }
