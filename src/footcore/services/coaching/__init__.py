"""Coach mode: one service per job, and :class:`CoachingService`, the one object the adapters
call (``Services.coaching``), which hands each call to the service of its job.

- :mod:`.groups`: groups, invite codes, invitations and memberships (:class:`GroupService`);
- :mod:`.exercises`: coaches' own exercises and the catalogues with them
  (:class:`CoachExerciseService`);
- :mod:`.templates`: programme templates, checked, stored, drafted and assigned
  (:class:`TemplateService`);
- :mod:`.following`: the template an athlete's plan follows, for the programme service;
- :mod:`.sheets`: the class sheet of a group's session (:class:`ClassSheetService`);
- :mod:`.dashboard`: the coach's dashboard of a group (:class:`DashboardService`);
- :mod:`.roster` and :mod:`.acting`: what these share - batched reads over many athletes,
  and the acting coach or athlete.

Every method takes the acting :class:`~footcore.domain.access.Principal` and asks
:mod:`footcore.domain.access` before it reads or writes; a denial raises what the rule says
(not found, forbidden, sign in). Each method is one transaction.

Each service is imported and built on first use: the programme service imports
:mod:`.following` on the path of a plan, and that loads none of the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from footcore.domain.access import Principal
    from footcore.domain.coaching.drafting import TemplateDraft
    from footcore.domain.coaching.sheet import ClassSheet
    from footcore.domain.exercise import Catalogue
    from footcore.services.coaching.dashboard import Dashboard, DashboardService
    from footcore.services.coaching.exercises import CoachExerciseService
    from footcore.services.coaching.groups import GroupService, GroupView, MemberView
    from footcore.services.coaching.sheets import ClassSheetService
    from footcore.services.coaching.templates import TemplateService, TemplateView
    from footcore.services.context import Context

__all__ = ["CoachingService"]


class CoachingService:
    """Coach mode as the adapters call it: each method is the one of the same name of the
    service of its job."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    @cached_property
    def group_service(self) -> GroupService:
        # Deferred: each coaching service loads on first use.
        from footcore.services.coaching.groups import GroupService  # noqa: PLC0415

        return GroupService(self.ctx)

    @cached_property
    def exercise_service(self) -> CoachExerciseService:
        # Deferred: each coaching service loads on first use.
        from footcore.services.coaching.exercises import CoachExerciseService  # noqa: PLC0415

        return CoachExerciseService(self.ctx)

    @cached_property
    def template_service(self) -> TemplateService:
        # Deferred: each coaching service loads on first use.
        from footcore.services.coaching.templates import TemplateService  # noqa: PLC0415

        return TemplateService(self.ctx)

    @cached_property
    def sheet_service(self) -> ClassSheetService:
        # Deferred: each coaching service loads on first use.
        from footcore.services.coaching.sheets import ClassSheetService  # noqa: PLC0415

        return ClassSheetService(self.ctx)

    @cached_property
    def dashboard_service(self) -> DashboardService:
        # Deferred: each coaching service loads on first use.
        from footcore.services.coaching.dashboard import DashboardService  # noqa: PLC0415

        return DashboardService(self.ctx)

    # -- groups and invites -------------------------------------------------------------------

    def create_group(self, p: Principal, name: str, kind: str = "club") -> GroupView:
        return self.group_service.create_group(p, name, kind)

    def groups(self, p: Principal) -> list[GroupView]:
        return self.group_service.groups(p)

    def group(self, p: Principal, group_id: int) -> GroupView:
        return self.group_service.group(p, group_id)

    def new_code(self, p: Principal, group_id: int) -> GroupView:
        return self.group_service.new_code(p, group_id)

    def join(self, p: Principal, code: str) -> GroupView:
        return self.group_service.join(p, code)

    def invite(self, p: Principal, group_id: int, email: str) -> MemberView:
        return self.group_service.invite(p, group_id, email)

    def invitations(self, p: Principal) -> list[GroupView]:
        return self.group_service.invitations(p)

    def accept(self, p: Principal, group_id: int) -> GroupView:
        return self.group_service.accept(p, group_id)

    def leave(self, p: Principal, group_id: int) -> None:
        self.group_service.leave(p, group_id)

    def members(self, p: Principal, group_id: int) -> list[MemberView]:
        return self.group_service.members(p, group_id)

    # -- coaches' own exercises ---------------------------------------------------------------

    def add_exercise(self, p: Principal, toml_text: str) -> str:
        return self.exercise_service.add_exercise(p, toml_text)

    def remove_exercise(self, p: Principal, slug: str) -> None:
        self.exercise_service.remove_exercise(p, slug)

    def exercises(self, p: Principal) -> list[str]:
        return self.exercise_service.exercises(p)

    def catalogue_for(self, p: Principal) -> Catalogue:
        return self.exercise_service.catalogue_for(p)

    def catalogue_for_athlete(self, athlete_id: int) -> Catalogue:
        return self.exercise_service.catalogue_for_athlete(athlete_id)

    # -- templates ----------------------------------------------------------------------------

    def save_template(self, p: Principal, data: Mapping[str, Any]) -> TemplateView:
        return self.template_service.save_template(p, data)

    def check_template(self, p: Principal, data: Mapping[str, Any]) -> dict[str, Any]:
        return self.template_service.check_template(p, data)

    def template_catalogue(self, p: Principal) -> Catalogue:
        return self.template_service.template_catalogue(p)

    def template_from_plan(self, p: Principal, data: Mapping[str, Any]) -> TemplateDraft:
        return self.template_service.template_from_plan(p, data)

    def templates(self, p: Principal) -> list[TemplateView]:
        return self.template_service.templates(p)

    def template(self, p: Principal, name_or_id: str | int) -> TemplateView:
        return self.template_service.template(p, name_or_id)

    def assign_template(
        self,
        p: Principal,
        template: str | int,
        *,
        group_id: int | None = None,
        athlete_id: int | None = None,
        starts_on: dt.date | None = None,
    ) -> int:
        return self.template_service.assign_template(
            p, template, group_id=group_id, athlete_id=athlete_id, starts_on=starts_on
        )

    # -- class sheet and dashboard ------------------------------------------------------------

    def class_sheet(
        self,
        p: Principal,
        group_id: int,
        on: dt.date | None = None,
        after: str = "none",
        session: int | None = None,
    ) -> ClassSheet:
        return self.sheet_service.class_sheet(p, group_id, on, after, session)

    def dashboard(self, p: Principal, group_id: int, on: dt.date | None = None) -> Dashboard:
        return self.dashboard_service.dashboard(p, group_id, on)
