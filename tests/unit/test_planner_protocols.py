"""Each goal's protocol as a clinician prescribes it: dose by week, frequency, placement around
runs, pain rules and what the plan says (issue 14). Every plan here also keeps every rule
(``plan_for`` checks it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.planning import Plan, PlanItem, check_plan, generate_plan
from footcore.domain.profile import Profile, parse_profile
from footcore.domain.vocab import Category, Load, Position, RunKind, Slot, StretchDepth, Target

CATALOGUE = builtin_catalogue()
MONDAY = dt.date(2027, 1, 4)
RATHLEFF = "heel-raise-step-towel"
RATHLEFF_LOADED = "heel-raise-step-towel-loaded"
SPINK = (
    "ankle-circles",
    "dorsiflexion-hold",
    "heel-raise-double-supported",
    "calf-wall-stretch",
    "big-toe-press",
    "stone-pickups",
    "big-toe-band-stretch",
)


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


@dataclass(frozen=True)
class Report:
    flags: tuple[Flag, ...] = ()
    focus: tuple[()] = ()


def make(**over: Any) -> Profile:
    data: dict[str, Any] = {
        "name": "Test",
        "age": 40,
        "goals": ["general"],
        "equipment": ["ball", "step", "towel", "band", "wall", "mat"],
        "minutes_per_day": 25,
        "slots": ["morning", "desk", "teeth", "tv", "pre-run", "post-run"],
        "running": {"days": ["tue", "thu", "sun"], "long_run_day": "sun"},
    }
    data.update(over)
    return parse_profile(data)


def plan_for(profile: Profile, weeks: int = 8, **kw: Any) -> Plan:
    plan = generate_plan(profile, CATALOGUE, MONDAY, weeks, **kw)
    assert check_plan(plan, profile, CATALOGUE) == []
    return plan


def items_of(plan: Plan, *slugs: str) -> list[tuple[int, dt.date, PlanItem]]:
    return [
        (week.number, day.date, i)
        for week in plan.weeks
        for day in week.days
        for i in day.items
        if i.exercise in slugs
    ]


def by_week(found: list[tuple[int, dt.date, PlanItem]]) -> dict[int, set[tuple[int, int | None]]]:
    out: dict[int, set[tuple[int, int | None]]] = {}
    for week, _, i in found:
        out.setdefault(week, set()).add((i.sets, i.reps))
    return out


def days_apart(found: list[tuple[int, dt.date, PlanItem]]) -> list[int]:
    dates = sorted({d for _, d, _ in found})
    return [(b - a).days for a, b in itertools.pairwise(dates)]


# --- plantar heel pain: Rathleff 2015 ---------------------------------------------------------

HEEL = {
    "goals": ["plantar-heel-pain"],
    "equipment": ["step", "towel", "weight", "ball"],
    "minutes_per_day": 20,
    "slots": ["morning", "desk", "pre-run", "post-run"],
    "pain": {"nrs": 3, "site": "heel"},
    "running": {"days": ["tue", "thu", "sat"]},
}


def test_rathleff_gives_3x12_then_4x10_loaded_then_5x8_loaded_every_second_day() -> None:
    plan = plan_for(make(**HEEL), weeks=8)
    raises = items_of(plan, RATHLEFF, RATHLEFF_LOADED)
    doses = by_week(raises)
    assert doses[1] == doses[2] == {(3, 12)}
    assert doses[3] == doses[4] == {(4, 10)}
    assert all(doses[w] == {(5, 8)} for w in range(5, 9))
    assert {i.exercise for w, _, i in raises if w <= 2} == {RATHLEFF}
    assert {i.exercise for w, _, i in raises if w >= 3} == {RATHLEFF_LOADED}
    for _, _, i in raises:
        assert i.tempo is not None
        assert (i.tempo.up_s, i.tempo.hold_s, i.tempo.down_s) == (3, 2, 3)
        assert i.protocol == "rathleff-2015"
        assert "Rathleff" in i.why
    assert all(i.added_load for w, _, i in raises if w >= 3)
    per_week = Counter(w for w, _, _ in raises)
    assert all(3 <= per_week[w] <= 4 for w in range(1, 9))
    assert min(days_apart(raises)) >= 2


def test_rathleff_goes_on_rest_days_never_before_a_run() -> None:
    plan = plan_for(make(**HEEL), weeks=4)
    for _, date, _ in items_of(plan, RATHLEFF, RATHLEFF_LOADED):
        day = next(d for d in plan.days if d.date == date)
        assert day.run is RunKind.NONE


def test_heel_pain_brings_one_sole_release_and_a_sole_stretch_a_day_not_three_rollings() -> None:
    plan = plan_for(make(**HEEL), weeks=4)
    for day in plan.days:
        releases = [i for i in day.items if i.category is Category.RELEASE]
        assert len(releases) <= 1, day.date
    stretches = [
        i
        for d in plan.days
        for i in d.items
        if Target.PLANTAR_FASCIA in CATALOGUE.get(i.exercise).targets
        and i.category is Category.STRETCH
    ]
    assert len(stretches) >= 20


def test_without_a_weight_the_raises_stay_at_body_weight_with_a_fourth_set_and_say_so() -> None:
    plan = plan_for(make(**{**HEEL, "equipment": ["step", "towel"]}), weeks=6)
    assert items_of(plan, RATHLEFF_LOADED) == []
    doses = by_week(items_of(plan, RATHLEFF))
    assert doses[1] == {(3, 12)}
    assert doses[3] == doses[6] == {(4, 12)}
    assert all("backpack" in i.why for w, _, i in items_of(plan, RATHLEFF) if w >= 3)


def test_short_minutes_keep_the_protocol_with_fewer_sets_and_name_the_minutes_it_needs() -> None:
    plan = plan_for(make(**{**HEEL, "minutes_per_day": 10}), weeks=4)
    raises = items_of(plan, RATHLEFF, RATHLEFF_LOADED)
    assert len({d for _, d, _ in raises}) >= 3 * 4  # every session still holds the raises
    assert all(i.sets < 4 for w, _, i in raises if w >= 3)
    assert all("The full dose is" in i.why for w, _, i in raises if w >= 3)
    assert any("The smallest change: about" in n and "minutes a day" in n for n in plan.notes)


def test_heel_pain_at_five_starts_on_both_feet_and_says_when_it_moves_on() -> None:
    plan = plan_for(make(**{**HEEL, "pain": {"nrs": 5, "site": "heel"}}), weeks=4)
    assert "reduced-load" in {f.code for f in plan.flags}
    raises = [i for _, _, i in items_of(plan, "calf-raise-double") if i.protocol]
    assert raises
    assert all(i.protocol == "rathleff-2015" for i in raises)
    assert {(i.sets, i.reps) for i in raises} == {(3, 12)}
    assert items_of(plan, RATHLEFF, RATHLEFF_LOADED) == []
    assert all(i.load is not Load.HEAVY for d in plan.days for i in d.items)
    assert any("3/10 or less" in n for n in plan.notes)


def test_a_weekly_long_run_leaves_two_loading_days_and_the_plan_says_why() -> None:
    heel = make(
        **{**HEEL, "running": {"days": ["tue", "thu", "sat", "sun"], "long_run_day": "sun"}}
    )
    plan = plan_for(heel, weeks=3)
    raises = items_of(plan, RATHLEFF, RATHLEFF_LOADED)
    assert all(c == 2 for c in Counter(w for w, _, _ in raises).values())
    for _, date, _ in raises:
        assert date.weekday() not in (5, 6, 0)  # never the day before, of or after the long run
    assert any("leaves two days" in n and "long run" in n for n in plan.notes)
    assert any("while the problem settles" in n for n in plan.notes)


def test_the_loading_days_note_speaks_of_a_problem_only_for_a_painful_goal() -> None:
    plan = plan_for(make(**{**MINIMALIST, "running": EVERY_OTHER_DAY_WITH_LONG}), weeks=2)
    note = next(n for n in plan.notes if "asks for a session every second day" in n)
    assert "problem" not in note
    assert "leaves two days" in note


EVERY_OTHER_DAY_WITH_LONG = {"days": ["mon", "wed", "fri", "sun"], "long_run_day": "sun"}


def test_heavy_work_after_an_easy_run_asks_for_the_run_to_stay_easy() -> None:
    # Easy runs Mon and Thu, a hard run Wed, the long run Sat: Tue and Thu hold the loading.
    running = {"days": ["mon", "wed", "thu", "sat"], "long_run_day": "sat", "hard_days": ["wed"]}
    plan = plan_for(make(**{**ACHILLES, "running": running}), weeks=2)
    easy_loading = [
        d for d in plan.days if d.run is RunKind.EASY and any(i.load is Load.HEAVY for i in d.items)
    ]
    assert easy_loading
    for day in easy_loading:
        assert any("keep the run easy" in n for n in day.notes), day.date


# --- Achilles: heavy slow resistance, insertional, pain rules -----------------------------------

ACHILLES = {
    "goals": ["achilles"],
    "equipment": ["step", "weight", "wall", "ball", "mat"],
    "minutes_per_day": 30,
    "slots": ["morning", "desk", "tv", "pre-run", "post-run"],
    "pain": {"nrs": 2, "site": "achilles"},
    "running": {"days": ["tue", "thu", "sat"]},
}


def test_achilles_heavy_slow_resistance_follows_beyers_table_three_days_a_week() -> None:
    plan = plan_for(make(**ACHILLES), weeks=12)
    for slug in ("calf-raise-step-heavy-slow", "seated-calf-raise-loaded"):
        found = items_of(plan, slug)
        doses = by_week(found)
        assert doses[1] == {(3, 15)}
        assert doses[2] == doses[3] == {(3, 12)}
        assert doses[4] == doses[5] == {(4, 10)}
        assert doses[6] == doses[8] == {(4, 8)}
        assert doses[9] == doses[12] == {(4, 6)}
        assert all(c == 3 for c in Counter(w for w, _, _ in found).values())
        assert min(days_apart(found)) >= 2
        for _, _, i in found:
            assert i.tempo is not None
            assert (i.tempo.up_s, i.tempo.down_s) == (3, 3)
    assert any("Alfredson" in n for n in plan.notes)


def test_insertional_achilles_stays_at_floor_level_with_no_calf_stretch_or_deep_ankle_bend() -> (
    None
):
    plan = plan_for(make(**{**ACHILLES, "pain": {"nrs": 2, "site": "achilles-insertion"}}), weeks=6)
    slugs = {i.exercise for d in plan.days for i in d.items}
    assert "calf-raise-floor-heavy-slow" in slugs
    assert "calf-raise-step-heavy-slow" not in slugs
    for slug in slugs:
        ex = CATALOGUE.get(slug)
        assert not (ex.category is Category.STRETCH and Target.ACHILLES_CALF in ex.targets), slug
    assert not slugs & {
        "knee-over-toe-lunge",
        "bear-squat-rock",
        RATHLEFF,
        "eccentric-heel-drop-straight",
        "dorsiflexion-hold",  # a held pull-back to end range presses the insertion
    }


def test_achilles_pain_above_five_holds_only_calf_holds_no_calf_stretch_and_speaks_of_running() -> (
    None
):
    plan = plan_for(make(**{**ACHILLES, "pain": {"nrs": 7, "site": "achilles"}}), weeks=4)
    codes = {f.code for f in plan.flags}
    assert {"see-clinician", "running"} <= codes
    running = next(f for f in plan.flags if f.code == "running")
    assert "pause running" in running.message
    holds = items_of(plan, "calf-isometric-hold")
    assert {d for _, d, _ in holds} == {d.date for d in plan.days}  # every day
    assert {(i.sets, i.hold_s) for w, _, i in holds if w == 1} == {(5, 30)}
    assert {(i.sets, i.hold_s) for w, _, i in holds if w >= 2} == {(5, 45)}
    for day in plan.days:
        for i in day.items:
            ex = CATALOGUE.get(i.exercise)
            if i.exercise != "calf-isometric-hold":
                assert i.load is Load.NONE
            assert not (ex.category is Category.STRETCH and Target.ACHILLES_CALF in ex.targets)
            assert i.exercise not in ("knee-over-toe-lunge", "bear-squat-rock")


def test_a_stop_acute_result_holds_only_unloaded_release_and_mobility_and_no_run_sessions() -> None:
    report = Report(flags=(Flag("stop-acute", "sudden onset with a snap"),))
    plan = plan_for(make(**{**ACHILLES, "goals": ["achilles", "general"]}), weeks=3, report=report)
    assert {"stop-acute", "see-clinician", "running"} <= {f.code for f in plan.flags}
    assert "stop" in next(f for f in plan.flags if f.code == "running").message.lower()
    for day in plan.days:
        for session in day.sessions:
            assert session.slot not in (Slot.PRE_RUN, Slot.POST_RUN)
            for i in session.items:
                ex = CATALOGUE.get(i.exercise)
                assert i.load is Load.NONE
                assert ex.category in (Category.WARM_UP, Category.RELEASE, Category.MOBILISE)
        if day.run is not RunKind.NONE:
            assert any("paused" in n for n in day.notes)
        assert not any("Long-run day" in n for n in day.notes)  # no run to plan around
    assert any("on hold until a clinician has seen the problem" in n for n in plan.notes)


def test_a_gentle_only_plan_never_blames_the_minutes_for_an_empty_moment() -> None:
    # Stop-acute with 15 minutes: the few gentle items take about 8 minutes a day, so an
    # empty TV moment is down to the safety rule, not to the minutes.
    report = Report(flags=(Flag("stop-acute", "sudden onset with swelling"),))
    profile = make(
        goals=["plantar-heel-pain", "ankle-mobility"],
        minutes_per_day=15,
        slots=["morning", "desk", "tv", "pre-run", "post-run"],
        pain={"nrs": 4, "site": "heel"},
    )
    plan = plan_for(profile, weeks=3, report=report)
    assert max(d.minutes for d in plan.days) <= 12
    empty = [n for n in plan.notes if "moment stays empty" in n]
    assert empty
    assert not any("minutes a day go to" in n for n in empty)


# --- falls prevention: Spink 2011 with the Otago balance progression ---------------------------

FALLS = {
    "age": 76,
    "goals": ["falls-prevention"],
    "equipment": ["chair", "band", "wall", "marbles"],
    "minutes_per_day": 40,
    "slots": ["morning", "tv"],
}


def test_falls_prevention_gives_every_spink_exercise_on_each_of_three_days_a_week() -> None:
    plan = plan_for(make(**FALLS, running={"days": []}), weeks=12)
    for week in plan.weeks:
        days = [d for d in week.days if d.sessions]
        assert len(days) == 3
        assert all(g >= 2 for g in ((b.date - a.date).days for a, b in itertools.pairwise(days)))
        for day in days:
            slugs = {i.exercise for i in day.items}
            assert set(SPINK) <= slugs, day.date
            assert slugs & {"band-inversion", "band-inversion-heavy"}
            assert slugs & {"band-eversion", "band-eversion-heavy"}
            assert "sit-to-stand" in slugs
            assert any(CATALOGUE.get(s).category is Category.BALANCE for s in slugs)


def test_falls_prevention_progresses_heel_raises_band_and_balance() -> None:
    plan = plan_for(make(**FALLS, running={"days": []}), weeks=12)
    heel = by_week(items_of(plan, "heel-raise-double-supported"))
    assert heel[1] == {(3, 10)}
    assert heel[12] == {(5, 10)}  # fifty a session
    assert items_of(plan, "band-inversion-heavy")
    assert all(w >= 9 for w, _, _ in items_of(plan, "band-inversion-heavy"))
    balance = [
        next(i.exercise for i in d.items if i.category is Category.BALANCE)
        for d in plan.days
        if d.sessions
    ]
    stages = list(dict.fromkeys(balance))
    assert stages[0] == "single-leg-balance-supported"
    assert len(stages) >= 4  # supported, heel-to-toe, walking, one leg, eyes closed
    for slug in stages:
        ex = CATALOGUE.get(slug)
        assert set(ex.equipment) & {"chair", "wall"}


def test_short_minutes_share_the_cut_so_the_heel_raises_still_reach_fifty() -> None:
    # 30 minutes hold the session only with fewer sets: the stretches give theirs first, so
    # the programme's rising dose (heel raises towards 50) is not what the minutes take.
    plan = plan_for(make(**{**FALLS, "minutes_per_day": 30}, running={"days": []}), weeks=12)
    assert any("hold only part of it" in n for n in plan.notes)
    heel = by_week(items_of(plan, "heel-raise-double-supported"))
    assert heel[12] == {(5, 10)}
    stretch = by_week(items_of(plan, "calf-wall-stretch"))
    assert all(sets < 3 for sets, _ in stretch[12])


def test_falls_texts_never_announce_what_the_plan_leaves_out() -> None:
    plan = plan_for(make(**FALLS, running={"days": []}), weeks=16)
    words = " ".join(f"{w.focus} {w.unlocks} {w.next}" for w in plan.weeks).lower()
    for absent in ("kneeling", "all-fours", "deep toe", "heavy heel raises", "weighted heel-toe"):
        assert absent not in words
    for day in plan.days:
        for i in day.items:
            assert CATALOGUE.get(i.exercise).position not in (Position.KNEELING, Position.ALL_FOURS)


# --- minimalist transition: Ridge 2019 ----------------------------------------------------------

MINIMALIST = {
    "goals": ["minimalist-transition"],
    "equipment": [],
    "minutes_per_day": 12,
    "slots": ["morning", "teeth", "pre-run", "post-run"],
    "running": {"days": ["tue", "thu", "sat"], "long_run_day": "sat"},
}


def test_minimalist_walking_rises_500_a_week_from_2500_and_rests_on_long_run_days() -> None:
    plan = plan_for(make(**MINIMALIST), weeks=6)
    steps = [{d.walking.steps for d in w.days if d.walking is not None} for w in plan.weeks]
    assert steps == [{2500}, {3000}, {3500}, {4000}, {4500}, {5000}]
    assert all(d.walking is None for d in plan.days if d.run is RunKind.LONG)


def test_minimalist_calf_raises_reach_one_leg_without_equipment_on_loading_days() -> None:
    plan = plan_for(make(**MINIMALIST), weeks=8)
    single = items_of(plan, "calf-raise-single")
    assert single
    assert min(w for w, _, _ in single) <= 5
    assert any(i.load is Load.MODERATE for _, _, i in single)
    for _, date, _ in single:
        day = next(d for d in plan.days if d.date == date)
        assert day.run is RunKind.NONE


def test_minimalist_running_starts_only_after_week_eight_on_easy_days_with_conditions() -> None:
    plan = plan_for(make(**MINIMALIST), weeks=12)
    run_in = [
        (w.number, d) for w in plan.weeks for d in w.days if any("run-in" in n for n in d.notes)
    ]
    assert run_in
    assert min(n for n, _ in run_in) == 9
    assert all(d.run is RunKind.EASY for _, d in run_in)
    notes = " ".join(plan.notes)
    assert "bone stress" in notes.lower()
    assert "20 single-leg calf raises" in notes


def test_minimalist_foot_core_work_comes_at_least_five_days_a_week() -> None:
    plan = plan_for(make(**MINIMALIST), weeks=4)
    for week in plan.weeks:
        days = [d for d in week.days if any(i.category is Category.ACTIVATE for i in d.items)]
        assert len(days) >= 5


# --- ankle mobility ------------------------------------------------------------------------------


def test_ankle_mobility_every_day_releases_first_then_lunges_and_stretches_with_the_ball() -> None:
    plan = plan_for(make(goals=["ankle-mobility"], minutes_per_day=15), weeks=3)
    for day in plan.days:
        order = [
            (s.slot, i) for s in day.sessions for i in s.items if i.protocol == "ankle-mobility"
        ]
        cats = [i.category for _, i in order]
        assert Category.RELEASE in cats or any(i.exercise == "big-toe-ball-roll" for _, i in order)
        assert "knee-over-toe-lunge" in {i.exercise for _, i in order}
        assert cats.index(Category.STRETCH) > 0
    assert any("ball" in CATALOGUE.get(i.exercise).equipment for d in plan.days for i in d.items)


# --- placement around runs and cramp ------------------------------------------------------

RUNNER = {
    "age": 30,
    "equipment": ["step", "ball", "band", "wall", "mat", "towel"],
    "minutes_per_day": 20,
    "running": {
        "days": ["mon", "tue", "thu", "fri", "sun"],
        "long_run_day": "sun",
        "hard_days": ["tue"],
    },
}


def test_before_a_run_only_a_light_two_set_primer_on_two_feet() -> None:
    plan = plan_for(make(**RUNNER), weeks=8)
    pre = [i for d in plan.days for s in d.sessions if s.slot is Slot.PRE_RUN for i in s.items]
    assert pre
    for i in pre:
        ex = CATALOGUE.get(i.exercise)
        assert i.load in (Load.NONE, Load.LIGHT)
        assert i.sets <= 2
        assert not (i.load is not Load.NONE and ex.position is Position.SINGLE_LEG)


def test_moderate_and_heavy_work_never_near_the_long_run_and_never_before_a_run() -> None:
    plan = plan_for(
        make(
            **{
                **RUNNER,
                "goals": ["general", "plantar-heel-pain"],
                "equipment": ["step", "ball", "band", "wall", "mat", "towel", "weight"],
            }
        ),
        weeks=8,
    )
    for day in plan.days:
        loads = [
            (s.slot, i)
            for s in day.sessions
            for i in s.items
            if i.load in (Load.MODERATE, Load.HEAVY)
        ]
        if not loads:
            continue
        assert day.weekday not in ("sat", "sun", "mon"), day.date
        if day.run is not RunKind.NONE:
            assert all(slot in (Slot.POST_RUN, Slot.TV) for slot, _ in loads), day.date


def test_a_cramp_prone_runner_only_rolls_and_gently_stretches_the_calf_after_long_hard_runs() -> (
    None
):
    cramp = make(
        goals=["post-run-recovery", "general"],
        cramp_prone=True,
        slots=["morning", "tv", "pre-run", "post-run"],
        running={"days": ["tue", "thu", "sat"], "long_run_day": "sat", "hard_days": ["thu"]},
    )
    plan = plan_for(cramp, weeks=6)
    moved = 0
    for day in plan.days:
        if day.run in (RunKind.LONG, RunKind.HARD):
            for s in day.sessions:
                if s.slot in (Slot.POST_RUN, Slot.TV):
                    for i in s.items:
                        ex = CATALOGUE.get(i.exercise)
                        assert ex.category in (Category.RELEASE, Category.STRETCH), i.exercise
                        if ex.category is Category.STRETCH:
                            assert ex.stretch_depth is StretchDepth.GENTLE
                            assert set(ex.targets) <= {Target.ACHILLES_CALF, Target.ANKLE}
                            assert ex.position not in (Position.KNEELING, Position.ALL_FOURS)
        moved += sum("waited for this morning" in i.why for i in day.items)
    assert moved >= 6  # the toe and sole stretches move to the next morning


# --- variety, equipment and honest words ---------------------------------------------------------


def test_a_three_minute_desk_plan_uses_the_ball_varies_its_weeks_and_no_exercise_dominates() -> (
    None
):
    plan = plan_for(
        make(
            goals=["general"],
            equipment=["ball"],
            minutes_per_day=3,
            slots=["desk"],
            running={"days": []},
        ),
        weeks=16,
    )
    items = [i.exercise for d in plan.days for i in d.items]
    assert any("ball" in CATALOGUE.get(s).equipment for s in items)
    assert Counter(items).most_common(1)[0][1] <= len(items) / 3
    weeks = [tuple(i.exercise for d in w.days for i in d.items) for w in plan.weeks[5:]]
    assert len(set(weeks)) == len(weeks)


def test_item_reasons_speak_in_words_without_rule_ids() -> None:
    from footcore.domain.planning import RULES

    plan = plan_for(
        make(goals=["general", "plantar-heel-pain"], equipment=["step", "towel", "ball"]), weeks=4
    )
    for day in plan.days:
        for i in day.items:
            assert i.why
            assert i.rules
            assert "Rules:" not in i.why
            assert not any(f" {r}," in i.why or f" {r}." in i.why for r in RULES if "-" in r)


def test_weekly_texts_name_only_exercises_the_plan_holds() -> None:
    plan = plan_for(make(goals=["general"]), weeks=6)
    held = {i.name for d in plan.days for i in d.items}
    others = {ex.name for ex in CATALOGUE} - held
    for week in plan.weeks:
        announced = f"{week.unlocks.split('Left out for you')[0]} {week.next}"
        assert not [n for n in others if n in announced and not any(n in h for h in held)]


@pytest.mark.parametrize(
    "goal",
    [
        "general",
        "plantar-heel-pain",
        "achilles",
        "ankle-mobility",
        "minimalist-transition",
        "falls-prevention",
        "post-run-recovery",
    ],
)
def test_every_goal_names_its_protocol_with_sources_in_the_plan_notes(goal: str) -> None:
    plan = plan_for(
        make(
            goals=[goal],
            equipment=["step", "towel", "ball", "band", "wall", "chair", "marbles", "weight"],
        ),
        weeks=2,
    )
    protocol = (
        CATALOGUE.planning.for_goal(plan.profile.goals[0], None) if CATALOGUE.planning else None
    )
    assert protocol is not None
    assert any(n.startswith(protocol.name) for n in plan.notes)
    assert all(s in CATALOGUE.sources for s in protocol.sources)


# --- levels: one source of truth -------------------------------------------------------------


def test_levels_hold_at_the_unlocked_level_until_the_known_week_then_project_and_say_why() -> None:
    from footcore.domain.planning import Adjustments, level_for_week

    held = Adjustments(unlocked_level=1, level_week=2)
    plan = plan_for(make(), weeks=8, adjustments=held)
    assert [w.level for w in plan.weeks] == [1, 1, 2, 3, 4, 5, 6, 6]
    assert [level_for_week(n, held) for n in range(1, 9)] == [w.level for w in plan.weeks]
    assert "Level 2 waits" in (plan.weeks[1].next or "")
    assert "most of a week's sessions" in (plan.weeks[1].next or "")
    assert "Level 3 opens next week if most of this week's sessions are done" in (
        plan.weeks[2].next or ""
    )
    calendar = plan_for(make(), weeks=8)
    assert [w.level for w in calendar.weeks] == [1, 2, 3, 4, 5, 6, 6, 6]


def test_a_reason_that_promises_a_gentle_stretch_never_comes_with_a_deep_one() -> None:
    plan = plan_for(make(**{**ACHILLES, "equipment": ["step", "weight", "wall", "mat"]}), weeks=8)
    gentle = [i for d in plan.days for i in d.items if "gentle calf stretch" in i.why]
    assert gentle
    assert all(CATALOGUE.get(i.exercise).stretch_depth is not StretchDepth.DEEP for i in gentle)


def test_a_dose_stops_growing_where_it_would_outgrow_a_two_minute_day() -> None:
    # A 10-year-old with a fall-risk result, two minutes while brushing teeth: weeks 3-16
    # were empty once the one exercise's reps grew past the two minutes.
    report = Report(flags=(Flag("fall-risk", "balance below the norm"),))
    profile = make(age=10, equipment=[], minutes_per_day=2, slots=["teeth"], running={"days": []})
    plan = plan_for(profile, weeks=16, report=report)
    assert all(sum(1 for d in w.days if d.sessions) >= 5 for w in plan.weeks)
    assert all(s.minutes <= 2 for d in plan.days for s in d.sessions)


def test_a_plan_where_nothing_fits_says_so_and_names_the_change() -> None:
    # Achilles pain 6 with a fall-risk result leaves no work that suits standing at the sink.
    report = Report(flags=(Flag("fall-risk", "balance below the norm"),))
    profile = make(
        age=10,
        goals=["achilles"],
        equipment=[],
        minutes_per_day=2,
        slots=["teeth"],
        pain={"nrs": 6},
        running={"days": []},
    )
    plan = plan_for(profile, weeks=4, report=report)
    assert not any(d.sessions for d in plan.days)
    flag = next(f for f in plan.flags if f.code == "nothing-fits")
    assert "add a seated moment ('at the desk')" in flag.message


# -- pain above 5/10 with a protocol that has no gentle form of its own ----------------------

HEEL_HIGH = {
    "goals": ["plantar-heel-pain", "ankle-mobility"],
    "equipment": ["towel", "step", "roller", "band", "wall"],
    "pain": {"nrs": 7, "site": "heel"},
}


def test_heel_pain_above_five_holds_the_heel_raises_and_says_so_in_the_protocol_note() -> None:
    plan = plan_for(make(**HEEL_HIGH), weeks=4)
    assert items_of(plan, RATHLEFF, RATHLEFF_LOADED, "calf-raise-double") == []
    note = next(n for n in plan.notes if n.startswith("Heel-pain heel raises (Rathleff 2015)"))
    assert "in full once a clinician has seen the problem and pain is 5/10 or less" in note
    assert "none of it meanwhile" in note


def test_heel_pain_above_five_keeps_body_weight_off_the_painful_sole_at_end_range() -> None:
    """Bear-squat rocks and kneeling toe stretches put body weight through the sole with the
    toes bent back; seated sole stretches and releases go on."""
    plan = plan_for(make(**HEEL_HIGH), weeks=8)
    assert items_of(plan, "bear-squat-rock", "kneeling-toe-stretch-gentle") == []
    assert items_of(plan, "seated-plantar-stretch")
    assert items_of(plan, "roller-sole", "foot-self-massage", "ball-roll-sole")


def test_a_routine_of_gentle_items_goes_on_while_pain_is_above_five() -> None:
    """The ankle-mobility routine (release, knee-over-toe rocks, calf stretch) has no load
    and stretches no painful heel tissue: it keeps its items, at the first stage, every day;
    the plan does not call it waiting."""
    plan = plan_for(make(**HEEL_HIGH), weeks=3)
    routine = [i for d in plan.days for i in d.items if i.protocol == "ankle-mobility"]
    assert {i.exercise for i in routine} >= {"knee-over-toe-lunge", "calf-wall-stretch"}
    assert {d.date for d in plan.days if any(i.protocol == "ankle-mobility" for i in d.items)} == {
        d.date for d in plan.days
    }
    note = next(n for n in plan.notes if n.startswith("Ankle mobility routine"))
    assert "in full once" not in note


def test_the_week_text_lists_a_protocols_rotating_items_in_turn_on_its_real_days() -> None:
    plan = plan_for(make(goals=["ankle-mobility"], pain={"nrs": 2}), weeks=1)
    focus = plan.weeks[0].focus
    assert "Ankle mobility routine, every day:" in focus
    # The sole release's stand-ins are one choice, not three items of their own.
    assert "Ball roll under the sole, Cross-fibre ball roll or Big-toe joint ball roll in turn" in (
        " ".join(focus.split())
    )


def test_someone_who_does_not_run_gets_no_word_about_running() -> None:
    profile = make(goals=["falls-prevention"], running={"days": []}, pain={"nrs": 6})
    plan = plan_for(profile, weeks=2)
    codes = {f.code for f in plan.flags}
    assert "see-clinician" in codes
    assert "running" not in codes


# -- protocol first, and days that can hold it -----------------------------------------------

DAILY_RUNNER = {
    "age": 15,
    "goals": ["general", "post-run-recovery"],
    "equipment": [],
    "minutes_per_day": 10,
    "slots": ["pre-run", "post-run", "tv"],
    "cramp_prone": True,
    "running": {
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "long_run_day": "sat",
        "hard_days": ["tue", "thu"],
    },
}


def protocol_days(plan: Plan, protocol: str) -> dict[int, set[dt.date]]:
    out: dict[int, set[dt.date]] = {}
    for week in plan.weeks:
        for day in week.days:
            if any(i.protocol == protocol for i in day.items):
                out.setdefault(week.number, set()).add(day.date)
    return out


def test_the_foot_core_protocol_goes_before_the_run_routines_on_its_days() -> None:
    """Ten minutes a day, a run every day: the primer and the post-run routine used to take
    every minute, so Taddei's foot-core sessions never appeared in 16 weeks. The protocol is
    placed first; the routines fill what is left."""
    plan = plan_for(make(**DAILY_RUNNER), weeks=10)
    days = protocol_days(plan, "taddei-2020")
    assert {w: len(d) for w, d in days.items()} == {**dict.fromkeys(range(1, 9), 4), 9: 3, 10: 3}


def test_a_cramp_prone_runner_gets_foot_core_sessions_on_easy_days_only() -> None:
    """With only the primer before the run, a long or hard run day can hold nothing but
    rolling and a gentle calf stretch afterwards: the sessions go on the easy days."""
    plan = plan_for(make(**DAILY_RUNNER), weeks=4)
    kinds = {d.date: d.run for d in plan.days}
    found = protocol_days(plan, "taddei-2020")
    assert len(found) == 4
    for dates in found.values():
        assert {kinds[d] for d in dates} == {RunKind.EASY}


def test_heel_care_goes_before_the_general_foot_core_and_a_protocol_never_fitting_says_so() -> None:
    """Ana's 12 minutes: the heel raises on their days and the daily sole release and
    stretch come first; the general foot-core programme does not fit beside them, and the
    plan says so instead of claiming fewer sets."""
    profile = make(
        goals=["general", "plantar-heel-pain"],
        equipment=["towel", "ball", "step", "band"],
        minutes_per_day=12,
        slots=["morning", "desk", "teeth", "pre-run", "post-run"],
        cramp_prone=True,
        pain={"nrs": 3, "site": "heel"},
        running={"days": ["tue", "thu", "sat", "sun"], "long_run_day": "sun"},
    )
    plan = plan_for(profile, weeks=4)
    for day in plan.days:
        if not any(i.protocol == "rathleff-2015" for i in day.items):  # 11 of its 12 minutes
            assert any("A daily release of the sole" in i.why for i in day.items), day.date
    assert protocol_days(plan, "taddei-2020") == {}
    assert any(
        n.startswith("Foot-core programme (Taddei 2020): not even one set of each item fits")
        and "your 12 minutes a day" in n
        for n in plan.notes
    )
    taddei = [n for n in plan.notes if n.startswith("Foot-core programme (Taddei 2020)")]
    assert not any("every item keeps fewer sets" in n for n in taddei)


def test_a_protocol_the_plan_cannot_hold_is_not_said_to_go_ahead() -> None:
    """Three minutes at the desk: Taddei's calf raises and balance suit no moment, and one set
    of the rest does not fit; the notes say both, and never that the rest goes ahead."""
    plan = plan_for(
        make(goals=["general"], equipment=["ball"], minutes_per_day=3, slots=["desk"]), weeks=2
    )
    taddei = [n for n in plan.notes if n.startswith("Foot-core programme (Taddei 2020): ")]
    assert any("cannot be planned for you" in n and "none of your moments" in n for n in taddei)
    assert any("not even one set of each item fits your 3 minutes a day" in n for n in taddei)
    assert not any("goes ahead" in n for n in taddei)


def test_a_runner_in_falls_prevention_gets_every_spink_exercise_away_from_the_long_run() -> None:
    # A 72-year-old who runs once a week: a long-run day cannot hold the programme's
    # toe-curling items (stone pick-ups, big-toe press), so its three days go elsewhere and
    # every session keeps all of it; the stronger band goes on the days that may take load.
    profile = make(
        **{**FALLS, "goals": ["falls-prevention", "general"], "age": 72},
        running={"days": ["sat"], "long_run_day": "sat"},
    )
    plan = plan_for(profile, weeks=12)
    for week in plan.weeks:
        days = [d for d in week.days if d.sessions]
        assert len(days) == 3
        for day in days:
            assert day.run is not RunKind.LONG, day.date
            assert set(SPINK) <= {i.exercise for i in day.items}, day.date
    strong = {
        d.weekday for d in plan.weeks[9].days for i in d.items if i.exercise.endswith("-heavy")
    }
    assert len(strong) >= 2
    assert any("served by the falls-prevention programme" in n for n in plan.notes)


def test_a_week_text_names_each_form_of_a_protocol_item_with_its_days() -> None:
    profile = make(**{**FALLS, "age": 72}, running={"days": ["sat"], "long_run_day": "sat"})
    week = plan_for(profile, weeks=10).weeks[9]
    assert "in turn" not in week.focus
    assert "Band turn-in, strong band 3 x 10, each foot on Mon and Wed" in week.focus


def test_heel_raises_count_as_the_minimalist_calf_raises_on_their_days() -> None:
    # Heel pain and a minimalist transition both ask for calf raises every second day: the
    # day holds Rathleff's heel raises at their dose, not a second set of raises besides.
    profile = make(
        goals=["minimalist-transition", "plantar-heel-pain"],
        equipment=["step", "towel"],
        minutes_per_day=15,
        pain={"nrs": 2, "site": "heel"},
        running={"days": ["mon", "wed", "sat"], "long_run_day": "sat"},
    )
    plan = plan_for(profile, weeks=16)
    rathleff = {d for _, d, _ in items_of(plan, RATHLEFF, RATHLEFF_LOADED)}
    assert len(rathleff) >= 24
    for day in plan.days:
        protocols = {i.protocol for i in day.items if i.protocol}
        if day.date in rathleff:
            assert "ridge-2019" not in protocols, day.date
    assert any("count as its calf raises too" in n for n in plan.notes)


def test_check_plan_catches_two_protocols_calf_raises_on_one_day() -> None:
    profile = make(
        goals=["minimalist-transition", "plantar-heel-pain"],
        pain={"nrs": 2, "site": "heel"},
        running={"days": ["mon", "wed", "sat"], "long_run_day": "sat"},
    )
    plan = plan_for(profile, weeks=2)
    day = next(d for d in plan.days if any(i.exercise == RATHLEFF for i in d.items))
    heel = next(i for i in day.items if i.exercise == RATHLEFF)
    extra = dataclasses.replace(heel, exercise="calf-raise-double", protocol="ridge-2019")
    session = next(s for s in day.sessions if heel in s.items)
    doubled = dataclasses.replace(session, items=(*session.items, extra))
    bad_day = dataclasses.replace(
        day, sessions=tuple(doubled if s is session else s for s in day.sessions)
    )
    week = plan.weeks[0] if bad_day.date in {d.date for d in plan.weeks[0].days} else plan.weeks[1]
    bad_week = dataclasses.replace(
        week, days=tuple(bad_day if d.date == day.date else d for d in week.days)
    )
    bad_plan = dataclasses.replace(
        plan, weeks=tuple(bad_week if w is week else w for w in plan.weeks)
    )
    found = [v.rule for v in check_plan(bad_plan, profile, CATALOGUE)]
    assert "calf-once" in found


def test_a_stand_in_keeps_its_own_kind_of_dose() -> None:
    # The ankle routine's calf stretch (3 x 20 s held) may give way to bear squat rocks,
    # which are ten slow rocks: they are never prescribed as rocks held for 20 s.
    profile = make(goals=["ankle-mobility"], minutes_per_day=15)
    rocks = items_of(plan_for(profile, weeks=4), "bear-squat-rock")
    assert rocks
    for _, date, item in rocks:
        assert item.hold_s is None, date
        assert item.reps, date


def test_the_frequency_note_counts_only_days_that_can_hold_the_session() -> None:
    # A cramp-prone runner with two hard days: after a hard run only rolling and a gentle
    # calf stretch are safe, so those days hold no heel raises; Wednesday's only moment
    # after the run (TV) does not suit heel raises on a step. The note must say
    # which of the two days cannot hold it, and why.
    profile = make(
        goals=["plantar-heel-pain"],
        equipment=["ball", "towel", "step", "weight"],
        minutes_per_day=20,
        slots=["morning", "desk", "post-run", "tv"],
        cramp_prone=True,
        pain={"nrs": 3, "site": "heel"},
        running={
            "days": ["tue", "wed", "thu", "sat", "sun"],
            "long_run_day": "sun",
            "hard_days": ["tue", "thu"],
        },
    )
    plan = plan_for(profile, weeks=6)
    days = {dt.date.weekday(d) for _, d, _ in items_of(plan, RATHLEFF, RATHLEFF_LOADED)}
    assert days == {4}  # Friday only
    note = next(n for n in plan.notes if "asks for a session every second day" in n)
    assert "which leaves two days (Wed and Fri)" in note
    assert "On Wed none of your moments suits it (a cramp-prone runner's post-run" in note


def test_a_loading_day_without_a_suitable_moment_names_the_moment_that_would_hold_it() -> None:
    # Only the desk and after runs, cramp-prone, no long run: the one loading day (Thu, a
    # rest day) has only the desk, where standing calf raises do not go; the note names a
    # moment that would hold them and never mentions a long run the profile does not have.
    profile = make(
        goals=["minimalist-transition"],
        equipment=[],
        minutes_per_day=50,
        slots=["desk", "post-run"],
        cramp_prone=True,
        running={"days": ["mon", "tue", "wed", "fri", "sat", "sun"]},
    )
    plan = plan_for(profile, weeks=6)
    note = next(n for n in plan.notes if "asks for a session every second day" in n)
    assert "On Thu none of your moments suits it: a 'morning'" in note
    assert "long run" not in note


def test_one_short_moment_says_how_much_it_holds_and_a_non_runner_hears_no_run_talk() -> None:
    # Heel pain, 27 minutes, only the desk, no running: a desk session is kept short, so
    # the plan says how little of the 27 minutes it holds and which moments would use more;
    # nothing about running, a running week or turning a run into a rest day.
    profile = make(
        goals=["plantar-heel-pain"],
        equipment=["step", "band", "weight", "wall", "chair"],
        minutes_per_day=27,
        slots=["desk"],
        running={"days": []},
    )
    plan = plan_for(profile, weeks=4)
    assert max(d.minutes for d in plan.days) <= 8
    held = next(n for n in plan.notes if "minutes a day you set aside" in n)
    assert "of the 27 minutes" in held
    assert "'morning'" in held
    words = " ".join(plan.notes).lower()
    assert "running" not in words
    assert "rest day" not in words


def test_a_gentle_only_plan_s_minutes_note_speaks_of_the_gentle_items_not_the_full_dose() -> None:
    # Achilles 6/10 beside general foot strength, 12 minutes: the daily calf holds come
    # first, the foot-core programme is down to its gentle items, and those do not fit.
    profile = make(
        goals=["achilles", "general"],
        minutes_per_day=12,
        slots=["morning", "tv", "pre-run", "post-run"],
        pain={"nrs": 6, "site": "achilles"},
        running={"days": ["tue", "thu", "sat"], "long_run_day": "sat"},
    )
    plan = plan_for(profile, weeks=2)
    note = next(n for n in plan.notes if n.startswith("Foot-core programme") and "fits" in n)
    assert "while only gentle work is safe" in note
    assert "full dose" not in note
