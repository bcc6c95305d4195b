"""`footcore start`: a guided session, each exercise stored as it is finished."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from footcore.cli import console
from footcore.cli.options import AthleteOpt, DateOpt, parse_date
from footcore.cli.stored import open_app
from footcore.cli.today_view import render_decisions

if TYPE_CHECKING:
    from footcore.bootstrap import App
    from footcore.cli.player_ui import Clock, ItemSink, Keys
    from footcore.domain.exercise import Catalogue
    from footcore.domain.player import ItemResult
    from footcore.services import DecisionView


def register(app: typer.Typer) -> None:
    """Add `start` to the root app."""
    app.command("start")(start)


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
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.cli import player_ui  # noqa: PLC0415
    from footcore.services import SessionHeader  # noqa: PLC0415

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        day = parse_date(date) or app.services.ctx.today()
        session = app.services.programmes.planned_session(athlete_id, day, slot)
        catalogue = app.services.programmes.catalogue_for(athlete_id)  # a coach's too
        items = player_ui.player_items(session, _cue_reader(catalogue, console.language()))
        clock: player_ui.Clock = player_ui.FastClock() if fast else player_ui.RealClock()
        keys = player_ui.keys_for_stdin()
        header = SessionHeader(
            client_id=player_ui.new_client_id(),
            date=day,
            slot=str(session["slot"]),
            source="guided",
            planned_items=len(items),
            planned_minutes=float(session["minutes"]),
            started_at=player_ui.to_datetime(clock.now()),
        )
        app.services.open_session(athlete_id, header)
        _announce(header.slot, len(items), session["minutes"])
        store = _item_store(app, athlete_id, header.client_id, session)
        results = player_ui.GuidedSession(items, clock, keys, store).run()
        decisions = _finish_with_feedback(app, athlete_id, header.client_id, keys, clock)
    _say_how_it_went(results, len(items))
    render_decisions(decisions, console._("What changes"))


def _cue_reader(catalogue: Catalogue, language: str) -> Callable[[str], Sequence[str]]:
    """An exercise's cues in the person's language (none for one the catalogue lacks)."""

    def cues(slug: str) -> Sequence[str]:
        if slug not in catalogue:
            return ()
        found = catalogue.get(slug)
        return found.cues if language == "en" else found.in_language(language).cues

    return cues


def _announce(slot_name: str, n: int, minutes: Any) -> None:
    """The session's first line: its slot, how many exercises and about how long."""
    slot = console.term(slot_name)
    what = console.ngettext(
        "session: %(num)s exercise, about %(minutes)s min.",
        "session: %(num)s exercises, about %(minutes)s min.",
        n,
    ) % {"num": f"{n:,}", "minutes": _minutes(minutes)}
    console.out.print(f"[bold]{slot}[/] {what}")


def _item_store(app: App, athlete_id: int, client_id: str, session: Mapping[str, Any]) -> ItemSink:
    """What the player calls with each finished exercise: it is logged at once, next to
    what the plan asked of it."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.cli import player_ui  # noqa: PLC0415
    from footcore.services import ItemEntry  # noqa: PLC0415

    planned = {n: dict(item) for n, item in enumerate(session["items"])}

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

    return store


def _finish_with_feedback(
    app: App, athlete_id: int, client_id: str, keys: Keys, clock: Clock
) -> tuple[DecisionView, ...]:
    """Ask the short feedback form and close the session with it; returns what the plan
    decided from it."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.cli import player_ui  # noqa: PLC0415
    from footcore.services import Feedback  # noqa: PLC0415

    form = player_ui.ask_feedback(keys)
    return app.services.finish_session(
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


def _say_how_it_went(results: Sequence[ItemResult], n: int) -> None:
    """Done in full, or how many of the exercises were (the rest is logged, not done)."""
    done = sum(1 for r in results if r.complete)
    if done == n:
        said = console.ngettext(
            "Session done: %(num)s exercise done in full.",
            "Session done: %(num)s exercises done in full.",
            done,
        ) % {"num": f"{done:,}"}
    else:
        said = console.ngettext(
            "Partly done: %(done)s of %(num)s exercise done in full; the rest is logged as it "
            "went (it does not count as done).",
            "Partly done: %(done)s of %(num)s exercises done in full; the rest is logged as it "
            "went (it does not count as done).",
            n,
        ) % {"done": done, "num": f"{n:,}"}
    console.out.print("\n" + said)


def _minutes(value: Any) -> str:
    """The session's minutes as the plan gives them (``5.7``), the language's way (``5,7``)."""
    text = str(value)
    return text if console.language() == "en" else text.replace(".", ",")
