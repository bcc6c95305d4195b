"""Commands over the stored data: `init`, `start`, `log`, `runs`, `progress`, `backup`,
`restore`. Each parses its input, calls one service and renders the answer.

The database is the one ``FOOTCORE_DATABASE_URL`` names, else the SQLite file in
``FOOTCORE_DATA_DIR`` (default: the user data directory); see docs/configuration.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from footcore.cli import console
from footcore.cli.options import AthleteOpt, JsonOpt
from footcore.domain.errors import FootcoreError

if TYPE_CHECKING:
    from footcore.bootstrap import App
    from footcore.services import DecisionView, ProgressReport, TodayView
    from footcore.services.views import LoggedSlot

DateOpt = Annotated[
    str | None, typer.Option("--date", help="The day, YYYY-MM-DD (default: today).")
]

ACTION_STYLE = {
    "progress": "green",
    "regress": "red",
    "hold": "yellow",
    "unlock": "cyan",
    "move": "magenta",
}


def register(app: typer.Typer) -> None:
    """Add the commands over stored data to the root app."""
    app.command("init")(init)
    app.command("start")(start)
    log_app = typer.Typer(
        name="log", help="Log foot work by hand, or next-morning pain.", no_args_is_help=True
    )
    log_app.command("session")(log_session)
    log_app.command("item")(log_item)
    log_app.command("morning")(log_morning)
    log_app.command("list")(log_list)
    log_app.command("edit")(log_edit)
    log_app.command("delete")(log_delete)
    app.add_typer(log_app)
    runs_app = typer.Typer(name="runs", help="Record runs and list them.", no_args_is_help=True)
    runs_app.command("add")(runs_add)
    runs_app.command("list")(runs_list)
    app.add_typer(runs_app)
    app.command("progress")(progress)
    app.command("backup")(backup)
    app.command("restore")(restore)


# --- helpers --------------------------------------------------------------------------------


def open_app() -> App:
    """footcore for the settings in the environment (migrated to the newest schema)."""
    from footcore.bootstrap import bootstrap
    from footcore.config import Settings

    return bootstrap(Settings.from_env())


def parse_date(value: str | None, what: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FootcoreError(f"{what}: expected a date as YYYY-MM-DD, got {value!r}") from None


def render_decisions(decisions: Sequence[DecisionView], title: str) -> None:
    if not decisions:
        return
    out = console.out
    out.print(f"[bold]{title}[/]")
    for d in decisions:
        style = ACTION_STYLE.get(d.action, "white")
        out.print(f"  [{style}]{d.action}[/] ({d.date.isoformat()}): {d.reason}")


# --- today for the stored athlete -------------------------------------------------------------


def _mark(logged: LoggedSlot) -> str:
    """How a logged session shows beside its slot: done, partly done, or started."""
    from footcore.domain.wording import count

    if logged.complete:
        return "  [green]done[/]"
    done = f"{logged.items_in_full} of {count(logged.planned_items, 'exercise')} done"
    if logged.finished:
        return f"  [yellow]partly done: {done}[/]"
    return f"  [yellow]started: {done}[/]"


def render_today(view: TodayView) -> None:
    """The day's sessions of the stored programme, what is logged, what changed."""
    out = console.out
    head = f"[bold]{view.athlete}, {view.date.strftime('%A')} {view.date.isoformat()}[/]"
    if view.week is not None:
        head += f"  week {view.week}, level {view.level}"
    out.print(head)
    if view.focus:
        out.print(f"[dim]{view.focus}[/]")
    for flag in view.flags:
        out.print(f"[bold red]![/] {flag.get('message', '')}")
    if view.day is None:
        out.print("No programme day for this date.")
    else:
        from footcore.cli.day_view import print_day
        from footcore.domain.planning import day_from_dict

        marks = {s.slot: _mark(s) for s in view.logged}
        print_day(day_from_dict(view.day), marks)
    render_decisions(view.decisions, "\nChanges since yesterday")


def show_today(
    on: dt.date | None = None, as_json: bool = False, athlete: str | None = None
) -> None:
    """`footcore today` without --profile: the stored athlete's day (for the lead to wire)."""
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        view = app.services.today(athlete_id, on)
    if as_json:
        console.print_json(view.to_dict())
    else:
        render_today(view)


# --- self-tests (for `footcore assess` to store its results) ---------------------------------


def save_assessment(data: Mapping[str, Any], athlete: str | None = None) -> None:
    """Store a self-test battery (the `assess score` input) for the stored athlete."""
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        stored = app.services.record_assessment(athlete_id, data)
    console.out.print(
        f"Stored the self-test of {stored.taken_on.isoformat()}; 'footcore progress' shows "
        "the trends."
    )


# --- init -------------------------------------------------------------------------------------


def _ask_list(prompt: str, allowed: Sequence[str], default: Sequence[str]) -> list[str]:
    answer = typer.prompt(f"{prompt} ({', '.join(allowed)})", default=", ".join(default))
    return [part.strip() for part in answer.split(",") if part.strip()]


def _interactive_profile() -> dict[str, Any]:
    from footcore.domain.vocab import Equipment, Goal, Sex, Slot, Weekday

    out = console.out
    out.print("[bold]Set up footcore[/]: a few questions (Enter keeps the default).")
    profile: dict[str, Any] = {
        "name": typer.prompt("Your name"),
        "age": typer.prompt("Age", type=int),
        "sex": typer.prompt(f"Sex ({', '.join(Sex.slugs())})", default="unspecified"),
        "goals": _ask_list("Goals", Goal.slugs(), ["general"]),
        "equipment": _ask_list("Equipment you have", Equipment.slugs(), []),
        "minutes_per_day": typer.prompt("Minutes a day for foot work", default=10, type=int),
        "slots": _ask_list("When in the day", Slot.slugs(), Slot.slugs()),
        "cramp_prone": typer.confirm("Do your feet or calves cramp easily?", default=False),
    }
    pain = typer.prompt("Foot pain now, 0-10", default=0, type=int)
    if pain:
        site = typer.prompt("Where (heel, arch, achilles, ankle, forefoot, toes)", default="heel")
        profile["pain"] = {"nrs": pain, "site": site}
    days = _ask_list("Running days (empty if you do not run)", Weekday.slugs(), [])
    if days:
        running: dict[str, Any] = {"days": days}
        long_day = typer.prompt("Long-run day (Enter for none)", default="", show_default=False)
        if long_day:
            running["long_run_day"] = long_day
        profile["running"] = running
    return profile


def init(
    *,
    profile: Annotated[
        Path | None,
        typer.Option("--profile", help="A profile file (TOML or JSON); without it, questions."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="First day of the programme (default today).")
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", help="Weeks in the programme.", min=1)] = 16,
    update: Annotated[
        bool, typer.Option("--update", help="Store a new profile version for the athlete.")
    ] = False,
    new: Annotated[bool, typer.Option("--new", help="Add another athlete.")] = False,
    athlete: AthleteOpt = None,
) -> None:
    """Set footcore up: store your profile and your first programme."""
    from footcore.services import NotSetUpError

    data: dict[str, Any]
    if profile is not None:
        from footcore.io.files import read_mapping

        data = read_mapping(profile)
    else:
        data = _interactive_profile()
    first_day = parse_date(start, "--start")
    with open_app() as app:
        try:
            existing: int | None = app.services.default_athlete_id(athlete)
        except NotSetUpError:
            existing = None
        if existing is not None and update:
            version = app.services.update_profile(existing, data)
            programme = app.services.current_programme(existing)
            console.out.print(
                f"Stored profile version {version.profile_version} for {version.name}; the "
                f"programme was regenerated (generator {programme.generator_version})."
            )
            return
        if existing is not None and not new:
            raise FootcoreError(
                "footcore is already set up: use --update to store a new profile version, or "
                "--new to add another athlete"
            )
        result = app.services.onboard(data, first_day, weeks)
    p = result.programme
    console.out.print(
        f"Set up [bold]{result.athlete.name}[/]: a {p.weeks}-week programme from "
        f"{p.start.isoformat()} (generator {p.generator_version}).\n"
        "Next: 'footcore today' shows today's sessions, 'footcore start' guides one."
    )


# --- start --------------------------------------------------------------------------------------


def start(
    slot: Annotated[
        str | None, typer.Argument(help="Which session (morning, desk, ...); default: the next.")
    ] = None,
    *,
    date: DateOpt = None,
    fast: Annotated[
        bool, typer.Option("--fast", help="Timed work finishes at once (demos and tests).")
    ] = False,
    athlete: AthleteOpt = None,
) -> None:
    """A guided session: each exercise with its cues, countdowns, rep prompts, then a short
    feedback form. Every finished exercise is stored at once."""
    from footcore.cli import player_ui
    from footcore.domain.wording import count
    from footcore.services import Feedback, ItemEntry, SessionHeader

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        day = parse_date(date) or app.services.ctx.today()
        session = app.services.programmes.planned_session(athlete_id, day, slot)
        catalogue = app.services.programmes.catalogue_for(athlete_id)  # a coach's too

        def cues(slug: str) -> Sequence[str]:
            return catalogue.get(slug).cues if slug in catalogue else ()

        items = player_ui.player_items(session, cues)
        planned = {n: dict(item) for n, item in enumerate(session["items"])}
        clock: player_ui.Clock = player_ui.FastClock() if fast else player_ui.RealClock()
        keys = player_ui.keys_for_stdin()
        client_id = player_ui.new_client_id()
        header = SessionHeader(
            client_id=client_id,
            date=day,
            slot=str(session["slot"]),
            source="guided",
            planned_items=len(items),
            planned_minutes=float(session["minutes"]),
            started_at=player_ui.to_datetime(clock.now()),
        )
        app.services.open_session(athlete_id, header)
        console.out.print(
            f"[bold]{header.slot}[/] session: {count(len(items), 'exercise')}, about "
            f"{session['minutes']} min."
        )

        def store(item: Any, result: Any) -> None:
            app.services.log_item(
                athlete_id,
                client_id,
                ItemEntry(
                    index=result.index,
                    exercise=result.exercise,
                    planned=planned[result.index],
                    sets_done=result.sets_done,
                    reps=dict(result.reps),
                    seconds=dict(result.seconds),
                    skipped=result.skipped,
                    started_at=player_ui.to_datetime(result.started_at),
                    ended_at=player_ui.to_datetime(result.ended_at),
                ),
            )

        guided = player_ui.GuidedSession(items, clock, keys, store)
        results = guided.run()
        form = player_ui.ask_feedback(keys)
        decisions = app.services.finish_session(
            athlete_id,
            client_id,
            Feedback(
                difficulty=form.difficulty,
                pain=form.pain,
                cramp=form.cramp,
                note=form.note,
                ended_at=player_ui.to_datetime(clock.now()),
            ),
        )
    done = sum(1 for r in results if r.complete)
    if done == len(items):
        console.out.print(f"\nSession done: {count(done, 'exercise')} done in full.")
    else:
        console.out.print(
            f"\nPartly done: {done} of {count(len(items), 'exercise')} done in full; "
            "the rest is logged as it went (it does not count as done)."
        )
    render_decisions(decisions, "What changes")


# --- log ----------------------------------------------------------------------------------------

DifficultyOpt = Annotated[
    int | None, typer.Option("--difficulty", min=1, max=5, help="How hard, 1-5.")
]
PainOpt = Annotated[int | None, typer.Option("--pain", min=0, max=10, help="Pain during, 0-10.")]
CrampOpt = Annotated[
    bool | None, typer.Option("--cramp/--no-cramp", help="Whether a cramp struck.")
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="A short note.")]
ClientIdOpt = Annotated[
    str | None,
    typer.Option(
        "--client-id", help="Your own id for this entry: sending it again stores it once."
    ),
]


def _receipt(receipt: Any, as_json: bool) -> None:
    if as_json:
        console.print_json(receipt.to_dict())
        return
    from footcore.domain.wording import count

    out = console.out
    if receipt.items_stored == 0 and receipt.items_already_stored:
        already = count(receipt.items_already_stored, "exercise")
        out.print(f"Already logged ({already}): nothing new stored.")
    else:
        out.print(f"Logged {count(receipt.items_stored, 'exercise')}.")
    render_decisions(receipt.decisions, "What changes")


def log_session(
    slot: Annotated[str, typer.Argument(help="The planned session (morning, desk, ...).")],
    *,
    date: DateOpt = None,
    skip: Annotated[
        list[str] | None,
        typer.Option("--skip", help="An exercise you left out (repeat for more)."),
    ] = None,
    difficulty: DifficultyOpt = None,
    pain: PainOpt = None,
    cramp: CrampOpt = None,
    note: NoteOpt = None,
    client_id: ClientIdOpt = None,
    as_json: JsonOpt = False,
    athlete: AthleteOpt = None,
) -> None:
    """Log a whole planned session as done (leave items out with --skip)."""
    import uuid

    from footcore.domain.errors import NotFoundError
    from footcore.services import Feedback, ItemEntry, SessionHeader

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        day = parse_date(date) or app.services.ctx.today()
        session = app.services.programmes.planned_session(athlete_id, day, slot)
        slugs = [str(i["exercise"]) for i in session["items"]]
        for s in skip or []:
            if s not in slugs:
                raise NotFoundError(f"exercise in the {slot} session", s, slugs)
        items = [
            _as_planned(n, item, skipped=item["exercise"] in (skip or []))
            for n, item in enumerate(session["items"])
        ]
        header = SessionHeader(
            client_id=client_id or f"manual-{uuid.uuid4().hex}",
            date=day,
            slot=slot,
            source="manual",
            planned_items=len(items),
            planned_minutes=float(session["minutes"]),
        )
        receipt = app.services.log_session(
            athlete_id,
            header,
            [ItemEntry(**i) for i in items],
            Feedback(difficulty=difficulty, pain=pain, cramp=cramp, note=note),
        )
    _receipt(receipt, as_json)


def _as_planned(index: int, item: Mapping[str, Any], skipped: bool) -> dict[str, Any]:
    from dataclasses import asdict

    from footcore.services.logs import planned_entry

    return asdict(planned_entry(index, item, skipped=skipped))


def log_item(
    exercise: Annotated[str, typer.Argument(help="The exercise slug.")],
    *,
    slot: Annotated[str, typer.Option("--slot", help="When in the day (morning, desk, ...).")],
    date: DateOpt = None,
    sets: Annotated[int | None, typer.Option("--sets", min=0, help="Sets done.")] = None,
    reps: Annotated[
        int | None, typer.Option("--reps", min=0, help="Reps per set (per side if one-sided).")
    ] = None,
    seconds: Annotated[
        float | None,
        typer.Option("--seconds", min=0, help="Seconds per set (per side if one-sided)."),
    ] = None,
    difficulty: DifficultyOpt = None,
    pain: PainOpt = None,
    cramp: CrampOpt = None,
    note: NoteOpt = None,
    client_id: ClientIdOpt = None,
    as_json: JsonOpt = False,
    athlete: AthleteOpt = None,
) -> None:
    """Log one exercise done outside a guided session."""
    import uuid

    from footcore.services import Feedback, ItemEntry, SessionHeader

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        ex = app.services.programmes.catalogue_for(athlete_id).get(exercise)  # a coach's too
        day = parse_date(date) or app.services.ctx.today()
        planned: dict[str, Any] = {
            "exercise": ex.slug,
            "name": ex.name,
            "sets": ex.dose.sets,
            "reps": ex.dose.reps,
            "hold_s": ex.dose.hold_s,
            "duration_s": ex.dose.duration_s,
            "per_side": ex.dose.per_side,
        }
        for s in app.services.today(athlete_id, day).sessions:
            for item in s["items"]:
                if item["exercise"] == ex.slug and s["slot"] == slot:
                    planned = dict(item)
        done_sets = planned["sets"] if sets is None else sets
        sides = ("left", "right") if planned.get("per_side") else ("both",)
        rep_counts = {} if reps is None else dict.fromkeys(sides, done_sets * reps)
        secs = {} if seconds is None else dict.fromkeys(sides, done_sets * seconds)
        header = SessionHeader(
            client_id=client_id or f"manual-{uuid.uuid4().hex}",
            date=day,
            slot=slot,
            source="manual",
            planned_items=1,
            planned_minutes=float(planned.get("minutes") or 0.0),
        )
        receipt = app.services.log_session(
            athlete_id,
            header,
            [
                ItemEntry(
                    index=0,
                    exercise=ex.slug,
                    planned=planned,
                    sets_done=done_sets,
                    reps=rep_counts,
                    seconds=secs,
                    skipped=done_sets == 0,
                    difficulty=difficulty,
                    pain=pain,
                    cramp=cramp,
                    note=note,
                )
            ],
            Feedback(difficulty=difficulty, pain=pain, cramp=cramp, note=note),
        )
    _receipt(receipt, as_json)


def log_morning(
    pain: Annotated[int, typer.Argument(help="Pain on waking, 0-10.", min=0, max=10)],
    date: Annotated[
        str | None, typer.Option("--date", help="The morning, YYYY-MM-DD (default: today).")
    ] = None,
    athlete: AthleteOpt = None,
) -> None:
    """Log pain on waking, after yesterday's foot work (worse than yesterday: step back)."""
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        morning = parse_date(date) or app.services.ctx.today()
        decisions = app.services.record_morning_pain(athlete_id, morning, pain)
    console.out.print(f"Logged morning pain {pain}/10 for {morning.isoformat()}.")
    if decisions:
        render_decisions(decisions, "What changes")
    else:
        console.out.print("No change to the programme from this.")


# --- corrections ------------------------------------------------------------------------------


def log_list(
    since: Annotated[
        str | None, typer.Option("--since", help="First day, YYYY-MM-DD (default: 14 days ago).")
    ] = None,
    athlete: AthleteOpt = None,
) -> None:
    """Logged sessions, oldest first: what was done, skipped, the pain and difficulty."""
    from footcore.domain.wording import count

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        first = parse_date(since, "--since") or app.services.ctx.today() - dt.timedelta(days=14)
        logs = app.services.logs.logged_list(athlete_id, first)
    if not logs:
        console.out.print(f"Nothing logged since {first.isoformat()}.")
        return
    for log in logs:
        state = (
            "done"
            if log.complete
            else f"{log.items_in_full} of {count(log.planned_items, 'exercise')} done"
        )
        extra = [
            f"pain {log.pain}/10" if log.pain is not None else "",
            f"difficulty {log.difficulty}/5" if log.difficulty is not None else "",
        ]
        line = f"{log.date.isoformat()} {log.slot}: {state}"
        line += "".join(f", {e}" for e in extra if e)
        console.out.print(line, highlight=False)
        for name, how in log.exercises:
            console.out.print(f"    {name}: {how}", highlight=False)
    console.out.print(
        "[dim]Correct one: footcore log edit SLOT --date DAY [--skip/--done EXERCISE] "
        "[--pain N ...]; remove one: footcore log delete SLOT --date DAY[/]"
    )


def _logged_id(app: Any, athlete_id: int, day: dt.date, slot: str) -> str:
    ids = app.services.logs.logged_ids(athlete_id, day, slot)
    if not ids:
        raise FootcoreError(
            f"no {slot} session is logged on {day.isoformat()}; 'footcore log list' shows what is"
        )
    return str(ids[-1])  # the latest, when the slot was logged more than once


def log_edit(
    slot: Annotated[str, typer.Argument(help="The logged session (morning, desk, ...).")],
    *,
    date: DateOpt = None,
    skip: Annotated[
        list[str] | None,
        typer.Option("--skip", help="An exercise you did not do after all (repeat for more)."),
    ] = None,
    done: Annotated[
        list[str] | None,
        typer.Option("--done", help="An exercise you did in full (repeat for more)."),
    ] = None,
    difficulty: DifficultyOpt = None,
    pain: PainOpt = None,
    cramp: CrampOpt = None,
    note: NoteOpt = None,
    athlete: AthleteOpt = None,
) -> None:
    """Correct a logged session: exercises done or skipped, difficulty, pain, cramp, note
    (what you leave out stays as it was). The adaptation that followed is decided again."""
    from dataclasses import replace

    from footcore.domain.errors import NotFoundError
    from footcore.services.logs import planned_entry

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        day = parse_date(date) or app.services.ctx.today()
        client_id = _logged_id(app, athlete_id, day, slot)
        _, _, items, feedback = app.services.logs.logged_entries(athlete_id, client_id)
        planned = app.services.programmes.planned_session(athlete_id, day, slot)["items"]
        by_exercise = {str(p["exercise"]): (n, p) for n, p in enumerate(planned)}
        entries = {i.index: i for i in items}
        for exercise, skipped in [
            *((e, True) for e in skip or []),
            *((e, False) for e in done or []),
        ]:
            if exercise not in by_exercise:
                raise NotFoundError(f"exercise in the {slot} session", exercise, list(by_exercise))
            n, item = by_exercise[exercise]
            entries[n] = planned_entry(n, item, skipped=skipped)
        changed = replace(
            feedback,
            difficulty=feedback.difficulty if difficulty is None else difficulty,
            pain=feedback.pain if pain is None else pain,
            cramp=feedback.cramp if cramp is None else cramp,
            note=feedback.note if note is None else note,
        )
        decisions = app.services.logs.correct_session(
            athlete_id, client_id, sorted(entries.values(), key=lambda e: e.index), changed
        )
    console.out.print(f"Corrected the {slot} session of {day.isoformat()}.")
    render_decisions(decisions, "What changes now")


def log_delete(
    slot: Annotated[str, typer.Argument(help="The logged session (morning, desk, ...).")],
    *,
    date: DateOpt = None,
    athlete: AthleteOpt = None,
) -> None:
    """Delete a logged session (a mistake, a double); the adaptation that followed it is
    decided again without it."""
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        day = parse_date(date) or app.services.ctx.today()
        client_id = _logged_id(app, athlete_id, day, slot)
        app.services.logs.delete_session(athlete_id, client_id)
    console.out.print(
        f"Deleted the {slot} session of {day.isoformat()}; what followed from it was decided "
        "again without it."
    )


# --- runs ---------------------------------------------------------------------------------------


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
    from footcore.services import RunEntry

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        day = parse_date(date) or app.services.ctx.today()
        stored = app.services.add_run(
            athlete_id, RunEntry(day, km, minutes, kind, felt, note, client_id)
        )
    if stored:
        console.out.print(
            f"Recorded the run of {day.isoformat()}: {km:g} km, {kind}, "
            + ("no felt score." if felt is None else f"felt {felt}/5.")
        )
    else:
        console.out.print("Already recorded (same --client-id): nothing new stored.")


def runs_list(as_json: JsonOpt = False, athlete: AthleteOpt = None) -> None:
    """List recorded runs, oldest first."""
    with open_app() as app:
        runs = app.services.runs(app.services.default_athlete_id(athlete))
    if as_json:
        console.print_json([r.to_dict() for r in runs])
        return
    if not runs:
        console.out.print("No runs recorded yet: 'footcore runs add --km 8 --minutes 45'.")
        return
    from rich.table import Table

    table = Table("date", "km", "minutes", "kind", "felt", "note")
    for r in runs:
        table.add_row(
            r.date.isoformat(),
            f"{r.km:g}",
            f"{r.minutes:g}",
            r.kind,
            "-" if r.felt is None else str(r.felt),
            r.note or "",
        )
    console.out.print(table)


# --- progress -----------------------------------------------------------------------------------


def progress(as_json: JsonOpt = False, date: DateOpt = None, athlete: AthleteOpt = None) -> None:
    """Adherence, streaks, weekly minutes, self-test trends and how runs felt."""
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        report = app.services.progress(athlete_id, parse_date(date))
    if as_json:
        console.print_json(report.to_dict())
    else:
        render_progress(report)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:g}%"


def render_progress(report: ProgressReport) -> None:
    from rich.table import Table

    from footcore.domain.progress import sparkline
    from footcore.domain.wording import result_text

    out = console.out
    out.print(f"[bold]Progress for {report.athlete}[/] up to {report.date.isoformat()}")
    table = Table("", "sessions", "minutes")
    for label, a in (("this week", report.this_week), ("overall", report.overall)):
        table.add_row(
            label,
            f"{a.done_sessions}/{a.planned_sessions} ({_pct(a.sessions_pct)})",
            f"{a.done_minutes:g}/{a.planned_minutes:g} ({_pct(a.minutes_pct)})",
        )
    out.print(table)

    def days(n: int) -> str:
        return f"{n} day" if n == 1 else f"{n} days"

    out.print(
        f"Streak: {days(report.streaks.current)} running (longest {days(report.streaks.longest)})"
    )
    if report.weeks:
        line = sparkline([w.done_minutes for w in report.weeks], floor=0)
        last = report.weeks[-1]
        out.print(
            f"Weekly minutes done: [cyan]{line}[/]  this week {last.done_minutes:g} "
            f"(due so far: {last.planned_minutes:g})"
        )
    if report.trends:
        out.print("\n[bold]Self-tests[/]")
        for t in report.trends:
            values = [v for _, v in t.points]
            shown = ", ".join("-" if v is None else result_text(v, t.test_id) for v in values)
            part = f" ({t.part})" if t.part else ""
            out.print(f"  {t.name}{part}: [cyan]{sparkline(values)}[/] {shown}: {t.label}")
    out.print("\n[bold]Runs after foot work[/]")
    out.print(f"  {report.runs.message}")
    render_decisions(report.decisions, "\nRecent decisions")


# --- backup / restore ---------------------------------------------------------------------------


def _table_counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items())


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the JSON backup.")],
    as_json: JsonOpt = False,
) -> None:
    """Write every stored record, accounts and groups included, to a JSON file (restore it
    with 'footcore restore'). Sign-in sessions, reset tokens and the secret key are left out."""
    from rich.markup import escape

    from footcore.services.backup import LEFT_OUT

    with open_app() as app:
        counts = app.services.backups.write_backup(file)
    total = sum(counts.values())
    if as_json:
        console.print_json(
            {"file": str(file), "records": total, "tables": counts, "left_out": dict(LEFT_OUT)}
        )
        return
    console.out.print(f"Wrote {total} records to {escape(str(file))}.")
    console.out.print(f"  {_table_counts(counts)}", markup=False)
    console.out.print(f"Left out by design: {'; '.join(LEFT_OUT.values())}.", markup=False)


def restore(
    file: Annotated[Path, typer.Argument(help="A JSON backup written by 'footcore backup'.")],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Delete the current data first (accounts included; not the key)."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Load a backup into an empty database (or replace everything with --replace), in one
    transaction. Everyone is signed out: sign-in sessions are never in a backup."""
    from rich.markup import escape

    with open_app() as app:
        had_accounts = replace and bool(app.services.accounts.users())
        counts = app.services.backups.read_and_restore(file, replace=replace)
    total = sum(counts.values())
    if as_json:
        console.print_json({"file": str(file), "records": total, "tables": counts})
        return
    console.out.print(f"Restored {total} records from {escape(str(file))}.")
    console.out.print(f"  {_table_counts(counts)}", markup=False)
    if counts.get("users"):
        console.out.print(
            "Everyone signs in again with their password: sign-in sessions and reset tokens "
            "are never in a backup."
        )
    elif had_accounts:
        console.out.print(
            "The backup holds no accounts, so the database has none now; make an admin with "
            "'footcore admin create-user EMAIL --role admin'."
        )
