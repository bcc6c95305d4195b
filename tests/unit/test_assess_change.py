"""Real change only at or beyond the smallest real change; otherwise measurement noise."""

from __future__ import annotations

import pytest

from footcore.domain.assessments import (
    NO_THRESHOLD,
    NOISE,
    NOT_SCORED,
    REAL_BETTER,
    REAL_WORSE,
    TESTS,
    Change,
    change_to_dict,
    check_intervention,
    compare,
    judge,
)
from footcore.domain.errors import NotFoundError, ValidationError


def battery(results: dict[str, object], date: str | None = None) -> dict[str, object]:
    data: dict[str, object] = {"age": 40, "sex": "female", "results": results}
    if date:
        data["date"] = date
    return data


def verdict(test_id: str, before: float, after: float, part: str = "left") -> str:
    return judge(TESTS[test_id], part, before, after).verdict


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (10.0, 11.9, REAL_BETTER),  # exactly 1.9 cm
        (8.2, 10.1, REAL_BETTER),  # 1.9 cm that floating point makes 1.8999...
        (10.0, 12.0, REAL_BETTER),  # just beyond
        (10.0, 11.8, NOISE),  # just short
        (12.0, 10.1, REAL_WORSE),
        (12.0, 10.2, NOISE),
    ],
)
def test_knee_to_wall_real_change_is_1_9_cm(before: float, after: float, expected: str) -> None:
    assert verdict("knee_to_wall_cm", before, after) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(20, 26, REAL_BETTER), (20, 27, REAL_BETTER), (20, 25, NOISE), (26, 20, REAL_WORSE)],
)
def test_heel_raise_real_change_is_6_reps(before: int, after: int, expected: str) -> None:
    assert verdict("heel_raise_reps", before, after) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (5, 3, REAL_BETTER),  # 2 points (40%)
        (8, 6, REAL_BETTER),  # 2 points (25%): the points rule alone
        (7, 6, NOISE),  # 1 point, 14%
        (5, 4, NOISE),  # 1 point, 20%
        (4, 3, NOISE),  # 1 point, 25%
        (3, 2, REAL_BETTER),  # 1 point but 33%: the 30% rule alone
        (2, 1, REAL_BETTER),  # 50%
        (2, 3, REAL_WORSE),  # +50%
        (0, 1, NOISE),  # no percentage from zero; 1 point
        (0, 2, REAL_WORSE),
    ],
)
def test_pain_real_change_is_2_points_or_30_percent(before: int, after: int, expected: str) -> None:
    assert verdict("pain_nrs", before, after, "value") == expected


def test_pain_30_percent_boundary_counts_as_real() -> None:
    assert judge(TESTS["pain_nrs"], "value", 10 / 3, 10 / 3 - 1).verdict == REAL_BETTER
    assert judge(TESTS["pain_nrs"], "value", 5.0, 3.55).verdict == NOISE  # 29%, 1.45 points


@pytest.mark.parametrize(
    ("part", "before", "after", "expected"),
    [
        ("adl", 70.0, 78.0, REAL_BETTER),
        ("adl", 70.0, 77.9, NOISE),
        ("adl", 78.0, 70.0, REAL_WORSE),
        ("sports", 50.0, 59.0, REAL_BETTER),
        ("sports", 50.0, 58.9, NOISE),
        ("sports", 59.0, 50.0, REAL_WORSE),
    ],
)
def test_faam_real_change_is_8_adl_and_9_sports(
    part: str, before: float, after: float, expected: str
) -> None:
    assert verdict("faam", before, after, part) == expected


def test_tests_without_a_smallest_real_change_get_no_verdict() -> None:
    change = judge(TESTS["balance_eyes_open_s"], "left", 10, 30)
    assert change.verdict == NO_THRESHOLD
    assert change.direction == "better"
    assert change.delta == 20


def test_a_faam_subscale_scored_on_one_date_only_is_not_judged() -> None:
    assert judge(TESTS["faam"], "sports", None, 80.0).verdict == NOT_SCORED


def test_direction_follows_whether_higher_is_better() -> None:
    assert judge(TESTS["navicular_drop_mm"], "left", 12, 9).direction == "better"
    assert judge(TESTS["foot_length_mm"], "left", 250, 247).direction is None
    assert judge(TESTS["knee_to_wall_cm"], "left", 10, 10).direction == "same"


def test_compare_two_assessments_per_test_and_side() -> None:
    before = battery(
        {
            "knee_to_wall_cm": {"left": 8.0, "right": 11.5},
            "heel_raise_reps": {"left": 18},
            "pain_nrs": {"nrs": 6, "site": "heel"},
            "short_foot": {"left": "poor"},
            "paper_grip": {"left": "fail"},
        },
        "2026-11-21",
    )
    after = battery(
        {
            "knee_to_wall_cm": {"left": 9.9, "right": 12.0},
            "heel_raise_reps": {"left": 24, "right": 25},
            "pain_nrs": 4,
            "short_foot": {"left": "good"},
            "navicular_drop_mm": {"left": 8},
        },
        "2027-01-30",
    )
    report = compare(before, after)
    got = {(c.test_id, c.part): c for c in report.changes}
    assert got["knee_to_wall_cm", "left"].verdict == REAL_BETTER
    assert got["knee_to_wall_cm", "right"].verdict == NOISE
    assert got["heel_raise_reps", "left"].verdict == REAL_BETTER
    assert ("heel_raise_reps", "right") not in got
    assert got["pain_nrs", "value"].verdict == REAL_BETTER
    short = got["short_foot", "left"]
    assert (short.before, short.after, short.verdict) == ("poor", "good", NO_THRESHOLD)
    assert report.days == 70
    assert report.only_before == ("paper_grip",)
    assert report.only_after == ("navicular_drop_mm",)


def test_compare_json_names_every_field() -> None:
    report = compare(
        battery({"knee_to_wall_cm": {"left": 10}}), battery({"knee_to_wall_cm": {"left": 11}})
    )
    data = change_to_dict(report)
    assert data["schema"] == "footcore.assessment-change/1"
    assert data["days"] is None
    changes = data["changes"]
    assert isinstance(changes, list)
    assert changes[0] == {
        "test": "knee_to_wall_cm",
        "name": "Knee-to-wall",
        "part": "left",
        "unit": "cm",
        "before": 10,
        "after": 11,
        "delta": 1.0,
        "smallest_real_change": 1.9,
        "verdict": NOISE,
        "direction": "better",
        "rule": TESTS["knee_to_wall_cm"].change_rule,
    }


def test_compare_faam_scores_from_items() -> None:
    before = battery({"faam": {"adl": [3] * 21}})  # 75.0
    after = battery({"faam": {"adl": [4] * 8 + [3] * 13}})  # 84.5 -> +9.5
    (change,) = compare(before, after).changes
    assert change.delta == 9.5
    assert change.verdict == REAL_BETTER


# --- before/after around one intervention -------------------------------------------------


def test_one_minute_of_ball_rolling_gaining_1_cm_is_within_noise() -> None:
    check = check_intervention(
        "knee-to-wall", 9.0, 10.0, "one minute of spiky-ball rolling", "left"
    )
    assert check.change.verdict == NOISE
    assert check.message == (
        "Knee-to-wall (left): 9 cm -> 10 cm (+1 cm) after one minute of spiky-ball rolling: "
        "within measurement noise; a real change needs 1.9 cm or more."
    )


def test_a_retest_gain_of_1_9_cm_is_a_real_change() -> None:
    check = check_intervention("knee_to_wall_cm", 9.0, 10.9)
    assert check.change.verdict == REAL_BETTER
    assert check.message.endswith("real change (better).")


def test_pain_check_uses_points_or_percent() -> None:
    check = check_intervention("pain_nrs", 3, 2, "calf stretch")
    assert check.change.verdict == REAL_BETTER
    assert "3/10 -> 2/10" in check.message


def test_balance_check_caps_at_45_seconds() -> None:
    check = check_intervention("balance_eyes_open_s", 40, 60)
    assert check.change.after == 45


def test_check_rejects_tests_without_a_single_number() -> None:
    with pytest.raises(ValidationError, match="toe_isolation' has no single number"):
        check_intervention("toe_isolation", 1, 2)


def test_check_rejects_out_of_range_values_naming_the_field_and_range() -> None:
    with pytest.raises(ValidationError) as err:
        check_intervention("heel_raise_reps", -1, 400, side="middle")
    text = str(err.value)
    assert "before: must be a whole number from 0 to 150 reps, got -1" in text
    assert "after: must be a whole number from 0 to 150 reps, got 400" in text
    assert "side: must be left or right" in text


def test_check_of_an_unknown_test_suggests_the_right_one() -> None:
    with pytest.raises(NotFoundError, match="did you mean"):
        check_intervention("heel_rase_reps", 1, 2)


def test_change_reports_whether_it_is_real() -> None:
    change: Change = judge(TESTS["heel_raise_reps"], "left", 10, 20)
    assert change.is_real
    assert not judge(TESTS["heel_raise_reps"], "left", 10, 12).is_real
