"""Step 2 of the planner: the running week, and where loading may go around the runs.

- **Loading days** (moderate and heavy work, the protocols that load every second day): up
  to three weekdays, never two in a row (Sunday to Monday counts), never the long-run day,
  the day before it or the day after it; rest days first, then hard-run days, then easy-run
  days (loading on a run day goes after the run, never before it).
- **Programme days**: three non-consecutive weekdays for a protocol done three times a week
  with all its items (falls prevention), away from long and hard runs where the week allows
  (its toe-curling items cannot go on such a day, and every session holds every item), then
  on days that may take loading; for falls prevention the loading days then follow them,
  except beside a programme that loads on the loading days (heel pain, the Achilles): then
  the two take separate days, so a short day does not cut both sessions.
- **Session days**: a number of days a week for a protocol such as the foot-core programme
  (four a week, later three), loading days first.
- A day's slots in time order, which of them come after the day's run, and whether the
  morning after a long or hard run.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from footcore.domain.planning.context import EVERYDAY_SLOTS, Memo, Mode, PlanContext
from footcore.domain.planning.protocol import Frequency, Protocol
from footcore.domain.planning.safety import is_loading
from footcore.domain.profile import Profile
from footcore.domain.vocab import Goal, RunKind, Slot, Weekday

MAX_LOADING_DAYS = 3
PROGRAMME_DAYS = 3
#: Preference of each kind of day for loading (higher first): the issue of tired legs.
LOADING_PREFERENCE = {RunKind.NONE: 3, RunKind.HARD: 2, RunKind.EASY: 1}
#: Programme days: a day that may take loading counts 3, a day without a run 1; a long or
#: hard run day -4, more than loading gains, so it is chosen only when nothing else works.
PROGRAMME_PREFERENCE = {RunKind.NONE: 1, RunKind.EASY: 0, RunKind.HARD: -4, RunKind.LONG: -4}
PROGRAMME_LOADING_BONUS = 3
SLOT_ORDER = {slot: i for i, slot in enumerate(Slot)}


def run_kinds(profile: Profile) -> dict[Weekday, RunKind]:
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


def _best_days(candidates: Sequence[int], most: int, score: dict[int, int]) -> tuple[int, ...]:
    """The non-adjacent subset of at most ``most`` days with the best (count, preference,
    spread), ties broken towards earlier weekdays."""
    best: tuple[int, ...] = ()
    best_key: tuple[int, int, int, int] | None = None
    for n in range(min(most, len(candidates)), 0, -1):
        for chosen in itertools.combinations(candidates, n):
            if any(_adjacent(a, b) for a, b in itertools.combinations(chosen, 2)):
                continue
            key = (n, sum(score[d] for d in chosen), _spread(chosen), -sum(chosen))
            if best_key is None or key > best_key:
                best, best_key = chosen, key
        if best:
            break
    return best


def near_long_run(kinds: dict[Weekday, RunKind], day: int) -> bool:
    """The long-run day itself, the day before it or the day after it."""
    return any(kinds[Weekday.from_index((day + d) % 7)] is RunKind.LONG for d in (-1, 0, 1))


@dataclass(frozen=True)
class RunWeek:
    kinds: dict[Weekday, RunKind]
    loading: frozenset[Weekday]
    programme: frozenset[Weekday]
    run_time: dt.time | None
    slot_times: dict[Slot, dt.time]

    def after_run(self, slot: Slot) -> bool:
        """Whether a session in ``slot`` comes after the day's run."""
        if slot is Slot.POST_RUN:
            return True
        if slot is Slot.PRE_RUN or self.run_time is None:
            return False
        return self.slot_times[slot] > self.run_time


def build_run_week(ctx: PlanContext) -> RunWeek:
    profile = ctx.profile
    kinds = run_kinds(profile)
    times = {slot: profile.slot_time(slot) for slot in Slot}
    run_time = _run_time(profile, times)
    week = RunWeek(kinds, frozenset(), frozenset(), run_time, times)
    candidates: list[int] = []
    suited: set[int] = set()
    if ctx.mode in (Mode.NORMAL, Mode.REDUCED):
        candidates = [
            d.number
            for d in Weekday
            if not near_long_run(kinds, d.number) and loading_slots(ctx, week, kinds[d])
        ]
        moments = _loading_moments(ctx)
        suited = {
            d
            for d in candidates
            if any(s in moments for s in loading_slots(ctx, week, kinds[Weekday.from_index(d)]))
        }
    falls = Goal.FALLS_PREVENTION in ctx.goals
    if shares_loading(ctx):
        # A heel or tendon programme loads on the loading days: the falls programme takes
        # the others, so neither halves the other's dose on a shared day.
        loading = _loading_days(candidates, suited, _loading_score(kinds, candidates))
        programme = _best_days(
            list(range(7)),
            PROGRAMME_DAYS,
            {
                d: PROGRAMME_PREFERENCE[kinds[Weekday.from_index(d)]]
                - (d in loading) * PROGRAMME_LOADING_BONUS * 2
                for d in range(7)
            },
        )
    else:
        programme = _best_days(
            list(range(7)),
            PROGRAMME_DAYS,
            {
                d: (d in candidates) * PROGRAMME_LOADING_BONUS
                + PROGRAMME_PREFERENCE[kinds[Weekday.from_index(d)]]
                for d in range(7)
            },
        )
        # Falls prevention's programme days take its stronger band, so they are loading
        # days where they can be.
        score = _loading_score(kinds, candidates)
        for d in candidates:
            score[d] += (falls and d in programme) * PROGRAMME_LOADING_BONUS
        loading = _loading_days(candidates, suited, score)
    return RunWeek(
        kinds=kinds,
        loading=frozenset(Weekday.from_index(d) for d in loading),
        programme=frozenset(Weekday.from_index(d) for d in programme),
        run_time=run_time,
        slot_times=times,
    )


def _loading_days(
    candidates: Sequence[int], suited: set[int], score: dict[int, int]
) -> tuple[int, ...]:
    """The loading days: first among the days with a moment that can hold the loading work
    (a rest day whose only moment is brushing teeth cannot hold heel raises on a step, an
    easy run's post-run session can: physio review 17, a heel-pain plan held no heel raises
    in 16 weeks), then the others where the week leaves room (the plan says what would let
    them hold a session)."""
    first = _best_days([d for d in candidates if d in suited], MAX_LOADING_DAYS, score)
    rest = [d for d in candidates if d not in suited and not any(_adjacent(d, c) for c in first)]
    return tuple(sorted(first + _best_days(rest, MAX_LOADING_DAYS - len(first), score)))


def _loading_score(kinds: dict[Weekday, RunKind], candidates: Sequence[int]) -> dict[int, int]:
    return {d: LOADING_PREFERENCE[kinds[Weekday.from_index(d)]] for d in candidates}


def loading_exercises(ctx: PlanContext, p: Protocol, *, alternates: bool = False) -> list[str]:
    """The moderate or heavy exercises of a protocol done on the loading days, with the
    ones that take turns with them if asked (none when it is not such a protocol, or not in
    force)."""
    if p.frequency is not Frequency.LOADING_DAYS or ctx.mode not in (Mode.NORMAL, Mode.REDUCED):
        return []
    return [
        e
        for i in p.items
        for s in i.stages
        for e in (s.exercise, *(s.alternates if alternates else ()))
        if ctx.has(e) and is_loading(ctx.ex(e).load)
    ]


def _loading_moments(ctx: PlanContext) -> frozenset[Slot]:
    """The moments that can hold the loading work (its own stages and their alternates) of
    the person's programmes that load every second day; every moment when none does."""
    loaded = [e for p in ctx.protocols for e in loading_exercises(ctx, p, alternates=True)]
    if not loaded:
        return frozenset(Slot)
    return frozenset(s for e in loaded for s in ctx.ex(e).slots)


def shares_loading(ctx: PlanContext) -> bool:
    """Whether falls prevention shares the person's week with another goal's programme that
    loads on the loading days (heel pain, the Achilles, the minimalist transition's calf
    raises): at full load, or in an easier form that keeps those days."""
    if Goal.FALLS_PREVENTION not in ctx.goals:
        return False
    return any(
        p.frequency is Frequency.LOADING_DAYS
        and p.goal is not Goal.FALLS_PREVENTION
        and (
            ctx.mode is Mode.NORMAL
            or (ctx.mode is Mode.REDUCED and p.pain.reduced_keeps_loading_days)
        )
        for p in ctx.protocols
    )


def days_apart_from_programme(week: RunWeek) -> frozenset[Weekday]:
    """Three non-consecutive days away from the programme days where the week allows (a
    light every-second-day form beside falls prevention: heel pain at 4-5/10 shared the
    falls programme's days, one set of every Spink item and four near-empty days: physio
    review 13); the programme days when no such day is left."""
    free = [d.number for d in Weekday if d not in week.programme]
    score = {d: PROGRAMME_PREFERENCE[week.kinds[Weekday.from_index(d)]] for d in free}
    chosen = _best_days(free, PROGRAMME_DAYS, score)
    if len(chosen) < PROGRAMME_DAYS:
        return week.programme
    return frozenset(Weekday.from_index(d) for d in chosen)


def loading_after_runs(ctx: PlanContext) -> frozenset[Weekday]:
    """The loading days a runner with no moment before or after runs would have with an
    'after runs' moment (none for anyone else): heavy work may then follow a run."""
    slots = ctx.profile.slots
    if not ctx.runner or Slot.PRE_RUN in slots or Slot.POST_RUN in slots:
        return frozenset()
    profile = replace(ctx.profile, slots=(*slots, Slot.POST_RUN))
    return build_run_week(replace(ctx, profile=profile, memo=Memo())).loading


def _run_time(profile: Profile, times: dict[Slot, dt.time]) -> dt.time | None:
    """When the day's run starts: the pre-run session's time, or an hour before the
    post-run one; unknown when the profile has neither."""
    if Slot.PRE_RUN in profile.slots:
        return times[Slot.PRE_RUN]
    if Slot.POST_RUN in profile.slots:
        post = dt.datetime.combine(dt.date(2000, 1, 1), times[Slot.POST_RUN])
        return (post - dt.timedelta(hours=1)).time()
    return None


def loading_slots(ctx: PlanContext, week: RunWeek, run: RunKind) -> tuple[Slot, ...]:
    """The slots where moderate or heavy work may go on a day with this run: any everyday
    slot on a rest day; on a run day only sessions after the run (the post-run session not
    for a cramp-prone runner, whose tired calves and feet cramp, and after a long or hard
    run none at all for them: every later session holds only rolling and a gentle calf
    stretch, so such a day cannot be a loading day)."""
    slots = ctx.slots()
    if run is RunKind.NONE:
        return tuple(s for s in slots if s in EVERYDAY_SLOTS)
    if ctx.cramp_prone and run in (RunKind.LONG, RunKind.HARD):
        return ()
    return tuple(
        s for s in slots if week.after_run(s) and not (s is Slot.POST_RUN and ctx.cramp_prone)
    )


def session_days(
    week: RunWeek,
    count: int,
    busy: frozenset[Weekday] = frozenset(),
    closed: frozenset[Weekday] = frozenset(),
) -> frozenset[Weekday]:
    """``count`` weekdays for a protocol's sessions: days that can hold one (not ``closed``)
    first, then days without another protocol's session (``busy``), loading days (where its
    heavier steps may go), rest days, days away from the long run."""

    def rank(d: int) -> tuple[bool, bool, bool, bool, bool, bool, int]:
        day = Weekday.from_index(d)
        kind = week.kinds[day]
        before = week.kinds[Weekday.from_index((d - 1) % 7)]
        return (
            day in closed,
            day in busy,
            day not in week.loading,
            kind is RunKind.LONG,
            before is RunKind.LONG,
            kind is not RunKind.NONE,
            d,
        )

    return frozenset(Weekday.from_index(d) for d in sorted(range(7), key=rank)[:count])


def closed_days(ctx: PlanContext, week: RunWeek) -> frozenset[Weekday]:
    """Days that cannot hold a foot-core session: for a cramp-prone runner, a long or hard
    run day whose every moment but the pre-run primer comes after the run (after such a
    run only rolling and a gentle calf stretch are safe)."""
    if not ctx.cramp_prone:
        return frozenset()
    before = [s for s in ctx.slots() if s in EVERYDAY_SLOTS and not week.after_run(s)]
    if before:
        return frozenset()
    return frozenset(d for d, kind in week.kinds.items() if kind in (RunKind.LONG, RunKind.HARD))
