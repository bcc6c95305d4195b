"""Parsing an assessment: accepted shapes, and every bad input named with its allowed range."""

from __future__ import annotations

import datetime as dt

import pytest

from footcore.domain.assessments import (
    BalanceTries,
    FaamAnswers,
    PainReport,
    PerSide,
    ToeScores,
    battery_to_dict,
    parse_battery,
)
from footcore.domain.errors import ValidationError
from footcore.domain.vocab import PainSite, Sex


def problems(data: dict[str, object]) -> list[str]:
    with pytest.raises(ValidationError) as err:
        parse_battery(data)
    return [str(p) for p in err.value.problems]


def bad(results: object, **top: object) -> list[str]:
    data: dict[str, object] = {"age": 40, "sex": "female", "results": results, **top}
    return problems(data)


# --- accepted shapes -----------------------------------------------------------------------


def test_a_full_battery_parses_into_typed_values() -> None:
    battery = parse_battery(
        {
            "age": 38,
            "sex": "Female",
            "date": "2026-11-21",
            "notes": "after an easy week",
            "results": {
                "knee_to_wall_cm": {"left": 8, "right": 11.5},
                "balance_eyes_open_s": {"left": [12, 30], "right": 20},
                "toe_isolation": {"left": {"spread": 1, "big_toe_lift": 3, "small_toe_lift": 2}},
                "short_foot": {"left": "Poor"},
                "paper_grip": {"right": "pass"},
                "pain_nrs": {"nrs": 4, "site": "heel", "when": "first-steps", "side": "left"},
                "faam": {"adl": [4] * 20 + [None], "sports": ["n/a"] + [3] * 7},
            },
        }
    )
    assert battery.age == 38
    assert battery.sex is Sex.FEMALE
    assert battery.date == dt.date(2026, 11, 21)
    assert battery.notes == "after an easy week"
    r = battery.results
    assert r["knee_to_wall_cm"] == PerSide(left=8.0, right=11.5)
    assert r["balance_eyes_open_s"] == PerSide(
        left=BalanceTries((12.0, 30.0)), right=BalanceTries((20.0,))
    )
    assert r["toe_isolation"] == PerSide(left=ToeScores(1, 3, 2))
    assert r["short_foot"] == PerSide(left="poor")
    assert r["paper_grip"] == PerSide(right="pass")
    assert r["pain_nrs"] == PainReport(4, PainSite.HEEL, "first-steps", "left")
    faam = r["faam"]
    assert isinstance(faam, FaamAnswers)
    assert faam.adl == (4,) * 20 + (None,)
    assert faam.sports == (None,) + (3,) * 7


def test_pain_may_be_a_plain_number() -> None:
    battery = parse_battery({"age": 40, "sex": "male", "results": {"pain_nrs": 3}})
    assert battery.results["pain_nrs"] == PainReport(3)


def test_a_toml_date_value_is_accepted() -> None:
    battery = parse_battery(
        {"age": 40, "sex": "male", "date": dt.date(2027, 1, 4), "results": {"pain_nrs": 0}}
    )
    assert battery.date == dt.date(2027, 1, 4)


def test_the_input_mapping_round_trips() -> None:
    data: dict[str, object] = {
        "age": 61,
        "sex": "unspecified",
        "date": "2027-02-01",
        "results": {
            "knee_to_wall_cm": {"left": 8.5},
            "balance_eyes_open_s": {"left": [3, 4.5]},
            "toe_isolation": {"right": {"spread": 2, "big_toe_lift": 2, "small_toe_lift": 3}},
            "pain_nrs": {"nrs": 8, "site": "ankle", "swelling": True},
            "faam": {"sports": [None, 1, 2, 3, 4, 4, 4, 4]},
        },
    }
    assert battery_to_dict(parse_battery(data)) == data


# --- rejected input: every problem names the field and what is allowed -----------------------


def test_negative_centimetres_are_rejected_with_the_range() -> None:
    assert bad({"knee_to_wall_cm": {"left": -2}}) == [
        "results.knee_to_wall_cm.left: must be a number from 0 to 30 cm, got -2"
    ]


def test_400_heel_raises_are_rejected_with_the_range() -> None:
    assert bad({"heel_raise_reps": {"right": 400}}) == [
        "results.heel_raise_reps.right: must be a whole number from 0 to 150 reps, got 400"
    ]


def test_fractional_heel_raises_are_rejected() -> None:
    assert bad({"heel_raise_reps": {"left": 12.5}}) == [
        "results.heel_raise_reps.left: must be a whole number from 0 to 150 reps, got 12.5"
    ]


def test_a_7_on_a_0_to_3_item_is_rejected_with_the_range() -> None:
    got = bad({"toe_isolation": {"left": {"spread": 7, "big_toe_lift": 1, "small_toe_lift": 1}}})
    assert got == [
        "results.toe_isolation.left.spread: must be a whole number from 0 to 3 points, got 7"
    ]


def test_a_missing_or_unknown_toe_item_is_named() -> None:
    got = bad({"toe_isolation": {"left": {"spred": 2, "big_toe_lift": 1, "small_toe_lift": 1}}})
    assert got == [
        "results.toe_isolation.left.spred: unknown item; allowed: spread, big_toe_lift, "
        "small_toe_lift; did you mean 'spread'?",
        "results.toe_isolation.left.spread: missing; must be a whole number from 0 to 3 points",
    ]


def test_an_unknown_test_id_is_rejected_with_did_you_mean() -> None:
    assert bad({"knee_to_wal": {"left": 1}}) == [
        "results.knee_to_wal: unknown test id; did you mean 'knee_to_wall_cm'?"
    ]


def test_a_hyphenated_test_id_in_a_file_gets_the_canonical_spelling_suggested() -> None:
    assert bad({"heel-raise-reps": {"left": 1}}) == [
        "results.heel-raise-reps: unknown test id; did you mean 'heel_raise_reps'?"
    ]


def test_a_far_off_test_id_lists_the_known_ids() -> None:
    (message,) = bad({"zzz": 1})
    assert message.startswith("results.zzz: unknown test id (known: knee_to_wall_cm, ")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "results.pain_nrs: must be a whole number from 0 to 10, got true/false"),
        (11, "results.pain_nrs: must be a whole number from 0 to 10, got 11"),
        ("5", "results.pain_nrs: must be a whole number from 0 to 10, got '5'"),
        ({"site": "heel"}, "results.pain_nrs.nrs: missing; must be a whole number from 0 to 10"),
    ],
)
def test_bad_pain_values_are_named(value: object, message: str) -> None:
    assert bad({"pain_nrs": value}) == [message]


def test_bad_pain_details_are_named_with_the_choices() -> None:
    got = bad({"pain_nrs": {"nrs": 3, "site": "knee", "when": "mornings", "swelling": "yes"}})
    assert got == [
        "results.pain_nrs.site: must be one of heel, arch, achilles, achilles-insertion, ankle, "
        "forefoot, toes, got 'knee'",
        "results.pain_nrs.when: must be one of first-steps, during-activity, after-activity, "
        "next-morning, at-rest, all-day, got 'mornings'; did you mean 'next-morning'?",
        "results.pain_nrs.swelling: must be true or false, got 'yes'",
    ]


def test_sides_must_be_a_table_with_left_or_right() -> None:
    assert bad({"knee_to_wall_cm": 10}) == [
        "results.knee_to_wall_cm: must be a table with 'left' and/or 'right', got a number"
    ]
    assert bad({"knee_to_wall_cm": {}}) == [
        "results.knee_to_wall_cm: needs at least one of 'left' and 'right'"
    ]
    assert bad({"knee_to_wall_cm": {"middle": 10}}) == [
        "results.knee_to_wall_cm.middle: unknown side; allowed: left, right"
    ]


def test_balance_takes_at_most_three_tries_each_in_range() -> None:
    assert bad({"balance_eyes_open_s": {"left": [1, 2, 3, 4]}}) == [
        "results.balance_eyes_open_s.left: must be a number or a list of 1 to 3 tries, got 4 tries"
    ]
    assert bad({"balance_eyes_open_s": {"left": [10, -1]}}) == [
        "results.balance_eyes_open_s.left[1]: must be a number from 0 to 120 s, got -1"
    ]


def test_grades_and_pass_fail_name_their_choices() -> None:
    assert bad({"short_foot": {"left": "great"}, "paper_grip": {"left": "yes"}}) == [
        "results.short_foot.left: must be one of poor, fair, good, got 'great'",
        "results.paper_grip.left: must be one of fail, pass, got 'yes'",
    ]


def test_faam_item_count_and_item_range_are_checked() -> None:
    assert bad({"faam": {"adl": [4] * 20}}) == [
        "results.faam.adl: must list exactly 21 item answers, got 20"
    ]
    assert bad({"faam": {"sports": [4] * 7 + [5]}}) == [
        'results.faam.sports[7]: must be a whole number from 0 to 4, or null / "n/a" for not '
        "applicable, got 5"
    ]
    assert bad({"faam": {"total": 3}}) == [
        "results.faam.total: unknown subscale; allowed: adl, sports",
        "results.faam: needs at least one of 'adl' (21 items) and 'sports' (8 items)",
    ]


def test_age_sex_date_and_results_are_checked() -> None:
    got = problems({"age": 7, "sex": "femal", "date": "2026-13-01", "results": {}})
    assert got == [
        "age: must be a whole number from 10 to 110 years, got 7",
        "sex: must be one of female, male, unspecified, got 'femal'; did you mean 'female'?",
        "date: must be a date as YYYY-MM-DD, got '2026-13-01'",
        "results: is empty; give at least one test result",
    ]


def test_missing_keys_and_unknown_top_level_keys_are_named() -> None:
    assert problems({"resuts": {}}) == [
        "resuts: unknown key; allowed: age, sex, date, results, notes; did you mean 'results'?",
        "age: missing; must be a whole number from 10 to 110 years",
        "sex: missing; must be one of female, male, unspecified",
        "results: missing; a table of results keyed by test id",
    ]


def test_every_problem_is_reported_at_once() -> None:
    got = bad(
        {
            "knee_to_wall_cm": {"left": -1, "right": 31},
            "heel_raise_reps": {"left": 400},
            "unknown_test": 1,
        }
    )
    assert len(got) == 4


def test_the_error_message_counts_the_problems_and_names_the_subject() -> None:
    with pytest.raises(ValidationError) as err:
        parse_battery({"age": 40, "sex": "male", "results": {"pain_nrs": 12}}, subject="a.json")
    assert str(err.value).splitlines()[0] == "a.json: 1 problem"
