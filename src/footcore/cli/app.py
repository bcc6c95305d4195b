"""The root Typer application and the one place user errors become messages.

Each feature lives in its own module with a ``register(app)`` function; heavy imports stay
inside the command functions so that ``footcore --help`` and ``footcore today`` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import Command, Context
from typer._click.exceptions import ClickException
from typer._click.formatting import HelpFormatter
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperGroup, _TyperParameter
from typer.main import get_command_name, solve_typer_info_defaults

from footcore import __version__
from footcore.cli import console
from footcore.cli.commands import (
    admin,
    assess,
    backup,
    catalogue,
    checkin,
    coach,
    export,
    log,
    onboarding,
    plan,
    player,
    progress,
    reminders,
    runs,
    serve,
)
from footcore.domain.errors import FootcoreError


class _DeferredCoercion(RuntimeParam):
    """Typer's value conversion for one parameter, built only when a value needs it.

    Typer converts every option value through a pydantic ``TypeAdapter`` that it builds on
    first use, even for an option the user left out (its value is ``None``). Importing
    pydantic and building those adapters was about an eighth of a cold ``footcore today``
    (some 70 ms; benchmarks/findings.md). An option left out needs no conversion
    (``RuntimeParam.coerce`` answers ``None`` or ``()`` before converting anything), and a
    plain ``str`` option given a ``str`` comes back unchanged; any other value goes through
    Typer's own adapter, built then and kept on the parameter, so the results and error
    messages are Typer's.
    """

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        if self.annotation is str and self.parameter_info.parser is None and type(value) is str:
            return value
        real = build_runtime_param(param.type_descriptor)
        param._runtime_param = real
        return real._coerce_value(value, param=param, ctx=ctx)


class _FootcoreFormatter(HelpFormatter):
    """Click's formatter, its usage line in the language chosen (``Usage: footcore
    [OPTIONS]``; ``Uso: footcore [OPCIONES]``: :mod:`footcore.cli.typer_words`)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if console.language() != "en":
            # Deferred: another language only.
            from footcore.cli.typer_words import usage_args, usage_prefix  # noqa: PLC0415

            args = usage_args(args)
            prefix = usage_prefix() if prefix is None else prefix
        super().write_usage(prog, args, prefix)


class _FootcoreContext(Context):
    """A command's context that, before the command line is parsed, gives each of the
    command's parameters (its ``--help`` option included, which Typer makes on first use) a
    :class:`_DeferredCoercion` in place of the adapter Typer would build."""

    formatter_class = _FootcoreFormatter

    def __init__(self, command: Command, *args: Any, **kwargs: Any) -> None:
        super().__init__(command, *args, **kwargs)
        for param in command.get_params(self):
            if isinstance(param, _TyperParameter) and param._runtime_param is None:
                desc = param.type_descriptor
                param._runtime_param = _DeferredCoercion(
                    parameter_info=desc.parameter_info, annotation=desc.annotation
                )

    def get_help(self) -> str:
        """The command's help page, its words readable and in the language chosen
        (:mod:`footcore.cli.help_text`: the one place help texts are made ready)."""
        # Deferred: only a help page needs it.
        from footcore.cli.help_text import prepare  # noqa: PLC0415

        prepare(self)
        return super().get_help()


def _in_language(exc: BaseException) -> BaseException | None:
    """Typer's or Click's error ``exc`` said in the language chosen
    (:mod:`footcore.cli.typer_words`), or None to let it go as it is: in English, and for
    the help page a group shows when given no command."""
    if console.language() == "en" or type(exc).__name__ == "NoArgsIsHelpError":
        said = sys.modules.get("footcore.cli.typer_words")
        if said is not None:  # another language spoke in this process before: English again
            said.say_typer_words()
        return None
    # Deferred: another language only, and only on an error.
    from footcore.cli.typer_words import say_typer_words, translated  # noqa: PLC0415

    if isinstance(exc, ClickException):
        return translated(exc)
    say_typer_words()  # "Aborted." when a prompt is given no answer
    return None


def _damaged_database(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite finding its file damaged part way through a command (past
    the open, which :func:`footcore.bootstrap.bootstrap` words itself): a user's problem to
    be told in one line, not a bug's traceback. The transaction it broke was rolled back."""
    if "footcore.bootstrap" not in sys.modules:  # the store was never opened
        return False
    # Deferred: loaded already (checked above).
    from footcore.bootstrap import damaged_sqlite_file  # noqa: PLC0415

    return damaged_sqlite_file(exc)


def _use_footcore_context(command: Command) -> None:
    """Make ``command`` and all its subcommands parse in a :class:`_FootcoreContext`."""
    command.context_class = _FootcoreContext
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            _use_footcore_context(sub)


class _FootcoreGroup(TyperGroup):
    """The root command: turns a :class:`FootcoreError` from any command into a message and
    exit code 2, and defers Typer's value conversion (see :class:`_DeferredCoercion`)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        _use_footcore_context(self)

    def make_context(self, *args: Any, **kwargs: Any) -> Context:
        try:
            return super().make_context(*args, **kwargs)
        except (ClickException, typer.Abort) as exc:
            said = _in_language(exc)
            if said is None:
                raise
            raise said from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (ClickException, typer.Abort) as exc:
            said = _in_language(exc)
            if said is None:
                raise
            raise said from None
        except FootcoreError as exc:
            console.error(console.error_text(exc))
            raise typer.Exit(2) from None
        except Exception as exc:
            if not _damaged_database(exc):
                raise
            # Deferred: only a damaged database file needs it.
            from footcore.bootstrap import database_error_text  # noqa: PLC0415
            from footcore.config import Settings  # noqa: PLC0415

            console.error(database_error_text(Settings.from_env().database_url, exc))
            raise typer.Exit(2) from None


def _new_app() -> typer.Typer:
    return typer.Typer(
        cls=_FootcoreGroup,
        name="footcore",
        help="Foot-and-ankle training for runners: exercises, self-tests and progressive plans.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich",
    )


app = _new_app()


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
    # The order commands are added in is the order ``footcore --help`` lists them in.
    for module in (catalogue, assess, serve, plan, onboarding, player, log, runs, progress,
                   backup, export, admin, coach, checkin, reminders):  # fmt: skip
        module.register(app)


_register_all()


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app that runs the command line ``args``: :data:`app` cut down to the command (or
    group of commands) named first, else the whole of :data:`app`.

    Typer turns every registered command into a Click command on each start, reading each
    function's signature (some 45 ms for all of footcore's commands); a command line that
    names its command needs only that one. A command line that starts with an option
    (``--help``, ``--version``) or names no known command runs the whole app, so the
    command list and the "No such command" message are the same as ever.
    """
    if not args or args[0].startswith("-"):
        return app
    name = args[0]
    commands = [
        c
        for c in app.registered_commands
        if c.callback is not None and (c.name or get_command_name(c.callback.__name__)) == name
    ]
    groups = [g for g in app.registered_groups if solve_typer_info_defaults(g).name == name]
    if not commands and not groups:
        return app
    lean = _new_app()
    lean.registered_callback = app.registered_callback
    lean.registered_commands = commands
    lean.registered_groups = groups
    return lean


def run(chosen: typer.Typer, argv: list[str] | None = None) -> None:
    """Run ``chosen`` (:func:`app_for`) on ``argv`` (default: the process's arguments):
    user errors never show a traceback."""
    try:
        chosen(args=argv, prog_name="footcore")
    except KeyboardInterrupt:
        console.error(console._("interrupted"))
        sys.exit(130)


def main(argv: list[str] | None = None) -> None:
    """Run the command line ``argv`` (the console script is :func:`footcore.cli.main`)."""
    run(app_for(sys.argv[1:] if argv is None else argv), argv)
