"""Following a template: which template an athlete's plan follows (their own assignment
wins over a group's), and their plan fitted to it. Called by the programme service inside
its unit of work, on the path of every plan that is regenerated: the domain's fitting is
imported only when a template is followed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from footcore.domain.coaching.fitting import apply_template
from footcore.domain.coaching.parse import parse_template
from footcore.domain.errors import ValidationError
from footcore.services.coaching.exercises import athlete_catalogue

if TYPE_CHECKING:
    from footcore.domain.planning import Plan
    from footcore.domain.profile import Profile
    from footcore.services.unit_of_work import (
        ProgrammeTemplateRecord,
        TemplateAssignmentRecord,
        UnitOfWork,
    )


def template_input(uow: UnitOfWork, athlete_id: int) -> dict[str, Any] | None:
    """What the athlete's plan follows, as stored with the programme's inputs (so a new
    assignment or a new template version regenerates the programme); None when no
    template is assigned."""
    found = _assignment(uow, athlete_id)
    if found is None:
        return None
    assignment, row = found
    return {
        "assignment_id": assignment.id,
        "template_id": row.id,
        "version": row.version,
        "starts_on": assignment.starts_on.isoformat(),
    }


def follow_template(uow: UnitOfWork, athlete_id: int, profile: Profile, base: Plan) -> Plan:
    """``base`` (the athlete's generated plan) following their assigned template, fitted
    to them by :func:`footcore.domain.coaching.fitting.apply_template`; ``base`` itself when no
    template is assigned."""
    found = _assignment(uow, athlete_id)
    if found is None:
        return base
    assignment, row = found
    catalogue = athlete_catalogue(uow, athlete_id)
    try:
        template = parse_template(row.body, catalogue)
    except ValidationError:
        # The template names an exercise the athlete cannot see (they left the coach's
        # group): their own plan stands.
        return base
    return apply_template(template, profile, catalogue, base, from_date=assignment.starts_on)


def _assignment(
    uow: UnitOfWork, athlete_id: int
) -> tuple[TemplateAssignmentRecord, ProgrammeTemplateRecord] | None:
    """The assignment in force for the athlete (their own wins over a group's) and its
    template. Group assignments count only for groups the athlete accepted."""
    groups = [g.id for g in uow.accounts.groups.of_athlete(athlete_id)]
    assignment = uow.accounts.templates.current_for(athlete_id, groups)
    if assignment is None:
        return None
    row = uow.accounts.templates.get(assignment.template_id)
    if row is None:
        return None
    if assignment.athlete_id is not None:
        # A direct assignment counts while the athlete is still coached by the template's
        # coach (an accepted member of one of the coach's groups).
        coaches = {g.coach_user_id for g in uow.accounts.groups.of_athlete(athlete_id)}
        if row.coach_user_id not in coaches:
            return None
    return assignment, row
