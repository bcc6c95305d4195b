"""Step 6 of the planner: one day, from its place in the running week to its sessions."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from footcore.domain.exercise import Dose, Exercise
from footcore.domain.planning import texts
from footcore.domain.planning.context import Mode, PlanContext
from footcore.domain.planning.model import Day, PlanItem, Session
from footcore.domain.planning.place import (
    MIN_ITEM_MINUTES,
    RELEASE_KIND,
    DayInfo,
    DayState,
    Placed,
    Work,
    minutes,
    one_set,
    own_count,
    place_protocol,
    place_want,
    pool_for,
    want_applies,
    want_candidates,
)
from footcore.domain.planning.prescribe import Prescribed, stage_dose
from footcore.domain.planning.progression import ChainWeek, Progression
from footcore.domain.planning.protocol import Frequency, Protocol, Want
from footcore.domain.planning.runweek import (
    SLOT_ORDER,
    RunWeek,
    closed_days,
    days_apart_from_programme,
    loading_slots,
    session_days,
)
from footcore.domain.planning.safety import is_loading
from footcore.domain.timing import total_minutes
from footcore.domain.vocab import Category, Goal, Load, RunKind, Slot, StretchDepth, Weekday

RUN_SLOTS = (Slot.PRE_RUN, Slot.POST_RUN)

HARD_RUNS = (RunKind.LONG, RunKind.HARD)
CATEGORY_RANK = {cat: i for i, cat in enumerate(Category)}


def _easier_steps(ctx: PlanContext, slug: str) -> tuple[str, ...]:
    """The exercise and, for a loading one, the steps of its chain below it, which it steps
    down to on a day without loading."""
    chain = ctx.idx.chain_of.get(slug)
    if chain is None or not is_loading(ctx.ex(slug).load):
        return (slug,)
    members = ctx.idx.chains[chain]
    return members[: ctx.idx.position[slug] + 1]


class WeekPlan:
    """What a week holds before its days are built: the chains' steps, each protocol's
    items, the session days of each protocol and the wants in priority order."""

    def __init__(
        self,
        ctx: PlanContext,
        rw: RunWeek,
        cw: ChainWeek,
        number: int,
        *,
        items: Mapping[str, list[Prescribed]],
        wants: Sequence[Want],
    ) -> None:
        self.number = number
        self.cw = cw
        self.items = items
        ctx.memo.volume_before = dict(ctx.memo.volume)  # last week's, for the budget's floors
        # The exercises this week's protocol items (and their stand-ins) use are theirs all
        # week: fill work takes others, so one exercise is never done at two doses in a week
        # (eyes-closed balance 2 x 15 s in the foot-core sessions, 3 x 40 s in between).
        # A protocol whose session never fits the day's minutes (one set of each item is
        # more) holds nothing, so it owns nothing: two minutes while brushing teeth keep
        # the big-toe roll the ankle routine would have begun with.
        self.fits = frozenset(pid for pid, rxs in items.items() if _can_fit(ctx, pid, rxs))
        self.falls_ids = frozenset(p.id for p in ctx.protocols if p.goal is Goal.FALLS_PREVENTION)
        # The easier steps of a loading item's chain are its too: on a day without loading
        # the item steps down to them, and fill work gave the same exercise at another dose
        # (supported heel raises 1 x 10 in the foot-core sessions, 4 x 13 on Sundays:
        # physio review 18).
        self.owned = frozenset(
            slug
            for pid, rxs in items.items()
            if pid in self.fits
            for rx in rxs
            for ex in (rx.ex, *rx.alternates, *rx.stand_ins)
            for slug in _easier_steps(ctx, ex.slug)
        )
        self.wants = wants
        self._pools(ctx, cw, wants)
        # Falls prevention keeps to its three days: other work goes on them too.
        self.open_days = rw.programme if Goal.FALLS_PREVENTION in ctx.goals else None
        self.walking: dict[bool, PlanItem | None] = {}
        self.notes: dict[tuple[RunKind, bool, bool], tuple[str, ...]] = {}
        self.days: dict[str, frozenset[Weekday]] = {}
        self.today: dict[tuple[str, frozenset[Slot]], tuple[Prescribed, ...]] = {}
        self.sessions: dict[tuple[Weekday, bool], frozenset[str]] = {}
        self.reserved: dict[frozenset[str], frozenset[str]] = {}  # per day's sessions
        self._protocol_days(ctx, rw, number, items)

    def _pools(self, ctx: PlanContext, cw: ChainWeek, wants: Sequence[Want]) -> None:
        """Each want's pool of chains this week, its signature, and how many of its chains
        the person has the equipment for."""
        self.pools = {w.key: pool_for(ctx, cw, w) for w in wants}
        signatures = ctx.memo.signatures
        self.pool_sigs = {
            key: signatures.setdefault(tuple(map(cw.sig.__getitem__, pool)), len(signatures))
            for key, pool in self.pools.items()
        }
        # How many chains of a pool the person has the equipment for reads only the pool's
        # chain steps, which its signature names: memoised for the plan.
        owns = ctx.memo.own
        self.own = {}
        for key, pool in self.pools.items():
            sig = self.pool_sigs[key]
            found = owns.get(sig)
            if found is None:
                found = owns[sig] = own_count(ctx, cw, pool)
            self.own[key] = found
        # Which wants have an empty pool this week, as a number (a memo key for the plan).
        empty = tuple(not self.pools[w.key] for w in wants)
        self.empty_sig = signatures.setdefault(("empty", *empty), len(signatures))

    def _protocol_days(
        self,
        ctx: PlanContext,
        rw: RunWeek,
        number: int,
        items: Mapping[str, list[Prescribed]],
    ) -> None:
        """The weekdays of each protocol's sessions this week (a loading-days protocol at
        full load has none of its own: it goes on the loading days)."""
        busy: frozenset[Weekday] = frozenset()
        closed = ctx.memo.closed
        if closed is None:
            closed = ctx.memo.closed = closed_days(ctx, rw)
        for p in ctx.protocols:  # highest priority first
            if p.frequency is Frequency.LOADING_DAYS and items.get(p.id):
                if any(is_loading(rx.ex.load) for rx in items[p.id]) or (
                    p.pain.reduced_keeps_loading_days and rw.loading
                ):
                    busy |= rw.loading
                else:
                    # Its light form (heel raises on both feet at pain 4-5/10) needs no
                    # loading day: every second day, three a week, away from the long run
                    # where the week allows (Dana had it on two days only); beside falls
                    # prevention, away from its days too.
                    light = rw.programme
                    if Goal.FALLS_PREVENTION in ctx.goals:
                        light = days_apart_from_programme(rw)
                    self.days[p.id] = light
                    busy |= light
            if p.frequency is Frequency.SESSIONS:
                self.days[p.id] = session_days(rw, p.sessions_in_week(number), busy, closed)
            elif p.frequency is Frequency.PROGRAMME_DAYS:
                self.days[p.id] = rw.programme


def _can_fit(ctx: PlanContext, pid: str, items: Sequence[Prescribed]) -> bool:
    """Whether a protocol's session can ever be placed: one set of each item within the
    day's minutes, or a programme that is the whole of its days (it then holds one set of
    part of it)."""
    p = next(q for q in ctx.protocols if q.id == pid)
    if p.frequency is Frequency.PROGRAMME_DAYS:
        return True
    return sum(one_set(ctx, rx) for rx in items) <= ctx.profile.minutes_per_day


def day_info(ctx: PlanContext, rw: RunWeek, wp: WeekPlan, date: dt.date, index: int) -> DayInfo:
    before, run, after = _runs_around(ctx, rw, date)
    weekday = Weekday.from_index(date.weekday())
    near_long = RunKind.LONG in (before, run, after)
    shape = _day_shape(ctx, rw, run)
    places, slots, after_run = shape
    loading = weekday in rw.loading and not near_long and bool(places)
    loading_at = places if loading else frozenset()
    sessions = wp.sessions.get((weekday, loading))
    if sessions is None:  # the same for every such day of the week
        sessions = wp.sessions[weekday, loading] = frozenset(
            p.id for p in ctx.protocols if _session_today(ctx, p, wp, weekday, loading)
        )
    kind_key = (run, loading, loading_at, slots, after_run, before is RunKind.LONG)
    return DayInfo(
        date=date,
        index=index,
        week=wp.number,
        weekday=weekday,
        run=run,
        slots=slots,
        loading=loading,
        loading_slots=loading_at,
        after_run=after_run,
        after_hard=before in HARD_RUNS,
        after_long=before is RunKind.LONG,
        sessions=sessions,
        kind=ctx.memo.kinds.setdefault(kind_key, len(ctx.memo.kinds)),
    )


def _runs_around(ctx: PlanContext, rw: RunWeek, date: dt.date) -> tuple[RunKind, ...]:
    """The runs of the day before, the day and the day after: the recorded one where there
    is one, else the running week's (``Adjustments.run_on``)."""
    runs = ctx.memo.runs
    if runs is None:
        runs = ctx.memo.runs = tuple(rw.kinds[Weekday.from_index(i)] for i in range(7))
    i = date.weekday()
    found = (runs[i - 1], runs[i], runs[(i + 1) % 7])
    recorded = ctx.adj.recorded_runs
    if not recorded:
        return found
    one = dt.timedelta(days=1)
    return tuple(
        recorded.get(d, r) for d, r in zip((date - one, date, date + one), found, strict=True)
    )


def _day_shape(
    ctx: PlanContext, rw: RunWeek, run: RunKind
) -> tuple[frozenset[Slot], tuple[Slot, ...], frozenset[Slot]]:
    """For a day with this run: where loading may go, the slots in time order, and which of
    them come after the run (memoised: it depends on the run alone)."""
    found = ctx.memo.shapes.get(run)
    if found is None:
        runner = ctx.runner and run is not RunKind.NONE
        slots = tuple(
            sorted(
                (s for s in ctx.slots() if s not in RUN_SLOTS or runner),
                key=lambda s: (rw.slot_times[s], SLOT_ORDER[s]),
            )
        )
        after = frozenset(s for s in slots if run is not RunKind.NONE and rw.after_run(s))
        found = ctx.memo.shapes[run] = (frozenset(loading_slots(ctx, rw, run)), slots, after)
    return found


def _session_today(
    ctx: PlanContext, p: Protocol, wp: WeekPlan, weekday: Weekday, loading: bool
) -> bool:
    frequency = p.frequency
    if ctx.mode is Mode.HIGH and p.pain.high:
        frequency = p.pain.high_frequency  # its own gentle form keeps its own days
    elif ctx.mode is Mode.HIGH and frequency is Frequency.LOADING_DAYS:
        return False  # no loading days while pain is high; its gentle items wait with it
    if frequency is Frequency.DAILY:
        return True
    if frequency is Frequency.LOADING_DAYS:
        light = wp.days.get(p.id)
        return loading if light is None else weekday in light
    return weekday in wp.days.get(p.id, frozenset())


def build_day(
    ctx: PlanContext, rw: RunWeek, prog: Progression, wp: WeekPlan, date: dt.date, *, index: int
) -> tuple[Day, DayState]:
    info = day_info(ctx, rw, wp, date, index)
    st = DayState(budget=float(ctx.profile.minutes_per_day), sessions={s: [] for s in info.slots})
    work = Work(ctx, prog, wp.cw, info, st)
    demands = _demands(ctx, wp, info)
    rests = _reserve(ctx, wp, info, st)
    todays = {
        d.id: _protocol_today(ctx, prog, wp, info, d.id)
        for _, _, d in demands
        if not isinstance(d, Want)
    }
    _one_release(wp, st, todays)
    later = _later_shares(work, wp, todays)
    rolls = {d.id: _cool_down_minutes(work, wp, d, first=True) for d in ctx.protocols if d.daily}
    care = _care_minutes(work, wp, demands)
    done: dict[str, str] = {}  # a kind of protocol work done today -> the protocol's id
    for _priority, _key, demand in demands:
        if isinstance(demand, Want):
            # Too little room skips a want; a protocol further down still learns that it
            # did not fit.
            if st.room >= MIN_ITEM_MINUTES:
                key = demand.key
                place_want(work, demand, wp.pools[key], wp.pool_sigs[key], wp.own[key])
            continue
        later.pop(demand.id, None)
        keep = _kept_for_later(wp, demand, later)
        cool = sum(rolls[pid] for pid in later if pid in rolls and not todays.get(pid))
        _place_protocol_today(
            ctx,
            wp,
            info,
            st,
            demand=demand,
            today=todays[demand.id],
            done=done,
            rests=rests,
            keep=keep,
            cool=cool,
            care=sum(m for pid, m in care.items() if pid != demand.id),
        )
        if demand.id in st.missed:
            _release(ctx, wp, info, st, demand.id)
    sessions = _sessions(ctx, rw, wp, info, st)
    day = Day(
        date=date,
        weekday=info.weekday,
        run=info.run,
        sessions=sessions,
        walking=_walking(ctx, wp, info),
        notes=_notes(ctx, wp, info, sessions),
    )
    return day, st


def _one_release(wp: WeekPlan, st: DayState, todays: Mapping[str, Sequence[Prescribed]]) -> None:
    """A protocol's release today is the day's release, whichever is placed first: the
    heel-pain release then the ankle routine's were two rollings back to back. (Not that of
    a session the day's minutes can never hold.)"""
    if any(
        p.ex.category is Category.RELEASE
        for pid, items in todays.items()
        if pid in wp.fits
        for p in items
    ):
        st.kinds.add(RELEASE_KIND)


def _release(ctx: PlanContext, wp: WeekPlan, info: DayInfo, st: DayState, pid: str) -> None:
    """A protocol session that did not fit today holds nothing, so the daily work may take
    what it had reserved (the chains and kinds of work of its items), except what another
    of today's sessions reserves too (two minutes while brushing teeth: the ankle routine
    never fits and kept the big-toe roll from the daily work, four days a week empty)."""
    mine = _reserved(ctx, wp, frozenset({pid}))
    others = _reserved(ctx, wp, info.sessions - {pid})
    st.reserved -= mine - others


def _reserve(ctx: PlanContext, wp: WeekPlan, info: DayInfo, st: DayState) -> frozenset[str]:
    """What fill work may not take today (placing adds to it: one chain a day), and the
    tendon's kind of work on its days between sessions (returned)."""
    st.reserved = set(_reserved(ctx, wp, info.sessions))
    rests = _tendon_rests(ctx, info)
    if rests:  # no calf raise of any other work on the tendon's days between its sessions
        for work in rests:
            st.reserved |= ctx.idx.works.get(work, frozenset())
        st.reserved |= ctx.idx.calf_strength  # band work on the calf too, as the note says
    elif any(p.id in info.sessions for p in ctx.protocols if p.goal in texts.PAIN_GOALS):
        # On its own days the painful tissue's programme is all of the calf's loading: no
        # band or toe-walking work on top (a sore insertion had toe walks after its raises).
        st.reserved |= ctx.idx.calf_strength
    return rests


def _kept_for_later(
    wp: WeekPlan, demand: Protocol, later: Mapping[str, float]
) -> tuple[float, ...]:
    """The minutes a protocol leaves the later ones today. A painful tissue's programme keeps
    its whole dose: its rehabilitation comes before the general work of another goal, but
    not before falls prevention, which keeps one set of each of its items (a 72-year-old
    with heel pain 3/10 and 20 minutes had Rathleff's raises on the falls programme's days
    and no Spink session in 16 weeks)."""
    pain = demand.goal in texts.PAIN_GOALS
    return tuple(m for pid, m in later.items() if not pain or pid in wp.falls_ids)


def _later_shares(
    work: Work, wp: WeekPlan, todays: Mapping[str, Sequence[Prescribed]]
) -> dict[str, float]:
    """One set of each protocol's items today: the minutes an earlier protocol leaves the
    later ones, so two goals' programmes share a short day (fewer sets of each) rather than
    the first taking its full dose and the second none (Quinn's ankle routine left her
    foot-core sessions no room on one day a week in two); a protocol with nothing but its
    cool-down today keeps that cool-down's fewest minutes."""
    ctx = work.ctx
    later = {pid: sum(one_set(ctx, p) for p in items) for pid, items in todays.items()}
    for d in ctx.protocols:
        if d.id in later and not later[d.id]:
            later[d.id] = _cool_down_minutes(work, wp, d)
    return later


def _care_minutes(
    work: Work, wp: WeekPlan, demands: Sequence[tuple[float, str, Want | Protocol]]
) -> dict[str, float]:
    """Per painful tissue's programme, the fewest minutes of the daily release it asks for
    (the heel's roll of the sole), for the other protocols to leave it (its own raises keep
    their full dose before it: the protocol comes first)."""
    ctx = work.ctx
    return {
        p.id: _least_of(
            work, wp, demands, frozenset(w.key for w in p.daily if w.category is Category.RELEASE)
        )
        for p in ctx.protocols
        if p.goal in texts.PAIN_GOALS
    }


def _least_of(
    work: Work,
    wp: WeekPlan,
    demands: Sequence[tuple[float, str, Want | Protocol]],
    keys: frozenset[str],
) -> float:
    """The fewest minutes of today's wants among ``keys``."""
    found = (_fewest(work, wp, w) for _, _, w in demands if isinstance(w, Want) and w.key in keys)
    return sum(m for m in found if m < math.inf)


def _fewest(work: Work, wp: WeekPlan, want: Want) -> float:
    """The fewest minutes the want can take today (infinite where it cannot go today)."""
    if want.key not in wp.pools or not want_applies(want, work.day):
        return math.inf
    return want_candidates(work, want, wp.pools[want.key], wp.pool_sigs[want.key])[1]


def _cool_down_minutes(work: Work, wp: WeekPlan, p: Protocol, *, first: bool = False) -> float:
    """The fewest minutes a protocol's cool-down after today's run can take (the recovery
    goal's rolling, stretch and ankle movement; with ``first``, its first part alone, the
    rolling): what a protocol placed before it leaves, as it leaves one set of another
    protocol's items (a runner's foot-core session after a hard run took the minutes of the
    rolling that comes first)."""
    total = 0.0
    for want in p.daily:
        least = _fewest(work, wp, want) if want.slot is Slot.POST_RUN else math.inf
        if least < math.inf:
            total += least
            if first:
                break
    return total


def _place_protocol_today(
    ctx: PlanContext,
    wp: WeekPlan,
    info: DayInfo,
    st: DayState,
    *,
    demand: Protocol,
    today: tuple[Prescribed, ...],
    done: dict[str, str],
    rests: frozenset[str],
    keep: tuple[float, ...],
    cool: float,
    care: float,
) -> None:
    """Place a protocol's items for today, less the kinds of work another protocol already
    did today (noted as covered) and the resting tendon's work; note what it did."""
    if done and (covered := [i for i in wp.items.get(demand.id, []) if i.work in done]):
        st.covered.update((demand.id, done[i.work]) for i in covered)
        today = tuple(i for i in today if i.work not in done)
    if rests:
        today = tuple(i for i in today if i.work not in rests)
    if not today:
        return
    place_protocol(
        ctx, info, st, today, texts.protocol_reason(demand), keep=keep, cool=cool, care=care
    )
    for placed in st.sessions.values():
        for pl in placed:
            if pl.protocol is not None and pl.protocol.work:
                done.setdefault(pl.protocol.work, pl.protocol.protocol.id)


def _reserved(ctx: PlanContext, wp: WeekPlan, sessions: frozenset[str]) -> frozenset[str]:
    """What the week's protocol items use is theirs: fill work takes other exercises, none of
    the chains of today's protocol sessions, and none of the same kind of work (no extra calf
    raise beside a protocol's, rule `calf-once`). Memoised for the week on the day's protocol
    sessions (the protocols among the day's demands, :func:`_merge`)."""
    found = wp.reserved.get(sessions)
    if found is None:
        items = [rx for pid in sessions for rx in wp.items.get(pid, [])]
        out = set(wp.owned)
        for rx in items:  # one exercise of a chain a day: no standing short foot after one-leg
            for ex in (rx.ex, *rx.alternates, *rx.stand_ins):
                out.update(ctx.idx.chain_members(ex.slug))
        for work in {rx.work for rx in items if rx.work}:
            out |= ctx.idx.works[work]
        found = wp.reserved[sessions] = frozenset(out)
    return found


def _walking(ctx: PlanContext, wp: WeekPlan, info: DayInfo) -> PlanItem | None:
    """The day's walking item: it reads only the week and whether the day has a long run."""
    long_run = info.run is RunKind.LONG
    if long_run not in wp.walking:
        wp.walking[long_run] = texts.walking_item(ctx, wp.number, info)
    return wp.walking[long_run]


def _notes(
    ctx: PlanContext, wp: WeekPlan, info: DayInfo, sessions: tuple[Session, ...]
) -> tuple[str, ...]:
    """The day's notes: they read only the week, the day's run, whether it follows a long
    or hard run and whether it holds moderate or heavy work."""
    key = (info.run, info.after_hard, any(is_loading(i.load) for s in sessions for i in s.items))
    found = wp.notes.get(key)
    if found is None:
        found = wp.notes[key] = tuple(texts.day_notes(ctx, info, sessions))
    return found


def _protocol_today(
    ctx: PlanContext, prog: Progression, wp: WeekPlan, info: DayInfo, pid: str
) -> tuple[Prescribed, ...]:
    """A protocol's items as today allows them (memoised for the week: they read only
    today's moments that may take loading and the chains' highest steps, which change
    between weeks)."""
    key = (pid, info.loading_slots)
    found = wp.today.get(key)
    if found is None:
        items = wp.items.get(pid, [])
        found = wp.today[key] = tuple(got for i in items if (got := _for_today(ctx, prog, info, i)))
    return found


def _for_today(
    ctx: PlanContext, prog: Progression, info: DayInfo, p: Prescribed
) -> Prescribed | None:
    """A protocol item as today allows it: never more than one chain step above the highest
    step done so far (a stage whose earlier steps were not reached waits), and moderate or
    heavy work on a day without loading (a foot-core session on its fourth day) steps down
    its chain to the hardest light step; on a loading day whose moments that may take
    loading do not suit it, to the hardest step one of them suits (the two-up-one-down raise
    at the TV after the run, where a one-leg raise does not go)."""
    reached = _reachable(ctx, prog, p)
    if reached is None:
        return None
    p = reached
    if not is_loading(p.ex.load):
        return p
    loading_days = p.protocol.frequency is Frequency.LOADING_DAYS
    if info.loading and (
        _loading_slot_for(p, info) or (loading_days and p.protocol.goal in texts.PAIN_GOALS)
    ):
        # A painful tissue's programme keeps its own exercise or waits (the towel under the
        # toes of Rathleff's raise on a step is part of the treatment).
        return p
    chain = ctx.idx.chain_of.get(p.ex.slug)
    if chain is None:
        return p if info.loading and loading_days else None
    members = ctx.idx.chains[chain]
    for step in range(ctx.idx.position[p.ex.slug] - 1, -1, -1):
        slug = members[step]
        ex = ctx.ex(slug)
        light = ex.load.rank <= Load.LIGHT.rank and not loading_days
        if ctx.usable.get(slug) and (
            light or (info.loading and set(ex.slots) & info.loading_slots)
        ):
            form = "light-day" if light else "loading-moment"
            dose = _own_stage_dose(p, ex) or prog.base_dose(slug)
            return replace(p, ex=ex, dose=dose, form=form, alternates=(), stand_ins=())
    # A loading-days programme with no step that a moment today suits keeps its own
    # exercise or waits (its note says); one with such a step took it above: Ridge's one-leg
    # raises, which no moment after a cramp-prone runner's easy runs holds, left the
    # two-up-one-down raise at the TV for nothing from week 5 (physio review 17).
    return p if info.loading and loading_days else None


def _own_stage_dose(p: Prescribed, ex: Exercise) -> Dose | None:
    """The dose of the protocol item's own latest stage with this exercise, if it has one:
    the falls programme's lighter band on a day without loading keeps its 3 x 10, not the
    catalogue's 2 x 10 (physio review 14)."""
    item = next((i for i in p.protocol.all_items if i.id == p.item), None)
    stages = [s for s in (item.stages if item else ()) if s.exercise == ex.slug]
    if not stages:
        return None
    return stage_dose(ex, max(stages, key=lambda s: s.from_week))


def _loading_slot_for(p: Prescribed, info: DayInfo) -> bool:
    """Whether a loading item (or one of its stand-ins) has a moment today that may take
    loading; else the light step goes in its place (a cramp-prone runner's loading days had
    only the TV after the run, where a one-leg raise does not go, and foot-core lost its
    calf raise on those days: physio review 12)."""
    return any(set(ex.slots) & info.loading_slots for ex in (p.ex, *p.alternates, *p.stand_ins))


def _reachable(ctx: PlanContext, prog: Progression, p: Prescribed) -> Prescribed | None:
    top = prog.highest(p.ex.slug)
    pos = ctx.idx.position.get(p.ex.slug, 0)
    if top is None or pos <= top + 1:
        return p
    chain = ctx.idx.chains[ctx.idx.chain_of[p.ex.slug]]
    # Brigid went from one leg holding on back to heel-to-toe standing for want of the
    # heel-to-toe walk, which none of her moments suits.
    top = ctx.idx.highest_passed(p.ex.slug, top, frozenset(ctx.slots()))
    if pos <= top + 1:
        return p
    for step in (top + 1, top):  # the next step, else stay at the highest one done
        slug = chain[step]
        if ctx.usable.get(slug):
            return replace(
                p,
                ex=ctx.ex(slug),
                dose=prog.base_dose(slug),
                form="held",
                alternates=(),
                stand_ins=(),
            )
    return None


def _tendon_rests(ctx: PlanContext, info: DayInfo) -> frozenset[str]:
    """The kinds of work ('calf-raises', 'bent-knee-calf-raises') an Achilles or heel-pain
    programme governs on a day without its session (none on its days): its pain rules govern
    all the loading of the painful tissue, which recovers on the days between (Hana's calf
    was loaded every day: heavy slow raises on two days, the foot-core programme's raises on
    the four between; a 72-year-old's falls sessions put supported heel raises on the days
    between Rathleff's)."""
    pain = [p for p in ctx.protocols if p.goal in texts.PAIN_GOALS]
    # The work of a pain programme in session today is that programme's own (the Achilles'
    # holds on a day the heel programme rests: a property run found them taken away).
    today = {i.work for p in pain if p.id in info.sessions for i in p.all_items if i.work}
    for p in pain:
        if p.id not in info.sessions:
            works = {i.work for i in p.all_items if i.work} - today
            if works:
                return frozenset(works)
    return frozenset()


def _demands(
    ctx: PlanContext, wp: WeekPlan, info: DayInfo
) -> list[tuple[float, str, Want | Protocol]]:
    """Today's protocol sessions and wants, highest priority first. The general kinds of
    work take turns leading, one a day, so that even short days vary. A protocol goes
    before every want of lower priority, whatever lifts that want's turn."""
    open_day = wp.open_days is None or info.weekday in wp.open_days
    key = (info.kind, info.after_hard, info.index % 2, open_day, info.sessions, wp.empty_sig)
    found = ctx.memo.applying.get(key)
    if found is None:
        found = ctx.memo.applying[key] = _applying(ctx, wp, info, open_day)
    keys, general, wants = found
    lead = general[(ctx.seed + info.index) % len(general)] if general else None
    # The order reads only which wants apply (the same objects all plan long, so their
    # keys name them), today's protocol sessions and the lead: memoised for the plan.
    merge_key = (keys, info.sessions, lead)
    ordered = ctx.memo.ordered.get(merge_key)
    if ordered is None:
        ordered = ctx.memo.ordered[merge_key] = _merge(ctx, wants, info, lead)
    return ordered


def _own_goal(ctx: PlanContext, want: Want) -> bool:
    """The daily work of another goal of the person's (the minimalist transition's foot-core
    work, five days a week; not a self-test's focus): it goes on the days the falls
    programme leaves free (Otto had it on one to three days a week)."""
    return (
        want.goal in ctx.goals
        and want.goal not in (Goal.FALLS_PREVENTION, Goal.GENERAL)
        and not want.key.startswith("focus-")
    )


def _applying(
    ctx: PlanContext, wp: WeekPlan, info: DayInfo, open_day: bool
) -> tuple[tuple[str, ...], list[str], list[Want]]:
    """The wants that apply on such a day this week (their keys too), and the general kinds
    of work among them that take turns leading."""
    wants = [
        w
        for w in wp.wants
        if want_applies(w, info)
        and wp.pools[w.key]
        and (ctx.cramp_prone or not w.cramp_prone_only)
        and (open_day or w.slot in RUN_SLOTS or _own_goal(ctx, w))
    ]
    general = sorted({w.kind_key for w in wants if w.key.startswith("general-")})
    return tuple(w.key for w in wants), general, wants


_NOT_CARE = ("general-", "focus-")  # the general balance of work and a self-test's focus


def _merge(
    ctx: PlanContext, wants: list[Want], info: DayInfo, lead: str | None
) -> list[tuple[float, str, Want | Protocol]]:
    # A goal's own daily care ranks above every piece of general work it ranks above on
    # paper, whichever kind of work leads today: the turn to lead varies the general work,
    # it does not push a recovery routine's stretch out of the session after a run.
    cares = sorted(w.priority for w in wants if w.goal and not w.key.startswith(_NOT_CARE))

    def rank(w: Want) -> float:
        if not (w.key.startswith("general-") and w.kind_key == lead):
            return w.priority
        above = [c for c in cares if c > w.priority]
        return min(w.priority + ctx.data.lead_bonus, above[0] - 0.5 if above else math.inf)

    ranked = sorted(wants, key=lambda w: (-rank(w), w.key))
    protocols = [p for p in ctx.protocols if p.id in info.sessions]  # highest priority first
    if not protocols:
        return [(w.priority, w.key, w) for w in ranked]
    # Protocol first: today's protocol sessions go before every routine and every piece of
    # general work. Only a goal's own daily care goes before a protocol, and only when that
    # goal's protocol ranks above it (heel-pain care before the general foot-core sessions,
    # not the other way round), so it is ranked no higher than its goal's protocol.
    goal_rank = {str(p.goal): p.priority for p in ctx.protocols}
    floor = protocols[-1].priority

    def care(w: Want) -> float | None:
        return min(w.priority, goal_rank.get(w.goal, w.priority)) if w.goal else None

    early = [w for w in ranked if (c := care(w)) is not None and c > floor]
    out: list[tuple[float, str, Want | Protocol]] = []
    for w in early:
        while protocols and protocols[0].priority >= (care(w) or 0.0):
            p = protocols.pop(0)
            out.append((p.priority, p.id, p))
        out.append((w.priority, w.key, w))
    out += [(p.priority, p.id, p) for p in protocols]
    taken = {w.key for w in early}
    out += [(w.priority, w.key, w) for w in ranked if w.key not in taken]
    return out


def _sessions(
    ctx: PlanContext, rw: RunWeek, wp: WeekPlan, info: DayInfo, st: DayState
) -> tuple[Session, ...]:
    out = []
    for slot in info.slots:
        placed = st.sessions[slot]
        if not placed:
            continue
        ordered = sorted(placed, key=_order_key)
        items = tuple(_item(ctx, wp, info, p) for p in ordered)
        out.append(
            Session(slot=slot, minutes=total_minutes([i.minutes for i in items]), items=items)
        )
    return tuple(out)


def _order_key(p: Placed) -> tuple[int, int]:
    deep = 1 if p.ex.stretch_depth is StretchDepth.DEEP else 0
    return CATEGORY_RANK[p.ex.category], deep


def _item(ctx: PlanContext, wp: WeekPlan, info: DayInfo, p: Placed) -> PlanItem:
    rx = p.protocol
    chain_now = wp.cw.step.get(p.chain) if p.chain is not None else None
    key = (
        p.key,
        p.ex.slug,
        p.dose,
        p.slot,
        p.chain,
        p.step,
        p.lower,
        p.full,
        None if rx is None else (rx.protocol.id, rx.item, rx.form, rx.stage, rx.missing),
        info.run,
        info.loading,
        chain_now,
        p.chain in wp.cw.stepped,
        wp.cw.level,
    )
    found = ctx.memo.items.get(key)
    if found is None:
        found = ctx.memo.items[key] = _make_item(ctx, wp, info, p)
    return found  # type: ignore[return-value]


def _make_item(ctx: PlanContext, wp: WeekPlan, info: DayInfo, p: Placed) -> PlanItem:
    why, rules, goals = texts.item_why(ctx, wp.cw, info, p)
    d = p.dose
    chain_len = len(ctx.idx.chains[p.chain]) if p.chain is not None else 1
    subs = ctx.substitutions(p.ex)
    return PlanItem(
        exercise=p.ex.slug,
        name=p.ex.name,
        category=p.ex.category,
        sets=d.sets,
        reps=d.reps,
        hold_s=d.hold_s,
        duration_s=d.duration_s,
        per_side=d.per_side,
        load=p.ex.load,
        why=why,
        minutes=minutes(d, p.ex.load),
        rules=rules,
        goals=goals,
        tempo=d.tempo,
        rest_s=d.rest_s,
        added_load=p.protocol.stage.added_load if p.protocol is not None else None,
        substitute="; ".join(subs.values()) or None,
        chain=p.chain if chain_len > 1 else None,
        step=p.step + 1 if chain_len > 1 and p.step is not None else None,
        protocol=p.protocol.protocol.id if p.protocol is not None else None,
    )
