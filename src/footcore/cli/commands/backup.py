"""`footcore backup` and `footcore restore`: every table to one JSON file and back."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from footcore.cli import console
from footcore.cli.console import N_, _, ngettext
from footcore.cli.options import JsonOpt
from footcore.cli.stored import open_app


def register(app: typer.Typer) -> None:
    """Add `backup` and `restore` to the root app."""
    app.command("backup")(backup)
    app.command("restore")(restore)


#: What a backup leaves out (``footcore.store.backup_format.LEFT_OUT``'s words, marked here
#: for the translation: the store keeps them in plain English; a test keeps the two equal).
LEFT_OUT_WORDS = (
    N_("sign-in sessions: a restore signs everyone out"),
    N_("password-reset tokens: issue a new one after a restore"),
    N_("a cache of planned sessions, rebuilt when needed"),
    N_("browsers subscribed to pushes signed by this installation's key"),
    N_("the record of reminders already sent"),
    N_("the secret key, which stays with the database"),
    N_("athletes' data versions: a restore gives each athlete a new one"),
)


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
    said = ngettext("Wrote %(n)s record to %(file)s.", "Wrote %(n)s records to %(file)s.", total)
    console.out.print(said % {"n": total, "file": escape(str(file))})
    console.out.print(f"  {_table_counts(counts)}", markup=False)
    left_out = "; ".join(_(why) for why in LEFT_OUT.values())
    console.out.print(_("Left out by design: %(what)s.") % {"what": left_out}, markup=False)


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
    said = ngettext(
        "Restored %(n)s record from %(file)s.", "Restored %(n)s records from %(file)s.", total
    )
    console.out.print(said % {"n": total, "file": escape(str(file))})
    console.out.print(f"  {_table_counts(counts)}", markup=False)
    if counts.get("users"):
        console.out.print(
            _(
                "Everyone signs in again with their password: sign-in sessions and reset "
                "tokens are never in a backup."
            )
        )
    elif had_accounts:
        console.out.print(
            _(
                "The backup holds no accounts, so the database has none now; make an admin "
                "with 'footcore admin create-user EMAIL --role admin'."
            )
        )
