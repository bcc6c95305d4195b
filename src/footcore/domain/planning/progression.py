"""Step 3 of the planner: this week's step of every progression chain, and its dose.

The fill work (everything but a goal's protocol) climbs the catalogue's chains: each chain
starts at its first usable step (a supported one only for falls prevention or from age 65),
moves one step up once its current step was done for a week (two weeks from week 7), never
above what the week's level unlocks, and is shifted by adaptation (``chain_offsets``), never
more than one step above the highest step done. Doses at the same step grow slowly
(:func:`progress_dose`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from footcore.domain.exercise import Dose, Exercise
from footcore.domain.planning.context import Mode, PlanContext
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.planning.model import level_for_week
from footcore.domain.planning.norms import capped_hold, falls_hold
from footcore.domain.timing import item_minutes
from footcore.domain.vocab import Category, Load, Position

CONSOLIDATION_FROM_WEEK = 7
SUPPORTED_START_AGE = 65


def level_for(ctx: PlanContext, week: int) -> int:
    """The week's level (:func:`footcore.domain.planning.model.level_for_week`)."""
    return level_for_week(week, ctx.adj, MAX_LEVEL)


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
        more = k >= 4 and base.sets >= 2 and not base.hold_s and base.tempo is None
        return replace(base, reps=reps, sets=base.sets + (1 if more else 0))
    return base


def reduce_for_pain(ctx: PlanContext, dose: Dose, ex: Exercise) -> Dose:
    """Pain 4-5/10: one set fewer on loaded work."""
    if ctx.mode is Mode.REDUCED and ex.load is not Load.NONE and dose.sets > 1:
        return replace(dose, sets=dose.sets - 1)
    return dose


@dataclass
class ChainState:
    natural: int  # the step without adaptation offsets
    top_placed: int | None = None  # the highest step placed so far
    step: int | None = None  # last week's step


@dataclass
class ChainWeek:
    """One week of every chain: its step, the steps usable at or below it, its dose."""

    level: int
    step: dict[str, int] = field(default_factory=dict)
    allowed: dict[str, tuple[int, ...]] = field(default_factory=dict)
    dose: dict[str, Dose] = field(default_factory=dict)
    stepped: set[str] = field(default_factory=set)  # chains one step up from last week
    sig: dict[str, int] = field(default_factory=dict)  # chain -> its state as a number


class Progression:
    """The chains' state across the plan's weeks."""

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self.states: dict[str, ChainState] = {}
        self.done: dict[str, int] = {}  # slug -> weeks it was placed at its chain's step
        self._usable_memo: dict[int, dict[str, tuple[int, ...]]] = {}
        self._dose_memo: dict[tuple[str, int], Dose] = {}
        self._doses: dict[Dose, Dose] = {}
        self._up_to_memo: dict[tuple[tuple[int, ...], int], tuple[int, ...]] = {}
        self._slow_memo: dict[str, bool] = {}

    def usable_steps(self, level: int) -> dict[str, tuple[int, ...]]:
        """Per chain, the steps this person may use at this level."""
        found = self._usable_memo.get(level)
        if found is None:
            ctx = self.ctx
            found = {}
            for chain, members in ctx.idx.chains.items():
                steps = tuple(
                    i
                    for i, m in enumerate(members)
                    if ctx.usable[m] and ctx.ex(m).dose.steps is None and ctx.idx.level[m] <= level
                )
                if steps:
                    found[chain] = steps
            self._usable_memo[level] = found
        return found

    def week(self, number: int) -> ChainWeek:
        level = level_for(self.ctx, number)
        out = ChainWeek(level=level)
        chains = self.ctx.idx.chains
        signatures = self.ctx.memo.signatures
        states, done = self.states, self.done
        steps_of, allowed_of, dose_of, sig_of = out.step, out.allowed, out.dose, out.sig
        for chain, steps in self.usable_steps(level).items():
            step = self._advance(chain, steps, number)
            allowed = self._up_to(steps, step)
            member = chains[chain][step]
            dose = self.dose(member, done.get(member, 0))
            steps_of[chain] = step
            allowed_of[chain] = allowed
            dose_of[chain] = dose
            top = states[chain].top_placed
            if top is not None and step > top:
                out.stepped.add(chain)
            one = (chain, step, allowed, id(dose))
            sig_of[chain] = signatures.setdefault(one, len(signatures))
        return out

    def _up_to(self, steps: tuple[int, ...], step: int) -> tuple[int, ...]:
        """The usable steps at or below ``step`` (memoised: a few pairs recur all plan)."""
        key = (steps, step)
        found = self._up_to_memo.get(key)
        if found is None:
            found = self._up_to_memo[key] = tuple(i for i in steps if i <= step)
        return found

    def _advance(self, chain: str, steps: tuple[int, ...], number: int) -> int:
        ctx = self.ctx
        members = ctx.idx.chains[chain]
        state = self.states.get(chain)
        if state is None:
            state = self.states[chain] = ChainState(natural=self._start(members, steps))
        else:
            last = state.natural if state.step is None else state.step
            current = members[min(last, len(members) - 1)]
            hold = 1 if number < CONSOLIDATION_FROM_WEEK and not self._slow(chain) else 2
            if state.natural + 1 in steps and self.done.get(current, 0) >= hold:
                state.natural += 1
        if state.natural not in steps:
            lower = [i for i in steps if i <= state.natural]
            state.natural = lower[-1] if lower else steps[0]
        lo, hi = _block(steps, state.natural)
        target = min(hi, max(lo, state.natural + ctx.adj.chain_offsets.get(chain, 0)))
        if state.top_placed is not None and target > state.top_placed + 1:
            target = max(i for i in steps if i <= state.top_placed + 1)
        state.step = target
        return target

    def _slow(self, chain: str) -> bool:
        """Balance for someone at risk of falling (the falls goal or a fall-risk result)
        moves a step every two weeks, the falls programme's pace, not every week: one whose
        one-leg stance lasted 4 s reached heel-to-toe with the eyes closed in week 5."""
        found = self._slow_memo.get(chain)
        if found is None:
            ctx = self.ctx
            first = ctx.ex(ctx.idx.chains[chain][0])
            found = self._slow_memo[chain] = ctx.falls and first.category is Category.BALANCE
        return found

    def _start(self, members: tuple[str, ...], steps: tuple[int, ...]) -> int:
        ctx = self.ctx
        supported_ok = ctx.falls or ctx.profile.age >= SUPPORTED_START_AGE
        for i in steps:
            if supported_ok or ctx.ex(members[i]).position is not Position.SUPPORTED_STANDING:
                return i
        return steps[0]

    def dose(self, slug: str, weeks_done: int) -> Dose:
        if self.ctx.mode in (Mode.HIGH, Mode.STOP):
            weeks_done = 0  # doses hold while pain is above 5/10 or a clinician is awaited
        key = (slug, min(weeks_done, 8))
        found = self._dose_memo.get(key)
        if found is None:
            ex = self.ctx.ex(slug)
            found = reduce_for_pain(self.ctx, self._grown(ex, key[1]), ex)
            # an age's one-leg norm, and the person's own self-test best
            found = capped_hold(self.ctx.profile, ex, found, self.ctx.measured)
            if self.ctx.falls:
                found = falls_hold(ex, found)
            # One object per distinct dose: the memo keys downstream use its identity, and
            # a dose that has stopped rising (weeks 6-8) must read as the same one.
            found = self._doses.setdefault(found, found)
            self._dose_memo[key] = found
        return found

    def _grown(self, ex: Exercise, weeks_done: int) -> Dose:
        """The dose after ``weeks_done`` weeks, grown no further than the day's minutes hold:
        on a two-minute day a dose that outgrows the minutes would push the only exercise
        out of the day, so it stops at the last size that fits."""
        budget = self.ctx.profile.minutes_per_day + 1e-9
        for k in range(weeks_done, 0, -1):
            dose = progress_dose(ex.dose, k, ex)
            if dose is ex.dose or item_minutes(dose, ex.load) <= budget:
                return dose
        return ex.dose

    def base_dose(self, slug: str) -> Dose:
        """The catalogue's dose (a lower step used on a day that does not suit this week's)."""
        return self.dose(slug, 0)

    def record(self, week: ChainWeek, placed: Iterable[str], fill: Iterable[str]) -> None:
        """After a week: every chain step placed (``placed``) raises the chain's highest step;
        the fill work placed at its chain's step (``fill``; a protocol's items follow their
        own stages) counts one more week done at that dose."""
        slugs = set(placed)
        ctx = self.ctx
        for slug in slugs:
            chain = ctx.idx.chain_of.get(slug)
            if chain is None:
                continue
            # A chain the levels have not opened yet can still be reached by a protocol.
            state = self.states.setdefault(chain, ChainState(natural=ctx.idx.position[slug]))
            pos = ctx.idx.position[slug]
            state.top_placed = pos if state.top_placed is None else max(state.top_placed, pos)
        done = set(fill)
        for chain, step in week.step.items():
            member = ctx.idx.chains[chain][step]
            if member in done:
                self.done[member] = self.done.get(member, 0) + 1

    def highest(self, slug: str) -> int | None:
        """The highest step placed so far in this exercise's chain (None: none yet)."""
        chain = self.ctx.idx.chain_of.get(slug)
        state = self.states.get(chain) if chain is not None else None
        return state.top_placed if state is not None else None


_BLOCKS: dict[tuple[tuple[int, ...], int], tuple[int, int]] = {}


def _block(steps: tuple[int, ...], at: int) -> tuple[int, int]:
    """:func:`_run_around`, memoised (for every plan: it reads its arguments alone)."""
    key = (steps, at)
    found = _BLOCKS.get(key)
    if found is None:
        found = _run_around(steps, at)
        if len(_BLOCKS) < 10_000:
            _BLOCKS[key] = found
    return found


def _run_around(steps: tuple[int, ...], at: int) -> tuple[int, int]:
    """The run of consecutive usable steps around ``at``."""
    lo = hi = at
    s = set(steps)
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    return lo, hi
