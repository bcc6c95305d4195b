"""The root command defers Typer's value conversion; what a command receives, and every
message about a bad value, stay exactly Typer's."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.core import TyperGroup, _TyperParameter
from typer.testing import CliRunner

from footcore.cli.app import _DeferredCoercion, _FootcoreGroup


class Colour(StrEnum):
    red = "red"
    blue = "blue"


def _app(group: type[TyperGroup]) -> tuple[typer.Typer, list[dict[str, object]]]:
    """A small app whose command records the values it receives."""
    app = typer.Typer(cls=group, add_completion=False, pretty_exceptions_enable=False)
    received: list[dict[str, object]] = []

    @app.callback()
    def _root(verbose: bool = typer.Option(False, "--verbose")) -> None:
        received.append({"verbose": verbose})

    @app.command("show")
    def show(
        name: Annotated[str | None, typer.Option()] = None,
        count: Annotated[int, typer.Option(min=1, max=5)] = 2,
        ratio: Annotated[float | None, typer.Option()] = None,
        colour: Annotated[Colour | None, typer.Option()] = None,
        file: Annotated[Path | None, typer.Option(exists=True, dir_okay=False)] = None,
        tags: Annotated[list[str] | None, typer.Option("--tag")] = None,
        flag: Annotated[bool, typer.Option("--flag/--no-flag")] = False,
        word: Annotated[str, typer.Argument()] = "hello",
    ) -> None:
        received.append(
            {
                "name": name,
                "count": count,
                "ratio": ratio,
                "colour": colour,
                "file": file,
                "tags": tags,
                "flag": flag,
                "word": word,
            }
        )
        typer.echo("ok")

    @app.command("other")
    def other(size: Annotated[int, typer.Argument()]) -> None:
        received.append({"size": size})

    return app, received


ARGUMENTS = [
    ["show"],
    ["--verbose", "show", "x"],
    ["show", "--name", "Ana", "--count", "3", "--ratio", "0.5", "word"],
    ["show", "--name", ""],
    ["show", "--count", "0"],
    ["show", "--count", "6"],
    ["show", "--count", "two"],
    ["show", "--ratio", "half"],
    ["show", "--colour", "blue"],
    ["show", "--colour", "green"],
    ["show", "--file", "pyproject.toml"],
    ["show", "--file", "no/such/file.toml"],
    ["show", "--file", "src"],
    ["show", "--tag", "a", "--tag", "b"],
    ["show", "--no-flag", "--flag"],
    ["show", "--name"],
    ["other", "7"],
    ["other", "seven"],
    ["other"],
]
# A help page is not Typer's own on purpose (no `<bool>` after a flag, a value named by a
# word, one line a paragraph): tests/unit/test_cli_help.py.


@pytest.mark.parametrize("argv", ARGUMENTS, ids=" ".join)
def test_values_and_messages_are_the_same_as_typers_own(argv: list[str]) -> None:
    plain, plain_got = _app(TyperGroup)
    deferred, deferred_got = _app(_FootcoreGroup)
    expected = CliRunner().invoke(plain, argv)
    got = CliRunner().invoke(deferred, argv)
    assert (got.exit_code, got.output) == (expected.exit_code, expected.output)
    assert deferred_got == plain_got
    assert got.exception is None or isinstance(got.exception, SystemExit)


def test_a_left_out_option_and_a_plain_string_need_no_adapter() -> None:
    deferred, got = _app(_FootcoreGroup)
    command = typer.main.get_command(deferred)
    assert isinstance(command, TyperGroup)
    command.main(args=["show", "--name", "Ana"], prog_name="x", standalone_mode=False)
    assert got[-1]["name"] == "Ana"
    built = {
        p.name
        for p in command.commands["show"].params
        if isinstance(p, _TyperParameter) and not isinstance(p._runtime_param, _DeferredCoercion)
    }
    # Only the integer option, whose default value 2 is converted, got Typer's adapter.
    assert built == {"count"}
