"""Coach mode: groups and invite codes, programme templates, coaches' own exercises, class
sheets and the coach's dashboard.

Every method takes the acting :class:`~footcore.domain.access.Principal` and asks
:mod:`footcore.domain.access` before it reads or writes; a denial raises what the rule says
(not found, forbidden, sign in). Each method is one transaction.

Dashboard thresholds (docs/accounts.md):

- adherence: planned sessions done over the last ``ADHERENCE_DAYS`` days (the progress
  report's rule: today counts only once done);
- gone quiet: no session logged in the last ``QUIET_DAYS`` days;
- open pain flag: the adaptation rule (pain above 5/10 or a worse next morning, closed by a
  later session at 3/10 or less) over the last ``FLAG_DAYS`` days of finished sessions;
- cramp flag: a cramp logged in the last ``CRAMP_DAYS`` days;
- real changes: the self-tests' smallest real change, first result against the latest.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from footcore.domain import access
from footcore.domain.access import GROUP_KINDS, GroupRef, Principal, Role
from footcore.domain.errors import (
    ConflictError,
    FootcoreError,
    NotFoundError,
    Problem,
    UnavailableError,
    ValidationError,
)
from footcore.services.context import Context, require_athlete

if TYPE_CHECKING:
    from footcore.domain.coaching import ClassSheet, TemplateDraft
    from footcore.domain.exercise import Catalogue
    from footcore.domain.planning import Plan
    from footcore.domain.profile import Profile
    from footcore.services.unit_of_work import (
        CoachExerciseRecord,
        GroupRecord,
        ProgrammeTemplateRecord,
        TemplateAssignmentRecord,
        UnitOfWork,
        UserRecord,
    )

ADHERENCE_DAYS = 14
QUIET_DAYS = 7
FLAG_DAYS = 28
CRAMP_DAYS = 14
MAX_GROUP_NAME = 120
#: Invite codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
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


def new_invite_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@dataclass(frozen=True)
class GroupView:
    id: int
    name: str
    kind: str
    coach_user_id: int
    invite_code: str | None  # only for the coach (and admins)
    members: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "coach_user_id": self.coach_user_id,
            "invite_code": self.invite_code,
            "members": self.members,
        }


@dataclass(frozen=True)
class MemberView:
    athlete_id: int
    name: str
    status: str
    since: dt.datetime | None


@dataclass(frozen=True)
class TemplateView:
    id: int
    name: str
    version: int
    body: Mapping[str, Any]


@dataclass(frozen=True)
class MemberStatus:
    """One accepted member on the coach's dashboard."""

    athlete_id: int
    name: str
    adherence_pct: float | None
    planned_sessions: int
    done_sessions: int
    last_log: dt.date | None
    days_since_log: int | None
    quiet: bool
    latest_self_test: dt.date | None
    real_changes: tuple[str, ...]
    pain_flag: str | None
    cramp_flag: str | None
    #: A substantial problem in this or last week's check-in; only for members who share
    #: their check-ins with the coach (None for everyone else).
    checkin_flag: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "athlete_id": self.athlete_id,
            "name": self.name,
            "adherence_pct": self.adherence_pct,
            "planned_sessions": self.planned_sessions,
            "done_sessions": self.done_sessions,
            "last_log": self.last_log.isoformat() if self.last_log else None,
            "days_since_log": self.days_since_log,
            "quiet": self.quiet,
            "latest_self_test": self.latest_self_test.isoformat()
            if self.latest_self_test
            else None,
            "real_changes": list(self.real_changes),
            "pain_flag": self.pain_flag,
            "cramp_flag": self.cramp_flag,
            "checkin_flag": self.checkin_flag,
        }


@dataclass(frozen=True)
class Dashboard:
    group: GroupView
    date: dt.date
    members: tuple[MemberStatus, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "footcore.dashboard/1",
            "group": self.group.to_dict(),
            "date": self.date.isoformat(),
            "thresholds": {
                "adherence_days": ADHERENCE_DAYS,
                "quiet_days": QUIET_DAYS,
                "flag_days": FLAG_DAYS,
                "cramp_days": CRAMP_DAYS,
            },
            "members": [m.to_dict() for m in self.members],
        }


# -- catalogues with coaches' exercises ------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _catalogue_of(files: tuple[tuple[str, str, str], ...]) -> Catalogue:
    from footcore.catalogue.loader import CatalogueFile, builtin_catalogue, builtin_files
    from footcore.catalogue.loader import validate_files as validate

    if not files:
        return builtin_catalogue()
    extra = [CatalogueFile(name, text, origin) for name, text, origin in files]
    return validate([*builtin_files(), *extra])


class _ExerciseFile(Protocol):
    """What checking a coach's exercise file reads: a stored one, or a new one."""

    @property
    def slug(self) -> str: ...
    @property
    def toml(self) -> str: ...
    @property
    def coach_user_id(self) -> int: ...


@dataclass(frozen=True)
class _NewExercise:
    """A coach's exercise file before it is stored (checked with the stored ones)."""

    slug: str
    toml: str
    coach_user_id: int


def _files(rows: Sequence[_ExerciseFile]) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (f"coach exercise '{r.slug}'", r.toml, f"coach:{r.coach_user_id}")
        for r in sorted(rows, key=lambda r: r.slug)
    )


class CoachingService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- groups -----------------------------------------------------------------------------

    def create_group(self, p: Principal, name: str, kind: str = "club") -> GroupView:
        access.require(access.can_create_coach_content(p), "group", name)
        coach = self._coach_id(p)
        problems = []
        name = name.strip()
        if not name or len(name) > MAX_GROUP_NAME:
            problems.append(Problem("name", f"text of 1 to {MAX_GROUP_NAME} characters"))
        if kind not in GROUP_KINDS:
            problems.append(Problem("kind", f"one of {', '.join(GROUP_KINDS)}"))
        if problems:
            raise ValidationError("group", problems)
        with self.ctx.uow() as uow:
            group = uow.accounts.groups.add(
                {
                    "name": name,
                    "kind": kind,
                    "coach_user_id": coach,
                    "invite_code": new_invite_code(),
                    "created_at": self.ctx.now(),
                }
            )
            return self._view(uow, group, p)

    def groups(self, p: Principal) -> list[GroupView]:
        """The groups a coach leads, or an athlete belongs to (accepted)."""
        with self.ctx.uow(read_only=True) as uow:
            found: dict[int, GroupRecord] = {}
            if p.user_id is not None and p.is_coach:
                found.update({g.id: g for g in uow.accounts.groups.of_coach(p.user_id)})
            if p.athlete_id is not None:
                found.update({g.id: g for g in uow.accounts.groups.of_athlete(p.athlete_id)})
            return [self._view(uow, g, p) for _, g in sorted(found.items())]

    def group(self, p: Principal, group_id: int) -> GroupView:
        with self.ctx.uow(read_only=True) as uow:
            group = self._group(uow, p, group_id, manage=False)
            return self._view(uow, group, p)

    def new_code(self, p: Principal, group_id: int) -> GroupView:
        """A fresh invite code (the old one stops working)."""
        with self.ctx.uow() as uow:
            group = self._group(uow, p, group_id, manage=True)
            group.invite_code = new_invite_code()
            uow.flush()
            return self._view(uow, group, p)

    def join(self, p: Principal, code: str) -> GroupView:
        """Join with an invite code: the membership is accepted at once (the athlete chose
        to join). Joining again after leaving works."""
        access.require(access.can_join_group(p), "group", code)
        athlete_id = self._athlete_id(p)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            group = uow.accounts.groups.by_code(code.strip().upper())
            if group is None:
                raise NotFoundError(
                    "invite code",
                    code,
                    message="no group has this invite code: check it with your coach",
                )
            m = uow.accounts.groups.add_membership(
                {
                    "group_id": group.id,
                    "athlete_id": athlete_id,
                    "status": "accepted",
                    "created_at": now,
                    "accepted_at": now,
                }
            )
            if m.status != "accepted":
                m.status, m.accepted_at, m.left_at = "accepted", now, None
                uow.flush()
            return self._view(uow, group, p)

    def invite(self, p: Principal, group_id: int, email: str) -> MemberView:
        """Invite an account's athlete by email; they see the invitation and accept it."""
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            group = self._group(uow, p, group_id, manage=True)
            user = uow.accounts.users.by_email(email.strip().lower())
            if user is None or user.athlete_id is None:
                raise NotFoundError("athlete account", email.strip().lower())
            m = uow.accounts.groups.add_membership(
                {
                    "group_id": group.id,
                    "athlete_id": user.athlete_id,
                    "status": "invited",
                    "created_at": now,
                    "accepted_at": None,
                }
            )
            if m.status == "left":
                m.status, m.left_at = "invited", None
                uow.flush()
            athlete = require_athlete(uow, user.athlete_id)
            return MemberView(athlete.id, athlete.name, m.status, m.created_at)

    def invitations(self, p: Principal) -> list[GroupView]:
        """Groups that invited this athlete and wait for an answer."""
        if p.athlete_id is None:
            return []
        with self.ctx.uow(read_only=True) as uow:
            groups = uow.accounts.groups.of_athlete(p.athlete_id, status="invited")
            return [self._view(uow, g, p) for g in groups]

    def accept(self, p: Principal, group_id: int) -> GroupView:
        athlete_id = self._athlete_id(p)
        with self.ctx.uow() as uow:
            m = uow.accounts.groups.membership(group_id, athlete_id)
            group = uow.accounts.groups.get(group_id)
            if m is None or group is None or m.status == "left":
                raise NotFoundError("group", str(group_id))
            m.status, m.accepted_at = "accepted", self.ctx.now()
            uow.flush()
            return self._view(uow, group, p)

    def leave(self, p: Principal, group_id: int) -> None:
        """Leave a group (or decline an invitation); the coach no longer sees the athlete."""
        athlete_id = self._athlete_id(p)
        with self.ctx.uow() as uow:
            m = uow.accounts.groups.membership(group_id, athlete_id)
            if m is None or m.status == "left":
                group = uow.accounts.groups.get(group_id)
                if group is not None and p.user_id is not None and group.coach_user_id == p.user_id:
                    # The group's own coach knows it exists: say why, rather than "unknown".
                    raise ConflictError(
                        f"you coach group {group_id}, you are not a member of it: only members "
                        "leave a group"
                    )
                raise NotFoundError("group", str(group_id))
            m.status, m.left_at = "left", self.ctx.now()

    def members(self, p: Principal, group_id: int) -> list[MemberView]:
        """Accepted members only: invited and departed athletes are not shown."""
        with self.ctx.uow() as uow:
            self._group(uow, p, group_id, manage=True)
            rows = uow.accounts.groups.member_rows(group_id)
            return [MemberView(a, n, s, t) for a, n, s, t in rows]

    # -- coaches' own exercises -------------------------------------------------------------

    def add_exercise(self, p: Principal, toml_text: str) -> str:
        """Store a coach's exercise (one ``[[exercise]]`` with any ``[sources.ID]``),
        validated exactly like the built-in files; returns its slug. Saving a slug the coach
        already has replaces it."""
        access.require(access.can_create_coach_content(p), "exercise", "new")
        coach = self._coach_id(p)
        try:
            data = tomllib.loads(toml_text)
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError("exercise file", [Problem("toml", str(exc))]) from None
        except RecursionError:
            raise ValidationError("exercise file", [Problem("toml", "nested too deeply")]) from None
        tables = data.get("exercise")
        if not isinstance(tables, list) or len(tables) != 1 or not isinstance(tables[0], dict):
            raise ValidationError(
                "exercise file",
                [Problem("exercise", "one [[exercise]] table per file (sources may follow)")],
            )
        slug = str(tables[0].get("slug", ""))
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            existing = uow.accounts.exercises.by_slug(slug)
            if existing is not None and existing.coach_user_id != coach:
                raise ValidationError(
                    "exercise file", [Problem("slug", f"'{slug}' is taken: choose another slug")]
                )
            own = [r for r in uow.accounts.exercises.of_coaches([coach]) if r.slug != slug]
            probe = _NewExercise(slug, toml_text, coach)
            _catalogue_of(_files([*own, probe]))  # raises with every problem, located
            if existing is not None:
                existing.toml, existing.updated_at = toml_text, now
            else:
                uow.accounts.exercises.add(
                    {
                        "coach_user_id": coach,
                        "slug": slug,
                        "toml": toml_text,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            return slug

    def remove_exercise(self, p: Principal, slug: str) -> None:
        with self.ctx.uow() as uow:
            row = uow.accounts.exercises.by_slug(slug)
            if row is None:
                raise NotFoundError("exercise", slug)
            groups = [g.id for g in uow.accounts.groups.of_coach(row.coach_user_id)]
            seen = access.can_see_exercise(p, row.coach_user_id, groups)
            access.require(access.can_edit_owned(p, row.coach_user_id, seen), "exercise", slug)
            uow.accounts.exercises.delete(row.id)

    def exercises(self, p: Principal) -> list[str]:
        """Slugs of the coaches' exercises this person may see."""
        with self.ctx.uow() as uow:
            return sorted(e.slug for e in self._visible_exercises(uow, p))

    def catalogue_for(self, p: Principal) -> Catalogue:
        """The built-in catalogue plus the coaches' exercises this person may see."""
        with self.ctx.uow(read_only=True) as uow:
            return _catalogue_of(_files(self._visible_exercises(uow, p)))

    def catalogue_for_athlete(self, athlete_id: int) -> Catalogue:
        with self.ctx.uow(read_only=True) as uow:
            return self._athlete_catalogue(uow, athlete_id)

    def _visible_exercises(self, uow: UnitOfWork, p: Principal) -> Sequence[CoachExerciseRecord]:
        if p.local or p.role is Role.ADMIN:
            return uow.accounts.exercises.list()
        coaches: set[int] = set()
        if p.user_id is not None and p.is_coach:
            coaches.add(p.user_id)
        if p.athlete_id is not None:
            coaches |= {g.coach_user_id for g in uow.accounts.groups.of_athlete(p.athlete_id)}
        return uow.accounts.exercises.of_coaches(coaches)

    def _template_catalogue(self, uow: UnitOfWork, coach_user_id: int) -> Catalogue:
        return _catalogue_of(_files(uow.accounts.exercises.of_coaches([coach_user_id])))

    def _athlete_catalogue(self, uow: UnitOfWork, athlete_id: int) -> Catalogue:
        coaches = {g.coach_user_id for g in uow.accounts.groups.of_athlete(athlete_id)}
        return _catalogue_of(_files(uow.accounts.exercises.of_coaches(coaches)))

    # -- templates --------------------------------------------------------------------------

    def save_template(self, p: Principal, data: Mapping[str, Any]) -> TemplateView:
        """Create a template, or update the coach's template of the same name (its version
        rises). Checked against the built-ins and the coach's own exercises."""
        from footcore.domain.coaching import parse_template, template_to_dict

        access.require(access.can_create_coach_content(p), "programme template", "new")
        coach = self._coach_id(p)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            catalogue = self._template_catalogue(uow, coach)
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
        from footcore.domain.coaching import parse_template, template_to_dict

        access.require(access.can_create_coach_content(p), "programme template", "new")
        coach = self._coach_id(p)
        with self.ctx.uow() as uow:
            catalogue = self._template_catalogue(uow, coach)
        return template_to_dict(parse_template(data, catalogue))

    def template_catalogue(self, p: Principal) -> Catalogue:
        """What a coach's templates may name: the built-ins and the coach's own exercises
        (the catalogue :meth:`save_template` checks against)."""
        access.require(access.can_create_coach_content(p), "programme template", "new")
        coach = self._coach_id(p)
        with self.ctx.uow() as uow:
            return self._template_catalogue(uow, coach)

    def template_from_plan(self, p: Principal, data: Mapping[str, Any]) -> TemplateDraft:
        """A template drafted from a generated plan, for the coach to review and edit before
        saving it (nothing is stored). ``data``: ``name``, optional ``description``,
        ``level`` (1-6: the plan's week that reaches it becomes the template; default 1)
        and the profile's ``goals``, ``equipment``, ``minutes_per_day``, ``slots`` and
        ``running`` (days, long-run day). The plan is the one the planner makes for such
        an athlete (no pain, no self-tests, aged ``DRAFT_AGE``) with the built-ins and the
        coach's own exercises."""
        from footcore.domain.coaching import MAX_NAME, template_from_plan
        from footcore.domain.errors import suggest
        from footcore.domain.planning import generate_plan
        from footcore.domain.planning.levels import MAX_LEVEL
        from footcore.domain.profile import parse_profile

        access.require(access.can_create_coach_content(p), "programme template", "new")
        coach = self._coach_id(p)
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
        with self.ctx.uow() as uow:
            catalogue = self._template_catalogue(uow, coach)
        today = self.ctx.today()
        monday = today - dt.timedelta(days=today.weekday())
        plan = generate_plan(profile, catalogue, monday, level)
        draft = template_from_plan(plan, level, catalogue, name=name, description=description)
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
            row = self._template(uow, p, name_or_id)
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
            row = self._template(uow, p, template)
            if group_id is not None:
                self._group(uow, p, group_id, manage=True)
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

    # -- following a template (called by the programme service) ----------------------------

    @staticmethod
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

    def follow_template(
        self, uow: UnitOfWork, athlete_id: int, profile: Profile, base: Plan
    ) -> Plan:
        """``base`` (the athlete's generated plan) following their assigned template, fitted
        to them by :func:`footcore.domain.coaching.apply_template`; ``base`` itself when no
        template is assigned."""
        from footcore.domain.coaching import apply_template, parse_template

        found = _assignment(uow, athlete_id)
        if found is None:
            return base
        assignment, row = found
        catalogue = self._athlete_catalogue(uow, athlete_id)
        try:
            template = parse_template(row.body, catalogue)
        except ValidationError:
            # The template names an exercise the athlete cannot see (they left the coach's
            # group): their own plan stands.
            return base
        return apply_template(template, profile, catalogue, base, from_date=assignment.starts_on)

    # -- class mode -------------------------------------------------------------------------

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
        from footcore.domain.coaching import ClassMember, class_sheet, parse_template
        from footcore.domain.profile import parse_profile
        from footcore.domain.vocab import Goal, RunKind, Weekday

        day = on or self.ctx.today()
        if after not in RunKind.slugs():
            raise ValidationError(
                "class", [Problem("after", f"one of {', '.join(RunKind.slugs())}")]
            )
        with self.ctx.uow() as uow:
            group = self._group(uow, p, group_id, manage=True)
            assignment = uow.accounts.templates.for_group(group.id)
            if assignment is None:
                raise ConflictError(
                    f"group '{group.name}' has no programme template: assign one first"
                )
            row = uow.accounts.templates.get(assignment.template_id)
            assert row is not None
            catalogue = _catalogue_of(
                _files(uow.accounts.exercises.of_coaches([group.coach_user_id]))
            )
            template = parse_template(row.body, catalogue)
            if session is not None:
                if not 1 <= session <= len(template.sessions):
                    raise NotFoundError(
                        "template session",
                        str(session),
                        message=f"'{template.name}' has sessions 1 to {len(template.sessions)}",
                    )
                chosen = template.sessions[session - 1]
            else:
                today = template.sessions_on(Weekday.from_index(day.weekday()))
                if not today:
                    days = sorted(
                        {d for s in template.sessions for d in s.days}, key=lambda d: d.number
                    )
                    raise ConflictError(
                        f"'{template.name}' has no session on {day.strftime('%A')}; its days "
                        f"are {', '.join(str(d) for d in days)} (or choose one with --session)"
                    )
                chosen = today[0]
            ids = [m.athlete_id for m in uow.accounts.groups.members(group.id)]
            members = []
            for _athlete, name, data in _latest_profiles(uow, ids):
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
            title = f"{group.name} - {template.name}"
            if chosen.title:
                title += f" - {chosen.title}"
            return class_sheet(
                chosen.items, catalogue, RunKind(after), members, title=title, date=day
            )

    # -- dashboard --------------------------------------------------------------------------

    def dashboard(self, p: Principal, group_id: int, on: dt.date | None = None) -> Dashboard:
        """Every accepted member at a glance; a fixed number of queries whatever the group's
        size (no query per member)."""
        from footcore.domain import adaptation
        from footcore.domain import progress as maths
        from footcore.domain.assessments import compare

        day = on or self.ctx.today()
        with self.ctx.uow() as uow:
            group = self._group(uow, p, group_id, manage=True)
            view = self._view(uow, group, p)
            roster = uow.accounts.roster
            names = uow.accounts.groups.member_names(group.id)
            ids = sorted(names)
            since = day - dt.timedelta(days=max(FLAG_DAYS, ADHERENCE_DAYS) - 1)
            window = day - dt.timedelta(days=ADHERENCE_DAYS - 1)
            planned = _planned_sessions(roster, ids, window, day)
            logs = roster.window_logs(ids, since, day)
            last_logs = roster.last_log_dates(ids)
            tests: dict[int, list[tuple[dt.date, Mapping[str, Any]]]] = {}
            for a, taken_on, data in roster.assessment_inputs(ids):
                tests.setdefault(a, []).append((taken_on, data))
            from footcore.services.studies import StudyService

            checkin_flags = StudyService(self.ctx).flags_for(uow, group.id, day)

        by_athlete: dict[int, list[Any]] = {}
        for row in logs:
            by_athlete.setdefault(row[0], []).append(row)
        statuses = []
        for a in ids:
            rows = by_athlete.get(a, [])
            done = [
                maths.DoneSession(
                    r[2],
                    str(r[3]),
                    0.0,
                    int(r[11] or 0),
                    maths.session_complete(int(r[13] or 0), int(r[12] or 0), int(r[11] or 0)),
                )
                for r in rows
                if r[2] >= window
            ]
            adh = maths.adherence(planned.get(a, []), done, day)
            outcomes = [
                adaptation.SessionOutcome(
                    key=str(r[1]),
                    date=r[2],
                    slot=str(r[3]),
                    items=(),
                    pain=_max(r[4], r[10]),
                    cramp=bool(r[6]),
                    next_morning_pain=r[5],
                )
                for r in rows
                if r[7] is not None
            ]
            cramps = [
                r[2] for r in rows if (r[6] or r[9]) and r[2] > day - dt.timedelta(days=CRAMP_DAYS)
            ]
            last = last_logs.get(a)
            days_since = (day - last).days if last is not None else None
            real: tuple[str, ...] = ()
            latest_test = None
            if a in tests:
                latest_test = tests[a][-1][0]
                if len(tests[a]) >= 2:
                    report = compare(tests[a][0][1], tests[a][-1][1])
                    real = tuple(
                        f"{c.name}{' (' + c.part + ')' if c.part else ''}: {c.verdict}"
                        for c in report.changes
                        if c.is_real
                    )
            statuses.append(
                MemberStatus(
                    athlete_id=a,
                    name=names[a],
                    adherence_pct=adh.sessions_pct,
                    planned_sessions=adh.planned_sessions,
                    done_sessions=adh.done_sessions,
                    last_log=last,
                    days_since_log=days_since,
                    quiet=days_since is None or days_since >= QUIET_DAYS,
                    latest_self_test=latest_test,
                    real_changes=real,
                    pain_flag=adaptation.open_pain_flag(outcomes),
                    cramp_flag=f"cramp on {max(cramps).isoformat()}" if cramps else None,
                    checkin_flag=checkin_flags.get(a),
                )
            )
        statuses.sort(key=lambda s: (not s.quiet, s.name.lower(), s.athlete_id))
        return Dashboard(view, day, tuple(statuses))

    # -- internals --------------------------------------------------------------------------

    def _coach_id(self, p: Principal) -> int:
        if p.user_id is None:
            raise UnavailableError(
                "coach features need a coach account: footcore admin create-user EMAIL --role coach"
            )
        return p.user_id

    def _athlete_id(self, p: Principal) -> int:
        if p.athlete_id is None:
            raise access.AccessError(access.FORBIDDEN, "this account has no training data")
        return p.athlete_id

    def _group(self, uow: UnitOfWork, p: Principal, group_id: int, *, manage: bool) -> GroupRecord:
        group = uow.accounts.groups.get(group_id)
        if group is None:
            # The same answer as for a group one may not see: existence never leaks.
            raise NotFoundError("group", str(group_id))
        ref = GroupRef(group.id, group.coach_user_id)
        rule = access.can_manage_group if manage else access.can_view_group
        access.require(rule(p, ref), "group", group_id)
        return group

    def _template(self, uow: UnitOfWork, p: Principal, key: str | int) -> ProgrammeTemplateRecord:
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

    def _view(self, uow: UnitOfWork, group: GroupRecord, p: Principal) -> GroupView:
        count = uow.accounts.groups.count_members(group.id)
        manages = access.can_manage_group(p, GroupRef(group.id, group.coach_user_id)).allowed
        return GroupView(
            group.id,
            group.name,
            group.kind,
            group.coach_user_id,
            group.invite_code if manages else None,
            count,
        )


def _max(a: int | None, b: int | None) -> int | None:
    values = [v for v in (a, b) if v is not None]
    return max(values) if values else None


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


def _latest_profiles(
    uow: UnitOfWork, athlete_ids: Sequence[int]
) -> list[tuple[int, str, Mapping[str, Any]]]:
    return list(uow.accounts.roster.latest_profiles(athlete_ids))


def _planned_sessions(
    roster: Any, athlete_ids: Sequence[int], first: dt.date, last: dt.date
) -> dict[int, list[Any]]:
    """athlete id -> planned sessions from ``first`` to ``last`` of their latest programme,
    from the stored planned sessions (a few rows per member; rebuilt from the snapshot where
    missing, e.g. after a restore)."""
    from footcore.domain import progress as maths

    latest = roster.latest_programmes(athlete_ids)
    pids = [pid for pid, _start, _made in latest.values()]
    missing = set(pids) - roster.scheduled(pids)
    for pid, athlete_id, plan in roster.plans(sorted(missing)):
        roster.store_schedule(athlete_id, pid, plan)
    out: dict[int, list[Any]] = {a: [] for a in latest}
    for athlete_id, date, slot, minutes in roster.planned(pids, first, last):
        out[athlete_id].append(maths.PlannedSession(date, slot, minutes))
    return out


def coach_users(uow: UnitOfWork) -> list[UserRecord]:
    return [u for u in uow.accounts.users.list() if u.role in (Role.COACH, Role.ADMIN)]
