"""`footcore admin ...` (accounts) and `footcore coach ...` (groups, templates, class sheets,
the dashboard) for whoever runs the server.

The terminal belongs to the machine's owner, so these commands act without signing in:
`admin` commands manage every account; `coach` commands act as a coach account, the one
named with ``--as EMAIL`` or else the only coach (or admin) there is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from footcore.cli import console
from footcore.cli.options import JsonOpt
from footcore.domain.errors import FootcoreError
from footcore.domain.wording import count

if TYPE_CHECKING:
    from footcore.bootstrap import App
    from footcore.domain.access import Principal

AsOpt = Annotated[
    str | None,
    typer.Option("--as", help="The coach account to act as (default: the only coach)."),
]


def register(app: typer.Typer) -> None:
    """Add the `admin` and `coach` command groups to the root app."""
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

    coach = typer.Typer(
        name="coach",
        help="Coach mode: groups and invite codes, programme templates, class sheets, dashboard.",
        no_args_is_help=True,
    )
    groups = typer.Typer(name="groups", help="Your groups.", no_args_is_help=True)
    groups.command("create")(groups_create)
    groups.command("list")(groups_list)
    groups.command("invite-code")(groups_code)
    groups.command("members")(groups_members)
    coach.add_typer(groups)
    templates = typer.Typer(name="template", help="Programme templates.", no_args_is_help=True)
    templates.command("save")(template_save)
    templates.command("list")(template_list)
    templates.command("assign")(template_assign)
    coach.add_typer(templates)
    exercises = typer.Typer(name="exercise", help="Your own exercises.", no_args_is_help=True)
    exercises.command("add")(exercise_add)
    exercises.command("list")(exercise_list)
    coach.add_typer(exercises)
    coach.command("class")(class_sheet)
    coach.command("dashboard")(dashboard)
    app.add_typer(coach)


def open_app() -> App:
    from footcore.bootstrap import bootstrap
    from footcore.config import Settings

    return bootstrap(Settings.from_env())


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FootcoreError(f"{option}: expected a date as YYYY-MM-DD, got {value!r}") from None


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
    from footcore.services.accounts import MIN_PASSWORD, check_password

    if stdin:
        import sys

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


# -- admin -----------------------------------------------------------------------------------


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
    from footcore.domain.access import Role

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
        from footcore.config import Settings

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
    from footcore.bootstrap import bootstrap
    from footcore.config import Settings
    from footcore.store.migrate import current_revision

    settings = Settings.from_env()
    with bootstrap(settings, migrate=False) as app:
        before = current_revision(app.engine)
    with bootstrap(settings) as app:
        after = current_revision(app.engine)
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
    import json

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


# -- coach -----------------------------------------------------------------------------------


def _coach(app: App, as_email: str | None) -> Principal:
    from footcore.domain.access import Role

    accounts = app.services.accounts
    if as_email is not None:
        user = accounts.user_by_email(as_email)
        if user.role not in (Role.COACH, Role.ADMIN):
            raise FootcoreError(f"{user.email} is an {user.role} account, not a coach")
        return accounts.principal(user.id)
    coaches = [u for u in accounts.users() if u.role in (Role.COACH, Role.ADMIN)]
    if not coaches:
        raise FootcoreError("no coach account yet: footcore admin create-user EMAIL --role coach")
    if len(coaches) > 1:
        names = ", ".join(u.email for u in coaches)
        raise FootcoreError(f"several coach accounts ({names}): choose one with --as EMAIL")
    return accounts.principal(coaches[0].id)


def _group_id(app: App, p: Principal, group: str) -> int:
    from footcore.domain.errors import NotFoundError

    mine = app.services.coaching.groups(p)
    if group.isdigit():
        return int(group)
    for g in mine:
        if g.name.lower() == group.lower():
            return g.id
    raise NotFoundError("group", group, [g.name for g in mine])


def groups_create(
    name: Annotated[str, typer.Argument(help="The group's name.")],
    kind: Annotated[str, typer.Option(help="club or class.")] = "club",
    as_email: AsOpt = None,
) -> None:
    """Create a group; prints its invite code."""
    with open_app() as app:
        group = app.services.coaching.create_group(_coach(app, as_email), name, kind)
    console.out.print(
        f"Created {group.kind} '{group.name}' (id {group.id}). Invite code: {group.invite_code}",
        markup=False,
    )


def groups_list(as_email: AsOpt = None, json_out: JsonOpt = False) -> None:
    """Your groups with their invite codes and member counts."""
    with open_app() as app:
        found = app.services.coaching.groups(_coach(app, as_email))
    if json_out:
        console.print_json([g.to_dict() for g in found])
        return
    if not found:
        console.out.print("No groups yet: footcore coach groups create NAME")
    for g in found:
        console.out.print(
            f"{g.id:>4}  {g.name} ({g.kind}) - {g.members} members - code {g.invite_code}",
            markup=False,
        )


def groups_code(
    group: Annotated[str, typer.Argument(help="Group name or id.")],
    new: Annotated[bool, typer.Option("--new", help="Make a new code (the old stops).")] = False,
    as_email: AsOpt = None,
) -> None:
    """The invite code athletes join with."""
    with open_app() as app:
        p = _coach(app, as_email)
        gid = _group_id(app, p, group)
        view = (
            app.services.coaching.new_code(p, gid) if new else app.services.coaching.group(p, gid)
        )
    console.out.print(f"{view.name}: {view.invite_code}", markup=False)


def groups_members(
    group: Annotated[str, typer.Argument(help="Group name or id.")],
    as_email: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Members who accepted (invited and departed athletes are not shown)."""
    with open_app() as app:
        p = _coach(app, as_email)
        found = app.services.coaching.members(p, _group_id(app, p, group))
    if json_out:
        console.print_json([{"athlete_id": m.athlete_id, "name": m.name} for m in found])
        return
    if not found:
        console.out.print("No members yet: share the invite code.")
    for m in found:
        since = f" since {m.since.date().isoformat()}" if m.since else ""
        console.out.print(f"{m.athlete_id:>4}  {m.name}{since}", markup=False)


def template_save(
    file: Annotated[Path, typer.Argument(help="A template file (.json or .toml).")],
    as_email: AsOpt = None,
) -> None:
    """Create or update a programme template (checked against the catalogue)."""
    from footcore.io.files import read_mapping

    data = read_mapping(file)
    with open_app() as app:
        view = app.services.coaching.save_template(_coach(app, as_email), data)
    console.out.print(f"Saved template '{view.name}' (version {view.version}).", markup=False)


def template_list(as_email: AsOpt = None, json_out: JsonOpt = False) -> None:
    """Your programme templates."""
    with open_app() as app:
        found = app.services.coaching.templates(_coach(app, as_email))
    if json_out:
        console.print_json(
            [{"id": t.id, "name": t.name, "version": t.version, "body": t.body} for t in found]
        )
        return
    for t in found:
        sessions = count(len(t.body.get("sessions", [])), "session")
        console.out.print(f"{t.id:>4}  {t.name} (version {t.version}, {sessions})", markup=False)


def template_assign(
    template: Annotated[str, typer.Argument(help="Template name or id.")],
    group: Annotated[str | None, typer.Option(help="Group name or id.")] = None,
    athlete: Annotated[str | None, typer.Option(help="An athlete account's email.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="YYYY-MM-DD (today).")] = None,
    as_email: AsOpt = None,
) -> None:
    """Give a template to a group or one athlete; their plans follow it."""
    with open_app() as app:
        p = _coach(app, as_email)
        athlete_id = None
        if athlete is not None:
            athlete_id = app.services.accounts.user_by_email(athlete).athlete_id
            if athlete_id is None:
                raise FootcoreError(f"{athlete} has no training data yet")
        gid = _group_id(app, p, group) if group is not None else None
        app.services.coaching.assign_template(
            p, template, group_id=gid, athlete_id=athlete_id, starts_on=_date(start, "--from")
        )
    target = f"group {group}" if group else f"athlete {athlete}"
    console.out.print(f"Assigned '{template}' to {target}.", markup=False)


def exercise_add(
    file: Annotated[Path, typer.Argument(help="A .toml file with one [[exercise]].")],
    as_email: AsOpt = None,
) -> None:
    """Add (or replace) one of your own exercises; checked like the built-in ones."""
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FootcoreError(f"{file}: cannot read ({exc})") from None
    with open_app() as app:
        slug = app.services.coaching.add_exercise(_coach(app, as_email), text)
    console.out.print(f"Saved exercise '{slug}' (seen by you and your groups' members).")


def exercise_list(as_email: AsOpt = None) -> None:
    """Your own exercises."""
    with open_app() as app:
        for slug in app.services.coaching.exercises(_coach(app, as_email)):
            console.out.print(slug, markup=False)


def class_sheet(
    group: Annotated[str, typer.Argument(help="Group name or id.")],
    *,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (today).")] = None,
    after: Annotated[
        str, typer.Option(help="The run before the class: none, easy, long or hard.")
    ] = "none",
    session: Annotated[
        int | None, typer.Option(help="The template's session number (default: the day's).")
    ] = None,
    as_email: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Today's group session laid out for the person leading it (printable)."""
    from footcore.domain.coaching import sheet_to_text

    with open_app() as app:
        p = _coach(app, as_email)
        sheet = app.services.coaching.class_sheet(
            p, _group_id(app, p, group), _date(date, "--date"), after, session
        )
    if json_out:
        console.print_json(sheet.to_dict())
        return
    console.out.print(sheet_to_text(sheet), markup=False, end="")


def dashboard(
    group: Annotated[str, typer.Argument(help="Group name or id.")],
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (today).")] = None,
    as_email: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Members' adherence, self-tests, open pain and cramp flags, who has gone quiet."""
    with open_app() as app:
        p = _coach(app, as_email)
        board = app.services.coaching.dashboard(p, _group_id(app, p, group), _date(date, "--date"))
    if json_out:
        console.print_json(board.to_dict())
        return
    console.out.print(
        f"{board.group.name} - {board.date.isoformat()} - {len(board.members)} members",
        markup=False,
    )
    for m in board.members:
        adherence = f"{m.adherence_pct:g}%" if m.adherence_pct is not None else "-"
        last = f"{m.days_since_log} d ago" if m.days_since_log is not None else "never"
        line: list[Any] = [
            f"{m.name:<20}",
            f"adherence {adherence:>6} ({m.done_sessions}/{m.planned_sessions})",
            f"last log {last}",
        ]
        if m.quiet:
            line.append("QUIET")
        if m.pain_flag:
            line.append(f"PAIN: {m.pain_flag}")
        if m.cramp_flag:
            line.append(f"CRAMP: {m.cramp_flag}")
        console.out.print("  ".join(str(x) for x in line), markup=False)
        if m.latest_self_test:
            changes = "; ".join(m.real_changes) or "no real change yet"
            console.out.print(
                f"{'':<20}  self-test {m.latest_self_test.isoformat()}: {changes}", markup=False
            )
