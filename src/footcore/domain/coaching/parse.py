"""Checking a template's JSON form against a catalogue (the built-ins plus the coach's own
exercises): :func:`parse_template` reports every problem at once, each at its place
(``sessions[0].items[1].reps``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from footcore.domain.coaching.template import (
    DOSE_LIMITS,
    MAX_ITEMS,
    MAX_NAME,
    MAX_NOTE,
    MAX_SESSIONS,
    MAX_WORK_PER_SIDE_S,
    SCHEMA,
    Template,
    TemplateItem,
    TemplateSession,
    coach_dose,
    work_per_side,
)
from footcore.domain.errors import Problem, ValidationError, suggest
from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.vocab import Slot, Weekday

_TEMPLATE_KEYS = ("schema", "name", "description", "fill_other_days", "sessions")
_SESSION_KEYS = ("days", "slot", "items", "title")
_ITEM_KEYS = ("exercise", "sets", "reps", "hold_s", "duration_s", "from_level", "until_level")
_ITEM_KEYS_ALL = (*_ITEM_KEYS, "note")


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _unknown(
    problems: list[Problem], data: Mapping[str, Any], known: Sequence[str], at: str
) -> None:
    for key in data:
        if key not in known:
            hint = suggest(str(key), known, 1)
            extra = f"; did you mean '{hint[0]}'?" if hint else f"; known keys: {', '.join(known)}"
            problems.append(Problem(f"{at}{key}", "unknown key" + extra))


def parse_template(data: Mapping[str, Any], catalogue: Catalogue) -> Template:
    """A template from its JSON form, checked against ``catalogue`` (the built-ins plus the
    coach's own exercises). Every problem is reported at once."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise ValidationError("template", [Problem("", "must be an object")])
    _unknown(problems, data, _TEMPLATE_KEYS, "")
    if data.get("schema", SCHEMA) != SCHEMA:
        problems.append(Problem("schema", f"must be {SCHEMA!r}"))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        problems.append(Problem("name", f"text of 1 to {MAX_NAME} characters"))
        name = ""
    description = data.get("description", "")
    if not isinstance(description, str) or len(description) > 2000:
        problems.append(Problem("description", "text of at most 2000 characters"))
        description = ""
    fill = data.get("fill_other_days", True)
    if not isinstance(fill, bool):
        problems.append(Problem("fill_other_days", "must be true or false"))
        fill = True
    raw_sessions = data.get("sessions")
    sessions: list[TemplateSession] = []
    if not isinstance(raw_sessions, list) or not 1 <= len(raw_sessions) <= MAX_SESSIONS:
        problems.append(Problem("sessions", f"a list of 1 to {MAX_SESSIONS} sessions"))
        raw_sessions = []
    taken: dict[tuple[Weekday, Slot], int] = {}
    for n, raw in enumerate(raw_sessions):
        session = _parse_session(raw, f"sessions[{n}]", catalogue, problems)
        if session is None:
            continue
        for day in session.days:
            if (day, session.slot) in taken:
                problems.append(
                    Problem(
                        f"sessions[{n}]",
                        f"a second {session.slot} session on {day} "
                        f"(sessions[{taken[(day, session.slot)]}] has it)",
                    )
                )
            taken[(day, session.slot)] = n
        sessions.append(session)
    if problems:
        raise ValidationError("template", problems)
    return Template(name.strip(), tuple(sessions), description, fill)


def _parse_session(
    raw: Any, at: str, catalogue: Catalogue, problems: list[Problem]
) -> TemplateSession | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem(at, "must be an object with days, slot and items"))
        return None
    _unknown(problems, raw, _SESSION_KEYS, f"{at}.")
    days: list[Weekday] = []
    raw_days = raw.get("days")
    if not isinstance(raw_days, list) or not raw_days:
        problems.append(Problem(f"{at}.days", "a list of weekdays (mon ... sun)"))
        raw_days = []
    for k, d in enumerate(raw_days):
        if d in Weekday.slugs():
            if Weekday(d) not in days:
                days.append(Weekday(d))
        else:
            problems.append(Problem(f"{at}.days[{k}]", f"one of {', '.join(Weekday.slugs())}"))
    slot_raw = raw.get("slot")
    slot = Slot(slot_raw) if slot_raw in Slot.slugs() else None
    if slot is None:
        problems.append(Problem(f"{at}.slot", f"one of {', '.join(Slot.slugs())}"))
    title = raw.get("title", "")
    if not isinstance(title, str) or len(title) > MAX_NAME:
        problems.append(Problem(f"{at}.title", f"text of at most {MAX_NAME} characters"))
        title = ""
    raw_items = raw.get("items")
    if not isinstance(raw_items, list) or not 1 <= len(raw_items) <= MAX_ITEMS:
        problems.append(Problem(f"{at}.items", f"a list of 1 to {MAX_ITEMS} exercises"))
        raw_items = []
    items = []
    for k, item_raw in enumerate(raw_items):
        item = parse_item(item_raw, f"{at}.items[{k}]", catalogue, problems, slot)
        if item is not None:
            items.append(item)
    if slot is None or not days:
        return None
    return TemplateSession(tuple(days), slot, tuple(items), title)


def parse_item(
    raw: Any, at: str, catalogue: Catalogue, problems: list[Problem], slot: Slot | None
) -> TemplateItem | None:
    """One item of a session in ``slot`` (a slug, or an object with ``exercise``), or None
    with its problems added to ``problems``."""
    if isinstance(raw, str):
        raw = {"exercise": raw}
    if not isinstance(raw, Mapping):
        problems.append(Problem(at, "an exercise slug, or an object with 'exercise'"))
        return None
    _unknown(problems, raw, _ITEM_KEYS_ALL, f"{at}.")
    slug = raw.get("exercise")
    if not isinstance(slug, str) or slug not in catalogue:
        hint = suggest(str(slug), catalogue.slugs) if isinstance(slug, str) else []
        extra = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
        problems.append(Problem(f"{at}.exercise", f"unknown exercise {slug!r}{extra}"))
        return None
    ex = catalogue.get(slug)
    before = len(problems)
    _check_exercise(ex, slug, slot, at, problems)
    values = _numbers(raw, at, problems)
    _check_dose_kind(ex, slug, values, at, problems)
    low = values["from_level"] or 1
    high = values["until_level"] or MAX_LEVEL
    if low > high:
        problems.append(Problem(f"{at}.until_level", "must not be below from_level"))
    note = raw.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        problems.append(Problem(f"{at}.note", f"text of at most {MAX_NOTE} characters"))
        note = ""
    if len(problems) > before:
        return None
    item = TemplateItem(
        exercise=slug,
        sets=values["sets"],
        reps=values["reps"],
        hold_s=values["hold_s"],
        duration_s=values["duration_s"],
        from_level=low,
        until_level=high,
        note=note.strip(),
    )
    work = work_per_side(coach_dose(item, ex))
    if work > MAX_WORK_PER_SIDE_S:
        problems.append(
            Problem(at, f"{work:g} s of work per side; at most {MAX_WORK_PER_SIDE_S} s")
        )
        return None
    return item


def _check_exercise(
    ex: Exercise, slug: str, slot: Slot | None, at: str, problems: list[Problem]
) -> None:
    """Walking work has no place in a template, and the exercise must suit the slot."""
    if ex.dose.steps is not None:
        problems.append(
            Problem(
                f"{at}.exercise",
                "walking work is planned by the minimalist-transition goal, not in a template",
            )
        )
    if slot is not None and slot not in ex.slots:
        problems.append(
            Problem(
                f"{at}.exercise",
                f"{slug} does not suit the {slot} slot (it suits {', '.join(ex.slots)})",
            )
        )


def _numbers(raw: Mapping[str, Any], at: str, problems: list[Problem]) -> dict[str, int | None]:
    """The item's dose and levels, each a whole number within its limits (None if not
    given, or wrong)."""
    values: dict[str, int | None] = {}
    for key in ("sets", "reps", "hold_s", "duration_s", "from_level", "until_level"):
        value = raw.get(key)
        if value is None:
            values[key] = None
            continue
        low, high = DOSE_LIMITS.get(key, (1, MAX_LEVEL))
        if not _int(value) or not low <= value <= high:
            problems.append(Problem(f"{at}.{key}", f"a whole number from {low} to {high}"))
            values[key] = None
        else:
            values[key] = value
    return values


def _check_dose_kind(
    ex: Exercise, slug: str, values: Mapping[str, int | None], at: str, problems: list[Problem]
) -> None:
    """Reps and holds for counted work, seconds for timed work."""
    if values["reps"] is not None and ex.dose.reps is None:
        problems.append(Problem(f"{at}.reps", f"{slug} is timed work: give duration_s"))
    if values["hold_s"] is not None and ex.dose.reps is None:
        problems.append(Problem(f"{at}.hold_s", f"{slug} is timed work: give duration_s"))
    if values["duration_s"] is not None and ex.dose.duration_s is None:
        problems.append(Problem(f"{at}.duration_s", f"{slug} is counted in reps, not seconds"))
