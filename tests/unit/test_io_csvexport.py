"""CSV exports, read back with csv.DictReader."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from footcore.domain.assessments import score_battery
from footcore.io.csvexport import (
    SELF_TEST_COLUMNS,
    SESSION_LOG_COLUMNS,
    self_tests_csv,
    session_logs_csv,
)

BATTERY: dict[str, Any] = {
    "age": 38,
    "sex": "female",
    "date": "2027-01-04",
    "results": {
        "knee_to_wall_cm": {"left": 8.0, "right": 11.5},
        "paper_grip": {"left": "pass", "right": "fail"},
        "pain_nrs": 2,
    },
}


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_self_tests_give_one_row_per_scored_value_oldest_first() -> None:
    later = {**BATTERY, "date": "2027-02-01", "results": {"pain_nrs": 1}}
    text = self_tests_csv([score_battery(later), score_battery(BATTERY)])
    table = rows(text)
    assert list(table[0]) == list(SELF_TEST_COLUMNS)
    assert [(r["date"], r["test"], r["part"]) for r in table] == [
        ("2027-01-04", "knee_to_wall_cm", "left"),
        ("2027-01-04", "knee_to_wall_cm", "right"),
        ("2027-01-04", "paper_grip", "left"),
        ("2027-01-04", "paper_grip", "right"),
        ("2027-01-04", "pain_nrs", "value"),
        ("2027-02-01", "pain_nrs", "value"),
    ]
    left = table[0]
    assert (left["value"], left["unit"], left["band"], left["asymmetry"]) == (
        "8",
        "cm",
        "low",
        "yes",
    )
    assert table[3]["shown"] == "fail"
    assert table[4]["asymmetry"] == ""


def test_session_logs_keep_every_column_and_mark_empty_cells() -> None:
    text = session_logs_csv(
        [
            {
                "date": "2027-01-04",
                "slot": "morning",
                "item": 1,
                "exercise": "short-foot-seated",
                "skipped": False,
                "reps_left": 8,
                "seconds_both": 12.5,
                "session_note": 'felt "fine", thanks',
            }
        ]
    )
    [row] = rows(text)
    assert list(row) == list(SESSION_LOG_COLUMNS)
    assert row["exercise"] == "short-foot-seated"
    assert row["skipped"] == "no"
    assert row["reps_left"] == "8"
    assert row["seconds_both"] == "12.5"
    assert row["reps_right"] == ""
    assert row["session_note"] == 'felt "fine", thanks'


def test_an_unknown_column_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown CSV columns: colour"):
        session_logs_csv([{"date": "2027-01-04", "colour": "red"}])
