"""Command-line options shared by several footcore commands, declared once, and the
parsing they share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from footcore.domain.errors import FootcoreError

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]
AthleteOpt = Annotated[
    str | None,
    typer.Option("--athlete", help="Whose data (a name given at init); default: the first."),
]
DateOpt = Annotated[
    str | None, typer.Option("--date", help="The day, YYYY-MM-DD (default: today).")
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="A short note.")]
ClientIdOpt = Annotated[
    str | None,
    typer.Option(
        "--client-id", help="Your own id for this entry: sending it again stores it once."
    ),
]


def parse_date(value: str | None, what: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FootcoreError(f"{what}: expected a date as YYYY-MM-DD, got {value!r}") from None
