"""Example tests pinning the content each goal brings, and how self-tests and adaptation
shape a plan."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, replace
from typing import Any

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.assessments import score_battery
from footcore.domain.errors import ValidationError
from footcore.domain.exercise import Catalogue, Dose, Exercise
from footcore.domain.planning import (
    GENERATOR_VERSION,
    Adjustments,
    Plan,
    PlanItem,
    check_plan,
    day_of,
    generate_plan,
    min_level,
    strength_days,
)
from footcore.domain.profile import Profile, parse_profile
from footcore.domain.vocab import (
    Category,
    Load,
    Position,
    RunKind,
    Slot,
    StretchDepth,
    Weekday,
)

CATALOGUE = builtin_catalogue()
MONDAY = dt.date(2027, 1, 4)
ALL_SLOTS = ["morning", "desk", "teeth", "tv", "pre-run", "post-run"]


def make(**over: Any) -> Profile:
    data: dict[str, Any] = {
        "name": "Test",
        "age": 40,
        "goals": ["general"],
        "equipment": ["ball", "step", "towel", "band", "wall", "mat"],
        "minutes_per_day": 25,
        "slots": ALL_SLOTS,
        "running": {"days": ["tue", "thu", "sun"], "long_run_day": "sun"},
    }
    data.update(over)
    return parse_profile(data)


def plan_for(profile: Profile, weeks: int = 8, **kw: Any) -> Plan:
    plan = generate_plan(profile, CATALOGUE, MONDAY, weeks, **kw)
    assert check_plan(plan, profile, CATALOGUE) == []
    return plan


def items_of(plan: Plan, slug: str) -> list[tuple[int, dt.date, PlanItem]]:
    return [
        (week.number, day.date, i)
        for week in plan.weeks
        for day in week.days
        for i in day.items
        if i.exercise == slug
    ]


# --- plantar heel pain: Rathleff ---------------------------------------------------------


def test_rathleff_heel_raises_follow_the_protocol_dose_every_second_day() -> None:
    heel = make(goals=["plantar-heel-pain"], equipment=["step", "towel", "weight", "ball"])
    plan = plan_for(heel, weeks=8, adjustments=None)
    first = items_of(plan, "heel-raise-step-towel")
    loaded = items_of(plan, "heel-raise-step-towel-loaded")
    assert {w for w, _, _ in first} == {1, 2}
    assert {(i.sets, i.reps) for _, _, i in first} == {(3, 12)}
    assert {(w, i.sets, i.reps) for w, _, i in loaded if w <= 4} == {(3, 4, 10), (4, 4, 10)}
    assert {(i.sets, i.reps) for w, _, i in loaded if w >= 5} == {(5, 8)}
    for _, _, i in first + loaded:
        assert i.tempo is not None
        assert (i.tempo.up_s, i.tempo.hold_s, i.tempo.down_s) == (3, 2, 3)
        assert "Rathleff" in i.why
        assert "plantar-heel-pain" in i.goals
    dates = sorted(d for _, d, _ in first + loaded)
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(dates))
    per_week = [sum(1 for w, _, _ in first + loaded if w == n) for n in range(1, 9)]
    assert per_week == [3] * 8


def test_heel_pain_brings_a_daily_release_and_plantar_stretches() -> None:
    plan = plan_for(make(goals=["plantar-heel-pain"]), weeks=4)
    for day in plan.days:
        releases = [i for i in day.items if i.category is Category.RELEASE]
        assert any("heel pain" in i.why for i in releases), day.date
    stretches = [i for d in plan.days for i in d.items if "Plantar stretch" in i.why]
    assert len(stretches) >= 20


def test_without_a_weight_the_rathleff_raises_stay_at_body_weight_and_say_why() -> None:
    plan = plan_for(make(goals=["plantar-heel-pain"], equipment=["step", "towel"]), weeks=6)
    assert items_of(plan, "heel-raise-step-towel-loaded") == []
    raises = items_of(plan, "heel-raise-step-towel")
    assert {w for w, _, _ in raises} == set(range(1, 7))
    assert all("body weight" in i.why for _, _, i in raises)
    assert any("backpack" in n for n in plan.notes)


def test_heel_pain_at_four_or_five_starts_double_leg_and_avoids_heavy_steps() -> None:
    sore = make(goals=["plantar-heel-pain"], pain={"nrs": 5, "site": "heel"})
    plan = plan_for(sore, weeks=6)
    assert "reduced-load" in {f.code for f in plan.flags}
    calf = [i for d in plan.weeks[0].days for i in d.items if "Calf-raise chain" in i.why]
    assert calf
    assert {i.exercise for i in calf} == {"calf-raise-double"}
    assert all(i.load is not Load.HEAVY for d in plan.days for i in d.items)
    assert calf[0].sets == CATALOGUE.get("calf-raise-double").dose.sets - 1


def test_short_daily_minutes_cut_protocol_sets_and_the_plan_says_so() -> None:
    plan = plan_for(make(goals=["plantar-heel-pain"], minutes_per_day=12), weeks=2)
    raises = items_of(plan, "heel-raise-step-towel")
    assert {i.sets for _, _, i in raises} == {2}
    assert all("full dose is 3 sets" in i.why for _, _, i in raises)
    assert any("would fit the full dose" in n for n in plan.notes)


# --- Achilles: Alfredson ---------------------------------------------------------------


def test_alfredson_drops_build_to_three_by_fifteen_every_second_day() -> None:
    achilles = make(goals=["achilles"], equipment=["step", "weight"], pain={"nrs": 1})
    plan = plan_for(achilles, weeks=6)
    for slug in ("eccentric-heel-drop-straight", "eccentric-heel-drop-bent"):
        found = items_of(plan, slug)
        reps = {w: i.reps for w, _, i in found}
        assert (reps[1], reps[2], reps[3]) == (10, 12, 15)
        assert {i.sets for _, _, i in found} == {3}
        assert all("every second day" in i.why for _, _, i in found)
        assert all(i.added_load for w, _, i in found if w >= 5)
        assert not any(i.added_load for w, _, i in found if w < 5)
        dates = sorted(d for _, d, _ in found)
        assert all((b - a).days >= 2 for a, b in itertools.pairwise(dates))
    assert any("twice a day" in n for n in plan.notes)


def test_heavy_work_never_lands_on_or_before_the_long_run_or_two_days_running() -> None:
    runner = make(
        goals=["achilles", "plantar-heel-pain"],
        equipment=["step", "towel", "weight"],
        running={"days": ["mon", "tue", "thu", "fri", "sat"], "long_run_day": "sat"},
    )
    assert not strength_days(runner) & {Weekday.FRI, Weekday.SAT}
    plan = plan_for(runner, weeks=4)
    heavy = sorted(
        d.date for d in plan.days if any(i.load in (Load.MODERATE, Load.HEAVY) for i in d.items)
    )
    assert heavy
    for date in heavy:
        assert Weekday.from_index(date.weekday()) not in (Weekday.SAT, Weekday.FRI)
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(heavy))


# --- ankle mobility ------------------------------------------------------------------------


def test_ankle_mobility_brings_knee_over_toe_rotations_and_release_before_stretch() -> None:
    plan = plan_for(make(goals=["ankle-mobility"]), weeks=4)
    assert len(items_of(plan, "knee-over-toe-lunge")) >= 10
    rotations = items_of(plan, "ankle-circles") + items_of(plan, "ankle-rotations-assisted")
    assert len(rotations) >= 10
    for day in plan.days:
        for s in day.sessions:
            cats = [i.category for i in s.items]
            if Category.STRETCH in cats and s.slot is not Slot.POST_RUN:
                first = cats.index(Category.STRETCH)
                assert {Category.RELEASE, Category.WARM_UP} & set(cats[:first]), day.date


def test_a_low_knee_to_wall_result_weights_up_ankle_work() -> None:
    sam = make(goals=["general"], minutes_per_day=10, running={"days": []})
    report = score_battery(
        {"age": 40, "sex": "female", "results": {"knee_to_wall_cm": {"left": 6, "right": 6.5}}}
    )
    assert "ankle-mobility" in {f.area for f in report.focus}
    plain = plan_for(sam, weeks=4)
    focused = plan_for(sam, weeks=4, report=report)

    def ankle(plan: Plan) -> int:
        return sum(1 for d in plan.days for i in d.items if "ankle" in i.exercise)

    assert ankle(focused) > ankle(plain)
    assert any("self-test" in i.why for d in focused.days for i in d.items)
    assert {f.area for f in focused.focus_areas} >= {"ankle-mobility"}


# --- minimalist transition -----------------------------------------------------------------


def test_barefoot_walking_starts_at_2500_steps_and_rises_500_a_week() -> None:
    plan = plan_for(make(goals=["minimalist-transition"]), weeks=6)
    steps = [{d.walking.steps for d in w.days if d.walking is not None} for w in plan.weeks]
    assert steps == [{2500}, {3000}, {3500}, {4000}, {4500}, {5000}]
    for day in plan.days:
        if day.run is RunKind.LONG:
            assert day.walking is None
    assert any("before week 8" in n for n in plan.notes)
    assert all(d.walking is None or "minimalist" in d.walking.why for d in plan.days)


def test_minimalist_transition_brings_daily_foot_core_work() -> None:
    plan = plan_for(make(goals=["minimalist-transition"], minutes_per_day=10), weeks=4)
    for day in plan.days:
        assert any("short-foot" in i.exercise or "toe" in i.exercise for i in day.items)


# --- falls prevention ----------------------------------------------------------------------


def test_falls_prevention_is_three_supported_sessions_a_week_without_impact() -> None:
    older = make(
        age=76,
        goals=["falls-prevention"],
        equipment=["chair", "band", "wall", "marbles"],
        slots=["morning", "tv"],
        running={"days": []},
    )
    plan = plan_for(older, weeks=6)
    for week in plan.weeks:
        days = [d for d in week.days if d.sessions]
        assert len(days) == 3
        gaps = [(b.date - a.date).days for a, b in itertools.pairwise(days)]
        assert all(g >= 2 for g in gaps)
    slugs = {i.exercise for d in plan.days for i in d.items}
    assert {"ankle-circles", "heel-raise-double-supported", "band-inversion"} <= slugs
    for day in plan.days:
        assert day.walking is None
        for i in day.items:
            ex = CATALOGUE.get(i.exercise)
            assert ex.position not in (
                Position.SINGLE_LEG,
                Position.WALKING,
                Position.KNEELING,
                Position.ALL_FOURS,
            )
            if i.category is Category.BALANCE:
                assert ex.position is Position.SUPPORTED_STANDING


def test_a_fall_risk_result_keeps_balance_supported_for_anyone() -> None:
    @dataclass(frozen=True)
    class Flag:
        code: str
        message: str

    @dataclass(frozen=True)
    class Report:
        focus: tuple[()] = ()
        flags: tuple[Flag, ...] = (Flag("fall-risk", "balance under 5 s"),)

    plan = plan_for(make(), weeks=8, report=Report())
    assert "fall-risk" in {f.code for f in plan.flags}
    for day in plan.days:
        for i in day.items:
            assert CATALOGUE.get(i.exercise).position is not Position.SINGLE_LEG


# --- pain and acute flags ------------------------------------------------------------------


def test_an_acute_stop_flag_removes_all_loading_and_says_stop() -> None:
    @dataclass(frozen=True)
    class Flag:
        code: str
        message: str

    @dataclass(frozen=True)
    class Report:
        focus: tuple[()] = ()
        flags: tuple[Flag, ...] = (Flag("stop-acute", "sudden swelling"),)

    plan = plan_for(make(goals=["plantar-heel-pain", "general"]), weeks=3, report=Report())
    assert {"stop-acute", "see-clinician"} <= {f.code for f in plan.flags}
    assert all(i.load is Load.NONE for d in plan.days for i in d.items)


def test_logged_pain_overrides_the_profile_pain() -> None:
    calm = make(pain={"nrs": 1})
    plan = plan_for(calm, weeks=2, adjustments=Adjustments(pain_nrs=8))
    assert "see-clinician" in {f.code for f in plan.flags}
    assert all(i.load is Load.NONE for d in plan.days for i in d.items)


# --- post-run recovery and general ---------------------------------------------------------


def test_post_run_recovery_starts_every_post_run_session_with_a_release() -> None:
    plan = plan_for(make(goals=["post-run-recovery"]), weeks=3)
    post = [s for d in plan.days for s in d.sessions if s.slot is Slot.POST_RUN]
    assert len(post) == 9
    assert all(s.items[0].category is Category.RELEASE for s in post)


def test_general_plans_balance_the_kinds_of_work_and_rotate_through_the_week() -> None:
    plan = plan_for(make(minutes_per_day=20), weeks=4)
    week4 = plan.weeks[3]
    cats = {i.category for d in week4.days for i in d.items}
    assert {
        Category.RELEASE,
        Category.ACTIVATE,
        Category.MOBILISE,
        Category.STRETCH,
        Category.STRENGTHEN,
        Category.BALANCE,
    } <= cats
    distinct = {i.exercise for d in week4.days for i in d.items}
    assert len(distinct) >= 12
    for day in plan.days:
        for s in day.sessions:
            assert 1 <= len(s.items) <= 4


def test_pre_run_sessions_hold_a_warm_up_and_calf_raises_once_unlocked() -> None:
    plan = plan_for(make(), weeks=4)
    for day in plan.weeks[3].days:
        if day.run is RunKind.NONE:
            assert all(s.slot not in (Slot.PRE_RUN, Slot.POST_RUN) for s in day.sessions)
            continue
        pre = next(s for s in day.sessions if s.slot is Slot.PRE_RUN)
        assert pre.items[0].category is Category.WARM_UP
        assert any("calf-raise" in i.exercise for i in pre.items)


# --- levels, adaptation, the plan object ----------------------------------------------------


def test_weeks_one_to_six_unlock_a_level_each_and_later_weeks_consolidate() -> None:
    plan = plan_for(make(), weeks=16)
    assert [w.level for w in plan.weeks] == [1, 2, 3, 4, 5, 6, *[6] * 10]
    assert all(w.focus for w in plan.weeks)
    assert plan.weeks[0].next is not None
    assert "level 2" in plan.weeks[0].next
    assert plan.weeks[7].unlocks.startswith("Nothing new")
    assert "Consolidate" in plan.weeks[9].focus
    first = {i.exercise for d in plan.weeks[0].days for i in d.items}
    assert all(min_level(CATALOGUE.get(s)) == 1 for s in first)
    assert all(CATALOGUE.get(s).position is not Position.SINGLE_LEG for s in first)


def test_a_chain_offset_moves_a_chain_one_step_either_way() -> None:
    base = plan_for(make(), weeks=3)
    up = plan_for(make(), weeks=3, adjustments=Adjustments(chain_offsets={"big-toe-lift": 1}))

    def toe_steps(plan: Plan) -> set[int]:
        return {
            i.step or 0 for d in plan.weeks[0].days for i in d.items if i.chain == "big-toe-lift"
        }

    assert max(toe_steps(up)) == max(toe_steps(base)) + 1


def test_items_say_why_with_rule_and_goal_names() -> None:
    plan = plan_for(make(goals=["general", "plantar-heel-pain"]), weeks=6)
    for day in plan.days:
        for i in day.items:
            assert i.why
            assert i.rules
            assert "Rules:" in i.why
            assert all(r in i.why for r in i.rules)
            for g in i.goals:
                assert g.replace("-", " ") in i.why


def test_day_of_finds_the_day_and_nothing_outside_the_plan() -> None:
    plan = plan_for(make(), weeks=2)
    day = day_of(plan, MONDAY + dt.timedelta(days=9))
    assert day is not None
    assert day.date == MONDAY + dt.timedelta(days=9)
    assert day_of(plan, MONDAY - dt.timedelta(days=1)) is None
    assert day_of(plan, MONDAY + dt.timedelta(days=14)) is None
    assert plan.generator_version == GENERATOR_VERSION


def test_a_plan_can_start_on_any_weekday_and_keeps_the_run_days() -> None:
    plan = plan_for(make(), weeks=2)
    wed = generate_plan(make(), CATALOGUE, MONDAY + dt.timedelta(days=2), 2)
    assert wed.weeks[0].days[0].weekday is Weekday.WED
    assert {d.weekday: d.run for d in wed.days} == {d.weekday: d.run for d in plan.days}


@pytest.mark.parametrize("weeks", [0, -1, 105])
def test_a_plan_length_outside_1_to_104_weeks_is_refused(weeks: int) -> None:
    with pytest.raises(ValidationError) as info:
        generate_plan(make(), CATALOGUE, MONDAY, weeks)
    assert info.value.problems[0].where == "weeks"


def test_bad_adjustments_are_refused() -> None:
    with pytest.raises(ValidationError):
        generate_plan(make(), CATALOGUE, MONDAY, 2, adjustments=Adjustments(unlocked_level=9))


def test_each_run_routine_names_the_days_run() -> None:
    runner = make(
        running={"days": ["tue", "thu", "sun"], "long_run_day": "sun", "hard_days": ["thu"]}
    )
    plan = plan_for(runner, weeks=3)
    for day in plan.days:
        for s in day.sessions:
            if s.slot is Slot.PRE_RUN and s.items[0].category is Category.WARM_UP:
                assert f"before your {day.run} run" in s.items[0].why


def test_a_malformed_plan_snapshot_is_refused_with_where_it_broke() -> None:
    from footcore.domain.planning import plan_from_dict, plan_to_dict

    good = plan_to_dict(plan_for(make(), weeks=1))
    with pytest.raises(ValidationError) as info:
        plan_from_dict({**good, "schema": "footcore.plan/0"})
    assert info.value.problems[0].where == "schema"
    broken = json.loads(json.dumps(good))
    del broken["weeks"][0]["days"][3]["run"]
    with pytest.raises(ValidationError) as info:
        plan_from_dict(broken)
    assert info.value.problems[0].where == "weeks[0]"
    assert "run" in info.value.problems[0].message


def _ex(slug: str, category: Category, **over: Any) -> Exercise:
    base = Exercise(
        slug=slug,
        name=slug.replace("-", " "),
        category=category,
        description="",
        position=Position.SEATED,
        equipment=(),
        slots=(Slot.MORNING, Slot.DESK, Slot.TV, Slot.PRE_RUN, Slot.POST_RUN),
        targets=(),
        goals=(),
        load=Load.NONE,
        stretch_depth=None,
        cramp_risk=False,
        dose=Dose(sets=1, reps=10, per_side=True),
        cues=("a", "b"),
        faults=(),
        cautions=(),
        progressions=(),
        regressions=(),
        sources=(),
    )
    return replace(base, **over)


def test_a_small_coach_catalogue_without_the_protocol_exercises_still_gives_a_safe_plan() -> None:
    small = Catalogue(
        [
            _ex("sole-rub", Category.RELEASE, dose=Dose(sets=1, duration_s=40, per_side=True)),
            _ex("heel-knead", Category.RELEASE, dose=Dose(sets=1, duration_s=30, per_side=True)),
            _ex("toe-wake", Category.ACTIVATE, progressions=("toe-wake-standing",)),
            _ex(
                "toe-wake-standing",
                Category.ACTIVATE,
                position=Position.STANDING,
                load=Load.LIGHT,
                regressions=("toe-wake",),
                slots=(Slot.MORNING, Slot.TEETH),
            ),
            _ex(
                "deep-toe-sit",
                Category.STRETCH,
                position=Position.KNEELING,
                stretch_depth=StretchDepth.DEEP,
                cramp_risk=True,
                dose=Dose(sets=2, reps=1, hold_s=20),
                slots=(Slot.TV,),
            ),
            _ex(
                "one-leg-press",
                Category.STRENGTHEN,
                position=Position.SINGLE_LEG,
                load=Load.HEAVY,
                slots=(Slot.MORNING,),
            ),
        ]
    )
    profile = make(goals=["plantar-heel-pain", "general"], minutes_per_day=12)
    plan = generate_plan(profile, small, MONDAY, 8)
    assert check_plan(plan, profile, small) == []
    assert any("step" in n for n in plan.notes)
    slugs = {i.exercise for d in plan.days for i in d.items}
    assert {"sole-rub", "toe-wake", "toe-wake-standing", "deep-toe-sit", "one-leg-press"} <= slugs
    for day in plan.days:
        for s in day.sessions:
            names = [i.exercise for i in s.items]
            if "deep-toe-sit" in names:
                first = min(names.index(r) for r in ("sole-rub", "heel-knead") if r in names)
                assert first < names.index("deep-toe-sit")
