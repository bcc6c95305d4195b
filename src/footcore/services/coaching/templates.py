"""Programme templates: a coach's templates checked and stored (a new version when the
body changes), drafted from a generated plan, and assigned to a group or one athlete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcore.domain import access
from footcore.domain.access import Principal
from footcore.domain.coaching import drafting
from footcore.domain.coaching.drafting import TemplateDraft
from footcore.domain.coaching.parse import parse_template
from footcore.domain.coaching.template import MAX_NAME, template_to_dict
from footcore.domain.errors import FootcoreError, NotFoundError, Problem, ValidationError, suggest
from footcore.domain.planning import generate_plan
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.profile import Profile, parse_profile
from footcore.services.coaching.acting import acting_coach
from footcore.services.coaching.exercises import coach_catalogue
from footcore.services.coaching.groups import group_for
from footcore.services.context import Context, require_athlete

if TYPE_CHECKING:
    from footcore.domain.exercise import Catalogue
    from footcore.services.unit_of_work import ProgrammeTemplateRecord, UnitOfWork

#: What a template drafted from a plan is asked about (the profile's keys of the same name,
#: plus the level whose week becomes the template, and the template's name).
DRAFT_KEYS = (
    "name",
    "description",
    "level",
    "goals",
    "equipment",
    "minutes_per_day",
    "slots",
    "running",
)
#: The age of the made-up athlete whose plan a draft comes from: an adult under 65 (age
#: changes one choice of the planner only, supported balance from 65).
DRAFT_AGE = 40


@dataclass(frozen=True)
class TemplateView:
    id: int
    name: str
    version: int
    body: Mapping[str, Any]


class TemplateService:
    """Programme templates: checking, storing, drafting and assigning them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def save_template(self, p: Principal, data: Mapping[str, Any]) -> TemplateView:
        """Create a template, or update the coach's template of the same name (its version
        rises). Checked against the built-ins and the coach's own exercises."""
        access.require(access.can_create_coach_content(p), "programme template", "new")
        coach = acting_coach(p)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            catalogue = coach_catalogue(uow, coach)
            template = parse_template(data, catalogue)
            body = template_to_dict(template)
            row = uow.accounts.templates.by_name(coach, template.name)
            if row is None:
                row = uow.accounts.templates.add(
                    {
                        "coach_user_id": coach,
                        "name": template.name,
                        "body": body,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            elif row.body != body:
                row.body, row.version, row.updated_at = body, row.version + 1, now
                uow.flush()
            return TemplateView(row.id, row.name, row.version, row.body)

    def check_template(self, p: Principal, data: Mapping[str, Any]) -> dict[str, Any]:
        """Check a template exactly as :meth:`save_template` does, without storing it; its
        canonical JSON form (raises ``ValidationError`` with every problem)."""
        access.require(access.can_create_coach_content(p), "programme template", "new")
        coach = acting_coach(p)
        with self.ctx.uow() as uow:
            catalogue = coach_catalogue(uow, coach)
        return template_to_dict(parse_template(data, catalogue))

    def template_catalogue(self, p: Principal) -> Catalogue:
        """What a coach's templates may name: the built-ins and the coach's own exercises
        (the catalogue :meth:`save_template` checks against)."""
        access.require(access.can_create_coach_content(p), "programme template", "new")
        coach = acting_coach(p)
        with self.ctx.uow() as uow:
            return coach_catalogue(uow, coach)

    def template_from_plan(self, p: Principal, data: Mapping[str, Any]) -> TemplateDraft:
        """A template drafted from a generated plan, for the coach to review and edit before
        saving it (nothing is stored). ``data``: ``name``, optional ``description``,
        ``level`` (1-6: the plan's week that reaches it becomes the template; default 1)
        and the profile's ``goals``, ``equipment``, ``minutes_per_day``, ``slots`` and
        ``running`` (days, long-run day). The plan is the one the planner makes for such
        an athlete (no pain, no self-tests, aged ``DRAFT_AGE``) with the built-ins and the
        coach's own exercises."""
        access.require(access.can_create_coach_content(p), "programme template", "new")
        coach = acting_coach(p)
        name, description, level, profile = _draft_request(data)
        with self.ctx.uow() as uow:
            catalogue = coach_catalogue(uow, coach)
        today = self.ctx.today()
        monday = today - dt.timedelta(days=today.weekday())
        plan = generate_plan(profile, catalogue, monday, level)
        draft = drafting.template_from_plan(
            plan, level, catalogue, name=name, description=description
        )
        if not draft.template.sessions:
            raise ValidationError(
                "template draft",
                [
                    Problem(
                        "slots",
                        "the plan has no session that week: choose an everyday slot (morning, "
                        "desk, teeth, tv), or run days for the run slots",
                    )
                ],
            )
        return draft

    def templates(self, p: Principal) -> list[TemplateView]:
        with self.ctx.uow() as uow:
            if p.user_id is None:
                return []
            return [
                TemplateView(t.id, t.name, t.version, t.body)
                for t in uow.accounts.templates.of_coach(p.user_id)
            ]

    def template(self, p: Principal, name_or_id: str | int) -> TemplateView:
        with self.ctx.uow() as uow:
            row = template_for(uow, p, name_or_id)
            return TemplateView(row.id, row.name, row.version, row.body)

    def assign_template(
        self,
        p: Principal,
        template: str | int,
        *,
        group_id: int | None = None,
        athlete_id: int | None = None,
        starts_on: dt.date | None = None,
    ) -> int:
        """Give a template to a group (every accepted member follows it) or one athlete
        (wins over the group's); the athletes' plans follow it from ``starts_on``."""
        if (group_id is None) == (athlete_id is None):
            raise FootcoreError("assign a template to a group or to one athlete")
        with self.ctx.uow() as uow:
            row = template_for(uow, p, template)
            if group_id is not None:
                group_for(uow, p, group_id, manage=True)
            else:
                assert athlete_id is not None
                access.require(access.can_assign_programme(p, athlete_id), "athlete", athlete_id)
                require_athlete(uow, athlete_id)
            made = uow.accounts.templates.assign(
                {
                    "template_id": row.id,
                    "group_id": group_id,
                    "athlete_id": athlete_id,
                    "starts_on": starts_on or self.ctx.today(),
                    "created_at": self.ctx.now(),
                }
            )
            return made.id


def template_for(uow: UnitOfWork, p: Principal, key: str | int) -> ProgrammeTemplateRecord:
    """The template by id or by the coach's name for it, when ``p`` may edit it."""
    row: ProgrammeTemplateRecord | None
    if isinstance(key, int) or str(key).isdigit():
        row = uow.accounts.templates.get(int(key))
    elif p.user_id is not None:
        row = uow.accounts.templates.by_name(p.user_id, str(key))
    else:
        row = None
    if row is None:
        raise NotFoundError("programme template", str(key))
    access.require(access.can_edit_owned(p, row.coach_user_id), "programme template", key)
    return row


def _draft_request(data: Mapping[str, Any]) -> tuple[str, str, int, Profile]:
    """The name, description, level and made-up profile of a draft request; every problem
    is reported at once."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise ValidationError("template draft", [Problem("", "must be an object")])
    for key in data:
        if key not in DRAFT_KEYS:
            hint = suggest(str(key), DRAFT_KEYS, 1)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            problems.append(Problem(str(key), f"unknown key{extra}"))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        problems.append(Problem("name", f"text of 1 to {MAX_NAME} characters"))
    description = data.get("description", "")
    if not isinstance(description, str) or len(description) > 2000:
        problems.append(Problem("description", "text of at most 2000 characters"))
    level = data.get("level", 1)
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= MAX_LEVEL:
        problems.append(Problem("level", f"a whole number from 1 to {MAX_LEVEL}"))
    profile_data = {k: data[k] for k in DRAFT_KEYS[3:] if k in data}
    try:
        profile = parse_profile({"name": "Draft", "age": DRAFT_AGE, **profile_data})
    except ValidationError as exc:
        problems += exc.problems
    if problems:
        raise ValidationError("template draft", problems)
    assert isinstance(name, str)
    assert isinstance(level, int)
    assert isinstance(description, str)
    return name, description, level, profile
