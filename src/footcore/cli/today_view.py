"""`footcore today` for the stored athlete, without Typer: the view read and rendered.

The stored day is shown on every start of the day, so its command line is answered before
Typer is imported when it is one this module reads (:func:`answer`: ``today`` with
``--date``, ``--athlete``, ``--json``) and the stored programme is current (the read model,
:func:`stored_view`); anything else, an error included, goes through the Typer app, which
says what it always said. The rendering here is also what the Typer command uses
(:func:`footcore.cli.commands.plan.show_today`), so the two print the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from footcore.cli import console
from footcore.config import Settings
from footcore.domain.errors import FootcoreError

if TYPE_CHECKING:
    from footcore.services import DecisionView, TodayView
    from footcore.services.views import LoggedSlot

ACTION_STYLE = {
    "progress": "green",
    "regress": "red",
    "hold": "yellow",
    "unlock": "cyan",
    "move": "magenta",
}


def render_decisions(decisions: Sequence[DecisionView], title: str) -> None:
    if not decisions:
        return
    out = console.out
    out.print(f"[bold]{title}[/]")
    for d in decisions:
        style = ACTION_STYLE.get(d.action, "white")
        reason = console.change_text(d.reason)
        out.print(f"  [{style}]{console.term(d.action)}[/] ({d.date.isoformat()}): {reason}")


def _mark(logged: LoggedSlot) -> str:
    """How a logged session shows beside its slot: done, partly done, or started."""
    _ = console._
    if logged.complete:
        return "  [green]" + _("done") + "[/]"
    done = console.ngettext(
        "%(done)s of %(num)s exercise done",
        "%(done)s of %(num)s exercises done",
        logged.planned_items,
    ) % {"done": logged.items_in_full, "num": f"{logged.planned_items:,}"}
    if logged.finished:
        return "  [yellow]" + _("partly done: %(done)s") % {"done": done} + "[/]"
    return "  [yellow]" + _("started: %(done)s") % {"done": done} + "[/]"


def render_today(view: TodayView) -> None:
    """The day's sessions of the stored programme, what is logged, what changed."""
    out = console.out
    _ = console._
    head = f"[bold]{view.athlete}, {console.weekday(view.date)} {view.date.isoformat()}[/]"
    if view.week is not None:
        head += "  " + _("week %(week)s, level %(level)s") % {
            "week": view.week,
            "level": view.level,
        }
    out.print(head)
    if view.focus:
        out.print(f"[dim]{console.plan_text(view.focus)}[/]")
    for flag in view.flags:
        out.print(f"[bold red]![/] {console.plan_text(flag.get('message', ''))}")
    if view.day is None:
        out.print(_("No programme day for this date."))
    else:
        # Deferred: not loaded by `today --json` (measured).
        from footcore.cli.day_view import print_day  # noqa: PLC0415
        from footcore.domain.planning import day_from_dict  # noqa: PLC0415

        marks = {s.slot: _mark(s) for s in view.logged}
        print_day(day_from_dict(view.day), marks)
    render_decisions(view.decisions, "\n" + _("Changes since yesterday"))


def stored_view(on: dt.date | None = None, athlete: str | None = None) -> TodayView | None:
    """The stored athlete's day through the stored day's read model, without SQLAlchemy or
    the unit of work (a cold ``footcore today`` spent most of its time loading those), or
    None when the full path must answer: a database the read model does not read, an athlete
    not found, a programme that is not current (the full path regenerates and stores it), or
    a SQLite error (the full path reports it in its words). The same view either way
    (``tests/e2e/test_cli_today_fast.py``)."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    import sqlite3  # noqa: PLC0415

    from footcore.bootstrap import stored_day  # noqa: PLC0415
    from footcore.services.context import builtin_catalogue, local_today  # noqa: PLC0415
    from footcore.services.programmes import stored_today  # noqa: PLC0415

    try:
        reads = stored_day(Settings.from_env())
        if reads is None:
            return None
        with reads:
            return stored_today(
                reads, athlete=athlete, on=on, today=local_today(), catalogue=builtin_catalogue
            )
    except sqlite3.Error:
        return None


def _today_options(args: Sequence[str]) -> tuple[dt.date | None, str | None, bool] | None:
    """(date, athlete, json) of a ``today`` command line that names each of ``--date VALUE``,
    ``--athlete VALUE`` and ``--json`` at most once and nothing else, with a valid date;
    None for any other (Typer reads those, and words their errors)."""
    if not args or args[0] != "today":
        return None
    values: dict[str, str] = {}
    as_json = False
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if arg == "--json" and not as_json:
            as_json = True
        elif arg in {"--date", "--athlete"} and arg not in values and rest:
            value = rest.pop(0)
            if value.startswith("-"):
                return None
            values[arg] = value
        else:
            return None
    on = None
    if "--date" in values:
        try:
            on = dt.date.fromisoformat(values["--date"])
        except ValueError:
            return None
    return on, values.get("--athlete"), as_json


def answer(args: Sequence[str]) -> bool:
    """Answer the command line ``args`` (without the program name) when it is a stored
    ``today`` this module reads and the stored programme is current; False, with nothing
    printed, when the Typer app must answer it instead."""
    options = _today_options(args)
    if options is None:
        return False
    on, athlete, as_json = options
    try:
        view = stored_view(on, athlete)
    except FootcoreError:  # the Typer app words it
        return False
    if view is None:
        return False
    if as_json:
        console.print_json(view.to_dict())
    else:
        render_today(view)
    return True
