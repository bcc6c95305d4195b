"""Exercises turn into the JSON contract; the dose in words is the one formatter's
(tests/unit/test_wording.py)."""

from __future__ import annotations

import json

from footcore.catalogue.loader import builtin_catalogue
from footcore.catalogue.plain_data import exercise_to_dict
from footcore.domain.vocab import Equipment


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
    assert data["dose_summary"] == "3 x 12, each rep 3 s up, 2 s hold, 3 s down, each foot"
