"""The root Typer application and the one place user errors become messages.

Each feature lives in its own module with a ``register(app)`` function; heavy imports stay
inside the command functions so that ``footcore --help`` and ``footcore today`` start fast.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from footcore import __version__
from footcore.cli import console
from footcore.domain.errors import FootcoreError


class _FootcoreGroup(TyperGroup):
    """Turns a :class:`FootcoreError` from any command into a message and exit code 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FootcoreError as exc:
            console.error(str(exc))
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_FootcoreGroup,
    name="footcore",
    help="Foot-and-ankle training for runners: exercises, self-tests and progressive plans.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"footcore {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Foot-and-ankle training for runners."""


def _register_all() -> None:
    from footcore.cli import catalogue_cmds

    catalogue_cmds.register(app)
    from footcore.cli import assess_cmds

    assess_cmds.register(app)
    from footcore.cli import web_cmds

    web_cmds.register(app)
    from footcore.cli import plan_cmds, session_cmds

    plan_cmds.register(app)
    session_cmds.register(app)
    from footcore.cli import export_cmds, import_cmds

    export_cmds.register(app)
    import_cmds.register(app)
    from footcore.cli import admin_cmds

    admin_cmds.register(app)


_register_all()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: user errors never show a traceback."""
    try:
        app(args=argv, prog_name="footcore")
    except KeyboardInterrupt:
        console.error("interrupted")
        sys.exit(130)
