"""The shapes of the planning data: each goal's published protocol and the day's wants.

The data itself lives in TOML files beside the exercise catalogue
(``footcore/catalogue/data/protocols/``), is validated by :mod:`footcore.catalogue.protocols`
and reaches the planner on the catalogue (``Catalogue.planning``). Nothing here reads a file.

- A :class:`Protocol` is one goal's evidence-based programme: which exercises, the dose by
  week (:class:`Stage`), how often (:class:`Frequency`), the pain rules, the goal's daily work
  (:class:`Want`), and what it says about running, with its sources.
- A :class:`Want` is a kind of work a day asks for, with its priority: the planner places
  the protocol first, then wants from the highest priority down, as long as minutes last.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from footcore.domain.exercise import Tempo
from footcore.domain.vocab import Category, Equipment, Goal, Load, PainSite, Slot, Target


class Frequency(StrEnum):
    """How often a protocol's session comes."""

    LOADING_DAYS = "loading-days"  # every second day: the plan's loading days, 3 a week
    PROGRAMME_DAYS = "programme-days"  # three non-consecutive days a week, all items each time
    SESSIONS = "sessions"  # a number of days a week set by week (days_per_week)
    DAILY = "daily"


class Days(StrEnum):
    """Which days a want applies to."""

    ALL = "all"
    RUN = "run"  # days with a run
    REST = "rest"  # days without a run
    LOADING = "loading"  # the plan's loading days
    NOT_LOADING = "not-loading"
    AFTER_HARD_RUN = "after-hard-run"  # the morning after a long or hard run
    ALTERNATE = "alternate"  # every other day of the plan


@dataclass(frozen=True)
class Stage:
    """The dose of a protocol item from ``from_week`` on (until the next stage)."""

    from_week: int
    exercise: str
    sets: int
    reps: int | None = None
    hold_s: int | None = None
    duration_s: int | None = None
    rest_s: int | None = None
    tempo: Tempo | None = None
    added_load: str | None = None  # what to add (a backpack...), shown on the item
    note: str = ""  # said in the item's why (what the stage asks of the person)
    alternates: tuple[str, ...] = ()  # other exercises that take turns with it, for variety
    # exercises for a moment that neither it nor its alternates suit, never taken in turn (the
    # ankle routine's big-toe joint roll at the sink, where no sole release can be done)
    stand_ins: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every exercise the stage may use: its own, its alternates, its stand-ins."""
        return (self.exercise, *self.alternates, *self.stand_ins)


@dataclass(frozen=True)
class ProtocolItem:
    """One exercise of a protocol session, with its stages, in the order it is done.

    ``without``: stages to use instead when a piece of equipment is missing (the first
    missing piece listed wins); ``optional`` items may be left out of a short day first.
    ``work``: what the item does for its tissue (``calf-raises``): on a day when a protocol
    placed before it has done an item of the same work, this one is not repeated (the calf
    is not loaded twice in a day, and a tendon's pain rules govern all of its loading).
    """

    id: str
    stages: tuple[Stage, ...]
    # the pieces missing -> the stages instead (``("step", "weight")``: lacking both)
    without: Mapping[tuple[Equipment, ...], tuple[Stage, ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    work: str = ""

    @property
    def all_stages(self) -> tuple[Stage, ...]:
        """Every stage, its own and those used when a piece of equipment is missing."""
        return (*self.stages, *(s for group in self.without.values() for s in group))

    def forms_without(
        self, missing: Sequence[Equipment]
    ) -> list[tuple[tuple[Equipment, ...], tuple[Stage, ...]]]:
        """The forms for a person lacking ``missing`` (in the order the exercise lists its
        equipment): those for more missing pieces first (lacking a step and a weight, the
        form for both before the one for the step), then by the first piece listed."""
        found = [(kit, s) for kit, s in self.without.items() if set(kit) <= set(missing)]
        return sorted(found, key=lambda f: (-len(f[0]), min(missing.index(e) for e in f[0])))

    def stage(self, week: int, stages: tuple[Stage, ...] | None = None) -> Stage:
        """The stage in force in ``week`` (1-based)."""
        chosen = stages if stages is not None else self.stages
        found = chosen[0]
        for s in chosen:
            if s.from_week <= week:
                found = s
        return found


@dataclass(frozen=True)
class Want:
    """A kind of work a day asks for.

    ``kind``: a day holds at most one item of each kind (so two sole releases never share a
    day). ``chain``: one progression chain (any member's slug); otherwise any exercise of
    ``category`` (and ``target``) may fill it, rotating day by day. ``slot``: the want lives
    in that slot only (the pre-run and post-run routines); ``slots``: the slots preferred, in
    order. ``days``: which days ask for it. ``max_load``: the heaviest work it may bring.
    ``dynamic``: moving work only, no static holds.
    """

    key: str
    category: Category
    priority: float
    reason: str
    kind: str = ""
    target: Target | None = None
    chain: str | None = None
    slot: Slot | None = None
    slots: tuple[Slot, ...] = ()
    days: Days = Days.ALL
    max_load: Load | None = None
    dynamic: bool = False
    double_leg: bool = False  # no single-leg work (the pre-run primer)
    max_sets: int | None = None  # fewer sets than the catalogue's (the pre-run primer)
    goal: str = ""  # the goal whose protocol asks for it ("" for routines)
    cramp_prone_only: bool = False  # only for a cramp-prone runner
    gentle: bool = False  # gentle stretches only, nothing deep

    @property
    def kind_key(self) -> str:
        return self.kind or self.key


@dataclass(frozen=True)
class PainRules:
    """What a protocol does when pain is up.

    ``reduced`` (pain 4-5/10): items replacing the protocol's (None: the same items, one set
    fewer, held at the first stage). ``high`` (pain above 5/10, a see-clinician result): the
    only loading the protocol allows (for example isometric holds); empty means none.
    ``no_stretch``: targets that are not stretched at all while pain is high; ``no_stretch_ever``:
    never, whatever the pain (an insertional Achilles tendon is pressed by end-range
    dorsiflexion). ``avoid`` and ``avoid_when_high``: exercises left out of the plan always,
    or while pain is high (deep ankle bends for a tendon). ``reduced_keeps_loading_days``:
    the reduced form, light as it is, keeps to the loading days (away from the long run):
    for a sore tendon it is the loading session, whose response the next morning must not
    be mixed with the long run's.
    """

    reduced: tuple[ProtocolItem, ...] | None = None
    reduced_note: str = ""
    high: tuple[ProtocolItem, ...] = ()
    high_note: str = ""
    high_frequency: Frequency = Frequency.DAILY
    reduced_keeps_loading_days: bool = False
    no_stretch: tuple[Target, ...] = ()
    no_stretch_ever: tuple[Target, ...] = ()
    avoid: tuple[str, ...] = ()  # exercises left out of the whole plan
    avoid_when_high: tuple[str, ...] = ()  # left out while pain is above 5/10


@dataclass(frozen=True)
class Walking:
    """Barefoot or minimalist walking as a day item: steps a day by week."""

    exercise: str
    start_steps: int
    weekly_steps: int
    weekly_steps_reduced: int
    max_steps: int
    note: str = ""


@dataclass(frozen=True)
class RunIn:
    """A graded start of running in the new shoes, on easy-run days only: ``start_minutes``
    a run, ``weekly_minutes`` more every ``step_weeks`` weeks, at most ``max_minutes``."""

    from_week: int
    start_minutes: int
    weekly_minutes: int
    max_minutes: int
    criteria: tuple[str, ...]
    warning: str
    step_weeks: int = 1

    def minutes(self, week: int) -> int:
        """The minutes a run in ``week`` (from ``from_week`` on)."""
        steps = (week - self.from_week) // self.step_weeks
        return min(self.max_minutes, self.start_minutes + self.weekly_minutes * steps)

    def rise_text(self) -> str:
        every = "a week" if self.step_weeks == 1 else f"every {self.step_weeks} weeks"
        return f"adding {self.weekly_minutes} minutes {every}"


@dataclass(frozen=True)
class Protocol:
    """One goal's programme as published (see the module docstring).

    ``sites``: this variant applies when the pain site is one of these (empty: the default
    variant of the goal). ``days_per_week``: for ``Frequency.SESSIONS``, pairs of (from week,
    days a week). ``weeks``: the published length; later weeks keep the last stage.
    """

    id: str
    goal: Goal
    name: str
    summary: str
    sources: tuple[str, ...]
    frequency: Frequency
    weeks: int
    items: tuple[ProtocolItem, ...]
    running: str
    pain: PainRules = field(default_factory=PainRules)
    daily: tuple[Want, ...] = ()
    # what a self-test naming this goal brings to a plan without it, beside the daily work
    # (the ankle routine's knee-over-toe rocks and calf stretch for a stiff ankle)
    focus: tuple[Want, ...] = ()
    notes: tuple[str, ...] = ()
    sites: tuple[PainSite, ...] = ()
    days_per_week: tuple[tuple[int, int], ...] = ()
    priority: float = 50.0  # protocols are placed highest first
    walking: Walking | None = None
    run_in: RunIn | None = None
    departs: str = ""  # where footcore departs from the published protocol, and why
    # said when the plan runs past the protocol's ``weeks``: what its later weeks hold, and why
    beyond: str = ""
    # the self-test that shows whether the protocol works, named in the weeks it is due
    retest: str = ""
    retest_weeks: tuple[int, ...] = ()

    @property
    def all_items(self) -> tuple[ProtocolItem, ...]:
        """Every item of the protocol: its own, then its forms for pain at 4-5/10 and above
        5/10."""
        return (*self.items, *(self.pain.reduced or ()), *self.pain.high)

    def sessions_in_week(self, week: int) -> int:
        """Days a week with this protocol's session (``Frequency.SESSIONS``)."""
        found = 0
        for from_week, days in self.days_per_week:
            if from_week <= week:
                found = days
        return found


@dataclass(frozen=True)
class PlanningData:
    """Every protocol, and the wants of every plan.

    ``routines``: the pre-run primer, the post-run routine and the morning after a long run;
    ``balance``: the general balance of work that fills what the protocols leave (not for
    falls prevention, which keeps to its three days); ``lead_bonus``: added each day to one
    general kind of work in turn, so short days vary; ``focus_priority`` and
    ``focus_bonus``: a self-test focus area's own want and the lift it gives wants of its
    category; ``focus_goal_offset``: a goal named by the self-test but not in the profile
    brings that goal's daily work at this offset. ``for_goal`` picks a goal's variant for a
    pain site.
    """

    protocols: tuple[Protocol, ...] = ()
    routines: tuple[Want, ...] = ()
    balance: tuple[Want, ...] = ()
    lead_bonus: float = 0.0
    focus_priority: float = 0.0
    focus_bonus: float = 0.0
    focus_goal_offset: float = 0.0

    def for_goal(self, goal: Goal, site: PainSite | None) -> Protocol | None:
        default = None
        for p in self.protocols:
            if p.goal is not goal:
                continue
            if site is not None and site in p.sites:
                return p
            if not p.sites and default is None:
                default = p
        return default


EMPTY = PlanningData()


def protocol_exercises(data: PlanningData | None, goals: tuple[Goal, ...]) -> frozenset[str]:
    """Every exercise the goals' protocols may bring (any variant, stage or form): they may
    come before their level, as in the trials."""
    found: set[str] = set()
    for p in (data or EMPTY).protocols:
        if p.goal not in goals:
            continue
        for item in p.all_items:
            for stage in item.all_stages:
                found.update(stage.names)
    return frozenset(found)
