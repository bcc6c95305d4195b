"""The weekly check-in (OSTRC-O2/H2): scoring against published worked examples, the
"substantial problem" definition, prevalence against a hand-computed example, the outcome
summary and how the plan reacts.

Sources of the worked examples:

- [ostRc-sev] The Oslo Sports Trauma Research Centre's own R package for OSTRC data,
  ``ostRc`` (Bache-Mathiesen LK, Clarsen B; Oslo Sports Trauma Research Centre),
  ``calc_severity_score``: its documented example (q1 = 17, 8, 8, 0; q2 = 25, 17, 17, 0;
  q3 = 25, 8, 17, 0; q4 = 25, 8, 0, 0) and its test "Returns a value of NA if one or more
  responses are missing", which states the sums 92, 41 and 42.
- [ostRc-sub] The same package, ``find_hp_substantial`` (version 2.0, the 2020 definition of
  Clarsen et al. 2020, BJSM 54:390-396), its tests "Returns 1 for substantial if EITHER of
  the given variables has a score of 17 or more" (q1 = 8, 8, 17, 17; q2 = 0, 0, 0, 25;
  q3 = 0, 0, 17, 0 -> 0, 0, 1, 1) and "Returns 0 for non-substantial if there is a health
  problem, but not a substantial one" (q1 = 0, 8, 17, 17; q2 = 0, 0, 0, 25; q3 = 0 -> no
  problem, 0, 0, 1).
- [ostRc-prev] The same package, ``calc_prevalence_mean``: its documented example (three
  participants over two weeks, participant 1 reporting two problems in week 1) gives weekly
  prevalences 2/3 and 1/3, mean 0.5.
- [Clarsen 2020] The option scores 0, 8, 17, 25 on every question of version 2.0 and the gate
  on the first question (published questionnaire; the package's ``standardize_coding``
  maps the four answers to these values).
"""

from __future__ import annotations

import datetime as dt

import pytest

from footcore.domain import ostrc
from footcore.domain.errors import ValidationError
from footcore.domain.ostrc import (
    AREAS,
    Area,
    AreaAnswer,
    Reaction,
    WeeklyCheckin,
    is_problem,
    is_substantial,
    mean_prevalence,
    new_cases,
    outcome,
    parse_checkin,
    plan_response,
    severity_score,
    week_start,
    weekly_prevalence,
)
from footcore.services.programmes import since_checkins

MON = dt.date(2027, 3, 1)  # a Monday


def week(n: int) -> dt.date:
    return MON + dt.timedelta(days=7 * n)


def checkin(n: int, *answers: AreaAnswer, skipped: bool = False) -> WeeklyCheckin:
    given = {a.area: a for a in answers}
    return WeeklyCheckin(
        week(n),
        tuple(given.get(a, AreaAnswer(a, 0)) for a in AREAS) if not skipped else (),
        skipped,
    )


# -- the instrument -----------------------------------------------------------------------------


def test_every_question_has_the_four_published_option_scores_in_order() -> None:
    # [Clarsen 2020]: version 2.0 scores every question 0, 8, 17, 25.
    assert [q.key for q in ostrc.INSTRUMENT_QUESTIONS] == [
        "participation",
        "training",
        "performance",
        "symptoms",
    ]
    for q in ostrc.INSTRUMENT_QUESTIONS:
        assert [o.score for o in q.options] == [0, 8, 17, 25]


def test_questions_name_the_area_asked_about() -> None:
    q = ostrc.QUESTION_BY_KEY["symptoms"]
    assert "your Achilles or calf" in q.ask(Area.ACHILLES_CALF)
    assert "illness" in q.ask(Area.ILLNESS)


# -- scoring: published worked examples ----------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ((17, 25, 25, 25), 92),  # [ostRc-sev] example, first response
        ((8, 17, 8, 8), 41),  # [ostRc-sev] second
        ((8, 17, 17, 0), 42),  # [ostRc-sev] third
        ((0, 0, 0, 0), 0),  # [ostRc-sev] fourth
        ((25, 25, 25, 25), 100),  # the top of the published 0-100 range
    ],
)
def test_severity_score_matches_the_published_worked_examples(
    answers: tuple[int, int, int, int], expected: int
) -> None:
    assert severity_score(*answers) == expected
    assert AreaAnswer(Area.KNEE, *answers).severity == expected


def test_a_value_that_is_not_an_option_score_is_refused() -> None:
    with pytest.raises(ValueError, match="scores one of"):
        severity_score(8, 13, 0, 0)  # 13 was a version 1.0 option, not a 2.0 one


@pytest.mark.parametrize(
    ("q1", "q2", "q3", "substantial"),
    [
        # [ostRc-sub] "EITHER of the given variables has a score of 17 or more"
        (8, 0, 0, False),
        (17, 0, 17, True),
        (17, 25, 0, True),
        # [ostRc-sub] "a health problem, but not a substantial one"
        (17, 0, 0, False),
        # could not take part at all is substantial whatever else was answered
        (25, 0, 0, True),
        # a minor effect on training and performance is not
        (8, 8, 8, False),
        (8, 17, 0, True),
    ],
)
def test_substantial_problem_follows_the_published_definition(
    q1: int, q2: int, q3: int, substantial: bool
) -> None:
    assert is_problem(q1)
    assert is_substantial(q1, q2, q3) is substantial


def test_full_participation_without_problems_is_no_problem_at_all() -> None:
    # [ostRc-sub] q1 = 0 gives no health problem (NA), whatever q2 and q3 say.
    assert not is_problem(0)
    assert not is_substantial(0, 25, 25)


# -- parsing answers ------------------------------------------------------------------------------


def test_one_tap_none_is_no_problem_in_every_area() -> None:
    c = parse_checkin({"none": True}, week(0) + dt.timedelta(days=3))
    assert c.week == week(0)
    assert [a.area for a in c.answers] == list(AREAS)
    assert not c.any_problem


def test_answers_are_read_by_option_key_or_by_score() -> None:
    c = parse_checkin(
        {
            "areas": {
                "foot-ankle": {
                    "participation": "reduced",
                    "training": 17,
                    "performance": "minor",
                    "symptoms": "moderate",
                }
            }
        },
        week(0),
    )
    foot = c.answer(Area.FOOT_ANKLE)
    assert foot.scores == (17, 17, 8, 17)
    assert foot.severity == 59
    assert foot.substantial
    assert not c.answer(Area.KNEE).problem


def test_a_problem_needs_all_four_answers() -> None:
    with pytest.raises(ValidationError) as err:
        parse_checkin({"areas": {"knee": {"participation": "reduced"}}}, week(0))
    assert [p.where for p in err.value.problems] == [
        "areas.knee.training",
        "areas.knee.performance",
        "areas.knee.symptoms",
    ]


def test_after_no_problem_the_other_questions_are_not_asked() -> None:
    with pytest.raises(ValidationError, match="check-in") as err:
        parse_checkin({"areas": {"hip": {"participation": "full", "symptoms": "mild"}}}, week(0))
    assert "not asked" in err.value.problems[0].message


def test_unknown_areas_options_and_keys_are_named() -> None:
    with pytest.raises(ValidationError) as err:
        parse_checkin(
            {"areas": {"elbow": {}, "knee": {"participation": "sometimes"}}, "mood": 3},
            week(0),
        )
    where = [p.where for p in err.value.problems]
    assert where == ["mood", "areas.elbow", "areas.knee.participation"]


# -- prevalence: a hand-computed example -----------------------------------------------------------


def test_weekly_and_mean_prevalence_match_a_hand_computed_example() -> None:
    """Four runners over three weeks (computed by hand, below).

    Week 1: A none; B minor knee; C substantial foot; D skipped.
        responses 3 (A, B, C); any problem 2 (B, C) -> 2/3; substantial 1 (C) -> 1/3.
    Week 2: A substantial Achilles AND minor knee (one person counts once); B none;
        C substantial foot; D none.
        responses 4; any problem 2 (A, C) -> 1/2; substantial 2 -> 1/2.
    Week 3: A minor foot; B did not answer; C none; D illness only (not a body area).
        responses 3 (A, C, D); any problem 1 (A) -> 1/3; substantial 0 -> 0.
    Mean of the weekly prevalences: all (2/3 + 1/2 + 1/3) / 3 = 1/2;
        substantial (1/3 + 1/2 + 0) / 3 = 5/18.
    """
    minor_knee = AreaAnswer(Area.KNEE, 8, 0, 0, 8)
    sub_foot = AreaAnswer(Area.FOOT_ANKLE, 17, 17, 8, 17)
    sub_achilles = AreaAnswer(Area.ACHILLES_CALF, 25, 25, 25, 17)
    minor_foot = AreaAnswer(Area.FOOT_ANKLE, 8, 8, 0, 8)
    illness = AreaAnswer(Area.ILLNESS, 25, 25, 25, 25)
    data = [
        ("A", checkin(0)),
        ("B", checkin(0, minor_knee)),
        ("C", checkin(0, sub_foot)),
        ("D", checkin(0, skipped=True)),
        ("A", checkin(1, sub_achilles, minor_knee)),
        ("B", checkin(1)),
        ("C", checkin(1, sub_foot)),
        ("D", checkin(1)),
        ("A", checkin(2, minor_foot)),
        ("C", checkin(2)),
        ("D", checkin(2, illness)),
    ]
    every = weekly_prevalence(data, substantial=False)
    assert [(w.responses, w.cases) for w in every] == [(3, 2), (4, 2), (3, 1)]
    assert mean_prevalence(every) == pytest.approx(1 / 2)
    heavy = weekly_prevalence(data, substantial=True)
    assert [(w.responses, w.cases) for w in heavy] == [(3, 1), (4, 2), (3, 0)]
    assert mean_prevalence(heavy) == pytest.approx(5 / 18)
    # Per area: the foot and ankle alone.
    foot = weekly_prevalence(data, substantial=False, areas=[Area.FOOT_ANKLE])
    assert [w.cases for w in foot] == [1, 1, 1]
    # Illness counts when asked for.
    ill = weekly_prevalence(data, substantial=True, areas=[Area.ILLNESS])
    assert [w.cases for w in ill] == [0, 0, 1]


def test_mean_prevalence_matches_the_published_package_example() -> None:
    # [ostRc-prev]: participant 1 has two problems in week 1 (counted once).
    hp = AreaAnswer(Area.KNEE, 8, 0, 0, 8)
    data = [
        (1, checkin(0, hp, AreaAnswer(Area.HIP, 8, 0, 0, 8))),
        (1, checkin(1)),
        (2, checkin(0, hp)),
        (2, checkin(1, hp)),
        (3, checkin(0)),
        (3, checkin(1)),
    ]
    weeks = weekly_prevalence(data, substantial=False)
    assert [w.prevalence for w in weeks] == [pytest.approx(2 / 3), pytest.approx(1 / 3)]
    assert mean_prevalence(weeks) == pytest.approx(0.5)


def test_new_cases_count_onsets_after_a_week_without_one() -> None:
    sub = AreaAnswer(Area.KNEE, 17, 17, 0, 8)
    # Substantial from the first week: start unknown, not new. Then gone, then back: new.
    history = [checkin(0, sub), checkin(1, sub), checkin(2), checkin(3, sub), checkin(4, sub)]
    assert new_cases(history) == 1
    assert new_cases([checkin(0), checkin(1, skipped=True), checkin(2, sub)]) == 1


# -- the person's outcome ---------------------------------------------------------------------


def test_outcome_keeps_unanswered_weeks_empty_and_says_when_there_is_too_little() -> None:
    sub = AreaAnswer(Area.FOOT_ANKLE, 17, 17, 0, 8)
    result = outcome([checkin(0, sub), checkin(2, skipped=True)], week(3) + dt.timedelta(days=2))
    assert [w.answered for w in result.weeks] == [True, False, False, False]
    assert [w.skipped for w in result.weeks] == [False, False, True, False]
    assert result.answered == 1
    assert result.weeks_with_substantial == 1
    assert "too few" in result.note
    assert result.to_dict()["enough_data"] is False


def test_outcome_counts_weeks_with_problems_per_area() -> None:
    knee = AreaAnswer(Area.KNEE, 8, 0, 0, 8)
    foot = AreaAnswer(Area.FOOT_ANKLE, 17, 17, 0, 8)
    history = [checkin(0, knee), checkin(1, knee, foot), checkin(2), checkin(3)]
    result = outcome(history, week(3))
    assert result.weeks_with_problem == 2
    assert result.weeks_with_substantial == 1
    assert result.per_area_weeks[Area.KNEE] == 2
    assert result.per_area_weeks[Area.FOOT_ANKLE] == 1
    assert "2 of 4 weeks" in result.note


def test_protective_dose_counts_days_in_the_trial_windows() -> None:
    today = dt.date(2027, 9, 1)
    days = [today - dt.timedelta(days=d) for d in (1, 2, 2, 50, 130, 200, 300)]
    dose = ostrc.protective_dose(days, today)
    assert (dose.days_4_months, dose.days_8_months) == (3, 5)
    assert dose.first_day == today - dt.timedelta(days=300)
    # The trial's programme: 4 a week for 8 weeks, then 3 a week.
    assert dose.trial_4_months == 8 * 4 + (122 // 7 - 8) * 3
    early = ostrc.protective_dose([today - dt.timedelta(days=20)], today)
    assert "too early" in early.note
    assert "No foot work" in ostrc.protective_dose([], today).note


# -- how the plan reacts ----------------------------------------------------------------------


def test_no_recent_check_in_changes_nothing() -> None:
    sub = AreaAnswer(Area.FOOT_ANKLE, 17, 17, 0, 8)
    old = plan_response([checkin(0, sub)], week(3))
    assert old.reaction is Reaction.NONE
    assert not old.changes_plan


def test_substantial_foot_problem_holds_the_load_with_a_reason() -> None:
    sub = AreaAnswer(Area.FOOT_ANKLE, 17, 17, 8, 8)
    r = plan_response([checkin(0, sub)], week(0) + dt.timedelta(days=4))
    assert r.reaction is Reaction.HOLD
    assert r.pain_nrs == ostrc.HOLD_PAIN == 4
    assert r.flag is None
    assert "foot or ankle" in r.message
    assert "severity 50/100" in r.message


def test_last_weeks_check_in_still_counts_this_week() -> None:
    sub = AreaAnswer(Area.ACHILLES_CALF, 17, 17, 8, 8)
    assert plan_response([checkin(0, sub)], week(1) + dt.timedelta(days=6)).changes_plan
    assert not plan_response([checkin(0, sub)], week(2)).changes_plan


def test_could_not_run_or_severe_symptoms_asks_for_a_clinician() -> None:
    stopped = AreaAnswer(Area.ACHILLES_CALF, 25, 25, 25, 17)
    r = plan_response([checkin(0, stopped)], week(0))
    assert r.reaction is Reaction.SEE_CLINICIAN
    assert r.flag == "see-clinician"
    assert "could not run" in r.message
    severe = AreaAnswer(Area.FOOT_ANKLE, 17, 17, 17, 25)
    assert "severe" in plan_response([checkin(0, severe)], week(0)).message


def test_severity_rising_two_weeks_running_asks_for_a_clinician() -> None:
    def foot(q2: int, q4: int) -> AreaAnswer:
        return AreaAnswer(Area.FOOT_ANKLE, 17, q2, 0, q4)

    rising = [checkin(0, foot(8, 8)), checkin(1, foot(17, 8)), checkin(2, foot(17, 17))]
    r = plan_response(rising, week(2))
    assert r.reaction is Reaction.SEE_CLINICIAN
    assert "risen two weeks running" in r.message
    # Up once, then level: a hold, not a clinician.
    level = [checkin(0, foot(8, 8)), checkin(1, foot(17, 8)), checkin(2, foot(17, 8))]
    assert plan_response(level, week(2)).reaction is Reaction.HOLD
    # A gap in the weeks breaks the run.
    gap = [checkin(0, foot(8, 8)), checkin(2, foot(17, 8)), checkin(3, foot(17, 17))]
    assert plan_response(gap, week(3)).reaction is Reaction.HOLD


def test_problems_elsewhere_are_noted_without_changing_foot_work() -> None:
    knee = AreaAnswer(Area.KNEE, 25, 25, 25, 25)
    ill = AreaAnswer(Area.ILLNESS, 17, 17, 17, 17)
    minor_foot = AreaAnswer(Area.FOOT_ANKLE, 8, 8, 0, 8)
    r = plan_response([checkin(0, knee, ill, minor_foot)], week(0))
    assert r.reaction is Reaction.NOTED
    assert not r.changes_plan
    assert r.pain_nrs is None
    assert r.flag is None
    assert len(r.notes) == 3
    assert any("knee" in n and "foot work is unchanged" in n for n in r.notes)


def test_a_skipped_week_is_not_an_answer() -> None:
    sub = AreaAnswer(Area.FOOT_ANKLE, 17, 17, 0, 8)
    r = plan_response([checkin(0, sub), checkin(1, skipped=True)], week(1))
    assert r.reaction is Reaction.HOLD
    assert r.week == week(0)


def test_plan_response_round_trips_through_its_stored_form() -> None:
    sub = AreaAnswer(Area.FOOT_ANKLE, 17, 17, 0, 8)
    r = plan_response([checkin(0, sub)], week(0))
    assert ostrc.PlanResponse.from_dict(r.to_dict()) == r


def test_the_plans_check_in_window_starts_on_the_monday_before_ostrcs_week() -> None:
    day = dt.date(2026, 12, 28)  # a Monday; then every weekday of five weeks and a year end
    for offset in range(36):
        today = day + dt.timedelta(days=offset)
        assert since_checkins(today) == week_start(today) - dt.timedelta(days=7)
        assert since_checkins(today).weekday() == 0
