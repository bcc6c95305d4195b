"""Fitting a template's days to one athlete: the coach's sessions of a day in the athlete's
slots and minutes, their own plan on the days between, and foot work on most days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from footcore.domain.coaching.fit_items import (
    AthleteRules,
    Candidate,
    DoseTop,
    fit_item,
    hold_after,
    objections,
    plan_item,
    reps_after,
)
from footcore.domain.coaching.template import Template, TemplateItem, TemplateSession
from footcore.domain.planning.catalogue_index import CatalogueIndex
from footcore.domain.planning.model import Day, PlanItem, Session, Week
from footcore.domain.planning.safety import is_loading
from footcore.domain.timing import item_minutes, total_minutes
from footcore.domain.vocab import Category, Goal, Load, RunKind, Slot, StretchDepth, Weekday

EVERYDAY = (Slot.MORNING, Slot.TV, Slot.DESK, Slot.TEETH)
RUN_SLOTS = (Slot.PRE_RUN, Slot.POST_RUN)


@dataclass
class FitState:
    """What fitting has done so far: its notes, the days with loading work, and the
    furthest chain steps and largest doses of the weeks before."""

    notes: list[str] = field(default_factory=list)
    loading_dates: set[dt.date] = field(default_factory=set)
    chain_top: dict[str, int] = field(default_factory=dict)
    dose_top: dict[str, DoseTop] = field(default_factory=dict)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def jumps_ahead(
        self, slug: str, sets: int, reps: int | None, hold: int | None, idx: CatalogueIndex
    ) -> bool:
        """Whether this work jumps past what was done so far: more than one step beyond the
        furthest of its chain, or a dose above one gradual rise."""
        chain = idx.chain_of.get(slug)
        top = self.chain_top.get(chain) if chain is not None else None
        if top is not None and idx.position[slug] > top + 1:
            return True
        prev = self.dose_top.get(slug)
        if prev is None:
            return False
        psets, preps, phold = prev
        return (
            sets > psets + 1
            or bool(preps and (reps or 0) > reps_after(preps))
            or bool(phold and (hold or 0) > hold_after(phold))
        )

    def record_week(self, days: Sequence[Day], idx: CatalogueIndex) -> None:
        """Take a finished week's furthest chain steps and largest doses into account."""
        week_chain: dict[str, int] = {}
        week_dose: dict[str, DoseTop] = {}
        for item in (i for day in days for i in day.items):
            chain = idx.chain_of.get(item.exercise)
            if chain is not None:
                week_chain[chain] = max(week_chain.get(chain, -1), idx.position[item.exercise])
            sets, reps, hold = week_dose.get(item.exercise, (0, 0, 0))
            week_dose[item.exercise] = (
                max(sets, item.sets),
                max(reps, item.reps or 0),
                max(hold, item.hold_s or 0),
            )
        for chain, pos in week_chain.items():
            self.chain_top[chain] = max(pos, self.chain_top.get(chain, pos))
        for slug, (s, rp, h) in week_dose.items():
            ps, prp, ph = self.dose_top.get(slug, (0, 0, 0))
            self.dose_top[slug] = (max(s, ps), max(rp, prp), max(h, ph))


def session_of(slot: Slot, items: Sequence[PlanItem]) -> Session:
    return Session(slot, total_minutes([i.minutes for i in items]), tuple(items))


def coach_day(
    template: Template,
    planned: Sequence[TemplateSession],
    day: Day,
    *,
    level: int,
    long_day: Weekday | None,
    r: AthleteRules,
    state: FitState,
) -> Day | None:
    """The coach's sessions of ``day`` fitted to the athlete, or None when none fits."""
    yesterday = day.date - dt.timedelta(days=1)
    tomorrow = Weekday.from_index(day.date.weekday() + 1)
    loading_ok = yesterday not in state.loading_dates and long_day not in (day.weekday, tomorrow)
    used: set[Slot] = set()
    sessions: list[Session] = []
    minutes_left = float(r.profile.minutes_per_day)
    for ts in planned:
        slot = _slot_for(ts, day, used, r, state)
        if slot is None:
            continue
        items = _fitted_items(
            template, ts, slot, day, sessions, level=level, loading_ok=loading_ok, r=r, state=state
        )
        items = _within_minutes(_arranged(items, r, state), minutes_left, r, state)
        if not items:
            continue
        session = session_of(slot, items)
        minutes_left -= session.minutes
        used.add(slot)
        sessions.append(session)
        if any(is_loading(i.load) for i in items):
            state.loading_dates.add(day.date)
    if not sessions:
        return None
    order = {s: n for n, s in enumerate(Slot)}
    return replace(day, sessions=tuple(sorted(sessions, key=lambda s: order[s.slot])))


def _slot_for(
    ts: TemplateSession, day: Day, used: set[Slot], r: AthleteRules, state: FitState
) -> Slot | None:
    """The athlete's slot for the coach's session on ``day``, or None (said in the notes):
    run slots on run days only, everyday sessions in a free everyday slot they suit."""
    if ts.slot in RUN_SLOTS:
        if day.run is RunKind.NONE or ts.slot not in r.profile.slots or ts.slot in used:
            state.note(
                f"The coach's {ts.slot} session is used on run days only "
                "(and only when you use that slot)."
            )
            return None
        return ts.slot
    slot = everyday_slot(ts.slot, used, ts.items, r)
    if slot is None:
        state.note(
            f"The coach's {ts.slot} session on {day.weekday} has no free slot of "
            "yours it suits, so it is left out."
        )
        return None
    if slot is not ts.slot:
        state.note(f"The coach's {ts.slot} sessions move to your {slot} slot.")
    return slot


def everyday_slot(
    wanted: Slot, used: set[Slot], items: Sequence[TemplateItem], r: AthleteRules
) -> Slot | None:
    """The slot a session goes to: the coach's when the athlete uses it, else the first
    everyday slot they use that every item suits."""
    if wanted in r.profile.slots and wanted not in used:
        return wanted
    for slot in EVERYDAY:
        suits = all(slot in r.idx.exercises[i.exercise].slots for i in items)
        if slot in r.profile.slots and slot not in used and suits:
            return slot
    return None


def _fitted_items(
    template: Template,
    ts: TemplateSession,
    slot: Slot,
    day: Day,
    earlier: Sequence[Session],
    *,
    level: int,
    loading_ok: bool,
    r: AthleteRules,
    state: FitState,
) -> list[PlanItem]:
    """The session's items of this week's level, each fitted to the athlete (what changed
    goes into the notes), each exercise once a day."""
    items: list[PlanItem] = []
    for ti in ts.items:
        if not ti.from_level <= level <= ti.until_level:
            continue
        fitted, reason = fit_item(
            ti,
            slot,
            day.run,
            level,
            r,
            loading_ok=loading_ok,
            chain_top=state.chain_top,
            dose_top=state.dose_top,
            after_long=day.date in r.after_long,
        )
        if fitted is None:
            state.note(f"{reason}.")
            continue
        if any(i.exercise == fitted.ex.slug for s in earlier for i in s.items) or any(
            i.exercise == fitted.ex.slug for i in items
        ):
            continue
        for change in fitted.changes:
            state.note(f"{change}.")
        items.append(plan_item(fitted, template, ti.note, r))
    return items


def _arranged(items: Sequence[PlanItem], r: AthleteRules, state: FitState) -> list[PlanItem]:
    """The items in the planner's order, without a deep stretch that no warm-up or release
    comes before (said in the notes)."""
    ordered = order_items(items, r)
    kept = prepared_ok(ordered, r)
    for gone in (i for i in ordered if i not in kept):
        state.note(
            f"{gone.name} is left out where no warm-up or release comes before it "
            "(a deep stretch needs one in the same session)."
        )
    return kept


def _within_minutes(
    items: list[PlanItem], minutes_left: float, r: AthleteRules, state: FitState
) -> list[PlanItem]:
    """The items that fit the minutes left of the day: the last ones go first."""
    while items and total_minutes([i.minutes for i in items]) > minutes_left + 1e-9:
        dropped = items.pop()
        state.note(
            f"{dropped.name} does not always fit your {r.profile.minutes_per_day} minutes "
            "a day: it is left out on the days it does not."
        )
    return items


def order_items(items: Sequence[PlanItem], r: AthleteRules) -> list[PlanItem]:
    return sorted(
        items,
        key=lambda i: (
            i.category.rank,
            1 if r.idx.exercises[i.exercise].stretch_depth is StretchDepth.DEEP else 0,
        ),
    )


def prepared_ok(items: Sequence[PlanItem], r: AthleteRules) -> list[PlanItem]:
    """Drops deep stretches with no warm-up or release before them in the session."""
    out: list[PlanItem] = []
    prepared = False
    for item in items:
        ex = r.idx.exercises[item.exercise]
        if ex.is_deep_stretch and not prepared:
            continue
        if item.category in (Category.WARM_UP, Category.RELEASE):
            prepared = True
        out.append(item)
    return out


def fill_day(day: Day, state: FitState, r: AthleteRules) -> Day:
    """The athlete's own day between coach days: without loading work (the coach's days
    carry it), and without steps or doses that would jump past what was done so far."""

    def keep(i: PlanItem) -> bool:
        if is_loading(i.load):
            return False
        return not state.jumps_ahead(i.exercise, i.sets, i.reps, i.hold_s, r.idx)

    sessions = []
    for s in day.sessions:
        items = [i for i in s.items if keep(i)]
        if items:
            sessions.append(session_of(s.slot, items))
    return replace(day, sessions=tuple(sessions))


def keep_habit(
    days: list[Day], base_week: Week, state: FitState, r: AthleteRules, level: int
) -> list[Day]:
    """Foot work on at least five days a week (the little-and-often rule): empty days take
    the athlete's own sessions back (without loading work), or a short unloaded exercise,
    while the week has too few."""
    if not any(s in EVERYDAY for s in r.profile.slots) or Goal.FALLS_PREVENTION in r.profile.goals:
        return days
    out = list(days)
    for n, base_day in enumerate(base_week.days):
        if sum(1 for d in out if d.sessions) >= 5:
            break
        if not out[n].sessions:
            out[n] = fill_day(base_day, state, r)
        if not out[n].sessions:
            out[n] = _habit_day(base_day, state, r, level)
    return out


def _habit_day(day: Day, state: FitState, r: AthleteRules, level: int) -> Day:
    """One short, unloaded exercise at its catalogue dose in an everyday slot: what keeps
    the habit on a day with nothing else."""
    for ex in r.catalogue:
        if ex.load is not Load.NONE or ex.dose.steps is not None or ex.is_deep_stretch:
            continue
        if r.idx.level[ex.slug] > level or ex.cramp_risk:
            continue
        d = ex.dose
        if state.jumps_ahead(ex.slug, d.sets, d.reps, d.hold_s, r.idx):
            continue
        if item_minutes(d, ex.load) > r.profile.minutes_per_day:
            continue
        for slot in EVERYDAY:
            if slot not in r.profile.slots:
                continue
            if objections(
                ex,
                d,
                slot,
                day.run,
                level=level,
                r=r,
                loading_ok=False,
                max_step=None,
                after_long=day.date in r.after_long,
            ):
                continue
            why = (
                "A short exercise on a day without the coach's sessions: foot work on most "
                "days builds the habit. Rules: little-and-often."
            )
            item = plan_item(Candidate(ex, d, ()), Template("", ()), "", r)
            item = replace(item, why=why, rules=("little-and-often",))
            return replace(day, sessions=(session_of(slot, [item]),))
    return replace(day, sessions=())
