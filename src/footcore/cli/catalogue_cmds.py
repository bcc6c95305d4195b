"""`footcore exercises`, `footcore exercise SLUG`, `footcore catalogue check DIR`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the catalogue commands to the root app."""
