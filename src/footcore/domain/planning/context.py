"""Step 1 of the planner: what holds for the whole plan.

From the profile, the self-test report and adaptation: the pain in force and the mode it sets
(:class:`Mode`), the safety flags, which exercises this person may do at all (equipment,
falls safety, pain, the painful tissue), the goals' protocols (the variant for the pain site),
and the self-test focus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from typing import Protocol as TypingProtocol

from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.planning.catalogue_index import CatalogueIndex, index_of
from footcore.domain.planning.model import Adjustments, FocusNote
from footcore.domain.planning.norms import beyond_measured, measured_holds
from footcore.domain.planning.protocol import EMPTY, PlanningData, Protocol
from footcore.domain.planning.safety import (
    PAINFUL_TISSUE,
    falls_findings,
    gentle_findings,
    site_findings,
    stretch_limit_findings,
)
from footcore.domain.profile import Profile, profile_to_dict
from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    PainSite,
    Position,
    Slot,
    Target,
)

EVERYDAY_SLOTS = (Slot.MORNING, Slot.DESK, Slot.TEETH, Slot.TV)
RUN_SLOTS = (Slot.PRE_RUN, Slot.POST_RUN)


class FocusLike(TypingProtocol):
    @property
    def area(self) -> str: ...

    @property
    def reason(self) -> str: ...


class FlagLike(TypingProtocol):
    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...


class PainLike(TypingProtocol):
    @property
    def nrs(self) -> int: ...

    @property
    def site(self) -> PainSite | None: ...


class ReportLike(TypingProtocol):
    """What the planner uses of a self-test report: focus areas and safety flags (and, read
    by :func:`pain_in_force` where the report has it, the pain it recorded: ``pain``)."""

    @property
    def focus(self) -> Sequence[FocusLike]: ...

    @property
    def flags(self) -> Sequence[FlagLike]: ...


@dataclass
class Memo:
    """Per-plan memos of the later steps (what repeats from day to day)."""

    kinds: dict[tuple[object, ...], int] = field(default_factory=dict)
    items: dict[tuple[object, ...], object] = field(default_factory=dict)
    candidates: dict[tuple[object, ...], Any] = field(default_factory=dict)
    pools: dict[tuple[object, ...], tuple[str, ...]] = field(default_factory=dict)
    signatures: dict[tuple[object, ...], int] = field(default_factory=dict)
    wants: dict[tuple[object, ...], Any] = field(default_factory=dict)
    shapes: dict[Any, Any] = field(default_factory=dict)
    substitute: dict[str, bool] = field(default_factory=dict)
    slots: tuple[Slot, ...] | None = None  # PlanContext.slots (profile and mode are fixed)
    runs: Any = None  # the running week's run per weekday index (day._runs_around)
    closed: Any = None  # runweek.closed_days (it reads the profile and the running week)
    painful_stretches: frozenset[str] | None = None  # context.painful_stretches
    ordered: dict[tuple[object, ...], Any] = field(default_factory=dict)  # day._demands
    subs: dict[str, Mapping[Equipment, str]] = field(default_factory=dict)  # per exercise
    fitted: dict[tuple[object, ...], Any] = field(default_factory=dict)  # place.fit_sets
    one_set: dict[tuple[str, object], float] = field(default_factory=dict)  # place.one_set
    # protocol item key -> the most work (sets x reps x seconds) placed of it so far, and the
    # same as it stood when the current week began (place.place_protocol's floors)
    volume: dict[str, int] = field(default_factory=dict)
    volume_before: dict[str, int] = field(default_factory=dict)
    slots_for: dict[tuple[object, ...], Any] = field(default_factory=dict)  # place
    options: dict[int, Any] = field(default_factory=dict)  # a protocol item's stand-ins
    chains_for: dict[str, tuple[str, ...]] = field(default_factory=dict)  # place.pool_for
    slot_fits: dict[tuple[object, ...], bool] = field(default_factory=dict)  # place.slot_fits
    own: dict[int, int] = field(default_factory=dict)  # a pool's owned chains, per pool state
    applying: dict[tuple[object, ...], Any] = field(default_factory=dict)  # day._applying
    companions: dict[tuple[object, ...], Any] = field(default_factory=dict)  # per kind, slot


class Mode(StrEnum):
    NORMAL = "normal"
    REDUCED = "reduced"  # pain 4-5/10: less load, the protocols' reduced form
    HIGH = "high"  # pain above 5/10 or a see-clinician result: gentle work, protocol pain rules
    STOP = "stop"  # a stop-acute result: unloaded release and mobility only, no running


@dataclass
class PlanContext:
    """Everything the later steps read; built once per plan by :func:`build_context`."""

    profile: Profile
    catalogue: Catalogue
    idx: CatalogueIndex
    data: PlanningData
    adj: Adjustments
    pain: int
    site: PainSite | None  # where the pain in force is (pain_in_force)
    mode: Mode
    falls: bool  # falls-safety constraints apply (the goal or a fall-risk result)
    cramp_prone: bool  # the profile says so, or a cramp was logged
    protocols: tuple[Protocol, ...]
    usable: dict[str, bool]
    avoid: frozenset[str]  # exercises a protocol leaves out for this person
    no_stretch: frozenset[Target]  # targets stretched not at all
    no_deep_stretch: frozenset[Target]  # targets stretched only gently
    focus_cats: dict[Category, str]
    focus_goals: dict[Goal, str]
    report_flags: dict[str, str]
    seed: int
    notes: list[str] = field(default_factory=list)
    memo: Memo = field(default_factory=Memo)
    # the self-test's one-leg holds (weaker side's best), by eyes closed: holds stay within
    # them, and a stance held under 5 s is left out (norms.measured_holds)
    measured: dict[bool, float] = field(default_factory=dict)

    def ex(self, slug: str) -> Exercise:
        return self.idx.exercises[slug]

    def substitutions(self, ex: Exercise) -> Mapping[Equipment, str]:
        """``ex.substitutions_for`` the person's equipment (memoised for the plan)."""
        found = self.memo.subs.get(ex.slug)
        if found is None:
            found = self.memo.subs[ex.slug] = ex.substitutions_for(self.profile.equipment)
        return found

    def has(self, slug: str) -> bool:
        return slug in self.idx.exercises

    @property
    def goals(self) -> tuple[Goal, ...]:
        return self.profile.goals

    @property
    def runner(self) -> bool:
        return bool(self.profile.run_days) and self.mode is not Mode.STOP

    def slots(self) -> tuple[Slot, ...]:
        """The profile's slots the plan may use (run slots only for a runner)."""
        found = self.memo.slots
        if found is None:
            found = self.memo.slots = tuple(
                s for s in self.profile.slots if s in EVERYDAY_SLOTS or self.runner
            )
        return found


def mode_for(pain: int, codes: set[str]) -> Mode:
    if "stop-acute" in codes:
        return Mode.STOP
    if pain > 5 or "see-clinician" in codes:
        return Mode.HIGH
    if pain >= 4:
        return Mode.REDUCED
    return Mode.NORMAL


def pain_in_force(
    profile: Profile, adj: Adjustments, report: ReportLike | None
) -> tuple[int, PainSite | None]:
    """The pain the plan goes by and where it is: the latest logged pain, else the
    profile's; a self-test that recorded more pain raises it, and its site counts when the
    profile names none or the self-test's pain is at least the profile's (a forefoot pain of
    6/10 found by the self-test keeps the big-toe joint still as if the profile said so)."""
    pain = adj.pain_nrs if adj.pain_nrs is not None else profile.pain_nrs
    site = profile.pain.site if profile.pain else None
    tested: PainLike | None = getattr(report, "pain", None)
    if tested is None or not tested.nrs:
        return pain, site
    if tested.site is not None and (site is None or tested.nrs >= profile.pain_nrs):
        site = tested.site
    return max(pain, tested.nrs), site


def _seed(profile: Profile) -> int:
    text = json.dumps(profile_to_dict(profile), sort_keys=True)
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def build_context(
    profile: Profile, catalogue: Catalogue, report: ReportLike | None, adj: Adjustments
) -> tuple[PlanContext, list[FocusNote]]:
    """The plan-wide context and the self-test focus notes (the plan's flags are
    :func:`.texts.flags` of the context)."""
    pain, site = pain_in_force(profile, adj, report)
    report_flags = {f.code: f.message for f in (report.flags if report else ())}
    mode = mode_for(pain, set(report_flags))
    data: PlanningData = getattr(catalogue, "planning", None) or EMPTY
    goals = _programme_goals(profile.goals)
    found = [p for g in goals if (p := data.for_goal(g, site)) is not None]
    protocols = tuple(sorted(found, key=lambda p: -p.priority))
    # A programme written for this pain site keeps its safety rules whatever the goals: an
    # insertional Achilles in a minimalist plan had ankle pull-back holds and hand-assisted
    # turns the insertional programme rules out at any pain (physio review 14).
    rules = protocols + tuple(
        p for p in data.protocols if site is not None and site in p.sites and p not in protocols
    )
    no_stretch, no_deep = stretch_limits(rules, mode, site)
    focus_cats, focus_goals, focus_notes = _focus(report)
    if mode is Mode.STOP:
        # Range and strength measured on an acutely painful, swollen foot say little about
        # it once it settles: they do not steer the gentle plan (texts.plan_notes says so).
        focus_cats, focus_goals = {}, {}
    ctx = PlanContext(
        profile=profile,
        catalogue=catalogue,
        idx=index_of(catalogue),
        data=data,
        adj=adj,
        pain=pain,
        site=site,
        mode=mode,
        falls=Goal.FALLS_PREVENTION in profile.goals or "fall-risk" in report_flags,
        cramp_prone=profile.cramp_prone or adj.cramp_free_post_run,
        protocols=protocols,
        usable={},
        avoid=_avoided(rules, mode),
        no_stretch=no_stretch,
        no_deep_stretch=no_deep,
        focus_cats=focus_cats,
        focus_goals=focus_goals,
        report_flags=report_flags,
        seed=_seed(profile),
        measured={} if mode is Mode.STOP else measured_holds(report),
    )
    ctx.usable = {slug: _usable(ctx, ex) for slug, ex in ctx.idx.exercises.items()}
    return ctx, focus_notes


def _programme_goals(goals: tuple[Goal, ...]) -> tuple[Goal, ...]:
    """The goals whose protocols the plan follows: falls prevention keeps to its three days
    a week, so it takes the place of the general foot-core sessions."""
    if Goal.FALLS_PREVENTION in goals:
        return tuple(g for g in goals if g is not Goal.GENERAL)
    return goals


def _avoided(protocols: tuple[Protocol, ...], mode: Mode) -> frozenset[str]:
    found: set[str] = set()
    for p in protocols:
        found |= set(p.pain.avoid)
        if mode in (Mode.HIGH, Mode.STOP):
            found |= set(p.pain.avoid_when_high)
    return frozenset(found)


def stretch_limits(
    protocols: Sequence[Protocol], mode: Mode, site: PainSite | None
) -> tuple[frozenset[Target], frozenset[Target]]:
    """The tissues the protocols keep unstretched, and those stretched only gently (the
    painful one while pain is above 5/10 or a clinician is awaited)."""
    never: set[Target] = set()
    gentle_only: set[Target] = set()
    for p in protocols:
        never |= set(p.pain.no_stretch_ever)
        if mode in (Mode.HIGH, Mode.STOP):
            never |= set(p.pain.no_stretch)
    if mode in (Mode.HIGH, Mode.STOP) and site is not None:
        gentle_only.add(PAINFUL_TISSUE[site])
    return frozenset(never), frozenset(gentle_only - never)


def _focus(
    report: ReportLike | None,
) -> tuple[dict[Category, str], dict[Goal, str], list[FocusNote]]:
    cats: dict[Category, str] = {}
    goals: dict[Goal, str] = {}
    notes: list[FocusNote] = []
    for f in report.focus if report else ():
        if f.area in Category.slugs():
            cats.setdefault(Category(f.area), f.reason)
        elif f.area in Goal.slugs():
            goals.setdefault(Goal(f.area), f.reason)
        else:
            continue
        notes.append(FocusNote(f.area, f.reason))
    return cats, goals, notes


def _usable(ctx: PlanContext, ex: Exercise) -> bool:
    """Whether this person may do the exercise at all, on any day of this plan."""
    if not ex.doable_with(ctx.profile.equipment):
        return False
    return would_be_usable(ctx, ex)


def would_be_usable(ctx: PlanContext, ex: Exercise) -> bool:
    """:func:`_usable` whatever the equipment: what a missing piece alone holds back."""
    if ex.slug in ctx.avoid:
        return False
    if ex.dose.steps is not None:
        return (
            ctx.mode in (Mode.NORMAL, Mode.REDUCED)
            and not ctx.falls
            and not site_findings(ex, ctx.site, ctx.pain)
        )
    if not set(ctx.slots()) & set(ex.slots):
        return False
    return safe_for(ctx, ex)


def safe_for(ctx: PlanContext, ex: Exercise) -> bool:
    """Whether the safety rules (falls, pain, a stop-acute result) let this person do the
    exercise, whatever their equipment and moments."""
    if ex.slug in ctx.avoid:
        return False
    if ctx.falls and falls_findings(ex):
        return False
    if beyond_measured(ex, ctx.measured):
        return False
    if stretch_limit_findings(ex, ctx.no_stretch, ctx.no_deep_stretch):
        return False
    if site_findings(ex, ctx.site, ctx.pain):
        return False
    if ctx.mode is Mode.STOP:
        return stop_allows(ex, ctx.site)
    if ctx.mode is Mode.HIGH:
        return not gentle_findings(ex, ex.load)
    if ctx.mode is Mode.REDUCED:
        return ex.load is not Load.HEAVY
    return True


def painful_stretches(ctx: PlanContext) -> frozenset[str]:
    """While pain is above 5/10 or a clinician is awaited: the stretches of the painful
    tissue, of which a day holds one (a heel at 6/10 had the big-toe band stretch on top of
    the daily sole stretch, both winding up the sole, 72 times); else none."""
    found = ctx.memo.painful_stretches
    if found is None:
        tissue = PAINFUL_TISSUE.get(ctx.site) if ctx.site is not None else None
        found = frozenset(
            slug
            for slug, ex in ctx.idx.exercises.items()
            if tissue is not None
            and ctx.mode in (Mode.HIGH, Mode.STOP)
            and ex.category is Category.STRETCH
            and tissue in ex.targets
        )
        ctx.memo.painful_stretches = found
    return found


def stop_allows(ex: Exercise, site: PainSite | None = None) -> bool:
    """After a stop-acute result: only gentle release and mobility without load, moving
    rather than held at the end of the range (a swollen ankle held pulled back as far as it
    goes is not 'gentle movement that does not hurt'), and nothing for the painful tissue
    itself: until a clinician has ruled out a fracture or a torn ligament, a swollen ankle is
    neither circled nor turned by hand (a runner's was, every morning for 16 weeks), nor an
    acutely painful heel rolled."""
    tissue = PAINFUL_TISSUE.get(site) if site is not None else None
    return (
        ex.load is Load.NONE
        and ex.category in (Category.WARM_UP, Category.RELEASE, Category.MOBILISE)
        and ex.position in (Position.SEATED, Position.LONG_SITTING)
        and not (ex.category is Category.MOBILISE and ex.dose.hold_s)
        and (tissue is None or tissue not in ex.targets)
    )
