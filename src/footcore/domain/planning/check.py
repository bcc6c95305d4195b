"""check_plan: verify every planning rule on a plan (generated, stored or a coach's template).

Each finding is a :class:`RuleViolation` naming the rule id (see ``rules.RULES``), the place
(date, slot, item) and what is wrong. An empty list means the plan keeps every rule. The
protocols (``Catalogue.planning``) say which exercises a goal's protocol may bring before
their level, which loading a high-pain plan may hold, and whose doses follow their own
published stages.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.planning.catalogue_index import index_of
from footcore.domain.planning.context import (
    Mode,
    ReportLike,
    mode_for,
    pain_in_force,
    stop_allows,
    stretch_limits,
)
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.planning.model import (
    NOTHING_FITS,
    Adjustments,
    Day,
    Plan,
    PlanItem,
    Session,
    level_for_week,
)
from footcore.domain.planning.norms import beyond_measured, hold_cap, measured_holds
from footcore.domain.planning.protocol import (
    EMPTY,
    PlanningData,
    Protocol,
    protocol_exercises,
)
from footcore.domain.planning.runweek import run_kinds
from footcore.domain.planning.safety import (
    falls_findings,
    gentle_findings,
    is_loading,
    site_findings,
    slot_findings,
    stretch_limit_findings,
    thin_soles_findings,
)
from footcore.domain.profile import Profile
from footcore.domain.timing import item_minutes, total_minutes
from footcore.domain.vocab import (
    Category,
    Goal,
    Load,
    PainSite,
    RunKind,
    Slot,
    StretchDepth,
    Target,
    Weekday,
)

MAX_ITEMS_PER_SESSION = 4
MIN_FOOT_WORK_DAYS = 5
FALLS_DAYS_PER_WEEK = 3
BAREFOOT_START_STEPS = 2500
BAREFOOT_MAX_WEEKLY_RISE = 1000
EVERYDAY_SLOTS = (Slot.MORNING, Slot.DESK, Slot.TEETH, Slot.TV)
_RANK = {c: i for i, c in enumerate(Category)}
_EPS = 0.051
_Bad = Callable[[str, str, str], None]


@dataclass(frozen=True)
class RuleViolation:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


@dataclass(frozen=True)
class _Rules:
    """What the checks need to know about the plan as a whole."""

    profile: Profile
    exercises: dict[str, Exercise]
    mode: Mode
    falls: bool
    cramp_prone: bool
    early: frozenset[str]  # protocol exercises that may come before their level
    high_ok: frozenset[str]  # the loading a protocol allows while pain is high
    staged: frozenset[str]  # protocol ids (their doses follow their own stages)
    run_time: dt.time | None
    work: dict[tuple[str, str], str]  # (protocol id, exercise) -> the item's kind of work
    work_of: dict[str, str]  # exercise -> the kind of protocol work it does (its chain's)
    slots: frozenset[Slot] = frozenset()  # the moments the plan may use (PlanContext.slots)
    pain: int = 0  # the pain in force (context.pain_in_force)
    site: PainSite | None = None  # where it is
    # (slot, category, goal) -> the sets a goal's cool-down or primer keeps to (Want.max_sets)
    capped: Mapping[tuple[Slot, Category, str], int] = field(default_factory=dict)
    no_stretch: frozenset[Target] = frozenset()  # tissues kept unstretched (context)
    no_deep_stretch: frozenset[Target] = frozenset()  # tissues stretched only gently
    # the self-test's one-leg holds, by eyes closed (norms.measured_holds)
    measured: Mapping[bool, float] = field(default_factory=dict)


def _rules(plan: Plan, profile: Profile, catalogue: Catalogue, report: ReportLike | None) -> _Rules:
    data: PlanningData = getattr(catalogue, "planning", None) or EMPTY
    adj = plan.adjustments
    pain, site = pain_in_force(profile, adj, report)
    codes = {f.code for f in plan.flags}
    protocols = [p for g in profile.goals if (p := data.for_goal(g, site)) is not None]
    early = set(protocol_exercises(data, profile.goals))
    high_ok = {name for p in protocols for i in p.pain.high for s in i.stages for name in s.names}
    slots = profile.slots
    run_time = None
    if Slot.PRE_RUN in slots:
        run_time = profile.slot_time(Slot.PRE_RUN)
    elif Slot.POST_RUN in slots:
        post = dt.datetime.combine(dt.date(2000, 1, 1), profile.slot_time(Slot.POST_RUN))
        run_time = (post - dt.timedelta(hours=1)).time()
    mode = mode_for(pain, codes)
    runner = bool(profile.run_days) and mode is not Mode.STOP
    no_stretch, no_deep_stretch = stretch_limits(protocols, mode, site)
    return _Rules(
        measured={} if mode is Mode.STOP else measured_holds(report),
        no_stretch=no_stretch,
        no_deep_stretch=no_deep_stretch,
        slots=frozenset(s for s in profile.slots if s in EVERYDAY_SLOTS or runner),
        profile=profile,
        exercises=index_of(catalogue).exercises,
        work_of=index_of(catalogue).work_of,
        mode=mode,
        pain=pain,
        site=site,
        falls=Goal.FALLS_PREVENTION in profile.goals or "fall-risk" in codes,
        cramp_prone=profile.cramp_prone or adj.cramp_free_post_run,
        early=frozenset(early),
        high_ok=frozenset(high_ok),
        staged=frozenset(p.id for p in protocols),
        capped=_capped_sets(protocols),
        run_time=run_time,
        work={
            (p.id, name): i.work
            for p in protocols
            for i in p.all_items
            if i.work
            for s in i.all_stages
            for name in s.names
        },
    )


def check_plan(
    plan: Plan, profile: Profile, catalogue: Catalogue, report: ReportLike | None = None
) -> list[RuleViolation]:
    """Every rule broken by ``plan`` for ``profile`` with ``catalogue`` (and the self-test
    ``report`` the plan was made with, whose recorded pain counts as the planner's does);
    [] if none."""
    out: list[RuleViolation] = []
    idx = index_of(catalogue)
    adj = plan.adjustments
    r = _rules(plan, profile, catalogue, report)
    kinds = run_kinds(profile)

    def bad(rule: str, where: str, message: str) -> None:
        out.append(RuleViolation(rule, where, message))

    def run_on(date: dt.date) -> RunKind:
        return adj.run_on(date, kinds[Weekday.from_index(date.weekday())])

    _check_flags(plan, profile, bad)
    loading: dict[dt.date, list[tuple[Slot, PlanItem]]] = {}
    progress = _Progress(idx, bad, r)
    last_steps: int | None = None
    expected = plan.start
    for wi, week in enumerate(plan.weeks):
        _check_week_level(week.number, week.level, wi, adj, bad)
        for day in week.days:
            _check_date(day, expected, run_on, adj.recorded_runs, bad)
            expected = day.date + dt.timedelta(days=1)
            after_long = run_on(day.date - dt.timedelta(days=1)) is RunKind.LONG
            _check_day(day, r, bad, run=run_on(day.date), after_long=after_long)
            for session in day.sessions:
                for item in session.items:
                    ex = r.exercises.get(item.exercise)
                    if ex is None:
                        continue
                    if is_loading(ex.load):
                        loading.setdefault(day.date, []).append((session.slot, item))
                    _check_level(day, item, week.level, idx.level[ex.slug], r, bad=bad)
                    progress.see(item, ex, session.slot)
            last_steps = _check_walking(day, r, last_steps, bad)
        progress.end_week(week.number)
        # A plan that says nothing fits (its flag names the change) has no days to count.
        if r.mode is not Mode.STOP and NOTHING_FITS not in {f.code for f in plan.flags}:
            _check_frequency(week.number, week.days, profile, bad)
    _check_loading(loading, run_on, r, bad)
    return out


def _check_flags(plan: Plan, profile: Profile, bad: _Bad) -> None:
    adj = plan.adjustments
    pain = adj.pain_nrs if adj.pain_nrs is not None else profile.pain_nrs
    codes = {f.code for f in plan.flags}
    if pain > 5 and "see-clinician" not in codes:
        bad("pain", "flags", f"pain {pain}/10 needs a see-clinician flag")


def _check_date(
    day: Day,
    expected: dt.date,
    run_on: Callable[[dt.date], RunKind],
    recorded: object,
    bad: _Bad,
) -> None:
    where_day = day.date.isoformat()
    if day.date != expected:
        bad("run-slots", where_day, f"expected the date {expected.isoformat()}")
    if day.weekday is not Weekday.from_index(day.date.weekday()):
        bad("run-slots", where_day, f"{day.weekday} is not the weekday of the date")
    run = run_on(day.date)
    if day.run is not run:
        source = "recorded" if day.date in recorded else "the profile says"  # type: ignore[operator]
        bad("run-slots", where_day, f"run '{day.run}', {source} '{run}'")


def _check_level(
    day: Day, item: PlanItem, week_level: int, needs: int, r: _Rules, *, bad: _Bad
) -> None:
    if needs > week_level and item.exercise not in r.early:
        bad(
            "level",
            f"{day.date.isoformat()} {item.exercise}",
            f"needs level {needs}, the week is level {week_level}",
        )


def _check_week_level(number: int, level: int, index: int, adj: Adjustments, bad: _Bad) -> None:
    if number != index + 1:
        bad("level", f"week {index + 1}", f"numbered {number}")
    expected = level_for_week(number, adj, MAX_LEVEL)
    if level != expected:
        bad("level", f"week {number}", f"level {level}, expected {expected}")


class _Progress:
    """One chain step a week at most; doses rising gradually (a protocol's items follow
    their published stages instead)."""

    def __init__(self, idx: object, bad: _Bad, r: _Rules) -> None:
        self.idx = idx
        self.bad = bad
        self.r = r
        self.chain_max: dict[str, int] = {}
        self.dose_max: dict[str, tuple[int, int, int]] = {}
        self.week_chain: dict[str, int] = {}
        self.week_dose: dict[str, tuple[int, int, int]] = {}

    def see(self, item: PlanItem, ex: Exercise, slot: Slot) -> None:
        idx = self.idx
        chain = idx.chain_of[ex.slug]  # type: ignore[attr-defined]
        step = idx.position[ex.slug]  # type: ignore[attr-defined]
        self.week_chain[chain] = max(self.week_chain.get(chain, -1), step)
        if item.protocol in self.r.staged:
            return  # a protocol's doses follow its own published stages
        sets, reps, hold = self.week_dose.get(ex.slug, (0, 0, 0))
        self.week_dose[ex.slug] = (
            max(sets, 0 if self._short_bout(item, slot) else item.sets),
            max(reps, item.reps or 0),
            max(hold, item.hold_s or 0),
        )

    def _short_bout(self, item: PlanItem, slot: Slot) -> bool:
        """A pre-run primer (two sets) or a goal's capped cool-down (one set after a run) is
        a short bout of an exercise, not its training dose: its sets are not the baseline the
        next week's rise is measured from."""
        if slot is Slot.PRE_RUN:
            return True
        capped = self.r.capped
        return any(item.sets <= capped.get((slot, item.category, goal), 0) for goal in item.goals)

    def end_week(self, number: int) -> None:
        idx = self.idx
        for chain, step in self.week_chain.items():
            top = self.chain_max.get(chain)
            members = idx.chains[chain]  # type: ignore[attr-defined]
            if top is not None and step > top + 1:
                top = idx.highest_passed(members[step], top, self.r.slots)  # type: ignore[attr-defined]
            if top is not None and step > top + 1:
                self.bad(
                    "one-step-per-week",
                    f"week {number} {members[step]}",
                    f"step {step + 1} of the {chain} chain; the highest before was {top + 1}",
                )
            self.chain_max[chain] = max(step, top if top is not None else step)
        for slug, now in self.week_dose.items():
            prev = self.dose_max.get(slug)
            if prev is not None:
                _dose_rise(number, slug, now, prev, self.bad)
            self.dose_max[slug] = now if prev is None else tuple(map(max, now, prev))  # type: ignore[assignment]
        self.week_chain = {}
        self.week_dose = {}


def _capped_sets(protocols: Iterable[Protocol]) -> Mapping[tuple[Slot, Category, str], int]:
    return MappingProxyType(
        {
            (w.slot, w.category, w.goal): w.max_sets
            for p in protocols
            for w in p.daily
            if w.slot is not None and w.max_sets is not None
        }
    )


def _dose_rise(
    number: int, slug: str, now: tuple[int, int, int], prev: tuple[int, int, int], bad: _Bad
) -> None:
    sets, reps, hold = now
    psets, preps, phold = prev
    where = f"week {number} {slug}"
    if psets and sets > psets + 1:
        bad("one-step-per-week", where, f"{sets} sets after at most {psets} before")
    if preps and reps > preps + max(2, math.ceil(preps * 0.25)):
        bad("one-step-per-week", where, f"{reps} reps after at most {preps} before")
    if phold and hold > phold + max(5, math.ceil(phold * 0.25)):
        bad("one-step-per-week", where, f"{hold} s holds after at most {phold} s before")


def _check_walking(day: Day, r: _Rules, last_steps: int | None, bad: _Bad) -> int | None:
    if day.walking is None:
        return last_steps
    where_day = day.date.isoformat()
    steps = day.walking.steps or 0
    if r.falls or r.mode in (Mode.HIGH, Mode.STOP):
        bad("barefoot-walking", where_day, "walking work while it is not safe")
    for rule, message in thin_soles_findings(r.site, r.pain):
        bad(rule, where_day, message)
    limit = BAREFOOT_START_STEPS if last_steps is None else last_steps + BAREFOOT_MAX_WEEKLY_RISE
    if steps > limit:
        bad("barefoot-walking", where_day, f"{steps} steps, at most {limit} now")
    return max(steps, last_steps or 0)


def _check_day(day: Day, r: _Rules, bad: _Bad, *, run: RunKind, after_long: bool) -> None:
    where_day = day.date.isoformat()
    seen_slots: set[Slot] = set()
    for session in day.sessions:
        where_s = f"{where_day} {session.slot}"
        if session.slot in seen_slots:
            bad("slot-fit", where_s, "a second session in the same slot")
        seen_slots.add(session.slot)
        _check_session(session, r, bad, where=where_s, run=run, after_long=after_long)
    _check_work_once(day, r, bad)
    if day.minutes > r.profile.minutes_per_day + 1e-9:
        bad(
            "daily-minutes",
            where_day,
            f"{day.minutes} minutes, the profile allows {r.profile.minutes_per_day}",
        )


def _check_work_once(day: Day, r: _Rules, bad: _Bad) -> None:
    """Calf raises once a day (rule `calf-once`): one protocol's, and no other item doing
    the same work beside them. A violation names the item ("date slot #n"), so a coach's
    template can leave it out. Without a protocol's, two calf raises of footcore's own work
    are kept apart when the plan is made (one step of each chain a day, tested there); a
    coach's session may hold a standing and a seated raise, as Beyer's does."""
    by_work: dict[str, set[str]] = {}
    others: list[tuple[str, str, str]] = []  # (work, exercise, where) outside a protocol's work
    for session in day.sessions:
        for n, item in enumerate(session.items, start=1):
            if item.protocol and (work := r.work.get((item.protocol, item.exercise))):
                by_work.setdefault(work, set()).add(item.protocol)
            elif work := r.work_of.get(item.exercise, ""):
                others.append((work, item.exercise, f"{day.date.isoformat()} {session.slot} #{n}"))
    for work, protocols in by_work.items():
        if len(protocols) > 1:
            names = ", ".join(sorted(protocols))
            bad("calf-once", day.date.isoformat(), f"{work} from {names} on one day")
    for work, exercise, where in others:
        if work in by_work:
            names = ", ".join(sorted(by_work[work]))
            bad("calf-once", where, f"{exercise} beside {work} from {names}")


def _check_session(
    session: Session, r: _Rules, bad: _Bad, *, where: str, run: RunKind, after_long: bool
) -> None:
    if session.slot not in r.profile.slots:
        bad("slot-fit", where, "a slot the profile does not use")
    if session.slot in (Slot.PRE_RUN, Slot.POST_RUN):
        if run is RunKind.NONE:
            bad("run-slots", where, "a run session on a day without a run")
        if r.mode is Mode.STOP:
            bad("pain", where, "a run session while running is stopped")
    fill = [i for i in session.items if i.protocol not in r.staged]
    if len(fill) > MAX_ITEMS_PER_SESSION:
        bad("few-exercises", where, f"{len(fill)} exercises, at most {MAX_ITEMS_PER_SESSION}")
    if not session.items:
        bad("few-exercises", where, "an empty session")
    if abs(session.minutes - total_minutes([i.minutes for i in session.items])) > _EPS:
        bad("daily-minutes", where, "session minutes are not the sum of its items")
    _check_order(session.items, r.exercises, where, bad)
    for n, item in enumerate(session.items, start=1):
        _check_item(
            item, session.slot, r, bad, where=f"{where} #{n}", run=run, after_long=after_long
        )


def _check_order(
    items: tuple[PlanItem, ...], exercises: dict[str, Exercise], where: str, bad: _Bad
) -> None:
    prepared = False
    last_rank = -1
    deep_seen = False
    for n, item in enumerate(items, start=1):
        ex = exercises.get(item.exercise)
        rank = _RANK[item.category]
        if rank < last_rank:
            bad("order", f"{where} #{n}", f"{item.category} after later work in the session")
        last_rank = max(last_rank, rank)
        if ex is None:
            continue
        if ex.stretch_depth is StretchDepth.DEEP:
            deep_seen = True
            if not prepared:
                bad(
                    "deep-after-release",
                    f"{where} #{n}",
                    f"deep stretch {item.exercise} without a warm-up or release before it",
                )
        elif ex.stretch_depth is StretchDepth.GENTLE and deep_seen:
            bad("order", f"{where} #{n}", "a gentle stretch after a deep one")
        if item.category in (Category.WARM_UP, Category.RELEASE):
            prepared = True


def _check_item(
    item: PlanItem, slot: Slot, r: _Rules, bad: _Bad, *, where: str, run: RunKind, after_long: bool
) -> None:
    where = f"{where} ({item.exercise})"
    ex = r.exercises.get(item.exercise)
    if ex is None:
        bad("catalogue", where, "not an exercise of the catalogue")
        return
    if item.category is not ex.category or item.load is not ex.load:
        bad("catalogue", where, "category or load differ from the catalogue")
    if abs(item.minutes - item_minutes(item.dose, item.load)) > _EPS:
        bad("daily-minutes", where, "minutes do not follow the time model")
    if slot not in ex.slots:
        bad("slot-fit", where, f"the exercise does not suit the {slot} slot")
    missing = ex.needs(r.profile.equipment)
    if missing:
        bad("equipment", where, "needs " + ", ".join(str(m) for m in missing))
    for rule, message in slot_findings(
        ex,
        slot,
        run,
        hold_s=item.hold_s,
        load=item.load,
        cramp_prone=r.cramp_prone,
        sets=item.sets,
        after_run=run is not RunKind.NONE and _after_run(slot, r),
        after_long=after_long,
    ):
        bad(rule, where, message)
    _check_pain(item, ex, r, bad, where)
    if r.falls:
        for rule, message in falls_findings(ex):
            bad(rule, where, message)


def _check_pain(item: PlanItem, ex: Exercise, r: _Rules, bad: _Bad, where: str) -> None:
    if r.mode is Mode.STOP and not stop_allows(ex, r.site):
        bad("pain", where, "after a stop-acute result only unloaded release and mobility")
    elif r.mode is Mode.HIGH and ex.slug not in r.high_ok:
        for rule, message in gentle_findings(ex, item.load):
            bad(rule, where, message)
    elif r.mode is Mode.REDUCED and item.load is Load.HEAVY:
        bad("pain", where, "heavy load with pain at 4-5/10")
    for rule, message in site_findings(ex, r.site, r.pain):
        bad(rule, where, message)
    for rule, message in stretch_limit_findings(ex, r.no_stretch, r.no_deep_stretch):
        bad(rule, where, message)
    if beyond_measured(ex, r.measured):
        bad("own-balance", where, "a one-leg stance the self-test found held for under 5 s")
    cap = hold_cap(r.profile.age, r.profile.sex, ex, r.measured) if r.measured else None
    if cap is not None and item.hold_s is not None and item.hold_s > cap:
        bad("own-balance", where, f"held {item.hold_s} s, beyond the self-test's {cap} s")


def _check_frequency(number: int, days: tuple[Day, ...], profile: Profile, bad: _Bad) -> None:
    if len(days) < 7 or not any(s in EVERYDAY_SLOTS for s in profile.slots):
        return
    everyday = sum(1 for d in days if any(s.slot in EVERYDAY_SLOTS for s in d.sessions))
    goals = set(profile.goals)
    if Goal.FALLS_PREVENTION in goals:
        if goals <= {Goal.FALLS_PREVENTION, Goal.GENERAL} and everyday > FALLS_DAYS_PER_WEEK:
            bad(
                "little-and-often",
                f"week {number}",
                f"{everyday} programme days; falls prevention is three a week",
            )
    elif sum(1 for d in days if d.sessions) < MIN_FOOT_WORK_DAYS:
        bad(
            "little-and-often",
            f"week {number}",
            f"foot work on fewer than {MIN_FOOT_WORK_DAYS} days",
        )


def _check_loading(
    dates: dict[dt.date, list[tuple[Slot, PlanItem]]],
    run_on: Callable[[dt.date], RunKind],
    r: _Rules,
    bad: _Bad,
) -> None:
    """Moderate and heavy work: never two days in a row, never on, the day before or the day
    after a long run, and on a run day only in a session after the run."""
    for date in sorted(dates):
        where = date.isoformat()
        day = dt.timedelta(days=1)
        if date + day in dates:
            bad("alternate-days", where, "moderate or heavy work on two days in a row")
        if run_on(date) is RunKind.LONG:
            bad("alternate-days", where, "moderate or heavy work on the long-run day")
        if run_on(date + day) is RunKind.LONG:
            bad("alternate-days", where, "moderate or heavy work the day before the long run")
        if run_on(date - day) is RunKind.LONG:
            bad("alternate-days", where, "moderate or heavy work the day after the long run")
        if run_on(date) is not RunKind.NONE:
            for slot, item in dates[date]:
                if not _after_run(slot, r):
                    bad(
                        "alternate-days",
                        f"{where} {slot} ({item.exercise})",
                        "moderate or heavy work before the day's run",
                    )


def _after_run(slot: Slot, r: _Rules) -> bool:
    if slot is Slot.POST_RUN:
        return True
    if slot is Slot.PRE_RUN or r.run_time is None:
        return False
    return r.profile.slot_time(slot) > r.run_time
