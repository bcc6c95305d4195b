"""`footcore log ...`: log foot work by hand (a session, one exercise), next-morning pain,
and list, correct or delete what was logged."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Annotated, Any

import typer

from footcore.cli import console
from footcore.cli.options import (
    AthleteOpt,
    ClientIdOpt,
    DateOpt,
    JsonOpt,
    NoteOpt,
    parse_date,
)
from footcore.cli.stored import open_app
from footcore.cli.today_view import render_decisions
from footcore.domain.errors import FootcoreError, NotFoundError

if TYPE_CHECKING:
    from footcore.bootstrap import App
    from footcore.domain.exercise import Exercise
    from footcore.services import Feedback, ItemEntry


def register(app: typer.Typer) -> None:
    """Add the `log` command group to the root app."""
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


DifficultyOpt = Annotated[
    int | None, typer.Option("--difficulty", min=1, max=5, help="How hard, 1-5.")
]
PainOpt = Annotated[int | None, typer.Option("--pain", min=0, max=10, help="Pain during, 0-10.")]
CrampOpt = Annotated[
    bool | None, typer.Option("--cramp/--no-cramp", help="Whether a cramp struck.")
]


def _receipt(receipt: Any, as_json: bool) -> None:
    if as_json:
        console.print_json(receipt.to_dict())
        return
    _, ngettext = console._, console.ngettext
    out = console.out
    if receipt.items_stored == 0 and receipt.items_already_stored:
        n = receipt.items_already_stored
        out.print(
            ngettext(
                "Already logged (%(num)s exercise): nothing new stored.",
                "Already logged (%(num)s exercises): nothing new stored.",
                n,
            )
            % {"num": f"{n:,}"}
        )
    else:
        n = receipt.items_stored
        out.print(
            ngettext("Logged %(num)s exercise.", "Logged %(num)s exercises.", n) % {"num": f"{n:,}"}
        )
    render_decisions(receipt.decisions, _("What changes"))


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
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.services import Feedback, ItemEntry, SessionHeader  # noqa: PLC0415

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
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.services.logs import planned_entry  # noqa: PLC0415

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
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.services import Feedback, SessionHeader  # noqa: PLC0415

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        ex = app.services.programmes.catalogue_for(athlete_id).get(exercise)  # a coach's too
        day = parse_date(date) or app.services.ctx.today()
        planned = _planned_item(app, athlete_id, ex, day, slot)
        feedback = Feedback(difficulty=difficulty, pain=pain, cramp=cramp, note=note)
        item = _manual_item(
            ex.slug, planned, sets=sets, reps=reps, seconds=seconds, feedback=feedback
        )
        header = SessionHeader(
            client_id=client_id or f"manual-{uuid.uuid4().hex}",
            date=day,
            slot=slot,
            source="manual",
            planned_items=1,
            planned_minutes=float(planned.get("minutes") or 0.0),
        )
        receipt = app.services.log_session(athlete_id, header, [item], feedback)
    _receipt(receipt, as_json)


def _planned_item(
    app: App, athlete_id: int, ex: Exercise, day: dt.date, slot: str
) -> dict[str, Any]:
    """The exercise as the day's plan has it in that slot, else its catalogue dose."""
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
    return planned


def _manual_item(
    slug: str,
    planned: dict[str, Any],
    *,
    sets: int | None,
    reps: int | None,
    seconds: float | None,
    feedback: Feedback,
) -> ItemEntry:
    """The logged exercise: the sets done (the plan's when not given), and the reps and
    seconds per set given, counted over every set on each side."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.services import ItemEntry  # noqa: PLC0415

    done_sets = planned["sets"] if sets is None else sets
    sides = ("left", "right") if planned.get("per_side") else ("both",)
    rep_counts = {} if reps is None else dict.fromkeys(sides, done_sets * reps)
    secs = {} if seconds is None else dict.fromkeys(sides, done_sets * seconds)
    return ItemEntry(
        index=0,
        exercise=slug,
        planned=planned,
        sets_done=done_sets,
        reps=rep_counts,
        seconds=secs,
        skipped=done_sets == 0,
        difficulty=feedback.difficulty,
        pain=feedback.pain,
        cramp=feedback.cramp,
        note=feedback.note,
    )


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
    _ = console._
    console.out.print(
        _("Logged morning pain %(pain)s/10 for %(date)s.")
        % {"pain": pain, "date": morning.isoformat()}
    )
    if decisions:
        render_decisions(decisions, _("What changes"))
    else:
        console.out.print(_("No change to the programme from this."))


# --- corrections ------------------------------------------------------------------------------


def log_list(
    since: Annotated[
        str | None, typer.Option("--since", help="First day, YYYY-MM-DD (default: 14 days ago).")
    ] = None,
    athlete: AthleteOpt = None,
) -> None:
    """Logged sessions, oldest first: what was done, skipped, the pain and difficulty."""
    _, ngettext = console._, console.ngettext
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        first = parse_date(since, "--since") or app.services.ctx.today() - dt.timedelta(days=14)
        logs = app.services.logs.logged_list(athlete_id, first)
    if not logs:
        console.out.print(_("Nothing logged since %(date)s.") % {"date": first.isoformat()})
        return
    for log in logs:
        state = (
            _("done")
            if log.complete
            else ngettext(
                "%(done)s of %(num)s exercise done",
                "%(done)s of %(num)s exercises done",
                log.planned_items,
            )
            % {"done": log.items_in_full, "num": f"{log.planned_items:,}"}
        )
        extra = [
            _("pain %(n)s/10") % {"n": log.pain} if log.pain is not None else "",
            _("difficulty %(n)s/5") % {"n": log.difficulty} if log.difficulty is not None else "",
        ]
        line = f"{log.date.isoformat()} {console.term(log.slot)}: {state}"
        line += "".join(f", {e}" for e in extra if e)
        console.out.print(line, highlight=False)
        for name, how in log.exercises:
            console.out.print(f"    {console.said(name)}: {console.said(how)}", highlight=False)
    hint = _(
        "Correct one: footcore log edit SLOT --date DAY [--skip/--done EXERCISE] "
        "[--pain N ...]; remove one: footcore log delete SLOT --date DAY"
    )
    console.out.print(f"[dim]{hint}[/]")


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
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.services.logs import planned_entry  # noqa: PLC0415

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
    _ = console._
    console.out.print(
        _("Corrected the %(slot)s session of %(date)s.")
        % {"slot": console.term(slot), "date": day.isoformat()}
    )
    render_decisions(decisions, _("What changes now"))


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
        console._(
            "Deleted the %(slot)s session of %(date)s; what followed from it was decided "
            "again without it."
        )
        % {"slot": console.term(slot), "date": day.isoformat()}
    )
