"""`footcore admin ...`: accounts (create, roles, unlock, password resets, list, export,
delete) and `admin migrate`, for whoever runs the server.

The terminal belongs to the machine's owner, so these commands act without signing in and
manage every account.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from footcore.cli import console
from footcore.cli.options import JsonOpt
from footcore.cli.stored import open_app
from footcore.config import Settings
from footcore.domain.errors import FootcoreError


def register(app: typer.Typer) -> None:
    """Add the `admin` command group to the root app."""
    admin = typer.Typer(
        name="admin",
        help="Accounts and the database: create users, roles, unlock, password-reset tokens, "
        "list, export, delete; migrate.",
        no_args_is_help=True,
    )
    admin.command("create-user")(create_user)
    admin.command("reset-token")(reset_token)
    admin.command("reset-password")(reset_password)
    admin.command("users")(users)
    admin.command("set-role")(set_role)
    admin.command("unlock")(unlock)
    admin.command("migrate")(migrate)
    admin.command("export-user")(export_user)
    admin.command("delete-user")(delete_user)
    app.add_typer(admin)


#: Tries at a password that keeps the rules before the command gives up.
PASSWORD_TRIES = 3

PasswordStdinOpt = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from standard input (one line; for scripts, no terminal).",
    ),
]


def _new_password(email: str = "", *, stdin: bool = False, prompt: str = "Password") -> str:
    """A new password that keeps the rules: from standard input, or asked in the terminal,
    checked at once (length, not the email) and only then asked a second time."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.services.accounts import MIN_PASSWORD, check_password  # noqa: PLC0415

    if stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        problems = check_password(password, email.lower())
        if problems:
            raise FootcoreError(f"password: {problems[0].message}")
        return password
    for _ in range(PASSWORD_TRIES):
        try:
            password = str(
                typer.prompt(f"{prompt} (at least {MIN_PASSWORD} characters)", hide_input=True)
            )
            problems = check_password(password, email.lower())
            if problems:
                console.err.print(f"That password {problems[0].message}; try another.")
                continue
            again = str(typer.prompt("Repeat it", hide_input=True))
        except typer.Abort:
            raise FootcoreError("no password given: nothing was changed") from None
        if again == password:
            return password
        console.err.print("The two did not match; once more.")
    raise FootcoreError(f"no password set after {PASSWORD_TRIES} tries: nothing was changed")


def create_user(
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    role: Annotated[str, typer.Option(help="athlete, coach or admin.")] = "athlete",
    athlete: Annotated[
        str | None,
        typer.Option("--athlete", help="Link the training data of this athlete (a name)."),
    ] = None,
    password_stdin: PasswordStdinOpt = False,
) -> None:
    """Create an account; the password is asked (checked, then once more) and never shown,
    or read from standard input with --password-stdin."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.domain.access import Role  # noqa: PLC0415

    if role not in Role.slugs():
        raise FootcoreError(f"--role: one of {', '.join(Role.slugs())}, got {role!r}")
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete) if athlete else None
        password = _new_password(email, stdin=password_stdin)
        user = app.services.accounts.create_user(email, password, role, athlete_id)
    linked = f", linked to athlete {athlete}" if athlete else ""
    console.out.print(f"Created {user.role} account {user.email}{linked}.", markup=False)


def reset_token(email: Annotated[str, typer.Argument(help="The account's email address.")]) -> None:
    """Issue a one-time password-reset token (valid for one hour)."""
    with open_app() as app:
        token = app.services.accounts.issue_reset_token(email)
    expires = token.expires_at.strftime("%Y-%m-%d %H:%M UTC")
    console.out.print(f"Reset token for {token.email}: {token.token}", markup=False)
    console.out.print(
        f"It works once, until {expires}. Give it to the account's owner in person; they set "
        f"a new password with: footcore admin reset-password TOKEN (or the web's password "
        "reset page).",
        markup=False,
    )


def reset_password(
    token: Annotated[str, typer.Argument(help="The reset token.")],
    password_stdin: PasswordStdinOpt = False,
) -> None:
    """Set a new password with a reset token (signs the account out everywhere)."""
    with open_app() as app:
        password = _new_password(stdin=password_stdin, prompt="New password")
        user = app.services.accounts.reset_password(token, password)
    console.out.print(f"New password set for {user.email}; every session was signed out.")


def users(json_out: JsonOpt = False) -> None:
    """Every account with its role and lock state."""
    with open_app() as app:
        found = app.services.accounts.users()
    if json_out:
        console.print_json([u.to_dict() for u in found])
        return
    if not found:
        mode = (
            "multi-user mode is configured (FOOTCORE_MULTI_USER), so nobody can sign in yet"
            if Settings.from_env().multi_user
            else "one-person mode on this machine"
        )
        console.out.print(
            f"No accounts: {mode}. Create one with: footcore admin create-user EMAIL --role admin",
            markup=False,
        )
        return
    now = dt.datetime.now(dt.UTC)
    for u in found:
        locked = " (locked)" if u.locked_until and u.locked_until > now else ""
        data = f" athlete {u.athlete_id}" if u.athlete_id else ""
        console.out.print(f"{u.id:>4}  {u.role:<8} {u.email}{data}{locked}", markup=False)


def set_role(
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    role: Annotated[str, typer.Argument(help="athlete, coach or admin.")],
) -> None:
    """Give an account another role (the last admin keeps theirs)."""
    with open_app() as app:
        user = app.services.accounts.user_by_email(email)
        changed = app.services.accounts.set_role(user.id, role)
    console.out.print(f"{changed.email} is now {changed.role}.", markup=False)


def unlock(email: Annotated[str, typer.Argument(help="The account's email address.")]) -> None:
    """Lift a lock from failed sign-ins now (the count starts again)."""
    with open_app() as app:
        user = app.services.accounts.user_by_email(email)
        app.services.accounts.unlock(user.id)
    console.out.print(f"{user.email} can sign in again.", markup=False)


def migrate() -> None:
    """Bring the database to this version's schema and say which revision it is at.

    Every footcore process migrates when it opens the database; run this once on deploy,
    before starting the web workers, so they never race to do it."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.bootstrap import bootstrap  # noqa: PLC0415

    settings = Settings.from_env()
    with bootstrap(settings, migrate=False) as app:
        before = app.schema_revision()
    with bootstrap(settings) as app:
        after = app.schema_revision()
    if before == after:
        console.out.print(f"The database is at revision {after}, this version's schema.")
    else:
        console.out.print(
            f"Migrated the database from revision {before or 'none (empty)'} to {after}."
        )


def export_user(
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    output: Annotated[str, typer.Option("--output", "-o", help="File ('-': print).")] = "-",
) -> None:
    """Every row of an account and its athlete, as JSON."""
    with open_app() as app:
        user = app.services.accounts.user_by_email(email)
        data = app.services.accounts.export_all(user.id)
    if output == "-":
        console.print_json(data)
        return
    try:
        Path(output).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")
    except OSError as exc:
        raise FootcoreError(f"{output}: cannot write ({exc.strerror})") from None
    console.err.print(f"Wrote {output}.", markup=False)


def delete_user(
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an account and every row of its athlete (this cannot be undone)."""
    with open_app() as app:
        user = app.services.accounts.user_by_email(email)
        if not yes:
            typer.confirm(f"Delete {user.email} and all of its data?", abort=True)
        counts = app.services.accounts.delete_account(user.id)
    rows = sum(counts.values())
    console.out.print(f"Deleted {user.email}: {rows} rows.", markup=False)
