"""The ``footcore`` command line: thin commands over services and the domain.

:func:`main` is the console script's entry point. It is here, not in ``footcore.cli.app``,
so that it runs before Typer, Rich and the command modules are imported: what a cold start
pays for (benchmarks/findings.md, "CLI cold start").
"""

from __future__ import annotations

import gc
import os
import sys

from footcore import __version__

#: ``typing.TYPE_CHECKING`` without importing ``typing`` (nor ``collections.abc``):
#: `--version` loads neither (measured).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

#: The locale variables that name the language of messages, strongest first (POSIX:
#: ``LC_ALL`` overrides every category; ``LC_MESSAGES`` is the messages' own; ``LANG`` is the
#: default for all).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def environment_language(env: Mapping[str, str] | None = None) -> str:
    """The language the environment asks messages in: the first of ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG`` that is set, as its language code (``es_ES.UTF-8`` -> ``es``);
    English when none is, or for the ``C`` and ``POSIX`` locales. Read with ``os`` only, so
    that English, the default, loads nothing (the translation layer is loaded only for
    another language; one footcore does not ship is English too)."""
    env = os.environ if env is None else env
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
            return "en" if code in {"", "c", "posix"} else code
    return "en"


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script (``footcore``).

    ``footcore --version`` answers before anything else is imported: the interpreter and
    footcore's version, no Typer, Rich, database or planner. Any other command line runs
    :func:`footcore.cli.app.main` with the garbage collector paused while the CLI loads
    (Typer, Rich, the command modules: some 40 collections that found nothing to free, about
    6 ms of a cold ``footcore today``, measured with ``gc.callbacks``); what was loaded is
    then frozen (``gc.freeze()``: never scanned again) and the collector is back on before
    the command runs, so a long command (``serve``, an import) collects as usual.

    Messages are in the environment's language (:func:`environment_language`) when footcore
    ships it, else English (docs/configuration.md, "Language of the command line").
    """
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        sys.stdout.write(f"footcore {__version__}\n")
        return
    language = environment_language()
    if language == "en":
        _main(args, argv)
        return
    # Deferred: only another language than English loads these; not loaded by `--version`,
    # the stored `today`, `today --json`, `--help` or `progress` (measured).
    from footcore.domain.languages import known  # noqa: PLC0415

    if known(language) is None:
        _main(args, argv)
        return
    from footcore import i18n  # noqa: PLC0415
    from footcore.config import default_cache_dir  # noqa: PLC0415

    # The compiled messages are kept beside the parsed catalogue, so that a command in
    # another language does not parse the `.po` file again in every process.
    i18n.keep_in(default_cache_dir)
    with i18n.use(language):
        _main(args, argv)


def _main(args: list[str], argv: list[str] | None) -> None:
    """:func:`main` after ``--version``, in the language chosen."""
    _keep_parsed_catalogue()
    if args and args[0] == "today" and _answered_without_typer(args):
        return
    paused = gc.isenabled() and "typer" not in sys.modules
    if paused:
        gc.disable()
    try:
        # Deferred: not loaded by `--version`, the stored `today` or `today --json` (measured).
        from footcore.cli.app import app_for, run  # noqa: PLC0415
    finally:
        if paused:
            gc.freeze()
            gc.enable()
    run(app_for(args), argv)


def _answered_without_typer(args: list[str]) -> bool:
    """``footcore today`` for the stored athlete whose programme is current, answered before
    Typer loads (:func:`footcore.cli.today_view.answer`): True when it printed the day.

    The collector is paused for the whole of it: nearly everything it makes is modules,
    classes and the catalogue, kept until the process ends, and a few reads of one day make
    little else. What was made is then frozen (``gc.freeze()``) and the collector is back on,
    so the Typer app, when it has to answer after all, starts as it always does."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        # Deferred: not loaded by `--version` (measured).
        from footcore.cli.today_view import answer  # noqa: PLC0415

        return answer(args)
    except KeyboardInterrupt:
        # Deferred: not loaded by `--version` (measured).
        from footcore.cli.console import _, error  # noqa: PLC0415

        error(_("interrupted"))
        sys.exit(130)
    finally:
        if paused:
            gc.freeze()
            gc.enable()


def _keep_parsed_catalogue() -> None:
    """Keep the parsed built-in catalogue in the user's cache directory between commands
    (``footcore.catalogue.parsed``): a command that loads the catalogue, as ``today`` does for
    anyone who has logged a session, then reads it back instead of parsing its TOML."""
    # Deferred: not loaded by `--version` (measured).
    from footcore.catalogue import parsed  # noqa: PLC0415
    from footcore.config import default_cache_dir  # noqa: PLC0415

    parsed.keep_in(default_cache_dir)
