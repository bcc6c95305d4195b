"""The FIT workout export, read back with fitdecode (an independent FIT decoder)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import fitdecode  # type: ignore[import-untyped]

from footcore.domain.exercise import Tempo
from footcore.domain.planning import PlanItem, Session
from footcore.domain.vocab import Category, Load, Slot
from footcore.io.fitworkout import (
    ANKLE_CIRCLES,
    CALF_RAISE,
    CUSTOM_NAME_BASE,
    SINGLE_LEG_STANDING_CALF_RAISE,
    WARM_UP,
    session_to_fit,
)

DATE = dt.date(2027, 1, 4)


def item(slug: str, name: str, category: Category, **dose: Any) -> PlanItem:
    values: dict[str, Any] = {
        "sets": 1,
        "reps": None,
        "hold_s": None,
        "duration_s": None,
        "per_side": False,
        "load": Load.NONE,
    }
    values.update(dose)
    return PlanItem(exercise=slug, name=name, category=category, why="test", minutes=1.0, **values)


SESSION = Session(
    slot=Slot.MORNING,
    minutes=9.0,
    items=(
        item("ankle-circles", "Ankle circles", Category.WARM_UP, reps=10, per_side=True),
        item("big-toe-lift", "Big-toe lift", Category.ACTIVATE, reps=12, hold_s=2),
        item("ball-roll-sole", "Ball roll under the sole", Category.RELEASE, duration_s=60),
        item(
            "heel-raise-step-towel",
            "Heel raise on a step",
            Category.STRENGTHEN,
            sets=3,
            reps=12,
            per_side=True,
            load=Load.HEAVY,
            rest_s=120,
            tempo=Tempo(3, 2, 3),
        ),
    ),
)


def decode(data: bytes) -> dict[str, list[dict[str, Any]]]:
    messages: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                fields = {f.name: f.value for f in frame.fields}
                raw = {f.name: f.raw_value for f in frame.fields}
                messages.setdefault(frame.name, []).append({**fields, "_raw": raw})
    return messages


def test_the_file_is_a_training_workout_named_after_the_session() -> None:
    messages = decode(session_to_fit(SESSION, DATE))
    assert messages["file_id"][0]["type"] == "workout"
    workout = messages["workout"][0]
    assert workout["wkt_name"] == "Foot Morning 2027-01-04"
    assert workout["sport"] == "training"
    assert workout["num_valid_steps"] == len(messages["workout_step"])


def test_steps_follow_the_session_with_reps_time_sides_rest_and_repeats() -> None:
    steps = decode(session_to_fit(SESSION, DATE))["workout_step"]
    names = [s.get("wkt_step_name") for s in steps]
    assert names == [
        "Ankle circles (left)",
        "Ankle circles (right)",
        "Big-toe lift",
        "Ball roll under the sole",
        "Heel raise on a step (left)",
        "Heel raise on a step (right)",
        "Rest",
        None,  # the repeat step
    ]
    assert steps[0]["duration_type"] == "reps"
    assert steps[0]["duration_reps"] == 10
    assert steps[2]["duration_reps"] == 12
    assert steps[2]["notes"] == "hold each 2 s"
    assert steps[3]["duration_type"] == "time"
    assert steps[3]["duration_time"] == 60
    assert steps[4]["notes"] == "each rep 3 s up, 2 s hold, 3 s down"
    assert steps[6]["intensity"] == "rest"
    assert steps[6]["duration_time"] == 120
    repeat = steps[7]
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert repeat["duration_step"] == 4  # back to the left-foot heel raise
    assert repeat["repeat_steps"] == 3


def test_steps_use_the_nearest_fit_category_and_a_custom_title_for_toe_work() -> None:
    messages = decode(session_to_fit(SESSION, DATE))
    steps = messages["workout_step"]
    assert steps[0]["_raw"]["exercise_category"] == WARM_UP
    assert steps[0]["exercise_name"] == ANKLE_CIRCLES
    assert steps[4]["_raw"]["exercise_category"] == CALF_RAISE
    assert steps[4]["exercise_name"] == SINGLE_LEG_STANDING_CALF_RAISE
    toe = steps[2]
    assert toe["_raw"]["exercise_category"] == 65534  # no FIT category for toe work
    assert toe["exercise_name"] == CUSTOM_NAME_BASE
    titles = {
        (t["_raw"]["exercise_category"], t["exercise_name"]): t["wkt_step_name"]
        for t in messages["exercise_title"]
    }
    assert titles[(65534, CUSTOM_NAME_BASE)] == "Big-toe lift"
    assert titles[(65534, CUSTOM_NAME_BASE + 1)] == "Ball roll under the sole"
    assert titles[(CALF_RAISE, SINGLE_LEG_STANDING_CALF_RAISE)] == "Heel raise on a step"


def test_long_names_are_clipped_but_keep_the_side() -> None:
    long_name = "A very long exercise name that goes on and on beyond fifty characters"
    session = Session(
        Slot.DESK, 1.0, (item("x-long", long_name, Category.ACTIVATE, reps=5, per_side=True),)
    )
    steps = decode(session_to_fit(session, DATE))["workout_step"]
    assert steps[0]["wkt_step_name"].endswith("… (left)")
    assert len(steps[0]["wkt_step_name"]) <= 50
