"""Fitting one template item to one athlete: the exercise (or the first easier step or
equivalent that keeps every planning rule for them) and the dose they do."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from footcore.domain.coaching.template import Template, TemplateItem, coach_dose
from footcore.domain.exercise import Catalogue, Dose, Exercise
from footcore.domain.planning.catalogue_index import CatalogueIndex, index_of
from footcore.domain.planning.model import Plan, PlanItem
from footcore.domain.planning.protocol import protocol_exercises
from footcore.domain.planning.safety import (
    PRE_RUN_MAX_HOLD_S,
    falls_findings,
    gentle_findings,
    is_loading,
    slot_findings,
)
from footcore.domain.profile import Profile
from footcore.domain.timing import item_minutes
from footcore.domain.vocab import Goal, Load, RunKind, Slot, Weekday

#: The most sets, reps and hold seconds done so far of one exercise.
DoseTop = tuple[int, int, int]


def reps_after(previous: int) -> int:
    """The most reps a dose rises to after ``previous``: a quarter more, at least two."""
    return previous + max(2, math.ceil(previous * 0.25))


def hold_after(previous: int) -> int:
    """The longest hold after one of ``previous`` seconds: a quarter more, at least 5 s."""
    return previous + max(5, math.ceil(previous * 0.25))


@dataclass(frozen=True)
class AthleteRules:
    """What this athlete's profile and plan demand of every item."""

    profile: Profile
    idx: CatalogueIndex
    catalogue: Catalogue
    gentle: bool
    reduced: bool
    falls: bool
    cramp_free_post_run: bool
    protocol: frozenset[str]
    # the dates that follow a long run (no cramp-risk work then for a cramp-prone athlete)
    after_long: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """An exercise and dose the athlete can do in place of a template item, and what was
    changed to get there."""

    ex: Exercise
    dose: Dose
    changes: tuple[str, ...]


def rules_for(plan: Plan, profile: Profile, catalogue: Catalogue) -> AthleteRules:
    """The rules of ``plan`` (the athlete's own generated plan) for ``profile``."""
    adj = plan.adjustments
    pain = adj.pain_nrs if adj.pain_nrs is not None else profile.pain_nrs
    codes = {f.code for f in plan.flags}
    return AthleteRules(
        profile=profile,
        idx=index_of(catalogue),
        catalogue=catalogue,
        gentle=pain > 5 or "see-clinician" in codes or "stop-acute" in codes,
        reduced=4 <= pain <= 5,
        falls=Goal.FALLS_PREVENTION in profile.goals or "fall-risk" in codes,
        cramp_free_post_run=adj.cramp_free_post_run,
        protocol=protocol_exercises(getattr(catalogue, "planning", None), profile.goals),
        after_long=_after_long_runs(plan, profile),
    )


def _after_long_runs(plan: Plan, profile: Profile) -> frozenset[dt.date]:
    """The plan's dates whose day before held a long run (the plan's own days; before the
    plan, the profile's running week)."""
    runs = {d.date: d.run for d in plan.days}
    long_day = profile.running.long_run_day if profile.running else None
    out = set()
    for d in plan.days:
        before = d.date - dt.timedelta(days=1)
        run = runs.get(before)
        if run is RunKind.LONG or (
            run is None and long_day is Weekday.from_index(before.weekday())
        ):
            out.add(d.date)
    return frozenset(out)


def objections(
    ex: Exercise,
    dose: Dose,
    slot: Slot,
    run: RunKind,
    *,
    level: int,
    r: AthleteRules,
    loading_ok: bool,
    max_step: int | None,
    after_long: bool = False,
) -> list[str]:
    """Why this exercise cannot go into this slot for this athlete today ([] = it can)."""
    found: list[str] = []
    missing = ex.needs(r.profile.equipment)
    if missing:
        found.append(f"needs {', '.join(str(m) for m in missing)}, which you have not listed")
    if slot not in ex.slots:
        found.append(f"does not suit the {slot} slot")
    hold = dose.hold_s
    if slot is Slot.PRE_RUN and hold is not None and hold > PRE_RUN_MAX_HOLD_S:
        hold = PRE_RUN_MAX_HOLD_S  # shortened, not refused (see _fit_dose)
    for _rule, message in slot_findings(
        ex,
        slot,
        run,
        hold_s=hold,
        load=ex.load,
        cramp_prone=r.profile.cramp_prone or r.cramp_free_post_run,
        after_long=after_long,
    ):
        found.append(message)
    if r.gentle:
        found += [m for _rule, m in gentle_findings(ex, ex.load)]
    elif r.reduced and ex.load is Load.HEAVY:
        found.append("heavy load with pain at 4-5/10")
    if r.falls:
        found += [m for _rule, m in falls_findings(ex)]
    if r.idx.level[ex.slug] > level and ex.slug not in r.protocol:
        found.append(f"waits for level {r.idx.level[ex.slug]}; this week is level {level}")
    if is_loading(ex.load) and not loading_ok:
        found.append(
            "loading work keeps to every other day, never on or the day before the long run"
        )
    if max_step is not None and r.idx.position[ex.slug] > max_step:
        found.append("its chain moves one step a week")
    return found


def candidates(slug: str, r: AthleteRules) -> list[Exercise]:
    """The exercise, then the easier steps of its chain (nearest first), then same-category
    equivalents the athlete can do (closest first)."""
    members = r.idx.chain_members(slug)
    pos = r.idx.position[slug]
    out = [r.idx.exercises[s] for s in (members[pos], *reversed(members[:pos]))]
    seen = {e.slug for e in out}
    for other in r.catalogue.equivalents(slug, r.profile.equipment):
        if other.slug not in seen and other.dose.steps is None:
            out.append(other)
            seen.add(other.slug)
    return out


def fit_item(
    item: TemplateItem,
    slot: Slot,
    run: RunKind,
    level: int,
    r: AthleteRules,
    *,
    loading_ok: bool,
    chain_top: Mapping[str, int],
    dose_top: Mapping[str, DoseTop],
    after_long: bool = False,
) -> tuple[Candidate | None, str]:
    """The item as this athlete can do it in this slot today, or None with the reason."""
    original = r.idx.exercises[item.exercise]
    first_reason = ""
    for ex in candidates(item.exercise, r):
        chain = r.idx.chain_of[ex.slug]
        top = chain_top.get(chain)
        dose = coach_dose(item, ex) if ex.slug == original.slug else ex.dose
        found = objections(
            ex,
            dose,
            slot,
            run,
            level=level,
            r=r,
            loading_ok=loading_ok,
            max_step=None if top is None else top + 1,
            after_long=after_long,
        )
        if not found:
            dose, dose_changes = _fit_dose(ex, dose, slot, r, dose_top.get(ex.slug))
            changes: list[str] = []
            if ex.slug != original.slug:
                changes.append(f"{original.name} -> {ex.name} ({first_reason})")
            return Candidate(ex, dose, tuple(changes + dose_changes)), ""
        if ex.slug == original.slug:
            first_reason = found[0]
    return None, f"{original.name} left out: {first_reason}"


def _fit_dose(
    ex: Exercise, dose: Dose, slot: Slot, r: AthleteRules, top: DoseTop | None
) -> tuple[Dose, list[str]]:
    """The dose this athlete does: holds shortened before a run, a gradual rise from the
    most done so far (``top``), a set fewer with pain at 4-5/10; and what changed."""
    changes: list[str] = []
    if slot is Slot.PRE_RUN and dose.hold_s is not None and dose.hold_s > PRE_RUN_MAX_HOLD_S:
        dose = replace(dose, hold_s=PRE_RUN_MAX_HOLD_S)
        changes.append(f"holds shortened to {PRE_RUN_MAX_HOLD_S} s before a run")
    if top is not None:
        psets, preps, phold = top
        sets = min(dose.sets, psets + 1) if psets else dose.sets
        reps = dose.reps
        if reps is not None and preps:
            reps = min(reps, reps_after(preps))
        hold = dose.hold_s
        if hold is not None and phold:
            hold = min(hold, hold_after(phold))
        if (sets, reps, hold) != (dose.sets, dose.reps, dose.hold_s):
            tempo = dose.tempo
            if tempo is not None and hold is not None and tempo.hold_s != hold:
                tempo = replace(tempo, hold_s=hold)
            dose = replace(dose, sets=sets, reps=reps, hold_s=hold, tempo=tempo)
            changes.append("the dose rises gradually towards the coach's")
    if r.reduced and is_loading(ex.load) and dose.sets > 1:
        dose = replace(dose, sets=dose.sets - 1)
        changes.append("one set fewer with pain at 4-5/10")
    return dose, changes


def plan_item(c: Candidate, template: Template, note: str, r: AthleteRules) -> PlanItem:
    """The fitted item as a plan item, its ``why`` saying whose it is and what changed."""
    ex, d = c.ex, c.dose
    chain = r.idx.chain_of[ex.slug]
    members = r.idx.chains[chain]
    subs = ex.substitutions_for(r.profile.equipment)
    why = [f"From your coach's programme '{template.name}'."]
    if note:
        why.append(f"Coach: {note}")
    if c.changes:
        why.append("Changed for you: " + "; ".join(c.changes) + ".")
    rules = ["catalogue", "order"]
    why.append(f"Rules: {', '.join(rules)}.")
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
        why=" ".join(why),
        minutes=item_minutes(d, ex.load),
        rules=tuple(rules),
        goals=tuple(str(g) for g in ex.goals if g in r.profile.goals),
        tempo=d.tempo,
        rest_s=d.rest_s,
        steps=None,
        added_load=None,
        substitute="; ".join(subs.values()) or None,
        chain=chain if len(members) > 1 else None,
        step=r.idx.position[ex.slug] + 1 if len(members) > 1 else None,
    )
