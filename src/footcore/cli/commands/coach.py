"""`footcore coach ...`: groups and invite codes, programme templates, a coach's own
exercises, class sheets and the dashboard.

The terminal belongs to the machine's owner, so these commands act without signing in, as a
coach account: the one named with ``--as EMAIL`` or else the only coach (or admin) there is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from footcore.cli import console
from footcore.cli.options import JsonOpt, parse_date
from footcore.cli.stored import open_app
from footcore.domain.errors import FootcoreError, NotFoundError
from footcore.domain.wording import count

if TYPE_CHECKING:
    from footcore.bootstrap import App
    from footcore.domain.access import Principal
    from footcore.domain.coaching.sheet import ClassSheet

AsOpt = Annotated[
    str | None,
    typer.Option("--as", help="The coach account to act as (default: the only coach)."),
]


def register(app: typer.Typer) -> None:
    """Add the `coach` command group to the root app."""
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


def _coach(app: App, as_email: str | None) -> Principal:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.domain.access import Role  # noqa: PLC0415

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
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises` or `progress` (measured).
    from footcore.io.files import read_mapping  # noqa: PLC0415

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
            p, template, group_id=gid, athlete_id=athlete_id, starts_on=parse_date(start, "--from")
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
    with open_app() as app:
        p = _coach(app, as_email)
        sheet = app.services.coaching.class_sheet(
            p, _group_id(app, p, group), parse_date(date, "--date"), after, session
        )
    if json_out:
        console.print_json(sheet.to_dict())
        return
    console.out.print(_sheet_text(sheet), markup=False, end="")


def _sheet_text(sheet: ClassSheet) -> str:
    """The class sheet printed in the language chosen (English: as it always was)."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.coaching.sheet import sheet_to_text  # noqa: PLC0415

    language = console.language()
    if language == "en":
        return sheet_to_text(sheet)
    # Deferred: not loaded by `--help` or `progress` (measured); another language only.
    from footcore.catalogue.loader import builtin_catalogue  # noqa: PLC0415

    catalogue = builtin_catalogue()
    cues = {
        i.exercise: catalogue.get(i.exercise).in_language(language).cues
        for i in sheet.items
        if i.exercise in catalogue
    }
    return sheet_to_text(sheet, say=console.said, words=console.dose_words(), cues=cues)


def dashboard(
    group: Annotated[str, typer.Argument(help="Group name or id.")],
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (today).")] = None,
    as_email: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Members' adherence, self-tests, open pain and cramp flags, who has gone quiet."""
    with open_app() as app:
        p = _coach(app, as_email)
        board = app.services.coaching.dashboard(
            p, _group_id(app, p, group), parse_date(date, "--date")
        )
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
