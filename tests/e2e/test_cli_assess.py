"""`footcore assess`: score (JSON contract), guide, compare, check and the interactive battery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footcore.cli import console
from footcore.cli.app import app
from footcore.cli.commands.assess import short_name
from footcore.domain.assessments import TESTS

runner = CliRunner()

FULL: dict[str, object] = {
    "age": 38,
    "sex": "female",
    "date": "2026-11-21",
    "results": {
        "knee_to_wall_cm": {"left": 8.0, "right": 11.5},
        "heel_raise_reps": {"left": 18, "right": 26},
        "balance_eyes_open_s": {"left": [12, 30, 50], "right": 4},
        "balance_eyes_closed_s": {"left": 8},
        "toe_isolation": {
            "left": {"spread": 1, "big_toe_lift": 3, "small_toe_lift": 2},
            "right": {"spread": 3, "big_toe_lift": 3, "small_toe_lift": 3},
        },
        "short_foot": {"left": "poor", "right": "good"},
        "paper_grip": {"left": "fail", "right": "pass"},
        "navicular_drop_mm": {"left": 12, "right": 16},
        "foot_length_mm": {"left": 245, "right": 247},
        "arch_height_mm": {"left": 38},
        "pain_nrs": {"nrs": 6, "site": "heel", "when": "first-steps"},
        "faam": {"adl": [4] * 19 + [3, None], "sports": [3] * 8},
    },
}


def write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render as in an 80-column terminal, whatever COLUMNS the test run has."""
    monkeypatch.setattr(console.out, "width", 80)


def flat(text: str) -> str:
    """The text with line wrapping undone (Rich wraps at 80 columns)."""
    return " ".join(text.split())


def no_traceback(output: str) -> bool:
    return "Traceback" not in output


def test_score_json_follows_the_contract(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", FULL)
    result = runner.invoke(app, ["assess", "score", "--input", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "footcore.assessment/1"
    assert (data["age"], data["sex"], data["date"]) == (38, "female", "2026-11-21")
    assert list(data["results"]) == list(TESTS)
    for test_id, entry in data["results"].items():
        assert {"value", "band", "norm", "norm_note", "notes"} <= set(entry), test_id
        if TESTS[test_id].sided:
            assert {"asymmetry", "side_difference", "asymmetry_threshold"} <= set(entry)
    ktw = data["results"]["knee_to_wall_cm"]
    assert ktw["band"] == {"left": "low", "right": "typical"}
    assert ktw["asymmetry"] is True
    assert ktw["norm"]["low_below"] == 9.2
    assert data["results"]["heel_raise_reps"]["norm"]["reference"] == 27.0
    balance_open = data["results"]["balance_eyes_open_s"]
    assert balance_open["band"] == {"left": "typical", "right": "low"}  # [12, 30, 50] counts 45
    assert balance_open["norm"]["source"] == "springer-2007"
    balance_closed = data["results"]["balance_eyes_closed_s"]
    assert balance_closed["band"] == {"left": "low"}  # women 18-39: 13.1 s
    assert balance_closed["norm"]["reference"] == 13.1
    assert data["results"]["faam"]["value"] == {"adl": 98.8, "sports": 75.0}
    assert [f["code"] for f in data["flags"]] == ["see-clinician", "fall-risk"]
    assert data["focus"] == [
        "plantar-heel-pain",
        "falls-prevention",
        "ankle-mobility",
        "release",
        "activate",
        "strengthen",
        "balance",
    ]
    assert all(set(r) == {"area", "reason"} for r in data["focus_reasons"])


def test_score_reads_toml_too(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        'age = 70\nsex = "male"\ndate = 2027-01-04\n'
        "[results.balance_eyes_open_s]\nleft = [3, 4]\nright = 20\n"
        '[results.faam]\nsports = ["n/a", 4, 4, 4, 4, 4, 4, 4]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["assess", "score", "-i", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["date"] == "2027-01-04"
    assert data["results"]["balance_eyes_open_s"]["band"] == {"left": "low", "right": "typical"}
    assert data["results"]["faam"]["value"] == {"sports": None}
    assert data["focus"] == ["falls-prevention", "balance"]


def test_score_human_output_is_a_table_then_flags_and_focus(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", FULL)
    result = runner.invoke(app, ["assess", "score", "--input", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Test" in out
    assert "Typical" in out
    assert "8.0 cm (29°)" in out
    assert "9.2-14.8 cm" in out
    assert "Pain: 6/10 at the heel" in out
    assert "see-clinician" in out
    assert "fall-risk" in out
    assert out.index("Safety") < out.index("Focus")
    assert "plantar-heel-pain" in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80


def test_a_malformed_file_exits_2_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"age": 38,', encoding="utf-8")
    result = runner.invoke(app, ["assess", "score", "--input", str(path)])
    assert result.exit_code == 2
    assert "malformed file" in result.stderr
    assert no_traceback(result.output)


def test_an_unknown_test_id_in_a_file_exits_2_with_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", {"age": 38, "sex": "male", "results": {"heel_rise": {}}})
    result = runner.invoke(app, ["assess", "score", "--input", str(path), "--json"])
    assert result.exit_code == 2
    assert "results.heel_rise: unknown test id; did you mean 'heel_raise_reps'?" in flat(
        result.stderr
    )
    assert result.stdout == ""
    assert no_traceback(result.output)


def test_out_of_range_values_are_all_listed_with_their_ranges(tmp_path: Path) -> None:
    data = {
        "age": 38,
        "sex": "male",
        "results": {
            "knee_to_wall_cm": {"left": -1},
            "heel_raise_reps": {"left": 400},
            "toe_isolation": {"left": {"spread": 7, "big_toe_lift": 0, "small_toe_lift": 0}},
        },
    }
    path = write(tmp_path, "a.json", data)
    result = runner.invoke(app, ["assess", "score", "--input", str(path)])
    assert result.exit_code == 2
    err = flat(result.stderr)
    assert "3 problems" in err
    assert "results.knee_to_wall_cm.left: must be a number from 0 to 30 cm, got -1" in err
    assert "results.heel_raise_reps.left: must be a whole number from 0 to 150 reps" in err
    assert "results.toe_isolation.left.spread: must be a whole number from 0 to 3" in err


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "score", "--input", str(tmp_path / "none.json")])
    assert result.exit_code == 2
    assert "no such file" in flat(result.stderr)


def test_guide_lists_every_test_by_name_with_what_to_type_for_its_steps() -> None:
    """No internal ids (knee_to_wall_cm): each test's name, and the command that shows its
    steps, which works as printed (issue 16 items 10 and 16)."""
    result = runner.invoke(app, ["assess", "guide"])
    assert result.exit_code == 0
    assert "footcore assess guide knee-to-wall" in " ".join(result.stdout.split())
    for test in TESTS.values():
        assert test.label in result.stdout
        assert f"assess guide {short_name(test)}" in result.stdout
        if "_" in test.id:
            assert test.id not in result.stdout
        shown = runner.invoke(app, ["assess", "guide", short_name(test)])
        assert shown.exit_code == 0, shown.output
        assert test.name in shown.stdout


@pytest.mark.parametrize("name", ["knee_to_wall_cm", "knee-to-wall"])
def test_guide_shows_one_protocol_as_numbered_steps(name: str) -> None:
    result = runner.invoke(app, ["assess", "guide", name])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Knee-to-wall\n")
    assert "knee_to_wall_cm" not in out
    for i in range(1, len(TESTS["knee_to_wall_cm"].protocol) + 1):
        assert f" {i}. " in out
    assert "12 +/- 2.8 cm" in out
    assert "1.9 cm" in out
    assert "Powden" in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80


def test_guide_for_an_unknown_test_exits_2_with_did_you_mean() -> None:
    result = runner.invoke(app, ["assess", "guide", "knee_to_wal"])
    assert result.exit_code == 2
    assert "did you mean 'knee_to_wall_cm'?" in result.stderr
    assert no_traceback(result.output)


def test_compare_gives_verdicts_per_test_and_side(tmp_path: Path) -> None:
    before = write(tmp_path, "before.json", FULL)
    later = {
        "age": 38,
        "sex": "female",
        "date": "2027-01-30",
        "results": {
            "knee_to_wall_cm": {"left": 9.9, "right": 12.0},
            "pain_nrs": 4,
        },
    }
    after = write(tmp_path, "after.json", later)
    args = ["assess", "compare", "--before", str(before), "--after", str(after)]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    verdicts = {(c["test"], c["part"]): c["verdict"] for c in data["changes"]}
    assert verdicts == {
        ("knee_to_wall_cm", "left"): "real change (better)",
        ("knee_to_wall_cm", "right"): "within measurement noise",
        ("pain_nrs", "value"): "real change (better)",
    }
    assert data["days"] == 70
    human = runner.invoke(app, args)
    assert human.exit_code == 0
    assert "real: better" in human.stdout
    assert "noise" in human.stdout


def test_check_with_values_gives_a_verdict() -> None:
    result = runner.invoke(
        app,
        [
            "assess",
            "check",
            "knee-to-wall",
            "--before",
            "9",
            "--after",
            "10",
            "--intervention",
            "one minute of ball rolling",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["verdict"] == "within measurement noise"
    assert data["intervention"] == "one minute of ball rolling"
    assert data["delta"] == 1.0


def test_check_asks_for_missing_values_and_re_asks_out_of_range_ones() -> None:
    result = runner.invoke(
        app, ["assess", "check", "heel_raise_reps"], input="400\n20\n1 min of calf rolling\n27\n"
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1. Start a metronome" in out
    assert out.count("Result before (reps)") == 2
    assert "Not valid" in out
    assert "from 0 to 150 reps" in out
    assert "real change (better)" in flat(out)


def test_check_rejects_a_test_without_a_single_number() -> None:
    result = runner.invoke(app, ["assess", "check", "paper-grip", "--before", "1", "--after", "0"])
    assert result.exit_code == 2
    assert "no single number" in result.stderr


# --- the interactive battery ----------------------------------------------------------------

SKIP_REST = ["skip"] * 9  # heel raise ... arch height, answered at "Do this test now?"


def battery_input() -> str:
    lines = [
        "abc",  # age: invalid, re-asked
        "38",
        "f",  # sex: unique prefix
        "",  # knee-to-wall: start
        "-3",  # invalid, re-asked with the range
        "8",
        "11.5",
        "skip",  # heel raise
        "",  # balance eyes open: start
        "12 30",
        "skip",  # right side left out
        *["skip"] * 7,  # eyes closed, toes, short foot, paper grip, navicular, length, arch
        "",  # pain: start
        "4",
        "heel",
        "first-steps",
        "",
        "",
        "skip",  # FAAM
    ]
    return "\n".join(lines) + "\n"


def test_interactive_battery_re_asks_invalid_answers_and_ends_with_the_summary(
    tmp_path: Path,
) -> None:
    saved = tmp_path / "answers.json"
    result = runner.invoke(app, ["assess", "--save", str(saved)], input=battery_input())
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.count("Your age in years") == 2
    assert "your age is needed" in out
    assert out.count("Left foot: big toe to wall in cm (0-30)") == 2
    assert "-3 is out of range: type a number from 0 to 30 cm" in out
    assert " 1. Barefoot, face a wall." in out  # the protocol comes first
    assert out.index("1. Barefoot, face a wall.") < out.index("Left foot: big toe to wall")
    summary = out[out.index("Self-test results") :]
    assert "Knee-to-wall" in summary
    assert "Balance, eyes open" in summary
    assert "Pain: 4/10 at the heel" in summary
    assert "plantar-heel-pain" in summary
    answers = json.loads(saved.read_text(encoding="utf-8"))
    assert answers["age"] == 38
    assert answers["sex"] == "female"
    assert answers["results"] == {
        "knee_to_wall_cm": {"left": 8, "right": 11.5},
        "balance_eyes_open_s": {"left": [12, 30]},
        "pain_nrs": {"nrs": 4, "site": "heel", "when": "first-steps"},
    }
    rescored = runner.invoke(app, ["assess", "score", "--input", str(saved), "--json"])
    assert rescored.exit_code == 0
    assert json.loads(rescored.stdout)["focus"] == [
        "plantar-heel-pain",
        "ankle-mobility",
        "release",
        "balance",  # 30 s eyes open at 38 is below the 44.7 s norm for ages 18-39
    ]


def test_interactive_battery_with_everything_skipped_scores_nothing() -> None:
    lines = ["40", "male", *["skip"] * len(TESTS)]
    result = runner.invoke(app, ["assess"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "nothing to score" in result.stdout


def test_interactive_faam_items_are_asked_and_scored() -> None:
    lines = ["40", "male", *["skip"] * (len(TESTS) - 1), ""]
    lines += ["4"] * 19 + ["n/a", "n/a"]  # ADL: 19 of 21 answered
    lines += ["9", "skip"]  # Sports: an invalid answer, then the subscale is skipped
    result = runner.invoke(app, ["assess"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "FAAM: ADL 100% (19/21 answered)" in result.stdout
    assert "type 4 (no difficulty) to 0 (unable)" in result.stdout
