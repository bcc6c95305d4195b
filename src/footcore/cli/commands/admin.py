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


def _new_password(email: str = "", *, stdin: bool = False, prompt: str = "") -> str:
    """A new password that keeps the rules: from standard input, or asked in the terminal,
    checked at once (length, not the email) and only then asked a second time."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.services.accounts import MIN_PASSWORD, check_password  # noqa: PLC0415

    if stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        problems = check_password(password, email.lower())
        if problems:
            raise FootcoreError(
                console._("password: %(problem)s") % {"problem": _problem(problems[0].message)}
            )
        return password
    asked = prompt or console._("Password")
    for _ in range(PASSWORD_TRIES):
        try:
            password = str(
                typer.prompt(
                    console._("%(prompt)s (at least %(n)s characters)")
                    % {"prompt": asked, "n": MIN_PASSWORD},
                    hide_input=True,
                )
            )
            problems = check_password(password, email.lower())
            if problems:
                why = _problem(problems[0].message)
                console.err.print(console._("That password %(why)s; try another.") % {"why": why})
                continue
            again = str(typer.prompt(console._("Repeat it"), hide_input=True))
        except typer.Abort:
            raise FootcoreError(console._("no password given: nothing was changed")) from None
        if again == password:
            return password
        console.err.print(console._("The two did not match; once more."))
    raise FootcoreError(
        console._("no password set after %(n)s tries: nothing was changed") % {"n": PASSWORD_TRIES}
    )


def _role(role: object) -> str:
    """A role as the command line names it (``athlete``; ``deportista``)."""
    words = {
        "athlete": console.pgettext("role", "athlete"),
        "coach": console.pgettext("role", "coach"),
        "admin": console.pgettext("role", "admin"),
    }
    return words.get(str(role), str(role))


def _problem(text: str) -> str:
    """A password problem's words in the language chosen (as they came in English)."""
    if console.language() == "en":
        return text
    # Deferred: another language only.
    from footcore.i18n.problems import problem_text  # noqa: PLC0415

    return problem_text(text)


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
        raise FootcoreError(
            console._("--role: one of %(roles)s, got %(role)s")
            % {"roles": ", ".join(Role.slugs()), "role": repr(role)}
        )
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete) if athlete else None
        password = _new_password(email, stdin=password_stdin)
        user = app.services.accounts.create_user(email, password, role, athlete_id)
    values = {"role": _role(user.role), "email": user.email, "athlete": athlete}
    said = (
        console._("Created %(role)s account %(email)s, linked to athlete %(athlete)s.")
        if athlete
        else console._("Created %(role)s account %(email)s.")
    )
    console.out.print(said % values, markup=False)


def reset_token(email: Annotated[str, typer.Argument(help="The account's email address.")]) -> None:
    """Issue a one-time password-reset token (valid for one hour)."""
    with open_app() as app:
        token = app.services.accounts.issue_reset_token(email)
    expires = token.expires_at.strftime("%Y-%m-%d %H:%M UTC")
    console.out.print(
        console._("Reset token for %(email)s: %(token)s")
        % {"email": token.email, "token": token.token},
        markup=False,
    )
    said = console._(
        "It works once, until %(expires)s. Give it to the account's owner in person; they set "
        "a new password with: footcore admin reset-password TOKEN (or the web's password "
        "reset page)."
    )
    console.out.print(said % {"expires": expires}, markup=False)


def reset_password(
    token: Annotated[str, typer.Argument(help="The reset token.")],
    password_stdin: PasswordStdinOpt = False,
) -> None:
    """Set a new password with a reset token (signs the account out everywhere)."""
    with open_app() as app:
        password = _new_password(stdin=password_stdin, prompt=console._("New password"))
        user = app.services.accounts.reset_password(token, password)
    console.out.print(
        console._("New password set for %(email)s; every session was signed out.")
        % {"email": user.email}
    )


def users(json_out: JsonOpt = False) -> None:
    """Every account with its role and lock state."""
    with open_app() as app:
        found = app.services.accounts.users()
    if json_out:
        console.print_json([u.to_dict() for u in found])
        return
    if not found:
        mode = (
            console._(
                "multi-user mode is configured (FOOTCORE_MULTI_USER), so nobody can sign in yet"
            )
            if Settings.from_env().multi_user
            else console._("one-person mode on this machine")
        )
        said = console._(
            "No accounts: %(mode)s. Create one with: footcore admin create-user EMAIL --role admin"
        )
        console.out.print(said % {"mode": mode}, markup=False)
        return
    now = dt.datetime.now(dt.UTC)
    for u in found:
        locked = console._(" (locked)") if u.locked_until and u.locked_until > now else ""
        data = console._(" athlete %(id)s") % {"id": u.athlete_id} if u.athlete_id else ""
        console.out.print(f"{u.id:>4}  {_role(u.role):<8} {u.email}{data}{locked}", markup=False)


def set_role(
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    role: Annotated[str, typer.Argument(help="athlete, coach or admin.")],
) -> None:
    """Give an account another role (the last admin keeps theirs)."""
    with open_app() as app:
        user = app.services.accounts.user_by_email(email)
        changed = app.services.accounts.set_role(user.id, role)
    console.out.print(
        console._("%(email)s is now %(role)s.")
        % {"email": changed.email, "role": _role(changed.role)},
        markup=False,
    )


def unlock(email: Annotated[str, typer.Argument(help="The account's email address.")]) -> None:
    """Lift a lock from failed sign-ins now (the count starts again)."""
    with open_app() as app:
        user = app.services.accounts.user_by_email(email)
        app.services.accounts.unlock(user.id)
    console.out.print(
        console._("%(email)s can sign in again.") % {"email": user.email}, markup=False
    )


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
        console.out.print(
            console._("The database is at revision %(after)s, this version's schema.")
            % {"after": after}
        )
    else:
        console.out.print(
            console._("Migrated the database from revision %(before)s to %(after)s.")
            % {"before": before or console._("none (empty)"), "after": after}
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
        raise FootcoreError(
            console._("%(file)s: cannot write (%(why)s)") % {"file": output, "why": exc.strerror}
        ) from None
    console.err.print(console._("Wrote %(file)s.") % {"file": output}, markup=False)


def delete_user(
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an account and every row of its athlete (this cannot be undone)."""
    with open_app() as app:
        user = app.services.accounts.user_by_email(email)
        if not yes:
            question = console._("Delete %(email)s and all of its data?") % {"email": user.email}
            if not console.confirm(question):
                raise typer.Abort
        counts = app.services.accounts.delete_account(user.id)
    rows = sum(counts.values())
    said = console.ngettext("Deleted %(email)s: %(n)s row.", "Deleted %(email)s: %(n)s rows.", rows)
    console.out.print(said % {"email": user.email, "n": rows}, markup=False)
