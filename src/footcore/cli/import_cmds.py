"""`footcore runs import PATH...`: runs from GPX, TCX, FIT and CSV files, with a progress bar.

The command joins the `runs` group that `footcore runs add/list` live in (made by
``footcore.cli.session_cmds``); when that group is absent it makes one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from footcore.cli import console
from footcore.domain.errors import FootcoreError

if TYPE_CHECKING:
    from footcore.services.imports import ImportReport


def register(app: typer.Typer) -> None:
    """Add `import` to the `runs` group (register after the module that makes it)."""
    for info in app.registered_groups:
        group = info.typer_instance
        if group is not None and (info.name or group.info.name) == "runs":
            group.command("import")(runs_import)
            return
    runs_app = typer.Typer(name="runs", help="Record runs and list them.", no_args_is_help=True)
    runs_app.command("import")(runs_import)
    app.add_typer(runs_app)


def runs_import(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Run files (.gpx, .tcx, .fit, .csv) or folders holding them."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    athlete: Annotated[
        str | None,
        typer.Option("--athlete", help="Whose runs (a name given at init); default: the first."),
    ] = None,
) -> None:
    """Import runs from watch and phone files; a run already stored is not stored again."""
    from footcore.io.runfiles import expand_paths, read_capped

    files = expand_paths(paths)
    if not files:
        raise FootcoreError("no run files found (expected .gpx, .tcx, .fit or .csv)")
    loaded = []
    for path in files:
        try:
            loaded.append((path.name if len(files) == 1 else str(path), read_capped(path)))
        except OSError as exc:
            raise FootcoreError(f"{path}: cannot read ({exc.strerror})") from None
    report = import_runs(loaded, athlete=athlete, progress=not as_json)
    if as_json:
        console.print_json(report.to_dict())
    else:
        render_report(report)
    if report.failed:
        raise typer.Exit(2)


def import_runs(
    files: list[tuple[str, bytes]], *, athlete: str | None = None, progress: bool = True
) -> ImportReport:
    """Import (name, bytes) files for the athlete, showing a progress bar on stderr."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from footcore.bootstrap import bootstrap
    from footcore.config import Settings
    from footcore.services.imports import ImportService

    with bootstrap(Settings.from_env()) as app:
        athlete_id = app.services.default_athlete_id(athlete)
        service = ImportService(app.services.ctx)
        if not progress:
            return service.import_runs(athlete_id, files)
        with Progress(
            TextColumn("Reading run files"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console.err,
            transient=True,
        ) as bar:
            task = bar.add_task("read", total=len(files))
            return service.import_runs(athlete_id, files, on_file=lambda _name: bar.advance(task))


def render_report(report: ImportReport) -> None:
    out = console.out
    for run in report.stored:
        why = f" ({'; '.join(run.reasons)})" if run.reasons else ""
        out.print(
            f"Stored {run.date.isoformat()}: {run.km:.1f} km in {run.minutes:.0f} min, "
            f"{run.kind}{why}  [{run.source}]",
            markup=False,
        )
    for run in report.already_stored:
        out.print(
            f"Already stored {run.date.isoformat()}: {run.km:.1f} km  [{run.source}]",
            markup=False,
        )
    if report.skipped:
        rows = len(report.skipped)
        what = "row that is not a run" if rows == 1 else "rows that are not runs"
        out.print(f"Skipped {rows} {what}.", markup=False)
    out.print(
        f"{len(report.stored)} stored, {len(report.already_stored)} already stored, "
        f"{_files(len(report.failed))} refused, from {_files(report.files)}.",
        markup=False,
    )
    for failed in report.failed:
        console.error(f"{failed.name}: {failed.reason} (nothing from it was stored)")


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"
