"""Step 5 of the planner: placing work into the day's sessions.

The protocol sessions go first, at their full dose when the minutes allow (fewer sets of
every item when they do not, never an item dropped for time while one more set can go);
then the wants, highest priority first, each taking the next exercise of its rotating pool
that suits a slot, keeps every safety rule and fits the minutes left. A deep stretch brings a
release or warm-up into its session first.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from footcore.domain.exercise import Dose, Exercise
from footcore.domain.planning.context import PlanContext, painful_stretches
from footcore.domain.planning.prescribe import Prescribed
from footcore.domain.planning.progression import ChainWeek, Progression
from footcore.domain.planning.protocol import Days, Frequency, Want
from footcore.domain.planning.safety import TOES_TUCKED_POSITIONS, is_loading, slot_findings
from footcore.domain.timing import item_minutes
from footcore.domain.vocab import Category, Load, Position, RunKind, Slot, Weekday

MAX_ITEMS_PER_SESSION = 4
MIN_ITEM_MINUTES = 0.5
#: The fewest minutes fill work may open a morning or TV session with: a moment of its own
#: holding one 36-second item is no moment (bear squat rocks alone, cold, in front of the TV:
#: physio review 9). Brushing teeth, the desk and the runs are moments anyway.
MIN_OWN_SESSION_MINUTES = 1.0
OWN_MOMENTS = frozenset({Slot.MORNING, Slot.TV})
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
PROTOCOL_SLOTS = (Slot.MORNING, Slot.TV, Slot.POST_RUN, Slot.DESK, Slot.TEETH)
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
#: The same, by the dose object's identity first: a plan asks again and again about the same
#: dose objects, and a dose's dataclass hash costs more than the look-up. Each entry holds its
#: dose, so no other object can take that identity while the entry lives.
_MINUTES_BY_ID: dict[int, tuple[Dose, Load, float]] = {}
_MEMO_CAP = 100_000


def minutes(dose: Dose, load: Load) -> float:
    """``timing.item_minutes``, memoised (doses repeat a lot within a plan)."""
    hit = _MINUTES_BY_ID.get(id(dose))
    if hit is not None and hit[0] is dose and hit[1] is load:
        return hit[2]
    key = (dose, load)
    found = _MINUTES.get(key)
    if found is None:
        found = item_minutes(dose, load)
        if len(_MINUTES) < _MEMO_CAP:
            _MINUTES[key] = found
    if len(_MINUTES_BY_ID) >= _MEMO_CAP:
        _MINUTES_BY_ID.clear()  # it holds its doses alive: keep it bounded
    _MINUTES_BY_ID[id(dose)] = (dose, load, found)
    return found


#: A timed dose's shorter bout, by the dose object's identity (the entry holds its dose): one
#: object per dose, so that its minutes are found by identity too (:func:`minutes`).
_COMPACT_BY_ID: dict[int, tuple[Dose, Dose]] = {}


def _compact(dose: Dose) -> Dose:
    """The dose as a shorter timed bout (``COMPACT_DURATION_S``), when time runs short."""
    hit = _COMPACT_BY_ID.get(id(dose))
    if hit is not None and hit[0] is dose:
        return hit[1]
    if len(_COMPACT_BY_ID) >= _MEMO_CAP:
        _COMPACT_BY_ID.clear()  # it holds its doses alive: keep it bounded
    short = replace(dose, duration_s=COMPACT_DURATION_S)
    _COMPACT_BY_ID[id(dose)] = (dose, short)
    return short


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
    after_long: bool  # the day after a long run
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


#: The kind of the day's release wants (the sole's rolling away from the run).
RELEASE_KIND = "release"
#: The kind of the recovery goal's rolling straight after a run (besides the day's release).
POST_RUN_RELEASE_KIND = "post-run-release"


@dataclass
class DayState:
    budget: float
    sessions: dict[Slot, list[Placed]]
    spent: float = 0.0
    kinds: set[str] = field(default_factory=set)
    slugs: set[str] = field(default_factory=set)
    short: dict[str, float] = field(default_factory=dict)  # protocol -> minutes it needs
    # what fill work may not take today: the protocols' exercises, the chains and kinds of work
    # already done (placing adds to it)
    reserved: set[str] = field(default_factory=set)
    missed: dict[str, float] = field(
        default_factory=dict
    )  # protocol -> minutes its full dose needs
    # protocol -> the items left out of a session too short for one set of each
    partial: dict[str, tuple[str, ...]] = field(default_factory=dict)
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
        if p.ex.category is Category.RELEASE:
            # One release of the sole a day besides the rolling straight after a run (its own
            # kind): a protocol's release item is the day's release, not one more beside
            # the fill's (Nadia had two or three on most days).
            self.kinds.add(RELEASE_KIND)
            if p.slot is Slot.POST_RUN:
                # One rolling after the run serves every goal: a heel-pain release there is
                # the recovery goal's too (a cramp-prone marathoner rolled twice, 4.8 of
                # his 6.9 minutes after each run).
                self.kinds.add(POST_RUN_RELEASE_KIND)
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
        after_long=day.after_long,
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
    ctx: PlanContext,
    day: DayInfo,
    st: DayState,
    items: Sequence[Prescribed],
    reason: str,
    *,
    keep: Sequence[float] = (),
    cool: float = 0.0,
    care: float = 0.0,
) -> None:
    """A protocol's session: every item, in one slot where one holds them all, at the full
    dose if the minutes allow, else with fewer sets of every item. ``keep``: the minutes of
    one set of each later protocol today, left for those that can still fit beside one set
    of each item here (minutes kept for one that cannot fit anyway would go to fill work:
    a 70-year-old's falls sessions stayed at one set of everything for 16 weeks beside an
    ankle routine that never fitted). ``cool``: the fewest minutes of a later recovery
    routine's cool-down after today's run, which a programme of independent items (the
    foot-core programme, whose items can take turns) always leaves: a 15-year-old's 10
    minutes held foot-core sessions and no rolling after 40 of his 80 runs, both hard runs
    among them (physio review 16). ``care``: the fewest minutes of a painful tissue's daily
    release, which every protocol leaves where one set of each of its items still fits (the
    heel's roll went from loading days once Beyer's seated raise joined Rathleff's there:
    physio review 18's re-check)."""
    chosen = _protocol_slots(ctx, day, [p for p in items if p.ex.slug not in st.slugs])
    if not chosen:
        return
    least = sum(one_set(ctx, p) for p, _ in chosen)
    whole_room = st.room
    if care and least <= st.room - care + 1e-9:
        whole_room = st.room - care
    if cool and _leaves_cool(st, chosen, least, whole_room - cool, day.index):
        whole_room -= cool
    kept = 0.0
    for share in sorted(keep):
        if least + kept + share <= whole_room + 1e-9:
            kept += share
    room = max(whole_room - kept, min(least, whole_room))
    before = ctx.memo.volume_before
    doses, needed = fit_sets(
        ctx,
        [(p.ex, p.dose) for p, _ in chosen],
        room,
        progressed=tuple(p.progressed for p, _ in chosen),
        held=tuple(p.held for p, _ in chosen),
        floors=tuple(_floor(before, p) for p, _ in chosen),
    )
    if doses is None:
        part = _part_of_session(st, chosen, needed, day.index, whole_room)
        if part is None:
            return
        chosen, doses = part
    full = [p.dose for p, _ in chosen]
    if any(d.sets < f.sets for d, f in zip(doses, full, strict=True)):
        pid = chosen[0][0].protocol.id
        kept_free = st.room - room if room < st.room else 0.0  # what it left the later work
        st.short[pid] = max(st.short.get(pid, 0.0), st.spent + needed + kept_free)
    for (p, slot), dose, whole in zip(chosen, doses, full, strict=True):
        _add_protocol_item(ctx, st, p, slot, dose=dose, whole=whole, reason=reason)


def _leaves_cool(
    st: DayState, chosen: list[tuple[Prescribed, Slot]], least: float, room: float, index: int
) -> bool:
    """Whether a programme of independent items (the foot-core programme) still holds a
    session in ``room`` (the day less the rolling after today's run): one set of each, or
    its items in turns; else the session goes first (a heel-pain runner's foot-core
    sessions, whose day had daily heel care before them, all went for a roll)."""
    if chosen[0][0].protocol.frequency is not Frequency.SESSIONS or room <= 0:
        return False
    if least <= room + 1e-9:
        return True
    return not st.spent and bool(_one_set_in_turn(chosen, room, index))


def _part_of_session(
    st: DayState, chosen: list[tuple[Prescribed, Slot]], needed: float, index: int, room: float
) -> tuple[list[tuple[Prescribed, Slot]], list[Dose]] | None:
    """Where not even one set of each item fits, on a day that would otherwise hold
    nothing: for a programme that is the whole of its days (falls prevention: no other work
    comes beside it), one set of the items that fit, the ones it builds up first; for a
    programme of independent items (the foot-core programme) one set of as many as fit, the
    others taking turns to wait. Any other protocol keeps every item or waits (None; the
    plan says so), as its session asks."""
    protocol = chosen[0][0].protocol
    pid = protocol.id
    kept: list[tuple[Prescribed, Slot]] = []
    if protocol.frequency is Frequency.PROGRAMME_DAYS and not st.spent:
        kept = _one_set_of_part(chosen, room, index)
    elif protocol.frequency is Frequency.SESSIONS and not st.spent:
        kept = _one_set_in_turn(chosen, room, index)
    if not kept:
        st.missed[pid] = st.spent + needed
        return None
    kept_ids = {id(p) for p, _ in kept}
    st.partial[pid] = tuple(p.ex.name for p, _ in chosen if id(p) not in kept_ids)
    st.short[pid] = max(st.short.get(pid, 0.0), st.spent + needed)
    return kept, [replace(p.peak or p.dose, sets=1) for p, _ in kept]


def _add_protocol_item(
    ctx: PlanContext,
    st: DayState,
    p: Prescribed,
    slot: Slot,
    *,
    dose: Dose,
    whole: Dose,
    reason: str,
) -> None:
    """One protocol item into the day at ``dose`` (``whole``: its full dose), counting the
    work done of it for the budget's floors."""
    if p.ex.slug in (painful := painful_stretches(ctx)):
        st.reserved.update(painful)  # one stretch of the painful tissue a day
    key = _work_key(p)
    ctx.memo.volume[key] = max(ctx.memo.volume.get(key, 0), volume(dose))
    ctx.memo.volume[_item_key(p)] = dose.sets
    held = p.held
    if held is not None and p.held_stage is not None and dose.reps == held.reps != p.dose.reps:
        # The stage before holds: its note and added load go with its dose (a load for 10
        # at the most, not the 8 of the stage that waits).
        p = replace(p, stage=p.held_stage)
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


def one_set(ctx: PlanContext, p: Prescribed) -> float:
    """The minutes of one set of a protocol item (memoised for the plan)."""
    key = (p.ex.slug, p.dose)
    found = ctx.memo.one_set.get(key)
    if found is None:
        found = ctx.memo.one_set[key] = minutes(replace(p.dose, sets=1), p.ex.load)
    return found


def _one_set_of_part(
    chosen: list[tuple[Prescribed, Slot]], room: float, index: int = 0
) -> list[tuple[Prescribed, Slot]]:
    """When not even one set of every item fits a day that holds nothing else: one set of as
    many as fit, the items the protocol keeps at one dose left out before the ones it
    progresses (heel raises, balance), the longest first. Ten minutes of a falls programme
    beat none for a 90-year-old whose minutes cannot hold all of it; the plan names what
    waits. Where as many items fit with the ones left out taking turns from session to
    session, they do: an 80-year-old's big-toe press never came in 16 weeks (physio review
    17)."""

    def one_set(p: Prescribed) -> float:
        return minutes(replace(p.peak or p.dose, sets=1), p.ex.load)

    def fitted(
        order: Callable[[list[tuple[Prescribed, Slot]]], tuple[Prescribed, Slot]],
    ) -> list[tuple[Prescribed, Slot]]:
        kept = list(chosen)
        while kept and sum(one_set(p) for p, _ in kept) > room + 1e-9:
            kept.remove(order(kept))
        return kept

    longest = fitted(lambda kept: max(kept, key=lambda ps: (not ps[0].progressed, one_set(ps[0]))))
    steady = [ps for ps in chosen if not ps[0].progressed]
    if not steady:
        return longest
    turn = index // 2 % len(steady)  # sessions are every second day at most
    rotation = steady[turn:] + steady[:turn]

    def in_turn(kept: list[tuple[Prescribed, Slot]]) -> tuple[Prescribed, Slot]:
        waiting = [ps for ps in rotation if ps in kept]
        return waiting[0] if waiting else max(kept, key=lambda ps: one_set(ps[0]))

    turns = fitted(in_turn)
    # One item fewer a session is worth every item coming round.
    return turns if len(turns) >= len(longest) - 1 else longest


def _one_set_in_turn(
    chosen: list[tuple[Prescribed, Slot]], room: float, index: int
) -> list[tuple[Prescribed, Slot]]:
    """For a programme of independent items done some days a week (the foot-core
    programme): when not even one set of every item fits a day that holds nothing else, one
    set of as many as fit, the items left out taking turns from day to day, so each comes
    round within the week; none when fewer than half of them fit. Eight minutes at the desk
    held the foot-core programme in two weeks of sixteen, the daily work taking the rest
    (physio review 12)."""
    n = len(chosen)
    kept = list(chosen)

    def one_set(p: Prescribed) -> float:
        return minutes(replace(p.peak or p.dose, sets=1), p.ex.load)

    for step in range(n):
        if sum(one_set(p) for p, _ in kept) <= room + 1e-9:
            break
        kept.remove(chosen[(index + step) % n])
    # Fewer than half of its items is no longer a session of it: the daily work goes on.
    return kept if 2 * len(kept) >= n else []


def _protocol_slots(
    ctx: PlanContext, day: DayInfo, items: Sequence[Prescribed]
) -> list[tuple[Prescribed, Slot]]:
    """Where the session goes: one slot where every item (or one of its stand-ins) suits;
    else the items in their order through the day (a release before the stretch that
    follows it); else each item in the first slot that suits it."""
    order = [s for s in PROTOCOL_SLOTS if s in day.slots]

    def pick(p: Prescribed, slot: Slot) -> Prescribed | None:
        for option in _rotated(ctx, p, day.index):
            if _protocol_fits(ctx, day, option, slot):
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


def _protocol_fits(ctx: PlanContext, day: DayInfo, p: Prescribed, slot: Slot) -> bool:
    """Whether a protocol item may go into the slot on this kind of day."""
    return slot_fits(ctx, day, p.ex, p.dose, slot)


def slot_fits(ctx: PlanContext, day: DayInfo, ex: Exercise, dose: Dose, slot: Slot) -> bool:
    """:func:`fits_slot` without a want, for the dose as the slot takes it (a pre-run dose
    capped to its sets first). Memoised for the plan on the exercise, the day's kind, the
    slot and the dose's hold: of the dose the rules read only the hold and, before a run,
    the sets, which the cap keeps within the pre-run rule whatever the dose."""
    key = (ex.slug, day.kind, slot, dose.hold_s)
    found = ctx.memo.slot_fits.get(key)
    if found is None:
        found = ctx.memo.slot_fits[key] = fits_slot(
            ctx, day, ex, _pre_run_dose(dose, slot), slot, want=None
        )
    return found


def _rotated(ctx: PlanContext, p: Prescribed, index: int) -> tuple[Prescribed, ...]:
    """``p.options(index)``, memoised for the plan on the item's identity (a week's items
    are the same objects all week; the entry holds the item, so its identity stays its
    own)."""
    if not p.alternates and not p.stand_ins:
        return (p,)
    found = ctx.memo.options.get(id(p))
    if found is None or found[0] is not p:
        found = ctx.memo.options[id(p)] = (p, {})
    turns: dict[int, tuple[Prescribed, ...]] = found[1]
    k = index % (len(p.alternates) + 1)
    got = turns.get(k)
    if got is None:
        got = turns[k] = p.options(index)
    return got


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
    ctx: PlanContext,
    items: Sequence[tuple[Exercise, Dose]],
    room: float,
    *,
    progressed: tuple[bool, ...],
    held: tuple[Dose | None, ...],
    floors: tuple[int, ...],
) -> tuple[list[Dose] | None, float]:
    """:func:`cut_sets` and the minutes of the full doses, memoised for the plan: a
    protocol's session comes first in its day, so the same doses meet the same minutes left
    day after day."""
    key = (tuple((ex.slug, dose) for ex, dose in items), room, progressed, held, floors)
    memo = ctx.memo.fitted
    found = memo.get(key)
    if found is None:
        needed = sum(minutes(dose, ex.load) for ex, dose in items)
        found = memo[key] = (cut_sets(items, room, progressed, held, floors), needed)
    doses, needed = found
    return (None if doses is None else list(doses)), needed


def _floor(before: Mapping[str, int], p: Prescribed) -> int:
    """The least work a cut should leave of a protocol item: the most placed of its
    exercise so far; for an exercise the item has just moved on to, the sets its last
    exercise had. Work is compared within one exercise only: heel-to-toe with the eyes closed
    for 2 x 10 s is harder than 2 x 20 s holding on (the falls programme's heel raises went
    from 4 x 12 back to 3 x 12 to keep the new balance stage at the old stage's seconds), and
    the strong band keeps the sets the lighter band had."""
    own = before.get(_work_key(p))
    if own is not None:
        return own
    sets = before.get(_item_key(p))
    return 0 if sets is None else volume(replace(p.dose, sets=min(sets, p.dose.sets)))


def _work_key(p: Prescribed) -> str:
    """The most work placed so far of one exercise of a protocol item."""
    return f"{p.protocol.id}:{p.item}:{p.ex.slug}"


def _item_key(p: Prescribed) -> str:
    """The sets of a protocol item's latest placement, whatever its exercise."""
    return f"{p.protocol.id}:{p.item}"


def cut_sets(
    items: Sequence[tuple[Exercise, Dose]],
    room: float,
    progressed: Sequence[bool] = (),
    held: Sequence[Dose | None] = (),
    floors: Sequence[int] = (),
) -> list[Dose] | None:
    """The doses with sets taken away one at a time until they fit ``room`` minutes; None
    when even one set of each does not fit.

    The items the protocol progresses (``progressed``: its heel raises building towards 50,
    its balance moving stage by stage) keep their sets while an item it keeps at one dose
    has a set to give: the rising dose is what the programme is for, and a short budget
    that cut it would send the heel raises backwards in the week a stage adds a set.
    Within each group a set comes off the item that keeps the largest share of its full
    sets (so the cut is shared, and a five-set heel raise does not lose two sets before a
    three-set stretch loses one); on a tie a stretch or mobility item gives a set before a
    strength or balance item, then the item with more sets. An item whose stage added sets
    to the stage before (``held``) goes back to that stage's dose before it loses a set: 3 x
    16 heel raises rather than 3 x 12 when the fourth set of 4 x 12 does not fit. Among
    the progressed items, one whose next cut would take it below the work placed of it last
    week (``floors``) gives a set only when no other can: one item's longer hold does not
    send another's heel raises from 3 x 10 to 2 x 12.
    """
    doses = [d for _, d in items]
    kept_back = {i for i, p in enumerate(progressed) if p}

    def total() -> float:
        return sum(minutes(d, ex.load) for (ex, _), d in zip(items, doses, strict=True))

    def cut_order(i: int) -> tuple[float, bool, int, int]:
        kept = doses[i].sets / items[i][1].sets
        return kept, items[i][0].category not in PROGRESSED, doses[i].sets, -i

    while total() > room + 1e-9:
        cuttable = [i for i in range(len(doses)) if doses[i].sets > 1]
        if not cuttable:
            return None
        first = [i for i in cuttable if i not in kept_back]
        if not first:
            first = [i for i in cuttable if i >= len(floors) or _keeps(doses[i], floors[i])]
        most = max(first or cuttable, key=cut_order)
        back = held[most] if most < len(held) else None
        if (
            back is not None
            and doses[most] is items[most][1]
            and minutes(back, items[most][0].load) < minutes(doses[most], items[most][0].load)
        ):
            doses[most] = back
            continue
        doses[most] = replace(doses[most], sets=doses[most].sets - 1)
    _even_twins(items, doses, room)
    return doses


def _even_twins(
    items: Sequence[tuple[Exercise, Dose]], doses: list[Dose], room: float = math.inf
) -> None:
    """Two neighbouring items with the same full dose, kind of work and position (band
    turn-in and turn-out) keep the same dose: where the cut took one set from one of them,
    or sent it back to the stage before, the other takes the same dose where the minutes
    hold it, else the same sets (Edith had 2 x 10 in and 3 x 10 out). The standing and the
    seated heavy calf raise work different muscles, so a short day keeps 4 x 10 of one
    beside 3 x 10 of the other rather than 3 x 10 of both and the minutes to fill work
    (physio review 13)."""
    for i in range(len(items) - 1):
        (a, full_a), (b, full_b) = items[i], items[i + 1]
        if full_a != full_b or (a.category, a.load, a.position) != (b.category, b.load, b.position):
            continue  # Beyer's standing and seated raises work different muscles: not twins
        if doses[i] == doses[i + 1]:
            continue
        lower = min((i, i + 1), key=lambda j: (doses[j].sets, -volume(doses[j])))
        same = list(doses)
        same[i] = same[i + 1] = doses[lower]
        used = sum(minutes(d, ex.load) for (ex, _), d in zip(items, same, strict=True))
        if used <= room + 1e-9:
            doses[i] = doses[i + 1] = doses[lower]
            continue
        low = min(doses[i].sets, doses[i + 1].sets)
        for j in (i, i + 1):
            if doses[j].sets > low:
                doses[j] = replace(doses[j], sets=low)


def _keeps(dose: Dose, floor: int) -> bool:
    """Whether one set fewer still holds the work placed last week."""
    return volume(replace(dose, sets=dose.sets - 1)) >= floor


def volume(dose: Dose) -> int:
    """A dose's work as one number: sets x repetitions x seconds held (or timed)."""
    return dose.sets * (dose.reps or 1) * (dose.hold_s or dose.duration_s or 1)


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
    memoised on the allowed steps of the chains that hold a match (the pool reads nothing
    else of the week, and they change far less often than the week's other chains)."""
    names = _matching_chains(ctx, want)
    allowed = cw.allowed
    key = (want.key, *[allowed.get(c) for c in names])
    found = ctx.memo.pools.get(key)
    if found is None:
        found = ctx.memo.pools[key] = _pool(ctx, cw, want, names)
    return found


def _matching_chains(ctx: PlanContext, want: Want) -> tuple[str, ...]:
    """The chains a want may draw on, in name order: its own chain, else those holding a
    step that matches it (memoised for the plan)."""
    found = ctx.memo.chains_for.get(want.key)
    if found is None:
        if want.chain is not None:
            chain = ctx.idx.chain_of.get(want.chain)
            found = (chain,) if chain is not None else ()
        else:
            found = tuple(sorted(_matching_steps(ctx, want)))
        ctx.memo.chains_for[want.key] = found
    return found


def _pool(ctx: PlanContext, cw: ChainWeek, want: Want, names: tuple[str, ...]) -> tuple[str, ...]:
    if want.chain is not None:
        return tuple(c for c in names if c in cw.step)
    matching = _matching_steps(ctx, want)
    found = [c for c in names if c in cw.allowed and not matching[c].isdisjoint(cw.allowed[c])]
    if want.goal:
        goal = want.goal
        serving = [c for c in found if any(goal in ctx.ex(m).goals for m in ctx.idx.chains[c])]
        if serving:
            found = serving
    return _prefer_own_equipment(ctx, cw, tuple(found))


def _matching_steps(ctx: PlanContext, want: Want) -> dict[str, frozenset[int]]:
    """Per chain, the steps whose exercise matches the want (:func:`_matches`; the
    catalogue's index keeps them for every plan: they read only the catalogue)."""
    return ctx.idx.matching_steps(want.category, want.target)


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
# than this week's, ((slot, dose, minutes), ...) where it suits, in the order preferred, the
# exercise's slug, whether it is a deep stretch).
Option = tuple[Slot, Dose, float]
Candidate = tuple[int, Exercise, bool, tuple[Option, ...], str, bool]


def candidates(w: Work, want: Want, chain: str) -> tuple[tuple[Candidate, ...], float]:
    """The chain's steps that may fill the want on this kind of day, hardest first, with the
    slots that suit each, and the fewest minutes any of them can take (memoised for the
    plan: the rules read only the day's kind)."""
    cw = w.cw
    key = (want.key, chain, w.day.kind, cw.sig[chain])
    cache = w.ctx.memo.candidates
    found = cache.get(key)
    if found is None:
        out = []
        members = w.ctx.idx.chains[chain]
        now = cw.step[chain]
        least = float("inf")
        for step in reversed(cw.allowed[chain]):
            ex = w.ctx.ex(members[step])
            if not _matches(ex, want):
                continue
            base = cw.dose[chain] if step == now else w.prog.base_dose(ex.slug)
            opts = _options(w, want, ex, base)
            if opts:
                out.append((step, ex, step < now, opts, ex.slug, ex.is_deep_stretch))
                least = min(least, *(_least(ex, dose, m) for _, dose, m in opts))
        found = cache[key] = (tuple(out), least)
    return found


def _options(w: Work, want: Want, ex: Exercise, base: Dose) -> tuple[Option, ...]:
    """The slots where the exercise at this dose suits the want on this kind of day, with
    the dose each gives (a pre-run or capped dose has fewer sets) and its minutes."""
    out = []
    full = -1.0
    capped = want.max_sets is not None
    for slot in _fitting_slots(w, want, ex, base):
        dose = _capped(want, _pre_run_dose(base, slot)) if capped or slot is Slot.PRE_RUN else base
        if dose is not base:
            out.append((slot, dose, minutes(dose, ex.load)))
            continue
        if full < 0:
            full = minutes(base, ex.load)
        out.append((slot, dose, full))
    return tuple(out)


def _fitting_slots(w: Work, want: Want, ex: Exercise, base: Dose) -> tuple[Slot, ...]:
    """The want's slots (in the order preferred) where the exercise keeps every placing
    rule on this kind of day. Memoised for the plan on the want, the exercise, the day's
    kind and the dose's hold: of the dose the rules read only the hold (the pre-run sets are
    capped before they are checked, and no other slot reads the sets), so a dose that grows
    week by week finds its slots here again. The want's own rules read nothing of the slot,
    so they are asked once; each slot's rules are shared by every want (:func:`slot_fits`)."""
    day = w.day
    key = (want.key, ex.slug, day.kind, base.hold_s)
    memo = w.ctx.memo.slots_for
    found = memo.get(key)
    if found is None:
        found = memo[key] = (
            tuple(s for s in _slot_order(want, ex, day) if slot_fits(w.ctx, day, ex, base, s))
            if _want_allows(want, ex, base)
            else ()
        )
    return found


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
        found_all = [candidates(w, want, chain) for chain in pool]
        per_chain = tuple(cands for cands, _ in found_all)
        least = min((m for _, m in found_all), default=float("inf"))
        found = memo[key] = (per_chain, least)
    return found


def _least(ex: Exercise, dose: Dose, full: float) -> float:
    """The fewest minutes a dose can take when time runs short (a shorter timed bout)."""
    if dose.duration_s is not None and dose.duration_s > COMPACT_DURATION_S:
        return min(full, minutes(_compact(dose), ex.load))
    return full


def place_want(w: Work, want: Want, pool: tuple[str, ...], pool_sig: int, own: int) -> bool:
    """Place the first exercise of the rotated pool that fits; True when one was placed.
    The pool turns through its first ``own`` chains (those the person has the equipment
    for); the rest are tried, in order, only when none of those fits."""
    st = w.st
    room = st.budget - st.spent
    if want.kind_key in st.kinds or room < MIN_ITEM_MINUTES:
        return False
    per_chain, least = want_candidates(w, want, pool, pool_sig)
    if least > room + 1e-9:
        return False
    n = len(pool)
    start = offset(w.ctx, w.day, want.key) % own if own else 0
    slugs, reserved = st.slugs, st.reserved
    cool = _cool_down_chains(w, want)
    for i in range(n):
        j = (start + i) % own if i < own else i
        for step, ex, lower, opts, slug, deep in per_chain[j]:
            if (slug in slugs or slug in reserved) and (cool is None or pool[j] in cool):
                continue
            if deep and st.deep:
                continue  # one deep stretch a day
            if _try_slots(w, want, ex, opts, chain=pool[j], step=step, lower=lower, deep=deep):
                reserved.update(w.ctx.idx.chain_members(slug))  # one exercise of a chain a day
                if work := w.ctx.idx.work_of.get(slug):
                    reserved.update(w.ctx.idx.works[work])  # calf raises once a day (`calf-once`)
                if slug in (painful := painful_stretches(w.ctx)):
                    reserved.update(painful)  # one stretch of the painful tissue a day
                return True
    return False


def _cool_down(ctx: PlanContext, want: Want) -> bool:
    """The cool-down after a run of a goal the person has: the recovery goal's rolling, then
    one set of a gentle stretch and of easy ankle movement (its capped wants and its own
    kind of rolling). A self-test's focus that brings that work to a plan without the goal
    keeps the ordinary rules."""
    return (
        want.slot is Slot.POST_RUN
        and want.goal in ctx.goals
        and (want.max_sets is not None or want.kind == POST_RUN_RELEASE_KIND)
    )


def _cool_down_chains(w: Work, want: Want) -> set[str] | None:
    """For a goal's cool-down after a run (the recovery goal's rolling, one gentle stretch and
    easy ankle movement), the chains it may not draw on: those already in the post-run
    session. The same stretch done earlier in the day (an ankle routine's calf stretch in the
    morning) may come again as the one set after the run: a cool-down is not a second dose
    of the day's work, and without it a long-run day kept only the rolling. None for every
    other want (one exercise of a chain a day)."""
    if not _cool_down(w.ctx, want):
        return None
    chain_of = w.ctx.idx.chain_of
    return {chain_of.get(p.ex.slug, p.ex.slug) for p in w.st.sessions.get(Slot.POST_RUN, ())}


def _try_slots(
    w: Work,
    want: Want,
    ex: Exercise,
    opts: tuple[Option, ...],
    *,
    chain: str,
    step: int,
    lower: bool,
    deep: bool,
) -> bool:
    st = w.st
    room = st.budget - st.spent
    # A deep stretch, or one that sits the body's weight back on tucked toes (bear squat
    # rocks), follows a release in its session: not cold, as a first thing of the morning
    # (physio review 10).
    deep = deep or (ex.category is Category.STRETCH and ex.position in TOES_TUCKED_POSITIONS)
    for slot, dose, full in opts:
        items = st.sessions[slot]
        # At most four exercises in a session; the recovery goal's cool-down counts only the
        # others' fill work, as the rule checker does (a foot-core session straight after a
        # hard run had left it no place: no rolling, stretch or ankle movement).
        fill = (
            sum(1 for p in items if p.protocol is None) if _cool_down(w.ctx, want) else len(items)
        )
        if fill >= MAX_ITEMS_PER_SESSION:
            continue
        companion = None
        if deep and not has_release(items):
            if fill + 2 > MAX_ITEMS_PER_SESSION:
                continue
            companion = find_companion(w.ctx, w.day, st, slot)
            if companion is None:
                continue
        fitted = _within(ex, dose, full, room - (companion.minutes if companion else 0.0))
        if fitted is None:
            continue
        spend = full if fitted is dose else minutes(fitted, ex.load)
        if not items and slot in OWN_MOMENTS and spend < MIN_OWN_SESSION_MINUTES:
            continue
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
        short = _compact(dose)
        if minutes(short, ex.load) <= room + 1e-9:
            return short
    return None


def has_release(items: list[Placed]) -> bool:
    return any(p.ex.category in (Category.WARM_UP, Category.RELEASE) for p in items)


def find_companion(ctx: PlanContext, day: DayInfo, st: DayState, slot: Slot) -> Placed | None:
    """A release (else a warm-up) to put before a deep stretch in the same session."""
    for ex, cat, fitted in _companions(ctx, day, slot):
        if ex.slug in st.slugs:
            continue
        for dose, spend in fitted:
            if spend <= st.room + 1e-9:
                return Placed(
                    ex=ex,
                    dose=dose,
                    minutes=spend,
                    slot=slot,
                    reason="",
                    key=f"companion-{cat}",
                    kind=f"companion-{cat}",
                    goals=(),
                    companion=True,
                )
    return None


Companion = tuple[Exercise, Category, tuple[tuple[Dose, float], ...]]


def _companions(ctx: PlanContext, day: DayInfo, slot: Slot) -> tuple[Companion, ...]:
    """The releases, then the warm-ups, that suit the slot on this kind of day, each with
    its doses from the longest (:func:`_fit_time`'s order) and their minutes (memoised for
    the plan: the rules read only the day's kind)."""
    key = (day.kind, slot)
    found = ctx.memo.companions.get(key)
    if found is None:
        out = []
        for cat in (Category.RELEASE, Category.WARM_UP):
            for ex in ctx.idx.exercises.values():
                if ex.category is not cat or not ctx.usable[ex.slug]:
                    continue
                if fits_slot(ctx, day, ex, ex.dose, slot, want=None):
                    out.append((ex, cat, _time_options(ex, ex.dose)))
        found = ctx.memo.companions[key] = tuple(out)
    return found


def _time_options(ex: Exercise, dose: Dose) -> tuple[tuple[Dose, float], ...]:
    """:func:`_fit_time`'s choices with their minutes: the dose, then a shorter timed bout."""
    out = [(dose, minutes(dose, ex.load))]
    if dose.duration_s is not None and dose.duration_s > COMPACT_DURATION_S:
        short = _compact(dose)
        out.append((short, minutes(short, ex.load)))
    return tuple(out)
