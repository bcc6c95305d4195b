"""The interactive battery's answers: re-asked when invalid, assembled into the file format."""

from __future__ import annotations

import pytest

from footcore.domain.assessments import TESTS, ValidRange, parse_battery
from footcore.domain.assessments.interview import (
    AnswerError,
    Skip,
    add_group,
    age_answer,
    battery_questions,
    choice_answer,
    faam_item_answer,
    number_answer,
    questions_for,
    sex_answer,
    signs_answer,
    tries_answer,
)


def test_a_number_in_range_is_accepted_with_a_decimal_comma() -> None:
    parse = number_answer(ValidRange(0, 30, unit="cm"))
    assert parse("11,5") == 11.5
    assert parse(" 8 ") == 8


@pytest.mark.parametrize("text", ["-3", "31", "ten", "", "nan"])
def test_a_bad_number_names_the_allowed_range(text: str) -> None:
    with pytest.raises(AnswerError, match="from 0 to 30 cm"):
        number_answer(ValidRange(0, 30, unit="cm"))(text)


def test_a_whole_number_question_rejects_fractions() -> None:
    with pytest.raises(AnswerError, match="whole number from 0 to 150"):
        number_answer(TESTS["heel_raise_reps"].valid)("12.5")


def test_skip_leaves_a_question_out() -> None:
    with pytest.raises(Skip):
        number_answer(ValidRange(0, 3))("skip")


def test_balance_tries_take_up_to_three_numbers() -> None:
    parse = tries_answer(TESTS["balance_eyes_open_s"].valid)
    assert parse("12 30 17.5") == [12, 30, 17.5]
    with pytest.raises(AnswerError, match="1 to 3 times"):
        parse("1 2 3 4")
    with pytest.raises(AnswerError, match="from 0 to 120 s"):
        parse("10 500")


def test_choices_accept_a_unique_prefix_and_suggest_on_a_typo() -> None:
    parse = choice_answer(("poor", "fair", "good"))
    assert parse("G") == "good"
    with pytest.raises(AnswerError, match="did you mean 'good'"):
        parse("goood")


def test_an_optional_choice_takes_enter_as_no_answer() -> None:
    assert choice_answer(("heel", "arch"), optional=True)("") is None


def test_age_and_sex_cannot_be_skipped() -> None:
    with pytest.raises(AnswerError, match="your age is needed"):
        age_answer("skip")
    assert age_answer("38") == 38
    with pytest.raises(AnswerError, match="female, male, unspecified"):
        sex_answer("skip")
    assert sex_answer("m") == "male"


def test_faam_items_take_0_to_4_or_na() -> None:
    assert faam_item_answer("4") == 4
    assert faam_item_answer("N/A") is None
    with pytest.raises(AnswerError, match="4 \\(no difficulty\\) to 0"):
        faam_item_answer("5")


def test_acute_signs_are_read_from_a_list() -> None:
    assert signs_answer("") == []
    assert signs_answer("swelling, cannot") == ["swelling", "cannot_bear_weight"]
    with pytest.raises(AnswerError, match="swelling, bruising"):
        signs_answer("itching")


def test_every_test_has_questions_and_the_faam_asks_all_29_items() -> None:
    sets = battery_questions()
    assert [s.test.id for s in sets] == list(TESTS)
    assert all(s.questions for s in sets)
    assert len(questions_for(TESTS["faam"]).questions) == 29
    assert len(questions_for(TESTS["toe_isolation"]).questions) == 6


def test_answers_assemble_into_an_assessment_that_parses() -> None:
    results: dict[str, object] = {}
    add_group(results, {("knee_to_wall_cm", "left"): 8.0})
    add_group(results, {("balance_eyes_open_s", "right"): [3, 4]})
    add_group(
        results,
        {
            ("toe_isolation", "left", "spread"): 1,
            ("toe_isolation", "left", "big_toe_lift"): 2,
            ("toe_isolation", "left", "small_toe_lift"): 3,
        },
    )
    add_group(
        results,
        {
            ("pain_nrs", "nrs"): 4,
            ("pain_nrs", "site"): "heel",
            ("pain_nrs", "when"): None,
            ("pain_nrs", "signs"): ["swelling"],
        },
    )
    add_group(results, {("faam", "sports", str(i)): 3 for i in range(8)})
    assert results == {
        "knee_to_wall_cm": {"left": 8.0},
        "balance_eyes_open_s": {"right": [3, 4]},
        "toe_isolation": {"left": {"spread": 1, "big_toe_lift": 2, "small_toe_lift": 3}},
        "pain_nrs": {"nrs": 4, "site": "heel", "swelling": True},
        "faam": {"sports": [3] * 8},
    }
    parse_battery({"age": 40, "sex": "male", "results": results})
