"""`footcore runs ...`: record runs by hand, list them, and import them from GPX, TCX, FIT and
CSV files (with a progress bar)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from footcore.cli import console
from footcore.cli.console import N_, _, ngettext
from footcore.cli.options import (
    AthleteOpt,
    ClientIdOpt,
    DateOpt,
    JsonOpt,
    NoteOpt,
    parse_date,
)
from footcore.cli.stored import open_app
from footcore.config import Settings
from footcore.domain.errors import FootcoreError

if TYPE_CHECKING:
    from footcore.services.imports import ImportReport


def register(app: typer.Typer) -> None:
    """Add the `runs` command group to the root app."""
    runs_app = typer.Typer(name="runs", help="Record runs and list them.", no_args_is_help=True)
    runs_app.command("add")(runs_add)
    runs_app.command("list")(runs_list)
    runs_app.command("import")(runs_import)
    app.add_typer(runs_app)


def runs_add(
    *,
    km: Annotated[float, typer.Option("--km", help="Distance in km.")],
    minutes: Annotated[float, typer.Option("--minutes", help="Duration in minutes.")],
    kind: Annotated[str, typer.Option("--kind", help="easy, long or hard.")] = "easy",
    felt: Annotated[
        int | None,
        typer.Option("--felt", help="How it felt, 1 (awful) to 5 (great); leave out for no score."),
    ] = None,
    date: DateOpt = None,
    note: NoteOpt = None,
    client_id: ClientIdOpt = None,
    athlete: AthleteOpt = None,
) -> None:
    """Record a run."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.services import RunEntry  # noqa: PLC0415

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        day = parse_date(date) or app.services.ctx.today()
        stored = app.services.add_run(
            athlete_id, RunEntry(day, km, minutes, kind, felt, note, client_id)
        )
    if stored:
        how = _("no felt score.") if felt is None else _("felt %(felt)s/5.") % {"felt": felt}
        said = _("Recorded the run of %(date)s: %(km)s km, %(kind)s, %(felt)s") % {
            "date": day.isoformat(),
            "km": console.number(km),
            "kind": _kind(kind),
            "felt": how,
        }
        console.out.print(said)
    else:
        console.out.print(_("Already recorded (same --client-id): nothing new stored."))


def _kind(kind: str) -> str:
    """A kind of run as the command line says it: its slug in English (``easy``), as it
    always was; its word in another language (``rodaje suave``)."""
    return kind if console.language() == "en" else console.term(kind).lower()


def runs_list(as_json: JsonOpt = False, athlete: AthleteOpt = None) -> None:
    """List recorded runs, oldest first."""
    with open_app() as app:
        runs = app.services.runs(app.services.default_athlete_id(athlete))
    if as_json:
        console.print_json([r.to_dict() for r in runs])
        return
    if not runs:
        console.out.print(_("No runs recorded yet: 'footcore runs add --km 8 --minutes 45'."))
        return
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich.table import Table  # noqa: PLC0415

    headings = (N_("date"), "km", N_("minutes"), N_("kind"), N_("felt"), N_("note"))
    table = Table(*(_(h) for h in headings))
    for r in runs:
        table.add_row(
            r.date.isoformat(),
            console.number(r.km),
            console.number(r.minutes),
            _kind(r.kind),
            "-" if r.felt is None else str(r.felt),
            r.note or "",
        )
    console.out.print(table)


# --- import -------------------------------------------------------------------------------------


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
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.io.runfiles import expand_paths, read_capped  # noqa: PLC0415

    files = expand_paths(paths)
    if not files:
        raise FootcoreError(_("no run files found (expected .gpx, .tcx, .fit or .csv)"))
    loaded = []
    for path in files:
        try:
            loaded.append((path.name if len(files) == 1 else str(path), read_capped(path)))
        except OSError as exc:
            said = _("%(file)s: cannot read (%(why)s)") % {"file": path, "why": exc.strerror}
            raise FootcoreError(said) from None
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
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn  # noqa: PLC0415

    from footcore.bootstrap import bootstrap  # noqa: PLC0415
    from footcore.services.imports import ImportService  # noqa: PLC0415

    with bootstrap(Settings.from_env()) as app:
        athlete_id = app.services.default_athlete_id(athlete)
        service = ImportService(app.services.ctx)
        if not progress:
            return service.import_runs(athlete_id, files)
        with Progress(
            TextColumn(_("Reading run files")),
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
        why = f" ({'; '.join(console.said(r) for r in run.reasons)})" if run.reasons else ""
        said = _("Stored %(date)s: %(km)s km in %(minutes)s min, %(kind)s%(why)s  [%(source)s]")
        values = {"date": run.date.isoformat(), "km": console.decimal(run.km), "why": why,
                  "minutes": console.decimal(run.minutes, 0), "kind": _kind(run.kind),
                  "source": run.source}  # fmt: skip
        out.print(said % values, markup=False)
    for run in report.already_stored:
        said = _("Already stored %(date)s: %(km)s km  [%(source)s]")
        values = {"date": run.date.isoformat(), "km": console.decimal(run.km), "source": run.source}
        out.print(said % values, markup=False)
    if report.skipped:
        rows = len(report.skipped)
        said = ngettext(
            "Skipped %(n)s row that is not a run.", "Skipped %(n)s rows that are not runs.", rows
        )
        out.print(said % {"n": rows}, markup=False)
    stored, already = len(report.stored), len(report.already_stored)
    said = _("%(stored)s stored, %(already)s already stored, %(refused)s refused, from %(files)s.")
    values = {"stored": str(stored), "already": str(already),
              "refused": _files(len(report.failed)), "files": _files(report.files)}  # fmt: skip
    out.print(said % values, markup=False)
    for failed in report.failed:
        said = _("%(file)s: %(why)s (nothing from it was stored)")
        console.error(said % {"file": failed.name, "why": failed.reason})


def _files(count: int) -> str:
    return ngettext("%(n)s file", "%(n)s files", count) % {"n": count}
