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
from footcore.cli.console import _, ngettext, pgettext
from footcore.cli.options import JsonOpt, parse_date
from footcore.cli.stored import open_app
from footcore.domain.errors import FootcoreError, NotFoundError

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
            said = _("%(email)s is an %(role)s account, not a coach")
            raise FootcoreError(said % {"email": user.email, "role": _role(user.role)})
        return accounts.principal(user.id)
    coaches = [u for u in accounts.users() if u.role in (Role.COACH, Role.ADMIN)]
    if not coaches:
        raise FootcoreError(
            _("no coach account yet: footcore admin create-user EMAIL --role coach")
        )
    if len(coaches) > 1:
        names = ", ".join(u.email for u in coaches)
        said = _("several coach accounts (%(names)s): choose one with --as EMAIL")
        raise FootcoreError(said % {"names": names})
    return accounts.principal(coaches[0].id)


def _role(role: object) -> str:
    """A role as the command line names it (``athlete``; ``deportista``)."""
    words = {
        "athlete": pgettext("role", "athlete"),
        "coach": pgettext("role", "coach"),
        "admin": pgettext("role", "admin"),
    }
    return words.get(str(role), str(role))


def _kind(kind: object) -> str:
    """A kind of group as the command line names it (``club``, ``class``; ``club``,
    ``clase``)."""
    words = {"club": pgettext("group", "club"), "class": pgettext("group", "class")}
    return words.get(str(kind), str(kind))


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
    said = _("Created %(kind)s '%(name)s' (id %(id)s). Invite code: %(code)s")
    values = {"kind": _kind(group.kind), "name": group.name, "id": group.id,
              "code": group.invite_code}  # fmt: skip
    console.out.print(said % values, markup=False)


def groups_list(as_email: AsOpt = None, json_out: JsonOpt = False) -> None:
    """Your groups with their invite codes and member counts."""
    with open_app() as app:
        found = app.services.coaching.groups(_coach(app, as_email))
    if json_out:
        console.print_json([g.to_dict() for g in found])
        return
    if not found:
        console.out.print(_("No groups yet: footcore coach groups create NAME"))
    for g in found:
        members = ngettext("%(n)s member", "%(n)s members", g.members) % {"n": g.members}
        code = _("code %(code)s") % {"code": g.invite_code}
        console.out.print(
            f"{g.id:>4}  {g.name} ({_kind(g.kind)}) - {members} - {code}", markup=False
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
        console.out.print(_("No members yet: share the invite code."))
    for m in found:
        since = _(" since %(date)s") % {"date": m.since.date().isoformat()} if m.since else ""
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
    said = _("Saved template '%(name)s' (version %(version)s).")
    console.out.print(said % {"name": view.name, "version": view.version}, markup=False)


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
        n = len(t.body.get("sessions", []))
        sessions = ngettext("%(n)s session", "%(n)s sessions", n) % {"n": n}
        said = _("%(name)s (version %(version)s, %(sessions)s)")
        values = {"name": t.name, "version": t.version, "sessions": sessions}
        console.out.print(f"{t.id:>4}  {said % values}", markup=False)


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
                raise FootcoreError(_("%(email)s has no training data yet") % {"email": athlete})
        gid = _group_id(app, p, group) if group is not None else None
        app.services.coaching.assign_template(
            p, template, group_id=gid, athlete_id=athlete_id, starts_on=parse_date(start, "--from")
        )
    said = (
        _("Assigned '%(template)s' to group %(target)s.")
        if group
        else _("Assigned '%(template)s' to athlete %(target)s.")
    )
    console.out.print(said % {"template": template, "target": group or athlete}, markup=False)


def exercise_add(
    file: Annotated[Path, typer.Argument(help="A .toml file with one [[exercise]].")],
    as_email: AsOpt = None,
) -> None:
    """Add (or replace) one of your own exercises; checked like the built-in ones."""
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FootcoreError(
            _("%(file)s: cannot read (%(why)s)") % {"file": file, "why": exc}
        ) from None
    with open_app() as app:
        slug = app.services.coaching.add_exercise(_coach(app, as_email), text)
    said = _("Saved exercise '%(slug)s' (seen by you and your groups' members).")
    console.out.print(said % {"slug": slug}, markup=False)


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
    n = len(board.members)
    members = ngettext("%(n)s member", "%(n)s members", n) % {"n": n}
    console.out.print(f"{board.group.name} - {board.date.isoformat()} - {members}", markup=False)
    for m in board.members:
        _dashboard_member(m)


def _dashboard_member(m: Any) -> None:
    """One member's lines on the dashboard."""
    adherence = f"{console.number(m.adherence_pct)}%" if m.adherence_pct is not None else "-"
    last = (
        _("%(n)s d ago") % {"n": m.days_since_log} if m.days_since_log is not None else _("never")
    )
    line: list[Any] = [
        f"{m.name:<20}",
        _("adherence %(pct)s (%(done)s/%(planned)s)")
        % {"pct": f"{adherence:>6}", "done": m.done_sessions, "planned": m.planned_sessions},
        _("last log %(when)s") % {"when": last},
    ]
    if m.quiet:
        line.append(_("QUIET"))
    if m.pain_flag:
        line.append(_("PAIN: %(flag)s") % {"flag": m.pain_flag})
    if m.cramp_flag:
        line.append(_("CRAMP: %(flag)s") % {"flag": m.cramp_flag})
    console.out.print("  ".join(str(x) for x in line), markup=False)
    if m.latest_self_test:
        changes = "; ".join(m.real_changes) or _("no real change yet")
        said = _("self-test %(date)s: %(changes)s")
        values = {"date": m.latest_self_test.isoformat(), "changes": changes}
        console.out.print(f"{'':<20}  {said % values}", markup=False)
