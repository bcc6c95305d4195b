"""Exercises turn into the JSON contract and into plain words the same way everywhere."""

from __future__ import annotations

import json

import pytest

from footcore.catalogue.export import dose_in_words, dose_summary, exercise_to_dict
from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.exercise import Dose, Tempo
from footcore.domain.vocab import Equipment

RATHLEFF = Dose(sets=3, reps=12, per_side=True, rest_s=120, tempo=Tempo(3, 2, 3))


@pytest.mark.parametrize(
    ("dose", "summary", "words"),
    [
        (
            Dose(sets=2, reps=8, hold_s=5, per_side=True, rest_s=20),
            "2×8, 5 s hold, each side",
            "2 sets of 8 reps on each side, holding each 5 s; rest 20 s between sets.",
        ),
        (
            RATHLEFF,
            "3×12, tempo 3-2-3, each side",
            "3 sets of 12 reps on each side; each rep 3 s up, 2 s hold, 3 s down; "
            "rest 2 min between sets.",
        ),
        (
            Dose(sets=3, reps=1, hold_s=20, per_side=True, rest_s=10),
            "3×20 s hold, each side",
            "3 holds of 20 s on each side; rest 10 s between sets.",
        ),
        (
            Dose(sets=1, reps=6, hold_s=10, per_side=True),
            "1×6, 10 s hold, each side",
            "6 holds of 10 s on each side.",
        ),
        (
            Dose(sets=1, duration_s=60, per_side=True),
            "1×60 s, each side",
            "1 set of 60 s on each side.",
        ),
        (
            Dose(sets=1, steps=2500),
            "2,500 steps a day",
            "2,500 steps a day, spread through the day.",
        ),
        (Dose(sets=1, reps=10), "1×10", "1 set of 10 reps."),
    ],
)
def test_a_dose_reads_the_same_in_a_table_and_on_a_card(
    dose: Dose, summary: str, words: str
) -> None:
    assert dose_summary(dose) == summary
    assert dose_in_words(dose) == words


def test_exercise_to_dict_is_json_ready_and_keeps_vocabulary_terms_as_slugs() -> None:
    ex = builtin_catalogue().get("ball-roll-sole")
    data = exercise_to_dict(ex)
    assert json.loads(json.dumps(data)) == data
    assert data["category"] == "release"
    assert data["equipment"] == ["ball"]
    assert data["substitutes"] == {"ball": ex.substitutes[Equipment.BALL]}
    assert data["stretch_depth"] is None
    assert data["dose"]["duration_s"] == 60
    assert data["dose"]["tempo"] is None
    assert data["origin"] == "builtin"


def test_a_tempo_exports_as_whole_seconds() -> None:
    data = exercise_to_dict(builtin_catalogue().get("heel-raise-step-towel"))
    assert data["dose"]["tempo"] == {"up_s": 3, "hold_s": 2, "down_s": 3}
    assert data["dose_summary"] == "3×12, tempo 3-2-3, each side"
