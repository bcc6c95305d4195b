"""Coach mode, pure: programme templates, fitting them to one athlete, and class sheets.

A **template** (``footcore.template/1``) is what a coach builds: sessions on weekdays in a
slot, each with up to four exercises by slug, an optional dose of the coach's, and the
levels during which the item is used (the athlete's level, which adaptation unlocks).

:func:`apply_template` turns a template into one athlete's :class:`Plan`. It starts from the
athlete's own generated plan (weeks, levels, run days, flags, walking) and, on the
template's days, puts the coach's sessions instead - fitted to this athlete so that every
planning rule still holds:

- equipment they lack, pain (gentle work only above 5/10, no heavy step at 4-5/10), the
  pre-run / post-run / cramp rules of the day's run, falls safety, the level reached and
  one chain step a week: the item becomes the first easier step of its chain (or a
  same-category equivalent) that keeps them; if none does, it is left out;
- a slot the athlete does not use moves to one they do; a run slot on a day without a run
  is left out; holds over 30 s before a run are shortened;
- loading work (moderate or heavy) stays on non-consecutive days, never on or the day before
  the long run; doses rise gradually towards the coach's; a day stays within the athlete's
  minutes;
- on other days the athlete's own plan keeps them doing a little most days (without its
  loading work, which the coach's days carry).

Every change is said in the item's ``why`` and once in the plan's notes. Finally
``check_plan`` runs; an item it still objects to is left out (said in the notes), and should
anything remain, the athlete's own plan is used with a note saying so - the result always
passes ``check_plan``.

:func:`class_sheet` lays out one session for a group, led by one person, after a given kind
of run: order, start times and minutes from the time model, cues, who needs the easier
version and why, with the post-run rules applied to the whole class.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from footcore.domain.errors import NotFoundError, Problem, ValidationError, suggest
from footcore.domain.exercise import Catalogue, Dose, Exercise
from footcore.domain.planning.catalogue_index import CatalogueIndex, index_of
from footcore.domain.planning.check import check_plan
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.planning.model import Day, Plan, PlanItem, Session, Week
from footcore.domain.planning.protocol import protocol_exercises
from footcore.domain.planning.safety import (
    HARD_RUNS,
    PRE_RUN_MAX_HOLD_S,
    falls_findings,
    gentle_findings,
    is_loading,
    slot_findings,
)
from footcore.domain.profile import Profile
from footcore.domain.timing import item_minutes, total_minutes
from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    RunKind,
    Slot,
    StretchDepth,
    Weekday,
)
from footcore.domain.wording import dose_text

SCHEMA = "footcore.template/1"
MAX_SESSIONS = 21
MAX_ITEMS = 4  # the few-exercises rule
MAX_NAME = 120
MAX_NOTE = 300
MAX_WORK_PER_SIDE_S = 900
DOSE_LIMITS: Mapping[str, tuple[int, int]] = {
    "sets": (1, 10),
    "reps": (1, 100),
    "hold_s": (1, 120),
    "duration_s": (5, 900),
}
EVERYDAY = (Slot.MORNING, Slot.TV, Slot.DESK, Slot.TEETH)
RUN_SLOTS = (Slot.PRE_RUN, Slot.POST_RUN)
#: Pain at or above this gets the easier version in a class (the pain rule's reduced band).
CLASS_REDUCED_PAIN = 4
#: Seconds the leader allows to move from one exercise to the next in a class.
CLASS_CHANGEOVER_S = 30


# --------------------------------------------------------------------------------------------
# Templates


@dataclass(frozen=True)
class TemplateItem:
    exercise: str
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    duration_s: int | None = None
    from_level: int = 1
    until_level: int = MAX_LEVEL
    note: str = ""


@dataclass(frozen=True)
class TemplateSession:
    days: tuple[Weekday, ...]
    slot: Slot
    items: tuple[TemplateItem, ...]
    title: str = ""


@dataclass(frozen=True)
class Template:
    name: str
    sessions: tuple[TemplateSession, ...]
    description: str = ""
    fill_other_days: bool = True

    def sessions_on(self, weekday: Weekday) -> list[TemplateSession]:
        return [s for s in self.sessions if weekday in s.days]

    def exercises(self) -> set[str]:
        return {i.exercise for s in self.sessions for i in s.items}


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
        item = _parse_item(item_raw, f"{at}.items[{k}]", catalogue, problems, slot)
        if item is not None:
            items.append(item)
    if slot is None or not days:
        return None
    return TemplateSession(tuple(days), slot, tuple(items), title)


def _parse_item(
    raw: Any, at: str, catalogue: Catalogue, problems: list[Problem], slot: Slot | None
) -> TemplateItem | None:
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
    if values["reps"] is not None and ex.dose.reps is None:
        problems.append(Problem(f"{at}.reps", f"{slug} is timed work: give duration_s"))
    if values["hold_s"] is not None and ex.dose.reps is None:
        problems.append(Problem(f"{at}.hold_s", f"{slug} is timed work: give duration_s"))
    if values["duration_s"] is not None and ex.dose.duration_s is None:
        problems.append(Problem(f"{at}.duration_s", f"{slug} is counted in reps, not seconds"))
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
    work = _work_per_side(coach_dose(item, ex))
    if work > MAX_WORK_PER_SIDE_S:
        problems.append(
            Problem(at, f"{work:g} s of work per side; at most {MAX_WORK_PER_SIDE_S} s")
        )
        return None
    return item


def _work_per_side(d: Dose) -> float:
    if d.duration_s is not None:
        return d.sets * d.duration_s
    per_rep = d.tempo.seconds_per_rep if d.tempo else 2 + (d.hold_s or 0)
    return d.sets * (d.reps or 1) * per_rep


def coach_dose(item: TemplateItem, ex: Exercise) -> Dose:
    """The catalogue's dose with the coach's numbers in place."""
    d = ex.dose
    hold = item.hold_s if item.hold_s is not None else d.hold_s
    tempo = d.tempo
    if tempo is not None and item.hold_s is not None:
        tempo = replace(tempo, hold_s=item.hold_s)
    return replace(
        d,
        sets=item.sets or d.sets,
        reps=item.reps or d.reps,
        hold_s=hold,
        duration_s=item.duration_s or d.duration_s,
        tempo=tempo,
    )


def template_to_dict(t: Template) -> dict[str, Any]:
    def item(i: TemplateItem) -> dict[str, Any]:
        out: dict[str, Any] = {"exercise": i.exercise}
        for key in ("sets", "reps", "hold_s", "duration_s"):
            if getattr(i, key) is not None:
                out[key] = getattr(i, key)
        if i.from_level != 1:
            out["from_level"] = i.from_level
        if i.until_level != MAX_LEVEL:
            out["until_level"] = i.until_level
        if i.note:
            out["note"] = i.note
        return out

    return {
        "schema": SCHEMA,
        "name": t.name,
        "description": t.description,
        "fill_other_days": t.fill_other_days,
        "sessions": [
            {
                "days": [str(d) for d in s.days],
                "slot": str(s.slot),
                **({"title": s.title} if s.title else {}),
                "items": [item(i) for i in s.items],
            }
            for s in t.sessions
        ],
    }


# --------------------------------------------------------------------------------------------
# A template drafted from a generated plan


@dataclass(frozen=True)
class TemplateDraft:
    """A template made from one week of a generated plan, for a coach to review and edit
    before saving; ``notes`` say what could not be carried over, and why."""

    template: Template
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"template": template_to_dict(self.template), "notes": list(self.notes)}


def template_from_plan(
    plan: Plan,
    week: int,
    catalogue: Catalogue,
    *,
    name: str,
    description: str = "",
) -> TemplateDraft:
    """Week ``week`` (1-based) of ``plan`` as a template: each session of the week becomes a
    template session in the same slot with the plan's doses; days whose session in a slot
    is the same (exercises and doses) share one template session.

    Every item goes through the template checks of :func:`parse_template` (an item they
    refuse, such as walking work, is left out and said in ``notes``). A template holds at
    most ``MAX_SESSIONS`` sessions: beyond that, a session whose exercises are all in
    another session of the same slot gives its days to that one, and then the sessions
    with the fewest days are left out (said in ``notes``); on those days the athlete's own
    plan fills in (``fill_other_days``)."""
    if not 1 <= week <= len(plan.weeks):
        raise ValidationError(
            "template", [Problem("week", f"from 1 to {len(plan.weeks)} (the plan's weeks)")]
        )
    notes: list[str] = []
    days_of: dict[tuple[Slot, tuple[TemplateItem, ...]], list[Weekday]] = {}
    for day in plan.weeks[week - 1].days:
        for session in day.sessions:
            items: list[TemplateItem] = []
            for planned in session.items:
                item, problems = _draft_item(planned, session.slot, catalogue)
                if item is None:
                    text = f"{planned.name} left out: {problems[0].message}."
                    if text not in notes:
                        notes.append(text)
                elif item.exercise not in {i.exercise for i in items}:
                    items.append(item)
            if len(items) > MAX_ITEMS:
                left = ", ".join(catalogue.get(i.exercise).name for i in items[MAX_ITEMS:])
                text = (
                    f"{left} left out of the {session.slot} session: a template session holds "
                    f"at most {MAX_ITEMS} exercises."
                )
                if text not in notes:
                    notes.append(text)
            if items:
                days_of.setdefault((session.slot, tuple(items[:MAX_ITEMS])), []).append(day.weekday)
    sessions = [_DraftSession(slot, items, days) for (slot, items), days in days_of.items()]
    while len(sessions) > MAX_SESSIONS:
        merged = _merge_subset(sessions)
        if merged is not None:
            notes.append(merged)
            continue
        smallest = min(sessions, key=lambda s: (len(s.days), len(s.items), -s.days[0].number))
        sessions.remove(smallest)
        notes.append(
            f"The {smallest.slot} session on {smallest.day_list} was left out: a template "
            f"holds at most {MAX_SESSIONS} sessions (the athlete's own plan fills those days "
            "in)."
        )
    slot_order = {s: n for n, s in enumerate(Slot)}
    sessions.sort(key=lambda s: (min(d.number for d in s.days), slot_order[s.slot]))
    template = Template(
        name=name.strip(),
        description=description,
        fill_other_days=True,
        sessions=tuple(
            TemplateSession(tuple(sorted(s.days, key=lambda d: d.number)), s.slot, s.items)
            for s in sessions
        ),
    )
    return TemplateDraft(template, tuple(notes))


def _draft_item(
    planned: PlanItem, slot: Slot, catalogue: Catalogue
) -> tuple[TemplateItem | None, list[Problem]]:
    """A plan item as a template item with the plan's dose (kept within the template's
    limits), checked exactly as a typed one is."""
    if planned.exercise not in catalogue:
        return None, [Problem("exercise", f"unknown exercise {planned.exercise!r}")]
    ex = catalogue.get(planned.exercise)

    def within(key: str, value: int | None) -> int | None:
        if value is None:
            return None
        low, high = DOSE_LIMITS[key]
        return min(max(value, low), high)

    raw: dict[str, Any] = {"exercise": ex.slug, "sets": within("sets", planned.sets)}
    if ex.dose.reps is not None:
        raw["reps"] = within("reps", planned.reps)
        raw["hold_s"] = within("hold_s", planned.hold_s)
    else:
        raw["duration_s"] = within("duration_s", planned.duration_s)
    raw = {k: v for k, v in raw.items() if v is not None}
    problems: list[Problem] = []
    item = _parse_item(raw, "item", catalogue, problems, slot)
    return item, problems


@dataclass
class _DraftSession:
    slot: Slot
    items: tuple[TemplateItem, ...]
    days: list[Weekday]

    @property
    def day_list(self) -> str:
        return ", ".join(str(d) for d in sorted(self.days, key=lambda d: d.number))


def _merge_subset(sessions: list[_DraftSession]) -> str | None:
    """Give the days of a session whose exercises all appear in another session of the same
    slot to that session (the one with the fewest days first); what was done, or None."""
    for small in sorted(sessions, key=lambda s: (len(s.days), len(s.items))):
        mine = {i.exercise for i in small.items}
        for big in sessions:
            if big is small or big.slot != small.slot:
                continue
            if mine <= {i.exercise for i in big.items}:
                sessions.remove(small)
                text = (
                    f"The {small.slot} session on {small.day_list} now follows the one on "
                    f"{big.day_list} (it has the same exercises and more): a template holds "
                    f"at most {MAX_SESSIONS} sessions."
                )
                big.days.extend(small.days)
                return text
    return None


# --------------------------------------------------------------------------------------------
# Fitting a template to one athlete


@dataclass(frozen=True)
class _Rules:
    """What this athlete's profile and plan demand of every item."""

    profile: Profile
    idx: CatalogueIndex
    catalogue: Catalogue
    gentle: bool
    reduced: bool
    falls: bool
    cramp_free_post_run: bool
    protocol: frozenset[str]


@dataclass(frozen=True)
class _Candidate:
    ex: Exercise
    dose: Dose
    changes: tuple[str, ...]


def _rules_for(plan: Plan, profile: Profile, catalogue: Catalogue) -> _Rules:
    adj = plan.adjustments
    pain = adj.pain_nrs if adj.pain_nrs is not None else profile.pain_nrs
    codes = {f.code for f in plan.flags}
    return _Rules(
        profile=profile,
        idx=index_of(catalogue),
        catalogue=catalogue,
        gentle=pain > 5 or "see-clinician" in codes or "stop-acute" in codes,
        reduced=4 <= pain <= 5,
        falls=Goal.FALLS_PREVENTION in profile.goals or "fall-risk" in codes,
        cramp_free_post_run=adj.cramp_free_post_run,
        protocol=protocol_exercises(getattr(catalogue, "planning", None), profile.goals),
    )


def _objections(
    ex: Exercise,
    dose: Dose,
    slot: Slot,
    run: RunKind,
    *,
    level: int,
    r: _Rules,
    loading_ok: bool,
    max_step: int | None,
) -> list[str]:
    """Why this exercise cannot go into this slot for this athlete today ([] = it can)."""
    found: list[str] = []
    missing = ex.needs(r.profile.equipment)
    if missing:
        found.append(f"needs {', '.join(str(m) for m in missing)}, which you have not listed")
    if slot not in ex.slots:
        found.append(f"does not suit the {slot} slot")
    hold = dose.hold_s
    if slot is Slot.PRE_RUN and hold is not None and hold > PRE_RUN_MAX_HOLD_S:
        hold = PRE_RUN_MAX_HOLD_S  # shortened, not refused (see _fit_dose)
    for _rule, message in slot_findings(
        ex,
        slot,
        run,
        hold_s=hold,
        load=ex.load,
        cramp_prone=r.profile.cramp_prone or r.cramp_free_post_run,
    ):
        found.append(message)
    if r.gentle:
        found += [m for _rule, m in gentle_findings(ex, ex.load)]
    elif r.reduced and ex.load is Load.HEAVY:
        found.append("heavy load with pain at 4-5/10")
    if r.falls:
        found += [m for _rule, m in falls_findings(ex)]
    if r.idx.level[ex.slug] > level and ex.slug not in r.protocol:
        found.append(f"waits for level {r.idx.level[ex.slug]}; this week is level {level}")
    if is_loading(ex.load) and not loading_ok:
        found.append(
            "loading work keeps to every other day, never on or the day before the long run"
        )
    if max_step is not None and r.idx.position[ex.slug] > max_step:
        found.append("its chain moves one step a week")
    return found


def _candidates(slug: str, r: _Rules) -> list[Exercise]:
    """The exercise, then the easier steps of its chain (nearest first), then same-category
    equivalents the athlete can do (closest first)."""
    members = r.idx.chain_members(slug)
    pos = r.idx.position[slug]
    out = [r.idx.exercises[s] for s in (members[pos], *reversed(members[:pos]))]
    seen = {e.slug for e in out}
    for other in r.catalogue.equivalents(slug, r.profile.equipment):
        if other.slug not in seen and other.dose.steps is None:
            out.append(other)
            seen.add(other.slug)
    return out


def _fit(
    item: TemplateItem,
    slot: Slot,
    run: RunKind,
    level: int,
    r: _Rules,
    *,
    loading_ok: bool,
    chain_top: Mapping[str, int],
    dose_top: Mapping[str, tuple[int, int, int]],
) -> tuple[_Candidate | None, str]:
    """The item as this athlete can do it in this slot today, or None with the reason."""
    original = r.idx.exercises[item.exercise]
    first_reason = ""
    for ex in _candidates(item.exercise, r):
        chain = r.idx.chain_of[ex.slug]
        top = chain_top.get(chain)
        dose = coach_dose(item, ex) if ex.slug == original.slug else ex.dose
        found = _objections(
            ex,
            dose,
            slot,
            run,
            level=level,
            r=r,
            loading_ok=loading_ok,
            max_step=None if top is None else top + 1,
        )
        if not found:
            dose, dose_changes = _fit_dose(ex, dose, slot, r, dose_top.get(ex.slug))
            changes: list[str] = []
            if ex.slug != original.slug:
                changes.append(f"{original.name} -> {ex.name} ({first_reason})")
            return _Candidate(ex, dose, tuple(changes + dose_changes)), ""
        if ex.slug == original.slug:
            first_reason = found[0]
    return None, f"{original.name} left out: {first_reason}"


def _fit_dose(
    ex: Exercise, dose: Dose, slot: Slot, r: _Rules, top: tuple[int, int, int] | None
) -> tuple[Dose, list[str]]:
    changes: list[str] = []
    if slot is Slot.PRE_RUN and dose.hold_s is not None and dose.hold_s > PRE_RUN_MAX_HOLD_S:
        dose = replace(dose, hold_s=PRE_RUN_MAX_HOLD_S)
        changes.append(f"holds shortened to {PRE_RUN_MAX_HOLD_S} s before a run")
    if top is not None:
        psets, preps, phold = top
        sets = min(dose.sets, psets + 1) if psets else dose.sets
        reps = dose.reps
        if reps is not None and preps:
            reps = min(reps, preps + max(2, math.ceil(preps * 0.25)))
        hold = dose.hold_s
        if hold is not None and phold:
            hold = min(hold, phold + max(5, math.ceil(phold * 0.25)))
        if (sets, reps, hold) != (dose.sets, dose.reps, dose.hold_s):
            tempo = dose.tempo
            if tempo is not None and hold is not None and tempo.hold_s != hold:
                tempo = replace(tempo, hold_s=hold)
            dose = replace(dose, sets=sets, reps=reps, hold_s=hold, tempo=tempo)
            changes.append("the dose rises gradually towards the coach's")
    if r.reduced and is_loading(ex.load) and dose.sets > 1:
        dose = replace(dose, sets=dose.sets - 1)
        changes.append("one set fewer with pain at 4-5/10")
    return dose, changes


def _plan_item(c: _Candidate, template: Template, note: str, r: _Rules) -> PlanItem:
    ex, d = c.ex, c.dose
    chain = r.idx.chain_of[ex.slug]
    members = r.idx.chains[chain]
    subs = ex.substitutions_for(r.profile.equipment)
    why = [f"From your coach's programme '{template.name}'."]
    if note:
        why.append(f"Coach: {note}")
    if c.changes:
        why.append("Changed for you: " + "; ".join(c.changes) + ".")
    rules = ["catalogue", "order"]
    why.append(f"Rules: {', '.join(rules)}.")
    return PlanItem(
        exercise=ex.slug,
        name=ex.name,
        category=ex.category,
        sets=d.sets,
        reps=d.reps,
        hold_s=d.hold_s,
        duration_s=d.duration_s,
        per_side=d.per_side,
        load=ex.load,
        why=" ".join(why),
        minutes=item_minutes(d, ex.load),
        rules=tuple(rules),
        goals=tuple(str(g) for g in ex.goals if g in r.profile.goals),
        tempo=d.tempo,
        rest_s=d.rest_s,
        steps=None,
        added_load=None,
        substitute="; ".join(subs.values()) or None,
        chain=chain if len(members) > 1 else None,
        step=r.idx.position[ex.slug] + 1 if len(members) > 1 else None,
    )


def _order(items: Sequence[PlanItem], r: _Rules) -> list[PlanItem]:
    return sorted(
        items,
        key=lambda i: (
            i.category.rank,
            1 if r.idx.exercises[i.exercise].stretch_depth is StretchDepth.DEEP else 0,
        ),
    )


def _prepared_ok(items: Sequence[PlanItem], r: _Rules) -> list[PlanItem]:
    """Drops deep stretches with no warm-up or release before them in the session."""
    out: list[PlanItem] = []
    prepared = False
    for item in items:
        ex = r.idx.exercises[item.exercise]
        if ex.is_deep_stretch and not prepared:
            continue
        if item.category in (Category.WARM_UP, Category.RELEASE):
            prepared = True
        out.append(item)
    return out


def _session(slot: Slot, items: Sequence[PlanItem]) -> Session:
    return Session(slot, total_minutes([i.minutes for i in items]), tuple(items))


def _fill_day(day: Day, state: _State, r: _Rules) -> Day:
    """The athlete's own day between coach days: without loading work (the coach's days
    carry it), and without steps or doses that would jump past what was done so far."""

    def keep(i: PlanItem) -> bool:
        if is_loading(i.load):
            return False
        chain = r.idx.chain_of.get(i.exercise)
        top = state.chain_top.get(chain) if chain is not None else None
        if top is not None and r.idx.position[i.exercise] > top + 1:
            return False
        prev = state.dose_top.get(i.exercise)
        if prev is not None:
            psets, preps, phold = prev
            if i.sets > psets + 1:
                return False
            if preps and (i.reps or 0) > preps + max(2, math.ceil(preps * 0.25)):
                return False
            if phold and (i.hold_s or 0) > phold + max(5, math.ceil(phold * 0.25)):
                return False
        return True

    sessions = []
    for s in day.sessions:
        items = [i for i in s.items if keep(i)]
        if items:
            sessions.append(_session(s.slot, items))
    return replace(day, sessions=tuple(sessions))


def _everyday_slot(
    wanted: Slot, used: set[Slot], items: Sequence[TemplateItem], r: _Rules
) -> Slot | None:
    """The slot a session goes to: the coach's when the athlete uses it, else the first
    everyday slot they use that every item suits."""
    if wanted in r.profile.slots and wanted not in used:
        return wanted
    for slot in EVERYDAY:
        suits = all(slot in r.idx.exercises[i.exercise].slots for i in items)
        if slot in r.profile.slots and slot not in used and suits:
            return slot
    return None


@dataclass
class _State:
    notes: list[str] = field(default_factory=list)
    loading_dates: set[dt.date] = field(default_factory=set)
    chain_top: dict[str, int] = field(default_factory=dict)
    dose_top: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def apply_template(
    template: Template,
    profile: Profile,
    catalogue: Catalogue,
    base: Plan,
    from_date: dt.date | None = None,
) -> Plan:
    """The athlete's plan following ``template`` from ``from_date`` on (days before it stay
    as in ``base``); ``base`` is their own generated plan (same profile, start, weeks and
    adjustments). The result passes ``check_plan``."""
    r = _rules_for(base, profile, catalogue)
    state = _State()
    long_day = profile.running.long_run_day if profile.running else None
    falls_only = set(profile.goals) <= {Goal.FALLS_PREVENTION, Goal.GENERAL} and (
        Goal.FALLS_PREVENTION in profile.goals
    )
    weeks: list[Week] = []
    for week in base.weeks:
        days: list[Day] = []
        week_chain: dict[str, int] = {}
        week_dose: dict[str, tuple[int, int, int]] = {}
        coach_days = 0
        for day in week.days:
            planned = template.sessions_on(day.weekday)
            if from_date is not None and day.date < from_date:
                days.append(day)
                if any(is_loading(i.load) for i in day.items):
                    state.loading_dates.add(day.date)
                continue
            if falls_only and planned and coach_days >= 3:
                state.note("Falls prevention is three days a week: extra coach days are left out.")
                planned = []
            if planned:
                coach_days += 1
                built = _coach_day(
                    template, planned, day, level=week.level, long_day=long_day, r=r, state=state
                )
            else:
                built = None
            if built is None:  # no coach session today, or none could be fitted
                if falls_only or not (planned or template.fill_other_days):
                    built = replace(day, sessions=())
                else:
                    built = _fill_day(day, state, r)
            days.append(built)
        days = _keep_habit(days, base.weeks[len(weeks)], state, r, week.level)
        for kept in days:
            _track(kept, r, week_chain, week_dose)
        for chain, pos in week_chain.items():
            state.chain_top[chain] = max(pos, state.chain_top.get(chain, pos))
        for slug, (s, rp, h) in week_dose.items():
            ps, prp, ph = state.dose_top.get(slug, (0, 0, 0))
            state.dose_top[slug] = (max(s, ps), max(rp, prp), max(h, ph))
        weeks.append(replace(week, days=tuple(days)))
    note = (
        f"This plan follows your coach's programme '{template.name}', fitted to your "
        "profile: every safety rule of the planner still holds."
    )
    plan = replace(base, weeks=tuple(weeks), notes=(*base.notes, note, *state.notes))
    return _repair(plan, profile, catalogue, base, template)


def _track(
    day: Day,
    r: _Rules,
    week_chain: dict[str, int],
    week_dose: dict[str, tuple[int, int, int]],
) -> None:
    for item in day.items:
        chain = r.idx.chain_of.get(item.exercise)
        if chain is not None:
            week_chain[chain] = max(week_chain.get(chain, -1), r.idx.position[item.exercise])
        sets, reps, hold = week_dose.get(item.exercise, (0, 0, 0))
        week_dose[item.exercise] = (
            max(sets, item.sets),
            max(reps, item.reps or 0),
            max(hold, item.hold_s or 0),
        )


def _coach_day(
    template: Template,
    planned: Sequence[TemplateSession],
    day: Day,
    *,
    level: int,
    long_day: Weekday | None,
    r: _Rules,
    state: _State,
) -> Day | None:
    yesterday = day.date - dt.timedelta(days=1)
    tomorrow = Weekday.from_index(day.date.weekday() + 1)
    loading_ok = yesterday not in state.loading_dates and long_day not in (day.weekday, tomorrow)
    used: set[Slot] = set()
    sessions: list[Session] = []
    minutes_left = float(r.profile.minutes_per_day)
    for ts in planned:
        if ts.slot in RUN_SLOTS:
            if day.run is RunKind.NONE or ts.slot not in r.profile.slots or ts.slot in used:
                state.note(
                    f"The coach's {ts.slot} session is used on run days only "
                    "(and only when you use that slot)."
                )
                continue
            slot: Slot | None = ts.slot
        else:
            slot = _everyday_slot(ts.slot, used, ts.items, r)
            if slot is None:
                state.note(
                    f"The coach's {ts.slot} session on {day.weekday} has no free slot of "
                    "yours it suits, so it is left out."
                )
                continue
            if slot is not ts.slot:
                state.note(f"The coach's {ts.slot} sessions move to your {slot} slot.")
        assert slot is not None
        items: list[PlanItem] = []
        for ti in ts.items:
            if not ti.from_level <= level <= ti.until_level:
                continue
            fitted, reason = _fit(
                ti,
                slot,
                day.run,
                level,
                r,
                loading_ok=loading_ok,
                chain_top=state.chain_top,
                dose_top=state.dose_top,
            )
            if fitted is None:
                state.note(f"{reason}.")
                continue
            if any(i.exercise == fitted.ex.slug for s in sessions for i in s.items) or any(
                i.exercise == fitted.ex.slug for i in items
            ):
                continue
            for change in fitted.changes:
                state.note(f"{change}.")
            items.append(_plan_item(fitted, template, ti.note, r))
        ordered = _order(items, r)
        items = _prepared_ok(ordered, r)
        for gone in (i for i in ordered if i not in items):
            state.note(
                f"{gone.name} is left out where no warm-up or release comes before it "
                "(a deep stretch needs one in the same session)."
            )
        while items and total_minutes([i.minutes for i in items]) > minutes_left + 1e-9:
            dropped = items.pop()
            state.note(
                f"{dropped.name} does not always fit your {r.profile.minutes_per_day} minutes "
                "a day: it is left out on the days it does not."
            )
        if not items:
            continue
        session = _session(slot, items)
        minutes_left -= session.minutes
        used.add(slot)
        sessions.append(session)
        if any(is_loading(i.load) for i in items):
            state.loading_dates.add(day.date)
    if not sessions:
        return None
    order = {s: n for n, s in enumerate(Slot)}
    return replace(day, sessions=tuple(sorted(sessions, key=lambda s: order[s.slot])))


def _keep_habit(
    days: list[Day], base_week: Week, state: _State, r: _Rules, level: int
) -> list[Day]:
    """Foot work on at least five days a week (the little-and-often rule): empty days take
    the athlete's own sessions back (without loading work), or a short unloaded exercise,
    while the week has too few."""
    if not any(s in EVERYDAY for s in r.profile.slots) or Goal.FALLS_PREVENTION in r.profile.goals:
        return days
    out = list(days)
    for n, base_day in enumerate(base_week.days):
        if sum(1 for d in out if d.sessions) >= 5:
            break
        if not out[n].sessions:
            out[n] = _fill_day(base_day, state, r)
        if not out[n].sessions:
            out[n] = _habit_day(base_day, state, r, level)
    return out


def _habit_day(day: Day, state: _State, r: _Rules, level: int) -> Day:
    """One short, unloaded exercise at its catalogue dose in an everyday slot: what keeps
    the habit on a day with nothing else."""
    for ex in r.catalogue:
        if ex.load is not Load.NONE or ex.dose.steps is not None or ex.is_deep_stretch:
            continue
        if r.idx.level[ex.slug] > level or ex.cramp_risk:
            continue
        chain = r.idx.chain_of[ex.slug]
        top = state.chain_top.get(chain)
        if top is not None and r.idx.position[ex.slug] > top + 1:
            continue
        prev = state.dose_top.get(ex.slug)
        d = ex.dose
        if prev is not None and (
            d.sets > prev[0] + 1
            or (prev[1] and (d.reps or 0) > prev[1] + max(2, math.ceil(prev[1] * 0.25)))
            or (prev[2] and (d.hold_s or 0) > prev[2] + max(5, math.ceil(prev[2] * 0.25)))
        ):
            continue
        if item_minutes(d, ex.load) > r.profile.minutes_per_day:
            continue
        for slot in EVERYDAY:
            if slot not in r.profile.slots:
                continue
            if _objections(ex, d, slot, day.run, level=level, r=r, loading_ok=False, max_step=None):
                continue
            why = (
                "A short exercise on a day without the coach's sessions: foot work on most "
                "days builds the habit. Rules: little-and-often."
            )
            item = _plan_item(_Candidate(ex, d, ()), Template("", ()), "", r)
            item = replace(item, why=why, rules=("little-and-often",))
            return replace(day, sessions=(_session(slot, [item]),))
    return replace(day, sessions=())


def _repair(
    plan: Plan, profile: Profile, catalogue: Catalogue, base: Plan, template: Template
) -> Plan:
    """Run the checker; leave out any item it still objects to; if the plan still breaks a
    rule, use the athlete's own plan and say so."""
    notes = list(plan.notes)
    for _ in range(20):
        violations = check_plan(plan, profile, catalogue)
        if not violations:
            return replace(plan, notes=tuple(notes))
        removed = False
        for v in violations:
            if v.rule == "alternate-days":
                date = dt.date.fromisoformat(v.where.split()[0])
                plan, done = _remove_loading(plan, date)
                text = f"{date.isoformat()}: loading work left out ({v.message})."
                if done:
                    notes.append(text)
                    removed = True
                    break
                continue
            place = _item_place(v.where)
            if place is None:
                continue
            date, slot, number = place
            plan, done = _remove_item(plan, date, slot, number)
            if done:
                text = f"{date.isoformat()} {slot}: an item was left out ({v.rule}: {v.message})."
                if text not in notes:
                    notes.append(text)
                removed = True
                break
        if not removed:
            break
    fallback = (
        f"Your coach's programme '{template.name}' could not be fitted to your profile "
        "without breaking a safety rule, so your own plan is shown; ask your coach to adapt it."
    )
    return replace(base, notes=(*base.notes, fallback))


def _item_place(where: str) -> tuple[dt.date, str, int] | None:
    parts = where.split()
    if len(parts) < 3 or not parts[2].startswith("#"):
        return None
    try:
        return dt.date.fromisoformat(parts[0]), parts[1], int(parts[2][1:])
    except ValueError:
        return None


def _remove_loading(plan: Plan, date: dt.date) -> tuple[Plan, bool]:
    weeks = []
    done = False
    for week in plan.weeks:
        days = []
        for original in week.days:
            day = original
            if day.date == date:
                sessions = []
                for s in day.sessions:
                    items = [i for i in s.items if not is_loading(i.load)]
                    done = done or len(items) < len(s.items)
                    if items:
                        sessions.append(_session(s.slot, items))
                day = replace(day, sessions=tuple(sessions))
            days.append(day)
        weeks.append(replace(week, days=tuple(days)))
    return replace(plan, weeks=tuple(weeks)), done


def _remove_item(plan: Plan, date: dt.date, slot: str, number: int) -> tuple[Plan, bool]:
    weeks = []
    done = False
    for week in plan.weeks:
        days = []
        for original in week.days:
            day = original
            if day.date == date:
                sessions = []
                for s in day.sessions:
                    if str(s.slot) == slot and 1 <= number <= len(s.items):
                        items = [i for k, i in enumerate(s.items, start=1) if k != number]
                        done = True
                        if items:
                            sessions.append(_session(s.slot, items))
                    else:
                        sessions.append(s)
                day = replace(day, sessions=tuple(sessions))
            days.append(day)
        weeks.append(replace(week, days=tuple(days)))
    return replace(plan, weeks=tuple(weeks)), done


# --------------------------------------------------------------------------------------------
# Class mode


@dataclass(frozen=True)
class ClassMember:
    """What the class sheet needs to know about one member."""

    name: str
    equipment: tuple[Equipment, ...] = ()
    pain_nrs: int = 0
    cramp_prone: bool = False
    falls: bool = False


@dataclass(frozen=True)
class SheetItem:
    order: int
    exercise: str
    name: str
    category: str
    dose: str
    start_s: int
    minutes: float
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    easier: str | None  # slug of the easier version
    easier_name: str | None
    easier_for: tuple[str, ...]  # "Ana (pain 5/10)"
    change: str | None  # what the run rules changed, if anything
    note: str = ""


@dataclass(frozen=True)
class ClassSheet:
    title: str
    date: dt.date
    after: RunKind
    items: tuple[SheetItem, ...]
    minutes: float
    rules: tuple[str, ...]  # the rules applied for the whole class
    left_out: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "footcore.class-sheet/1",
            "title": self.title,
            "date": self.date.isoformat(),
            "after_run": str(self.after),
            "minutes": self.minutes,
            "rules": list(self.rules),
            "left_out": list(self.left_out),
            "items": [
                {
                    "order": i.order,
                    "exercise": i.exercise,
                    "name": i.name,
                    "category": i.category,
                    "dose": i.dose,
                    "start": _clock(i.start_s),
                    "minutes": i.minutes,
                    "cues": list(i.cues),
                    "cautions": list(i.cautions),
                    "easier": i.easier,
                    "easier_name": i.easier_name,
                    "easier_for": list(i.easier_for),
                    "change": i.change,
                    "note": i.note,
                }
                for i in self.items
            ],
        }


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _class_release(catalogue: Catalogue) -> Exercise | None:
    """A release the whole class can do after a run: no load, no equipment to bring (or a
    substitute for all of it), seated or standing, suited to the post-run slot."""
    for ex in catalogue.filter(category=Category.RELEASE, slot=Slot.POST_RUN, equipment=()):
        if ex.load is Load.NONE and not ex.cramp_risk:
            return ex
    return None


def class_sheet(
    items: Sequence[TemplateItem],
    catalogue: Catalogue,
    after: RunKind,
    members: Sequence[ClassMember] = (),
    *,
    title: str,
    date: dt.date,
) -> ClassSheet:
    """The leader's sheet for one session done together, after a run of kind ``after``.

    After a long or hard run: no cramp-risk work, no deep stretch, no heavy load, and a
    release first. After an easy run: no deep stretch, and cramp-risk work gets the easier
    version for every cramp-prone member. An item the rules refuse becomes the nearest
    easier step (or equivalent) that keeps them, or is left out.
    """
    rules: list[str] = []
    left_out: list[str] = []
    ran = after is not RunKind.NONE
    hard = after in HARD_RUNS
    if ran:
        rules.append("after a run: no deep stretch")
    if hard:
        rules.append(f"after a {after} run: no cramp-risk work and no heavy load")
        rules.append(f"after a {after} run: release first")
    elif ran:
        rules.append("after a run: cramp-prone members do the easier version of cramp-risk work")

    def refused(ex: Exercise) -> str | None:
        if ran and ex.is_deep_stretch:
            return "no deep stretch after a run"
        if hard and ex.cramp_risk:
            return f"no cramp-risk work after a {after} run"
        if hard and ex.load is Load.HEAVY:
            return f"no heavy load after a {after} run"
        return None

    chosen: list[tuple[Exercise, Dose, str | None, str]] = []
    for ti in items:
        if ti.exercise not in catalogue:
            raise NotFoundError("exercise", ti.exercise, catalogue.slugs)
        original = catalogue.get(ti.exercise)
        reason = refused(original)
        if reason is None:
            if original.slug not in {c[0].slug for c in chosen}:
                chosen.append((original, coach_dose(ti, original), None, ti.note))
            continue
        pick = None
        for alt in _class_alternatives(original, catalogue):
            if refused(alt) is None:
                pick = alt
                break
        if pick is None or pick.slug in {c[0].slug for c in chosen}:
            left_out.append(f"{original.name}: {reason}")
            continue
        chosen.append((pick, pick.dose, f"{original.name} -> {pick.name}: {reason}", ti.note))
    if hard and not any(c[0].category is Category.RELEASE for c in chosen):
        release = _class_release(catalogue)
        if release is not None:
            chosen.append((release, release.dose, f"added: release first after a {after} run", ""))
    chosen.sort(key=lambda c: (c[0].category.rank, 1 if c[0].is_deep_stretch else 0))
    if hard:  # release before everything else
        chosen.sort(key=lambda c: 0 if c[0].category is Category.RELEASE else 1)

    sheet: list[SheetItem] = []
    clock = 0
    for n, (ex, d, change, note) in enumerate(chosen, start=1):
        minutes = item_minutes(d, ex.load)
        easier, who = _who_needs_easier(ex, catalogue, members, ran)
        sheet.append(
            SheetItem(
                order=n,
                exercise=ex.slug,
                name=ex.name,
                category=str(ex.category),
                dose=dose_text(d),
                start_s=clock,
                minutes=minutes,
                cues=ex.cues,
                cautions=ex.cautions,
                easier=easier.slug if easier else None,
                easier_name=easier.name if easier else None,
                easier_for=who,
                change=change,
                note=note,
            )
        )
        clock += round(minutes * 60) + CLASS_CHANGEOVER_S
    total = round(max(0, clock - CLASS_CHANGEOVER_S) / 60, 1) if sheet else 0.0
    return ClassSheet(
        title=title,
        date=date,
        after=after,
        items=tuple(sheet),
        minutes=total,
        rules=tuple(rules),
        left_out=tuple(left_out),
    )


def _class_alternatives(ex: Exercise, catalogue: Catalogue) -> list[Exercise]:
    chain = catalogue.chain_of(ex.slug)
    pos = chain.index(ex.slug)
    out = [catalogue.get(s) for s in reversed(chain[:pos])]
    out += [e for e in catalogue.equivalents(ex.slug, ()) if e.slug not in chain]
    if ex.category is Category.STRETCH:
        out += [
            e
            for e in catalogue.filter(category=Category.STRETCH, equipment=())
            if e.stretch_depth is StretchDepth.GENTLE
            and set(e.targets) & set(ex.targets)
            and e not in out
        ]
    return out


def _who_needs_easier(
    ex: Exercise, catalogue: Catalogue, members: Sequence[ClassMember], ran: bool
) -> tuple[Exercise | None, tuple[str, ...]]:
    """The easier version of an item and the members who should do it, each with why."""
    chain = catalogue.chain_of(ex.slug)
    pos = chain.index(ex.slug)
    easier = catalogue.get(chain[pos - 1]) if pos > 0 else None
    if easier is None:
        lighter = [e for e in catalogue.equivalents(ex.slug, ()) if e.load.rank < ex.load.rank]
        easier = lighter[0] if lighter else None
    who: list[str] = []
    for m in members:
        reasons = []
        if (m.pain_nrs > 5 and (ex.load is not Load.NONE or ex.is_deep_stretch)) or (
            m.pain_nrs >= CLASS_REDUCED_PAIN and ex.load in (Load.MODERATE, Load.HEAVY)
        ):
            reasons.append(f"pain {m.pain_nrs}/10")
        missing = [str(e) for e in ex.needs(m.equipment)]
        if missing:
            reasons.append("no " + ", ".join(missing))
        if ran and m.cramp_prone and ex.cramp_risk:
            reasons.append("cramp-prone")
        if m.falls and falls_findings(ex):
            reasons.append("needs support")
        if reasons:
            who.append(f"{m.name} ({', '.join(reasons)})")
    if not who:
        return easier, ()
    return easier, tuple(who)


def sheet_to_text(sheet: ClassSheet) -> str:
    """The sheet as plain text for printing."""
    lines = [
        sheet.title,
        f"{sheet.date.isoformat()} - after: {sheet.after} run"
        if sheet.after is not RunKind.NONE
        else f"{sheet.date.isoformat()} - no run before",
        f"{sheet.minutes:g} minutes",
        "",
    ]
    for rule in sheet.rules:
        lines.append(f"Rule: {rule}")
    if sheet.rules:
        lines.append("")
    for i in sheet.items:
        lines.append(f"{i.order}. [{_clock(i.start_s)}] {i.name} - {i.dose} ({i.minutes:g} min)")
        if i.change:
            lines.append(f"   changed: {i.change}")
        if i.note:
            lines.append(f"   coach: {i.note}")
        for cue in i.cues:
            lines.append(f"   - {cue}")
        if i.easier_name:
            who = f" for {', '.join(i.easier_for)}" if i.easier_for else " for anyone who needs it"
            lines.append(f"   easier: {i.easier_name}{who}")
        elif i.easier_for:
            lines.append(f"   skip or go gently: {', '.join(i.easier_for)}")
    for text in sheet.left_out:
        lines.append(f"Left out: {text}")
    return "\n".join(lines) + "\n"
