"""Class mode: the sheet for the person leading a group's session today, from the group's
template and its accepted members' latest profiles."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from footcore.domain.access import Principal
from footcore.domain.coaching.parse import parse_template
from footcore.domain.coaching.sheet import ClassMember, ClassSheet, class_sheet
from footcore.domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from footcore.domain.profile import parse_profile
from footcore.domain.vocab import Goal, RunKind, Weekday
from footcore.services.coaching.exercises import coach_catalogue
from footcore.services.coaching.groups import group_for
from footcore.services.coaching.roster import latest_profiles
from footcore.services.context import Context

if TYPE_CHECKING:
    from footcore.domain.coaching.template import Template, TemplateSession
    from footcore.services.unit_of_work import UnitOfWork


class ClassSheetService:
    """The class sheet of a group's session."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def class_sheet(
        self,
        p: Principal,
        group_id: int,
        on: dt.date | None = None,
        after: str = "none",
        session: int | None = None,
    ) -> ClassSheet:
        """Today's group session for the person leading it. The session is the group's
        template session for the weekday of ``on`` (or number ``session``, from 1)."""
        day = on or self.ctx.today()
        if after not in RunKind.slugs():
            raise ValidationError(
                "class", [Problem("after", f"one of {', '.join(RunKind.slugs())}")]
            )
        with self.ctx.uow() as uow:
            group = group_for(uow, p, group_id, manage=True)
            assignment = uow.accounts.templates.for_group(group.id)
            if assignment is None:
                raise ConflictError(
                    f"group '{group.name}' has no programme template: assign one first"
                )
            row = uow.accounts.templates.get(assignment.template_id)
            assert row is not None
            catalogue = coach_catalogue(uow, group.coach_user_id)
            template = parse_template(row.body, catalogue)
            chosen = _session_of(template, session, day)
            members = _members(uow, group.id)
            title = f"{group.name} - {template.name}"
            if chosen.title:
                title += f" - {chosen.title}"
            return class_sheet(
                chosen.items, catalogue, RunKind(after), members, title=title, date=day
            )


def _session_of(template: Template, session: int | None, day: dt.date) -> TemplateSession:
    """The template's session number ``session`` (from 1), or else its first on ``day``'s
    weekday."""
    if session is not None:
        if not 1 <= session <= len(template.sessions):
            raise NotFoundError(
                "template session",
                str(session),
                message=f"'{template.name}' has sessions 1 to {len(template.sessions)}",
            )
        return template.sessions[session - 1]
    today = template.sessions_on(Weekday.from_index(day.weekday()))
    if not today:
        days = sorted({d for s in template.sessions for d in s.days}, key=lambda d: d.number)
        raise ConflictError(
            f"'{template.name}' has no session on {day.strftime('%A')}; its days "
            f"are {', '.join(str(d) for d in days)} (or choose one with --session)"
        )
    return today[0]


def _members(uow: UnitOfWork, group_id: int) -> list[ClassMember]:
    """The group's accepted members as the class sheet needs them, from their latest
    profiles."""
    ids = [m.athlete_id for m in uow.accounts.groups.members(group_id)]
    members = []
    for _athlete, name, data in latest_profiles(uow, ids):
        profile = parse_profile(data)
        members.append(
            ClassMember(
                name=name,
                equipment=profile.equipment,
                pain_nrs=profile.pain_nrs,
                cramp_prone=profile.cramp_prone,
                falls=Goal.FALLS_PREVENTION in profile.goals,
            )
        )
    return members
