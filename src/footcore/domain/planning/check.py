"""check_plan: verify every planning rule on a plan (generated, stored or a coach's template).

Each finding is a :class:`RuleViolation` naming the rule id (see ``rules.RULES``), the place
(date, slot, item) and what is wrong. An empty list means the plan keeps every rule.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.planning.catalogue_index import index_of
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.planning.model import Day, Plan, PlanItem
from footcore.domain.planning.protocols import (
    BAREFOOT_MAX_WEEKLY_RISE,
    BAREFOOT_START_STEPS,
    FALLS_DAYS_PER_WEEK,
    PROTOCOL_EXERCISES,
)
from footcore.domain.planning.safety import (
    falls_findings,
    gentle_findings,
    is_loading,
    slot_findings,
)
from footcore.domain.profile import Profile
from footcore.domain.timing import item_minutes, total_minutes
from footcore.domain.vocab import (
    Category,
    Goal,
    Load,
    RunKind,
    Slot,
    StretchDepth,
    Weekday,
)

MAX_ITEMS_PER_SESSION = 4
MIN_FOOT_WORK_DAYS = 5
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


def _run_kind(profile: Profile, weekday: Weekday) -> RunKind:
    run = profile.running
    if run is None or weekday not in run.days:
        return RunKind.NONE
    if weekday == run.long_run_day:
        return RunKind.LONG
    if weekday in run.hard_days:
        return RunKind.HARD
    return RunKind.EASY


def check_plan(plan: Plan, profile: Profile, catalogue: Catalogue) -> list[RuleViolation]:
    """Every rule broken by ``plan`` for ``profile`` with ``catalogue``; [] if none."""
    out: list[RuleViolation] = []
    idx = index_of(catalogue)
    adj = plan.adjustments
    pain = adj.pain_nrs if adj.pain_nrs is not None else profile.pain_nrs
    codes = {f.code for f in plan.flags}
    gentle = pain > 5 or "see-clinician" in codes or "stop-acute" in codes
    reduced = 4 <= pain <= 5
    falls = Goal.FALLS_PREVENTION in profile.goals or "fall-risk" in codes
    protocol = set().union(*(PROTOCOL_EXERCISES.get(g, frozenset()) for g in profile.goals))

    def bad(rule: str, where: str, message: str) -> None:
        out.append(RuleViolation(rule, where, message))

    def run_on(date: dt.date) -> RunKind:
        return adj.run_on(date, _run_kind(profile, Weekday.from_index(date.weekday())))

    if pain > 5 and "see-clinician" not in codes:
        bad("pain", "flags", f"pain {pain}/10 needs a see-clinician flag")

    loading_dates: set[dt.date] = set()
    chain_max: dict[str, int] = {}
    dose_max: dict[str, tuple[int, int, int]] = {}
    last_steps: int | None = None
    expected = plan.start
    for wi, week in enumerate(plan.weeks):
        if week.number != wi + 1:
            bad("level", f"week {wi + 1}", f"numbered {week.number}")
        level = min(week.number, MAX_LEVEL)
        if adj.unlocked_level is not None:
            level = max(1, min(level, adj.unlocked_level))
        if week.level != level:
            bad("level", f"week {week.number}", f"level {week.level}, expected {level}")
        week_chain: dict[str, int] = {}
        week_dose: dict[str, tuple[int, int, int]] = {}
        for day in week.days:
            where_day = day.date.isoformat()
            if day.date != expected:
                bad("run-slots", where_day, f"expected the date {expected.isoformat()}")
            expected = day.date + dt.timedelta(days=1)
            if day.weekday is not Weekday.from_index(day.date.weekday()):
                bad("run-slots", where_day, f"{day.weekday} is not the weekday of the date")
            run = run_on(day.date)
            if day.run is not run:
                source = "recorded" if day.date in adj.recorded_runs else "the profile says"
                bad("run-slots", where_day, f"run '{day.run}', {source} '{run}'")
            _check_day(
                day,
                profile,
                idx.exercises,
                bad,
                run=run,
                gentle=gentle,
                reduced=reduced,
                falls=falls,
                adj_cramp=adj.cramp_free_post_run,
            )
            for item in day.items:
                ex = idx.exercises.get(item.exercise)
                if ex is None:
                    continue
                if is_loading(ex.load):
                    loading_dates.add(day.date)
                if idx.level[ex.slug] > week.level and ex.slug not in protocol:
                    bad(
                        "level",
                        f"{where_day} {item.exercise}",
                        f"needs level {idx.level[ex.slug]}, the week is level {week.level}",
                    )
                chain = idx.chain_of[ex.slug]
                step = idx.position[ex.slug]
                week_chain[chain] = max(week_chain.get(chain, -1), step)
                sets, reps, hold = week_dose.get(ex.slug, (0, 0, 0))
                week_dose[ex.slug] = (
                    max(sets, item.sets),
                    max(reps, item.reps or 0),
                    max(hold, item.hold_s or 0),
                )
            if day.walking is not None:
                steps = day.walking.steps or 0
                if falls or gentle:
                    bad("barefoot-walking", where_day, "walking work while it is not safe")
                limit = (
                    BAREFOOT_START_STEPS
                    if last_steps is None
                    else last_steps + BAREFOOT_MAX_WEEKLY_RISE
                )
                if steps > limit:
                    bad("barefoot-walking", where_day, f"{steps} steps, at most {limit} now")
        # Progression: one chain step a week at most, doses rising gradually.
        for chain, step in week_chain.items():
            top = chain_max.get(chain)
            if top is not None and step > top + 1:
                members = idx.chains[chain]
                bad(
                    "one-step-per-week",
                    f"week {week.number} {members[step]}",
                    f"step {step + 1} of the {chain} chain; the highest before was {top + 1}",
                )
            chain_max[chain] = max(step, top if top is not None else step)
        for slug, (sets, reps, hold) in week_dose.items():
            prev = dose_max.get(slug)
            if prev is not None:
                psets, preps, phold = prev
                if sets > psets + 1:
                    bad(
                        "one-step-per-week",
                        f"week {week.number} {slug}",
                        f"{sets} sets after at most {psets} before",
                    )
                if preps and reps > preps + max(2, math.ceil(preps * 0.25)):
                    bad(
                        "one-step-per-week",
                        f"week {week.number} {slug}",
                        f"{reps} reps after at most {preps} before",
                    )
                if phold and hold > phold + max(5, math.ceil(phold * 0.25)):
                    bad(
                        "one-step-per-week",
                        f"week {week.number} {slug}",
                        f"{hold} s holds after at most {phold} s before",
                    )
                week_dose[slug] = (max(sets, psets), max(reps, preps), max(hold, phold))
            dose_max[slug] = week_dose[slug]
        walks = [d.walking.steps or 0 for d in week.days if d.walking is not None]
        if walks:
            last_steps = max(walks)
        _check_frequency(week.number, week.days, profile, bad)

    _check_alternate_days(loading_dates, run_on, bad)
    return out


def _check_day(
    day: Day,
    profile: Profile,
    exercises: dict[str, Exercise],
    bad: _Bad,
    *,
    run: RunKind,
    gentle: bool,
    reduced: bool,
    falls: bool,
    adj_cramp: bool,
) -> None:
    where_day = day.date.isoformat()
    seen_slots: set[Slot] = set()
    for session in day.sessions:
        where_s = f"{where_day} {session.slot}"
        if session.slot in seen_slots:
            bad("slot-fit", where_s, "a second session in the same slot")
        seen_slots.add(session.slot)
        if session.slot not in profile.slots:
            bad("slot-fit", where_s, "a slot the profile does not use")
        if session.slot in (Slot.PRE_RUN, Slot.POST_RUN) and run is RunKind.NONE:
            bad("run-slots", where_s, "a run session on a day without a run")
        if len(session.items) > MAX_ITEMS_PER_SESSION:
            bad(
                "few-exercises",
                where_s,
                f"{len(session.items)} exercises, at most {MAX_ITEMS_PER_SESSION}",
            )
        if not session.items:
            bad("few-exercises", where_s, "an empty session")
        if abs(session.minutes - total_minutes([i.minutes for i in session.items])) > _EPS:
            bad("daily-minutes", where_s, "session minutes are not the sum of its items")
        _check_order(session.items, exercises, where_s, bad)
        for n, item in enumerate(session.items, start=1):
            _check_item(
                item,
                session.slot,
                profile,
                exercises,
                bad,
                where=f"{where_s} #{n}",
                run=run,
                gentle=gentle,
                reduced=reduced,
                falls=falls,
                adj_cramp=adj_cramp,
            )
    if day.minutes > profile.minutes_per_day + 1e-9:
        bad(
            "daily-minutes",
            where_day,
            f"{day.minutes} minutes, the profile allows {profile.minutes_per_day}",
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
    item: PlanItem,
    slot: Slot,
    profile: Profile,
    exercises: dict[str, Exercise],
    bad: _Bad,
    *,
    where: str,
    run: RunKind,
    gentle: bool,
    reduced: bool,
    falls: bool,
    adj_cramp: bool,
) -> None:
    where = f"{where} ({item.exercise})"
    ex = exercises.get(item.exercise)
    if ex is None:
        bad("catalogue", where, "not an exercise of the catalogue")
        return
    if item.category is not ex.category or item.load is not ex.load:
        bad("catalogue", where, "category or load differ from the catalogue")
    if abs(item.minutes - item_minutes(item.dose, item.load)) > _EPS:
        bad("daily-minutes", where, "minutes do not follow the time model")
    if slot not in ex.slots:
        bad("slot-fit", where, f"the exercise does not suit the {slot} slot")
    missing = ex.needs(profile.equipment)
    if missing:
        bad("equipment", where, "needs " + ", ".join(str(m) for m in missing))
    for rule, message in slot_findings(
        ex,
        slot,
        run,
        hold_s=item.hold_s,
        load=item.load,
        cramp_prone=profile.cramp_prone,
        cramp_free_post_run=adj_cramp,
    ):
        bad(rule, where, message)
    if gentle:
        for rule, message in gentle_findings(ex, item.load):
            bad(rule, where, message)
    elif reduced and item.load is Load.HEAVY:
        bad("pain", where, "heavy load with pain at 4-5/10")
    if falls:
        for rule, message in falls_findings(ex):
            bad(rule, where, message)


def _check_frequency(number: int, days: tuple[Day, ...], profile: Profile, bad: _Bad) -> None:
    if len(days) < 7 or not any(s in EVERYDAY_SLOTS for s in profile.slots):
        return
    everyday = sum(1 for d in days if any(s.slot in EVERYDAY_SLOTS for s in d.sessions))
    goals = set(profile.goals)
    if Goal.FALLS_PREVENTION in goals:
        # The older-adult programme is three days a week; other goals may add daily work.
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


def _check_alternate_days(
    dates: set[dt.date], run_on: Callable[[dt.date], RunKind], bad: _Bad
) -> None:
    for date in sorted(dates):
        where = date.isoformat()
        tomorrow = date + dt.timedelta(days=1)
        if tomorrow in dates:
            bad("alternate-days", where, "moderate or heavy work on two days in a row")
        if run_on(date) is RunKind.LONG:
            bad("alternate-days", where, "moderate or heavy work on the long-run day")
        if run_on(tomorrow) is RunKind.LONG:
            bad("alternate-days", where, "moderate or heavy work the day before the long run")
