"""Seeded fuzzing of backups being restored (issue 20): a backup with one cell changed to
an odd value is either refused with a FootcoreError, leaving the database as it was, or
restored into a database that every read still works on (today, progress, runs, the next
backup). SQLite only and bounded (a few dozen mutants); the seed makes it reproducible."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.errors import FootcoreError
from footcore.services.backup import dump

from .support import TODAY, Clock
from .test_backup import populate

MUTANTS = 40
ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    -1,
    0,
    2**40,
    1e308,
    "",
    "x" * 300,
    "not a date",
    "2027-13-45",
    [],
    {},
    {"schema": "nope"},
    [[[]]],
)


def _cells(tables: dict[str, list[dict[str, Any]]]) -> list[tuple[str, int, str]]:
    return [
        (name, n, column)
        for name, rows in sorted(tables.items())
        for n, row in enumerate(rows)
        for column in sorted(row)
    ]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_mutated_backup_is_refused_whole_or_restores_into_a_working_app(
    app: App, clock: Clock, tmp_path: Path
) -> None:
    populate(app, clock)
    athlete = app.services.default_athlete_id()
    original: dict[str, Any] = json.loads(dump(app.services.backup()))
    cells = _cells(original["tables"])
    rng = random.Random(20)
    target = bootstrap(
        Settings(database_url=f"sqlite:///{tmp_path / 'target.sqlite3'}", data_dir=tmp_path),
        today=lambda: TODAY,  # the populated data's days
    )
    outcomes = {"refused": 0, "restored": 0}
    try:
        for _ in range(MUTANTS):
            data = copy.deepcopy(original)
            table, n, column = rng.choice(cells)
            data["tables"][table][n][column] = copy.deepcopy(rng.choice(ODD_VALUES))
            before = dump(target.services.backup())
            try:
                target.services.restore(data, replace=True)
            except FootcoreError:
                assert dump(target.services.backup()) == before, (table, column)
                outcomes["refused"] += 1
                continue
            outcomes["restored"] += 1
            # Restored: the app must still read everything it holds.
            target.services.today(athlete)
            target.services.progress(athlete)
            target.services.runs(athlete)
            target.services.backup()
    finally:
        target.close()
    # Both paths were tried.
    assert outcomes["refused"] > 0, outcomes
    assert outcomes["restored"] > 0, outcomes
