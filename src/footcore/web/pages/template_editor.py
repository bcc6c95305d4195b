"""The coach's template builder, as plain HTML forms (no router here: the routes are in
:mod:`footcore.web.pages.coach`).

1. "Start from a plan": goals, equipment, minutes a day, slots, run days and a level are read
   by :func:`draft_request` into the input of ``CoachingService.template_from_plan``.
2. The editor shows the template session by session (days and slot), each exercise with its
   dose. The whole draft travels in the editor's form (nothing is kept on the server
   between steps): :func:`body_from_form` reads it back as a ``footcore.template/1`` mapping
   with the coach's changes applied - an exercise swapped (the new one starts at its
   catalogue dose), sets, reps, holds or seconds changed, an item removed or added, days
   ticked. The checks are the template's own (``parse_template`` through the coaching
   service); :func:`editor_view` places each problem at its session and exercise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date

from footcore import i18n
from footcore.domain.coaching.template import (
    DOSE_LIMITS,
    MAX_ITEMS,
    MAX_SESSIONS,
    TemplateItem,
    coach_dose,
)
from footcore.domain.errors import Problem
from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.timing import item_minutes, total_minutes
from footcore.domain.vocab import Category, Slot, Weekday
from footcore.domain.wording import dose_text
from footcore.i18n import N_
from footcore.i18n import gettext as _
from footcore.i18n.words import dose_words
from footcore.web.labels import label
from footcore.web.problems import problem_text

__all__ = [
    "DRAFT_DEFAULTS",
    "MAX_ITEMS",
    "EditorView",
    "body_from_form",
    "catalogue_dose",
    "draft_request",
    "draft_values",
    "editor_view",
]

MAX_FIELD = 2000
DOSE_KEYS = ("sets", "reps", "hold_s", "duration_s")
LEVEL_KEYS = ("from_level", "until_level")
#: The first values of "Start from a plan".
DRAFT_DEFAULTS: dict[str, Any] = {
    "name": "",
    "level": 1,
    "goals": ["general"],
    "equipment": [],
    "minutes_per_day": 10,
    "slots": ["morning", "desk", "tv"],
    "run_days": [],
    "long_run_day": "",
}


def _text(form: Any, name: str, limit: int = MAX_FIELD) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _whole(raw: str) -> int | str | None:
    """A typed number: None when blank, an int when whole, else the text itself (the
    template checks then say what is allowed, at the right place)."""
    if raw == "":
        return None
    if raw.isdigit() and len(raw) <= 7:
        return int(raw)
    return raw[:20]


# -- 1. the draft's inputs -------------------------------------------------------------------


def draft_request(form: Any) -> dict[str, Any]:
    """``template_from_plan``'s input from the "Start from a plan" form."""
    data: dict[str, Any] = {
        "name": _text(form, "name", 200),
        "level": _whole(_text(form, "level", 20)) or 1,
        "goals": [str(g)[:40] for g in form.getlist("goals")][:20],
        "equipment": [str(e)[:40] for e in form.getlist("equipment")][:20],
        "slots": [str(s)[:40] for s in form.getlist("slots")][:20],
    }
    minutes = _whole(_text(form, "minutes_per_day", 20))
    if minutes is not None:
        data["minutes_per_day"] = minutes
    days = [str(d)[:10] for d in form.getlist("run_days")][:7]
    if days:
        running: dict[str, Any] = {"days": days}
        long_day = _text(form, "long_run_day", 10)
        if long_day:
            running["long_run_day"] = long_day
        data["running"] = running
    return data


def draft_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the "Start from a plan" form shows for its input (after a refusal)."""
    running = data.get("running") or {}
    return {
        **DRAFT_DEFAULTS,
        **{k: data[k] for k in ("name", "level", "goals", "equipment", "slots") if k in data},
        "minutes_per_day": data.get("minutes_per_day", ""),
        "run_days": list(running.get("days", [])),
        "long_run_day": running.get("long_run_day", ""),
    }


# -- 2. the editor: form -> template mapping -------------------------------------------------


def catalogue_dose(ex: Exercise) -> dict[str, int]:
    """The exercise's own dose, in the template's keys (what a swapped-in exercise starts
    with)."""
    d = ex.dose
    out = {"sets": d.sets}
    if d.reps is not None:
        out["reps"] = d.reps
        if d.hold_s is not None:
            out["hold_s"] = d.hold_s
    elif d.duration_s is not None:
        out["duration_s"] = d.duration_s
    for key, value in list(out.items()):
        low, high = DOSE_LIMITS[key]
        out[key] = min(max(value, low), high)
    return out


def body_from_form(form: Any, catalogue: Catalogue) -> dict[str, Any]:
    """The template mapping the editor's form describes, with the coach's changes applied.
    A session whose exercises were all removed is left out."""
    body: dict[str, Any] = {
        "name": _text(form, "name", 200),
        "description": _text(form, "description"),
        "fill_other_days": form.get("fill_other_days") == "true",
        "sessions": [],
    }
    count = _whole(_text(form, "sessions", 10))
    for k in range(min(count, MAX_SESSIONS) if isinstance(count, int) else 0):
        at = f"s{k}."
        items: list[dict[str, Any]] = []
        size = _whole(_text(form, at + "items", 10))
        for j in range(min(size, MAX_ITEMS) if isinstance(size, int) else 0):
            item = _item_from_form(form, f"{at}i{j}.", catalogue)
            if item is not None:
                items.append(item)
        added = _text(form, at + "add", 100)
        taken = {i["exercise"] for i in items}
        if added in catalogue and len(items) < MAX_ITEMS and added not in taken:
            items.append({"exercise": added, **catalogue_dose(catalogue.get(added))})
        if not items:
            continue
        session: dict[str, Any] = {
            "days": [d for d in Weekday.slugs() if d in form.getlist(at + "days")],
            "slot": _text(form, at + "slot", 20),
            "items": items,
        }
        title = _text(form, at + "title", 200)
        if title:
            session["title"] = title
        body["sessions"].append(session)
    return body


def _item_from_form(form: Any, at: str, catalogue: Catalogue) -> dict[str, Any] | None:
    if form.get(at + "remove") == "yes":
        return None
    slug = _text(form, at + "exercise", 100)
    was = _text(form, at + "was", 100)
    item: dict[str, Any] = {"exercise": slug}
    if was and slug != was and slug in catalogue:
        item.update(catalogue_dose(catalogue.get(slug)))  # swapped: its own dose
    else:
        for key in DOSE_KEYS:
            value = _whole(_text(form, at + key, 20))
            if value is not None:
                item[key] = value
    for key in LEVEL_KEYS:
        value = _whole(_text(form, at + key, 20))
        if value is not None:
            item[key] = value
    note = _text(form, at + "note", 400)
    if note:
        item["note"] = note
    return item


# -- 2. the editor: template mapping -> what the page shows ----------------------------------


@dataclass
class ItemView:
    key: str  # the form's prefix, "s0.i1"
    number: int
    slug: str
    name: str
    category: str
    timed: bool  # counted in seconds (duration_s) rather than reps
    show_hold: bool
    values: dict[str, str]
    defaults: dict[str, str]
    hidden: dict[str, str]  # levels and note, kept as they are
    dose: str
    minutes: float
    options: list[tuple[str, list[tuple[str, str]]]]
    problems: list[str] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)  # the fields a problem names


@dataclass
class SessionView:
    key: str  # "s0"
    number: int
    days: list[str]
    slot: str
    slot_label: str
    title: str
    items: list[ItemView]
    minutes: float
    add_options: list[tuple[str, list[tuple[str, str]]]]
    problems: list[str] = field(default_factory=list)


@dataclass
class EditorView:
    name: str
    description: str
    fill_other_days: bool
    sessions: list[SessionView]
    week: list[tuple[str, list[SessionView]]]  # weekday label -> its sessions
    problems: list[tuple[str, str]]  # (place, message), in the order found
    weekdays: list[tuple[str, str]]  # (slug, short label)


def _options(
    catalogue: Catalogue, slot: str, memo: dict[str, Any]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The exercises that suit a slot (walking work is planned by a goal, not a template),
    grouped by category in session order."""
    if slot not in memo:
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for category in sorted(Category, key=lambda c: c.rank):
            found = [
                (ex.slug, _name(ex))
                for ex in catalogue
                if ex.category is category and slot in ex.slots and ex.dose.steps is None
            ]
            if found:
                groups.append((label(category), sorted(found, key=lambda e: e[1].lower())))
        memo[slot] = groups
    options: list[tuple[str, list[tuple[str, str]]]] = memo[slot]
    return options


def _name(ex: Exercise) -> str:
    """An exercise's name in the page's language."""
    return str(ex.in_language(i18n.current()).name)


def _weekday_short(day: Weekday) -> str:
    """A weekday's short name (``Mon``, ``lun``) in the page's language."""
    return format_date(_A_MONDAY + dt.timedelta(days=day.number), "EEE", locale=i18n.current())


_A_MONDAY = dt.date(2024, 1, 1)


_PLACE = re.compile(r"^sessions\[(\d+)\](?:\.items\[(\d+)\])?(?:\.(.+))?$")
_WORDS = {
    "sets": N_("sets"),
    "reps": N_("reps"),
    "hold_s": N_("hold"),
    "duration_s": N_("seconds"),
    "exercise": N_("exercise"),
    "days": N_("days"),
    "slot": N_("slot"),
    "items": N_("exercises"),
    "from_level": N_("from level"),
    "until_level": N_("until level"),
    "note": N_("note"),
    "title": N_("title"),
}


def _place(where: str) -> tuple[int | None, int | None, str, str]:
    """(session index, item index, field, readable place) of a template problem's
    ``where``."""
    found = _PLACE.match(where)
    if found is None:
        head = where.split("[", 1)[0] or "template"
        if head == "fill_other_days":
            return None, None, head, _("Other days")
        return None, None, head, _("Template") if head == "template" else head.capitalize()
    k, j, rest = int(found.group(1)), found.group(2), found.group(3) or ""
    key = rest.split("[", 1)[0]
    words = [_("Session %(n)s") % {"n": k + 1}]
    if j is not None:
        words.append(_("exercise %(n)s") % {"n": int(j) + 1})
    if rest:
        words.append(_(_WORDS[key]) if key in _WORDS else rest)
    return k, int(j) if j is not None else None, key, ", ".join(words)


def editor_view(
    body: Mapping[str, Any], catalogue: Catalogue, problems: Sequence[Problem] = ()
) -> EditorView:
    memo: dict[str, Any] = {}
    raw_sessions = body.get("sessions")
    sessions: list[SessionView] = []
    for k, raw in enumerate(raw_sessions if isinstance(raw_sessions, list) else []):
        if not isinstance(raw, Mapping):
            continue
        slot = str(raw.get("slot", ""))
        raw_items = raw.get("items")
        items = [
            _item_view(f"s{k}.i{j}", raw_item, slot, catalogue, memo)
            for j, raw_item in enumerate(raw_items if isinstance(raw_items, list) else [])
        ]
        days = [str(d) for d in raw.get("days", []) if isinstance(d, str)]
        sessions.append(
            SessionView(
                key=f"s{k}",
                number=k + 1,
                days=days,
                slot=slot,
                slot_label=label(Slot(slot)) if slot in Slot.slugs() else slot,
                title=str(raw.get("title", "")),
                items=items,
                minutes=total_minutes([i.minutes for i in items]),
                add_options=_options(catalogue, slot, memo) if len(items) < MAX_ITEMS else [],
            )
        )
    placed: list[tuple[str, str]] = []
    for p in problems:
        at_session, at_item, key, where = _place(p.where)
        message = problem_text(p.message)
        placed.append((where, message))
        if at_session is not None and at_session < len(sessions):
            session = sessions[at_session]
            if at_item is not None and at_item < len(session.items):
                session.items[at_item].problems.append(f"{where}: {message}")
                session.items[at_item].invalid.add(key or "exercise")
            else:
                session.problems.append(f"{where}: {message}")
    slot_order = {slot.value: n for n, slot in enumerate(Slot)}

    def in_day_order(session: SessionView) -> tuple[int, int]:
        return slot_order.get(session.slot, len(slot_order)), session.number

    week = [
        (label(day), sorted((s for s in sessions if day.value in s.days), key=in_day_order))
        for day in Weekday
    ]
    return EditorView(
        name=str(body.get("name", "")),
        description=str(body.get("description", "")),
        fill_other_days=bool(body.get("fill_other_days", True)),
        sessions=sessions,
        week=week,
        problems=placed,
        weekdays=[(d.value, _weekday_short(d)) for d in Weekday],
    )


def _item_view(
    key: str, raw: Any, slot: str, catalogue: Catalogue, memo: dict[str, Any]
) -> ItemView:
    number = int(key.rsplit(".i", 1)[1]) + 1
    if isinstance(raw, str):
        raw = {"exercise": raw}
    if not isinstance(raw, Mapping):
        raw = {}
    slug = str(raw.get("exercise", ""))
    values = {k: "" if raw.get(k) is None else str(raw.get(k)) for k in DOSE_KEYS}
    hidden = {k: str(raw[k]) for k in (*LEVEL_KEYS, "note") if raw.get(k) not in (None, "")}
    options = _options(catalogue, slot, memo)
    if slug not in catalogue:
        return ItemView(
            key, number, slug, slug, "", False, True, values, {}, hidden, "", 0.0, options
        )
    ex = catalogue.get(slug)
    if not any(slug == s for _, group in options for s, _ in group):
        options = [(_("Now"), [(slug, _name(ex))]), *options]  # keep it choosable
    defaults = {k: str(v) for k, v in catalogue_dose(ex).items()}
    typed = {k: v if isinstance(v := raw.get(k), int) else None for k in DOSE_KEYS}
    item = TemplateItem(
        exercise=slug,
        sets=typed["sets"],
        reps=typed["reps"],
        hold_s=typed["hold_s"],
        duration_s=typed["duration_s"],
    )
    dose = coach_dose(item, ex)
    text, minutes = dose_text(dose, words=dose_words()), item_minutes(dose, ex.load)
    timed = ex.dose.reps is None
    return ItemView(
        key=key,
        number=number,
        slug=slug,
        name=_name(ex),
        category=label(ex.category),
        timed=timed,
        show_hold=not timed and (ex.dose.hold_s is not None or bool(values["hold_s"])),
        values=values,
        defaults=defaults,
        hidden=hidden,
        dose=text,
        minutes=minutes,
        options=options,
    )
