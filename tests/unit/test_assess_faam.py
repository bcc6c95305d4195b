"""FAAM scoring: N/A items left out, sum / (answered x 4) x 100, the 90%-answered rule."""

from __future__ import annotations

import pytest

from footcore.domain.assessments import min_answered, score_battery, score_subscale


def test_ninety_percent_of_21_items_means_19_answered() -> None:
    assert min_answered(21) == 19  # 0.9 x 21 = 18.9


def test_ninety_percent_of_8_items_means_all_8_answered() -> None:
    assert min_answered(8) == 8  # 0.9 x 8 = 7.2, and 7/8 = 87.5% falls short


def test_all_items_at_no_difficulty_score_100() -> None:
    assert score_subscale("adl", [4] * 21).percent == 100.0


def test_all_items_unable_score_0() -> None:
    assert score_subscale("sports", [0] * 8).percent == 0.0


def test_not_applicable_items_are_left_out_of_the_maximum() -> None:
    score = score_subscale("adl", [4] * 20 + [None])
    assert score.answered == 20
    assert score.percent == 100.0  # 80 / (20 x 4), not 80 / 84


def test_score_is_sum_over_answered_times_four() -> None:
    answers = [4] * 10 + [2] * 9 + [None] * 2  # sum 58, 19 answered
    score = score_subscale("adl", answers)
    assert score.total == 58
    assert score.percent == round(58 / (19 * 4) * 100, 1) == 76.3


def test_19_of_21_adl_items_answered_is_enough() -> None:
    score = score_subscale("adl", [3] * 19 + [None] * 2)
    assert score.scored
    assert score.percent == 75.0


def test_18_of_21_adl_items_answered_is_not_scored() -> None:
    score = score_subscale("adl", [3] * 18 + [None] * 3)
    assert not score.scored
    assert score.percent is None
    assert score.note is not None
    assert "18 of 21" in score.note
    assert "at least 19" in score.note


def test_8_of_8_sports_items_answered_is_scored() -> None:
    assert score_subscale("sports", [3] * 8).percent == 75.0


def test_7_of_8_sports_items_answered_is_not_scored() -> None:
    score = score_subscale("sports", [4] * 7 + [None])
    assert score.percent is None
    assert score.note is not None
    assert "7 of 8" in score.note


def test_a_wrong_item_count_is_a_programming_error_not_a_score() -> None:
    with pytest.raises(ValueError, match="21 items"):
        score_subscale("adl", [4] * 20)


def test_battery_reports_each_subscale_and_explains_an_unscored_one() -> None:
    report = score_battery(
        {
            "age": 40,
            "sex": "male",
            "results": {"faam": {"adl": [4] * 21, "sports": ["n/a"] * 2 + [2] * 6}},
        }
    )
    faam = report.results["faam"]
    adl, sports = faam.measure("adl"), faam.measure("sports")
    assert adl is not None
    assert sports is not None
    assert adl.number == 100.0
    assert sports.number is None
    assert sports.extra == {"answered": 6, "items": 8}
    assert any("Sports" in n and "6 of 8" in n for n in faam.notes)


def test_one_subscale_alone_is_accepted() -> None:
    report = score_battery({"age": 40, "sex": "male", "results": {"faam": {"sports": [4] * 8}}})
    faam = report.results["faam"]
    assert [m.part for m in faam.measures] == ["sports"]
