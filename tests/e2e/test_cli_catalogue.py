"""`footcore exercises`, `footcore exercise SLUG` and `footcore catalogue check DIR`, as a user
runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner, Result

from footcore.catalogue.loader import builtin_catalogue
from footcore.cli import console
from footcore.cli.app import app

CONTRACT_KEYS = {
    "slug",
    "name",
    "category",
    "equipment",
    "position",
    "slots",
    "targets",
    "load",
    "stretch_depth",
    "cramp_risk",
    "dose",
    "cues",
    "cautions",
    "progressions",
    "regressions",
}
DOSE_KEYS = {"sets", "reps", "hold_s", "duration_s", "per_side", "rest_s", "tempo", "steps"}

COACH_EXERCISE = """
[[exercise]]
slug = "coach-foam-balance"
name = "Balance on a cushion"
category = "balance"
description = "Stand on one leg on a sofa cushion."
position = "single-leg"
slots = ["morning"]
targets = ["intrinsic-foot", "ankle"]
goals = ["general"]
load = "light"
dose = { sets = 3, reps = 1, hold_s = 20, per_side = true }
cues = ["Knee soft.", "Eyes on a fixed point."]
cautions = ["Stand next to a wall."]
regressions = ["single-leg-balance"]
sources = ["coach-notes"]

[sources.coach-notes]
citation = "Notes from the running club's foot clinic."
kind = "article"
"""


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def wide() -> Iterator[None]:
    saved = console.out._width
    console.out.width = 120
    yield
    console.out._width = saved


@pytest.fixture
def coach_dir(tmp_path: Path) -> Path:
    d = tmp_path / "coach"
    d.mkdir()
    (d / "mine.toml").write_text(COACH_EXERCISE, encoding="utf-8")
    return d


# --- the list ----------------------------------------------------------------------------


def test_exercises_lists_every_builtin_exercise_by_category() -> None:
    result = run("exercises")
    assert result.exit_code == 0
    for ex in builtin_catalogue():
        assert ex.slug in result.stdout
    assert "warm-up" in result.stdout
    assert "gait" in result.stdout
    assert f"{len(builtin_catalogue())} exercises" in result.stdout


def test_exercises_on_a_wide_terminal_is_a_table_with_name_equipment_dose_and_slots(
    wide: None,
) -> None:
    result = run("exercises")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split()
    assert header == ["slug", "name", "equipment", "dose", "slots"]
    row = next(line for line in result.stdout.splitlines() if "short-foot-standing" in line)
    assert "Short foot, standing" in row
    assert "2 x 8, 5 s hold, each" in row
    assert "teeth" in row


def test_exercises_marks_equipment_that_can_be_done_without() -> None:
    result = run("exercises", "--category", "release")
    assert "ball*" in result.stdout
    assert "* can be done without it" in result.stdout


def test_category_filter_keeps_only_that_category() -> None:
    data = run_json("exercises", "--category", "stretch")
    assert len(data) == 9
    assert {ex["category"] for ex in data} == {"stretch"}


def test_slot_filter_keeps_only_exercises_for_that_slot() -> None:
    data = run_json("exercises", "--slot", "teeth")
    assert data
    assert all("teeth" in ex["slots"] for ex in data)
    assert all(ex["position"] not in ("seated", "long-sitting") for ex in data)


def test_equipment_filter_keeps_what_can_be_done_with_the_kit_or_a_substitute() -> None:
    slugs = {ex["slug"] for ex in run_json("exercises", "--equipment", "towel")}
    assert "towel-scrunch" in slugs
    assert "ankle-circles" in slugs  # needs nothing
    assert "ball-roll-sole" in slugs  # hands stand in for the ball
    assert "heel-raise-step-towel" not in slugs  # needs a step too
    more = {
        ex["slug"] for ex in run_json("exercises", "--equipment", "towel", "--equipment", "step")
    }
    assert "heel-raise-step-towel" in more
    assert "heel-raise-step-towel-loaded" not in more


def test_target_filter_keeps_only_exercises_working_that_target() -> None:
    data = run_json("exercises", "--target", "big-toe-joint")
    assert "big-toe-mobilisation" in {ex["slug"] for ex in data}
    assert all("big-toe-joint" in ex["targets"] for ex in data)


def test_goal_filter_keeps_only_exercises_serving_that_goal() -> None:
    data = run_json("exercises", "--goal", "achilles")
    slugs = {ex["slug"] for ex in data}
    assert {"eccentric-heel-drop-straight", "eccentric-heel-drop-bent"} <= slugs
    assert all("achilles" in ex["goals"] for ex in data)


def test_filters_combine() -> None:
    data = run_json("exercises", "--category", "strengthen", "--slot", "desk")
    assert data
    assert all(ex["category"] == "strengthen" and "desk" in ex["slots"] for ex in data)


def test_no_match_says_so() -> None:
    result = run("exercises", "--category", "gait", "--slot", "desk")
    assert result.exit_code == 0
    assert "No exercises match" in result.stdout
    assert run_json("exercises", "--category", "gait", "--slot", "desk") == []


def test_exercises_json_keeps_the_contract_keys() -> None:
    data = run_json("exercises")
    assert len(data) == len(builtin_catalogue())
    for ex in data:
        assert set(ex) >= CONTRACT_KEYS
        assert set(ex["dose"]) >= DOSE_KEYS
        if ex["category"] == "stretch":
            assert ex["stretch_depth"] in ("gentle", "deep")
        else:
            assert ex["stretch_depth"] is None
    rathleff = next(ex for ex in data if ex["slug"] == "heel-raise-step-towel")
    assert rathleff["dose"]["tempo"] == {"up_s": 3, "hold_s": 2, "down_s": 3}
    assert rathleff["dose"]["per_side"] is True


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [
        ("--category", "strech", "warm-up, release, activate"),
        ("--slot", "desc", "morning, desk, teeth"),
        ("--equipment", "bands", "towel, ball, roller"),
        ("--target", "heel", "plantar-fascia"),
        ("--goal", "speed", "falls-prevention"),
    ],
)
def test_an_unknown_filter_value_exits_2_and_lists_the_allowed_values(
    option: str, value: str, allowed: str
) -> None:
    result = run("exercises", option, value)
    assert result.exit_code == 2
    assert f"'{value}'" in result.stderr
    assert "allowed:" in result.stderr
    assert allowed in result.stderr


def test_a_near_miss_filter_value_gets_a_suggestion() -> None:
    result = run("exercises", "--slot", "desc")
    assert "did you mean 'desk'" in result.stderr


# --- the card -----------------------------------------------------------------------------


def test_exercise_card_shows_how_to_do_it_and_why_to_take_care() -> None:
    result = run("exercise", "short-foot-standing")
    assert result.exit_code == 0
    out = result.stdout
    ex = builtin_catalogue().get("short-foot-standing")
    assert "Short foot, standing" in out
    for heading in ("Dose", "How to do it", "Common faults", "Take care", "Equipment"):
        assert heading in out
    assert "2 x 8, 5 s hold, each foot" in out
    assert ex.cues[0] in out
    assert "McKeon PO" in out  # full citation, not just the id


def test_exercise_card_marks_the_exercise_in_its_progression_chain() -> None:
    out = run("exercise", "short-foot-standing").stdout
    lines = out.splitlines()
    start = lines.index("Progression chain")
    chain = lines[start + 1 : start + 5]
    assert "short-foot-seated" in chain[0]
    assert chain[1].startswith("▶ 2.")
    assert "short-foot-standing" in chain[1]
    assert "(this one)" in chain[1]
    assert "short-foot-single-leg-dynamic" in chain[3]


def test_exercise_card_gives_the_tempo_in_words() -> None:
    out = run("exercise", "heel-raise-step-towel").stdout
    assert "3 x 12, each rep 3 s up, 2 s hold, 3 s down, each foot" in " ".join(out.split())
    assert "Rathleff MS" in out


def test_exercise_card_names_substitutes_for_missing_equipment() -> None:
    out = run("exercise", "ball-roll-sole").stdout
    assert "ball (without it:" in out
    assert "thumbs" in out


def test_exercise_card_says_when_an_exercise_stands_alone() -> None:
    out = run("exercise", "towel-scrunch").stdout
    assert "Stands alone" in out
    assert "cramp risk" in out


def test_exercise_json_adds_the_chain_and_full_citations() -> None:
    data = run_json("exercise", "calf-raise-single")
    assert set(data) >= CONTRACT_KEYS
    assert data["chain"][0] == "heel-raise-double-supported"
    assert "calf-raise-single" in data["chain"]
    assert data["citations"]
    assert {"id", "citation", "kind"} <= set(data["citations"][0])


def test_an_unknown_slug_exits_2_with_did_you_mean() -> None:
    result = run("exercise", "towel-scrunches")
    assert result.exit_code == 2
    assert "unknown exercise 'towel-scrunches'" in result.stderr
    assert "did you mean 'towel-scrunch'" in result.stderr


# --- a coach's own files -------------------------------------------------------------------


def test_catalogue_dir_adds_a_coach_exercise_to_the_list_and_the_card(coach_dir: Path) -> None:
    data = run_json("exercises", "--catalogue-dir", str(coach_dir), "--category", "balance")
    mine = next(ex for ex in data if ex["slug"] == "coach-foam-balance")
    assert mine["origin"] == str(coach_dir)
    result = run("exercise", "coach-foam-balance", "--catalogue-dir", str(coach_dir))
    assert result.exit_code == 0
    assert "Notes from the running club's foot clinic." in result.stdout
    # The coach's exercise sits in the chain it branches from, marked as the current one.
    assert "▶" in result.stdout
    marked = next(line for line in result.stdout.splitlines() if "▶" in line)
    assert "coach-foam-balance" in marked


def test_a_broken_catalogue_dir_exits_2_with_the_problems(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('[[exercise]]\nslug = "x"\n', encoding="utf-8")
    result = run("exercises", "--catalogue-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "catalogue:" in result.stderr
    assert "missing required key" in result.stderr


def test_catalogue_check_on_a_good_dir_says_ok(coach_dir: Path) -> None:
    result = run("catalogue", "check", str(coach_dir))
    assert result.exit_code == 0
    assert "OK: 1 exercise in" in result.stdout
    assert f"{len(builtin_catalogue()) + 1} with the built-in catalogue" in result.stdout


def test_catalogue_check_on_a_bad_dir_prints_each_problem_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        COACH_EXERCISE.replace('load = "light"', 'load = "hevy"').replace(
            'cues = ["Knee soft.", "Eyes on a fixed point."]', 'cues = ["Knee soft."]'
        ),
        encoding="utf-8",
    )
    result = run("catalogue", "check", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{bad}: exercise 'coach-foam-balance': load: 'hevy' is not a known load; "
        "did you mean 'heavy'? (allowed: none, light, moderate, heavy)",
        f"{bad}: exercise 'coach-foam-balance': cues: give at least 2 cues (found 1)",
    ]
    assert "2 problems found." in result.stderr


def test_catalogue_check_on_a_missing_dir_exits_1(tmp_path: Path) -> None:
    result = run("catalogue", "check", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no such directory" in result.stdout


# --- drawings -------------------------------------------------------------------------------


def test_exercise_writes_its_drawing_as_svg_with_captions(tmp_path: Path) -> None:
    target = tmp_path / "raise.svg"
    result = run("exercise", "heel-raise-step-towel", "--svg", str(target))
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in result.stderr
    root = ElementTree.fromstring(target.read_bytes())
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    demo = builtin_catalogue().get("heel-raise-step-towel").demo
    assert demo is not None
    assert [p.label for p in demo.poses] == [t for t in texts if t and not t.isdigit()]
    animated = tmp_path / "raise-live.svg"
    assert (
        run("exercise", "heel-raise-step-towel", "--svg", str(animated), "--animated").exit_code
        == 0
    )
    assert b"animateTransform" in animated.read_bytes()


def test_exercise_card_lists_the_positions_of_its_drawing_in_order(wide: None) -> None:
    result = run("exercise", "small-toe-lift")
    assert result.exit_code == 0
    assert "How it moves" in result.stdout
    assert "1. All toes down and relaxed" in result.stdout
    assert "2. Small toes up; big toe stays down" in result.stdout


def test_a_drawing_for_an_exercise_without_one_is_a_user_error(coach_dir: Path) -> None:
    result = run("exercise", "coach-foam-balance", "--svg", "-", "--catalogue-dir", str(coach_dir))
    assert result.exit_code == 2
    assert "'coach-foam-balance' has no drawing" in result.output
    assert run("exercise", "calf-raise-single", "--animated").exit_code == 2


def test_catalogue_check_notes_a_coach_exercise_without_a_drawing(coach_dir: Path) -> None:
    result = run("catalogue", "check", str(coach_dir))
    assert result.exit_code == 0
    assert "Note: 'coach-foam-balance' has no drawing" in result.stdout


def test_catalogue_sheet_draws_every_exercise_on_one_page(tmp_path: Path, coach_dir: Path) -> None:
    target = tmp_path / "sheet.html"
    result = run("catalogue", "sheet", "-o", str(target), "--catalogue-dir", str(coach_dir))
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    for ex in builtin_catalogue():
        assert f"<code>{ex.slug}</code>" in html
    assert html.count('class="demo-live"') == len(builtin_catalogue())
    assert "<code>coach-foam-balance</code>" in html
    assert "No drawing." in html
