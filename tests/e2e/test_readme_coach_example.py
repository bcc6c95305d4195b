"""The README's coach example works as written on a fresh install (issue 16 item 17): the
commands of its block, run in order, end with the class sheet."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footcore.cli.app import app

ROOT = Path(__file__).resolve().parents[2]


def coach_block() -> list[list[str]]:
    """The commands of the README block that starts with the coach's account."""
    readme = (ROOT / "README.md").read_text("utf-8")
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        lines = [line.split("  #")[0].strip() for line in block.splitlines()]
        commands = [shlex.split(line) for line in lines if line.startswith("footcore ")]
        if commands and commands[-1][:2] == ["footcore", "coach"] and "class" in commands[-1]:
            return [c[1:] for c in commands]
    raise AssertionError("the README has no coach example ending with a class sheet")


def test_the_readmes_coach_example_runs_as_written_on_a_fresh_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOOTCORE_DATABASE_URL", raising=False)
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(ROOT)  # paths in the README are from the clone's top
    assert os.path.exists("docs/examples/club-template.toml")
    runner = CliRunner()
    commands = coach_block()
    assert commands[0][:2] == ["admin", "create-user"]
    output = ""
    for args in commands:
        typed = "a good long password\n" * 2 if args[:2] == ["admin", "create-user"] else None
        result = runner.invoke(app, args, input=typed)
        assert result.exit_code == 0, (args, result.output)
        output = result.stdout
    assert "Tuesday club - Club feet" in output
    assert "after: long run" in output
    assert "1. [0:00]" in output
