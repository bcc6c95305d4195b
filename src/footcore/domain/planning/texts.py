"""Everything the planner says to people: flags, notes, every item's ``why``, day notes and
the weekly texts. Rule ids stay on the items (``rules``) for tools; the words name no ids.

Each text says only what this person's plan holds: the weekly texts are made from the
weeks themselves once they are built (:func:`week_texts`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from footcore.domain.planning.levels import CONSOLIDATE_FOCUS, MAX_LEVEL, level_info
from footcore.domain.planning.model import Flag, PlanItem, Session, Week
from footcore.domain.planning.protocol import Protocol
from footcore.domain.planning.safety import is_loading
from footcore.domain.timing import item_minutes
from footcore.domain.vocab import Goal, Load, RunKind, Slot, Weekday
from footcore.domain.wording import dose_text

if TYPE_CHECKING:
    from footcore.domain.planning.context import PlanContext
    from footcore.domain.planning.place import DayInfo, Placed
    from footcore.domain.planning.progression import ChainWeek

WEEKDAY_NAMES = {
    Weekday.MON: "Mon",
    Weekday.TUE: "Tue",
    Weekday.WED: "Wed",
    Weekday.THU: "Thu",
    Weekday.FRI: "Fri",
    Weekday.SAT: "Sat",
    Weekday.SUN: "Sun",
}
HARD_RUNS = (RunKind.LONG, RunKind.HARD)
#: Goals that are a painful problem (a plan note may speak of it settling).
PAIN_GOALS = (Goal.PLANTAR_HEEL_PAIN, Goal.ACHILLES)


def _days(days: Iterable[Weekday]) -> str:
    names = [WEEKDAY_NAMES[d] for d in sorted(days, key=lambda d: d.number)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# -- flags ------------------------------------------------------------------------------------


def flags(ctx: PlanContext) -> list[Flag]:
    from footcore.domain.planning.context import Mode

    out: list[Flag] = []
    detail = ctx.report_flags
    if ctx.mode is Mode.STOP:
        out.append(
            Flag(
                "stop-acute",
                "Your self-test points to an acute problem: stop loading the foot. Until a "
                "clinician has seen it the plan holds only gentle release and mobility, seated "
                "and without load. " + detail.get("stop-acute", ""),
            )
        )
    if ctx.mode in (Mode.STOP, Mode.HIGH):
        out.append(Flag("see-clinician", _clinician(ctx)))
        if ctx.profile.run_days:
            out.append(Flag("running", _running_on_hold(ctx)))
    elif ctx.mode is Mode.REDUCED:
        out.append(
            Flag(
                "reduced-load",
                f"Pain {ctx.pain}/10 is acceptable but calls for less load: the protocols keep "
                "their easier form and loaded work has one set fewer until pain is 3/10 or "
                "less. Pain should settle by the next morning; if it does not, do less.",
            )
        )
    if "fall-risk" in detail:
        out.append(
            Flag(
                "fall-risk",
                "Your balance result points to a risk of falling: balance work is done beside "
                "a counter or a sturdy chair, with no walking drills away from support. "
                + detail["fall-risk"],
            )
        )
    return out


def _clinician(ctx: PlanContext) -> str:
    from footcore.domain.planning.context import Mode

    if ctx.mode is Mode.STOP:
        text = "A sudden or acute problem needs a clinician's opinion before any loading."
    elif ctx.pain > 5:
        text = f"Pain {ctx.pain}/10 is above the 5/10 that exercise should cause."
    else:
        text = "Your self-test asks for a clinician's opinion."
    extra = ctx.report_flags.get("see-clinician", "")
    allowed = [p.pain.high_note for p in ctx.protocols if p.pain.high and p.pain.high_note]
    until = " ".join(allowed) if ctx.mode is Mode.HIGH and allowed else ""
    return " ".join(
        t
        for t in (
            text,
            extra,
            "Please see a physiotherapist or doctor; until then the plan keeps to gentle "
            "work without load, and no end-range stretch of the painful tissue.",
            until,
        )
        if t
    )


def _running_on_hold(ctx: PlanContext) -> str:
    from footcore.domain.planning.context import Mode

    if ctx.mode is Mode.STOP:
        return (
            "Running: stop until a clinician has seen the problem. The plan holds no "
            "pre-run or post-run sessions meanwhile."
        )
    return (
        "Running: with pain above 5/10, pause running until a clinician has seen it, or at "
        "most run as far as pain stays at 3/10 or below during the run and has settled by the "
        "next morning (the pain-monitoring model, Silbernagel 2007)."
    )


# -- notes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekFacts:
    """What the plan notes need to know about the built weeks."""

    loading_days: frozenset[Weekday]
    short: dict[str, float]  # protocol id -> most minutes a day its full dose needs
    missed: dict[str, tuple[int, float]]  # protocol id -> (days it did not fit, minutes needed)
    missing_items: dict[str, list[str]]  # protocol id -> items no form of which is doable
    held: frozenset[str] = frozenset()  # protocols with at least one item in the plan
    # (protocol, protocol) pairs: on some day the second did work of the first (calf raises)
    covered: frozenset[tuple[str, str]] = frozenset()
    # protocol -> the weekdays holding it in its last week (or another's items doing its work)
    weekdays: dict[str, frozenset[Weekday]] = field(default_factory=dict)


#: Minutes left in every day of a week that show the minutes are not what keeps a slot empty.
SPARE_MINUTES = 3
#: Minutes of the daily budget left on every day of the plan that earn a note.
UNUSED_MINUTES = 8

SLOT_PLACE = {
    Slot.MORNING: "the morning session",
    Slot.DESK: "the desk",
    Slot.TEETH: "brushing teeth",
    Slot.TV: "the TV",
    Slot.PRE_RUN: "a pre-run primer",
    Slot.POST_RUN: "after a run",
}
SLOT_NAMES = {
    Slot.MORNING: "morning",
    Slot.DESK: "at the desk",
    Slot.TEETH: "while brushing teeth",
    Slot.TV: "in front of the TV",
    Slot.PRE_RUN: "before runs",
    Slot.POST_RUN: "after runs",
}


def nothing_fits_text(ctx: PlanContext) -> str:
    """Why a plan holds no session at all, and the smallest change that gives it some."""
    seated = [SLOT_NAMES[s] for s in (Slot.DESK, Slot.TV) if s not in ctx.slots()]
    change = (
        f"add a seated moment ('{seated[0]}')"
        if seated
        else "add more minutes a day, or the equipment the exercises need"
    )
    return (
        "This plan holds no foot work: none of the exercises you can do (with your equipment "
        "and the safety rules) suits the moments you chose. The smallest change: "
        f"{change}, where gentle seated work can go."
    )


def unused_minutes(ctx: PlanContext, weeks: Sequence[Week]) -> list[str]:
    """A note when the person's moments cannot hold the minutes they set aside: each kind
    of moment keeps its sessions short (a desk break, brushing teeth), so with few moments
    much of the day's time stays unused; name the moments that would use it."""
    from footcore.domain.planning.context import EVERYDAY_SLOTS, Mode
    from footcore.domain.planning.place import SESSION_CAP

    if ctx.mode not in (Mode.NORMAL, Mode.REDUCED) or not weeks:
        return []
    mine = ctx.profile.minutes_per_day
    most = max(d.minutes for w in weeks for d in w.days)
    if mine - most < UNUSED_MINUTES:
        return []
    more = [f"'{SLOT_NAMES[s]}'" for s in EVERYDAY_SLOTS if s not in ctx.slots()]
    add = f"; adding a {' or '.join(more)} moment would use more of it" if more else ""
    return [
        f"Your moments hold at most {math.floor(most)} of the {mine} minutes a day you set "
        f"aside (each kind of moment keeps its sessions short: about {SESSION_CAP[Slot.DESK]:.0f} "
        f"minutes at the desk, {SESSION_CAP[Slot.TEETH]:.0f} while brushing teeth){add}."
    ]


def empty_slots(ctx: PlanContext, weeks: Sequence[Week]) -> list[str]:
    """A note for each slot the person chose that stays empty for whole weeks, and why."""
    notes = []
    for slot in ctx.slots():
        empty = [w for w in weeks if not any(s.slot is slot for d in w.days for s in d.sessions)]
        if not empty:
            continue
        which = (
            "all plan long"
            if len(empty) == len(weeks)
            else f"in week{'s' if len(empty) > 1 else ''} {_numbers([w.number for w in empty])}"
        )
        why = _why_empty(ctx, slot, empty[0])
        notes.append(f"Your '{SLOT_NAMES[slot]}' moment stays empty {which}: {why}")
    return notes


def _numbers(numbers: list[int]) -> str:
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(str(n) for n in numbers)


def _why_empty(ctx: PlanContext, slot: Slot, week: Week) -> str:
    from footcore.domain.planning.context import Mode

    fits = [s for s, ok in ctx.usable.items() if ok and slot in ctx.ex(s).slots]
    if ctx.mode is Mode.STOP and slot in (Slot.PRE_RUN, Slot.POST_RUN):
        return "running is paused until a clinician has seen the problem."
    if not fits:
        return (
            "none of the exercises you can do (with your equipment and the safety rules) suits it."
        )
    lowest = min(ctx.idx.level[s] for s in fits)
    if lowest > week.level:
        return f"the work that suits it opens at level {lowest}."
    if ctx.falls and Goal.FALLS_PREVENTION in ctx.goals:
        return "the falls programme keeps to its three days and the slots that hold it."
    spare = ctx.profile.minutes_per_day - max(d.minutes for d in week.days)
    if ctx.mode in (Mode.HIGH, Mode.STOP) and spare >= SPARE_MINUTES:
        return (
            "while only gentle work is safe the plan holds a few short gentle items a day, "
            "and your other moments take them."
        )
    return (
        f"your {ctx.profile.minutes_per_day} minutes a day go to the work that comes first "
        "(the goal's protocol, then the run routines): more minutes would reach it."
    )


def plan_notes(ctx: PlanContext, facts: WeekFacts) -> list[str]:
    from footcore.domain.planning.context import Mode

    notes: list[str] = []
    falls = Goal.FALLS_PREVENTION in ctx.goals
    if falls and Goal.GENERAL in ctx.goals and ctx.mode in (Mode.NORMAL, Mode.REDUCED):
        notes.append(
            "Your general foot-strength goal is served by the falls-prevention programme: it "
            "holds the ankle, toe, calf and balance work a general programme would, and keeps "
            "to three days a week so the feet recover between sessions."
        )
    for p in ctx.protocols:
        if ctx.mode is Mode.STOP:
            notes.append(f"{p.name}, on hold until a clinician has seen the problem: {p.summary}")
        elif ctx.mode is Mode.HIGH and (waits := _waits_for(ctx, p)):
            notes.append(f"{p.name}, {waits}: {p.summary}")
        else:
            notes.append(f"{p.name}: {p.summary}")
        if p.departs:
            notes.append(p.departs)
        if ctx.mode in (Mode.NORMAL, Mode.REDUCED):
            notes.extend(p.notes)
            if p.running and ctx.profile.run_days:
                notes.append(p.running)
        if ctx.mode is Mode.REDUCED and p.pain.reduced_note:
            notes.append(p.pain.reduced_note)
        missing = facts.missing_items.get(p.id)
        if missing:
            rest = "; the rest of the protocol goes ahead" if p.id in facts.held else ""
            notes.append(
                f"{p.name}: {', '.join(missing)} cannot be planned for you "
                f"(equipment, a safety rule, or none of your moments suits it){rest}."
            )
        notes.extend(_frequency_notes(ctx, p, facts))
        notes.extend(_minutes_notes(ctx, p, facts))
        notes.extend(_shared_work_notes(ctx, p, facts))
    return notes


def _shared_work_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """Where a protocol placed before this one did the same work (calf raises) on a day
    holding both, the day did it once: say so, naming the protocol whose dose was kept."""
    notes = []
    for q in ctx.protocols:
        if (p.id, q.id) in facts.covered:
            works = {i.work for i in p.all_items if i.work}
            what = " and ".join(sorted(w.replace("-", " ") for w in works))
            notes.append(
                f"{p.name}: on a day with {q.name}, that protocol's raises count as its "
                f"{what} too (at their own dose), so the calf is not loaded twice in a day."
            )
    return notes


def _waits_for(ctx: PlanContext, p: Protocol) -> str:
    """What a protocol waits for while only gentle work is safe ("" when nothing of it
    waits), and what goes on
    meanwhile (a protocol without its own gentle form keeps only its items that are gentle
    anyway)."""
    from footcore.domain.planning.prescribe import week_items  # context imports this module

    until = "a clinician has seen the problem"
    if ctx.pain > 5:
        until += " and pain is 5/10 or less"
    if p.pain.high:
        meanwhile = "only its gentle holds meanwhile (see the clinician note)"
    elif not (gentle := week_items(ctx, p, 1)):
        meanwhile = "none of it meanwhile"
    elif len({rx.item for rx in gentle}) < len(p.items):
        names = ", ".join(dict.fromkeys(rx.ex.name for rx in gentle))
        meanwhile = f"meanwhile only its gentle items, at their first stage ({names})"
    else:
        return ""  # every item is gentle: the protocol goes on as it is
    return f"in full once {until}; {meanwhile}"


def _minutes_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """One note when the daily minutes cut a protocol short, with the smallest change."""
    from footcore.domain.planning.context import Mode

    missed_days, missed_need = facts.missed.get(p.id, (0, 0.0))
    if p.id not in facts.short and not missed_days:
        return []
    need = math.ceil(max(facts.short.get(p.id, 0.0), missed_need))
    mine = ctx.profile.minutes_per_day
    what = "the full dose"
    if ctx.mode in (Mode.HIGH, Mode.STOP):  # only its gentle items are due meanwhile
        what = "its gentle items"
    if p.id not in facts.held:
        if what != "the full dose":
            return [
                f"{p.name}: while only gentle work is safe, not even one set of its gentle items "
                f"fits your {mine} minutes a day beside the work that comes first. The smallest "
                f"change: about {need} minutes a day would hold them on every one of its days."
            ]
        return [
            f"{p.name}: not even one set of each item fits your {mine} minutes a day, so this "
            f"plan does not hold it. The smallest change: about {need} minutes a day would hold "
            "the full dose on every one of its days."
        ]
    where = (
        f"; on {missed_days} of its days, after the work that comes first, not even one set of "
        "each item fits, so it is left out there"
        if missed_days
        else ""
    )
    return [
        f"{p.name}: your {mine} minutes a day hold only part of it, so every item keeps fewer "
        f"sets{where}. The smallest change: about {need} minutes a day would hold {what} on "
        "every one of its days."
    ]


def _frequency_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """For a protocol that loads every second day: when the running week holds fewer than
    three such days (or a day that cannot hold its session), how many it holds, why, and
    the smallest change that would give more."""
    loaded = _loading_exercises(ctx, p)
    if not loaded:
        return []
    loading = facts.loading_days
    if not loading:
        return [
            f"{p.name}: your week has no day for heavy work (never two days in a row, never "
            "on, before or after the long run, and on a run day only in a session after the "
            "run), so the protocol cannot start. The smallest change: add a 'morning' slot, "
            "or a rest day away from the long run."
        ]
    used = loading & facts.weekdays.get(p.id, frozenset())
    unused = loading - used
    if len(used) >= 3 and not unused:
        return []
    long_day = ctx.profile.running.long_run_day if ctx.profile.running else None
    text = f"{p.name} asks for a session every second day (three or four a week)"
    if long_day is not None and len(loading) < 3:
        text += (
            f"; a weekly long run ({WEEKDAY_NAMES[long_day]}) keeps heavy work off that day "
            f"and the days either side, which leaves {_count(len(loading))} "
            f"({_days(loading)})"
        )
    else:
        week = "running week" if ctx.profile.run_days else "week"
        text += f"; your {week} leaves {_count(len(loading))} ({_days(loading)})"
    if unused and p.id not in facts.missed:  # else the minutes note says why
        text += f". On {_days(unused)} none of your moments suits it" + _unfit_why(
            ctx, unused, loaded
        )
    if len(used) < 3 and ctx.profile.run_days:
        settles = " while the problem settles" if p.goal in PAIN_GOALS else ""
        easy = ", or the long run an easy run" if long_day is not None else ""
        text += f". To get more, make one run a rest day{easy}{settles}"
    return [text + "."]


def _loading_exercises(ctx: PlanContext, p: Protocol) -> list[str]:
    """The moderate or heavy exercises of a protocol done on the loading days (none when it
    is not such a protocol, or not in force)."""
    from footcore.domain.planning.context import Mode
    from footcore.domain.planning.protocol import Frequency

    if p.frequency is not Frequency.LOADING_DAYS or ctx.mode not in (Mode.NORMAL, Mode.REDUCED):
        return []
    return [
        s.exercise
        for i in p.items
        for s in i.stages
        if ctx.has(s.exercise) and is_loading(ctx.ex(s.exercise).load)
    ]


def _unfit_why(ctx: PlanContext, days: frozenset[Weekday], loaded: list[str]) -> str:
    """Why a loading day holds no session, and the moment that would hold one."""
    from footcore.domain.planning.context import EVERYDAY_SLOTS

    runs = ctx.profile.running.days if ctx.profile.running else ()
    cramp = (
        " (a cramp-prone runner's post-run session holds no loading)"
        if ctx.cramp_prone and any(d in runs for d in days)
        else ""
    )
    missing = [
        s
        for s in EVERYDAY_SLOTS
        if s not in ctx.slots() and any(s in ctx.ex(e).slots for e in loaded)
    ]
    if not missing:
        return cramp
    names = " or ".join(f"'{SLOT_NAMES[s]}'" for s in missing)
    return f"{cramp}: a {names} moment would hold it there"


def _count(n: int) -> str:
    return ("no day", "one day", "two days", "three days")[min(n, 3)]


# -- items ------------------------------------------------------------------------------------


def protocol_reason(p: Protocol) -> str:
    return p.name


def item_why(
    ctx: PlanContext, cw: ChainWeek, day: DayInfo, p: Placed
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The item's reasons in words, the rule ids it keeps and the goals it serves."""
    parts: list[str] = []
    rules: list[str] = []
    goals = list(p.goals)
    if p.protocol is not None:
        parts += _protocol_parts(ctx, p)
        rules.append("protocol")
    elif p.companion:
        parts.append(
            "Loosens the tissue first, so the deep stretch after it meets prepared tissue."
        )
        rules.append("deep-after-release")
    else:
        assert p.want is not None
        parts.append(p.want.reason + ".")
        if p.want.goal and p.want.goal in ctx.goals:
            goals.append(p.want.goal)
    parts += _progression_parts(ctx, cw, day, p, rules)
    parts += _placement_parts(ctx, day, p, rules)
    parts += _safety_parts(ctx, p, rules)
    if p.protocol is not None and ctx.idx.level[p.ex.slug] > cw.level:
        parts.append("Part of your goal's protocol, so it starts before its level.")
        rules.append("level")
    goal_ids = tuple(dict.fromkeys(g for g in goals if g))
    if goal_ids:
        label = "Goal" if len(goal_ids) == 1 else "Goals"
        parts.append(f"{label}: {', '.join(g.replace('-', ' ') for g in goal_ids)}.")
    return " ".join(parts), tuple(dict.fromkeys(rules)), goal_ids


def _protocol_parts(ctx: PlanContext, p: Placed) -> list[str]:
    assert p.protocol is not None
    rx = p.protocol
    out = [f"{rx.protocol.name}."]
    if rx.form == "light-day":
        out.append("Not a loading day, so the session takes the light step of this chain today.")
        return out
    if rx.form == "held":
        out.append(
            "The programme's stage for this week waits until the step before it has been "
            "done, so this is that step."
        )
        return out
    dose = p.full or p.dose
    out.append(f"Protocol dose {dose_text(dose)}.")
    if rx.stage.note:
        out.append(rx.stage.note)
    if rx.stage.added_load:
        out.append(f"Add: {rx.stage.added_load}.")
    if rx.missing is not None:
        out.append(f"No {rx.missing} in your equipment, so this is the protocol's form without it.")
    if rx.form == "reduced" and rx.protocol.pain.reduced_note:
        out.append(f"Pain {ctx.pain}/10: the protocol's easier form.")
    if rx.form == "high":
        out.append(rx.protocol.pain.high_note)
    if rx.form == "gentle":
        out.append(
            "While only gentle work is safe, the protocol keeps its gentle items at their "
            "first stage; the rest wait."
        )
    if p.full is not None:
        need = item_minutes(p.full, p.ex.load)
        out.append(
            f"The full dose is {p.full.sets} sets ({need:g} min); your "
            f"{ctx.profile.minutes_per_day} minutes a day leave room for {p.dose.sets} today."
        )
    return out


def _progression_parts(
    ctx: PlanContext, cw: ChainWeek, day: DayInfo, p: Placed, rules: list[str]
) -> list[str]:
    if p.chain is None or p.step is None:
        return []
    members = ctx.idx.chains[p.chain]
    if len(members) < 2:
        return []
    text = f"Step {p.step + 1} of {len(members)} in its progression"
    this_week = cw.step.get(p.chain, p.step)
    if p.lower:
        if is_loading(ctx.ex(members[this_week]).load) and not day.loading:
            why = "today is not a loading day"
        else:
            why = f"the easier one suits {SLOT_PLACE[p.slot]} better"
        text += f"; this week's step is {this_week + 1}, and {why}"
    elif p.chain in cw.stepped:
        text += ", one step up from last week"
    rules.append("one-step-per-week")
    return [text + "."]


def _placement_parts(ctx: PlanContext, day: DayInfo, p: Placed, rules: list[str]) -> list[str]:
    out: list[str] = []
    if is_loading(p.ex.load):
        where = (
            " It comes after today's run, never before it." if day.run is not RunKind.NONE else ""
        )
        out.append(
            f"{str(p.ex.load).capitalize()} load, so only on a loading day: never two days in "
            f"a row, never on, the day before or the day after a long run.{where}"
        )
        rules.append("alternate-days")
    if p.slot is Slot.PRE_RUN:
        out.append("Before the run only a light primer: two short sets at most, nothing heavy.")
        rules.append("pre-run")
    elif p.slot is Slot.POST_RUN:
        if not is_loading(p.ex.load):
            out.append("After the run: release and gentle work.")
        rules.append("post-run")
        if ctx.cramp_prone and day.run in HARD_RUNS:
            out.append("After a long or hard run nothing but rolling and a gentle calf stretch.")
            rules.append("post-run-cramp")
    elif p.want is not None and p.want.key.startswith("morning-after"):
        out.append("Moved here from after yesterday's run, when tired feet cramp easily.")
        rules.append("post-run-cramp")
    if p.ex.cramp_risk and ctx.profile.run_days:
        out.append("It curls or loads the toes, so it stays off long and hard run days.")
        rules.append("post-run-cramp")
    if p.ex.is_deep_stretch:
        out.append("A deep stretch, after the release in this session.")
        rules.append("deep-after-release")
    if p.slot not in (Slot.PRE_RUN, Slot.POST_RUN) and p.protocol is None:
        rules.append("little-and-often")
    return out


def _safety_parts(ctx: PlanContext, p: Placed, rules: list[str]) -> list[str]:
    from footcore.domain.planning.context import Mode

    out: list[str] = []
    for equip, how in ctx.substitutions(p.ex).items():
        out.append(f"No {equip} listed: {how[:1].lower()}{how[1:]}")
        rules.append("equipment")
    if ctx.mode is Mode.REDUCED and p.ex.load is not Load.NONE and p.protocol is None:
        out.append(f"Pain {ctx.pain}/10: one set fewer on loaded work, nothing heavy.")
        rules.append("pain")
    elif ctx.mode in (Mode.HIGH, Mode.STOP) and p.protocol is None:
        out.append("Gentle work only until a clinician has seen it.")
        rules.append("pain")
    if ctx.falls:
        rules.append("falls-safety")
    if p.want is not None and p.want.key.startswith("focus-"):
        rules.append("variety")
    elif p.ex.category in ctx.focus_cats and p.protocol is None:
        out.append(f"Weighted up by your self-test: {ctx.focus_cats[p.ex.category]}.")
    return out


# -- days -------------------------------------------------------------------------------------


def walking_item(ctx: PlanContext, week: int, day: DayInfo) -> PlanItem | None:
    from footcore.domain.planning.context import Mode

    for p in ctx.protocols:
        w = p.walking
        if w is None or day.run is RunKind.LONG or not ctx.usable.get(w.exercise, False):
            continue
        rise = w.weekly_steps_reduced if ctx.mode is Mode.REDUCED else w.weekly_steps
        steps = min(w.max_steps, w.start_steps + rise * (week - 1))
        ex = ctx.ex(w.exercise)
        dose = replace(ex.dose, steps=steps)
        return PlanItem(
            exercise=ex.slug,
            name=ex.name,
            category=ex.category,
            sets=1,
            reps=None,
            hold_s=None,
            duration_s=None,
            per_side=False,
            load=ex.load,
            why=f"{steps:,} steps today, spread over ordinary walking (at home, errands), not "
            f"on top of your minutes. {w.note} Rest it on long-run days. "
            f"Goal: {str(p.goal).replace('-', ' ')}.",
            minutes=item_minutes(dose, ex.load),
            rules=("barefoot-walking",),
            goals=(str(p.goal),),
            steps=steps,
            protocol=p.id,
        )
    return None


def day_notes(ctx: PlanContext, day: DayInfo, sessions: Sequence[Session]) -> list[str]:
    from footcore.domain.planning.context import Mode

    notes: list[str] = []
    loads = any(is_loading(i.load) for s in sessions for i in s.items)
    if ctx.mode is Mode.STOP and day.run is not RunKind.NONE:
        notes.append("Running is paused until a clinician has seen the problem.")
    if loads and day.run is RunKind.EASY:
        notes.append(
            "Loading day: the heavier work comes after today's run, so keep the run easy; "
            "a day without it tomorrow to recover."
        )
    elif loads:
        notes.append(
            "Loading day: the heavier work is today, with a day without it tomorrow to recover."
        )
    if day.run is RunKind.LONG and ctx.mode is not Mode.STOP:
        notes.append("Long-run day: no moderate or heavy work today, the day before or after.")
    notes += _run_in(ctx, day)
    return notes


def _run_in(ctx: PlanContext, day: DayInfo) -> list[str]:
    from footcore.domain.planning.context import Mode

    if day.run is not RunKind.EASY or ctx.mode is not Mode.NORMAL:
        return []
    out = []
    for p in ctx.protocols:
        r = p.run_in
        if r is None or day.week < r.from_week:
            continue
        mins = min(r.max_minutes, r.start_minutes + r.weekly_minutes * (day.week - r.from_week))
        out.append(
            f"Minimalist run-in: if every start condition holds, run the first {mins} minutes "
            "of today's easy run in your minimalist shoes, then change back. " + r.warning
        )
    return out


# -- weeks ------------------------------------------------------------------------------------


def week_texts(ctx: PlanContext, weeks: Sequence[Week]) -> list[tuple[str, str, str | None]]:
    """(focus, unlocks, next) for every week, from what the weeks hold."""
    seen: set[str] = set()
    news: list[list[str]] = []
    out: list[tuple[str, str, str | None]] = []
    for w in weeks:
        names = _names_in(w)
        news.append([n for n in names if n not in seen])
        seen |= set(names)
    for i, w in enumerate(weeks):
        focus = _focus(ctx, w)
        unlocks = _listing("New this week", news[i]) or (
            "Nothing new this week: the same work, with doses rising a little."
        )
        held = _held(ctx, w)
        if held:
            unlocks += " " + held
        if i + 1 < len(weeks):
            nxt = _listing("Next week brings", news[i + 1]) or (
                "Next week: the same exercises, with doses rising a little."
            )
        else:
            nxt = "The last week of this plan: keep going with what you do now."
        waiting = _level_waits(ctx, w, weeks[i + 1] if i + 1 < len(weeks) else None)
        if waiting:
            nxt = f"{waiting} {nxt}"
        out.append((focus, unlocks, nxt))
    return out


def _level_waits(ctx: PlanContext, w: Week, following: Week | None) -> str:
    """Why a level waits (the plan is behind the calendar), or what next week's level
    takes (a projection from adaptation)."""
    calendar = min(w.number, MAX_LEVEL)
    known = ctx.adj.level_week
    opens = following is not None and following.level > w.level
    soon = f"Level {w.level + 1} opens next week if most of this week's sessions are done."
    if w.level < calendar and (known is None or w.number <= known):
        waits = (
            f"Level {w.level + 1} waits: it unlocks once most of a week's sessions are done "
            "(and no pain flag is open)."
        )
        return f"{waits} It opens next week if most of this week's are." if opens else waits
    if known is not None and w.number > known and opens:
        return soon
    return ""


def _names_in(w: Week) -> list[str]:
    found: dict[str, None] = {}
    for d in w.days:
        for item in d.items:
            found.setdefault(item.name)
        if d.walking is not None:
            found.setdefault(d.walking.name)
    return list(found)


def _listing(label: str, names: list[str]) -> str:
    if not names:
        return ""
    shown = names[:6]
    more = f" and {len(names) - 6} more" if len(names) > 6 else ""
    return f"{label}: {', '.join(shown)}{more}."


def _focus(ctx: PlanContext, w: Week) -> str:
    """The level's focus when the week holds work the levels govern; a week of a goal's
    programme alone speaks of the programme (levels do not hold a protocol back)."""
    from footcore.domain.planning.context import Mode

    info = level_info(w.level)
    fill = any(i.protocol is None for d in w.days for i in d.items)
    if ctx.mode in (Mode.HIGH, Mode.STOP):
        head = (
            f"Level {w.level} waits: gentle work only until a clinician has seen your "
            "pain or your self-test result."
        )
    elif not fill:
        head = f"Week {w.number} of your programme."
    elif w.number >= 7 and w.level == MAX_LEVEL:
        head = f"Level {w.level}, {info.title}. {CONSOLIDATE_FOCUS}"
    else:
        head = f"Level {w.level}, {info.title}: {info.focus}"
    proto = _protocol_week(ctx, w)
    return head + (" " + proto if proto else "")


def _protocol_week(ctx: PlanContext, w: Week) -> str:
    bits = []
    for p in ctx.protocols:
        # Each protocol item's forms this week (its stages and stand-ins; else by chain: a
        # stronger band on loading days, the lighter one on the others), with their days.
        item_of, rotating = _item_keys(p)
        groups: dict[str, dict[str, tuple[PlanItem, set[Weekday]]]] = {}
        for d in w.days:
            for item in d.items:
                if item.protocol == p.id:
                    key = item_of.get(item.exercise) or ctx.idx.chain_of.get(
                        item.exercise, item.name
                    )
                    forms = groups.setdefault(key, {})
                    forms.setdefault(item.name, (item, set()))[1].add(d.weekday)
        if groups:
            days = set().union(*(d for forms in groups.values() for _, d in forms.values()))
            every, turns = _protocol_items(ctx, groups, days, rotating)
            listed = "; ".join(every)
            if turns:
                listed += ("; " if listed else "") + "in turn: " + "; ".join(turns)
            when = "every day" if len(days) == 7 else f"on {_days(days)}"
            bits.append(f"{p.name}, {when}: {listed}.")
    return " ".join(bits)


def _item_keys(p: Protocol) -> tuple[dict[str, str], set[str]]:
    """Each exercise of a protocol's items (stages, stand-ins, forms without equipment) ->
    its item's id; and the items whose stand-ins take turns day by day."""
    item_of: dict[str, str] = {}
    rotating: set[str] = set()
    for i in p.all_items:
        for st in i.all_stages:
            if st.alternates:
                rotating.add(i.id)
            for name in (st.exercise, *st.alternates):
                item_of.setdefault(name, i.id)
    return item_of, rotating


def _protocol_items(
    ctx: PlanContext,
    groups: dict[str, dict[str, tuple[PlanItem, set[Weekday]]]],
    days: set[Weekday],
    rotating: set[str],
) -> tuple[list[str], list[str]]:
    """The protocol's items for the week text: those on every one of its days (an item
    whose stand-ins take turns names them as one choice; an item done in different forms on
    different days names each form with its days), then those on fewer of its days."""
    every: list[str] = []
    turns: list[str] = []
    for key, forms in groups.items():
        covered = set().union(*(d for _, d in forms.values()))
        ranked = sorted(
            forms.values(), key=lambda f: (-ctx.idx.position.get(f[0].exercise, 0), -len(f[1]))
        )
        if key in rotating and len(ranked) > 1:
            every.append(_in_turn([it for it, _ in ranked]))
        elif covered != days:
            turns += [f"{it.name} {dose_text(it.dose)}" for it, _ in ranked]
        elif len(ranked) == 1:
            every.append(f"{ranked[0][0].name} {dose_text(ranked[0][0].dose)}")
        else:
            every.append(
                ", ".join(f"{it.name} {dose_text(it.dose)} on {_days(d)}" for it, d in ranked)
            )
    return every, turns


def _in_turn(items: list[PlanItem]) -> str:
    """Stand-ins taking turns: "A, B or C in turn, 60 s, each foot" (each with its own dose
    when the doses differ)."""
    doses = {dose_text(it.dose) for it in items}
    if len(doses) == 1:
        names = [it.name for it in items]
        return f"{', '.join(names[:-1])} or {names[-1]} in turn, {doses.pop()}"
    named = [f"{it.name} {dose_text(it.dose)}" for it in items]
    return f"{', '.join(named[:-1])} or {named[-1]}, in turn"


def _held(ctx: PlanContext, w: Week) -> str:
    """What the week's level unlocks that this plan leaves out, and why."""
    from footcore.domain.planning.context import Mode

    if ctx.mode in (Mode.HIGH, Mode.STOP):
        return "On hold: everything with load, deep stretches and single-leg work."
    from footcore.domain.planning.context import would_be_usable

    waiting = []
    for slug, level in ctx.idx.level.items():
        if level != w.level or ctx.usable.get(slug, True):
            continue
        ex = ctx.ex(slug)
        missing = ex.needs(ctx.profile.equipment)
        if missing and would_be_usable(ctx, ex):
            waiting.append(f"{ex.name} (needs {', '.join(str(m) for m in missing)})")
    if not waiting:
        return ""
    return "Left out for you: " + "; ".join(waiting[:3]) + "."


def goal_label(goal: Goal) -> str:
    return str(goal).replace("-", " ")
