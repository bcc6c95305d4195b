"""`footcore export ics|pdf|fhir|fit|csv`: the stored athlete's data as files.

Each command calls one use case of :class:`footcore.services.exports.ExportService` and
writes the file to ``--output`` (``-`` writes to standard output). The formats are described
in docs/exports.md.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from footcore.cli import console
from footcore.cli.options import AthleteOpt
from footcore.config import Settings
from footcore.domain.errors import FootcoreError

if TYPE_CHECKING:
    from footcore.bootstrap import App
    from footcore.services.exports import ExportFile, ExportService

OutputOpt = Annotated[
    str, typer.Option("--output", "-o", help="File to write ('-' for standard output).")
]


def register(app: typer.Typer) -> None:
    """Add the `export` command group to the root app."""
    export_app = typer.Typer(
        name="export",
        help="Export the plan and records: calendar, printable PDF, FHIR, FIT workout, CSV.",
        no_args_is_help=True,
    )
    export_app.command("ics")(export_ics)
    export_app.command("pdf")(export_pdf)
    export_app.command("fhir")(export_fhir)
    export_app.command("fit")(export_fit)
    export_app.command("csv")(export_csv)
    app.add_typer(export_app)


def open_app() -> App:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.bootstrap import bootstrap  # noqa: PLC0415

    return bootstrap(Settings.from_env())


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FootcoreError(f"{option}: expected a date as YYYY-MM-DD, got {value!r}") from None


def write_output(file: ExportFile, output: str) -> None:
    """Write the file (or to stdout for '-') and say what was written, on stderr."""
    if output == "-":
        sys.stdout.buffer.write(file.content)
        sys.stdout.flush()
        return
    path = Path(output).expanduser()
    if path.is_dir():
        path = path / file.filename
    try:
        path.write_bytes(file.content)
    except OSError as exc:
        raise FootcoreError(f"{path}: cannot write ({exc.strerror})") from None
    size = f"{len(file.content):,}"  # 234,035; 234.035 in Spanish
    size = size if console.language() == "en" else size.replace(",", ".")
    said = console._("Wrote %(path)s (%(size)s bytes).") % {"path": path, "size": size}
    console.err.print(said, markup=False)


def export_ics(
    *,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write ('-' for standard output); not needed with --feed.",
        ),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            help="Time zone of the events, e.g. Europe/Lisbon (default: the profile's "
            "time_zone, else this machine's).",
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Leave out days before YYYY-MM-DD.")
    ] = None,
    reminder: Annotated[
        int, typer.Option("--reminder", help="Minutes before a session to remind you.")
    ] = 10,
    reminders: Annotated[
        str,
        typer.Option(
            "--reminders",
            help="daily: one reminder a day, on the first session; session: one on each "
            "session; none.",
        ),
    ] = "daily",
    feed: Annotated[
        bool,
        typer.Option(
            "--feed",
            help="Make a calendar feed address to subscribe to (replaces any older one).",
        ),
    ] = False,
    revoke_feed: Annotated[
        bool, typer.Option("--revoke-feed", help="Stop every calendar feed address.")
    ] = False,
    athlete: AthleteOpt = None,
) -> None:
    """The plan as an iCalendar file: one event per session, with a reminder; or a feed
    address a calendar app subscribes to (--feed), or stop the feed (--revoke-feed)."""
    _check_ics_choice(output, feed=feed, revoke_feed=revoke_feed)
    with open_app() as app:
        service, athlete_id = _export_service(app, athlete)
        if feed:
            _make_feed(service, athlete_id, reminders)
            return
        if revoke_feed:
            console.out.print(_stopped_feeds(service.revoke_feeds(athlete_id)))
            return
        file = _calendar(service, athlete_id, tz, since, reminder=reminder, reminders=reminders)
    assert output is not None
    write_output(file, output)


def _check_ics_choice(output: str | None, *, feed: bool, revoke_feed: bool) -> None:
    """One of a file, a new feed or stopping the feeds: refuse options that mix them or
    name none."""
    if feed and revoke_feed:
        raise FootcoreError("choose one of --feed and --revoke-feed")
    if (feed or revoke_feed) and output is not None:
        raise FootcoreError("--output writes a file; leave it out with --feed or --revoke-feed")
    if not (feed or revoke_feed) and output is None:
        raise FootcoreError("missing --output: the file to write ('-' for standard output)")


def _export_service(app: App, athlete: str | None) -> tuple[ExportService, int]:
    """The exports of the stored data, and the athlete they are for."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.services.exports import ExportService  # noqa: PLC0415

    service = ExportService(app.services.ctx)
    return service, app.services.default_athlete_id(athlete)


def _make_feed(service: ExportService, athlete_id: int, reminders: str) -> None:
    """Make a new calendar feed (stopping the older ones) and show its path, with the
    reminders asked for, and what to do with it."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.services.exports import feed_path  # noqa: PLC0415

    path = feed_path(service.create_feed(athlete_id))
    if reminders != "daily":
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`,
        # `progress` or `today --profile` (measured).
        from footcore.io.calendar import REMINDERS  # noqa: PLC0415

        if reminders not in REMINDERS:
            raise FootcoreError(f"--reminders: one of {', '.join(REMINDERS)}")
        path += f"?reminders={reminders}"
    console.out.print(path, markup=False, soft_wrap=True)
    console.err.print(_feed_instructions(path), markup=False)


def _calendar(
    service: ExportService,
    athlete_id: int,
    tz: str | None,
    since: str | None,
    *,
    reminder: int,
    reminders: str,
) -> ExportFile:
    """The plan's iCalendar file for the options given."""
    return service.calendar(
        athlete_id,
        tz=tz,
        since=_date(since, "--since"),
        reminder_minutes=reminder,
        reminders=reminders,
    )


def _feed_instructions(path: str) -> str:
    """What to do with a new calendar feed's path, in the language chosen."""
    return console._(
        "Put the address of your footcore server in front of this path (for example "
        "%(example)s) and subscribe to it in your calendar app. Anyone with the address can "
        "read your plan; older feed addresses stopped working. It is shown only now."
    ) % {"example": "https://footcore.example.org" + path}


def _stopped_feeds(stopped: int) -> str:
    """How many calendar feed addresses were stopped, in the language chosen."""
    if not stopped:
        return console._("There was no working calendar feed address.")
    return console.ngettext(
        "Stopped %(n)s calendar feed address.", "Stopped %(n)s calendar feed addresses.", stopped
    ) % {"n": stopped}


def export_pdf(
    output: OutputOpt,
    kind: Annotated[
        str, typer.Option("--kind", help="plan (the programme) or progress (the report).")
    ] = "plan",
    paper: Annotated[str, typer.Option("--paper", help="a4 or letter.")] = "a4",
    athlete: AthleteOpt = None,
) -> None:
    """A printable handout: the programme or the progress report."""
    with open_app() as app:
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
        # `today --profile` (measured).
        from footcore.services.exports import ExportService  # noqa: PLC0415

        service = ExportService(app.services.ctx)
        athlete_id = app.services.default_athlete_id(athlete)
        file = service.handout(athlete_id, kind, paper)
    write_output(file, output)


def export_fhir(output: OutputOpt, athlete: AthleteOpt = None) -> None:
    """A FHIR R4(B) Bundle for a clinician: care plan and self-test results."""
    with open_app() as app:
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
        # `today --profile` (measured).
        from footcore.services.exports import ExportService  # noqa: PLC0415

        service = ExportService(app.services.ctx)
        file = service.fhir(app.services.default_athlete_id(athlete))
    write_output(file, output)


def export_fit(
    output: OutputOpt,
    date: Annotated[str, typer.Option("--date", help="The day of the session, YYYY-MM-DD.")],
    slot: Annotated[str, typer.Option("--slot", help="The session's slot, e.g. morning.")],
    athlete: AthleteOpt = None,
) -> None:
    """One planned session as a FIT workout file for a watch."""
    day = _date(date, "--date")
    assert day is not None
    with open_app() as app:
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
        # `today --profile` (measured).
        from footcore.services.exports import ExportService  # noqa: PLC0415

        service = ExportService(app.services.ctx)
        file = service.session_fit(app.services.default_athlete_id(athlete), day, slot)
    write_output(file, output)


def export_csv(
    output: OutputOpt,
    what: Annotated[
        str, typer.Option("--what", help="sessions (session logs) or self-tests.")
    ] = "sessions",
    athlete: AthleteOpt = None,
) -> None:
    """Session logs or self-test results as CSV."""
    if what not in ("sessions", "self-tests"):
        raise FootcoreError(f"--what: expected 'sessions' or 'self-tests', got {what!r}")
    with open_app() as app:
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
        # `today --profile` (measured).
        from footcore.services.exports import ExportService  # noqa: PLC0415

        service = ExportService(app.services.ctx)
        athlete_id = app.services.default_athlete_id(athlete)
        file = (
            service.session_logs_csv(athlete_id)
            if what == "sessions"
            else service.self_tests_csv(athlete_id)
        )
    write_output(file, output)
