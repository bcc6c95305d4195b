"""check_plan catches a deliberately broken plan for every rule (and passes the good ones)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.exercise import Dose
from footcore.domain.planning import (
    Adjustments,
    Flag,
    Plan,
    PlanItem,
    RuleViolation,
    Session,
    Week,
    check_plan,
    generate_plan,
)
from footcore.domain.planning.rules import RULES
from footcore.domain.profile import Profile, parse_profile
from footcore.domain.timing import item_minutes, total_minutes
from footcore.domain.vocab import RunKind, Slot

CATALOGUE = builtin_catalogue()
MONDAY = dt.date(2027, 1, 4)
ALL_SLOTS = ["morning", "desk", "teeth", "tv", "pre-run", "post-run"]
KIT = ["ball", "step", "towel", "band", "mat", "weight", "wall", "marbles", "chair"]


def _profile(**over: Any) -> Profile:
    data: dict[str, Any] = {
        "name": "Test",
        "age": 35,
        "goals": ["general"],
        "equipment": KIT,
        "minutes_per_day": 30,
        "slots": ALL_SLOTS,
        "cramp_prone": True,
        "running": {"days": ["tue", "thu", "sun"], "long_run_day": "sun", "hard_days": ["thu"]},
    }
    data.update(over)
    return parse_profile(data)


def item(slug: str, **over: Any) -> PlanItem:
    """A plan item for a catalogue exercise, its minutes from the time model."""
    ex = CATALOGUE.get(slug)
    d = ex.dose
    base = PlanItem(
        exercise=slug,
        name=ex.name,
        category=ex.category,
        sets=d.sets,
        reps=d.reps,
        hold_s=d.hold_s,
        duration_s=d.duration_s,
        per_side=d.per_side,
        load=ex.load,
        why="test",
        minutes=0.0,
        tempo=d.tempo,
        rest_s=d.rest_s,
        steps=d.steps,
    )
    base = replace(base, **over)
    return replace(base, minutes=item_minutes(base.dose, base.load))


def session(slot: str, *items: PlanItem) -> Session:
    return Session(Slot(slot), total_minutes([i.minutes for i in items]), tuple(items))


def with_day(plan: Plan, index: int, **changes: Any) -> Plan:
    """The plan with day ``index`` (0 = the start) changed."""
    weeks = list(plan.weeks)
    w, d = divmod(index, 7)
    days = list(weeks[w].days)
    days[d] = replace(days[d], **changes)
    weeks[w] = replace(weeks[w], days=tuple(days))
    return replace(plan, weeks=tuple(weeks))


def rules_of(found: list[RuleViolation]) -> set[str]:
    return {v.rule for v in found}


@pytest.fixture(scope="module")
def profile() -> Profile:
    return _profile()


@pytest.fixture(scope="module")
def plan(profile: Profile) -> Plan:
    made = generate_plan(profile, CATALOGUE, MONDAY, 8)
    assert check_plan(made, profile, CATALOGUE) == []
    return made


def test_every_rule_id_used_by_the_checker_has_a_reason(plan: Plan, profile: Profile) -> None:
    junk = [
        item("ball-roll-sole", exercise="ufo"),
        item("kneeling-toe-stretch"),
        item("heel-raise-step-towel"),
        item("towel-scrunch"),
        item("seated-plantar-stretch", hold_s=45),
    ]
    broken = with_day(plan, 0, sessions=(session("pre-run", *junk),))
    found = check_plan(broken, profile, CATALOGUE)
    assert len(rules_of(found)) >= 5
    for v in found:
        assert v.rule in RULES
        assert RULES[v.rule].reason


def test_order_catches_a_stretch_before_a_release(plan: Plan, profile: Profile) -> None:
    bad = with_day(
        plan,
        0,
        sessions=(session("morning", item("seated-plantar-stretch"), item("ball-roll-sole")),),
    )
    assert "order" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_order_catches_a_gentle_stretch_after_a_deep_one(plan: Plan, profile: Profile) -> None:
    bad = with_day(
        plan,
        28,
        sessions=(
            session(
                "morning",
                item("ball-roll-sole"),
                item("kneeling-toe-stretch"),
                item("seated-plantar-stretch"),
            ),
        ),
    )
    assert "order" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_a_deep_stretch_needs_a_warm_up_or_release_before_it(plan: Plan, profile: Profile) -> None:
    # Day 32, a Friday without a run (not the day after the long run, when a cramp-prone
    # runner's toe stretch would break the cramp rule as well).
    alone = with_day(plan, 32, sessions=(session("morning", item("kneeling-toe-stretch")),))
    assert "deep-after-release" in rules_of(check_plan(alone, profile, CATALOGUE))
    prepared = with_day(
        plan,
        32,
        sessions=(session("morning", item("ball-roll-sole"), item("kneeling-toe-stretch")),),
    )
    assert check_plan(prepared, profile, CATALOGUE) == []


def test_pre_run_refuses_stretches_long_holds_and_heavy_load(plan: Plan, profile: Profile) -> None:
    stretch = with_day(plan, 1, sessions=(session("pre-run", item("seated-plantar-stretch")),))
    assert "pre-run" in rules_of(check_plan(stretch, profile, CATALOGUE))
    hold = with_day(plan, 1, sessions=(session("pre-run", item("dorsiflexion-hold", hold_s=40)),))
    assert "pre-run" in rules_of(check_plan(hold, profile, CATALOGUE))


def test_post_run_refuses_heavy_load_after_a_long_run(plan: Plan, profile: Profile) -> None:
    bad = with_day(plan, 41, sessions=(session("post-run", item("heel-raise-step-towel")),))
    found = check_plan(bad, profile, CATALOGUE)
    assert "post-run" in rules_of(found)
    assert any("after a long run" in v.message for v in found)


def test_post_run_refuses_deep_stretches(plan: Plan, profile: Profile) -> None:
    bad = with_day(
        plan,
        29,
        sessions=(session("post-run", item("ball-roll-sole"), item("kneeling-toe-stretch")),),
    )
    assert "post-run" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_cramp_risk_work_is_caught_after_a_long_run_for_a_cramp_prone_runner(
    plan: Plan, profile: Profile
) -> None:
    bad = with_day(plan, 20, sessions=(session("post-run", item("towel-drag-push")),))
    assert "post-run-cramp" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_cramp_risk_work_stays_off_hard_run_days_for_every_runner() -> None:
    relaxed = _profile(cramp_prone=False)
    plan = generate_plan(relaxed, CATALOGUE, MONDAY, 4)
    bad = with_day(plan, 17, sessions=(session("morning", item("towel-scrunch")),))
    found = check_plan(bad, relaxed, CATALOGUE)
    assert "post-run-cramp" in rules_of(found)
    assert any("hard-run day" in v.message for v in found)


def test_a_logged_cramp_keeps_cramp_risk_work_out_of_every_post_run_session() -> None:
    relaxed = _profile(cramp_prone=False)
    plan = generate_plan(
        relaxed, CATALOGUE, MONDAY, 4, adjustments=Adjustments(cramp_free_post_run=True)
    )
    bad = with_day(plan, 15, sessions=(session("post-run", item("towel-drag-push")),))
    assert "post-run-cramp" in rules_of(check_plan(bad, relaxed, CATALOGUE))


def test_moderate_work_on_two_days_in_a_row_is_caught(plan: Plan, profile: Profile) -> None:
    raise_ = item("calf-raise-single")
    bad = with_day(plan, 21, sessions=(session("morning", raise_),))
    bad = with_day(bad, 22, sessions=(session("morning", raise_),))
    found = check_plan(bad, profile, CATALOGUE)
    assert any(v.rule == "alternate-days" and "two days in a row" in v.message for v in found)


def test_moderate_work_the_day_before_the_long_run_is_caught(plan: Plan, profile: Profile) -> None:
    bad = with_day(plan, 26, sessions=(session("morning", item("calf-raise-single")),))
    found = check_plan(bad, profile, CATALOGUE)
    assert any(v.rule == "alternate-days" and "before the long run" in v.message for v in found)


def test_equipment_the_profile_lacks_is_caught() -> None:
    no_step = _profile(equipment=["ball"], goals=["plantar-heel-pain"])
    plan = generate_plan(no_step, CATALOGUE, MONDAY, 2)
    bad = with_day(plan, 0, sessions=(session("morning", item("heel-raise-step-towel")),))
    found = check_plan(bad, no_step, CATALOGUE)
    assert any(v.rule == "equipment" and "step" in v.message for v in found)


def test_a_missing_ball_with_a_hands_substitute_is_fine() -> None:
    no_ball = _profile(equipment=[])
    plan = generate_plan(no_ball, CATALOGUE, MONDAY, 1)
    ok = with_day(plan, 0, sessions=(session("desk", item("ball-roll-sole")),))
    assert check_plan(ok, no_ball, CATALOGUE) == []


def test_two_chain_steps_in_one_week_are_caught(plan: Plan, profile: Profile) -> None:
    bad = plan
    for day in range(7):
        bad = with_day(bad, day, sessions=(session("desk", item("big-toe-lift")),))
    bad = with_day(bad, 8, sessions=(session("desk", item("individual-toe-lifts")),))
    assert "one-step-per-week" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_a_dose_that_jumps_is_caught(plan: Plan, profile: Profile) -> None:
    bad = with_day(plan, 0, sessions=(session("desk", item("seated-toe-taps")),))
    bad = with_day(bad, 7, sessions=(session("desk", item("seated-toe-taps", sets=3)),))
    found = check_plan(bad, profile, CATALOGUE)
    assert any(v.rule == "one-step-per-week" and "sets" in v.message for v in found)


def test_pain_above_five_needs_a_flag_and_gentle_work_only(plan: Plan) -> None:
    hurting = _profile(pain={"nrs": 7})
    found = check_plan(plan, hurting, CATALOGUE)
    assert any(v.rule == "pain" and "see-clinician" in v.message for v in found)
    assert any(v.rule == "pain" and "load" in v.message for v in found)


def test_pain_four_to_five_refuses_heavy_load() -> None:
    sore = _profile(pain={"nrs": 5}, goals=["plantar-heel-pain"])
    plan = generate_plan(sore, CATALOGUE, MONDAY, 6)
    assert check_plan(plan, sore, CATALOGUE) == []
    bad = with_day(plan, 35, sessions=(session("morning", item("heel-raise-step-towel")),))
    found = check_plan(bad, sore, CATALOGUE)
    assert any(v.rule == "pain" and "heavy" in v.message for v in found)


def test_more_than_four_exercises_in_a_session_is_caught(plan: Plan, profile: Profile) -> None:
    five = [item(s) for s in ("ankle-circles", "point-and-flex", "ball-roll-sole")]
    five += [item("seated-toe-taps"), item("big-toe-lift")]
    bad = with_day(plan, 0, sessions=(session("desk", *five),))
    assert "few-exercises" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_a_day_over_the_daily_minutes_is_caught(plan: Plan) -> None:
    short = _profile(minutes_per_day=3)
    bad = with_day(
        plan, 0, sessions=(session("desk", item("ball-roll-sole"), item("foot-self-massage")),)
    )
    assert "daily-minutes" in rules_of(check_plan(bad, short, CATALOGUE))


def test_minutes_that_do_not_follow_the_time_model_are_caught(plan: Plan, profile: Profile) -> None:
    wrong = replace(item("ball-roll-sole"), minutes=0.5)
    bad = with_day(plan, 0, sessions=(session("desk", wrong),))
    assert "daily-minutes" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_an_exercise_in_a_slot_it_does_not_suit_is_caught(plan: Plan, profile: Profile) -> None:
    bad = with_day(plan, 0, sessions=(session("desk", item("calf-wall-stretch")),))
    assert "slot-fit" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_a_session_in_a_slot_the_profile_does_not_use_is_caught(plan: Plan) -> None:
    no_tv = _profile(slots=["morning", "desk", "pre-run", "post-run"])
    bad = with_day(plan, 0, sessions=(session("tv", item("ball-roll-sole")),))
    assert "slot-fit" in rules_of(check_plan(bad, no_tv, CATALOGUE))


def test_a_pre_run_session_on_a_day_without_a_run_is_caught(plan: Plan, profile: Profile) -> None:
    bad = with_day(plan, 0, sessions=(session("pre-run", item("ankle-circles")),))
    assert "run-slots" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_work_above_the_weeks_level_is_caught_unless_a_goal_protocol_brings_it(
    plan: Plan, profile: Profile
) -> None:
    bad = with_day(plan, 0, sessions=(session("morning", item("heel-raise-step-towel")),))
    assert "level" in rules_of(check_plan(bad, profile, CATALOGUE))
    heel = _profile(goals=["plantar-heel-pain"])
    protocol = generate_plan(heel, CATALOGUE, MONDAY, 1)
    ok = with_day(protocol, 0, sessions=(session("morning", item("heel-raise-step-towel")),))
    assert "level" not in rules_of(check_plan(ok, heel, CATALOGUE))


def test_unsupported_single_leg_work_is_caught_for_falls_prevention() -> None:
    older = _profile(age=75, goals=["falls-prevention"], running={"days": []})
    plan = generate_plan(older, CATALOGUE, MONDAY, 6)
    assert check_plan(plan, older, CATALOGUE) == []
    bad = with_day(plan, 35, sessions=(session("morning", item("single-leg-balance")),))
    assert "falls-safety" in rules_of(check_plan(bad, older, CATALOGUE))


def test_falls_prevention_beyond_three_days_a_week_is_caught() -> None:
    older = _profile(age=75, goals=["falls-prevention"], running={"days": []})
    plan = generate_plan(older, CATALOGUE, MONDAY, 1)
    bad = plan
    for day in range(7):
        bad = with_day(bad, day, sessions=(session("morning", item("ankle-circles")),))
    assert "little-and-often" in rules_of(check_plan(bad, older, CATALOGUE))


def test_foot_work_on_fewer_than_five_days_is_caught(plan: Plan, profile: Profile) -> None:
    bad = plan
    for day in (0, 2, 4):
        bad = with_day(bad, day, sessions=())
    assert "little-and-often" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_too_many_barefoot_steps_in_the_first_week_are_caught() -> None:
    walker = _profile(goals=["minimalist-transition"])
    plan = generate_plan(walker, CATALOGUE, MONDAY, 2)
    assert check_plan(plan, walker, CATALOGUE) == []
    walking = plan.weeks[0].days[0].walking
    assert walking is not None
    bad = with_day(plan, 0, walking=replace(walking, steps=4000))
    assert "barefoot-walking" in rules_of(check_plan(bad, walker, CATALOGUE))


def test_an_unknown_exercise_is_caught(plan: Plan, profile: Profile) -> None:
    bad = with_day(plan, 0, sessions=(session("desk", item("ball-roll-sole", exercise="ufo")),))
    assert "catalogue" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_a_wrong_level_or_run_kind_is_caught(plan: Plan, profile: Profile) -> None:
    weeks = list(plan.weeks)
    weeks[1] = replace(weeks[1], level=5)
    assert "level" in rules_of(check_plan(replace(plan, weeks=tuple(weeks)), profile, CATALOGUE))
    bad = with_day(plan, 0, run=RunKind.LONG)
    assert "run-slots" in rules_of(check_plan(bad, profile, CATALOGUE))


def test_an_unlocked_level_caps_the_weeks_levels(profile: Profile) -> None:
    plan = generate_plan(profile, CATALOGUE, MONDAY, 8, adjustments=Adjustments(unlocked_level=3))
    assert [w.level for w in plan.weeks] == [1, 2, 3, 3, 3, 3, 3, 3]
    assert check_plan(plan, profile, CATALOGUE) == []
    uncapped: Week = replace(plan.weeks[5], level=6)
    weeks = (*plan.weeks[:5], uncapped, *plan.weeks[6:])
    assert "level" in rules_of(check_plan(replace(plan, weeks=weeks), profile, CATALOGUE))


def test_the_dose_helper_builds_the_catalogue_dose() -> None:
    built = item("ball-roll-sole")
    assert built.dose == Dose(sets=1, duration_s=60, per_side=True)


def test_every_rule_is_documented_with_its_id_in_docs_planner() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "planner.md").read_text("utf-8")
    missing = [rule_id for rule_id in RULES if f"`{rule_id}`" not in doc]
    assert missing == []


# --- placement around runs (planner v2) ------------------------------------------------------
# The profile runs Tue (easy), Thu (hard) and Sun (long); the plan starts on a Monday, so day
# 1 is a Tuesday, 3 a Thursday, 6 a Sunday and 7 the Monday after it.


def test_pre_run_refuses_moderate_load_single_leg_loading_and_a_third_set(
    plan: Plan, profile: Profile
) -> None:
    for bad_item, words in (
        (item("calf-raise-two-up-one-down"), "only a light primer"),
        (item("short-foot-single-leg"), "on two feet"),
        (item("calf-raise-double", sets=3), "at most two"),
    ):
        bad = with_day(plan, 1, sessions=(session("pre-run", bad_item),))
        found = check_plan(bad, profile, CATALOGUE)
        assert any(v.rule == "pre-run" and words in v.message for v in found), words


def test_loading_on_a_run_day_before_the_run_is_caught(plan: Plan, profile: Profile) -> None:
    bad = with_day(plan, 1, sessions=(session("morning", item("calf-raise-single")),))
    found = check_plan(bad, profile, CATALOGUE)
    assert any(v.rule == "alternate-days" and "before the day's run" in v.message for v in found)


def test_loading_the_day_after_the_long_run_is_caught(plan: Plan, profile: Profile) -> None:
    bad = with_day(plan, 7, sessions=(session("morning", item("calf-raise-single")),))
    found = check_plan(bad, profile, CATALOGUE)
    assert any(v.rule == "alternate-days" and "after the long run" in v.message for v in found)


def test_a_cramp_prone_runner_gets_no_toe_stretch_in_the_evening_after_a_long_run(
    plan: Plan, profile: Profile
) -> None:
    evening = with_day(plan, 6, sessions=(session("tv", item("kneeling-toe-stretch-gentle")),))
    found = check_plan(evening, profile, CATALOGUE)
    assert any(v.rule == "post-run-cramp" and "gentle calf stretch" in v.message for v in found)
    calf = with_day(plan, 6, sessions=(session("post-run", item("calf-wall-stretch")),))
    assert check_plan(calf, profile, CATALOGUE) == []


def test_a_stop_acute_plan_may_hold_no_run_sessions_and_no_load() -> None:
    relaxed = _profile(cramp_prone=False)
    made = generate_plan(relaxed, CATALOGUE, MONDAY, 2)
    stopped = replace(made, flags=(Flag("stop-acute", "x"), Flag("see-clinician", "x")))
    bad = with_day(stopped, 1, sessions=(session("pre-run", item("ankle-circles")),))
    found = check_plan(bad, relaxed, CATALOGUE)
    assert any(v.rule == "pain" and "running is stopped" in v.message for v in found)
    loaded = with_day(stopped, 2, sessions=(session("morning", item("big-toe-press")),))
    found = check_plan(loaded, relaxed, CATALOGUE)
    assert any(v.rule == "pain" and "stop-acute" in v.message for v in found)
