"""Everything the planner says to people: flags, notes, every item's ``why``, day notes and
the weekly texts. Rule ids stay on the items (``rules``) for tools; the words name no ids.

Each text says only what this person's plan holds: the weekly texts are made from the
weeks themselves once they are built (:func:`week_texts`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from footcore.domain.labels import label as term_label
from footcore.domain.planning.context import EVERYDAY_SLOTS, Mode, PlanContext, would_be_usable
from footcore.domain.planning.levels import CONSOLIDATE_FOCUS, MAX_LEVEL, level_info
from footcore.domain.planning.model import Flag, PlanItem, Session, Week
from footcore.domain.planning.norms import hold_cap, measured_cap
from footcore.domain.planning.place import SESSION_CAP, DayInfo, Placed
from footcore.domain.planning.prescribe import Prescribed, week_items
from footcore.domain.planning.progression import ChainWeek
from footcore.domain.planning.protocol import Days, Frequency, Protocol, Stage, Want
from footcore.domain.planning.runweek import loading_exercises, run_kinds, shares_loading
from footcore.domain.planning.safety import is_loading
from footcore.domain.timing import item_minutes
from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    PainSite,
    Position,
    RunKind,
    Slot,
    Weekday,
)
from footcore.domain.wording import dose_text

WEEKDAY_NAMES = {
    Weekday.MON: "Mon",
    Weekday.TUE: "Tue",
    Weekday.WED: "Wed",
    Weekday.THU: "Thu",
    Weekday.FRI: "Fri",
    Weekday.SAT: "Sat",
    Weekday.SUN: "Sun",
}
HARD_RUNS = (RunKind.LONG, RunKind.HARD)
#: Goals that are a painful problem (a plan note may speak of it settling).
PAIN_GOALS = (Goal.PLANTAR_HEEL_PAIN, Goal.ACHILLES)
HEAVY_LEVEL = 5  # the level whose focus is heavy, slow loading (levels.py)


def _days(days: Iterable[Weekday]) -> str:
    return _and([WEEKDAY_NAMES[d] for d in sorted(days, key=lambda d: d.number)])


def _and(names: Sequence[str]) -> str:
    """ "a, b and c"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# -- flags ------------------------------------------------------------------------------------


def flags(ctx: PlanContext) -> list[Flag]:

    out: list[Flag] = []
    detail = ctx.report_flags
    if ctx.mode is Mode.STOP:
        out.append(
            Flag(
                "stop-acute",
                "Your self-test points to an acute problem: stop loading the foot. Until a "
                "clinician has seen it the plan holds only gentle release and mobility, seated "
                "and without load. " + detail.get("stop-acute", ""),
            )
        )
    if ctx.mode in (Mode.STOP, Mode.HIGH):
        out.append(Flag("see-clinician", _clinician(ctx)))
        if ctx.profile.run_days:
            out.append(Flag("running", _running_on_hold(ctx)))
    elif ctx.mode is Mode.REDUCED:
        text = (
            f"Pain {ctx.pain}/10 is acceptable but calls for less load: the protocols keep "
            "their easier form and other loaded work has one set fewer until pain is 3/10 or "
            "less. Pain should settle by the next morning; if it does not, do less."
        )
        out.append(Flag("reduced-load", f"{text} {_BONE_STRESS}" if _bone_site(ctx) else text))
    if "fall-risk" in detail:
        # Physio review 18: a 70-year-old with a fall-risk result never heard of the falls
        # programme, only 'consider a falls check'.
        offer = (
            ""
            if Goal.FALLS_PREVENTION in ctx.goals
            else "Adding the falls-prevention goal brings the home programme that cut falls in "
            "a trial of older people (Spink 2011), with sit to stand and a balance progression "
            "holding on, three days a week. "
        )
        out.append(
            Flag(
                "fall-risk",
                "Your balance result points to a risk of falling: balance work is done beside "
                "a counter or a sturdy chair, with no walking drills away from support. "
                + offer
                + detail["fall-risk"],
            )
        )
    return out


def _clinician(ctx: PlanContext) -> str:

    if ctx.mode is Mode.STOP:
        text = "A sudden or acute problem needs a clinician's opinion before any loading."
    elif ctx.pain > 5:
        text = f"Pain {ctx.pain}/10 is above the 5/10 that exercise should cause."
    else:
        text = "Your self-test asks for a clinician's opinion."
    extra = ctx.report_flags.get("see-clinician", "")
    allowed = [p.pain.high_note for p in ctx.protocols if p.pain.high and p.pain.high_note]
    until = " ".join(allowed) if ctx.mode is Mode.HIGH and allowed else ""
    return " ".join(
        t
        for t in (
            text,
            extra,
            "Please see a physiotherapist or doctor; until then the plan keeps to gentle "
            "work without load, and no end-range stretch of the painful tissue.",
            until,
        )
        if t
    )


def _running_on_hold(ctx: PlanContext) -> str:

    if ctx.mode is Mode.STOP:
        return (
            "Running: stop until a clinician has seen the problem. The plan holds no "
            "pre-run or post-run sessions meanwhile."
        )
    text = (
        "Running: with pain above 5/10, pause running until a clinician has seen it, or at "
        "most run as far as pain stays at 3/10 or below during the run and has settled by the "
        "next morning (the pain-monitoring model, Silbernagel 2007). Your running days stay "
        "in the plan so that its sessions keep their days; each says that running waits."
    )
    return f"{text} {_BONE_STRESS}" if _bone_site(ctx) else text


#: Said to a runner whose pain is in a foot bone's usual stress-injury places.
_BONE_STRESS = (
    "Pain on one spot of a bone, in the front of the foot or on the top or inner side of the "
    "midfoot, that grows with each run or hurts when you hop, can be a bone stress injury: "
    "stop running and have it examined rather than running through it."
)


def _bone_site(ctx: PlanContext) -> bool:
    """A runner's pain of 4/10 or more where bone stress injuries strike (the forefoot, the
    toes, the midfoot under the arch)."""
    return (
        bool(ctx.profile.run_days)
        and ctx.mode is not Mode.NORMAL
        and ctx.site in (PainSite.FOREFOOT, PainSite.TOES, PainSite.ARCH)
    )


def _paused_run(run: RunKind) -> str:
    """A run day's word while pain is above 5/10 or a clinician has been asked for."""
    if run is RunKind.LONG:
        return (
            "Running waits until a clinician has seen the problem: no long run while pain is "
            "above 5/10. If you run at all, keep it short and easy, and only as far as pain "
            "stays at 3/10 or less."
        )
    if run is RunKind.HARD:
        return (
            "Running waits until a clinician has seen the problem: no fast or hill running "
            "meanwhile. If you run at all, keep it easy, and only as far as pain stays at "
            "3/10 or less."
        )
    return (
        "Running waits until a clinician has seen the problem; if you run at all, only as "
        "far as pain stays at 3/10 or less, settled by the next morning."
    )


# -- notes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekFacts:
    """What the plan notes need to know about the built weeks."""

    loading_days: frozenset[Weekday]
    short: dict[str, float]  # protocol id -> most minutes a day its full dose needs
    missed: dict[str, tuple[int, float]]  # protocol id -> (days it did not fit, minutes needed)
    # protocol id -> items no form of which is doable, each with the equipment it lacks (if
    # that alone holds it back)
    missing_items: dict[str, list[tuple[str, tuple[str, ...], tuple[Slot, ...]]]]
    held: frozenset[str] = frozenset()  # protocols with at least one item in the plan
    # (protocol, protocol) pairs: on some day the second did work of the first (calf raises)
    covered: frozenset[tuple[str, str]] = frozenset()
    placed_wants: frozenset[str] = frozenset()  # the keys of the wants placed at least once
    # the loading days an 'after runs' moment would give a runner with no moment around runs
    loading_after_runs: frozenset[Weekday] = frozenset()
    # protocol -> the weekdays holding it in its last week (or another's items doing its work)
    weekdays: dict[str, frozenset[Weekday]] = field(default_factory=dict)
    # protocol id -> items left out of sessions too short for one set of each
    partial: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weeks: int = 0  # the plan's length
    # (protocol id, kind of work) pairs that some item of the plan did ("calf-raises")
    works_held: frozenset[tuple[str, str]] = frozenset()
    # (protocol id, exercise name) pairs of the plan's items
    names_held: frozenset[tuple[str, str]] = frozenset()


#: Minutes left in every day of a week that show the minutes are not what keeps a slot empty.
SPARE_MINUTES = 3
#: Minutes of the daily budget left on every day of the plan that earn a note.
UNUSED_MINUTES = 8

SLOT_PLACE = {
    Slot.MORNING: "the morning session",
    Slot.DESK: "the desk",
    Slot.TEETH: "brushing teeth",
    Slot.TV: "the TV",
    Slot.PRE_RUN: "a pre-run primer",
    Slot.POST_RUN: "after a run",
}
SLOT_NAMES = {
    Slot.MORNING: "morning",
    Slot.DESK: "at the desk",
    Slot.TEETH: "while brushing teeth",
    Slot.TV: "in front of the TV",
    Slot.PRE_RUN: "before runs",
    Slot.POST_RUN: "after runs",
}


def nothing_fits_text(ctx: PlanContext) -> str:
    """Why a plan holds no session at all, and the smallest change that gives it some."""
    seated = [SLOT_NAMES[s] for s in (Slot.DESK, Slot.TV) if s not in ctx.slots()]
    change = (
        f"add a seated moment ('{seated[0]}')"
        if seated
        else "add more minutes a day, or the equipment the exercises need"
    )
    return (
        "This plan holds no foot work: none of the exercises you can do (with your equipment "
        "and the safety rules) suits the moments you chose. The smallest change: "
        f"{change}, where gentle seated work can go."
    )


def unused_minutes(ctx: PlanContext, weeks: Sequence[Week]) -> list[str]:
    """A note when the person's moments cannot hold the minutes they set aside: each kind
    of moment keeps its sessions short (a desk break, brushing teeth), so with few moments
    much of the day's time stays unused; name the moments that would use it."""

    if ctx.mode not in (Mode.NORMAL, Mode.REDUCED) or not weeks:
        return []
    mine = ctx.profile.minutes_per_day
    most = max(d.minutes for w in weeks for d in w.days)
    if mine - most < UNUSED_MINUTES:
        return []
    more = [f"'{SLOT_NAMES[s]}'" for s in EVERYDAY_SLOTS if s not in ctx.slots()]
    add = f"; adding a {' or '.join(more)} moment would use more of it" if more else ""
    return [
        f"Your moments hold at most {math.floor(most)} of the {mine} minutes a day you set "
        f"aside (each kind of moment keeps its sessions short: about {SESSION_CAP[Slot.DESK]:.0f} "
        f"minutes at the desk, {SESSION_CAP[Slot.TEETH]:.0f} while brushing teeth){add}."
    ]


def long_teeth_sessions(ctx: PlanContext, weeks: Sequence[Week]) -> list[str]:
    """A protocol session that only the tooth-brushing moment could hold runs far past the
    couple of minutes that moment lasts: say so, and name a moment that would hold it."""

    cap = SESSION_CAP[Slot.TEETH]
    longest: dict[str, tuple[float, list[str]]] = {}
    for s in (s for w in weeks for d in w.days for s in d.sessions if s.slot is Slot.TEETH):
        for pid in {i.protocol for i in s.items if i.protocol}:
            mine = [i for i in s.items if i.protocol == pid]
            mins = sum(i.minutes for i in mine)
            if mins > longest.get(pid, (0.0, []))[0]:
                longest[pid] = (mins, [i.exercise for i in mine])
    notes = []
    for p in ctx.protocols:
        mins, slugs = longest.get(p.id, (0.0, []))
        if mins <= cap + 1e-9:
            continue
        more = [
            f"'{SLOT_NAMES[s]}'"
            for s in EVERYDAY_SLOTS
            if s not in ctx.slots() and all(s in ctx.ex(x).slots for x in slugs)
        ]
        add = f"; a {' or '.join(more[:2])} moment would hold it" if more else ""
        notes.append(
            f"{p.name}: its sessions take up to {math.ceil(mins)} minutes, and on some days "
            f"only the moment while brushing teeth (about {cap:.0f} minutes) can hold them: "
            f"do them as a moment of their own after brushing{add}."
        )
    return notes


def empty_slots(ctx: PlanContext, weeks: Sequence[Week]) -> list[str]:
    """A note for each slot the person chose that stays empty for whole weeks, and why."""
    notes = []
    for slot in ctx.slots():
        empty = [w for w in weeks if not any(s.slot is slot for d in w.days for s in d.sessions)]
        if not empty:
            continue
        which = (
            "all plan long"
            if len(empty) == len(weeks)
            else f"in week{'s' if len(empty) > 1 else ''} {_numbers([w.number for w in empty])}"
        )
        why = _why_empty(ctx, slot, empty[0])
        notes.append(f"Your '{SLOT_NAMES[slot]}' moment stays empty {which}: {why}")
    return notes


def _numbers(numbers: list[int]) -> str:
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(str(n) for n in numbers)


def _why_empty(ctx: PlanContext, slot: Slot, week: Week) -> str:

    fits = [s for s, ok in ctx.usable.items() if ok and slot in ctx.ex(s).slots]
    if ctx.mode is Mode.STOP and slot in (Slot.PRE_RUN, Slot.POST_RUN):
        return "running is paused until a clinician has seen the problem."
    if not fits:
        return (
            "none of the exercises you can do (with your equipment and the safety rules) suits it."
        )
    lowest = min(ctx.idx.level[s] for s in fits)
    if lowest > week.level:
        return f"the work that suits it opens at level {lowest}."
    if ctx.falls and Goal.FALLS_PREVENTION in ctx.goals:
        return "the falls programme keeps to its three days and the slots that hold it."
    spare = ctx.profile.minutes_per_day - max(d.minutes for d in week.days)
    if ctx.mode in (Mode.HIGH, Mode.STOP) and spare >= SPARE_MINUTES:
        return (
            "while only gentle work is safe the plan holds a few short gentle items a day, "
            "and your other moments take them."
        )
    if spare >= SPARE_MINUTES:
        # Physio review 18: 45 minutes, 18-39 of them used, and the note blamed the minutes.
        return "the day's work already fits your other moments, each kind of work once a day."
    first = "the goal's protocol, then the run routines" if ctx.runner else "the goal's protocol"
    return (
        f"your {ctx.profile.minutes_per_day} minutes a day go to the work that comes first "
        f"({first}): more minutes would reach it."
    )


def plan_notes(ctx: PlanContext, facts: WeekFacts) -> list[str]:

    notes: list[str] = []
    falls = Goal.FALLS_PREVENTION in ctx.goals
    if falls and Goal.GENERAL in ctx.goals and ctx.mode in (Mode.NORMAL, Mode.REDUCED):
        notes.append(
            "Your general foot-strength goal is served by the falls-prevention programme: it "
            "holds the ankle, toe, calf and balance work a general programme would, and keeps "
            "to three days a week so the feet recover between sessions."
        )
    notes += _unnamed_pain_goal(ctx)
    if ctx.falls and not falls:
        notes.append(
            "Your self-test found a risk of falling: balance work is done holding on or beside "
            "a counter, moves to its next stage at most every two weeks and only when the "
            "current one is steady for the whole hold (if it is not, log it as hard and the "
            "plan holds it back), and no hold goes past 20 s."
        )
    if ctx.mode is Mode.STOP and ctx.report_flags:
        notes.append(
            "Self-test results taken while a problem is acute do not steer this plan: take "
            "the self-tests again once a clinician has cleared you to train, and make a new "
            "plan with them."
        )
    notes += _no_loading_day(ctx, facts)
    for p in ctx.protocols:
        notes.extend(_protocol_notes(ctx, p, facts))
    return notes


def _no_loading_day(ctx: PlanContext, facts: WeekFacts) -> list[str]:
    """A runner whose week leaves no day for moderate or heavy work: say so, what waits and
    the change that gives one (a cramp-prone ultra runner with six runs never had a loading
    day, so foot-core's single-leg calf raise never came, and nothing said why: physio
    review 12). A programme that loads every second day says it in its own note."""
    if facts.loading_days or not ctx.runner or ctx.mode not in (Mode.NORMAL, Mode.REDUCED):
        return []
    if any(p.frequency is Frequency.LOADING_DAYS for p in ctx.protocols):
        return []
    if not any(
        ctx.usable.get(slug) and is_loading(ex.load) for slug, ex in ctx.idx.exercises.items()
    ):
        return []
    cramp = (
        "; and after a long or hard run a cramp-prone runner's later sessions hold only "
        "rolling and a gentle stretch"
        if ctx.cramp_prone
        else ""
    )
    return [
        "Your running week leaves no day for moderate or heavy foot and calf work (never two "
        "days in a row, never on, before or after the long run, on a run day only in a "
        f"session after the run{cramp}), so the plan keeps to light work: calf raises on one "
        "leg and the loaded steps wait. The smallest change: make one run a rest day, away "
        "from the long run."
    ]


def _protocol_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """One protocol's notes: what it is (and whether it waits), how it departs from the
    published protocol, then what this week made of it."""
    notes: list[str] = []
    if ctx.mode is Mode.STOP:
        notes.append(f"{p.name}, on hold until a clinician has seen the problem: {p.summary}")
    elif ctx.mode is Mode.HIGH and (waits := _waits_for(ctx, p)):
        notes.append(f"{p.name}, {waits}: {p.summary}")
    else:
        notes.append(f"{p.name}: {p.summary}")
    if p.departs:
        notes.append(p.departs)
    if ctx.mode in (Mode.NORMAL, Mode.REDUCED):
        # Past the trial's weeks the last stage goes on; with the easier form in force for
        # the whole plan (pain 4-5/10) there is no last stage to keep (it promised heavy
        # 4 x 6 raises to a plan that never held them).
        easier = ctx.mode is Mode.REDUCED and p.pain.reduced is not None
        if p.beyond and facts.weeks > p.weeks and not easier:
            notes.append(f"{p.name}, weeks {p.weeks + 1}-{facts.weeks}: {p.beyond}")
        notes.extend(p.notes)
        if p.running and ctx.profile.run_days and _walks(ctx, p) and not _hurts_elsewhere(ctx, p):
            notes.append(p.running)
    if ctx.mode is Mode.REDUCED and p.pain.reduced_note:
        notes.append(p.pain.reduced_note)
    notes.extend(_missing_notes(p, facts))
    notes.extend(_frequency_notes(ctx, p, facts))
    notes.extend(_sessions_notes(ctx, p, facts))
    notes.extend(_minutes_notes(ctx, p, facts))
    notes.extend(_shared_work_notes(ctx, p, facts))
    notes.extend(_care_notes(ctx, p, facts))
    notes.extend(_walking_notes(ctx, p))
    return notes


def _walking_notes(ctx: PlanContext, p: Protocol) -> list[str]:
    """Why a protocol's walking in thin soles is left out, or held where it is."""
    if p.walking is None:
        return []
    if _walks(ctx, p):
        return []
    if ctx.falls:
        return [
            f"{p.name}: its walking barefoot or in thin soles is left out, since falls "
            "safety keeps walking work beside support, and so is the minimalist run-in "
            "that builds on it: keep running in your usual shoes. Talk the move to "
            "minimalist shoes over with a clinician who knows your balance."
        ]
    why = _THIN_SOLES_WAIT.get(ctx.site) if ctx.site is not None else None
    if why is None or ctx.mode not in (Mode.NORMAL, Mode.REDUCED):
        return []
    return [
        f"{p.name}: its walking barefoot or in thin soles waits while {why}. Keep to your "
        "usual shoes; the minimalist run-in, which builds on the walking, waits too, and the "
        f"foot and calf work goes on. The walking starts at {p.walking.start_steps:,} steps a "
        "day once "
        + (
            "the heel no longer hurts there and a clinician has seen it"
            if ctx.site is PainSite.ACHILLES_INSERTION
            else "the pain has settled to 3/10 or less"
        )
        + ": make the plan again then."
    ]


#: Why walking in thin soles waits, by the pain's site (safety._thin_soles_wait says when).
_THIN_SOLES_WAIT = {
    PainSite.ACHILLES_INSERTION: (
        "the Achilles hurts where it meets the heel bone: a sole without a heel lets the "
        "ankle bend past neutral, which presses the tendon onto the bone (Jonsson 2008)"
    ),
    PainSite.ACHILLES: (
        "the Achilles hurts at 4/10 or more: barefoot and in minimalist shoes the tendon "
        "takes more force than in running shoes (Sinclair 2014)"
    ),
    PainSite.FOREFOOT: (
        "the front of the foot hurts at 4/10 or more: pain on one spot of a foot bone can be "
        "a bone stress injury, the injury a move to thin soles brings"
    ),
    PainSite.TOES: (
        "the toes hurt at 4/10 or more: pain on one spot of a foot bone can be a bone "
        "stress injury, the injury a move to thin soles brings"
    ),
}


#: The goal whose programme treats pain at a site.
SITE_GOALS = {
    PainSite.HEEL: Goal.PLANTAR_HEEL_PAIN,
    PainSite.ARCH: Goal.PLANTAR_HEEL_PAIN,
    PainSite.ACHILLES: Goal.ACHILLES,
    PainSite.ACHILLES_INSERTION: Goal.ACHILLES,
}


def _unnamed_pain_goal(ctx: PlanContext) -> list[str]:
    """Pain at a site whose programme the goals leave out (Sven, minimalist shoes with heel
    pain 2/10, heard nothing of it): name the goal that would bring it."""
    pain = ctx.profile.pain
    if pain is None or not pain.nrs or pain.site is None:
        return []
    goal = SITE_GOALS.get(pain.site)
    if goal is None:
        return _pain_without_programme(pain.site, pain.nrs)
    if goal in ctx.goals:
        return []
    return [
        f"Your profile reports {str(pain.site).replace('-', ' ')} pain ({pain.nrs}/10), but "
        f"not the '{goal}' goal: add it to get that pain's own programme. Meanwhile keep "
        "pain during and after exercise and runs at 5/10 or less, settled by the next morning."
    ]


def _pain_without_programme(site: PainSite, nrs: int) -> list[str]:
    """Mild pain at a site footcore has no programme for (the toes, the ankle): the rule that
    keeps the work safe, since no protocol's note gives it (a 19-year-old with big-toe pain
    3/10 read nothing about pain; from 4/10 the plan's flags speak)."""
    if nrs > 3:
        return []
    where = "toe" if site is PainSite.TOES else str(site).replace("-", " ")
    toe = (
        " Moving the big toe should not hurt at all: ease off any exercise that bends it into pain."
        if site in (PainSite.TOES, PainSite.FOREFOOT)
        else ""
    )
    return [
        f"Your profile reports {where} pain ({nrs}/10). Keep pain during and after exercise "
        "and runs at 5/10 or less, settled by the next morning; if it rises or lingers, do "
        f"less and record it in a check-in.{toe}"
    ]


def _care_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """A goal's daily care for the days without a run, when every moment of the person's is
    before or after a run: it cannot happen, so say so and name a moment that would hold it
    (the recovery routine's release and stretch between runs)."""

    if ctx.mode not in (Mode.NORMAL, Mode.REDUCED) or not ctx.runner:
        return []
    if any(s in EVERYDAY_SLOTS for s in ctx.slots()):
        return []
    rest_days = len(ctx.profile.run_days) < 7
    # A daily want (heel pain's sole release and stretch) cannot happen on a day without a
    # run either: the heel-pain runner whose moments were before and after runs had two empty
    # days a week and no word about it.
    missing = [
        w
        for w in p.daily
        if (w.days is Days.REST and w.key not in facts.placed_wants)
        or (w.days is Days.ALL and rest_days and _everyday(w) and not w.cramp_prone_only)
    ]
    if not missing:
        return []
    kinds = _and(sorted({str(w.category).replace("-", " ") for w in missing}))
    suits = [s for s in EVERYDAY_SLOTS if _holds(ctx, s, missing)]
    more = " or ".join(f"'{SLOT_NAMES[s]}'" for s in suits[:2])
    never = [w for w in missing if w.days is Days.ALL and w.key not in facts.placed_wants]
    others = ""
    if never:
        what = _and(sorted({str(w.category).replace("-", " ") for w in never}))
        others = f" (its daily {what} suits no moment after or before a run either)"
    return [
        f"{p.name}: its {kinds} on the days between runs need a moment on those days, and all "
        f"of yours are before or after a run{others}; a {more} moment would hold them."
    ]


def _everyday(w: Want) -> bool:
    """Whether a want may take an everyday moment (not only the moments around a run)."""
    if w.slot is not None:
        return w.slot in EVERYDAY_SLOTS
    return not w.slots or any(s in EVERYDAY_SLOTS for s in w.slots)


def equipment_words(e: Equipment) -> str:
    """A piece of equipment as a sentence names it: "a resistance band", "marbles or small
    stones"."""
    words = term_label(e).lower()
    return words if e is Equipment.MARBLES else f"a {words}"


def _missing_notes(p: Protocol, facts: WeekFacts) -> list[str]:
    """The protocol items this person cannot do at all: those only a piece of equipment
    holds back name it (the smallest change), the rest say what else may."""
    missing = facts.missing_items.get(p.id)
    if not missing:
        return []
    rest = "; the rest of the protocol goes ahead" if p.id in facts.held else ""
    gear = [f"{name} needs {' and '.join(needs)}" for name, needs, _ in missing if needs]
    placed = [(name, moments) for name, needs, moments in missing if not needs and moments]
    other = [name for name, needs, moments in missing if not needs and not moments]
    parts = []
    if gear:
        it = "it" if len(gear) == 1 and len(missing[0][1]) == 1 else "them"
        parts.append(
            f"{'; '.join(gear)}, which your profile does not list: add {it} to your "
            "equipment if you have it"
        )
    if placed:
        names = _and([name for name, _ in placed])
        moments = list(dict.fromkeys(s for _, found in placed for s in found))
        which = " or ".join(f"'{SLOT_NAMES[s]}'" for s in moments[:2])
        parts.append(
            f"{names} {'suit' if len(placed) > 1 else 'suits'} none of your moments: add a "
            f"{which} moment to hold {'them' if len(placed) > 1 else 'it'}"
        )
    if other:
        parts.append(
            f"{', '.join(other)} cannot be planned for you "
            "(a safety rule, or none of your moments suits it)"
        )
    return [f"{p.name}: {'; '.join(parts)}{rest}."]


def _holds(ctx: PlanContext, slot: Slot, wants: Sequence[Want]) -> bool:
    """Whether a moment could hold some exercise of each want's kind, with this equipment."""
    have = ctx.profile.equipment
    return all(
        any(
            ex.category is w.category and slot in ex.slots and ex.doable_with(have)
            for ex in ctx.idx.exercises.values()
        )
        for w in wants
    )


def _own_days_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """Falls prevention beside a programme that loads on the loading days: each has days of
    its own, and the stronger band of the falls programme (loading work) stays light."""
    if p.goal is not Goal.FALLS_PREVENTION or not shares_loading(ctx):
        return []
    mine = facts.weekdays.get(p.id, frozenset())
    other = next(
        (q for q in ctx.protocols if q.frequency is Frequency.LOADING_DAYS and q is not p), None
    )
    if not mine or other is None or not facts.loading_days:
        return []
    note = (
        f"{p.name} has days of its own, {_days(mine)}, and {other.name} the loading days, "
        f"{_days(facts.loading_days)}: neither session is cut short to make room for the "
        "other on a shared day."
    )
    stages = [s for i in p.items for s in i.stages if s.from_week <= facts.weeks]
    heavier = [
        ctx.ex(s.exercise).name.lower()
        for s in stages
        if ctx.has(s.exercise) and is_loading(ctx.ex(s.exercise).load)
    ]
    if heavier:
        note += (
            f" Its heavier steps ({_and(list(dict.fromkeys(heavier)))}) are loading work, which "
            "belongs on a loading day, so its sessions keep the lighter step."
        )
    return [note]


def _shared_work_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """Where a protocol placed before this one did the same work (calf raises) on a day
    holding both, the day did it once: say so, naming the protocol whose dose was kept."""
    notes = _own_days_notes(ctx, p, facts)
    rehab = next((q for q in ctx.protocols if q.goal in PAIN_GOALS), None)
    if rehab is not None and rehab is not p and any(i.work for i in p.all_items):
        tissue = "tendon" if rehab.goal is Goal.ACHILLES else "heel"
        text = (
            f"{p.name}: its calf raises are left out on the days between the sessions of "
            f"{rehab.name}: that programme governs all the loading of the painful {tissue}, "
            "and the days between are for it to recover."
        )
        works = {i.work for i in p.all_items if i.work}
        if not any((p.id, w) in facts.works_held for w in works):
            # Every session of it falls on such a day: say that its raises never come, and
            # what stands for them (a 68-year-old's falls notes promised heel raises
            # building towards 50 that none of her 48 sessions held: physio review 16).
            text += (
                " All of its sessions fall on those days, so this plan holds none of its "
                f"calf raises, nor their build-up: while the {tissue} settles, that "
                "programme's raises are the calf's loading; once it has, make a new plan to "
                "bring them back."
            )
        notes.append(text)
    for q in ctx.protocols:
        if (p.id, q.id) in facts.covered:
            mine = {i.work for i in p.all_items if i.work}
            works = mine & {i.work for i in q.all_items}
            what = " and ".join(sorted(w.replace("-", " ") for w in works))
            text = (
                f"{p.name}: on a day with {q.name}, that protocol's raises count as its "
                f"{what} too (at their own dose), so the calf is not loaded twice in a day."
            )
            if (p.id, "bent-knee-calf-raises") in facts.works_held and mine - works:
                # Physio review 16's re-check: the day holds both heavy raises, which the note
                # alone did not say.
                text += (
                    " Its seated raise, knee bent, still comes on that day: it loads the deeper "
                    "calf muscle (the soleus), which a raise with the knee straight does not."
                )
            notes.append(text)
    return notes


def _waits_for(ctx: PlanContext, p: Protocol) -> str:
    """What a protocol waits for while only gentle work is safe ("" when nothing of it
    waits), and what goes on
    meanwhile (a protocol without its own gentle form keeps only its items that are gentle
    anyway)."""

    until = "a clinician has seen the problem"
    if ctx.pain > 5:
        until += " and pain is 5/10 or less"
    if p.pain.high:
        meanwhile = "only its gentle holds meanwhile (see the clinician note)"
    elif not (gentle := week_items(ctx, p, 1)):
        meanwhile = "none of it meanwhile"
    elif len({rx.item for rx in gentle}) < len(p.items):
        names = ", ".join(dict.fromkeys(rx.ex.name for rx in gentle))
        meanwhile = f"meanwhile only its gentle items, at their first stage ({names})"
    else:
        return ""  # every item is gentle: the protocol goes on as it is
    return f"in full once {until}; {meanwhile}"


def _minutes_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """One note when the daily minutes cut a protocol short, with the smallest change."""

    missed_days, missed_need = facts.missed.get(p.id, (0, 0.0))
    if p.id not in facts.short and not missed_days:
        return []
    need = math.ceil(max(facts.short.get(p.id, 0.0), missed_need))
    mine = ctx.profile.minutes_per_day
    what = "the full dose"
    if ctx.mode in (Mode.HIGH, Mode.STOP):  # only its gentle items are due meanwhile
        what = "its gentle items"
    if facts.partial.get(p.id) and p.frequency is Frequency.SESSIONS:
        where = (
            f"; on {missed_days} of its days not even half of its items fit, so it is left out "
            "there"
            if missed_days
            else " and each comes round within the week"
        )
        return [
            f"{p.name}: your {mine} minutes a day hold one set of only part of a session, so "
            f"its items take turns to wait{where}. The smallest change: about {need} minutes a "
            f"day would hold {what} on every one of its days."
        ]
    if facts.partial.get(p.id):
        waiting = list(facts.partial[p.id])
        # Items that come round in some sessions take turns (physio review 17: an
        # 80-year-old's big-toe press had never come); else they wait.
        turns = all((p.id, name) in facts.names_held for name in waiting)
        verb = "take turns to wait" if turns else "wait" if len(waiting) > 1 else "waits"
        return [
            f"{p.name}: your {mine} minutes a day hold one set of only part of it, the "
            f"work it builds up first; {_and(waiting)} {verb}. The smallest "
            f"change: about {need} minutes a day would hold {what} on every one of its days."
        ]
    if p.id not in facts.held:
        if what != "the full dose":
            return [
                f"{p.name}: while only gentle work is safe, not even one set of its gentle items "
                f"fits your {mine} minutes a day beside the work that comes first. The smallest "
                f"change: about {need} minutes a day would hold them on every one of its days."
            ]
        return [
            f"{p.name}: not even one set of each item fits your {mine} minutes a day, so this "
            f"plan does not hold it. The smallest change: about {need} minutes a day would hold "
            "the full dose on every one of its days."
        ]
    where = (
        f"; on {missed_days} of its days, after the work that comes first, not even one set of "
        "each item fits, so it is left out there"
        if missed_days
        else ""
    )
    return [
        f"{p.name}: your {mine} minutes a day hold only part of it, so every item keeps fewer "
        f"sets{where}. The smallest change: about {need} minutes a day would hold {what} on "
        "every one of its days."
    ]


def _sessions_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """For a protocol of so many sessions a week: when its last week holds fewer, how many,
    on which days, and the moment that would hold more (Kofi, moments only around runs,
    had three foot-core sessions a week and then two, where the trial asks four and then
    three)."""
    if p.frequency is not Frequency.SESSIONS or ctx.mode not in (Mode.NORMAL, Mode.REDUCED):
        return []
    if not facts.weeks or p.id in facts.missed:  # the minutes note says why
        return []
    asked = p.sessions_in_week(min(p.weeks, facts.weeks))
    days = facts.weekdays.get(p.id, frozenset())
    if not days or len(days) >= asked:
        return []
    more = [f"'{SLOT_NAMES[s]}'" for s in EVERYDAY_SLOTS if s not in ctx.slots()]
    change = (
        f" The smallest change: add a {' or '.join(more[:2])} moment, which any day may hold."
        if more
        else ""
    )
    return [
        f"{p.name} asks for {_count_sessions(asked)} a week; your week holds "
        f"{_count_sessions(len(days))} ({_days(days)}): on the other days none of your moments "
        f"suits it.{change}"
    ]


def _count_sessions(n: int) -> str:
    word = ("no", "one", "two", "three", "four", "five", "six", "seven")[min(n, 7)]
    return f"{word} session{'' if n == 1 else 's'}"


def _frequency_notes(ctx: PlanContext, p: Protocol, facts: WeekFacts) -> list[str]:
    """For a protocol that loads every second day: when the running week holds fewer than
    three such days (or a day that cannot hold its session), how many it holds, why, and
    the smallest change that would give more."""
    loaded = loading_exercises(ctx, p)
    if not loaded:
        return []
    if ctx.mode is Mode.REDUCED and len(facts.weekdays.get(p.id, ())) >= 3:
        return []  # its light form goes every second day, loading days or not
    loading = facts.loading_days
    if not loading:
        return [
            f"{p.name}: your week has no day for heavy work (never two days in a row, never "
            "on, before or after the long run, and on a run day only in a session after the "
            "run), so the protocol cannot start. The smallest change: add a 'morning' slot, "
            "or a rest day away from the long run."
        ]
    used = loading & facts.weekdays.get(p.id, frozenset())
    unused = loading - used
    if len(used) >= 3 and not unused:
        return []
    long_day = ctx.profile.running.long_run_day if ctx.profile.running else None
    text = f"{p.name} asks for a session every second day (three or four a week)"
    starts = _first_loaded_week(ctx, p)
    if starts > 1:
        # Its first weeks are light and go on other days too (Ridge's raises on two feet
        # on Saturday, the day before the long run, beside a note naming Tue and Thu).
        text += f" once its work is loaded, from week {starts}"
    if long_day is not None and len(loading) < 3:
        text += (
            f"; a weekly long run ({WEEKDAY_NAMES[long_day]}) keeps heavy work off that day "
            f"and the days either side, which leaves {_count(len(loading))} "
            f"({_days(loading)})"
        )
    else:
        week = "running week" if ctx.profile.run_days else "week"
        text += f"; your {week} leaves {_count(len(loading))} ({_days(loading)})"
    if unused and p.id not in facts.missed:  # else the minutes note says why
        text += f". On {_days(unused)} none of your moments suits it" + _unfit_why(
            ctx, unused, loaded
        )
        if not used:
            text += ", so the plan holds none of its sessions"
    if len(used) < 3 and ctx.profile.run_days:
        settles = " while the problem settles" if p.goal in PAIN_GOALS else ""
        easy = ", or the long run an easy run" if long_day is not None else ""
        more = "To get more" if used else "To make room for it"
        text += f". {more}, make one run a rest day{easy}{settles}"
        text += _after_run_moment(ctx, facts, loaded)
    return [text + "."]


def _first_loaded_week(ctx: PlanContext, p: Protocol) -> int:
    """The first week in which one of the protocol's own stages carries moderate or heavy
    load (1 when it loads from the start)."""
    weeks = [
        s.from_week
        for i in p.items
        for s in i.stages
        if ctx.has(s.exercise) and is_loading(ctx.ex(s.exercise).load)
    ]
    return min(weeks, default=1)


def _after_run_moment(ctx: PlanContext, facts: WeekFacts, loaded: list[str]) -> str:
    """When the person has no moment around runs, heavy work cannot follow a run (when the
    run is, footcore does not know): say how many days an 'after a run' moment would give,
    if it gives more and the protocol's loading exercises suit it."""
    more = facts.loading_after_runs
    if len(more) <= len(facts.loading_days):
        return ""
    if not all(Slot.POST_RUN in ctx.ex(e).slots for e in loaded):
        return ""
    return (
        f", or add an '{SLOT_NAMES[Slot.POST_RUN]}' moment: heavy work may follow a run, which "
        f"would give {_count(len(more))} ({_days(more)})"
    )


def _unfit_why(ctx: PlanContext, days: frozenset[Weekday], loaded: list[str]) -> str:
    """Why a loading day holds no session, and the moment that would hold one."""

    runs = ctx.profile.running.days if ctx.profile.running else ()
    cramp = (
        " (a cramp-prone runner's post-run session holds no loading)"
        if ctx.cramp_prone and any(d in runs for d in days)
        else ""
    )
    missing = [
        s
        for s in EVERYDAY_SLOTS
        if s not in ctx.slots() and any(s in ctx.ex(e).slots for e in loaded)
    ]
    if not missing:
        return cramp
    names = " or ".join(f"'{SLOT_NAMES[s]}'" for s in missing)
    return f"{cramp}: a {names} moment would hold it there"


def _count(n: int) -> str:
    return ("no day", "one day", "two days", "three days")[min(n, 3)]


# -- items ------------------------------------------------------------------------------------


def protocol_reason(p: Protocol) -> str:
    return p.name


def item_why(
    ctx: PlanContext, cw: ChainWeek, day: DayInfo, p: Placed
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The item's reasons in words, the rule ids it keeps and the goals it serves."""
    parts: list[str] = []
    rules: list[str] = []
    goals = list(p.goals)
    if p.protocol is not None:
        parts += _protocol_parts(ctx, p)
        rules.append("protocol")
    elif p.companion:
        parts.append(
            "Loosens the tissue first, so the deep stretch after it meets prepared tissue."
        )
        rules.append("deep-after-release")
    else:
        assert p.want is not None
        parts.append(p.want.reason + ".")
        if p.want.goal and p.want.goal in ctx.goals:
            goals.append(p.want.goal)
    parts += _progression_parts(ctx, cw, day, p, rules)
    parts += _placement_parts(ctx, day, p, rules)
    parts += _safety_parts(ctx, p, rules)
    parts += _age_hold_parts(ctx, p)
    if p.protocol is not None and ctx.idx.level[p.ex.slug] > cw.level:
        parts.append("Part of your goal's protocol, so it starts before its level.")
        rules.append("level")
    goal_ids = tuple(dict.fromkeys(g for g in goals if g))
    if goal_ids:
        label = "Goal" if len(goal_ids) == 1 else "Goals"
        parts.append(f"{label}: {', '.join(g.replace('-', ' ') for g in goal_ids)}.")
    return " ".join(parts), tuple(dict.fromkeys(rules)), goal_ids


def _protocol_parts(ctx: PlanContext, p: Placed) -> list[str]:
    assert p.protocol is not None
    rx = p.protocol
    out = [f"{rx.protocol.name}."]
    if rx.form == "light-day":
        out.append("Not a loading day, so the session takes the light step of this chain today.")
        return out
    if rx.form == "loading-moment":
        out.append(
            "Today's moments that may take loading do not suit this week's step, so the "
            "session takes the hardest step one of them suits."
        )
        return out
    if rx.form == "held":
        out.append(
            "The programme's stage for this week waits until the step before it has been "
            "done, so this is that step."
        )
        return out
    dose = p.full or p.dose
    out.append(f"Protocol dose {dose_text(dose)}.")
    out += _stage_parts(ctx, rx)
    if rx.missing is not None:
        kit = " or ".join(str(e) for e in rx.missing)
        them = "them" if len(rx.missing) > 1 else "it"
        out.append(f"No {kit} in your equipment, so this is the protocol's form without {them}.")
    if rx.form == "moment":
        out.append(_moment_form(ctx, rx))
    if rx.form == "reduced" and rx.protocol.pain.reduced_note:
        out.append(f"Pain {ctx.pain}/10: the protocol's easier form.")
    elif rx.form == "reduced":
        # Physio review 18: an ankle at 4/10 kept the rocks at 2 x 10 for 16 weeks, the why
        # naming no reason and the weeks speaking of rising doses. (Work without load keeps
        # its sets: only loaded work has one set fewer.)
        fewer = ", one set fewer," if rx.ex.load is not Load.NONE else ""
        out.append(
            f"Pain {ctx.pain}/10 where it works: it stays at its first stage{fewer} and moves "
            "on once the pain is 3/10 or less and settled by the next morning."
        )
    if rx.form == "high":
        out.append(rx.protocol.pain.high_note)
    if rx.form == "gentle":
        out.append(
            "While only gentle work is safe, the protocol keeps its gentle items at their "
            "first stage; the rest wait."
        )
    out.extend(_cut_parts(ctx, p))
    return out


def _cut_parts(ctx: PlanContext, p: Placed) -> list[str]:
    """Why a protocol item holds fewer sets (or an earlier stage) than its dose."""
    if p.full is None:
        return []
    need = item_minutes(p.full, p.ex.load)
    if p.dose.reps != p.full.reps:
        return [
            f"{_CUT_MARK} this stage's {dose_text(p.full)} takes {need:g} min; your "
            f"{ctx.profile.minutes_per_day} minutes a day leave room for "
            f"{p.dose.sets} {'set' if p.dose.sets == 1 else 'sets'}, so an earlier stage's "
            f"{dose_text(p.dose)} holds today."
        ]
    return [
        f"{_CUT_MARK} the full dose is {p.full.sets} sets ({need:g} min); your "
        f"{ctx.profile.minutes_per_day} minutes a day leave room for {p.dose.sets} today."
    ]


def _stage_parts(ctx: PlanContext, rx: Prescribed) -> list[str]:
    """The stage's own words: its note (or why this week's stage waits) and added load."""
    out = []
    if rx.waits is not None:
        text = waiting_stage_text(ctx, rx.waits)
        out.append(text[0].upper() + text[1:] + ".")
    elif rx.stage.note:
        out.append(rx.stage.note)
    if rx.stage.added_load:
        out.append(f"Add: {rx.stage.added_load}.")
    return out


def waiting_stage_text(ctx: PlanContext, stage: Stage) -> str:
    """Why a protocol's stage for this week waits and the stage before it holds: the kit it
    needs, the moments that would hold it, or a safety rule."""
    ex = ctx.ex(stage.exercise)
    head = f"this week's stage, {ex.name.lower()}, "
    needs = ex.needs(ctx.profile.equipment)
    if needs:
        kit = " and ".join(equipment_words(e) for e in needs)
        return head + f"needs {kit}, so the stage before it holds"
    mine = set(ctx.slots())
    moments = [SLOT_NAMES[s] for s in EVERYDAY_SLOTS if s in ex.slots and s not in mine]
    if not mine & set(ex.slots) and moments:
        which = " or ".join(f"'{m}'" for m in moments[:2])
        return (
            head
            + f"suits none of your moments ({which} would hold it), so the stage before it holds"
        )
    return head + "is not safe for you yet, so the stage before it holds"


def _moment_form(ctx: PlanContext, rx: Prescribed) -> str:
    """Why a protocol item is in its form without a piece of kit though the person has it:
    none of their moments suits the usual form."""
    item = next(i for i in rx.protocol.all_items if i.id == rx.item)
    usual = ctx.ex(item.stage(1).exercise).name
    kit = next(
        (
            " or ".join(map(str, kit))
            for kit, stages in item.without.items()
            if any(s is rx.stage for s in stages)
        ),
        "",
    )
    form = f"form without a {kit}" if kit else "other form"
    mine = set(ctx.slots())
    ex = ctx.ex(item.stage(1).exercise)
    moments = [SLOT_NAMES[s] for s in EVERYDAY_SLOTS if s in ex.slots and s not in mine]
    more = ""
    if moments:
        which = " or ".join(f"'{m}'" for m in moments[:2])
        more = f" A {which} moment would let you use your {kit or 'equipment'} for it."
    return f"{usual} suits none of your moments, so the protocol's {form} takes its place.{more}"


#: Said in the why of a protocol item whose sets the minutes cut (the week's text reads it).
_CUT_MARK = "Fewer sets than the protocol asks for:"


def _progression_parts(
    ctx: PlanContext, cw: ChainWeek, day: DayInfo, p: Placed, rules: list[str]
) -> list[str]:
    if p.chain is None or p.step is None:
        return []
    members = ctx.idx.chains[p.chain]
    if len(members) < 2:
        return []
    text = f"Step {p.step + 1} of {len(members)} in its progression"
    this_week = cw.step.get(p.chain, p.step)
    if p.lower:
        if is_loading(ctx.ex(members[this_week]).load) and not day.loading:
            why = "today is not a loading day"
        else:
            why = f"the easier one suits {SLOT_PLACE[p.slot]} better"
        text += f"; this week's step is {this_week + 1}, and {why}"
    elif p.chain in cw.stepped:
        text += ", one step up from last week"
    rules.append("one-step-per-week")
    return [text + "."]


def _age_hold_parts(ctx: PlanContext, p: Placed) -> list[str]:
    """A one-leg stance held to the age norm says so (planning/norms.py); for someone at
    risk of falling, standing work that lists a wall or chair says to keep a hand on it
    (a 70-year-old's loaded one-leg heel raises on a step said nothing of it: physio
    review 15)."""
    out: list[str] = []
    if (
        ctx.falls
        and p.ex.position in (Position.STANDING, Position.SINGLE_LEG)
        and {Equipment.WALL, Equipment.CHAIR} & set(p.ex.equipment)
    ):
        out.append(
            "Falls safety: keep a hand on the wall, a rail or a counter all the way through."
        )
    cap = hold_cap(ctx.profile.age, ctx.profile.sex, p.ex, ctx.measured)
    if cap is None or p.dose.hold_s != cap:
        return out
    eyes = "closed" if p.ex.demo is not None and p.ex.demo.eyes == "closed" else "open"
    if measured_cap(p.ex, ctx.measured):
        return [
            *out,
            f"Held {cap} s at most: about your own best one-leg hold with the eyes {eyes} in "
            "the self-test. Touch down and start again whenever you wobble; take the test "
            "again to move it on.",
        ]
    return [
        *out,
        f"Held {cap} s at most: the typical one-leg hold with the eyes {eyes} at your age "
        "(the self-tests' norms). Touch down and start again whenever you wobble.",
    ]


def _placement_parts(ctx: PlanContext, day: DayInfo, p: Placed, rules: list[str]) -> list[str]:
    out: list[str] = []
    if is_loading(p.ex.load):
        where = (
            " It comes after today's run, never before it." if day.run is not RunKind.NONE else ""
        )
        running = ctx.profile.running
        long_run = (
            ", never on, the day before or the day after a long run"
            if running is not None and running.long_run_day is not None
            else ""
        )
        out.append(
            f"{str(p.ex.load).capitalize()} load, so only on a loading day: never two days in "
            f"a row{long_run}.{where}"
        )
        rules.append("alternate-days")
    if p.slot is Slot.PRE_RUN:
        out.append("Before the run only a light primer: two short sets at most, nothing heavy.")
        rules.append("pre-run")
    elif p.slot is Slot.POST_RUN:
        out += _post_run_parts(ctx, day, p, rules)
    elif p.want is not None and p.want.key.startswith("morning-after"):
        out.append("Moved here from after yesterday's run, when tired feet cramp easily.")
        rules.append("post-run-cramp")
    if p.ex.cramp_risk and ctx.profile.run_days:
        out.append("It curls or loads the toes, so it stays off long and hard run days.")
        rules.append("post-run-cramp")
    if p.ex.is_deep_stretch:
        out.append("A deep stretch, after the release in this session.")
        rules.append("deep-after-release")
    if p.slot not in (Slot.PRE_RUN, Slot.POST_RUN) and p.protocol is None:
        rules.append("little-and-often")
    return out


def _post_run_parts(ctx: PlanContext, day: DayInfo, p: Placed, rules: list[str]) -> list[str]:
    out: list[str] = []
    if p.ex.category in (Category.RELEASE, Category.STRETCH, Category.MOBILISE):
        out.append("After the run: release and gentle work.")
    elif not is_loading(p.ex.load):
        # Calf raises and one-leg balance after a run are not 'release and gentle work'
        # (physio review 13): say what the rule is for them.
        out.append("After the run the work stays light, unless today is a loading day.")
    rules.append("post-run")
    if ctx.cramp_prone and day.run in HARD_RUNS:
        out.append("After a long or hard run nothing but rolling and a gentle calf stretch.")
        rules.append("post-run-cramp")
    return out


def _safety_parts(ctx: PlanContext, p: Placed, rules: list[str]) -> list[str]:

    out: list[str] = []
    for equip, how in ctx.substitutions(p.ex).items():
        out.append(f"No {equip} listed: {how[:1].lower()}{how[1:]}")
        rules.append("equipment")
    if ctx.mode is Mode.REDUCED and p.ex.load is not Load.NONE and p.protocol is None:
        out.append(f"Pain {ctx.pain}/10: one set fewer on loaded work, nothing heavy.")
        rules.append("pain")
    elif ctx.mode in (Mode.HIGH, Mode.STOP) and p.protocol is None:
        out.append("Gentle work only until a clinician has seen it.")
        rules.append("pain")
    if ctx.falls:
        rules.append("falls-safety")
    if p.want is not None and p.want.key.startswith("focus-"):
        rules.append("variety")
    elif p.ex.category in ctx.focus_cats and p.protocol is None:
        out.append(f"Weighted up by your self-test: {ctx.focus_cats[p.ex.category]}.")
    return out


# -- days -------------------------------------------------------------------------------------


def walking_item(ctx: PlanContext, week: int, day: DayInfo) -> PlanItem | None:

    for p in ctx.protocols:
        w = p.walking
        if w is None or day.run is RunKind.LONG or not ctx.usable.get(w.exercise, False):
            continue
        front = ctx.pain > 0 and ctx.site in (PainSite.FOREFOOT, PainSite.TOES)
        rise = w.weekly_steps_reduced if ctx.mode is Mode.REDUCED or front else w.weekly_steps
        running = _run_in_builds(ctx, p, week)
        weeks = min(week, p.run_in.from_week - 1) if running and p.run_in else week
        steps = min(w.max_steps, w.start_steps + rise * (weeks - 1))
        ex = ctx.ex(w.exercise)
        dose = replace(ex.dose, steps=steps)
        held = (
            f" From week {weeks + 1} the steps stay at {steps:,} while the minimalist run-in "
            "builds: one load rises at a time."
            if running and weeks < week
            else ""
        )
        if front and ctx.mode is not Mode.REDUCED:
            # Physio review 16: forefoot pain 3/10 held the run-in back while the walking
            # rose 500 a week to 10,000; the front of the foot is where bone stress shows.
            held += (
                f" While the front of your foot hurts ({ctx.pain}/10) the steps rise "
                f"{rise:,} a week, not {w.weekly_steps:,}: it is where bone stress shows first."
            )
        return PlanItem(
            exercise=ex.slug,
            name=ex.name,
            category=ex.category,
            sets=1,
            reps=None,
            hold_s=None,
            duration_s=None,
            per_side=False,
            load=ex.load,
            why=f"{steps:,} steps today, spread over ordinary walking (at home, errands), not "
            f"on top of your minutes. {w.note}{held} Rest it on long-run days. "
            f"Goal: {str(p.goal).replace('-', ' ')}.",
            minutes=item_minutes(dose, ex.load),
            rules=("barefoot-walking",),
            goals=(str(p.goal),),
            steps=steps,
            protocol=p.id,
        )
    return None


def _run_in_builds(ctx: PlanContext, p: Protocol, week: int) -> bool:
    """Whether the protocol's minimalist run-in is under way in ``week`` for this person (a
    runner with easy runs, without pain): the walking steps then stop rising."""
    r = p.run_in
    if r is None or week < r.from_week or ctx.mode is not Mode.NORMAL or ctx.pain:
        return False
    return any(k is RunKind.EASY for k in run_kinds(ctx.profile).values())


def _last_week_next(ctx: PlanContext) -> str:
    """The last week's 'next' line: a plan that waits for a clinician does not end by
    telling the person to keep going (a suspected acute Achilles injury's 16 weeks of
    gentle work ended so: physio review 16)."""
    if ctx.mode is Mode.STOP:
        return (
            "The last week of this plan: it holds only gentle work until a clinician has "
            "seen the problem; once they have, make a new plan with what they found."
        )
    return "The last week of this plan: keep going with what you do now."


def _tendon_pain(ctx: PlanContext) -> bool:
    """An Achilles programme for a tendon that hurts (its running note keeps fast and hill
    running out while it settles)."""
    return ctx.pain > 0 and any(
        p.goal is Goal.ACHILLES and not _hurts_elsewhere(ctx, p) for p in ctx.protocols
    )


def _hurts_elsewhere(ctx: PlanContext, p: Protocol) -> bool:
    """Whether the pain in force is at a site other than the protocol's tissue (a heel that
    hurts beside an Achilles goal: physio review 16, a daily runner with heel pain had both
    hard runs made easy every week 'while the Achilles settles')."""
    if ctx.pain <= 0 or ctx.site is None:
        return False
    return SITE_GOALS.get(ctx.site) is not p.goal


def day_notes(ctx: PlanContext, day: DayInfo, sessions: Sequence[Session]) -> list[str]:

    notes: list[str] = []
    loads = any(is_loading(i.load) for s in sessions for i in s.items)
    if ctx.mode is Mode.STOP and day.run is not RunKind.NONE:
        notes.append("Running is paused until a clinician has seen the problem.")
    elif ctx.mode is Mode.HIGH and day.run is not RunKind.NONE:
        notes.append(_paused_run(day.run))
    if loads and day.run is RunKind.EASY:
        notes.append(
            "Loading day: the heavier work comes after today's run, so keep the run easy; "
            "a day without it tomorrow to recover."
        )
    elif loads:
        notes.append(
            "Loading day: the heavier work is today, with a day without it tomorrow to recover."
        )
    if day.run is RunKind.LONG and ctx.mode is not Mode.STOP:
        notes.append("Long-run day: no moderate or heavy work today, the day before or after.")
    if day.run is RunKind.HARD and ctx.mode in (Mode.NORMAL, Mode.REDUCED) and _tendon_pain(ctx):
        notes.append(
            "Hard-run day: while the Achilles settles, run this one easy and on the flat; "
            "fast and hill running load the tendon most."
        )
    notes += _run_in(ctx, day)
    return notes


def _run_in(ctx: PlanContext, day: DayInfo) -> list[str]:

    if day.run is not RunKind.EASY or ctx.mode is not Mode.NORMAL:
        return []
    out = []
    for p in ctx.protocols:
        r = p.run_in
        if r is None or day.week < r.from_week or not _walks(ctx, p):
            continue
        if day.after_hard:  # the day after a long or hard run: bones and calves are tired
            continue
        mins = r.minutes(day.week)
        if ctx.pain:
            out.append(
                f"Minimalist run-in: it waits while your foot hurts ({ctx.pain}/10), since one "
                "of its conditions is no foot or shin pain in the mornings; once that holds, "
                f"run the first {r.start_minutes} minutes of an easy run in your minimalist "
                f"shoes, {r.rise_text()} from then. " + r.warning
            )
            continue
        if _weak_calves(ctx):
            out.append(
                "Minimalist run-in: your self-test found your single-leg heel raises below "
                "the typical range, and the run-in asks for 20 on each foot without pain; "
                "repeat the heel-raise test first, and only once you reach 20 run the first "
                f"{r.start_minutes} minutes of an easy run in your minimalist shoes, then "
                f"change back, {r.rise_text()} from then. " + r.warning
            )
            continue
        out.append(
            f"Minimalist run-in: if every start condition holds, run the first {mins} minutes "
            "of today's easy run in your minimalist shoes, then change back. " + r.warning
        )
    return out


def _walks(ctx: PlanContext, p: Protocol) -> bool:
    """Whether the plan holds the protocol's walking in thin soles (a protocol without any
    walks as it is)."""
    return p.walking is None or ctx.usable.get(p.walking.exercise, False)


def _weak_calves(ctx: PlanContext) -> bool:
    """Whether the self-test found the single-leg heel raises below their norm (its strength
    focus names the heel raise)."""
    return "heel raise" in ctx.focus_cats.get(Category.STRENGTHEN, "")


# -- weeks ------------------------------------------------------------------------------------


def week_texts(ctx: PlanContext, weeks: Sequence[Week]) -> list[tuple[str, str, str | None]]:
    """(focus, unlocks, next) for every week, from what the weeks hold."""
    seen: set[str] = set()
    news: list[list[str]] = []
    out: list[tuple[str, str, str | None]] = []
    for w in weeks:
        names = _names_in(w)
        news.append([n for n in names if n not in seen])
        seen |= set(names)
    # While pain is above 5/10 or a clinician is awaited only a protocol's pain-rule items
    # may grow (the calf holds' 30 s to 45 s); fill doses stand still whatever moment the
    # rotation gives them (30 s of rolling after a run one week, 60 s the next).
    still = ctx.mode in (Mode.HIGH, Mode.STOP)
    sizes = [_sizes(w, protocol_only=still) for w in weeks]
    levels = ctx.idx.level
    level_held = frozenset(
        levels.get(i.exercise, 0) for w in weeks for d in w.days for i in d.items
    )
    for i, w in enumerate(weeks):
        focus = _focus(ctx, w, level_held)
        rising = i > 0 and _rises(sizes[i - 1], sizes[i])
        unlocks = _listing("New this week", news[i]) or (
            _still_rising(sizes[i - 1], sizes[i])
            if rising and still
            else "Nothing new this week: the same work, with doses rising a little."
            if rising
            else "Nothing new this week: the same work at the same doses."
        )
        held = _held(ctx, w)
        if held:
            unlocks += " " + held
        unlocks += _retests(ctx, w)
        if i + 1 < len(weeks):
            nxt = _listing("Next week brings", news[i + 1]) or (
                "Next week: no new exercises, with doses rising a little."
                if _rises(sizes[i], sizes[i + 1])
                else "Next week: no new exercises, at the same doses."
            )
        else:
            nxt = _last_week_next(ctx)
        waiting = _level_waits(ctx, w, weeks[i + 1] if i + 1 < len(weeks) else None)
        if waiting:
            nxt = f"{waiting} {nxt}"
        out.append((focus, unlocks, nxt))
    return out


def _level_waits(ctx: PlanContext, w: Week, following: Week | None) -> str:
    """Why a level waits (the plan is behind the calendar), or what next week's level
    takes (a projection from adaptation)."""
    calendar = min(w.number, MAX_LEVEL)
    known = ctx.adj.level_week
    opens = following is not None and following.level > w.level
    soon = f"Level {w.level + 1} opens next week if most of this week's sessions are done."
    if w.level < calendar and (known is None or w.number <= known):
        waits = (
            f"Level {w.level + 1} waits: it unlocks once most of a week's sessions are done "
            "(and no pain flag is open)."
        )
        return f"{waits} It opens next week if most of this week's are." if opens else waits
    if known is not None and w.number > known and opens:
        return soon
    return ""


def _sizes(w: Week, *, protocol_only: bool = False) -> dict[str, float]:
    """Each exercise's largest dose of the week in each moment, as one number (sets x reps x
    seconds, or steps), to tell a week whose doses rise from one that repeats the last. Per
    moment: a release rolled 30 s before a run and 60 s at the desk is not a rise when the
    week's rotation moves it from one to the other (weeks of held doses said 'rising')."""
    found: dict[str, float] = {}
    for d in w.days:
        for session in d.sessions:
            for item in session.items:
                if protocol_only and item.protocol is None:
                    continue
                size = item.sets * (item.reps or 1) * (item.hold_s or item.duration_s or 1)
                key = f"{item.name}@{session.slot}"
                found[key] = max(found.get(key, 0.0), float(size))
        if d.walking is not None and d.walking.steps is not None:
            name = d.walking.name
            found[name] = max(found.get(name, 0.0), float(d.walking.steps))
    return found


def _still_rising(before: dict[str, float], after: dict[str, float]) -> str:
    """A week of held doses in which a protocol's pain-rule item grows: name it, so the
    week does not say both 'rising' and 'the doses stay as they are'."""
    grown = [k.split("@")[0] for k, v in after.items() if k in before and v > before[k]]
    names = _and(list(dict.fromkeys(grown)))
    return f"Nothing new this week: the same work; only {names} grows, as its protocol allows."


def _rises(before: dict[str, float], after: dict[str, float]) -> bool:
    """Whether some exercise of both weeks has a larger dose in the second."""
    return any(size > before[name] for name, size in after.items() if name in before)


def _names_in(w: Week) -> list[str]:
    found: dict[str, None] = {}
    for d in w.days:
        for item in d.items:
            found.setdefault(item.name)
        if d.walking is not None:
            found.setdefault(d.walking.name)
    return list(found)


def _listing(label: str, names: list[str]) -> str:
    if not names:
        return ""
    shown = names[:6]
    more = f" and {len(names) - 6} more" if len(names) > 6 else ""
    return f"{label}: {', '.join(shown)}{more}."


def _focus(ctx: PlanContext, w: Week, level_held: frozenset[int]) -> str:
    """The level's focus when the week holds work the levels govern; a week of a goal's
    programme alone speaks of the programme (levels do not hold a protocol back). ``level_held``:
    the levels whose work the plan holds at some point; a level none of whose work the plan
    ever holds says so instead of promising it (a 5-minute runner's week 3 read 'Add light
    strength: calf raises and bands' over rolling and toe lifts alone, and 'Dynamic control'
    headed weeks with no dynamic work: physio review 12)."""

    info = level_info(w.level)
    fill = any(i.protocol is None for d in w.days for i in d.items)
    if ctx.mode in (Mode.HIGH, Mode.STOP):
        head = (
            f"Level {w.level} waits: gentle work only until a clinician has seen your "
            "pain or your self-test result."
        )
    elif not fill or Goal.FALLS_PREVENTION in ctx.goals:
        # The falls programme is the whole of its days, standing work from week 1: the
        # levels' words ('while seated') would describe the run routines beside it, not it.
        head = f"Week {w.number} of your programme."
    elif w.number >= 7 and w.level == MAX_LEVEL:
        title = f", {info.title}" if w.level in level_held else ""
        head = f"Level {w.level}{title}. {CONSOLIDATE_FOCUS}"
    elif w.level == HEAVY_LEVEL and not any(i.load is Load.HEAVY for d in w.days for i in d.items):
        if ctx.mode is Mode.REDUCED:
            why = "with pain at 4-5/10 heavy loading waits until pain is 3/10 or less"
        elif calf := [
            p.name
            for p in ctx.protocols
            if p.id in _protocols_in(w) and any(i.work for i in p.all_items)
        ]:
            why = (
                f"the calf loading is the one of {calf[0]}, at its own dose"
                if len(calf) == 1
                else f"the calf loading is that of {_and(calf)}, each at its own dose"
            )
        else:
            why = "none of its heavy exercises fits your equipment, moments or week"
        head = f"Level {w.level}, {info.title}, without the heavy part: {why}."
    elif w.level not in level_held:
        head = (
            f"Level {w.level}, {info.title}, is open, though this plan holds none of its "
            "work: your exercises move up a step at a time, within your moments, minutes and "
            "equipment, and the earlier levels' work goes on."
        )
    else:
        head = f"Level {w.level}, {info.title}: {_level_focus(w)}"
    proto = _protocol_week(ctx, w)
    return head + (" " + proto if proto else "")


def _retests(ctx: PlanContext, w: Week) -> str:
    """The self-tests due this week: whether the protocol's work is changing the foot; while
    pain is above 5/10, a pain check every second week (a see-clinician plan ran 16 identical
    weeks without one); after a stop-acute result, every second week a word to have it seen
    (a sudden ankle problem ran 16 identical weeks without one: physio review 13)."""
    if ctx.mode is Mode.HIGH:
        if w.number % 2:
            return ""
        return (
            " Pain check this week: rate the pain again (log it with a session, or take the "
            "pain self-test); once it is 5/10 or less the plan moves on from where it waits."
        )
    if ctx.mode is Mode.STOP:
        if w.number % 2:
            return ""
        return (
            " Check this week: if a clinician has seen the problem and cleared you to train, "
            "take the self-tests again and make a new plan; if no one has seen it yet, book "
            "the appointment now."
        )
    if ctx.mode is not Mode.NORMAL and ctx.mode is not Mode.REDUCED:
        return ""
    due = [p for p in ctx.protocols if p.retest and w.number in p.retest_weeks]
    # While a programme's easier form is in force (pain 4-5/10) its own test, a heavier load
    # than anything the plan gives (single-leg heel raises to fatigue on a 4/10 tendon:
    # physio review 17), waits for the pain to settle; the pain is what to check meanwhile.
    easier = [p for p in due if ctx.mode is Mode.REDUCED and p.pain.reduced is not None]
    tests = [p.retest for p in due if p not in easier]
    out = " Self-test this week: " + "; and ".join(dict.fromkeys(tests)) + "." if tests else ""
    if easier:
        out += (
            " Pain check this week: rate the pain during the raises and the next morning; its "
            "self-test waits until the pain is 3/10 or less, as the heavier work does."
        )
    return out


def _level_focus(w: Week) -> str:
    """The level's focus; for the heavy level, the days its heavy work has this week where
    the running week leaves fewer than every second day (a cramp-prone ultra runner read
    'every second day' over a plan holding it on Mondays only)."""
    info = level_info(w.level)
    if w.level != HEAVY_LEVEL:
        return info.focus
    heavy = {d.weekday for d in w.days if any(i.load is Load.HEAVY for i in d.items)}
    if not heavy or len(heavy) >= 3:
        return info.focus
    return (
        f"Heavy, slow calf and foot loading with a day of recovery after it, on {_days(heavy)} "
        "this week: your running week leaves no more loading days (the notes say why)."
    )


def _protocols_in(w: Week) -> set[str]:
    return {i.protocol for d in w.days for i in d.items if i.protocol}


def _protocol_week(ctx: PlanContext, w: Week) -> str:
    bits = []
    for p in ctx.protocols:
        # Each protocol item's forms this week (its stages and stand-ins; else by chain: a
        # stronger band on loading days, the lighter one on the others), with their days.
        item_of, rotating = _item_keys(p)
        groups: dict[str, dict[str, tuple[PlanItem, set[Weekday]]]] = {}
        for d in w.days:
            for item in d.items:
                if item.protocol == p.id:
                    key = item_of.get(item.exercise) or ctx.idx.chain_of.get(
                        item.exercise, item.name
                    )
                    forms = groups.setdefault(key, {})
                    forms.setdefault(item.name, (item, set()))[1].add(d.weekday)
        if groups:
            days = set().union(*(d for forms in groups.values() for _, d in forms.values()))
            every, turns = _protocol_items(ctx, groups, days, rotating)
            listed = "; ".join(every)
            if turns:
                listed += ("; " if listed else "") + "in turn: " + "; ".join(turns)
            when = "every day" if len(days) == 7 else f"on {_days(days)}"
            cut = any(
                _CUT_MARK in item.why for forms in groups.values() for item, _ in forms.values()
            )
            tail = " (fewer sets than the protocol's dose: your minutes hold no more)"
            if not cut:
                tail = ""
            bits.append(f"{p.name}, {when}: {listed}{tail}.")
    return " ".join(bits)


def _item_keys(p: Protocol) -> tuple[dict[str, str], set[str]]:
    """Each exercise of a protocol's items (stages, stand-ins, forms without equipment) ->
    its item's id; and the items whose stand-ins take turns day by day."""
    item_of: dict[str, str] = {}
    rotating: set[str] = set()
    for i in p.all_items:
        for st in i.all_stages:
            if st.alternates:
                rotating.add(i.id)
            for name in st.names:
                item_of.setdefault(name, i.id)
    return item_of, rotating


def _protocol_items(
    ctx: PlanContext,
    groups: dict[str, dict[str, tuple[PlanItem, set[Weekday]]]],
    days: set[Weekday],
    rotating: set[str],
) -> tuple[list[str], list[str]]:
    """The protocol's items for the week text: those on every one of its days (an item
    whose stand-ins take turns names them as one choice; an item done in different forms on
    different days names each form with its days), then those on fewer of its days."""
    every: list[str] = []
    turns: list[str] = []
    for key, forms in groups.items():
        covered = set().union(*(d for _, d in forms.values()))
        ranked = sorted(
            forms.values(), key=lambda f: (-ctx.idx.position.get(f[0].exercise, 0), -len(f[1]))
        )
        if key in rotating and len(ranked) > 1:
            every.append(_in_turn([it for it, _ in ranked]))
        elif covered != days:
            turns += [f"{it.name} {dose_text(it.dose)}" for it, _ in ranked]
        elif len(ranked) == 1:
            every.append(f"{ranked[0][0].name} {dose_text(ranked[0][0].dose)}")
        else:
            every.append(
                ", ".join(f"{it.name} {dose_text(it.dose)} on {_days(d)}" for it, d in ranked)
            )
    return every, turns


def _in_turn(items: list[PlanItem]) -> str:
    """Stand-ins taking turns: "A, B or C in turn, 60 s, each foot" (each with its own dose
    when the doses differ)."""
    doses = {dose_text(it.dose) for it in items}
    if len(doses) == 1:
        names = [it.name for it in items]
        return f"{', '.join(names[:-1])} or {names[-1]} in turn, {doses.pop()}"
    named = [f"{it.name} {dose_text(it.dose)}" for it in items]
    return f"{', '.join(named[:-1])} or {named[-1]}, in turn"


def _held(ctx: PlanContext, w: Week) -> str:
    """What the week's level unlocks that this plan leaves out, and why."""

    if ctx.mode is Mode.STOP:
        return (
            "On hold: everything with load, holds at the end of the range, deep stretches, "
            "kneeling stretches and single-leg work; the doses stay as they are until a "
            "clinician has seen the problem."
        )
    if ctx.mode is Mode.HIGH:
        # A protocol's own pain-rule loading (the Achilles calf holds) grows as it says.
        which = "the other doses" if any(p.pain.high for p in ctx.protocols) else "the doses"
        return (
            "On hold: everything with load, deep stretches, kneeling stretches and single-leg "
            f"work; {which} stay as they are while the pain is above 5/10."
        )

    waiting = []
    for slug, level in ctx.idx.level.items():
        if level != w.level or ctx.usable.get(slug, True):
            continue
        ex = ctx.ex(slug)
        if not set(ex.goals) & set(ctx.goals):
            continue  # another goal's rehabilitation is not work this person misses
        missing = ex.needs(ctx.profile.equipment)
        if missing and would_be_usable(ctx, ex):
            waiting.append(f"{ex.name} (needs {', '.join(str(m) for m in missing)})")
    stages = _stages_waiting(ctx, w)
    if not waiting:
        return stages
    return " ".join(filter(None, ("Left out for you: " + "; ".join(waiting[:3]) + ".", stages)))


def _stages_waiting(ctx: PlanContext, w: Week) -> str:
    """The protocol stages due this week that this person cannot do, the stage before each
    holding in its place (heel-to-toe walking for someone whose only moment is the TV)."""
    said = []
    held = _protocols_in(w)
    for p in ctx.protocols:
        if p.id not in held:
            continue  # a programme the plan cannot hold has no stage to wait
        for rx in week_items(ctx, p, w.number):
            if rx.waits is not None:
                said.append(f"{p.name}: {waiting_stage_text(ctx, rx.waits)}.")
    return " ".join(dict.fromkeys(said))


def goal_label(goal: Goal) -> str:
    return str(goal).replace("-", " ")
