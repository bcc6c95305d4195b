"""The programme generator: profile (+ self-test report, + adaptation) -> day-by-day plan.

Pure and deterministic: the only "randomness" is a rotation offset taken from a hash of the
profile's content, so the same inputs always give the same plan. docs/planner.md describes
the design; in short, for every week:

1. the level is the week number (1-6, capped by ``Adjustments.unlocked_level``);
2. every progression chain gets its step for the week (one step at most, only after the
   current step was done for a week, two weeks from week 7), shifted by adaptation offsets;
3. every day gets a list of *wants* (a goal's protocol, the pre-run and post-run routines,
   a goal's daily work, the general balance of work) with a priority, each drawing from a
   pool of chains that rotates day by day for variety;
4. the wants are placed, highest priority first, into the day's slots: only exercises that
   suit the slot, keep every safety rule and fit the day's minutes; the rest is left out;
5. each session is put in the safe order, and every item says why it is there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Protocol

from footcore.domain.errors import Problem, ValidationError
from footcore.domain.exercise import Catalogue, Dose, Exercise, Tempo
from footcore.domain.planning import protocols as P
from footcore.domain.planning.catalogue_index import CatalogueIndex, index_of
from footcore.domain.planning.levels import CONSOLIDATE_FOCUS, MAX_LEVEL, level_info
from footcore.domain.planning.model import (
    Adjustments,
    Day,
    Flag,
    FocusNote,
    Plan,
    PlanItem,
    Session,
    Week,
)
from footcore.domain.planning.safety import (
    falls_findings,
    gentle_findings,
    is_calf_raise,
    is_loading,
    slot_findings,
)
from footcore.domain.profile import Profile, profile_to_dict
from footcore.domain.timing import item_minutes, total_minutes
from footcore.domain.vocab import (
    Category,
    Goal,
    Load,
    Position,
    RunKind,
    Slot,
    StretchDepth,
    Target,
    Weekday,
)

GENERATOR_VERSION = "1.0.0"
MAX_WEEKS = 104
MAX_ITEMS_PER_SESSION = 4
CONSOLIDATION_FROM_WEEK = 7
SUPPORTED_START_AGE = 65
COMPACT_DURATION_S = 30
MIN_PROTOCOL_SETS = 2

EVERYDAY_SLOTS = (Slot.MORNING, Slot.DESK, Slot.TEETH, Slot.TV)
RUN_SLOTS = (Slot.PRE_RUN, Slot.POST_RUN)
SLOT_PREFERENCE: dict[Category, tuple[Slot, ...]] = {
    Category.WARM_UP: (Slot.MORNING, Slot.TV, Slot.DESK, Slot.TEETH),
    Category.RELEASE: (Slot.DESK, Slot.TV, Slot.MORNING, Slot.TEETH),
    Category.ACTIVATE: (Slot.DESK, Slot.TEETH, Slot.MORNING, Slot.TV),
    Category.MOBILISE: (Slot.MORNING, Slot.TEETH, Slot.TV, Slot.DESK),
    Category.STRETCH: (Slot.TV, Slot.MORNING, Slot.TEETH, Slot.DESK),
    Category.STRENGTHEN: (Slot.MORNING, Slot.TEETH, Slot.TV, Slot.DESK),
    Category.BALANCE: (Slot.TEETH, Slot.MORNING, Slot.TV, Slot.DESK),
    Category.GAIT: (Slot.MORNING, Slot.TV, Slot.TEETH, Slot.DESK),
}
# Longest a session may grow (minutes), so that sessions stay short and fit their moment;
# a goal's protocol item may fill a session on its own beyond this.
SESSION_CAP: dict[Slot, float] = {
    Slot.MORNING: 15.0,
    Slot.DESK: 8.0,
    Slot.TEETH: 5.0,
    Slot.TV: 15.0,
    Slot.PRE_RUN: 6.0,
    Slot.POST_RUN: 8.0,
}
GENTLE_AFTER_RUN = (Category.RELEASE, Category.ACTIVATE, Category.MOBILISE, Category.STRETCH)
LOAD_RANK = {load: i for i, load in enumerate(Load)}
CATEGORY_RANK = {cat: i for i, cat in enumerate(Category)}
SLOT_INDEX = {slot: i for i, slot in enumerate(Slot)}
RUN_INDEX = {run: i for i, run in enumerate(RunKind)}
MIN_ITEM_MINUTES = 0.5  # no item is shorter: stop looking when less time is left
_MINUTES: dict[tuple[Dose, Load], float] = {}


def _minutes(dose: Dose, load: Load) -> float:
    """``timing.item_minutes``, memoised (doses repeat a lot within a plan)."""
    key = (dose, load)
    found = _MINUTES.get(key)
    if found is None:
        found = item_minutes(dose, load)
        if len(_MINUTES) < 100_000:
            _MINUTES[key] = found
    return found


# --------------------------------------------------------------------------------------------
# The self-test report, as the planner reads it (footcore.domain.assessments.BatteryReport)


class FocusLike(Protocol):
    @property
    def area(self) -> str: ...

    @property
    def reason(self) -> str: ...


class FlagLike(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...


class ReportLike(Protocol):
    """What the planner uses of a self-test report: focus areas and safety flags."""

    @property
    def focus(self) -> Sequence[FocusLike]: ...

    @property
    def flags(self) -> Sequence[FlagLike]: ...


class Mode(StrEnum):
    NORMAL = "normal"
    REDUCED = "reduced"  # pain 4-5/10
    GENTLE = "gentle"  # pain above 5/10, a see-clinician or stop-acute flag


# --------------------------------------------------------------------------------------------
# Plan-wide context


@dataclass
class _Ctx:
    profile: Profile
    catalogue: Catalogue
    idx: CatalogueIndex
    adj: Adjustments
    pain: int
    mode: Mode
    stop: bool
    falls: bool  # falls-safety constraints apply (goal or fall-risk flag)
    falls_goal: bool
    goals: frozenset[Goal]
    focus_cats: dict[Category, str]
    focus_goals: dict[Goal, str]
    usable: dict[str, bool]
    bypass: frozenset[str]
    run_kind: dict[Weekday, RunKind]
    strength_days: frozenset[Weekday]
    programme_days: frozenset[Weekday]
    seed: int
    least: dict[str, float] = field(default_factory=dict)  # slug -> fewest minutes possible
    notes: list[str] = field(default_factory=list)
    shortfall: dict[str, float] = field(default_factory=dict)  # protocol cut short -> minutes
    # Memos for the whole plan. Doses are memoised so that the same dose is the same object
    # all plan long; the other memos key on their ids (safe: the dose memo keeps them alive).
    dose_memo: dict[tuple[str, int], Dose] = field(default_factory=dict)
    base_memo: dict[str, Dose] = field(default_factory=dict)
    cand_cache: dict[tuple[object, ...], tuple[_Candidate, ...]] = field(default_factory=dict)
    option_cache: dict[tuple[object, ...], tuple[tuple[int, Slot, tuple[_Candidate, ...]], ...]] = (
        field(default_factory=dict)
    )
    item_cache: dict[tuple[object, ...], PlanItem] = field(default_factory=dict)
    ckey_ids: dict[tuple[object, ...], int] = field(default_factory=dict)
    steps_memo: dict[int, dict[str, tuple[int, ...]]] = field(default_factory=dict)

    def level_for(self, week: int) -> int:
        level = min(week, MAX_LEVEL)
        if self.adj.unlocked_level is not None:
            level = max(1, min(level, self.adj.unlocked_level))
        return level

    def ex(self, slug: str) -> Exercise:
        return self.idx.exercises[slug]

    def day_slots(self, run: RunKind) -> tuple[Slot, ...]:
        return tuple(
            s for s in self.profile.slots if s in EVERYDAY_SLOTS or run is not RunKind.NONE
        )


def _seed(profile: Profile) -> int:
    text = json.dumps(profile_to_dict(profile), sort_keys=True)
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _run_kinds(profile: Profile) -> dict[Weekday, RunKind]:
    kinds = dict.fromkeys(Weekday, RunKind.NONE)
    if profile.running:
        for d in profile.running.days:
            kinds[d] = RunKind.EASY
        for d in profile.running.hard_days:
            kinds[d] = RunKind.HARD
        if profile.running.long_run_day is not None:
            kinds[profile.running.long_run_day] = RunKind.LONG
    return kinds


def _adjacent(a: int, b: int) -> bool:
    return (a - b) % 7 in (1, 6)


def _spread(days: Sequence[int]) -> int:
    """The smallest gap between chosen weekdays (cyclic); larger is better."""
    if len(days) < 2:
        return 7
    ordered = sorted(days)
    return min((ordered[(i + 1) % len(ordered)] - ordered[i]) % 7 for i in range(len(ordered)))


def strength_days(profile: Profile) -> frozenset[Weekday]:
    """Up to three weekdays for moderate and heavy work: never two in a row (Sunday to
    Monday counts), never the long-run day or the day before it; easy and rest days are
    preferred to hard-run days."""
    kinds = _run_kinds(profile)
    long_day = profile.running.long_run_day if profile.running else None
    banned = set()
    if long_day is not None:
        banned = {long_day.number, (long_day.number - 1) % 7}
    allowed = [d.number for d in Weekday if d.number not in banned]
    best: tuple[int, ...] = ()
    best_score: tuple[int, int, int, int] | None = None
    for mask in range(1 << len(allowed)):
        chosen = tuple(allowed[i] for i in range(len(allowed)) if mask >> i & 1)
        if len(chosen) > P.FALLS_DAYS_PER_WEEK:
            continue
        if any(_adjacent(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1 :]):
            continue
        hard = sum(1 for d in chosen if kinds[Weekday.from_index(d)] is RunKind.HARD)
        rest = sum(1 for d in chosen if kinds[Weekday.from_index(d)] is RunKind.NONE)
        score = (len(chosen) * 10 - hard * 6, _spread(chosen), rest, -sum(chosen))
        if best_score is None or score > best_score:
            best, best_score = chosen, score
    return frozenset(Weekday.from_index(d) for d in best)


def programme_days(profile: Profile, strong: frozenset[Weekday]) -> frozenset[Weekday]:
    """Three non-consecutive weekdays for the falls-prevention programme, as many of them
    strength days as possible."""
    best: tuple[int, ...] = ()
    best_score: tuple[int, int, int] | None = None
    for a in range(7):
        for b in range(a + 1, 7):
            for c in range(b + 1, 7):
                chosen = (a, b, c)
                if _adjacent(a, b) or _adjacent(b, c) or _adjacent(a, c):
                    continue
                overlap = sum(1 for d in chosen if Weekday.from_index(d) in strong)
                score = (overlap, _spread(chosen), -sum(chosen))
                if best_score is None or score > best_score:
                    best, best_score = chosen, score
    return frozenset(Weekday.from_index(d) for d in best)


def _mode(pain: int, flags: Iterable[str]) -> Mode:
    codes = set(flags)
    if pain > 5 or "see-clinician" in codes or "stop-acute" in codes:
        return Mode.GENTLE
    if pain >= 4:
        return Mode.REDUCED
    return Mode.NORMAL


def _build_ctx(
    profile: Profile, catalogue: Catalogue, report: ReportLike | None, adj: Adjustments
) -> tuple[_Ctx, list[Flag], list[FocusNote]]:
    idx = index_of(catalogue)
    pain = adj.pain_nrs if adj.pain_nrs is not None else profile.pain_nrs
    report_flags = {f.code: f.message for f in (report.flags if report else ())}
    mode = _mode(pain, report_flags)
    stop = "stop-acute" in report_flags
    goals = frozenset(profile.goals)
    falls_goal = Goal.FALLS_PREVENTION in goals
    falls = falls_goal or "fall-risk" in report_flags
    focus_cats: dict[Category, str] = {}
    focus_goals: dict[Goal, str] = {}
    focus_notes: list[FocusNote] = []
    for f in report.focus if report else ():
        if f.area in Category.slugs():
            focus_cats.setdefault(Category(f.area), f.reason)
        elif f.area in Goal.slugs():
            focus_goals.setdefault(Goal(f.area), f.reason)
        else:
            continue
        focus_notes.append(FocusNote(f.area, f.reason))

    runner = bool(profile.run_days)
    slots = {s for s in profile.slots if s in EVERYDAY_SLOTS or runner}
    usable: dict[str, bool] = {}
    for slug, ex in idx.exercises.items():
        ok = ex.doable_with(profile.equipment)
        if ex.dose.steps is not None:
            ok = ok and not falls and mode is not Mode.GENTLE  # walking lives outside sessions
        else:
            ok = ok and bool(slots & set(ex.slots))
        if mode is Mode.GENTLE and gentle_findings(ex, ex.load):
            ok = False
        if mode is Mode.REDUCED and ex.load is Load.HEAVY:
            ok = False
        if falls and falls_findings(ex):
            ok = False
        usable[slug] = ok

    bypass: set[str] = set()
    if mode is Mode.NORMAL:
        if Goal.PLANTAR_HEEL_PAIN in goals:
            bypass |= {P.RATHLEFF, P.RATHLEFF_LOADED}
        if Goal.ACHILLES in goals:
            bypass |= set(P.ALFREDSON)
    elif mode is Mode.REDUCED and goals & {Goal.PLANTAR_HEEL_PAIN, Goal.ACHILLES}:
        bypass |= set(P.CALF_CHAIN_STEPS[:3])
    if falls_goal:
        bypass |= set(P.SPINK)
    bypass = {s for s in bypass if usable.get(s)}

    strong = strength_days(profile) if mode is not Mode.GENTLE else frozenset()
    ctx = _Ctx(
        profile=profile,
        catalogue=catalogue,
        idx=idx,
        adj=adj,
        pain=pain,
        mode=mode,
        stop=stop,
        falls=falls,
        falls_goal=falls_goal,
        goals=goals,
        focus_cats=focus_cats,
        focus_goals=focus_goals,
        usable=usable,
        bypass=frozenset(bypass),
        run_kind=_run_kinds(profile),
        strength_days=strong,
        programme_days=programme_days(profile, strength_days(profile)),
        seed=_seed(profile),
    )
    ctx.least = {slug: _minutes(_shortest(ex.dose), ex.load) for slug, ex in idx.exercises.items()}
    flags = _flags(ctx, report_flags)
    _protocol_notes(ctx)
    return ctx, flags, focus_notes


def _flags(ctx: _Ctx, report_flags: Mapping[str, str]) -> list[Flag]:
    flags: list[Flag] = []
    if ctx.stop:
        flags.append(
            Flag(
                "stop-acute",
                "Your self-test points to an acute problem: stop loading the foot. The plan "
                "holds only gentle release and mobility until a clinician has seen it. "
                + report_flags["stop-acute"],
            )
        )
    if ctx.pain > 5 or "see-clinician" in report_flags or ctx.stop:
        detail = report_flags.get("see-clinician", "")
        flags.append(
            Flag(
                "see-clinician",
                f"Pain {ctx.pain}/10 is above the 5/10 that exercise should cause"
                if ctx.pain > 5
                else "Your self-test asks for a clinician's opinion",
            )
        )
        if detail:
            flags[-1] = Flag("see-clinician", flags[-1].message + f": {detail}")
        else:
            flags[-1] = Flag(
                "see-clinician",
                flags[-1].message
                + ". Please see a physiotherapist or doctor; until then the plan holds only "
                "gentle work without load.",
            )
    elif ctx.mode is Mode.REDUCED:
        flags.append(
            Flag(
                "reduced-load",
                f"Pain {ctx.pain}/10 is acceptable but calls for less load: one set fewer and "
                "no heavy steps until it is 3/10 or less. Pain should settle by the next "
                "morning; if it does not, do less.",
            )
        )
    if "fall-risk" in report_flags:
        flags.append(
            Flag(
                "fall-risk",
                "Your balance result points to a risk of falling: balance work is done "
                "holding a chair or counter, with no single-leg or walking drills. "
                + report_flags["fall-risk"],
            )
        )
    return flags


def _protocol_notes(ctx: _Ctx) -> None:
    g = ctx.goals
    notes = ctx.notes
    if Goal.PLANTAR_HEEL_PAIN in g and ctx.mode is Mode.NORMAL:
        if P.RATHLEFF in ctx.idx.exercises and ctx.falls:
            notes.append(
                "The Rathleff heel raise is done on one leg, which the falls-safety rule leaves "
                "out; supported calf raises carry the loading instead."
            )
        elif not ctx.usable.get(P.RATHLEFF):
            notes.append(
                "The Rathleff heel-raise protocol needs a step (and a towel); without them the "
                "calf raises progress on the floor instead."
            )
        elif not ctx.usable.get(P.RATHLEFF_LOADED):
            notes.append(
                "The Rathleff protocol adds a loaded backpack after two weeks; with no "
                "'weight' in your equipment the heel raises stay at body weight."
            )
    if Goal.ACHILLES in g and ctx.mode is Mode.NORMAL:
        if ctx.falls:
            notes.append(
                "The Alfredson heel drops are done on one leg, which the falls-safety rule "
                "leaves out; supported calf raises carry the loading instead."
            )
        elif any(not ctx.usable.get(s) for s in P.ALFREDSON):
            notes.append(
                "The Alfredson heel drops need a step; without one the calf-raise chain is "
                "the Achilles loading."
            )
        notes.append(
            "Alfredson's protocol loads twice a day every day; footcore keeps heavy loading to "
            "every second day (alternate-days rule), the safer reading of tendon recovery."
        )
    if Goal.MINIMALIST_TRANSITION in g:
        notes.append(
            f"No running in minimalist shoes before week {P.MINIMALIST_RUNNING_FROM_WEEK}: "
            "barefoot walking and foot-core work come first."
        )
    if ctx.falls_goal:
        notes.append(
            "The falls-prevention programme runs three days a week, as in the Spink trial."
        )
    heavy = any(ctx.usable.get(s) and ctx.ex(s).load is Load.HEAVY for s in ctx.idx.exercises)
    if not ctx.strength_days and ctx.mode is not Mode.GENTLE and heavy:
        notes.append(
            "Your running week leaves no day for moderate or heavy work (not two days in a "
            "row, not on or before the long run), so the plan keeps the load light."
        )
    if Slot.MORNING not in ctx.profile.slots and heavy:
        notes.append(
            "Heavy heel raises and drops are morning work; add the 'morning' slot to get them."
        )


# --------------------------------------------------------------------------------------------
# Weekly chain steps and doses


# A step that may fill a want: (step, exercise, dose, minutes, fewest minutes if shortened)
_Candidate = tuple[int, Exercise, Dose, float, float]


@dataclass
class _ChainState:
    natural: int  # the step the chain would be at without adaptation offsets
    top_placed: int | None = None  # highest step ever placed
    eff: int | None = None  # last week's step (natural + offset, clamped)


@dataclass
class _Week:
    number: int
    level: int
    eff: dict[str, int]  # chain id -> this week's step
    allowed: dict[str, tuple[int, ...]]  # chain id -> usable steps at or below eff
    dose: dict[str, Dose]  # chain id -> dose of the eff member
    stepped: set[str]  # chains that moved up a step this week
    pools: dict[Category, tuple[str, ...]]
    pool_cache: dict[tuple[Category, Target | None, Goal | None], tuple[str, ...]] = field(
        default_factory=dict
    )
    least: dict[str, float] = field(default_factory=dict)  # chain -> fewest minutes possible
    # chain -> what its candidates depend on this week (steps allowed, the dose object)
    ckey: dict[str, int] = field(default_factory=dict)
    want_cache: dict[tuple[object, ...], list[_Want]] = field(default_factory=dict)


def _hold_weeks(ctx: _Ctx, week: int, member: str) -> int:
    if member == P.RATHLEFF and P.RATHLEFF in ctx.bypass:
        return P.RATHLEFF_WEEKS_PER_STAGE
    return 1 if week < CONSOLIDATION_FROM_WEEK else 2


def _start_index(ctx: _Ctx, members: tuple[str, ...], steps: tuple[int, ...]) -> int:
    if P.RATHLEFF in members and P.RATHLEFF in ctx.bypass:
        i = members.index(P.RATHLEFF)
        if i in steps:
            return i
    if P.CALF_DOUBLE in members and P.CALF_DOUBLE in ctx.bypass:
        i = members.index(P.CALF_DOUBLE)
        if i in steps:
            return i
    supported_ok = ctx.falls or ctx.profile.age >= SUPPORTED_START_AGE
    for i in steps:
        if supported_ok or ctx.ex(members[i]).position is not Position.SUPPORTED_STANDING:
            return i
    return steps[0]


def _block(steps: tuple[int, ...], at: int) -> tuple[int, int]:
    """The run of consecutive usable steps around ``at``."""
    lo = hi = at
    s = set(steps)
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    return lo, hi


def progress_dose(base: Dose, weeks_done: int, ex: Exercise) -> Dose:
    """The dose after ``weeks_done`` weeks at the same exercise: holds +5 s a week (to 30 s,
    45 s for balance), reps +10 % a week (at most +30 %), one more set after four weeks for
    plain repetitions (not held ones, not a protocol's tempo).
    Release and warm-up doses, timed and walking doses stay as they are."""
    k = min(max(weeks_done, 0), 6)
    if (
        k == 0
        or ex.category in (Category.RELEASE, Category.WARM_UP)
        or base.duration_s is not None
        or base.steps is not None
    ):
        return base
    if base.hold_s and (base.reps or 1) <= 3:
        cap = 45 if ex.category is Category.BALANCE else 30
        if base.hold_s >= cap:
            return base
        return replace(base, hold_s=min(cap, base.hold_s + 5 * k))
    if base.reps:
        inc = max(1, round(base.reps * 0.1))
        extra = max(2, round(base.reps * 0.3))
        reps = base.reps + min(inc * k, extra)
        # One more set after four weeks, for plain reps (held reps grow long enough).
        more = k >= 4 and base.sets >= 2 and not base.hold_s and base.tempo is None
        return replace(base, reps=reps, sets=base.sets + (1 if more else 0))
    return base


def _memo_dose(ctx: _Ctx, slug: str, weeks_done: int) -> Dose:
    """``_member_dose``, one object per distinct input (doses stop changing after 8 weeks)."""
    key = (slug, min(weeks_done, 8))
    found = ctx.dose_memo.get(key)
    if found is None:
        found = ctx.dose_memo[key] = _member_dose(ctx, slug, key[1])
    return found


def _member_dose(ctx: _Ctx, slug: str, weeks_done: int) -> Dose:
    ex = ctx.ex(slug)
    base = ex.dose
    tempo = base.tempo or Tempo(3, 2, 3)
    if slug == P.RATHLEFF and slug in ctx.bypass:
        sets, reps = P.RATHLEFF_DOSES[0]
        if weeks_done >= 2 * P.RATHLEFF_WEEKS_PER_STAGE:
            sets += 1  # no backpack: a fourth set instead of load
        dose = replace(base, sets=sets, reps=reps, tempo=tempo, hold_s=None)
    elif slug == P.RATHLEFF_LOADED and slug in ctx.bypass:
        stage = 1 if weeks_done < P.RATHLEFF_WEEKS_PER_STAGE else 2
        sets, reps = P.RATHLEFF_DOSES[stage]
        dose = replace(base, sets=sets, reps=reps, tempo=tempo, hold_s=None)
    elif slug in P.ALFREDSON and slug in ctx.bypass:
        reps = P.ALFREDSON_REPS[min(weeks_done, len(P.ALFREDSON_REPS) - 1)]
        dose = replace(base, sets=P.ALFREDSON_SETS, reps=reps)
    else:
        dose = progress_dose(base, weeks_done, ex)
    return _reduce(ctx, dose, ex)


def _reduce(ctx: _Ctx, dose: Dose, ex: Exercise) -> Dose:
    if ctx.mode is Mode.REDUCED and ex.load is not Load.NONE and dose.sets > 1:
        return replace(dose, sets=dose.sets - 1)
    return dose


def _usable_steps(ctx: _Ctx, level: int) -> dict[str, tuple[int, ...]]:
    """Per chain, the steps usable at this level (equipment, pain, safety, level or a
    protocol), for the chains that have any; memoised per level."""
    found = ctx.steps_memo.get(level)
    if found is None:
        found = {}
        for chain, members in ctx.idx.chains.items():
            steps = tuple(
                i
                for i, m in enumerate(members)
                if ctx.usable[m]
                and ctx.ex(m).dose.steps is None
                and (ctx.idx.level[m] <= level or m in ctx.bypass)
            )
            if steps:
                found[chain] = steps
        ctx.steps_memo[level] = found
    return found


def _week(ctx: _Ctx, number: int, states: dict[str, _ChainState], done: dict[str, int]) -> _Week:
    level = ctx.level_for(number)
    eff: dict[str, int] = {}
    ckey: dict[str, int] = {}
    allowed: dict[str, tuple[int, ...]] = {}
    dose: dict[str, Dose] = {}
    stepped: set[str] = set()
    pools: dict[Category, list[str]] = {c: [] for c in Category}
    for chain, steps in _usable_steps(ctx, level).items():
        members = ctx.idx.chains[chain]
        state = states.get(chain)
        if state is None:
            state = _ChainState(natural=_start_index(ctx, members, steps))
            states[chain] = state
        else:
            last = state.natural if state.eff is None else state.eff
            current = members[min(last, len(members) - 1)]
            nxt = state.natural + 1
            if nxt in steps and done.get(current, 0) >= _hold_weeks(ctx, number, current):
                state.natural = nxt
        if state.natural not in steps:
            lower = [i for i in steps if i <= state.natural]
            state.natural = lower[-1] if lower else steps[0]
        lo, hi = _block(steps, state.natural)
        target = min(hi, max(lo, state.natural + ctx.adj.chain_offsets.get(chain, 0)))
        if state.top_placed is not None and target > state.top_placed + 1:
            target = state.top_placed + 1
            while target not in steps:  # pragma: no cover - blocks are contiguous
                target -= 1
        if state.top_placed is not None and target > state.top_placed:
            stepped.add(chain)
        eff[chain] = state.eff = target
        allowed[chain] = tuple(i for i in steps if i <= target)
        member = members[target]
        dose[chain] = _memo_dose(ctx, member, done.get(member, 0))
        signature = (chain, allowed[chain], id(dose[chain]))
        ckey[chain] = ctx.ckey_ids.setdefault(signature, len(ctx.ckey_ids))
        for cat in {ctx.ex(members[i]).category for i in allowed[chain]}:
            pools[cat].append(chain)
    least: dict[str, float] = {}
    for chain, steps_below in allowed.items():
        members = ctx.idx.chains[chain]
        least[chain] = min(ctx.least[members[i]] for i in steps_below)
    return _Week(
        number=number,
        level=level,
        eff=eff,
        allowed=allowed,
        dose=dose,
        stepped=stepped,
        pools={c: tuple(sorted(v)) for c, v in pools.items()},
        least=least,
        ckey=ckey,
    )


def _shortest(dose: Dose) -> Dose:
    """A lower bound of any dose of this exercise: one set, timed bouts compacted."""
    duration = dose.duration_s
    if duration is not None:
        duration = min(duration, COMPACT_DURATION_S)
    return replace(dose, sets=1, duration_s=duration)


# --------------------------------------------------------------------------------------------
# Wants: what a day asks for


@dataclass(slots=True)
class _Want:
    key: str
    pool: tuple[str, ...]
    priority: float
    reason: str
    goals: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    category: Category | None = None
    slots: tuple[Slot, ...] = ()
    calf_only: bool = False
    dynamic_only: bool = False
    max_load: Load | None = None
    protocol: bool = False
    routine: bool = False  # pre-run / post-run routine: may reuse a chain used earlier
    target: Target | None = None
    sig: int = 0  # what limits its candidates, as a small number (a memo key)
    least: float = 0.0  # the fewest minutes any of its chains can take


@dataclass(slots=True)
class _DayCtx:
    date: dt.date
    weekday: Weekday
    run: RunKind
    strong: bool
    programme: bool
    index: int  # days since the plan started
    slots: tuple[Slot, ...]
    kind: int = 0  # run kind and strength day as one number (a memo key)


_SIGS: dict[tuple[object, ...], int] = {}


def _sig(key: tuple[object, ...]) -> int:
    """A small number for what limits a want's candidates (category, target, flags)."""
    found = _SIGS.get(key)
    if found is None:
        found = _SIGS[key] = len(_SIGS) + 1
    return found


def _rotate(pool: Sequence[str], salt: int) -> tuple[str, ...]:
    if not pool:
        return ()
    s = salt % len(pool)
    return tuple(pool[s:]) + tuple(pool[:s])


_KEY_SALT: dict[str, int] = {}


def _salt(ctx: _Ctx, day: _DayCtx, key: str) -> int:
    salt = _KEY_SALT.get(key)
    if salt is None:
        salt = _KEY_SALT[key] = zlib.crc32(key.encode())
    return ctx.seed + day.index + salt


def _pool(
    ctx: _Ctx,
    wk: _Week,
    cat: Category,
    *,
    target: Target | None = None,
    goal: Goal | None = None,
) -> tuple[str, ...]:
    key = (cat, target, goal)
    cached = wk.pool_cache.get(key)
    if cached is not None:
        return cached
    out = []
    for chain in wk.pools.get(cat, ()):
        members = ctx.idx.chains[chain]
        for i in wk.allowed[chain]:
            ex = ctx.ex(members[i])
            if ex.category is not cat:
                continue
            if target is not None and target not in ex.targets:
                continue
            if goal is not None and goal not in ex.goals:
                continue
            out.append(chain)
            break
    wk.pool_cache[key] = tuple(out)
    return wk.pool_cache[key]


def _chain_for(ctx: _Ctx, wk: _Week, slug: str) -> tuple[str, ...]:
    if slug not in ctx.idx.chain_of:
        return ()
    chain = ctx.idx.chain_of[slug]
    return (chain,) if chain in wk.eff else ()


def _day_wants(ctx: _Ctx, wk: _Week, day: _DayCtx) -> list[_Want]:
    """The day's wants, memoised per week for days of the same kind (the pools rotate
    later, per day)."""
    turn = None
    if ctx.falls_goal and day.programme:
        turn = day.index // 7 * 3 + sorted(ctx.programme_days).index(day.weekday)
    key = (day.kind, day.programme, day.index % 2, turn)
    found = wk.want_cache.get(key)
    if found is None:
        found = wk.want_cache[key] = _wants(ctx, wk, day)
    return found


GENERAL_LEAD = 25.0  # the general kind of work whose turn it is today gets this much more


def _day_order(ctx: _Ctx, day: _DayCtx, wants: list[_Want]) -> list[_Want]:
    """The wants in the order they are placed today: by priority, where the general kinds
    of work take turns leading, one a day, so that short days still vary."""
    general = sorted(w.key for w in wants if w.key.startswith("gen-"))
    lead = general[(ctx.seed + day.index) % len(general)] if general else None

    def rank(w: _Want) -> tuple[float, str]:
        return -(w.priority + (GENERAL_LEAD if w.key == lead else 0.0)), w.key

    return sorted(wants, key=rank)


def _wants(ctx: _Ctx, wk: _Week, day: _DayCtx) -> list[_Want]:
    wants: list[_Want] = []
    g = ctx.goals
    run = day.run

    def add(
        key: str,
        cat: Category | None,
        pool: Sequence[str],
        priority: float,
        reason: str,
        **kw: object,
    ) -> None:
        if not pool:
            return
        bonus = 15.0 if cat is not None and cat in ctx.focus_cats else 0.0
        sig = _sig(
            (
                cat,
                kw.get("target"),
                kw.get("calf_only", False),
                kw.get("dynamic_only", False),
                kw.get("max_load"),
                kw.get("routine", False),
            )
        )
        wants.append(
            _Want(
                key=key,
                pool=tuple(pool),
                priority=priority + bonus,
                reason=reason,
                category=cat,
                sig=sig,
                least=min(wk.least[c] for c in pool),
                **kw,  # type: ignore[arg-type]
            )
        )

    C = Category
    # Pre-run and post-run routines.
    if run is not RunKind.NONE:
        if Slot.PRE_RUN in day.slots:
            pre = (Slot.PRE_RUN,)
            add(
                "pre-warm",
                C.WARM_UP,
                _pool(ctx, wk, C.WARM_UP),
                86,
                f"Warms the feet and ankles before your {run} run",
                slots=pre,
                rules=("pre-run",),
                routine=True,
            )
            add(
                "pre-calf",
                C.STRENGTHEN,
                _pool(ctx, wk, C.STRENGTHEN, target=Target.ACHILLES_CALF),
                78,
                "Calf raises before every run ready the Achilles and the foot",
                slots=pre,
                rules=("pre-run",),
                calf_only=True,
                routine=True,
            )
            add(
                "pre-activate",
                C.ACTIVATE,
                _pool(ctx, wk, C.ACTIVATE),
                66,
                "Switches the foot core on before you run",
                slots=pre,
                rules=("pre-run",),
                routine=True,
            )
            add(
                "pre-mobilise",
                C.MOBILISE,
                _pool(ctx, wk, C.MOBILISE),
                60,
                "Dynamic ankle mobility before the run",
                slots=pre,
                rules=("pre-run",),
                dynamic_only=True,
                routine=True,
            )
        if Slot.POST_RUN in day.slots:
            post = (Slot.POST_RUN,)
            prr = 8.0 if Goal.POST_RUN_RECOVERY in g else 0.0
            goals_prr = ("post-run-recovery",) if prr else ()
            add(
                "post-release",
                C.RELEASE,
                _pool(ctx, wk, C.RELEASE),
                84 + prr,
                f"Rolls out the sole after your {run} run",
                slots=post,
                rules=("post-run",),
                goals=goals_prr,
                routine=True,
            )
            add(
                "post-stretch",
                C.STRETCH,
                _pool(ctx, wk, C.STRETCH),
                62 + prr,
                "A gentle stretch while the feet are warm from running",
                slots=post,
                rules=("post-run",),
                goals=goals_prr,
                routine=True,
                max_load=Load.NONE,
            )
            if prr:
                add(
                    "post-mobilise",
                    C.MOBILISE,
                    _pool(ctx, wk, C.MOBILISE),
                    58,
                    "Easy ankle movement to recover from the run",
                    slots=post,
                    rules=("post-run",),
                    goals=goals_prr,
                    routine=True,
                )

    # Goal protocols on strength days.
    if day.strong:
        if Goal.PLANTAR_HEEL_PAIN in g:
            calf = _chain_for(ctx, wk, P.CALF_DOUBLE) or _chain_for(ctx, wk, P.RATHLEFF)
            if ctx.mode is Mode.NORMAL and P.RATHLEFF in ctx.bypass:
                reason = "Rathleff heel-raise protocol for plantar heel pain, every second day"
            else:
                reason = (
                    "Calf-raise chain for plantar heel pain, started double-leg"
                    if ctx.mode is Mode.REDUCED
                    else "Calf-raise chain for plantar heel pain"
                )
            add(
                "php-rathleff",
                C.STRENGTHEN,
                calf,
                100,
                reason,
                goals=("plantar-heel-pain",),
                protocol=True,
            )
        if Goal.ACHILLES in g:
            drops = [s for s in P.ALFREDSON if s in ctx.bypass]
            for n, slug in enumerate(drops):
                knee = "straight" if "straight" in slug else "bent"
                add(
                    f"ach-{slug}",
                    C.STRENGTHEN,
                    _chain_for(ctx, wk, slug),
                    99 - n,
                    f"Alfredson eccentric heel drops, knee {knee}, for the Achilles tendon",
                    goals=("achilles",),
                    protocol=True,
                )
            if not drops:
                add(
                    "ach-calf",
                    C.STRENGTHEN,
                    _chain_for(ctx, wk, P.CALF_DOUBLE),
                    97,
                    "Calf-raise chain to load the Achilles tendon step by step",
                    goals=("achilles",),
                    protocol=True,
                )

    # Falls-prevention programme (Spink) on its three days.
    if ctx.falls_goal and day.programme:
        n = len(P.SPINK)
        turn = day.index // 7 * 3 + sorted(ctx.programme_days).index(day.weekday)
        for i, slug in enumerate(P.SPINK):
            chain = _chain_for(ctx, wk, slug)
            if not chain:
                continue
            prio = 92 - ((i + turn * 3) % n)
            add(
                f"falls-{slug}",
                ctx.ex(slug).category,
                chain,
                prio,
                "Part of the falls-prevention home programme (Spink), three days a week",
                goals=("falls-prevention",),
                protocol=True,
            )

    # Goal daily work.
    def goal_daily(goal: Goal, weight: float, label: str) -> None:
        tag = (str(goal),)
        if goal is Goal.PLANTAR_HEEL_PAIN:
            # The daily release comes first even on heavy days (placed before the protocol).
            add(
                f"{goal}-release",
                C.RELEASE,
                _pool(ctx, wk, C.RELEASE, target=Target.PLANTAR_FASCIA)
                or _pool(ctx, wk, C.RELEASE),
                (101 if goal in g else 88) + weight,
                f"Daily release of the sole for heel pain{label}",
                goals=tag,
            )
            add(
                f"{goal}-stretch",
                C.STRETCH,
                _pool(ctx, wk, C.STRETCH, target=Target.PLANTAR_FASCIA)
                or _pool(ctx, wk, C.STRETCH, goal=goal),
                75 + weight,
                f"Plantar stretch for heel pain{label}",
                goals=tag,
            )
        elif goal is Goal.ANKLE_MOBILITY:
            add(
                f"{goal}-mobilise",
                C.MOBILISE,
                _pool(ctx, wk, C.MOBILISE, target=Target.ANKLE) or _pool(ctx, wk, C.MOBILISE),
                80 + weight,
                f"Ankle mobility: knee-over-toe and rotations{label}",
                goals=tag,
            )
            add(
                f"{goal}-rotations",
                C.WARM_UP,
                _pool(ctx, wk, C.WARM_UP, target=Target.ANKLE) or _pool(ctx, wk, C.WARM_UP),
                68 + weight,
                f"Ankle rotations for range of movement{label}",
                goals=tag,
            )
            add(
                f"{goal}-release",
                C.RELEASE,
                _pool(ctx, wk, C.RELEASE),
                66 + weight,
                f"Release before stretching frees the ankle{label}",
                goals=tag,
            )
            add(
                f"{goal}-stretch",
                C.STRETCH,
                _pool(ctx, wk, C.STRETCH, goal=goal) or _pool(ctx, wk, C.STRETCH),
                64 + weight,
                f"Calf and ankle stretch after a release{label}",
                goals=tag,
            )
        elif goal is Goal.MINIMALIST_TRANSITION:
            add(
                f"{goal}-short-foot",
                C.ACTIVATE,
                _chain_for(ctx, wk, "short-foot-seated") or _pool(ctx, wk, C.ACTIVATE, goal=goal),
                85 + weight,
                f"Foot-core work that minimalist shoes will ask for{label}",
                goals=tag,
            )
            add(
                f"{goal}-toes",
                C.ACTIVATE,
                _chain_for(ctx, wk, "big-toe-lift") or _pool(ctx, wk, C.ACTIVATE),
                76 + weight,
                f"Toe control for barefoot walking{label}",
                goals=tag,
            )
            add(
                f"{goal}-balance",
                C.BALANCE,
                _pool(ctx, wk, C.BALANCE),
                58 + weight,
                f"Balance on a bare foot{label}",
                goals=tag,
            )
        elif goal is Goal.POST_RUN_RECOVERY and run is RunKind.NONE:
            add(
                f"{goal}-release",
                C.RELEASE,
                _pool(ctx, wk, C.RELEASE),
                70 + weight,
                f"Recovery: release the sole between runs{label}",
                goals=tag,
            )
            add(
                f"{goal}-stretch",
                C.STRETCH,
                _pool(ctx, wk, C.STRETCH, goal=goal),
                55 + weight,
                f"Recovery: a gentle stretch between runs{label}",
                goals=tag,
            )
        elif goal is Goal.ACHILLES:
            add(
                f"{goal}-stretch",
                C.STRETCH,
                _pool(ctx, wk, C.STRETCH, target=Target.ACHILLES_CALF),
                52 + weight,
                f"Calf stretch for the Achilles{label}",
                goals=tag,
            )

    # The falls-prevention programme keeps to its three days: nothing general on the others.
    extra_days = not ctx.falls_goal or day.programme
    for goal in Goal:
        if goal in g:
            goal_daily(goal, 0.0, "")
        elif goal in ctx.focus_goals and extra_days:
            goal_daily(goal, -8.0, f" (your self-test: {ctx.focus_goals[goal]})")

    # The general balance of work (absorbed by the programme for falls prevention).
    if not ctx.falls_goal:
        tag = ("general",) if Goal.GENERAL in g else ()
        long_day = run is RunKind.LONG
        add(
            "gen-activate",
            C.ACTIVATE,
            _pool(ctx, wk, C.ACTIVATE),
            60,
            "Foot-core activation",
            goals=tag,
        )
        add(
            "gen-mobilise",
            C.MOBILISE,
            _pool(ctx, wk, C.MOBILISE),
            50,
            "Ankle and toe mobility",
            goals=tag,
        )
        add(
            "gen-stretch",
            C.STRETCH,
            _pool(ctx, wk, C.STRETCH),
            44,
            "Stretch for the sole, toes and calf",
            goals=tag,
        )
        add("gen-release", C.RELEASE, _pool(ctx, wk, C.RELEASE), 42, "Release the sole", goals=tag)
        if not long_day:
            if day.strong:
                add(
                    "gen-strength",
                    C.STRENGTHEN,
                    _pool(ctx, wk, C.STRENGTHEN),
                    58,
                    "Strength day: foot and calf strength",
                    goals=tag,
                )
            else:
                add(
                    "gen-strength",
                    C.STRENGTHEN,
                    _pool(ctx, wk, C.STRENGTHEN),
                    45,
                    "Light foot and calf strength",
                    goals=tag,
                    max_load=Load.LIGHT,
                )
            add(
                "gen-balance",
                C.BALANCE,
                _pool(ctx, wk, C.BALANCE),
                48,
                "Balance: the foot's sensors and small muscles together",
                goals=tag,
            )
            if day.index % 2 == 0:
                add(
                    "gen-gait",
                    C.GAIT,
                    _pool(ctx, wk, C.GAIT),
                    34,
                    "Tall heel-toe walking",
                    goals=tag,
                )
        add(
            "gen-warm",
            C.WARM_UP,
            _pool(ctx, wk, C.WARM_UP),
            26,
            "Gentle warm-up of the ankles and toes",
            goals=tag,
        )
    for cat, reason in ctx.focus_cats.items() if extra_days else ():
        add(
            f"focus-{cat}",
            cat,
            _pool(ctx, wk, cat),
            56,
            f"More {cat} work, as your self-test suggested ({reason})",
        )
    wants.sort(key=lambda w: (-w.priority, w.key))
    return wants


# --------------------------------------------------------------------------------------------
# Placing wants into the day's sessions


@dataclass(slots=True)
class _Placed:
    slug: str
    chain: str
    step: int
    dose: Dose
    minutes: float
    want: _Want
    slot: Slot
    category: Category
    companion: bool = False


@dataclass
class _DayState:
    sessions: dict[Slot, list[_Placed]]
    spent: float = 0.0
    chains: set[str] = field(default_factory=set)
    slugs: set[str] = field(default_factory=set)


def _slot_order(ctx: _Ctx, want: _Want, cat: Category, day: _DayCtx) -> tuple[Slot, ...]:
    if want.slots:
        prefs = want.slots
    else:
        prefs = SLOT_PREFERENCE[cat]
        if cat in GENTLE_AFTER_RUN:
            prefs = (*prefs, Slot.POST_RUN)
    return tuple(s for s in prefs if s in day.slots)


def _dose_for(wk: _Week, ctx: _Ctx, chain: str, step: int) -> Dose:
    if step == wk.eff[chain]:
        return wk.dose[chain]
    slug = ctx.idx.chains[chain][step]
    found = ctx.base_memo.get(slug)
    if found is None:
        ex = ctx.ex(slug)
        found = ctx.base_memo[slug] = _reduce(ctx, ex.dose, ex)
    return found


def _fits_slot(
    ctx: _Ctx, day: _DayCtx, want: _Want, ex: Exercise, dose: Dose, *, slot: Slot
) -> bool:
    if slot not in ex.slots:
        return False
    cap = Load.HEAVY if day.strong else Load.LIGHT
    if want.max_load is not None and LOAD_RANK[want.max_load] < LOAD_RANK[cap]:
        cap = want.max_load
    if LOAD_RANK[ex.load] > LOAD_RANK[cap]:
        return False
    if want.calf_only and not is_calf_raise(ex):
        return False
    if want.dynamic_only and dose.hold_s:
        return False
    if slot is Slot.POST_RUN and want.routine and ex.category not in GENTLE_AFTER_RUN:
        return False
    if slot is Slot.POST_RUN and is_loading(ex.load):
        return False
    # Cramp-risk work after a run only for a runner who is not cramp-prone, after an easy run.
    if (
        ex.cramp_risk
        and slot is Slot.POST_RUN
        and (ctx.profile.cramp_prone or ctx.adj.cramp_free_post_run or day.run is not RunKind.EASY)
    ):
        return False
    return not slot_findings(
        ex,
        slot,
        day.run,
        hold_s=dose.hold_s,
        load=ex.load,
        cramp_prone=ctx.profile.cramp_prone,
        cramp_free_post_run=ctx.adj.cramp_free_post_run,
    )


def _fit_budget(
    want: _Want, ex: Exercise, dose: Dose, full: float, room: float
) -> tuple[Dose, float] | None:
    """The dose itself if it fits the minutes left, else a shorter form, else None."""
    if full <= room + 1e-9:
        return dose, full
    if dose.duration_s is not None and dose.duration_s > COMPACT_DURATION_S:
        short = replace(dose, duration_s=COMPACT_DURATION_S)
        minutes = _minutes(short, ex.load)
        if minutes <= room + 1e-9:
            return short, minutes
    if want.protocol and dose.sets > MIN_PROTOCOL_SETS:
        for sets in range(dose.sets - 1, MIN_PROTOCOL_SETS - 1, -1):
            fewer = replace(dose, sets=sets)
            minutes = _minutes(fewer, ex.load)
            if minutes <= room + 1e-9:
                return fewer, minutes
    return None


def _candidates(
    ctx: _Ctx, wk: _Week, day: _DayCtx, want: _Want, chain: str, *, slot: Slot
) -> tuple[_Candidate, ...]:
    """The chain's steps that may fill this want in this slot today, hardest first, with
    their minutes (memoised per week: it depends only on the want's kind, the slot and the
    day's kind; enum members are singletons, so their ids are safe keys)."""
    key = (wk.ckey[chain], id(slot), day.kind, want.sig)
    found = ctx.cand_cache.get(key)
    if found is not None:
        return found
    members = ctx.idx.chains[chain]
    out = []
    for step in reversed(wk.allowed[chain]):
        ex = ctx.ex(members[step])
        if want.category is not None and ex.category is not want.category:
            continue
        if want.target is not None and want.target not in ex.targets:
            continue
        dose = _dose_for(wk, ctx, chain, step)
        if _fits_slot(ctx, day, want, ex, dose, slot=slot):
            full = _minutes(dose, ex.load)
            out.append((step, ex, dose, full, min(full, ctx.least[ex.slug])))
    ctx.cand_cache[key] = tuple(out)
    return ctx.cand_cache[key]


def _options(
    ctx: _Ctx, wk: _Week, day: _DayCtx, want: _Want, chain: str, *, prefs: tuple[Slot, ...]
) -> tuple[tuple[int, Slot, tuple[_Candidate, ...]], ...]:
    """For each preferred slot (with its rank), the chain's candidates there (memoised)."""
    key = (wk.ckey[chain], day.kind, want.sig, prefs)
    found = ctx.option_cache.get(key)
    if found is None:
        found = tuple(
            (i, slot, cands)
            for i, slot in enumerate(prefs)
            if (cands := _candidates(ctx, wk, day, want, chain, slot=slot))
        )
        ctx.option_cache[key] = found
    return found


def _resolve(
    ctx: _Ctx,
    wk: _Week,
    day: _DayCtx,
    st: _DayState,
    *,
    want: _Want,
    chain: str,
    slot: Slot,
) -> _Candidate | None:
    for found in _candidates(ctx, wk, day, want, chain, slot=slot):
        if found[1].slug not in st.slugs:
            return found
    return None


def _needs_release_first(ctx: _Ctx, ex: Exercise) -> bool:
    if ex.is_deep_stretch:
        return True
    return ex.category is Category.STRETCH and Goal.ANKLE_MOBILITY in ctx.goals


def _has_release(st: _DayState, slot: Slot) -> bool:
    return any(p.category in (Category.WARM_UP, Category.RELEASE) for p in st.sessions[slot])


def _place(
    ctx: _Ctx, wk: _Week, day: _DayCtx, st: _DayState, want: _Want, *, pool: tuple[str, ...]
) -> bool:
    budget = float(ctx.profile.minutes_per_day)
    if budget - st.spent < MIN_ITEM_MINUTES:
        return False
    if want.least > budget - st.spent + 1e-9:
        return False
    orders: dict[Category, tuple[Slot, ...]] = {}
    too_long: set[str] = set()
    for chain in pool:
        if not want.routine and chain in st.chains:
            continue
        if wk.least[chain] > budget - st.spent + 1e-9:
            continue
        members = ctx.idx.chains[chain]
        cat = want.category or ctx.ex(members[wk.eff[chain]]).category
        prefs = orders.get(cat)
        if prefs is None:
            prefs = orders[cat] = _slot_order(ctx, want, cat, day)
        # The slot where the chain's hardest allowed step fits first (so chains can
        # progress), then the emptiest session (little and often), then the preferred one.
        ranked = []
        room_left = budget - st.spent + 1e-9
        for i, slot, cands in _options(ctx, wk, day, want, chain, prefs=prefs):
            count = len(st.sessions[slot])
            if count >= MAX_ITEMS_PER_SESSION:
                continue
            for found in cands:
                if found[1].slug not in st.slugs and found[4] <= room_left:
                    ranked.append((-found[0], count, i, slot, found))
                    break
        ranked.sort()  # the slot ranks are distinct, so the comparison stops there
        for *_, slot, found in ranked:
            items = st.sessions[slot]
            step, ex, dose, full, _ = found
            if ex.slug in too_long:
                continue
            room = budget - st.spent
            companion: _Placed | None = None
            if _needs_release_first(ctx, ex) and not _has_release(st, slot):
                if len(items) + 2 > MAX_ITEMS_PER_SESSION:
                    continue
                companion = _companion(ctx, wk, day, st, slot=slot, for_want=want)
                if companion is None:
                    continue
                room -= companion.minutes
            fit = _fit_budget(want, ex, dose, full, room)
            if fit is None:
                if companion is None:
                    too_long.add(ex.slug)
                continue
            fitted, minutes = fit
            in_session = sum(p.minutes for p in items) + minutes
            if companion is not None:
                in_session += companion.minutes
            if in_session > SESSION_CAP[slot] + 1e-9 and not want.protocol:
                continue
            if companion is not None:
                _commit(st, companion)
            _commit(
                st,
                _Placed(
                    slug=ex.slug,
                    chain=chain,
                    step=step,
                    dose=fitted,
                    minutes=minutes,
                    want=want,
                    slot=slot,
                    category=ex.category,
                ),
            )
            return True
    return False


def _companion(
    ctx: _Ctx, wk: _Week, day: _DayCtx, st: _DayState, *, slot: Slot, for_want: _Want
) -> _Placed | None:
    budget = float(ctx.profile.minutes_per_day)
    for cat in (Category.RELEASE, Category.WARM_UP):
        key = f"companion-{cat}"
        pool = _rotate(_pool(ctx, wk, cat), _salt(ctx, day, key))
        want = _Want(
            key=key,
            pool=pool,
            priority=for_want.priority,
            reason="Release first, so the stretch that follows meets loosened tissue"
            if cat is Category.RELEASE
            else "Warm-up first, so the stretch that follows meets warm tissue",
            goals=for_want.goals,
            rules=("deep-after-release",),
            category=cat,
            sig=_sig((cat, None, False, False, None, False)),
        )
        for chain in pool:
            found = _resolve(ctx, wk, day, st, want=want, chain=chain, slot=slot)
            if found is None:
                continue
            step, ex, dose, full, _ = found
            fit = _fit_budget(want, ex, dose, full, budget - st.spent)
            if fit is None:
                continue
            return _Placed(
                slug=ex.slug,
                chain=chain,
                step=step,
                dose=fit[0],
                minutes=fit[1],
                want=want,
                slot=slot,
                category=ex.category,
                companion=True,
            )
    return None


def _commit(st: _DayState, placed: _Placed) -> None:
    st.sessions[placed.slot].append(placed)
    st.spent = round(st.spent + placed.minutes, 1)
    st.chains.add(placed.chain)
    st.slugs.add(placed.slug)


# --------------------------------------------------------------------------------------------
# Reasons


def _fmt_dose(d: Dose) -> str:
    if d.duration_s is not None:
        work = f"{d.sets} x {d.duration_s} s"
    elif d.hold_s and (d.reps or 1) == 1:
        work = f"{d.sets} x {d.hold_s} s hold"
    else:
        work = f"{d.sets} x {d.reps}"
    return work + (" each side" if d.per_side else "")


def _why(
    ctx: _Ctx, wk: _Week, day: _DayCtx, p: _Placed, ex: Exercise
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    want = p.want
    rules: list[str] = list(want.rules)
    goals: list[str] = list(want.goals)
    parts: list[str] = [want.reason + "."]
    members = ctx.idx.chains[p.chain]
    eff = wk.eff[p.chain]
    if len(members) > 1:
        text = f"Step {p.step + 1} of {len(members)} in its progression"
        if p.step < eff:
            why_lower = (
                f"suits the {p.slot} slot"
                if p.slot not in RUN_SLOTS
                else f"keeps the {p.slot} work light"
            )
            if not day.strong and is_loading(ctx.ex(members[eff]).load):
                why_lower = "today is not a strength day"
            text += f"; this week's step is {eff + 1}, the easier one {why_lower}"
        elif p.chain in wk.stepped:
            text += ", one step up from last week"
        parts.append(text + ".")
        rules.append("one-step-per-week")
    prescribed = _dose_for(wk, ctx, p.chain, p.step)
    if want.protocol and p.dose.sets < prescribed.sets:
        parts.append(
            f"The full dose is {prescribed.sets} sets ({_minutes(prescribed, ex.load):g} min); "
            f"your {ctx.profile.minutes_per_day} minutes a day leave room for {p.dose.sets}. "
            "More minutes a day would allow the full dose."
        )
        rules.append("daily-minutes")
    if p.slug == P.RATHLEFF_LOADED and p.slug in ctx.bypass:
        parts.append(
            f"Protocol dose {_fmt_dose(prescribed)}, 3 s up, 2 s hold, 3 s down, with a backpack "
            "heavy enough that the last reps of each set are hard."
        )
    elif p.slug == P.RATHLEFF and p.slug in ctx.bypass:
        extra = (
            " at body weight: there is no weight in your equipment for the backpack stage"
            if not ctx.usable.get(P.RATHLEFF_LOADED)
            else ""
        )
        parts.append(f"Protocol dose {_fmt_dose(prescribed)}, 3 s up, 2 s hold, 3 s down{extra}.")
    elif p.slug in P.ALFREDSON and p.slug in ctx.bypass:
        parts.append(
            f"Protocol dose {_fmt_dose(prescribed)}: rise on both feet, lower slowly on one. The "
            "protocol says twice a day; footcore keeps heavy loading to every second day."
        )
    if is_loading(ex.load):
        parts.append(
            f"{str(ex.load).capitalize()} load, so only on a strength day: never two days in a "
            "row, never on or the day before your long run."
        )
        rules.append("alternate-days")
    if p.slot is Slot.PRE_RUN:
        parts.append("Before a run: no long holds, no deep stretch, no heavy load.")
        rules.append("pre-run")
    elif p.slot is Slot.POST_RUN:
        parts.append("After the run: release and gentle work only.")
        if "post-run" not in rules:
            rules.append("post-run")
        if ctx.profile.cramp_prone or ctx.adj.cramp_free_post_run:
            parts.append("Nothing that brings on cramp after running.")
            rules.append("post-run-cramp")
    elif ex.cramp_risk and ctx.profile.run_days:
        parts.append("Cramp-risk toe work, kept off long and hard run days.")
        rules.append("post-run-cramp")
    if ex.is_deep_stretch:
        parts.append("A deep stretch, after the release or warm-up in this session.")
        rules.append("deep-after-release")
    subs = ex.substitutions_for(ctx.profile.equipment)
    for equip, how in subs.items():
        parts.append(f"No {equip} listed: {how[:1].lower()}{how[1:]}")
        rules.append("equipment")
    if ctx.mode is Mode.REDUCED and ex.load is not Load.NONE:
        parts.append(f"Pain {ctx.pain}/10: one set fewer and no heavy step.")
        rules.append("pain")
    elif ctx.mode is Mode.GENTLE:
        parts.append("Gentle work only until a clinician has seen your pain.")
        rules.append("pain")
    if ctx.falls:
        rules.append("falls-safety")
    if ex.category in ctx.focus_cats and not want.key.startswith("focus-"):
        parts.append(f"Weighted up by your self-test: {ctx.focus_cats[ex.category]}.")
    if ctx.idx.level[ex.slug] > wk.level:
        parts.append("Part of your goal's protocol, so it starts before its level.")
        rules.append("level")
    if not want.protocol and not want.routine and p.slot not in RUN_SLOTS:
        rules.append("little-and-often")
    if want.key.startswith(("gen-", "focus-", "companion-")) or len(want.pool) > 1:
        rules.append("variety")
    rule_ids = tuple(dict.fromkeys(rules))
    goal_ids = tuple(dict.fromkeys(goals))
    tail = []
    if goal_ids:
        label = "Goal" if len(goal_ids) == 1 else "Goals"
        tail.append(f"{label}: {', '.join(g.replace('-', ' ') for g in goal_ids)}.")
    tail.append(f"Rules: {', '.join(rule_ids)}.")
    return " ".join([*parts, *tail]), rule_ids, goal_ids


def _item(ctx: _Ctx, wk: _Week, day: _DayCtx, p: _Placed) -> PlanItem:
    d = p.dose
    key = (
        p.want.key,
        len(p.want.pool) > 1,
        p.slug,
        p.step,
        p.slot,
        day.kind,  # the run kind and strength day (reasons name the run)
        d.sets,
        d.reps,
        d.hold_s,
        d.duration_s,
        wk.ckey[p.chain],
        wk.eff[p.chain],
        p.chain in wk.stepped,
        ctx.idx.level[p.slug] > wk.level,
        wk.number >= P.ALFREDSON_LOAD_FROM_WEEK,
    )
    found = ctx.item_cache.get(key)
    if found is None:
        found = ctx.item_cache[key] = _make_item(ctx, wk, day, p)
    return found


def _make_item(ctx: _Ctx, wk: _Week, day: _DayCtx, p: _Placed) -> PlanItem:
    ex = ctx.ex(p.slug)
    why, rules, goals = _why(ctx, wk, day, p, ex)
    subs = ex.substitutions_for(ctx.profile.equipment)
    added = None
    if (
        p.slug in P.ALFREDSON
        and p.slug in ctx.bypass
        and wk.number >= P.ALFREDSON_LOAD_FROM_WEEK
        and ctx.pain <= P.ALFREDSON_LOAD_MAX_PAIN
        and "weight" in ctx.profile.equipment
    ):
        added = "backpack: add about 5 kg, more once the reps feel easy and pain stays low"
        why += " Pain is low, so a backpack adds load (Alfredson: add load when pain-free)."
    elif p.slug == P.RATHLEFF_LOADED:
        added = "backpack heavy enough that the last reps of each set are hard"
    d = p.dose
    chain_len = len(ctx.idx.chains[p.chain])
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
        why=why,
        minutes=p.minutes,
        rules=rules,
        goals=goals,
        tempo=d.tempo,
        rest_s=d.rest_s,
        steps=d.steps,
        added_load=added,
        substitute="; ".join(subs.values()) or None,
        chain=p.chain if chain_len > 1 else None,
        step=p.step + 1 if chain_len > 1 else None,
    )


def _order_key(item: PlanItem, ctx: _Ctx) -> tuple[int, int]:
    ex = ctx.ex(item.exercise)
    return CATEGORY_RANK[item.category], 1 if ex.stretch_depth is StretchDepth.DEEP else 0


def _slot_time(ctx: _Ctx, slot: Slot) -> dt.time:
    return ctx.profile.slot_time(slot)


# --------------------------------------------------------------------------------------------
# Days and weeks


def _walking(ctx: _Ctx, wk: _Week, day: _DayCtx, done: dict[str, int]) -> PlanItem | None:
    if Goal.MINIMALIST_TRANSITION not in ctx.goals or day.run is RunKind.LONG:
        return None
    slug = P.BAREFOOT_WALKING
    if not ctx.usable.get(slug):
        return None
    ex = ctx.ex(slug)
    steps = P.barefoot_steps(done.get(slug, 0), ctx.mode is Mode.REDUCED)
    dose = replace(ex.dose, steps=steps)
    week_text = (
        f" No running in minimalist shoes before week {P.MINIMALIST_RUNNING_FROM_WEEK}."
        if wk.number < P.MINIMALIST_RUNNING_FROM_WEEK
        else ""
    )
    why = (
        f"Barefoot or minimalist-shoe walking, {steps} steps today spread over ordinary "
        "walking (at home, errands), not on top of your minutes: it starts at 2,500 steps a "
        f"day and rises a little each week.{week_text} Rest it on long-run days."
    )
    return PlanItem(
        exercise=slug,
        name=ex.name,
        category=ex.category,
        sets=1,
        reps=None,
        hold_s=None,
        duration_s=None,
        per_side=False,
        load=ex.load,
        why=why,
        minutes=_minutes(dose, ex.load),
        rules=("barefoot-walking",),
        goals=("minimalist-transition",),
        steps=steps,
    )


def _day(ctx: _Ctx, wk: _Week, date: dt.date, index: int, done: dict[str, int]) -> Day:
    weekday = Weekday.from_index(date.weekday())
    run = ctx.adj.run_on(date, ctx.run_kind[weekday])
    tomorrow = date + dt.timedelta(days=1)
    tomorrow_run = ctx.adj.run_on(tomorrow, ctx.run_kind[Weekday.from_index(tomorrow.weekday())])
    # Strength days avoid the profile's long-run day and the day before it; a recorded long
    # run on another day moves that rule with it.
    strong = (
        weekday in ctx.strength_days
        and run is not RunKind.LONG
        and tomorrow_run is not RunKind.LONG
    )
    day = _DayCtx(
        date=date,
        weekday=weekday,
        run=run,
        strong=strong,
        programme=weekday in ctx.programme_days,
        index=index,
        slots=ctx.day_slots(run),
        kind=RUN_INDEX[run] * 2 + strong,
    )
    st = _DayState(sessions={s: [] for s in day.slots})
    for want in _day_order(ctx, day, _day_wants(ctx, wk, day)):
        # Each pool turns one place a day (offset by the profile's hash): variety.
        _place(ctx, wk, day, st, want, pool=_rotate(want.pool, _salt(ctx, day, want.key)))
    sessions = []
    for slot in sorted(day.slots, key=lambda s: (_slot_time(ctx, s), SLOT_INDEX[s])):
        placed = st.sessions[slot]
        if not placed:
            continue
        items = sorted((_item(ctx, wk, day, p) for p in placed), key=lambda i: _order_key(i, ctx))
        sessions.append(
            Session(
                slot=slot,
                minutes=total_minutes([i.minutes for i in items]),
                items=tuple(items),
            )
        )
    every = [one for in_slot in st.sessions.values() for one in in_slot]
    for one in every:
        if not one.want.protocol:
            continue
        prescribed = _dose_for(wk, ctx, one.chain, one.step)
        if one.dose.sets < prescribed.sets:
            name = ctx.ex(one.slug).name
            need = st.spent - one.minutes + _minutes(prescribed, ctx.ex(one.slug).load)
            ctx.shortfall[name] = max(ctx.shortfall.get(name, 0.0), need)
    notes: list[str] = []
    loads = any(is_loading(i.load) for s in sessions for i in s.items)
    if loads and run is not RunKind.NONE:
        notes.append(
            f"Strength day with a{'n' if run is RunKind.EASY else ''} {run} run: keep the "
            "heavy work hours away from the run."
        )
    elif loads:
        notes.append("Strength day: no moderate or heavy work tomorrow, to recover.")
    if run is RunKind.LONG:
        notes.append("Long-run day: no moderate or heavy work today or the day before.")
    return Day(
        date=date,
        weekday=weekday,
        run=run,
        sessions=tuple(sessions),
        walking=_walking(ctx, wk, day, done),
        notes=tuple(notes),
    )


def _update_state(
    ctx: _Ctx, wk: _Week, days: Sequence[Day], states: dict[str, _ChainState], done: dict[str, int]
) -> None:
    placed_steps: dict[str, int] = {}
    placed_slugs: set[str] = set()
    for d in days:
        for item in d.items:
            placed_slugs.add(item.exercise)
            chain = ctx.idx.chain_of.get(item.exercise)
            if chain is None:
                continue
            step = ctx.idx.position[item.exercise]
            placed_steps[chain] = max(placed_steps.get(chain, -1), step)
        if d.walking is not None:
            placed_slugs.add(d.walking.exercise)
    for chain, step in placed_steps.items():
        state = states.get(chain)
        if state is None:  # pragma: no cover - every placed chain has a state
            continue
        state.top_placed = step if state.top_placed is None else max(state.top_placed, step)
    for chain, eff in wk.eff.items():
        member = ctx.idx.chains[chain][eff]
        if member in placed_slugs:
            done[member] = done.get(member, 0) + 1
    if P.BAREFOOT_WALKING in placed_slugs:
        done[P.BAREFOOT_WALKING] = done.get(P.BAREFOOT_WALKING, 0) + 1


def _week_texts(ctx: _Ctx, number: int, level: int, prev_level: int) -> tuple[str, str, str | None]:
    info = level_info(level)
    if number >= CONSOLIDATION_FROM_WEEK and level == MAX_LEVEL:
        focus = f"Level {level}, {info.title}. {CONSOLIDATE_FOCUS}"
    else:
        focus = f"Level {level}, {info.title}: {info.focus}"
    goal_bits = []
    if Goal.PLANTAR_HEEL_PAIN in ctx.goals and ctx.mode is not Mode.GENTLE:
        goal_bits.append("heel-pain heel raises every second day")
    if Goal.ACHILLES in ctx.goals and ctx.mode is not Mode.GENTLE:
        goal_bits.append("Achilles loading every second day")
    if ctx.falls_goal:
        goal_bits.append("the falls-prevention programme three days a week")
    if Goal.MINIMALIST_TRANSITION in ctx.goals and ctx.mode is not Mode.GENTLE:
        goal_bits.append("barefoot walking a little further each week")
    if ctx.mode is Mode.GENTLE:
        focus = (
            f"Level {level} is on hold: gentle work only (release, easy mobility, gentle "
            "stretches, unloaded toe control) until a clinician has seen your pain or your "
            "self-test result."
        )
    elif goal_bits:
        focus += " Also: " + "; ".join(goal_bits) + "."
    waiting = " (it waits while the plan is gentle)" if ctx.mode is Mode.GENTLE else ""
    unlocks = (
        f"Unlocked this week{waiting}: {info.unlocks}"
        if level > prev_level
        else "Nothing new unlocks: chains and doses keep progressing slowly."
    )
    nxt: str | None
    if level < MAX_LEVEL:
        coming = level_info(level + 1)
        if ctx.adj.unlocked_level is not None and level >= ctx.adj.unlocked_level:
            nxt = (
                f"Level {level + 1}, {coming.title}, unlocks once most of this level's sessions "
                f"are done: {coming.unlocks}"
            )
        else:
            nxt = f"Next week, level {level + 1}, {coming.title}: {coming.unlocks}"
    else:
        nxt = (
            "Everything is unlocked. Each chain moves one step every two weeks at most, and "
            "doses rise a little; the foot's shape changes after about four months."
        )
    return focus, unlocks, nxt


def _time_note(ctx: _Ctx) -> None:
    """Say once when the daily minutes cut a protocol short, and how many would do."""
    if ctx.shortfall:
        which = " and ".join(sorted(ctx.shortfall))
        need = max(ctx.shortfall.values())
        ctx.notes.append(
            f"Your {ctx.profile.minutes_per_day} minutes a day fit only part of the protocol sets "
            f"of {which} on heavy days; about {math.ceil(need)} minutes on those days would fit "
            "the full dose."
        )


def generate_plan(  # noqa: PLR0917 - the public signature takes report and adjustments too
    profile: Profile,
    catalogue: Catalogue,
    start: dt.date,
    weeks: int,
    report: ReportLike | None = None,
    adjustments: Adjustments | None = None,
) -> Plan:
    """A day-by-day programme of ``weeks`` weeks from ``start`` (same inputs, same plan)."""
    problems = []
    if not 1 <= weeks <= MAX_WEEKS:
        problems.append(Problem("weeks", f"must be from 1 to {MAX_WEEKS}, got {weeks}"))
    adj = adjustments or Adjustments()
    if adj.unlocked_level is not None and not 1 <= adj.unlocked_level <= MAX_LEVEL:
        problems.append(Problem("adjustments.unlocked_level", f"must be from 1 to {MAX_LEVEL}"))
    if adj.pain_nrs is not None and not 0 <= adj.pain_nrs <= 10:
        problems.append(Problem("adjustments.pain_nrs", "must be from 0 to 10"))
    if problems:
        raise ValidationError("plan", problems)
    ctx, flags, focus = _build_ctx(profile, catalogue, report, adj)
    states: dict[str, _ChainState] = {}
    done: dict[str, int] = {}
    out: list[Week] = []
    prev_level = 0
    for number in range(1, weeks + 1):
        wk = _week(ctx, number, states, done)
        first = start + dt.timedelta(days=7 * (number - 1))
        days = [
            _day(ctx, wk, first + dt.timedelta(days=i), 7 * (number - 1) + i, done)
            for i in range(7)
        ]
        _update_state(ctx, wk, days, states, done)
        focus_text, unlocks, nxt = _week_texts(ctx, number, wk.level, prev_level)
        prev_level = wk.level
        out.append(
            Week(
                number=number,
                level=wk.level,
                focus=focus_text,
                days=tuple(days),
                unlocks=unlocks,
                next=nxt,
            )
        )
    _time_note(ctx)
    return Plan(
        profile=profile,
        start=start,
        weeks=tuple(out),
        flags=tuple(flags),
        notes=tuple(ctx.notes),
        focus_areas=tuple(focus),
        adjustments=adj,
        generator_version=GENERATOR_VERSION,
    )
