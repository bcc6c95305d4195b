"""`footcore init`: store a profile (from a file or asked for) and the first programme.

The database is the one ``FOOTCORE_DATABASE_URL`` names, else the SQLite file in
``FOOTCORE_DATA_DIR`` (default: the user data directory); see docs/configuration.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from footcore.cli import console
from footcore.cli.options import AthleteOpt, parse_date
from footcore.cli.stored import open_app
from footcore.domain.errors import FootcoreError
from footcore.domain.vocab import Equipment, Goal, Sex, Slot, Weekday

if TYPE_CHECKING:
    from footcore.bootstrap import App
    from footcore.services import OnboardResult


def register(app: typer.Typer) -> None:
    """Add `init` to the root app."""
    app.command("init")(init)


def _ask_list(prompt: str, allowed: Sequence[str], default: Sequence[str]) -> list[str]:
    answer = typer.prompt(f"{prompt} ({', '.join(allowed)})", default=", ".join(default))
    return [part.strip() for part in answer.split(",") if part.strip()]


def _confirm(question: str) -> bool:
    """A yes-or-no question, no by default: Click's own in English (``[y/N]``), and the
    language's first letters in another (``[s/N]``, "s" or "y" for yes)."""
    return console.confirm(question)


def _interactive_profile() -> dict[str, Any]:
    out, _ = console.out, console._
    title = _("Set up footcore")
    lead = _("a few questions (Enter keeps the default).")
    out.print(f"[bold]{title}[/]: {lead}")
    profile: dict[str, Any] = {
        "name": typer.prompt(_("Your name")),
        "age": console.ask_whole_number(_("Age")),
        "sex": typer.prompt(f"{_('Sex')} ({', '.join(Sex.slugs())})", default="unspecified"),
        "goals": _ask_list(_("Goals"), Goal.slugs(), ["general"]),
        "equipment": _ask_list(_("Equipment you have"), Equipment.slugs(), []),
        "minutes_per_day": console.ask_whole_number(_("Minutes a day for foot work"), 10),
        "slots": _ask_list(_("When in the day"), Slot.slugs(), Slot.slugs()),
        "cramp_prone": _confirm(_("Do your feet or calves cramp easily?")),
    }
    pain = console.ask_whole_number(_("Foot pain now, 0-10"), 0)
    if pain:
        where = _("Where")
        site = typer.prompt(
            f"{where} (heel, arch, achilles, ankle, forefoot, toes)", default="heel"
        )
        profile["pain"] = {"nrs": pain, "site": site}
    days = _ask_list(_("Running days (empty if you do not run)"), Weekday.slugs(), [])
    if days:
        running: dict[str, Any] = {"days": days}
        long_day = typer.prompt(_("Long-run day (Enter for none)"), default="", show_default=False)
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
    data = _profile_answers(profile)
    first_day = parse_date(start, "--start")
    with open_app() as app:
        existing = _existing_athlete(app, athlete)
        if existing is not None and update:
            _store_new_profile_version(app, existing, data)
            return
        if existing is not None and not new:
            raise FootcoreError(
                "footcore is already set up: use --update to store a new profile version, or "
                "--new to add another athlete"
            )
        result = app.services.onboard(data, first_day, weeks)
    _say_set_up(result)


def _profile_answers(profile: Path | None) -> dict[str, Any]:
    """The profile from its file, else from questions."""
    if profile is not None:
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises` or `progress` (measured).
        from footcore.io.files import read_mapping  # noqa: PLC0415

        return read_mapping(profile)
    return _interactive_profile()


def _existing_athlete(app: App, athlete: str | None) -> int | None:
    """The stored athlete the command is about, or None before anyone is set up."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.services import NotSetUpError  # noqa: PLC0415

    try:
        return app.services.default_athlete_id(athlete)
    except NotSetUpError:
        return None


def _store_new_profile_version(app: App, athlete_id: int, data: dict[str, Any]) -> None:
    """Store a new profile version (the programme is regenerated from it) and say so."""
    version = app.services.update_profile(athlete_id, data)
    programme = app.services.current_programme(athlete_id)
    console.out.print(
        console._(
            "Stored profile version %(version)s for %(name)s; the programme was "
            "regenerated (generator %(generator)s)."
        )
        % {
            "version": version.profile_version,
            "name": version.name,
            "generator": programme.generator_version,
        }
    )


def _say_set_up(result: OnboardResult) -> None:
    """Who was set up with which programme, and what to run next."""
    p = result.programme
    _ = console._
    done = _("Set up %(name)s") % {"name": f"[bold]{result.athlete.name}[/]"}
    what = _("a %(weeks)s-week programme from %(date)s (generator %(generator)s).") % {
        "weeks": p.weeks,
        "date": p.start.isoformat(),
        "generator": p.generator_version,
    }
    following = _("Next: 'footcore today' shows today's sessions, 'footcore start' guides one.")
    console.out.print(f"{done}: {what}\n{following}")
