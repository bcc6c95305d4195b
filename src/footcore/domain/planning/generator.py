"""The programme generator: profile (+ self-test report, + adaptation) -> day-by-day plan.

Pure and deterministic: the only "randomness" is a rotation offset taken from a hash of the
profile's content. docs/planner.md describes the design; the steps, each a module:

1. :mod:`.context`: the pain in force and its mode, the flags, what this person may do;
2. :mod:`.runweek`: the running week, the loading days and where loading may go around runs;
3. :mod:`.progression`: every chain's step and dose this week (the fill work);
4. :mod:`.prescribe`: each goal's protocol at its published dose for the week;
5. :mod:`.place`: the protocol first, then the wants by priority, into the day's slots;
6. :mod:`.day`: one day, ordered, with its items; :mod:`.texts`: every reason in words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from footcore.domain.errors import Problem, ValidationError
from footcore.domain.exercise import Catalogue
from footcore.domain.planning.context import (
    EVERYDAY_SLOTS,
    Mode,
    PlanContext,
    ReportLike,
    build_context,
    safe_for,
    would_be_usable,
)
from footcore.domain.planning.day import WeekPlan, build_day
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.planning.model import NOTHING_FITS, Adjustments, Day, Flag, Plan, Week
from footcore.domain.planning.prescribe import week_items
from footcore.domain.planning.progression import Progression
from footcore.domain.planning.protocol import ProtocolItem, Want
from footcore.domain.planning.runweek import RunWeek, build_run_week, loading_after_runs
from footcore.domain.planning.texts import (
    WeekFacts,
    empty_slots,
    equipment_words,
    long_teeth_sessions,
    nothing_fits_text,
    plan_notes,
    unused_minutes,
    week_texts,
)
from footcore.domain.planning.texts import (
    flags as texts_flags,
)
from footcore.domain.planning.version import GENERATOR_VERSION, MAX_WEEKS
from footcore.domain.profile import Profile
from footcore.domain.vocab import Goal, Slot, Weekday

__all__ = ["GENERATOR_VERSION", "MAX_WEEKS", "ReportLike", "generate_plan"]


def _check_arguments(weeks: int, adj: Adjustments) -> None:
    problems = []
    if not 1 <= weeks <= MAX_WEEKS:
        problems.append(Problem("weeks", f"must be from 1 to {MAX_WEEKS}, got {weeks}"))
    if adj.unlocked_level is not None and not 1 <= adj.unlocked_level <= MAX_LEVEL:
        problems.append(Problem("adjustments.unlocked_level", f"must be from 1 to {MAX_LEVEL}"))
    if adj.level_week is not None and not 1 <= adj.level_week <= MAX_WEEKS:
        problems.append(Problem("adjustments.level_week", f"must be from 1 to {MAX_WEEKS}"))
    if adj.pain_nrs is not None and not 0 <= adj.pain_nrs <= 10:
        problems.append(Problem("adjustments.pain_nrs", "must be from 0 to 10"))
    if problems:
        raise ValidationError("plan", problems)


def generate_plan(  # noqa: PLR0917 - the public signature takes report and adjustments too
    profile: Profile,
    catalogue: Catalogue,
    start: dt.date,
    weeks: int,
    report: ReportLike | None = None,
    adjustments: Adjustments | None = None,
) -> Plan:
    """A day-by-day programme of ``weeks`` weeks from ``start`` (same inputs, same plan)."""
    adj = adjustments or Adjustments()
    _check_arguments(weeks, adj)
    ctx, focus = build_context(profile, catalogue, report, adj)
    flags = texts_flags(ctx)
    rw = build_run_week(ctx)
    built, facts = _weeks(ctx, rw, start, weeks)
    written = [
        replace(w, focus=f, unlocks=u, next=n)
        for w, (f, u, n) in zip(built, week_texts(ctx, built), strict=True)
    ]
    if not any(d.sessions for w in written for d in w.days):
        flags.append(Flag(NOTHING_FITS, nothing_fits_text(ctx)))
    return Plan(
        profile=profile,
        start=start,
        weeks=tuple(written),
        flags=tuple(flags),
        notes=(
            *plan_notes(ctx, facts),
            *long_teeth_sessions(ctx, written),
            *empty_slots(ctx, written),
            *unused_minutes(ctx, written),
        ),
        focus_areas=tuple(focus),
        adjustments=adj,
        generator_version=GENERATOR_VERSION,
    )


def _weeks(
    ctx: PlanContext, rw: RunWeek, start: dt.date, weeks: int
) -> tuple[list[Week], WeekFacts]:
    prog = Progression(ctx)
    wants = plan_wants(ctx)
    out: list[Week] = []
    short: dict[str, float] = {}
    missed: dict[str, tuple[int, float]] = {}
    partial: dict[str, dict[str, None]] = {}
    covered: set[tuple[str, str]] = set()
    placed_wants: set[str] = set()
    for number in range(1, weeks + 1):
        cw = prog.week(number)
        items = {p.id: week_items(ctx, p, number) for p in ctx.protocols}
        wp = WeekPlan(ctx, rw, cw, number, items=items, wants=wants)
        first = start + dt.timedelta(days=7 * (number - 1))
        days: list[Day] = []
        for i in range(7):
            date = first + dt.timedelta(days=i)
            day, st = build_day(ctx, rw, prog, wp, date, index=7 * (number - 1) + i)
            days.append(day)
            for pid, need in st.short.items():
                short[pid] = max(short.get(pid, 0.0), need)
            for pid, need in st.missed.items():
                count, most = missed.get(pid, (0, 0.0))
                missed[pid] = (count + 1, max(most, need))
            for pid, names in st.partial.items():
                partial.setdefault(pid, {}).update(dict.fromkeys(names))
            covered |= st.covered
            placed_wants.update(
                pl.want.key for pls in st.sessions.values() for pl in pls if pl.want
            )
        placed = [i for d in days for s in d.sessions for i in s.items]
        prog.record(
            cw, (i.exercise for i in placed), (i.exercise for i in placed if i.protocol is None)
        )
        out.append(Week(number=number, level=cw.level, focus="", days=tuple(days)))
    held = {i.protocol for w in out for d in w.days for i in d.items if i.protocol}
    weekdays = _protocol_weekdays(ctx, out, covered)
    facts = WeekFacts(
        loading_days=rw.loading,
        short=short,
        missed=missed,
        partial={pid: tuple(names) for pid, names in partial.items()},
        missing_items=_missing_items(ctx),
        held=frozenset(held),
        covered=frozenset(covered),
        placed_wants=frozenset(placed_wants),
        loading_after_runs=loading_after_runs(ctx),
        weekdays=weekdays,
        weeks=len(out),
        works_held=_works_held(ctx, out),
        names_held=frozenset(
            (i.protocol, i.name) for w in out for d in w.days for i in d.items if i.protocol
        ),
    )
    return out, facts


def _works_held(ctx: PlanContext, weeks: list[Week]) -> frozenset[tuple[str, str]]:
    """The (protocol, kind of work) pairs some item of the plan did."""
    return frozenset(
        (i.protocol, work)
        for w in weeks
        for d in w.days
        for i in d.items
        if i.protocol and (work := ctx.idx.work_of.get(i.exercise))
    )


def _protocol_weekdays(
    ctx: PlanContext, weeks: list[Week], covered: set[tuple[str, str]]
) -> dict[str, frozenset[Weekday]]:
    """Per protocol, the weekdays holding its session in the last week of its programme
    (the steady state, once its stages have moved on), counting days where another
    protocol's items did its work."""
    out: dict[str, frozenset[Weekday]] = {}
    if not weeks:
        return out
    for p in ctx.protocols:
        week = weeks[min(p.weeks, len(weeks)) - 1]
        doing = {p.id} | {q for pid, q in covered if pid == p.id}
        out[p.id] = frozenset(
            d.weekday for d in week.days if any(i.protocol in doing for i in d.items)
        )
    return out


def _missing_items(
    ctx: PlanContext,
) -> dict[str, list[tuple[str, tuple[str, ...], tuple[Slot, ...]]]]:
    """Per protocol, the items no form of which this person can do (in week 1), each with
    the equipment it needs when that alone holds it back (else no equipment), and the
    moments that would hold it when only the person's moments do."""
    if ctx.mode not in (Mode.NORMAL, Mode.REDUCED):
        return {}
    out: dict[str, list[tuple[str, tuple[str, ...], tuple[Slot, ...]]]] = {}
    for p in ctx.protocols:
        done = {rx.item for rx in week_items(ctx, p, 1)}
        source = p.pain.reduced if ctx.mode is Mode.REDUCED and p.pain.reduced else p.items
        gone = [
            (i.id.replace("-", " "), _needs(ctx, i), _moments(ctx, i))
            for i in source
            if i.id not in done
        ]
        if gone:
            out[p.id] = gone
    return out


def _moments(ctx: PlanContext, item: ProtocolItem) -> tuple[Slot, ...]:
    """The everyday moments that would hold a protocol item this person may do, with the
    equipment they have, but in none of their moments (standing work for someone whose
    moments are the desk and the TV); () when something else holds it back."""
    ex = ctx.idx.exercises.get(item.stages[0].exercise)
    if ex is None or not ex.doable_with(ctx.profile.equipment) or not safe_for(ctx, ex):
        return ()
    mine = set(ctx.slots())
    if mine & set(ex.slots):
        return ()
    return tuple(s for s in EVERYDAY_SLOTS if s in ex.slots and s not in mine)


def _needs(ctx: PlanContext, item: ProtocolItem) -> tuple[str, ...]:
    """The equipment a protocol item's first form needs, when nothing but the equipment
    keeps this person from it."""
    ex = ctx.idx.exercises.get(item.stages[0].exercise)
    if ex is None or not would_be_usable(ctx, ex):
        return ()
    return tuple(equipment_words(e) for e in ex.needs(ctx.profile.equipment))


def plan_wants(ctx: PlanContext) -> tuple[Want, ...]:
    """Every want of this plan: the run routines, each goal's daily work, a self-test's focus
    and, except for falls prevention, the general balance of work."""
    data = ctx.data
    wants: list[Want] = []
    falls = Goal.FALLS_PREVENTION in ctx.goals
    run_slots = (Slot.PRE_RUN, Slot.POST_RUN)
    if ctx.runner:
        # Falls prevention keeps to its three days: only the run routines go beyond them.
        wants += [w for w in data.routines if not falls or w.slot in run_slots]
    for p in ctx.protocols:
        wants += p.daily
    for goal, _reason in ctx.focus_goals.items():
        if goal in ctx.goals:
            continue
        found = data.for_goal(goal, None)
        if found is not None:
            wants += [
                replace(w, key=f"focus-{w.key}", priority=w.priority + data.focus_goal_offset)
                for w in (*found.focus, *found.daily)
            ]
    # Falls prevention's programme takes the place of the general balance of work, except
    # while pain keeps the programme on hold: then gentle general work goes on its days.
    if not falls or ctx.mode in (Mode.HIGH, Mode.STOP):
        wants += data.balance
    for cat in ctx.focus_cats:
        wants.append(
            Want(
                key=f"focus-{cat}",
                category=cat,
                priority=data.focus_priority,
                reason=f"More {cat} work, as your self-test suggested ({ctx.focus_cats[cat]})",
            )
        )
    return tuple(_lifted(ctx, w) for w in _unique(wants))


def _unique(wants: list[Want]) -> list[Want]:
    seen: set[str] = set()
    out = []
    for w in wants:
        if w.key not in seen:
            seen.add(w.key)
            out.append(w)
    return out


def _lifted(ctx: PlanContext, w: Want) -> Want:
    """A self-test focus category lifts the wants of that category."""
    if w.category in ctx.focus_cats and not w.key.startswith("focus-"):
        return replace(w, priority=w.priority + ctx.data.focus_bonus)
    return w
