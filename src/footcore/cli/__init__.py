"""The ``footcore`` command line: thin commands over services and the domain.

:func:`main` is the console script's entry point. It is here, not in ``footcore.cli.app``,
so that it runs before Typer, Rich and the command modules are imported: what a cold start
pays for (benchmarks/findings.md, "CLI cold start").
"""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script (``footcore``).

    ``footcore --version`` answers before anything else is imported: the interpreter and
    footcore's version, no Typer, Rich, database or planner. Any other command line runs
    :func:`footcore.cli.app.main` with the garbage collector paused while the CLI loads
    (Typer, Rich, the command modules: some 40 collections that found nothing to free, about
    6 ms of a cold ``footcore today``, measured with ``gc.callbacks``); what was loaded is
    then frozen (``gc.freeze()``: never scanned again) and the collector is back on before
    the command runs, so a long command (``serve``, an import) collects as usual.
    """
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from footcore import __version__

        sys.stdout.write(f"footcore {__version__}\n")
        return
    _keep_parsed_catalogue()
    paused = gc.isenabled() and "typer" not in sys.modules
    if paused:
        gc.disable()
    try:
        from footcore.cli.app import app_for, run
    finally:
        if paused:
            gc.freeze()
            gc.enable()
    run(app_for(args), argv)


def _keep_parsed_catalogue() -> None:
    """Keep the parsed built-in catalogue in the user's cache directory between commands
    (``footcore.catalogue.parsed``): a command that loads the catalogue, as ``today`` does for
    anyone who has logged a session, then reads it back instead of parsing its TOML."""
    from footcore.catalogue import parsed
    from footcore.config import default_cache_dir

    parsed.keep_in(default_cache_dir)
