"""The time model: reps x tempo, holds, sides, sets, rest and set-up, in seconds and minutes."""

from __future__ import annotations

from footcore.domain.exercise import Dose, Tempo
from footcore.domain.timing import (
    DEFAULT_REST_S,
    REP_S,
    SETUP_S,
    STEPS_PER_MINUTE,
    TRANSITION_S,
    dose_seconds,
    item_minutes,
    to_minutes,
    total_minutes,
)
from footcore.domain.vocab import Load


def test_a_plain_rep_takes_two_seconds_plus_set_up() -> None:
    assert dose_seconds(Dose(sets=1, reps=10)) == SETUP_S + 10 * REP_S


def test_a_hold_lengthens_every_rep() -> None:
    assert dose_seconds(Dose(sets=1, reps=5, hold_s=10)) == SETUP_S + 5 * (REP_S + 10)


def test_a_tempo_replaces_the_default_rep_time() -> None:
    rathleff = Dose(sets=1, reps=12, tempo=Tempo(3, 2, 3))
    assert dose_seconds(rathleff, Load.HEAVY) == SETUP_S + 12 * 8


def test_a_timed_bout_lasts_its_duration() -> None:
    assert dose_seconds(Dose(sets=1, duration_s=60)) == SETUP_S + 60


def test_per_side_doubles_the_work_and_adds_a_switch() -> None:
    one = dose_seconds(Dose(sets=1, duration_s=60))
    both = dose_seconds(Dose(sets=1, duration_s=60, per_side=True))
    assert both == one + 60 + TRANSITION_S


def test_rest_between_sets_comes_from_the_load_when_the_dose_gives_none() -> None:
    light = dose_seconds(Dose(sets=3, reps=15), Load.LIGHT)
    work = 3 * 15 * REP_S
    assert light == SETUP_S + work + 2 * TRANSITION_S + 2 * DEFAULT_REST_S[Load.LIGHT]
    assert dose_seconds(Dose(sets=3, reps=15, rest_s=40), Load.LIGHT) == (
        SETUP_S + work + 2 * TRANSITION_S + 2 * 40
    )


def test_alternating_sides_count_the_other_foots_set_as_rest() -> None:
    # 3 x 12 heel raises at 8 s a rep: 96 s a set, rest 120 s: only 24 s of rest is added.
    dose = Dose(sets=3, reps=12, per_side=True, rest_s=120, tempo=Tempo(3, 2, 3))
    expected = SETUP_S + 2 * 3 * 96 + 5 * TRANSITION_S + 2 * 24
    assert dose_seconds(dose, Load.HEAVY) == expected
    assert item_minutes(dose, Load.HEAVY) == 11.1


def test_walking_steps_take_their_own_time_without_set_up() -> None:
    assert dose_seconds(Dose(sets=1, steps=2500)) == 2500 / STEPS_PER_MINUTE * 60


def test_minutes_round_up_to_the_next_tenth_never_down() -> None:
    assert to_minutes(60) == 1.0
    assert to_minutes(61) == 1.1
    assert to_minutes(0) == 0.0
    assert item_minutes(Dose(sets=1, reps=10)) == 0.6  # 35 s


def test_session_minutes_are_the_sum_of_item_minutes_to_one_decimal() -> None:
    assert total_minutes([0.1, 0.2, 2.4]) == 2.7
    assert total_minutes(()) == 0.0
