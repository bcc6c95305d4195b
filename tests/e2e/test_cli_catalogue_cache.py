"""The command line keeps the parsed built-in catalogue in the user's cache directory
(footcore.catalogue.parsed; the cache itself is checked in
tests/unit/test_catalogue_parsed_cache.py): two runs of `footcore exercises`, each in a fresh
interpreter, leave one kept copy and print the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from footcore.catalogue import parsed

_RUN_EXERCISES = """
import sys
from footcore.cli import main
try:
    main(["exercises"])
except SystemExit as exc:
    sys.exit(exc.code)
"""


def test_the_command_line_keeps_the_parsed_catalogue_in_the_user_cache(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _RUN_EXERCISES],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        for _ in range(2)
    ]
    assert [p.name for p in (tmp_path / "footcore").iterdir()] == [
        parsed.cache_file(tmp_path / "footcore").name
    ]
    assert "owel" in runs[0].stdout
    assert runs[1].stdout == runs[0].stdout
