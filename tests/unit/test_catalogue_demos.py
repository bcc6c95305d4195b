"""An exercise's drawing (``[exercise.demo]``) is checked like the rest of the exercise:
located, with the allowed terms and the closest match, every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from footcore.catalogue.loader import load_catalogue
from tests.unit.test_catalogue_validation import exercise, only, problems_of, where, write

FRONT = {
    "view": "foot-front",
    "poses": [
        {"label": "All toes down"},
        {"label": "Big toe up", "lift": [40, 0, 0, 0, 0], "press": ["toe-2"]},
    ],
}


def drawn(demo: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return exercise(demo=demo, **changes)


def test_a_coach_exercise_with_poses_of_its_own_loads_and_is_drawn(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", drawn(FRONT))
    demo = load_catalogue([tmp_path]).get("coach-arch-hold").demo
    assert demo is not None
    assert [p.label for p in demo.poses] == ["All toes down", "Big toe up"]
    assert dict(demo.poses[1].angles)["lift"] == (40.0, 0.0, 0.0, 0.0, 0.0)


def test_like_reuses_the_drawing_of_the_exercise_it_names(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", drawn({"like": "short-foot-standing"}))
    cat = load_catalogue([tmp_path])
    assert cat.get("coach-arch-hold").demo == cat.get("short-foot-standing").demo is not None


def test_a_coach_exercise_without_a_drawing_still_loads(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", exercise())
    assert load_catalogue([tmp_path]).get("coach-arch-hold").demo is None


def test_like_naming_no_exercise_suggests_the_closest(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", drawn({"like": "short-foot-standin"}))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.like"))
    assert "unknown exercise 'short-foot-standin'" in problem.message
    assert "did you mean 'short-foot-standing'" in problem.message


def test_like_needs_an_exercise_with_poses_of_its_own(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.toml",
        drawn({"like": "coach-plain"}),
        exercise("coach-plain"),
    )
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.like"))
    assert "'coach-plain' has no drawing of its own" in problem.message


def test_like_stands_alone(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", drawn({"like": "short-foot-standing", "view": "leg"}))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.like"))
    assert "give it alone" in problem.message


def test_a_misspelt_pose_key_is_named_with_the_closest_key(tmp_path: Path) -> None:
    demo = {"view": "body", "poses": [{"label": "A"}, {"label": "B", "kne": 30}]}
    path = write(tmp_path, "mine.toml", drawn(demo))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.poses[1].kne"))
    assert "unknown key 'kne'; did you mean 'knee'?" in problem.message


def test_an_angle_out_of_range_is_reported_with_the_range(tmp_path: Path) -> None:
    demo = {"view": "body", "poses": [{"label": "A"}, {"label": "B", "knee": 200}]}
    path = write(tmp_path, "mine.toml", drawn(demo))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.poses[1].knee"))
    assert problem.message == "200 is out of range for knee (from -5 to 160)"


def test_a_misspelt_point_is_named_with_the_closest_point(tmp_path: Path) -> None:
    demo = {
        "view": "body",
        "anchor": "near-hel",
        "poses": [{"label": "A"}, {"label": "B", "knee": 20}],
    }
    path = write(tmp_path, "mine.toml", drawn(demo))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.anchor"))
    assert "'near-hel' is not a point of the body view; did you mean 'near-heel'" in (
        problem.message
    )


def test_angles_of_the_other_view_are_refused(tmp_path: Path) -> None:
    demo = {"view": "foot-front", "poses": [{"label": "A"}, {"label": "B", "knee": 20}]}
    path = write(tmp_path, "mine.toml", drawn(demo))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.poses[1].knee"))
    assert (
        problem.message
        == "'knee' is not an angle of the foot-front view (it takes tilt, lift, spread)"
    )


def test_a_misspelt_prop_lists_the_props(tmp_path: Path) -> None:
    demo = {**FRONT, "props": [{"kind": "towl", "at": "heel"}]}
    path = write(tmp_path, "mine.toml", drawn(demo))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.props[0].kind"))
    assert "'towl' is not a known prop; did you mean 'towel'" in problem.message
    assert "allowed: step, wall" in problem.message


def test_the_drawing_must_show_the_equipment_the_exercise_uses(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", drawn(FRONT, equipment=["towel"]))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "demo.props"))
    assert "uses a towel: show it" in problem.message


def test_an_exercise_that_moves_needs_two_poses_that_differ(tmp_path: Path) -> None:
    one = {"view": "leg", "poses": [{"label": "A", "arch": 1}]}
    same = {"view": "leg", "poses": [{"label": "A", "arch": 1}, {"label": "B", "arch": 1}]}
    a = write(tmp_path, "a.toml", drawn(one, slug="coach-one"))
    b = write(tmp_path, "b.toml", drawn(same, slug="coach-same"))
    problems = problems_of(tmp_path)
    assert "repeats a movement" in only(problems, where(a, "coach-one", "demo.poses")).message
    assert "same position as pose 1" in (
        only(problems, where(b, "coach-same", "demo.poses[1]")).message
    )


def test_a_held_exercise_may_be_drawn_in_one_pose(tmp_path: Path) -> None:
    hold = {"view": "body", "poses": [{"label": "On one leg", "knee": [0, 80]}]}
    dose = {"sets": 3, "reps": 1, "hold_s": 20, "per_side": True}
    write(tmp_path, "mine.toml", drawn(hold, dose=dose))
    demo = load_catalogue([tmp_path]).get("coach-arch-hold").demo
    assert demo is not None
    assert demo.is_hold


def test_pairs_and_toe_lists_have_the_right_length(tmp_path: Path) -> None:
    demo = {
        "view": "body",
        "poses": [{"label": "A"}, {"label": "B", "knee": [10, 20, 30], "trunk": [1, 2]}],
    }
    front = {"view": "foot-front", "poses": [{"label": "A"}, {"label": "B", "lift": [1, 2]}]}
    a = write(tmp_path, "a.toml", drawn(demo, slug="coach-a"))
    b = write(tmp_path, "b.toml", drawn(front, slug="coach-b"))
    problems = problems_of(tmp_path)
    assert (
        "[near, far] (found 3)" in only(problems, where(a, "coach-a", "demo.poses[1].knee")).message
    )
    assert (
        "the body has one trunk"
        in only(problems, where(a, "coach-a", "demo.poses[1].trunk")).message
    )
    assert (
        "five from the big toe" in only(problems, where(b, "coach-b", "demo.poses[1].lift")).message
    )


def test_a_drawing_without_a_view_or_poses_says_what_to_give(tmp_path: Path) -> None:
    a = write(tmp_path, "a.toml", drawn({"poses": [{"label": "A"}]}, slug="coach-a"))
    b = write(tmp_path, "b.toml", drawn({"view": "leg"}, slug="coach-b"))
    problems = problems_of(tmp_path)
    assert "give the view (body, leg or foot-front)" in (
        only(problems, where(a, "coach-a", "demo.view")).message
    )
    assert "give at least one pose" in only(problems, where(b, "coach-b", "demo.poses")).message


def test_every_problem_of_a_drawing_is_reported_with_the_rest_of_the_exercise(
    tmp_path: Path,
) -> None:
    demo = {
        "view": "body",
        "anchor": "near-hel",
        "emphasis": ["near-calf"],
        "props": [{"kind": "band", "at": "near-ball"}],
        "poses": [{"label": "A", "knee": 200}, {"label": "B", "kne": 3}],
    }
    path = write(tmp_path, "mine.toml", drawn(demo, load="hevy", cues=["One."]))
    places = {p.where for p in problems_of(tmp_path)}
    assert places >= {
        where(path, "coach-arch-hold", "load"),
        where(path, "coach-arch-hold", "demo.poses[1].kne"),
    }
    # The exercise's own rules still run while the drawing's schema is broken.
    write(tmp_path, "mine.toml", drawn({**demo, "poses": demo["poses"][:1]}, cues=["One."]))
    places = {p.where for p in problems_of(tmp_path)}
    assert places >= {
        where(path, "coach-arch-hold", "cues"),
        where(path, "coach-arch-hold", "demo.anchor"),
        where(path, "coach-arch-hold", "demo.emphasis"),
        where(path, "coach-arch-hold", "demo.props[0].to"),
        where(path, "coach-arch-hold", "demo.poses[0].knee"),
        where(path, "coach-arch-hold", "demo.poses"),
    }
