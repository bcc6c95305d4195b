"""One planned session as a FIT workout file for a watch, written with ``fit-tool``.

The file holds a ``file_id`` (type workout), a ``workout`` (sport training, the session's
name) and its ``workout_step`` messages, in the session's order:

- a repetition dose becomes a step ending after ``reps`` repetitions (duration type REPS);
  a timed bout or a single hold becomes a step ending after that many seconds (TIME);
- a dose done on each side becomes two steps, "(left)" and "(right)";
- several sets become the set's steps, a rest step (when there is rest) and a repeat step
  that goes back to the first step of the set until the sets are done;
- each step carries the nearest FIT exercise category (DOMAIN.md section 6: CALF_RAISE = 1,
  WARM_UP = 31, BANDED_EXERCISES = 37) and exercise name where the FIT profile has one (see
  :data:`FIT_EXERCISES`); toe and arch work has no FIT category, so those steps carry the
  exercise's own name as a custom title (``exercise_title`` messages name every category and
  name pair used, so watches show footcore's names throughout).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from footcore.domain.planning import PlanItem, Session
from footcore.domain.timing import DEFAULT_REST_S
from footcore.domain.vocab import Slot

# FIT profile numbers (exercise_category and the per-category exercise_name enumerations).
CALF_RAISE = 1
WARM_UP = 31
BANDED_EXERCISES = 37
UNKNOWN_CATEGORY = 65534
# calf_raise_exercise_name
STANDING_CALF_RAISE = 18
SINGLE_LEG_STANDING_CALF_RAISE = 15
SINGLE_LEG_BENT_KNEE_CALF_RAISE = 9
# warm_up_exercise_name
ANKLE_CIRCLES = 2
ANKLE_DORSIFLEXION_WITH_BAND = 3
STRETCH_CALF = 37
ANKLE_LUNGES = 77
ANKLE_STRETCH = 87
#: Custom titles without a FIT name use exercise_name numbers from here up, one per title.
CUSTOM_NAME_BASE = 1000
MAX_NAME = 50


@dataclass(frozen=True)
class FitExercise:
    """The FIT exercise category and name of a footcore exercise (name None: custom)."""

    category: int
    name: int | None


#: footcore exercise slug -> nearest FIT exercise. Exercises not listed have no FIT category.
FIT_EXERCISES: Mapping[str, FitExercise] = {
    "ankle-circles": FitExercise(WARM_UP, ANKLE_CIRCLES),
    "ankle-rotations-assisted": FitExercise(WARM_UP, ANKLE_CIRCLES),
    "point-and-flex": FitExercise(WARM_UP, ANKLE_STRETCH),
    "dorsiflexion-hold": FitExercise(WARM_UP, ANKLE_STRETCH),
    "knee-over-toe-lunge": FitExercise(WARM_UP, ANKLE_LUNGES),
    "calf-wall-stretch": FitExercise(WARM_UP, STRETCH_CALF),
    "band-dorsiflexion": FitExercise(WARM_UP, ANKLE_DORSIFLEXION_WITH_BAND),
    "band-plantarflexion": FitExercise(BANDED_EXERCISES, None),
    "band-inversion": FitExercise(BANDED_EXERCISES, None),
    "band-inversion-heavy": FitExercise(BANDED_EXERCISES, None),
    "band-eversion": FitExercise(BANDED_EXERCISES, None),
    "band-eversion-heavy": FitExercise(BANDED_EXERCISES, None),
    "big-toe-band-stretch": FitExercise(BANDED_EXERCISES, None),
    "heel-raise-double-supported": FitExercise(CALF_RAISE, STANDING_CALF_RAISE),
    "calf-raise-double": FitExercise(CALF_RAISE, STANDING_CALF_RAISE),
    "calf-raise-two-up-one-down": FitExercise(CALF_RAISE, SINGLE_LEG_STANDING_CALF_RAISE),
    "calf-raise-single": FitExercise(CALF_RAISE, SINGLE_LEG_STANDING_CALF_RAISE),
    "heel-raise-step-towel": FitExercise(CALF_RAISE, SINGLE_LEG_STANDING_CALF_RAISE),
    "heel-raise-step-towel-loaded": FitExercise(CALF_RAISE, SINGLE_LEG_STANDING_CALF_RAISE),
    "eccentric-heel-drop-straight": FitExercise(CALF_RAISE, SINGLE_LEG_STANDING_CALF_RAISE),
    "eccentric-heel-drop-bent": FitExercise(CALF_RAISE, SINGLE_LEG_BENT_KNEE_CALF_RAISE),
}

SLOT_NAMES: Mapping[Slot, str] = {
    Slot.MORNING: "Morning",
    Slot.DESK: "Desk",
    Slot.TEETH: "Teeth",
    Slot.TV: "TV",
    Slot.PRE_RUN: "Pre-run",
    Slot.POST_RUN: "Post-run",
}


def fit_exercise(slug: str) -> FitExercise:
    """The FIT category and name for an exercise (unknown category and a custom title)."""
    return FIT_EXERCISES.get(slug, FitExercise(UNKNOWN_CATEGORY, None))


def workout_name(date: dt.date, slot: Slot) -> str:
    return f"Foot {SLOT_NAMES[slot]} {date.isoformat()}"


def _clip(text: str, room: int = MAX_NAME) -> str:
    return text if len(text) <= room else text[: room - 1] + "…"


class _ExerciseTitles:
    """The FIT exercise (category, name) of each item, with a custom name number for each
    exercise without a FIT name, and the title each pair shows on the watch."""

    def __init__(self) -> None:
        self.titles: dict[tuple[int, int], str] = {}
        self._custom: dict[str, int] = {}

    def exercise_of(self, item: PlanItem) -> tuple[int, int]:
        fit = fit_exercise(item.exercise)
        if fit.name is not None:
            number = fit.name
        else:
            number = self._custom.setdefault(item.exercise, CUSTOM_NAME_BASE + len(self._custom))
        self.titles.setdefault((fit.category, number), _clip(item.name))
        return fit.category, number


# The fit_tool imports below are deferred: fit_tool loads only when a FIT workout is written.
# mypy reports an untyped module at its first import in a file only, so only those lines
# carry the ignore.


def _file_id(when: dt.datetime) -> Any:
    from fit_tool.profile.messages.file_id_message import FileIdMessage  # type: ignore[import-untyped]  # noqa: PLC0415
    from fit_tool.profile.profile_type import FileType, Manufacturer  # type: ignore[import-untyped]  # noqa: PLC0415

    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = round(when.timestamp() * 1000)
    file_id.serial_number = 0x0F00C0DE
    return file_id


def _step_notes(item: PlanItem) -> str | None:
    """What the step's duration does not say: the tempo or hold of each rep, added load."""
    dose = item.dose
    notes = []
    if dose.tempo is not None:
        notes.append(f"each rep {dose.tempo}")
    elif dose.hold_s is not None and dose.reps not in (None, 1):
        notes.append(f"hold each {dose.hold_s} s")
    if item.added_load:
        notes.append(item.added_load)
    return _clip("; ".join(notes)) if notes else None


def _work_step(item: PlanItem, side: str, index: int, exercise: tuple[int, int]) -> Any:
    """One side of one set: ends after the bout's or the single hold's seconds, or after
    the repetitions."""
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage  # type: ignore[import-untyped]  # noqa: PLC0415
    from fit_tool.profile.profile_type import (  # noqa: PLC0415
        Intensity,
        WorkoutStepDuration,
        WorkoutStepTarget,
    )

    step = WorkoutStepMessage()
    step.message_index = index
    step.workout_step_name = _clip(item.name, MAX_NAME - len(side)) + side
    step.intensity = Intensity.ACTIVE if item.category.value != "warm-up" else Intensity.WARMUP
    step.target_type = WorkoutStepTarget.OPEN
    step.target_value = 0
    step.exercise_category, step.exercise_name = exercise
    dose = item.dose
    if dose.duration_s is not None:
        step.duration_type = WorkoutStepDuration.TIME
        step.duration_time = float(dose.duration_s)
    elif dose.reps == 1 and dose.hold_s is not None:
        step.duration_type = WorkoutStepDuration.TIME
        step.duration_time = float(dose.hold_s)
    else:
        step.duration_type = WorkoutStepDuration.REPS
        step.duration_reps = int(dose.reps or 1)
    notes = _step_notes(item)
    if notes is not None:
        step.notes = notes
    return step


def _rest_step(index: int, rest_s: int) -> Any:
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage  # noqa: PLC0415
    from fit_tool.profile.profile_type import (  # noqa: PLC0415
        Intensity,
        WorkoutStepDuration,
        WorkoutStepTarget,
    )

    rest = WorkoutStepMessage()
    rest.message_index = index
    rest.workout_step_name = "Rest"
    rest.intensity = Intensity.REST
    rest.duration_type = WorkoutStepDuration.TIME
    rest.duration_time = float(rest_s)
    rest.target_type = WorkoutStepTarget.OPEN
    rest.target_value = 0
    return rest


def _repeat_step(index: int, first: int, sets: int) -> Any:
    """Back to step ``first`` until ``sets`` sets are done."""
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage  # noqa: PLC0415
    from fit_tool.profile.profile_type import WorkoutStepDuration, WorkoutStepTarget  # noqa: PLC0415

    repeat = WorkoutStepMessage()
    repeat.message_index = index
    repeat.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
    repeat.duration_step = first
    repeat.target_type = WorkoutStepTarget.OPEN
    repeat.target_repeat_steps = sets
    return repeat


def _item_steps(item: PlanItem, first: int, titles: _ExerciseTitles) -> list[Any]:
    """The item's steps, numbered from ``first``: a work step per side, then (for several
    sets) a rest step when there is rest and the repeat step."""
    steps: list[Any] = []
    for side in (" (left)", " (right)") if item.per_side else ("",):
        steps.append(_work_step(item, side, first + len(steps), titles.exercise_of(item)))
    if item.sets > 1:
        rest_s = item.rest_s or int(DEFAULT_REST_S[item.load])
        if rest_s > 0:
            steps.append(_rest_step(first + len(steps), rest_s))
        steps.append(_repeat_step(first + len(steps), first, item.sets))
    return steps


def _workout(session: Session, date: dt.date, num_steps: int) -> Any:
    from fit_tool.profile.messages.workout_message import WorkoutMessage  # type: ignore[import-untyped]  # noqa: PLC0415
    from fit_tool.profile.profile_type import Sport, SubSport  # noqa: PLC0415

    workout = WorkoutMessage()
    workout.workout_name = workout_name(date, session.slot)
    workout.sport = Sport.TRAINING
    workout.sub_sport = SubSport.STRENGTH_TRAINING
    workout.num_valid_steps = num_steps
    return workout


def _title_messages(titles: _ExerciseTitles) -> list[Any]:
    from fit_tool.profile.messages.exercise_title_message import ExerciseTitleMessage  # type: ignore[import-untyped]  # noqa: PLC0415

    messages = []
    for index, ((category, number), title) in enumerate(titles.titles.items()):
        message = ExerciseTitleMessage()
        message.message_index = index
        message.exercise_category = category
        message.exercise_name = number
        message.workout_step_name = title
        messages.append(message)
    return messages


def session_to_fit(
    session: Session,
    date: dt.date,
    *,
    created: dt.datetime | None = None,
) -> bytes:
    """The session as the bytes of a FIT workout file."""
    # Deferred, as in the message helpers above.
    from fit_tool.fit_file_builder import FitFileBuilder  # type: ignore[import-untyped]  # noqa: PLC0415

    when = created or dt.datetime.now(dt.UTC)
    titles = _ExerciseTitles()
    steps: list[Any] = []
    for item in session.items:
        if item.dose.steps is not None:  # walking doses are spread through the day
            continue
        steps += _item_steps(item, len(steps), titles)

    builder = FitFileBuilder(auto_define=True, min_string_size=MAX_NAME)
    builder.add(_file_id(when))
    builder.add(_workout(session, date, len(steps)))
    builder.add_all(steps)
    for message in _title_messages(titles):
        builder.add(message)
    return bytes(builder.build().to_bytes())
