"""Command-line options shared by several footcore commands, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]
AthleteOpt = Annotated[
    str | None,
    typer.Option("--athlete", help="Whose data (a name given at init); default: the first."),
]
