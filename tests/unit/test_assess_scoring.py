"""Scoring: band edges on both sides of every cut-off, asymmetry, safety flags, focus areas."""

from __future__ import annotations

import json
from typing import Any

import pytest

from footcore.domain.assessments import (
    SCHEMA,
    SOURCES,
    Band,
    BatteryReport,
    NormUsed,
    ScoredTest,
    pain_zone,
    report_to_dict,
    score_battery,
)


def score(results: dict[str, object], age: int = 40, sex: str = "female") -> BatteryReport:
    return score_battery({"age": age, "sex": sex, "results": results})


def one(
    test_id: str, value: object, age: int = 40, sex: str = "female"
) -> tuple[ScoredTest, BatteryReport]:
    report = score({test_id: value}, age, sex)
    return report.results[test_id], report


def band(test_id: str, value: object, age: int = 40, sex: str = "female") -> str | None:
    result, _ = one(test_id, {"left": value}, age, sex)
    m = result.measure("left")
    assert m is not None
    return m.band.value if m.band else None


# --- bands ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cm", "expected"),
    [(9.1, "low"), (9.2, "typical"), (12.0, "typical"), (14.8, "typical"), (14.9, "high")],
)
def test_knee_to_wall_band_edges(cm: float, expected: str) -> None:
    assert band("knee_to_wall_cm", cm) == expected


def test_knee_to_wall_has_no_norm_for_children_and_says_why() -> None:
    result, _ = one("knee_to_wall_cm", {"left": 5}, age=15)
    assert result.norm is None
    assert result.norm_note is not None
    assert "age 15" in result.norm_note
    m = result.measure("left")
    assert m is not None
    assert m.band is None


def test_knee_to_wall_reports_degrees_next_to_centimetres() -> None:
    result, _ = one("knee_to_wall_cm", {"left": 10, "right": 8.5})
    left, right = result.measure("left"), result.measure("right")
    assert left is not None
    assert right is not None
    assert left.extra == {"degrees": 36.0}
    assert right.extra == {"degrees": 30.6}


@pytest.mark.parametrize(
    ("reps", "expected"),
    [(20, "low"), (21, "typical"), (27, "typical"), (33, "typical"), (34, "high")],
)
def test_heel_raise_band_edges_for_a_woman_in_her_thirties(reps: int, expected: str) -> None:
    # reference 27 reps; typical 27 +/- 6 (the retest band)
    assert band("heel_raise_reps", reps, age=35, sex="female") == expected


@pytest.mark.parametrize(("reps", "expected"), [(30, "low"), (31, "typical"), (43, "typical")])
def test_heel_raise_band_edges_for_a_man_in_his_twenties(reps: int, expected: str) -> None:
    assert band("heel_raise_reps", reps, age=25, sex="male") == expected


def test_heel_raise_switches_age_band_between_29_and_30() -> None:
    at_29, _ = one("heel_raise_reps", {"left": 31}, age=29, sex="male")
    at_30, _ = one("heel_raise_reps", {"left": 31}, age=30, sex="male")
    assert at_29.norm is not None
    assert at_30.norm is not None
    assert (at_29.norm.reference, at_30.norm.reference) == (37, 32)


def test_heel_raise_for_unspecified_sex_uses_the_mean_of_both_columns_labelled() -> None:
    result, _ = one("heel_raise_reps", {"left": 23, "right": 24}, age=35, sex="unspecified")
    assert result.norm is not None
    assert result.norm.reference == 29.5
    assert result.norm.low_below == 23.5
    assert result.norm.derived is not None
    assert "sex unspecified" in result.norm.derived
    left, right = result.measure("left"), result.measure("right")
    assert left is not None
    assert right is not None
    assert (left.band, right.band) == ("low", "typical")


@pytest.mark.parametrize("age", [18, 19, 90, 95])
def test_heel_raise_outside_the_published_ages_has_no_norm_and_no_band(age: int) -> None:
    result, _ = one("heel_raise_reps", {"left": 20}, age=age)
    assert result.norm is None
    assert result.norm_note is not None
    assert "20-29" in result.norm_note
    assert band("heel_raise_reps", 20, age=age) is None


@pytest.mark.parametrize(
    ("age", "seconds", "expected"),
    [
        (25, 44.6, "low"),
        (25, 44.7, "typical"),
        (25, 44.8, "typical"),
        (45, 41.8, "low"),
        (45, 41.9, "typical"),
        (45, 42.0, "typical"),
        (55, 41.1, "low"),
        (55, 41.2, "typical"),
        (55, 41.3, "typical"),
        (65, 26.9, "low"),
        (65, 27, "typical"),
        (65, 27.1, "typical"),
        (75, 17.1, "low"),
        (75, 17.2, "typical"),
        (75, 17.3, "typical"),
        (85, 8.4, "low"),
        (85, 8.5, "typical"),
        (85, 8.6, "typical"),
    ],
)
def test_balance_eyes_open_band_edges_by_age(age: int, seconds: float, expected: str) -> None:
    assert band("balance_eyes_open_s", seconds, age=age) == expected


@pytest.mark.parametrize(
    ("seconds", "younger", "older", "ages"),
    [(44, "low", "typical", (39, 40)), (41.5, "low", "typical", (49, 50))],
)
def test_balance_eyes_open_norm_changes_on_the_birthday_that_starts_a_band(
    seconds: float, younger: str, older: str, ages: tuple[int, int]
) -> None:
    assert band("balance_eyes_open_s", seconds, age=ages[0]) == younger
    assert band("balance_eyes_open_s", seconds, age=ages[1]) == older


def test_balance_eyes_open_at_59_uses_springer_and_at_60_bohannon() -> None:
    at_59, _ = one("balance_eyes_open_s", {"left": 30}, age=59)
    at_60, _ = one("balance_eyes_open_s", {"left": 30}, age=60)
    assert at_59.norm is not None
    assert at_60.norm is not None
    assert (at_59.norm.reference, at_59.norm.source.id) == (41.2, "springer-2007")
    assert (at_60.norm.reference, at_60.norm.source.id) == (27.0, "bohannon-2006")
    assert band("balance_eyes_open_s", 30, age=59) == "low"
    assert band("balance_eyes_open_s", 30, age=60) == "typical"


@pytest.mark.parametrize(
    ("age", "sex", "reference"),
    [
        (25, "female", 13.1),
        (25, "male", 16.9),
        (45, "female", 13.5),
        (45, "male", 12.0),
        (55, "female", 7.9),
        (55, "male", 8.6),
        (65, "female", 3.6),
        (65, "male", 5.1),
        (75, "female", 3.7),
        (75, "male", 2.6),
        (85, "female", 2.1),
        (85, "male", 1.8),
    ],
)
def test_balance_eyes_closed_band_edges_by_age_and_sex(
    age: int, sex: str, reference: float
) -> None:
    assert band("balance_eyes_closed_s", round(reference - 0.1, 1), age, sex) == "low"
    assert band("balance_eyes_closed_s", reference, age, sex) == "typical"
    assert band("balance_eyes_closed_s", round(reference + 0.1, 1), age, sex) == "typical"


def test_balance_eyes_closed_with_sex_unspecified_uses_the_mean_of_both_columns() -> None:
    result, _ = one("balance_eyes_closed_s", {"left": 14.9, "right": 15}, 25, "unspecified")
    assert result.norm is not None
    assert result.norm.reference == 15.0  # (16.9 + 13.1) / 2
    assert result.norm.derived is not None
    assert "16.9" in result.norm.derived
    assert "13.1" in result.norm.derived
    left, right = result.measure("left"), result.measure("right")
    assert left is not None
    assert right is not None
    assert (left.band, right.band) == ("low", "typical")


@pytest.mark.parametrize("test_id", ["balance_eyes_open_s", "balance_eyes_closed_s"])
def test_balance_under_18_has_no_norm_and_says_so(test_id: str) -> None:
    result, _ = one(test_id, {"left": 20}, age=17)
    assert result.norm is None
    assert result.norm_note == (
        "no published norm for age 17 (the reference covers ages 18-39, 40-49, 50-59, "
        "60-69, 70-79, 80+); the test's ceiling is 45 s"
    )
    assert band(test_id, 20, age=17) is None


@pytest.mark.parametrize("test_id", ["balance_eyes_open_s", "balance_eyes_closed_s"])
def test_a_try_over_the_45_s_cap_counts_as_at_or_above_the_norm(test_id: str) -> None:
    result, _ = one(test_id, {"left": [30, 50], "right": 45}, age=25, sex="male")
    left, right = result.measure("left"), result.measure("right")
    assert left is not None
    assert right is not None
    assert (left.number, right.number) == (45.0, 45.0)
    assert (left.band, right.band) == ("typical", "typical")
    assert any("counts as 45 s" in n for n in result.notes)


def test_a_result_at_the_cap_is_never_low_even_against_a_norm_above_the_cap() -> None:
    # A norm the capped test cannot reach (a mean of 45.1 s exists in published tables):
    # the most the test can record must still count as at or above it.
    norm = NormUsed(
        label="test",
        reference=45.1,
        low_below=45.1,
        high_above=None,
        source=SOURCES["springer-2007"],
        ceiling=45.0,
    )
    assert norm.band(45.0) is Band.TYPICAL
    assert norm.band(44.9) is Band.LOW
    uncapped = NormUsed("test", 45.1, 45.1, None, SOURCES["springer-2007"])
    assert uncapped.band(45.0) is Band.LOW


def test_balance_best_of_three_counts_and_is_capped_at_45() -> None:
    result, _ = one("balance_eyes_open_s", {"left": [12, 30, 50], "right": [7.5]}, age=65)
    left, right = result.measure("left"), result.measure("right")
    assert left is not None
    assert right is not None
    assert left.number == 45.0
    assert left.extra == {"tries": [12, 30, 50]}
    assert right.number == 7.5
    assert any("45 s" in n for n in result.notes)


@pytest.mark.parametrize(
    ("mm", "expected", "borderline"),
    [
        (9.9, "typical", False),
        (10, "typical", True),
        (15, "typical", True),
        (15.1, "high", False),
    ],
)
def test_navicular_drop_edges(mm: float, expected: str, borderline: bool) -> None:
    result, _ = one("navicular_drop_mm", {"left": mm})
    m = result.measure("left")
    assert m is not None
    assert m.band == expected
    assert bool(result.notes) is borderline


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ({"spread": 0, "big_toe_lift": 3, "small_toe_lift": 3}, "low"),
        ({"spread": 2, "big_toe_lift": 1, "small_toe_lift": 3}, "low"),
        ({"spread": 2, "big_toe_lift": 2, "small_toe_lift": 2}, "typical"),
        ({"spread": 3, "big_toe_lift": 3, "small_toe_lift": 2}, "typical"),
        ({"spread": 3, "big_toe_lift": 3, "small_toe_lift": 3}, "high"),
    ],
)
def test_toe_isolation_criterion_bands(items: dict[str, int], expected: str) -> None:
    result, _ = one("toe_isolation", {"left": items})
    m = result.measure("left")
    assert m is not None
    assert m.band == expected
    assert result.norm is None
    assert m.value == {**items, "total": sum(items.values())}


@pytest.mark.parametrize(
    ("grade", "expected"), [("poor", "low"), ("fair", "typical"), ("good", "high")]
)
def test_short_foot_grades_map_to_bands(grade: str, expected: str) -> None:
    assert band("short_foot", grade) == expected


@pytest.mark.parametrize(("grip", "expected"), [("fail", "low"), ("pass", "typical")])
def test_paper_grip_maps_to_bands(grip: str, expected: str) -> None:
    assert band("paper_grip", grip) == expected


@pytest.mark.parametrize(
    ("nrs", "zone"),
    [(0, "acceptable"), (3, "acceptable"), (4, "caution"), (5, "caution"), (6, "see-clinician")],
)
def test_pain_zones_follow_the_pain_monitoring_model(nrs: int, zone: str) -> None:
    assert pain_zone(nrs) == zone
    result, _ = one("pain_nrs", nrs)
    assert result.extra["zone"] == zone


# --- asymmetry -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "flag"),
    [(10.0, 11.5, False), (10.1, 11.6, False), (10.0, 11.6, True), (12.0, 9.0, True)],
)
def test_knee_to_wall_asymmetry_at_and_beyond_1_5_cm(left: float, right: float, flag: bool) -> None:
    result, _ = one("knee_to_wall_cm", {"left": left, "right": right})
    assert result.asymmetry is flag


@pytest.mark.parametrize(("left", "right", "flag"), [(20, 26, False), (20, 27, True)])
def test_heel_raise_asymmetry_at_and_beyond_6_reps(left: int, right: int, flag: bool) -> None:
    result, _ = one("heel_raise_reps", {"left": left, "right": right})
    assert result.asymmetry is flag
    assert result.side_difference == abs(left - right)


@pytest.mark.parametrize(("right_spread", "flag"), [(2, False), (1, True)])
def test_toe_isolation_asymmetry_beyond_one_point(right_spread: int, flag: bool) -> None:
    left = {"spread": 3, "big_toe_lift": 2, "small_toe_lift": 2}
    right = {**left, "spread": right_spread}
    result, _ = one("toe_isolation", {"left": left, "right": right})
    assert result.asymmetry is flag


@pytest.mark.parametrize(
    ("left", "right", "flag"), [("poor", "fair", False), ("poor", "good", True)]
)
def test_short_foot_asymmetry_beyond_one_grade(left: str, right: str, flag: bool) -> None:
    result, _ = one("short_foot", {"left": left, "right": right})
    assert result.asymmetry is flag


@pytest.mark.parametrize(
    ("left", "right", "flag"), [("pass", "pass", False), ("pass", "fail", True)]
)
def test_paper_grip_asymmetry_when_one_side_fails(left: str, right: str, flag: bool) -> None:
    result, _ = one("paper_grip", {"left": left, "right": right})
    assert result.asymmetry is flag


def test_asymmetry_is_unknown_with_one_side_or_no_published_threshold() -> None:
    single, _ = one("knee_to_wall_cm", {"left": 8})
    assert single.asymmetry is None
    balance, _ = one("balance_eyes_open_s", {"left": 40, "right": 10})
    assert balance.asymmetry is None
    assert balance.side_difference == 30


# --- safety flags --------------------------------------------------------------------------


@pytest.mark.parametrize(("seconds", "flagged"), [(4.9, True), (5, False)])
def test_balance_under_5_s_eyes_open_flags_fall_risk(seconds: float, flagged: bool) -> None:
    _, report = one("balance_eyes_open_s", {"left": seconds, "right": 30}, age=40)
    assert ("fall-risk" in report.flag_codes()) is flagged
    assert ("falls-prevention" in report.focus_areas) is flagged


def test_balance_under_5_s_eyes_closed_is_not_a_fall_risk_flag() -> None:
    _, report = one("balance_eyes_closed_s", {"left": 2}, age=70)
    assert report.flags == ()


@pytest.mark.parametrize(("nrs", "flagged"), [(5, False), (6, True)])
def test_pain_above_5_says_see_a_clinician_before_loading(nrs: int, flagged: bool) -> None:
    _, report = one("pain_nrs", nrs)
    assert ("see-clinician" in report.flag_codes()) is flagged


@pytest.mark.parametrize(("nrs", "flagged"), [(7, False), (8, True)])
def test_pain_of_8_or_more_looks_acute(nrs: int, flagged: bool) -> None:
    _, report = one("pain_nrs", nrs)
    assert ("stop-acute" in report.flag_codes()) is flagged


@pytest.mark.parametrize("sign", ["swelling", "bruising", "cannot_bear_weight", "sudden_onset"])
def test_any_acute_sign_flags_stop_even_with_low_pain(sign: str) -> None:
    _, report = one("pain_nrs", {"nrs": 2, sign: True})
    assert report.flag_codes() == ("stop-acute",)
    assert sign.replace("_", " ") in report.flags[0].message


def test_no_flags_when_nothing_is_wrong() -> None:
    report = score({"pain_nrs": 1, "balance_eyes_open_s": {"left": 45, "right": 45}})
    assert report.flags == ()


# --- focus areas ---------------------------------------------------------------------------


def test_low_knee_to_wall_asks_for_ankle_mobility_with_release_before_stretching() -> None:
    _, report = one("knee_to_wall_cm", {"left": 8.0, "right": 9.5})
    assert report.focus_areas == ("ankle-mobility", "release")
    reasons = {f.area: f.reason for f in report.focus}
    assert reasons["ankle-mobility"] == (
        "knee-to-wall 8.0 cm on the left is below the typical range (9.2-14.8 cm)"
    )
    assert "before stretching" in reasons["release"]


def test_uneven_but_typical_knee_to_wall_asks_for_ankle_mobility_only() -> None:
    _, report = one("knee_to_wall_cm", {"left": 10, "right": 14})
    assert report.focus_areas == ("ankle-mobility",)
    assert "left 4 cm less than right" in report.focus[0].reason


def test_low_heel_raise_asks_for_strength() -> None:
    _, report = one("heel_raise_reps", {"left": 10, "right": 12}, age=35, sex="male")
    assert report.focus_areas == ("strengthen",)
    assert "calf and foot strength" in report.focus[0].reason


def test_low_toe_isolation_short_foot_paper_grip_or_high_drop_ask_for_activation() -> None:
    report = score(
        {
            "toe_isolation": {"left": {"spread": 1, "big_toe_lift": 2, "small_toe_lift": 2}},
            "short_foot": {"right": "poor"},
            "paper_grip": {"left": "fail"},
            "navicular_drop_mm": {"right": 16},
        }
    )
    assert report.focus_areas == ("activate",)
    assert len(report.focus) == 4


def test_heel_pain_points_to_the_plantar_heel_pain_protocol() -> None:
    _, report = one("pain_nrs", {"nrs": 3, "site": "heel", "when": "first-steps"})
    assert report.focus_areas == ("plantar-heel-pain",)
    assert "first steps" in report.focus[0].reason


def test_achilles_pain_points_to_the_achilles_goal() -> None:
    _, report = one("pain_nrs", {"nrs": 3, "site": "achilles"})
    assert report.focus_areas == ("achilles",)


def test_pain_of_zero_or_without_a_site_sets_no_focus() -> None:
    assert score({"pain_nrs": {"nrs": 0, "site": "heel"}}).focus == ()
    assert score({"pain_nrs": 4}).focus == ()


def test_low_balance_for_age_asks_for_balance_work() -> None:
    _, report = one("balance_eyes_open_s", {"left": 20, "right": 30}, age=65)
    assert report.focus_areas == ("balance",)


def test_a_young_runner_below_the_eyes_open_norm_is_asked_for_balance_work() -> None:
    _, report = one("balance_eyes_open_s", {"left": 38, "right": 45}, age=30)
    assert report.focus_areas == ("balance",)
    (reason,) = (f.reason for f in report.focus)
    assert "38 s on the left" in reason
    assert "44.7 s reference for your age" in reason


def test_a_young_runner_holding_45_s_eyes_open_gets_no_balance_focus() -> None:
    _, report = one("balance_eyes_open_s", {"left": [20, 50], "right": 45}, age=30)
    assert report.focus == ()


def test_a_low_eyes_closed_band_is_reported_but_sets_no_focus() -> None:
    result, report = one("balance_eyes_closed_s", {"left": 5, "right": 6}, age=30)
    assert {m.band for m in result.measures} == {Band.LOW}
    assert report.focus == ()
    assert report.flags == ()


def test_typical_results_leave_no_focus() -> None:
    report = score(
        {
            "knee_to_wall_cm": {"left": 12, "right": 12.5},
            "heel_raise_reps": {"left": 24, "right": 25},
            "toe_isolation": {
                "left": {"spread": 2, "big_toe_lift": 3, "small_toe_lift": 2},
                "right": {"spread": 2, "big_toe_lift": 3, "small_toe_lift": 2},
            },
        }
    )
    assert report.focus == ()


def test_focus_lists_each_area_once_in_priority_order() -> None:
    report = score(
        {
            "heel_raise_reps": {"left": 5, "right": 5},
            "knee_to_wall_cm": {"left": 7, "right": 7},
            "pain_nrs": {"nrs": 2, "site": "heel"},
        },
        age=35,
    )
    assert report.focus_areas == ("plantar-heel-pain", "ankle-mobility", "release", "strengthen")


# --- the JSON contract ---------------------------------------------------------------------


def test_report_dict_follows_the_assess_score_contract() -> None:
    report = score(
        {
            "knee_to_wall_cm": {"left": 8.0, "right": 11.5},
            "pain_nrs": {"nrs": 6, "site": "heel"},
            "faam": {"adl": [4] * 21},
        },
        age=38,
    )
    data: dict[str, Any] = json.loads(json.dumps(report_to_dict(report)))  # serialisable
    assert data["schema"] == SCHEMA == "footcore.assessment/1"
    assert set(data) == {
        "schema",
        "age",
        "sex",
        "date",
        "results",
        "flags",
        "focus",
        "focus_reasons",
    }
    results = data["results"]
    ktw = results["knee_to_wall_cm"]
    assert ktw["value"] == {"left": 8, "right": 11.5}
    assert ktw["band"] == {"left": "low", "right": "typical"}
    assert ktw["asymmetry"] is True
    assert ktw["norm"]["reference"] == 12.0
    assert ktw["norm"]["source"] == "hoch-mckeon-2011"
    assert ktw["smallest_real_change"] == 1.9
    pain = results["pain_nrs"]
    assert pain["value"] == 6
    assert pain["band"] is None
    assert pain["zone"] == "see-clinician"
    assert "asymmetry" not in pain
    assert results["faam"]["value"] == {"adl": 100.0}
    assert results["faam"]["smallest_real_change"] == {"adl": 8.0, "sports": 9.0}
    assert data["focus"] == ["plantar-heel-pain", "ankle-mobility", "release"]
    assert data["flags"] == [{"code": "see-clinician", "message": report.flags[0].message}]
    assert {"area": "release", "reason": report.focus[-1].reason} in data["focus_reasons"]


def test_results_come_out_in_catalogue_order_whatever_the_input_order() -> None:
    report = score({"pain_nrs": 1, "knee_to_wall_cm": {"left": 12}})
    assert list(report.results) == ["knee_to_wall_cm", "pain_nrs"]


def test_scoring_accepts_an_already_parsed_battery() -> None:
    report = score({"pain_nrs": 1})
    again = score_battery(report.input)
    assert report_to_dict(again) == report_to_dict(report)


def test_balance_json_names_the_published_study_behind_each_norm() -> None:
    def as_json(age: int, sex: str, test_id: str, seconds: float) -> dict[str, Any]:
        report = score({test_id: {"left": seconds}}, age=age, sex=sex)
        data: dict[str, Any] = json.loads(json.dumps(report_to_dict(report)))
        return dict(data["results"][test_id])

    young = as_json(30, "female", "balance_eyes_open_s", 40)
    old = as_json(70, "female", "balance_eyes_open_s", 40)
    closed = as_json(30, "male", "balance_eyes_closed_s", 10)
    assert (young["norm"]["reference"], young["norm"]["source"]) == (44.7, "springer-2007")
    assert young["norm"]["citation"].startswith("Springer BA, Marin R, Cyhan T")
    assert young["band"] == {"left": "low"}
    assert (old["norm"]["reference"], old["norm"]["source"]) == (17.2, "bohannon-2006")
    assert old["norm"]["citation"].startswith("Bohannon RW. Single limb stance times")
    assert old["band"] == {"left": "typical"}
    assert (closed["norm"]["reference"], closed["norm"]["source"]) == (16.9, "springer-2007")
    assert closed["band"] == {"left": "low"}
