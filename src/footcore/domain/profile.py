"""The athlete's profile: who trains, for what, with what, when, and how much time a day.

A profile arrives as a mapping (a TOML or JSON file, a web form, a stored record) and becomes
a frozen :class:`Profile` through :func:`parse_profile`, which checks every key and reports
EVERY problem at once, each named by its key (``running.days[2]``), with "did you mean"
suggestions for unknown keys and names. :func:`profile_to_dict` writes the canonical mapping
back; ``parse_profile(profile_to_dict(p)) == p`` always holds.

Defaults (documented in docs/planner.md):

- ``sex``: ``"unspecified"``
- ``goals``: ``["general"]``
- ``equipment``: ``[]`` (body-weight work, hands instead of a ball, manual resistance
  instead of a band)
- ``minutes_per_day``: ``10``; allowed range ``MIN_MINUTES``..``MAX_MINUTES`` (2..60)
- ``slots``: all six; ``pre-run`` and ``post-run`` are only used on running days
- ``cramp_prone``: ``false``
- ``pain``: none; ``running``: none (not running); ``slot_times``: none; ``units``:
  ``"metric"``; ``time_zone``: none (an IANA name such as ``Europe/Lisbon``: the zone of the
  slot times in calendar files; without it, calendars use the machine's zone)

``running.hard_days`` is an extension of the DESIGN.md contract: the weekdays that hold a hard
session (intervals, tempo, races). They must be running days and cannot be the long-run day.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from footcore.domain.errors import Problem, ValidationError, suggest
from footcore.domain.vocab import Equipment, Goal, PainSite, Sex, Slot, Term, Weekday

MIN_AGE = 10
MAX_AGE = 110
MIN_MINUTES = 2
MAX_MINUTES = 60
DEFAULT_MINUTES = 10
MAX_WEEKLY_KM = 400
MAX_NAME_LENGTH = 80
UNITS = ("metric", "imperial")

_TOP_KEYS = (
    "name",
    "age",
    "sex",
    "goals",
    "equipment",
    "minutes_per_day",
    "slots",
    "cramp_prone",
    "pain",
    "running",
    "slot_times",
    "units",
    "time_zone",
)
_PAIN_KEYS = ("nrs", "site")
_RUNNING_KEYS = ("days", "long_run_day", "weekly_km", "hard_days")
T = TypeVar("T", bound=Term)
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Pain:
    """Current foot or ankle pain on the 0-10 numeric rating scale, and where it is."""

    nrs: int
    site: PainSite | None = None


@dataclass(frozen=True)
class Running:
    """The running week: which weekdays hold a run, which is the long run, which are hard."""

    days: tuple[Weekday, ...]
    long_run_day: Weekday | None = None
    weekly_km: float | None = None
    hard_days: tuple[Weekday, ...] = ()


#: When each slot's session happens when the profile gives no ``slot_times`` (local time).
#: The planner orders a day's sessions by these times; calendars and handouts show them.
DEFAULT_SLOT_TIMES: Mapping[Slot, str] = {
    Slot.MORNING: "07:00",
    Slot.TEETH: "07:30",
    Slot.DESK: "10:00",
    Slot.PRE_RUN: "17:30",
    Slot.POST_RUN: "18:30",
    Slot.TV: "20:30",
}


@dataclass(frozen=True)
class Profile:
    name: str
    age: int
    sex: Sex = Sex.UNSPECIFIED
    goals: tuple[Goal, ...] = (Goal.GENERAL,)
    equipment: tuple[Equipment, ...] = ()
    minutes_per_day: int = DEFAULT_MINUTES
    slots: tuple[Slot, ...] = tuple(Slot)
    cramp_prone: bool = False
    pain: Pain | None = None
    running: Running | None = None
    # slot -> "HH:MM"; for calendars and reminders. Not hashed (a dict), compared as usual.
    slot_times: Mapping[Slot, str] = field(default_factory=dict, hash=False)
    units: str = "metric"
    time_zone: str | None = None  # IANA name; the zone of the slot times in calendars

    def slot_time(self, slot: Slot) -> dt.time:
        """The time of day a slot's session starts: the profile's own, else the default."""
        hours, minutes = (self.slot_times.get(slot) or DEFAULT_SLOT_TIMES[slot]).split(":")
        return dt.time(int(hours), int(minutes))

    @property
    def run_days(self) -> tuple[Weekday, ...]:
        return self.running.days if self.running else ()

    @property
    def pain_nrs(self) -> int:
        return self.pain.nrs if self.pain else 0


# --------------------------------------------------------------------------------------------
# Parsing


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def unknown_keys(self, data: Mapping[str, Any], known: tuple[str, ...], prefix: str) -> None:
        for key in data:
            if key in known:
                continue
            hint = suggest(str(key), known)
            extra = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
            allowed = ", ".join(known)
            self.add(f"{prefix}{key}", f"unknown key{extra} (known keys: {allowed})")

    def text(self, value: Any, where: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.add(where, "must be a non-empty text")
            return None
        if len(value) > MAX_NAME_LENGTH:
            self.add(where, f"must be at most {MAX_NAME_LENGTH} characters")
            return None
        if not one_line(value):
            self.add(where, "must be one line of text, without line breaks or control characters")
            return None
        return value.strip()

    def integer(self, value: Any, where: str, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(where, f"must be a whole number from {low} to {high}")
            return None
        if isinstance(value, float) and not value.is_integer():
            self.add(where, f"must be a whole number from {low} to {high}, got {value}")
            return None
        number = int(value)
        if not low <= number <= high:
            self.add(where, f"must be from {low} to {high}, got {number}")
            return None
        return number

    def term(self, value: Any, where: str, kind: type[T], label: str) -> T | None:
        slugs = kind.slugs()
        if not isinstance(value, str):
            self.add(where, f"must be a {label} name, one of: {', '.join(slugs)}")
            return None
        try:
            return kind(value)
        except ValueError:
            hint = suggest(value, slugs)
            extra = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
            self.add(where, f"unknown {label} '{value}'{extra} (known: {', '.join(slugs)})")
            return None

    def terms(
        self, value: Any, where: str, kind: type[T], label: str, *, allow_empty: bool
    ) -> tuple[T, ...] | None:
        if not isinstance(value, list | tuple):
            self.add(where, f"must be a list of {label} names")
            return None
        if not value and not allow_empty:
            self.add(where, f"must name at least one {label}")
            return None
        out: list[T] = []
        ok = True
        for i, item in enumerate(value):
            term = self.term(item, f"{where}[{i}]", kind, label)
            if term is None:
                ok = False
            elif term in out:
                self.add(f"{where}[{i}]", f"'{term}' is listed twice")
                ok = False
            else:
                out.append(term)
        return tuple(out) if ok else None


#: Unicode categories a one-line text may not hold: control characters (line breaks, tabs),
#: line and paragraph separators, lone surrogates.
NOT_ONE_LINE = frozenset({"Cc", "Zl", "Zp", "Cs"})


def one_line(text: str) -> bool:
    """Whether ``text`` fits on one line of a calendar, a handout or a page as it is."""
    return not any(unicodedata.category(ch) in NOT_ONE_LINE for ch in text)


def parse_profile(data: Mapping[str, Any]) -> Profile:
    """Validate a profile mapping; raise ``ValidationError("profile", problems)`` listing
    every problem, each with its key."""
    r = _Reader()
    if not isinstance(data, Mapping):
        raise ValidationError("profile", [Problem("", "must be a table of keys")])
    r.unknown_keys(data, _TOP_KEYS, "")

    name, age = _name_and_age(r, data)
    sex = r.term(data.get("sex", "unspecified"), "sex", Sex, "sex")
    goals = r.terms(data.get("goals", ["general"]), "goals", Goal, "goal", allow_empty=False)
    equipment = r.terms(
        data.get("equipment", []), "equipment", Equipment, "equipment", allow_empty=True
    )
    minutes = r.integer(
        data.get("minutes_per_day", DEFAULT_MINUTES), "minutes_per_day", MIN_MINUTES, MAX_MINUTES
    )
    slots = r.terms(data.get("slots", list(Slot.slugs())), "slots", Slot, "slot", allow_empty=False)
    cramp = _parse_cramp_prone(r, data.get("cramp_prone", False))
    pain = _parse_pain(r, data["pain"]) if "pain" in data else None
    running = _parse_running(r, data["running"]) if "running" in data else None
    slot_times = _parse_slot_times(r, data["slot_times"]) if "slot_times" in data else {}
    units = data.get("units", "metric")
    _check_units(r, units)
    time_zone = _parse_time_zone(r, data["time_zone"]) if "time_zone" in data else None

    if r.problems:
        raise ValidationError("profile", r.problems)
    if (
        name is None
        or age is None
        or sex is None
        or goals is None
        or equipment is None
        or minutes is None
        or slots is None
    ):  # pragma: no cover - every None above has added a problem
        raise ValidationError("profile", [Problem("", "incomplete profile")])
    # Canonical order: vocabulary order, so that equal profiles compare equal.
    return Profile(
        name=name,
        age=age,
        sex=sex,
        goals=tuple(g for g in Goal if g in goals),
        equipment=tuple(e for e in Equipment if e in equipment),
        minutes_per_day=minutes,
        slots=tuple(s for s in Slot if s in slots),
        cramp_prone=cramp,
        pain=pain,
        running=running,
        slot_times=slot_times,
        units=str(units),
        time_zone=time_zone,
    )


def _name_and_age(r: _Reader, data: Mapping[str, Any]) -> tuple[str | None, int | None]:
    """The two keys every profile must have."""
    name = r.text(data["name"], "name") if "name" in data else None
    if "name" not in data:
        r.add("name", "is required")
    age = r.integer(data["age"], "age", MIN_AGE, MAX_AGE) if "age" in data else None
    if "age" not in data:
        r.add("age", "is required")
    return name, age


def _parse_cramp_prone(r: _Reader, value: Any) -> bool:
    if not isinstance(value, bool):
        r.add("cramp_prone", "must be true or false")
        return False
    return value


def _check_units(r: _Reader, units: Any) -> None:
    if units not in UNITS:
        hint = suggest(str(units), UNITS)
        extra = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
        r.add("units", f"must be 'metric' or 'imperial', got {units!r}{extra}")


#: Longer than any IANA zone name (the longest is about 30 characters).
MAX_TIME_ZONE = 64


def _parse_time_zone(r: _Reader, value: Any) -> str | None:
    # Deferred: zoneinfo is not loaded by the stored `footcore today` (measured).
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones  # noqa: PLC0415

    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_TIME_ZONE:
        r.add("time_zone", "must be a time zone name such as 'Europe/Lisbon'")
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name no file can have
        hint = suggest(value, sorted(available_timezones()))
        extra = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
        r.add("time_zone", f"unknown time zone {value!r}{extra}")
        return None
    return value


def _parse_pain(r: _Reader, value: Any) -> Pain | None:
    if not isinstance(value, Mapping):
        r.add("pain", "must be a table with 'nrs' (0-10) and optionally 'site'")
        return None
    r.unknown_keys(value, _PAIN_KEYS, "pain.")
    if "nrs" not in value:
        r.add("pain.nrs", "is required (0-10)")
        nrs = None
    else:
        nrs = r.integer(value["nrs"], "pain.nrs", 0, 10)
    site = r.term(value["site"], "pain.site", PainSite, "pain site") if "site" in value else None
    if nrs is None or ("site" in value and site is None):
        return None
    return Pain(nrs=nrs, site=site)


def _parse_running(r: _Reader, value: Any) -> Running | None:
    if not isinstance(value, Mapping):
        r.add("running", "must be a table with 'days' and optionally 'long_run_day'")
        return None
    r.unknown_keys(value, _RUNNING_KEYS, "running.")
    days = r.terms(value.get("days", []), "running.days", Weekday, "weekday", allow_empty=True)
    long_day = (
        r.term(value["long_run_day"], "running.long_run_day", Weekday, "weekday")
        if "long_run_day" in value
        else None
    )
    hard = r.terms(
        value.get("hard_days", []), "running.hard_days", Weekday, "weekday", allow_empty=True
    )
    km: float | None = None
    if "weekly_km" in value:
        raw = value["weekly_km"]
        if (
            isinstance(raw, bool)
            or not isinstance(raw, int | float)
            or not 0 <= raw <= MAX_WEEKLY_KM
        ):
            r.add("running.weekly_km", f"must be a number from 0 to {MAX_WEEKLY_KM}")
        else:
            km = float(raw)
    ok = days is not None and hard is not None and ("long_run_day" not in value or long_day)
    if days is not None:
        if long_day is not None and long_day not in days:
            r.add(
                "running.long_run_day",
                f"the long-run day, '{long_day}', must be one of the running days "
                f"({', '.join(str(d) for d in days)})",
            )
            ok = False
        if hard is not None:
            for i, d in enumerate(hard):
                if d not in days:
                    r.add(
                        f"running.hard_days[{i}]",
                        f"the hard day '{d}' must be one of the running days "
                        f"({', '.join(str(x) for x in days)})",
                    )
                    ok = False
                elif d == long_day:
                    r.add(f"running.hard_days[{i}]", f"'{d}' is already the long-run day")
                    ok = False
    if not ok or days is None or hard is None:
        return None
    if not days:
        return None
    return Running(
        days=tuple(d for d in Weekday if d in days),
        long_run_day=long_day,
        weekly_km=km,
        hard_days=tuple(d for d in Weekday if d in hard),
    )


def _parse_slot_times(r: _Reader, value: Any) -> dict[Slot, str]:
    if not isinstance(value, Mapping):
        r.add("slot_times", 'must be a table of slot = "HH:MM"')
        return {}
    out: dict[Slot, str] = {}
    for key, time in value.items():
        slot = r.term(key, f"slot_times.{key}", Slot, "slot")
        if not isinstance(time, str) or not _TIME.match(time):
            r.add(f"slot_times.{key}", f'must be a time "HH:MM" (00:00-23:59), got {time!r}')
            continue
        if slot is not None:
            out[slot] = time
    return {s: out[s] for s in Slot if s in out}


# --------------------------------------------------------------------------------------------
# Writing


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The canonical mapping of a profile (the same keys a profile file holds)."""
    out: dict[str, Any] = {
        "name": profile.name,
        "age": profile.age,
        "sex": str(profile.sex),
        "goals": [str(g) for g in profile.goals],
        "equipment": [str(e) for e in profile.equipment],
        "minutes_per_day": profile.minutes_per_day,
        "slots": [str(s) for s in profile.slots],
        "cramp_prone": profile.cramp_prone,
        "units": profile.units,
    }
    if profile.pain is not None:
        pain: dict[str, Any] = {"nrs": profile.pain.nrs}
        if profile.pain.site is not None:
            pain["site"] = str(profile.pain.site)
        out["pain"] = pain
    if profile.running is not None:
        run = profile.running
        running: dict[str, Any] = {"days": [str(d) for d in run.days]}
        if run.long_run_day is not None:
            running["long_run_day"] = str(run.long_run_day)
        if run.weekly_km is not None:
            running["weekly_km"] = run.weekly_km
        if run.hard_days:
            running["hard_days"] = [str(d) for d in run.hard_days]
        out["running"] = running
    if profile.slot_times:
        out["slot_times"] = {str(s): t for s, t in profile.slot_times.items()}
    if profile.time_zone is not None:
        out["time_zone"] = profile.time_zone
    return out
