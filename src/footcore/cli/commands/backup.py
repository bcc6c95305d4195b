"""`footcore backup` and `footcore restore`: every table to one JSON file and back."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from footcore.cli import console
from footcore.cli.options import JsonOpt
from footcore.cli.stored import open_app


def register(app: typer.Typer) -> None:
    """Add `backup` and `restore` to the root app."""
    app.command("backup")(backup)
    app.command("restore")(restore)


def _table_counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items())


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the JSON backup.")],
    as_json: JsonOpt = False,
) -> None:
    """Write every stored record, accounts and groups included, to a JSON file (restore it
    with 'footcore restore'). Sign-in sessions, reset tokens and the secret key are left out."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.services.backup import LEFT_OUT  # noqa: PLC0415

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
