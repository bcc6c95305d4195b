"""Step 4 of the planner: a goal's protocol for one week, at its published dose.

For each active protocol the week's items: the stage in force, the exercise that can be done
with the person's equipment (a stage's ``without`` form when a piece is missing), and the
pain rules: at 4-5/10 the protocol's reduced form (or the same items held at the first stage
with one set fewer); above 5/10 only the loading the protocol allows (isometric holds for a
tendon), nothing after a stop-acute result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from footcore.domain.exercise import Dose, Exercise
from footcore.domain.planning.context import Mode, PlanContext
from footcore.domain.planning.norms import capped_hold, falls_hold
from footcore.domain.planning.protocol import Protocol, ProtocolItem, Stage
from footcore.domain.planning.safety import PAINFUL_TISSUE, falls_findings
from footcore.domain.vocab import Equipment, Load


@dataclass(frozen=True)
class Prescribed:
    """One protocol item as this week asks for it."""

    protocol: Protocol
    item: str
    ex: Exercise
    dose: Dose
    stage: Stage
    form: str = "main"  # main | reduced | high | gentle | without | moment
    missing: tuple[Equipment, ...] | None = None  # the kit whose absence chose ``without``
    alternates: tuple[Exercise, ...] = ()  # doable alternates, taken in turn
    stand_ins: tuple[Exercise, ...] = ()  # doable stand-ins, for a moment no other suits
    work: str = ""  # the item's kind of work (ProtocolItem.work)
    progressed: bool = False  # the protocol raises its dose over the weeks (several stages)
    held: Dose | None = None  # the stage before's dose, when this stage adds sets to it
    held_stage: Stage | None = None  # that stage (its note and added load go with its dose)
    peak: Dose | None = None  # an earlier body-weight stage's dose with more repetitions
    # this week's own stage, when the person cannot do it and ``stage`` (an earlier one)
    # holds in its place (heel-to-toe walking for someone whose only moment is the TV)
    waits: Stage | None = None

    def options(self, index: int) -> tuple[Prescribed, ...]:
        """This item and its alternates, turned one place a day (``index``) for variety,
        then its stand-ins (tried only when none of those suits the moment)."""
        if not self.alternates and not self.stand_ins:
            return (self,)
        found = [self, *map(self._standing_in, self.alternates)]
        k = index % len(found)
        return (*found[k:], *found[:k], *map(self._standing_in, self.stand_ins))

    def _standing_in(self, a: Exercise) -> Prescribed:
        return replace(self, ex=a, dose=alternate_dose(a, self.stage), alternates=(), stand_ins=())

    @property
    def loading(self) -> bool:
        return self.ex.load in (Load.MODERATE, Load.HEAVY)


def week_items(ctx: PlanContext, protocol: Protocol, week: int) -> list[Prescribed]:
    """The protocol's items for ``week`` (1-based), in the order they are done."""
    if ctx.mode is Mode.STOP:
        return []
    if ctx.mode is Mode.HIGH:
        if protocol.pain.high:
            return _resolve(ctx, protocol, protocol.pain.high, week, form="high")
        # No gentle form of its own: the items that are gentle anyway (a release, a calf
        # stretch away from the painful tissue) go on at their first stage; the rest wait.
        return _resolve(ctx, protocol, protocol.items, 1, form="gentle")
    if ctx.mode is Mode.REDUCED:
        if protocol.pain.reduced is not None:
            return _resolve(ctx, protocol, protocol.pain.reduced, week, form="reduced")
        return _held_where_it_hurts(ctx, protocol, week)
    return _resolve(ctx, protocol, protocol.items, week, form="main")


def _held_where_it_hurts(ctx: PlanContext, protocol: Protocol, week: int) -> list[Prescribed]:
    """At 4-5/10, a protocol with no easier form of its own holds its first stage, one set
    fewer, for the items that work the painful tissue; the others go on week by week (heel
    pain at 5/10 held a falls programme's balance and band at week 1 for 16 weeks, though
    neither works the sole). With no site named, every item holds."""
    tissue = PAINFUL_TISSUE.get(ctx.site) if ctx.site is not None else None
    out: list[Prescribed] = []
    for item in protocol.items:
        if tissue is not None and not any(
            ctx.has(name) and tissue in ctx.ex(name).targets
            for stage in item.stages
            for name in stage.names
        ):
            out += _resolve(ctx, protocol, (item,), week, form="main")
            continue
        held = _resolve(ctx, protocol, (item,), 1, form="reduced")
        out += [replace(p, dose=_one_set_fewer(p)) for p in held]
    return out


def _one_set_fewer(p: Prescribed) -> Dose:
    if p.ex.load is Load.NONE or p.dose.sets <= 1:
        return p.dose
    return replace(p.dose, sets=p.dose.sets - 1)


def _resolve(
    ctx: PlanContext, protocol: Protocol, items: tuple[ProtocolItem, ...], week: int, *, form: str
) -> list[Prescribed]:
    out: list[Prescribed] = []
    for item in items:
        found = _stage_for(ctx, item, week, pain_rule=form == "high")
        if found is None:
            continue
        stage, missing, moved = found
        waits = _waiting(item, stage, week) if missing is None and not moved else None
        ex = ctx.ex(stage.exercise)
        before = _stage_before(ex, item, stage) if form == "main" else None
        alternates = tuple(
            ctx.ex(a) for a in stage.alternates if _doable(ctx, a, pain_rule=form == "high")
        )
        stand_ins = tuple(
            ctx.ex(a) for a in stage.stand_ins if _doable(ctx, a, pain_rule=form == "high")
        )
        out.append(
            Prescribed(
                protocol=protocol,
                item=item.id,
                ex=ex,
                dose=_held_to_norms(ctx, ex, stage_dose(ex, stage)),
                stage=stage,
                form="without" if missing is not None else "moment" if moved else form,
                missing=missing,
                alternates=alternates,
                stand_ins=stand_ins,
                work=item.work,
                progressed=len(item.stages) > 1,
                held=before[1] if before else None,
                held_stage=before[0] if before else None,
                peak=_peak(ex, item, stage) if form == "main" else None,
                waits=waits,
            )
        )
    return out


def _peak(ex: Exercise, item: ProtocolItem, stage: Stage) -> Dose | None:
    """The dose of the earlier stage of the same body-weight exercise with the most
    repetitions, when it has more than ``stage``: where the minutes hold one set only, that
    set keeps the most the programme has asked for (Spink's heel raises reach 3 x 16 before
    4 x 12 and 5 x 10, so one set of 16 rather than 12, then 10)."""
    if stage.added_load or stage.reps is None:
        return None
    earlier = [
        s
        for s in item.stages
        if s.from_week < stage.from_week and s.exercise == stage.exercise and s.reps
    ]
    if not earlier:
        return None
    best = max(earlier, key=lambda s: (s.reps or 0, s.from_week))
    if (best.reps or 0) <= stage.reps:
        return None
    return stage_dose(ex, best)


def _held_to_norms(ctx: PlanContext, ex: Exercise, dose: Dose) -> Dose:
    """A stage's dose with its balance hold no longer than the age norm for a one-leg stance
    and, for someone at risk of falling, the falls programme's longest hold."""
    dose = capped_hold(ctx.profile, ex, dose, ctx.measured)
    return falls_hold(ex, dose) if ctx.falls else dose


def _waiting(item: ProtocolItem, stage: Stage, week: int) -> Stage | None:
    """This week's stage of ``item`` when ``stage``, an earlier one with another exercise,
    holds in its place because the person cannot do it."""
    own = item.stage(week)
    if stage.from_week < own.from_week and stage.exercise != own.exercise:
        return own
    return None


def _stage_before(ex: Exercise, item: ProtocolItem, stage: Stage) -> tuple[Stage, Dose] | None:
    """The stage before ``stage`` and its dose, when it is the same exercise with fewer sets
    at body weight (a heel raise going from 3 x 16 to 4 x 12): where the minutes cannot hold
    the new stage's sets, holding the stage before keeps more of the work than dropping a
    set."""
    before = [s for s in item.stages if s.from_week < stage.from_week]
    if not before:
        return None
    last = max(before, key=lambda s: s.from_week)
    if last.exercise != stage.exercise or last.sets >= stage.sets or stage.added_load:
        # A loaded stage progresses by its load (5 x 8 at the most for 8): fewer sets of it
        # keep that, where the stage before would go back to a lighter load.
        return None
    return last, stage_dose(ex, last)


def _stage_for(
    ctx: PlanContext, item: ProtocolItem, week: int, *, pain_rule: bool
) -> tuple[Stage, tuple[Equipment, ...] | None, bool] | None:
    """The stage in force and, when a ``without`` form replaced it, the missing equipment
    (or True when it replaced it because no moment of the person's suits the usual form);
    an earlier stage when this week's cannot be done by this person (it holds there);
    None when no stage of the item can be done."""
    starts = sorted({s.from_week for s in item.stages if s.from_week <= week}, reverse=True)
    for start in starts or [1]:
        found = _form_for(ctx, item, start if start != starts[0] else week, pain_rule=pain_rule)
        if found is not None:
            return found
    return None


def _form_for(
    ctx: PlanContext, item: ProtocolItem, week: int, *, pain_rule: bool
) -> tuple[Stage, tuple[Equipment, ...] | None, bool] | None:
    stage = item.stage(week)
    if _doable(ctx, stage.exercise, pain_rule=pain_rule):
        return stage, None, False
    if not ctx.has(stage.exercise):
        return None
    ex = ctx.ex(stage.exercise)
    missing = ex.needs(ctx.profile.equipment)
    for kit, stages in item.forms_without(missing):
        other = item.stage(week, stages)
        if _doable(ctx, other.exercise, pain_rule=pain_rule):
            return other, kit, False
    suits_a_moment = bool(set(ctx.slots()) & set(ex.slots))
    for name in stage.stand_ins if suits_a_moment and not missing else ():
        # A stand-in also takes the place of an exercise a rule keeps from this person (the
        # both-feet heel raises, free standing, for someone whose falls risk asks for a
        # chair: the supported raise at the stage's dose). Where the exercise only suits no
        # moment, placing tries its stand-ins moment by moment instead.
        if _doable(ctx, name, pain_rule=pain_rule):
            return replace(stage, exercise=name, alternates=(), stand_ins=()), None, False
    if not suits_a_moment:
        return _moment_form(ctx, item, week, missing, pain_rule=pain_rule) or _moment_stand_in(
            ctx, stage, missing, pain_rule=pain_rule
        )
    return None


def _moment_stand_in(
    ctx: PlanContext, stage: Stage, missing: tuple[Equipment, ...], *, pain_rule: bool
) -> tuple[Stage, None, bool] | None:
    """A stand-in that suits one of the person's moments, where the stage's exercise suits
    none and the protocol has no form without kit that does: foot-core's calf raises and
    one-leg balance behind a chair at the TV (a TV-only plan had neither, and a note said they
    suit none of the moments)."""
    for name in stage.stand_ins if not missing else ():
        if _doable(ctx, name, pain_rule=pain_rule):
            return replace(stage, exercise=name, alternates=(), stand_ins=()), None, True
    return None


def _moment_form(
    ctx: PlanContext,
    item: ProtocolItem,
    week: int,
    missing: tuple[Equipment, ...],
    *,
    pain_rule: bool,
) -> tuple[Stage, None, bool] | None:
    """The usual form suits none of the person's moments (a raise on a step, for someone
    who trains only while brushing their teeth): a form the protocol gives without a piece
    of kit may suit one (the same raise from the floor), and keeps the item. It must do
    without what the person lacks as well: with a step but no weight, the floor form for
    neither (a fourth set at body weight), not the floor form that adds a backpack, nor the
    first week's form held for good."""
    for kit, stages in item.without.items():
        if not set(missing) <= set(kit):
            continue
        other = item.stage(week, stages)
        if _doable(ctx, other.exercise, pain_rule=pain_rule):
            return other, None, True
    return None


def _doable(ctx: PlanContext, slug: str, *, pain_rule: bool) -> bool:
    """Whether the person may do this protocol exercise: the general rules, except that a
    protocol's own pain-rule item (an isometric hold) is allowed while pain is high."""
    if not ctx.has(slug):
        return False
    if not pain_rule:
        return ctx.usable.get(slug, False)
    ex = ctx.ex(slug)
    return (
        ex.doable_with(ctx.profile.equipment)
        and bool(set(ctx.slots()) & set(ex.slots))
        and not (ctx.falls and falls_findings(ex))
    )


def alternate_dose(ex: Exercise, stage: Stage) -> Dose:
    """A stand-in's dose: the stage's when it is measured the same way (holds for a held
    stretch, a time for a roll), else the stand-in's own (a stretch held 3 x 20 s does not
    turn ten slow rocks into rocks held for 20 s)."""
    base = ex.dose
    held = (stage.hold_s is not None) == (base.hold_s is not None)
    timed = (stage.duration_s is not None) == (base.duration_s is not None)
    return stage_dose(ex, stage) if held and timed else base


def stage_dose(ex: Exercise, stage: Stage) -> Dose:
    """The exercise's dose with the stage's sets, reps, holds, rest and tempo."""
    base = ex.dose
    return replace(
        base,
        sets=stage.sets,
        reps=stage.reps if stage.reps is not None else base.reps,
        hold_s=stage.hold_s if stage.hold_s is not None else base.hold_s,
        duration_s=stage.duration_s if stage.duration_s is not None else base.duration_s,
        rest_s=stage.rest_s if stage.rest_s is not None else base.rest_s,
        tempo=stage.tempo if stage.tempo is not None else base.tempo,
    )
