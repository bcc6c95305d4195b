"""The first ``bootstrap`` in a process pauses the garbage collector while it loads the
database code, then freezes what it made; the collector is always on again afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

#: Two bootstraps in one fresh interpreter: (collector on, objects frozen) after each.
TWICE = """
import gc, json, pathlib, sys
from footcore.bootstrap import bootstrap
from footcore.config import Settings

settings = Settings.for_sqlite_file(pathlib.Path(sys.argv[1]))
seen = [[gc.isenabled(), gc.get_freeze_count()]]
for _ in range(2):
    with bootstrap(settings):
        seen.append([gc.isenabled(), gc.get_freeze_count()])
print(json.dumps(seen))
"""

#: A bootstrap that fails while it loads (a database footcore does not support).
FAILING = """
import gc, json, pathlib
from footcore.bootstrap import bootstrap
from footcore.config import Settings
from footcore.domain.errors import FootcoreError

try:
    bootstrap(Settings("mysql://nobody@nowhere/db", pathlib.Path(".")))
except FootcoreError as exc:
    print(json.dumps([str(exc), gc.isenabled()]))
"""


def _run(code: str, *args: str) -> Any:
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def test_the_first_bootstrap_freezes_what_it_loaded_and_the_collector_stays_on(
    tmp_path: Path,
) -> None:
    before, first, second = _run(TWICE, str(tmp_path / "footcore.sqlite3"))
    assert before == [True, 0]
    assert first[0] is True
    assert first[1] > 10_000
    # The second app loads nothing new, so nothing more is frozen.
    assert second[0] is True
    assert second[1] <= first[1]


def test_a_bootstrap_that_fails_leaves_the_collector_on() -> None:
    message, collector_on = _run(FAILING)
    assert "unsupported database" in message
    assert collector_on is True
