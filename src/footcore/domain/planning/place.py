"""Step 5 of the planner: placing work into the day's sessions.

The protocol sessions go first, at their full dose when the minutes allow (fewer sets of
every item when they do not, never an item dropped for time while one more set can go);
then the wants, highest priority first, each taking the next exercise of its rotating pool
that suits a slot, keeps every safety rule and fits the minutes left. A deep stretch brings a
release or warm-up into its session first.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from footcore.domain.exercise import Dose, Exercise
from footcore.domain.planning.context import PlanContext
from footcore.domain.planning.prescribe import Prescribed
from footcore.domain.planning.progression import ChainWeek, Progression
from footcore.domain.planning.protocol import Days, Want
from footcore.domain.planning.safety import is_loading, slot_findings
from footcore.domain.timing import item_minutes
from footcore.domain.vocab import Category, Load, Position, RunKind, Slot, Weekday

MAX_ITEMS_PER_SESSION = 4
MIN_ITEM_MINUTES = 0.5
COMPACT_DURATION_S = 30
PRE_RUN_MAX_SETS = 2
#: Kinds of work whose dose is what a programme progresses: they give up sets last.
PROGRESSED = frozenset({Category.STRENGTHEN, Category.BALANCE})

#: The slots each kind of work prefers (only the profile's slots that suit the exercise count).
SLOT_PREFERENCE: dict[Category, tuple[Slot, ...]] = {
    Category.WARM_UP: (Slot.MORNING, Slot.TV, Slot.DESK, Slot.TEETH, Slot.POST_RUN),
    Category.RELEASE: (Slot.DESK, Slot.TV, Slot.MORNING, Slot.POST_RUN, Slot.TEETH),
    Category.ACTIVATE: (Slot.DESK, Slot.TEETH, Slot.MORNING, Slot.TV, Slot.POST_RUN),
    Category.MOBILISE: (Slot.MORNING, Slot.TEETH, Slot.TV, Slot.DESK, Slot.POST_RUN),
    Category.STRETCH: (Slot.TV, Slot.MORNING, Slot.TEETH, Slot.DESK, Slot.POST_RUN),
    Category.STRENGTHEN: (Slot.MORNING, Slot.TEETH, Slot.TV, Slot.DESK, Slot.POST_RUN),
    Category.BALANCE: (Slot.TEETH, Slot.MORNING, Slot.TV, Slot.DESK),
    Category.GAIT: (Slot.MORNING, Slot.TV, Slot.TEETH, Slot.DESK),
}
#: Where a protocol session goes when several slots could hold it.
PROTOCOL_SLOTS = (Slot.MORNING, Slot.TV, Slot.POST_RUN, Slot.TEETH, Slot.DESK)
#: Longest a session may grow (minutes); a protocol session may go beyond it.
SESSION_CAP: dict[Slot, float] = {
    Slot.MORNING: 15.0,
    Slot.DESK: 8.0,
    Slot.TEETH: 5.0,
    Slot.TV: 15.0,
    Slot.PRE_RUN: 6.0,
    Slot.POST_RUN: 8.0,
}
_MINUTES: dict[tuple[Dose, Load], float] = {}


def minutes(dose: Dose, load: Load) -> float:
    """``timing.item_minutes``, memoised (doses repeat a lot within a plan)."""
    key = (dose, load)
    found = _MINUTES.get(key)
    if found is None:
        found = item_minutes(dose, load)
        if len(_MINUTES) < 100_000:
            _MINUTES[key] = found
    return found


@dataclass(frozen=True)
class DayInfo:
    """One day as the placing sees it."""

    date: dt.date
    index: int  # days since the plan started
    week: int
    weekday: Weekday
    run: RunKind
    slots: tuple[Slot, ...]  # the day's slots, in time order
    loading: bool  # moderate and heavy work allowed today
    loading_slots: frozenset[Slot]
    after_run: frozenset[Slot]  # the day's slots that come after its run
    after_hard: bool  # the day after a long or hard run
    sessions: frozenset[str]  # protocol ids whose session is today
    kind: int = 0  # what the placing rules read of the day, as a number (a memo key)


@dataclass(slots=True)
class Placed:
    ex: Exercise
    dose: Dose
    minutes: float
    slot: Slot
    reason: str
    key: str
    kind: str
    goals: tuple[str, ...] = ()
    protocol: Prescribed | None = None
    want: Want | None = None
    chain: str | None = None
    step: int | None = None  # 0-based place in its chain
    full: Dose | None = None  # a protocol's full dose, when the minutes cut its sets
    lower: bool = False  # an easier step than this week's, because of the day or slot
    companion: bool = False


@dataclass
class DayState:
    budget: float
    sessions: dict[Slot, list[Placed]]
    spent: float = 0.0
    kinds: set[str] = field(default_factory=set)
    slugs: set[str] = field(default_factory=set)
    short: dict[str, float] = field(default_factory=dict)  # protocol -> minutes it needs
    reserved: set[str] = field(default_factory=set)  # exercises of today's protocol sessions
    missed: dict[str, float] = field(
        default_factory=dict
    )  # protocol -> minutes its full dose needs
    deep: bool = False  # a deep stretch is in the day already
    covered: set[tuple[str, str]] = field(default_factory=set)  # (protocol, the one doing its work)
    fill: dict[Slot, float] = field(default_factory=dict)  # minutes of fill work per slot

    @property
    def room(self) -> float:
        return self.budget - self.spent

    def add(self, p: Placed) -> None:
        self.sessions[p.slot].append(p)
        self.spent = round(self.spent + p.minutes, 1)
        self.kinds.add(p.kind)
        self.slugs.add(p.ex.slug)
        self.deep = self.deep or p.ex.is_deep_stretch
        if p.protocol is None:
            self.fill[p.slot] = self.fill.get(p.slot, 0.0) + p.minutes


@dataclass
class Work:
    """The day being built: the plan's context, the chains' week, the day and its state."""

    ctx: PlanContext
    prog: Progression
    cw: ChainWeek
    day: DayInfo
    st: DayState


# -- whether an exercise may go into a slot today ---------------------------------------------


def fits_slot(
    ctx: PlanContext, day: DayInfo, ex: Exercise, dose: Dose, slot: Slot, *, want: Want | None
) -> bool:
    """Every placing rule for this exercise and dose in this slot today."""
    if slot not in ex.slots or slot not in day.slots:
        return False
    if is_loading(ex.load) and not (day.loading and slot in day.loading_slots):
        return False
    if want is not None and not _want_allows(want, ex, dose):
        return False
    return not slot_findings(
        ex,
        slot,
        day.run,
        hold_s=dose.hold_s,
        sets=dose.sets,
        load=ex.load,
        cramp_prone=ctx.cramp_prone,
        after_run=slot in day.after_run,
    )


def _want_allows(want: Want, ex: Exercise, dose: Dose) -> bool:
    if want.max_load is not None and ex.load.rank > want.max_load.rank:
        return False
    if want.dynamic and dose.hold_s:
        return False
    if want.double_leg and ex.position is Position.SINGLE_LEG:
        return False
    if want.target is not None and want.target not in ex.targets:
        return False
    if want.gentle and ex.is_deep_stretch:
        return False
    return ex.category is want.category


# -- protocols --------------------------------------------------------------------------------


def place_protocol(
    ctx: PlanContext, day: DayInfo, st: DayState, items: Sequence[Prescribed], reason: str
) -> None:
    """A protocol's session: every item, in one slot where one holds them all, at the full
    dose if the minutes allow, else with fewer sets of every item."""
    chosen = _protocol_slots(ctx, day, [p for p in items if p.ex.slug not in st.slugs])
    if not chosen:
        return
    full = [p.dose for p, _ in chosen]
    doses = fit_sets(ctx, [(p.ex, p.dose) for p, _ in chosen], st.room)
    needed = sum(minutes(d, p.ex.load) for (p, _), d in zip(chosen, full, strict=True))
    if doses is None:
        st.missed[chosen[0][0].protocol.id] = st.spent + needed
        return
    if any(d.sets < f.sets for d, f in zip(doses, full, strict=True)):
        pid = chosen[0][0].protocol.id
        st.short[pid] = max(st.short.get(pid, 0.0), st.spent + needed)
    for (p, slot), dose, whole in zip(chosen, doses, full, strict=True):
        st.add(
            Placed(
                ex=p.ex,
                dose=dose,
                minutes=minutes(dose, p.ex.load),
                slot=slot,
                reason=reason,
                key=f"{p.protocol.id}:{p.item}",
                kind=f"{p.protocol.id}:{p.item}",
                goals=(str(p.protocol.goal),),
                protocol=p,
                full=whole if dose.sets < whole.sets else None,
            )
        )


def _protocol_slots(
    ctx: PlanContext, day: DayInfo, items: Sequence[Prescribed]
) -> list[tuple[Prescribed, Slot]]:
    """Where the session goes: one slot where every item (or one of its stand-ins) suits;
    else the items in their order through the day (a release before the stretch that
    follows it); else each item in the first slot that suits it."""
    order = [s for s in PROTOCOL_SLOTS if s in day.slots]

    def pick(p: Prescribed, slot: Slot) -> Prescribed | None:
        for option in p.options(day.index):
            if fits_slot(ctx, day, option.ex, _pre_run_dose(option.dose, slot), slot, want=None):
                return option
        return None

    for slot in order:
        picked = [pick(p, slot) for p in items]
        if all(picked):
            return [(p, slot) for p in picked if p is not None]
    in_order = _through_the_day(items, [s for s in day.slots if s in order], pick)
    if in_order is not None:
        return in_order
    found = []
    for p in items:
        hit = next(((q, s) for s in order if (q := pick(p, s)) is not None), None)
        if hit is not None:
            found.append(hit)
    return found


def _through_the_day(
    items: Sequence[Prescribed],
    timed: list[Slot],
    pick: Callable[[Prescribed, Slot], Prescribed | None],
) -> list[tuple[Prescribed, Slot]] | None:
    """Each item in the earliest slot, no earlier than the item before it, that suits it;
    None when the order cannot be kept."""
    found: list[tuple[Prescribed, Slot]] = []
    start = 0
    for p in items:
        hit = next(
            ((q, i) for i in range(start, len(timed)) if (q := pick(p, timed[i])) is not None),
            None,
        )
        if hit is None:
            return None
        found.append((hit[0], timed[hit[1]]))
        start = hit[1]
    return found


def fit_sets(
    ctx: PlanContext, items: Sequence[tuple[Exercise, Dose]], room: float
) -> list[Dose] | None:
    """:func:`cut_sets`, memoised for the plan: a protocol's session comes first in its day,
    so the same doses meet the same minutes left day after day."""
    key = (tuple((ex.slug, dose) for ex, dose in items), room)
    memo = ctx.memo.fitted
    if key not in memo:
        memo[key] = cut_sets(items, room)
    found = memo[key]
    return None if found is None else list(found)


def cut_sets(items: Sequence[tuple[Exercise, Dose]], room: float) -> list[Dose] | None:
    """The doses with sets taken away one at a time until they fit ``room`` minutes; None
    when even one set of each does not fit.

    Each set comes off the item that keeps the largest share of its full sets (so the cut is
    shared, and a five-set heel raise does not lose two sets before a three-set stretch
    loses one); on a tie a stretch or mobility item gives a set before a strength or balance
    item, whose rising dose is what the programme progresses, then the item with more sets.
    """
    doses = [d for _, d in items]

    def total() -> float:
        return sum(minutes(d, ex.load) for (ex, _), d in zip(items, doses, strict=True))

    def cut_order(i: int) -> tuple[float, bool, int, int]:
        kept = doses[i].sets / items[i][1].sets
        return kept, items[i][0].category not in PROGRESSED, doses[i].sets, -i

    while total() > room + 1e-9:
        cuttable = [i for i in range(len(doses)) if doses[i].sets > 1]
        if not cuttable:
            return None
        most = max(cuttable, key=cut_order)
        doses[most] = replace(doses[most], sets=doses[most].sets - 1)
    return doses


def _pre_run_dose(dose: Dose, slot: Slot) -> Dose:
    if slot is Slot.PRE_RUN and dose.sets > PRE_RUN_MAX_SETS:
        return replace(dose, sets=PRE_RUN_MAX_SETS)
    return dose


# -- wants ------------------------------------------------------------------------------------


def want_applies(want: Want, day: DayInfo) -> bool:
    if want.slot is not None and want.slot not in day.slots:
        return False
    days = want.days
    if days is Days.RUN:
        return day.run is not RunKind.NONE
    if days is Days.REST:
        return day.run is RunKind.NONE
    if days is Days.LOADING:
        return day.loading
    if days is Days.NOT_LOADING:
        return not day.loading
    if days is Days.AFTER_HARD_RUN:
        return day.after_hard
    if days is Days.ALTERNATE:
        return day.index % 2 == 0
    return True


_SALTS: dict[str, int] = {}


def _salt(key: str) -> int:
    found = _SALTS.get(key)
    if found is None:
        found = _SALTS[key] = zlib.crc32(key.encode())
    return found


def offset(ctx: PlanContext, day: DayInfo, key: str) -> int:
    """Where a want's pool starts today: one place further each day and a growing number
    more each week (no pool size repeats a week), offset by the profile's hash."""
    return ctx.seed + day.index + day.week * (day.week + 1) // 2 + _salt(key)


def pool_for(ctx: PlanContext, cw: ChainWeek, want: Want) -> tuple[str, ...]:
    """The chains that may fill a want this week (their allowed steps hold a match);
    memoised on the week's chain steps, which stop changing once the levels are open."""
    key = (want.key, cw.allowed_signature)
    found = ctx.memo.pools.get(key)
    if found is None:
        found = ctx.memo.pools[key] = _pool(ctx, cw, want)
    return found


def _pool(ctx: PlanContext, cw: ChainWeek, want: Want) -> tuple[str, ...]:
    if want.chain is not None:
        chain = ctx.idx.chain_of.get(want.chain)
        return (chain,) if chain is not None and chain in cw.step else ()
    matching = _matching_steps(ctx, want)
    found = [
        chain
        for chain in sorted(cw.step)
        if (steps := matching.get(chain)) and not steps.isdisjoint(cw.allowed[chain])
    ]
    if want.goal:
        goal = want.goal
        serving = [c for c in found if any(goal in ctx.ex(m).goals for m in ctx.idx.chains[c])]
        if serving:
            found = serving
    return _prefer_own_equipment(ctx, cw, tuple(found))


def _matching_steps(ctx: PlanContext, want: Want) -> dict[str, frozenset[int]]:
    """Per chain, the steps whose exercise matches the want (memoised for the plan: it
    reads only the catalogue)."""
    found = ctx.memo.matching.get(want.key)
    if found is None:
        found = ctx.memo.matching[want.key] = {
            chain: steps
            for chain, members in ctx.idx.chains.items()
            if (steps := frozenset(i for i, m in enumerate(members) if _matches(ctx.ex(m), want)))
        }
    return found


def _matches(ex: Exercise, want: Want) -> bool:
    return ex.category is want.category and (want.target is None or want.target in ex.targets)


def _prefer_own_equipment(
    ctx: PlanContext, cw: ChainWeek, pool: tuple[str, ...]
) -> tuple[str, ...]:
    """The pool with the chains that work with what the person owns first, and those that
    need a substitute (a bottle for a roller) after them: they are tried only when none of
    the others fits (:func:`place_want` rotates through the owned part)."""
    own = [c for c in pool if not _needs_substitute(ctx, cw, c)]
    return (*own, *(c for c in pool if c not in own))


def own_count(ctx: PlanContext, cw: ChainWeek, pool: tuple[str, ...]) -> int:
    """How many chains at the front of a pool work with the person's own equipment."""
    n = 0
    for c in pool:
        if _needs_substitute(ctx, cw, c):
            break
        n += 1
    return n or len(pool)


def _needs_substitute(ctx: PlanContext, cw: ChainWeek, chain: str) -> bool:
    return needs_substitute(ctx, ctx.idx.chains[chain][cw.step[chain]])


def needs_substitute(ctx: PlanContext, slug: str) -> bool:
    """Whether the exercise needs a stand-in for equipment the person lacks (memoised)."""
    found = ctx.memo.substitute.get(slug)
    if found is None:
        found = ctx.memo.substitute[slug] = bool(ctx.substitutions(ctx.ex(slug)))
    return found


# A step of a chain that may fill a want on a kind of day: (step, exercise, an easier step
# than this week's, ((slot, dose, minutes), ...) where it suits, in the order preferred).
Candidate = tuple[int, Exercise, bool, tuple[tuple[Slot, Dose, float], ...]]


def candidates(w: Work, want: Want, chain: str) -> tuple[Candidate, ...]:
    """The chain's steps that may fill the want on this kind of day, hardest first, with the
    slots that suit each (memoised for the plan: the rules read only the day's kind)."""
    cw, day = w.cw, w.day
    key = (want.key, chain, day.kind, cw.sig[chain])
    cache = w.ctx.memo.candidates
    found = cache.get(key)
    if found is None:
        out = []
        members = w.ctx.idx.chains[chain]
        for step in reversed(cw.allowed[chain]):
            ex = w.ctx.ex(members[step])
            if not _matches(ex, want):
                continue
            base = cw.dose[chain] if step == cw.step[chain] else w.prog.base_dose(ex.slug)
            opts = []
            for slot in _slot_order(want, ex, day):
                dose = _capped(want, _pre_run_dose(base, slot))
                if fits_slot(w.ctx, day, ex, dose, slot, want=want):
                    opts.append((slot, dose, minutes(dose, ex.load)))
            if opts:
                out.append((step, ex, step < cw.step[chain], tuple(opts)))
        found = cache[key] = tuple(out)
    return found  # type: ignore[return-value]


def want_candidates(
    w: Work, want: Want, pool: tuple[str, ...], pool_sig: int
) -> tuple[tuple[tuple[Candidate, ...], ...], float]:
    """Per chain of the pool (in pool order), its candidates on this kind of day, and the
    fewest minutes any of them can take; memoised for the whole plan on the pool's chain
    states (``pool_sig``)."""
    key = (want.key, w.day.kind, pool_sig)
    memo = w.ctx.memo.wants
    found = memo.get(key)
    if found is None:
        per_chain = tuple(candidates(w, want, chain) for chain in pool)
        least = min(
            (
                _least(ex, dose, m)
                for cands in per_chain
                for _, ex, _, opts in cands
                for _, dose, m in opts
            ),
            default=float("inf"),
        )
        found = memo[key] = (per_chain, least)
    return found


def _least(ex: Exercise, dose: Dose, full: float) -> float:
    """The fewest minutes a dose can take when time runs short (a shorter timed bout)."""
    if dose.duration_s is not None and dose.duration_s > COMPACT_DURATION_S:
        return min(full, minutes(replace(dose, duration_s=COMPACT_DURATION_S), ex.load))
    return full


def place_want(w: Work, want: Want, pool: tuple[str, ...], pool_sig: int, own: int) -> bool:
    """Place the first exercise of the rotated pool that fits; True when one was placed.
    The pool turns through its first ``own`` chains (those the person has the equipment
    for); the rest are tried, in order, only when none of those fits."""
    st = w.st
    if want.kind_key in st.kinds or st.room < MIN_ITEM_MINUTES:
        return False
    per_chain, least = want_candidates(w, want, pool, pool_sig)
    if least > st.room + 1e-9:
        return False
    n = len(pool)
    start = offset(w.ctx, w.day, want.key) % own if own else 0
    for i in range(n):
        j = (start + i) % own if i < own else i
        for step, ex, lower, opts in per_chain[j]:
            if ex.slug in st.slugs or ex.slug in st.reserved:
                continue
            if ex.is_deep_stretch and st.deep:
                continue  # one deep stretch a day
            if _try_slots(w, want, ex, opts, chain=pool[j], step=step, lower=lower):
                return True
    return False


def _try_slots(
    w: Work,
    want: Want,
    ex: Exercise,
    opts: tuple[tuple[Slot, Dose, float], ...],
    *,
    chain: str,
    step: int,
    lower: bool,
) -> bool:
    st = w.st
    for slot, dose, full in opts:
        items = st.sessions[slot]
        if len(items) >= MAX_ITEMS_PER_SESSION:
            continue
        companion = None
        if ex.is_deep_stretch and not has_release(items):
            if len(items) + 2 > MAX_ITEMS_PER_SESSION:
                continue
            companion = find_companion(w.ctx, w.day, st, slot)
            if companion is None:
                continue
        fitted = _within(ex, dose, full, st.room - (companion.minutes if companion else 0.0))
        if fitted is None:
            continue
        spend = full if fitted is dose else minutes(fitted, ex.load)
        used = st.fill.get(slot, 0.0) + spend
        used += companion.minutes if companion else 0.0
        if used > SESSION_CAP[slot] + 1e-9:
            continue
        if companion is not None:
            st.add(companion)
        st.add(_placed(want, ex, fitted, spend, slot, chain=chain, step=step, lower=lower))
        return True
    return False


def _within(ex: Exercise, dose: Dose, full: float, room: float) -> Dose | None:
    """The dose when its ``full`` minutes fit ``room``, else a shorter timed bout that does,
    else None."""
    if full <= room + 1e-9:
        return dose
    if dose.duration_s is not None and dose.duration_s > COMPACT_DURATION_S:
        return _fit_time(ex, dose, room)
    return None


def _capped(want: Want, dose: Dose) -> Dose:
    if want.max_sets is not None and dose.sets > want.max_sets:
        return replace(dose, sets=want.max_sets)
    return dose


def _placed(
    want: Want,
    ex: Exercise,
    dose: Dose,
    spend: float,
    slot: Slot,
    *,
    chain: str,
    step: int,
    lower: bool,
) -> Placed:
    return Placed(
        ex=ex,
        dose=dose,
        minutes=spend,
        slot=slot,
        reason=want.reason,
        key=want.key,
        kind=want.kind_key,
        want=want,
        chain=chain,
        step=step,
        lower=lower,
    )


def _slot_order(want: Want, ex: Exercise, day: DayInfo) -> tuple[Slot, ...]:
    if want.slot is not None:
        return (want.slot,)
    prefs = want.slots or SLOT_PREFERENCE[ex.category]
    return tuple(s for s in prefs if s in day.slots and s is not Slot.PRE_RUN)


def _fit_time(ex: Exercise, dose: Dose, room: float) -> Dose | None:
    """The dose if it fits the minutes left, else a shorter timed bout, else None."""
    if minutes(dose, ex.load) <= room + 1e-9:
        return dose
    if dose.duration_s is not None and dose.duration_s > COMPACT_DURATION_S:
        short = replace(dose, duration_s=COMPACT_DURATION_S)
        if minutes(short, ex.load) <= room + 1e-9:
            return short
    return None


def has_release(items: list[Placed]) -> bool:
    return any(p.ex.category in (Category.WARM_UP, Category.RELEASE) for p in items)


def find_companion(ctx: PlanContext, day: DayInfo, st: DayState, slot: Slot) -> Placed | None:
    """A release (else a warm-up) to put before a deep stretch in the same session."""
    for cat in (Category.RELEASE, Category.WARM_UP):
        for ex in ctx.idx.exercises.values():
            if ex.category is not cat or not ctx.usable[ex.slug] or ex.slug in st.slugs:
                continue
            dose = ex.dose
            if not fits_slot(ctx, day, ex, dose, slot, want=None):
                continue
            fitted = _fit_time(ex, dose, st.room)
            if fitted is None:
                continue
            return Placed(
                ex=ex,
                dose=fitted,
                minutes=minutes(fitted, ex.load),
                slot=slot,
                reason="",
                key=f"companion-{cat}",
                kind=f"companion-{cat}",
                goals=(),
                companion=True,
            )
    return None
