"""`footcore plan` (a programme, week view or JSON) and `footcore today` (one day's sessions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from footcore.cli import console, today_view
from footcore.cli.console import _, out, print_json
from footcore.cli.day_view import print_day
from footcore.cli.options import JsonOpt
from footcore.cli.stored import open_app
from footcore.domain.errors import FootcoreError, ValidationError
from footcore.domain.wording import item_dose_text

if TYPE_CHECKING:
    from footcore.domain.planning import Day, Plan, PlanItem, Week
    from footcore.domain.profile import Profile


def _date(text: str | None, option: str) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FootcoreError(f"{option}: expected a date as YYYY-MM-DD, got '{text}'") from None


def _profile(path: Path) -> Profile:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises` or `progress` (measured).
    from footcore.domain.profile import parse_profile  # noqa: PLC0415
    from footcore.io.files import read_mapping  # noqa: PLC0415

    data = read_mapping(path)
    try:
        return parse_profile(data)
    except ValidationError as exc:
        raise ValidationError(f"profile {path}", exc.problems) from None


def _report(path: Path | None) -> Any:
    if path is None:
        return None
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.domain.assessments import score_battery  # noqa: PLC0415
    from footcore.io.files import read_mapping  # noqa: PLC0415

    return score_battery(read_mapping(path))


def _plan(profile_path: Path, assessment: Path | None, start: dt.date, weeks: int) -> Plan:
    # Deferred: not loaded by `--help` or `progress` (measured).
    from footcore.catalogue.loader import builtin_catalogue  # noqa: PLC0415
    from footcore.domain.planning import generate_plan  # noqa: PLC0415

    profile = _profile(profile_path)
    return generate_plan(profile, builtin_catalogue(), start, weeks, report=_report(assessment))


def _run_label(day: Day) -> str:
    """The day's run as the command line says it (``long run``; ``tirada larga``)."""
    if console.language() == "en":  # as it always was
        return "no run" if str(day.run) == "none" else f"{day.run} run"
    return _("no run") if str(day.run) == "none" else console.term(str(day.run)).lower()


def _day_label(day: dt.date) -> str:
    """A day in the week view (``Mon 07 Dec``; ``lun 7 dic``)."""
    if console.language() == "en":  # as it always was
        return day.strftime("%a %d %b")
    # Deferred: another language only; not loaded by any measured command line (English).
    from babel.dates import format_date  # noqa: PLC0415

    return str(format_date(day, "EEE d MMM", locale=console.language()))


def _print_flags(plan: Plan) -> None:
    """The plan's flags and notes (the planner's texts, in the language chosen), each under
    its word."""
    noted = _("note:")
    for flag in plan.flags:
        message = console.plan_text(flag.message)
        out.print(f"[bold red]! {flag.code}:[/] {message}", highlight=False)
    for note in plan.notes:
        out.print(f"[yellow]{noted}[/] {console.plan_text(note)}", highlight=False)


def _print_week(week: Week) -> None:
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich.table import Table  # noqa: PLC0415

    words = console.dose_words()

    def said(item: PlanItem) -> str:
        name = console.exercise_name(item.exercise, item.name)
        return f"{name} {item_dose_text(item, words=words)}"

    out.print()
    heading = _("Week %(week)s") % {"week": week.number}
    level = _("(level %(level)s)") % {"level": week.level}
    out.print(f"[bold]{heading}[/] {level}  {console.plan_text(week.focus)}", highlight=False)
    out.print(f"[dim]{console.plan_text(week.unlocks)}[/]", highlight=False)
    # A non-runner's week has no run column: every day would read "no run".
    runner = any(str(d.run) != "none" for d in week.days)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(_("day"), no_wrap=True)
    if runner:
        table.add_column(_("run"), no_wrap=True)
    table.add_column(_("when"), no_wrap=True)
    table.add_column("min", justify="right", no_wrap=True)
    table.add_column(_("exercises"))

    def row(label: str, day: Day, when: str, minutes: str, text: str) -> None:
        run = [_run_label(day) if label else ""] if runner else []
        table.add_row(label, *run, when, minutes, text)

    rest, all_day, note_word = _("rest day for the feet"), _("all day"), _("note")
    for day in week.days:
        label = _day_label(day.date)
        if not day.sessions and day.walking is None:
            row(label, day, "-", "0", f"[dim]{rest}[/]")
            label = ""
        for session in day.sessions:
            items = "; ".join(said(i) for i in session.items)
            row(
                label, day, console.term(str(session.slot)), console.decimal(session.minutes), items
            )
            label = ""
        if day.walking is not None:
            walking = _("%(exercise)s (in ordinary walking)") % {"exercise": said(day.walking)}
            row(label, day, all_day, "", walking)
            label = ""
        for note in day.notes:
            table.add_row(
                label,
                *([""] if runner else []),
                note_word,
                "",
                f"[dim]{console.plan_text(note)}[/]",
            )
            label = ""
    out.print(table)
    if week.next:
        out.print(
            "[dim]" + _("Next: %(next)s") % {"next": console.plan_text(week.next)} + "[/]",
            highlight=False,
        )


ProfileFile = Annotated[
    Path,
    typer.Option(
        "--profile", metavar="FILE", help="Profile file (.toml or .json).", show_default=False
    ),
]
AssessmentFile = Annotated[
    Path | None,
    typer.Option(
        "--assessment",
        metavar="FILE",
        help="Self-test results (the input of `assess score`); their focus areas and flags "
        "shape the plan.",
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    """Add `plan` and `today` to the root app."""
    app.command("plan")(plan_cmd)
    app.command("today")(today_cmd)


def plan_cmd(
    *,
    profile: ProfileFile,
    assessment: AssessmentFile = None,
    start: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="First day of the plan (default: today)."),
    ] = None,
    weeks: Annotated[int, typer.Option(help="Number of weeks, 1-104.")] = 16,
    week: Annotated[
        int | None, typer.Option(metavar="N", help="Show only week N in the week view.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """A day-by-day foot programme: weeks 1-6 unlock a level each, later weeks build on it."""
    # Deferred: not loaded by `--help`, `exercise --json` or `exercises` (measured).
    from footcore.domain.planning import plan_to_dict  # noqa: PLC0415

    plan = _plan(profile, assessment, _date(start, "--start"), weeks)
    if as_json:
        print_json(plan_to_dict(plan))
        return
    if week is not None and not 1 <= week <= len(plan.weeks):
        raise FootcoreError(f"--week: the plan has weeks 1 to {len(plan.weeks)}, got {week}")
    _print_header(plan)
    _print_flags(plan)
    for w in plan.weeks:
        if week is None or w.number == week:
            _print_week(w)


def today_cmd(
    *,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            metavar="FILE",
            help="Plan from this profile file instead of your stored programme.",
            show_default=False,
        ),
    ] = None,
    athlete: Annotated[
        str | None,
        typer.Option(help="Whose day, by name, when several athletes are stored."),
    ] = None,
    date: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="The day (default: today).")
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="The day the programme started (default: the day itself, i.e. week 1).",
        ),
    ] = None,
    assessment: AssessmentFile = None,
    as_json: JsonOpt = False,
) -> None:
    """Today's foot sessions, with the reason for each exercise.

    Without --profile it shows your stored programme (set up with `footcore init`), adapted
    to what you logged; with --profile it plans from the file and stores nothing.
    """
    if profile is None:
        if start is not None or assessment is not None:
            raise FootcoreError(
                "--start and --assessment go with --profile; your stored programme already "
                "has its start date and self-tests"
            )
        show_today(_date(date, "--date") if date is not None else None, as_json, athlete)
        return
    if athlete is not None:
        raise FootcoreError("--athlete picks a stored athlete; it does not go with --profile")
    _today_from_profile(profile, assessment, date=date, start=start, as_json=as_json)


def _programme_span(date: str | None, start: str | None) -> tuple[dt.date, dt.date, int]:
    """The day asked for, the programme's first day (the day itself by default) and the
    weeks a plan must cover to reach the day; refuses a start after the day or too far back."""
    # Deferred: not loaded by `--help`, `exercise --json` or `exercises` (measured).
    from footcore.domain.planning import MAX_WEEKS  # noqa: PLC0415

    day_date = _date(date, "--date")
    first = _date(start, "--start") if start is not None else day_date
    if first > day_date:
        raise FootcoreError("--start: the programme cannot start after --date")
    weeks = (day_date - first).days // 7 + 1
    if weeks > MAX_WEEKS:
        raise FootcoreError(f"--date is more than {MAX_WEEKS} weeks after --start")
    return day_date, first, weeks


def _today_from_profile(
    profile: Path, assessment: Path | None, *, date: str | None, start: str | None, as_json: bool
) -> None:
    """The day planned from a profile file (nothing stored), as JSON or for reading."""
    # Deferred: not loaded by `--help`, `exercise --json` or `exercises` (measured).
    from footcore.domain.planning import day_of  # noqa: PLC0415

    day_date, first, weeks = _programme_span(date, start)
    plan = _plan(profile, assessment, first, weeks)
    day = day_of(plan, day_date)
    week = plan.week_of(day_date)
    if day is None or week is None:  # pragma: no cover - the plan covers the date
        raise FootcoreError("the date is outside the plan")
    if as_json:
        _print_today_json(plan, week, day, day_date)
        return
    _print_today(plan, week, day)


def _print_today_json(plan: Plan, week: Week, day: Day, on: dt.date) -> None:
    """The planned day ``on`` as ``footcore.today/1`` JSON."""
    # Deferred: not loaded by `--help`, `exercise --json` or `exercises` (measured).
    from footcore.domain.planning import day_to_dict  # noqa: PLC0415

    print_json(
        {
            "schema": "footcore.today/1",
            "date": on.isoformat(),
            "week": week.number,
            "level": week.level,
            "focus": week.focus,
            "flags": [{"code": f.code, "message": f.message} for f in plan.flags],
            "notes": list(plan.notes),
            "day": day_to_dict(day),
        }
    )


def _print_header(plan: Plan) -> None:
    p = plan.profile
    goals = ", ".join(console.term(str(g)).lower() for g in p.goals)
    rest = _("%(weeks)s weeks from %(start)s, up to %(minutes)s min a day; goals: %(goals)s") % {
        "weeks": len(plan.weeks),
        "start": plan.start.isoformat(),
        "minutes": p.minutes_per_day,
        "goals": goals,
    }
    out.print(f"[bold]{p.name}[/]: {rest}", highlight=False)


def _print_today(plan: Plan, week: Week, day: Day) -> None:
    if console.language() == "en":  # as it always was
        when = day.date.strftime("%A %d %B %Y")
        rest = f"week {week.number} (level {week.level}), {_run_label(day)}, {day.minutes:.1f} min"
    else:
        # Deferred: another language only; not loaded by any measured command line (English).
        from babel.dates import format_date  # noqa: PLC0415

        when = format_date(day.date, _("EEEE d MMMM y"), locale=console.language())
        rest = _("week %(week)s (level %(level)s), %(run)s, %(minutes)s min") % {
            "week": week.number,
            "level": week.level,
            "run": _run_label(day),
            "minutes": console.decimal(day.minutes),
        }
    out.print(f"[bold]{when}[/], {rest}", highlight=False)
    _print_flags(plan)
    print_day(day)


# --- today for the stored athlete -------------------------------------------------------------


def show_today(
    on: dt.date | None = None, as_json: bool = False, athlete: str | None = None
) -> None:
    """`footcore today` without --profile: the stored athlete's day. Read straight from the
    database when its stored programme is current (``today_view.stored_view``), else through
    the services, which regenerate the programme when needed."""
    view = today_view.stored_view(on, athlete)
    if view is None:
        with open_app() as app:
            athlete_id = app.services.default_athlete_id(athlete)
            view = app.services.today(athlete_id, on)
    if as_json:
        console.print_json(view.to_dict())
    else:
        today_view.render_today(view)
