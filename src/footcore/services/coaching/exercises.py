"""Coaches' own exercises, and the catalogues they make: the built-in exercises plus the
coaches' exercises a person may see (an athlete: their coaches'; a coach: their own).

A coach's exercise file is checked exactly like the built-in files, together with the
coach's other exercises; the catalogues are cached by the files they are made of."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from footcore.catalogue.loader import builtin_catalogue, builtin_files
from footcore.catalogue.loader import validate_files as validate
from footcore.catalogue.tables import CatalogueFile
from footcore.domain import access
from footcore.domain.access import Principal, Role
from footcore.domain.errors import NotFoundError, Problem, ValidationError
from footcore.services.coaching.acting import acting_coach
from footcore.services.context import Context

if TYPE_CHECKING:
    from footcore.domain.exercise import Catalogue
    from footcore.services.unit_of_work import CoachExerciseRecord, UnitOfWork


class CoachExerciseService:
    """Coaches' own exercises, and the catalogues with them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add_exercise(self, p: Principal, toml_text: str) -> str:
        """Store a coach's exercise (one ``[[exercise]]`` with any ``[sources.ID]``),
        validated exactly like the built-in files; returns its slug. Saving a slug the coach
        already has replaces it."""
        access.require(access.can_create_coach_content(p), "exercise", "new")
        coach = acting_coach(p)
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
            return sorted(e.slug for e in _visible_exercises(uow, p))

    def catalogue_for(self, p: Principal) -> Catalogue:
        """The built-in catalogue plus the coaches' exercises this person may see."""
        with self.ctx.uow(read_only=True) as uow:
            return _catalogue_of(_files(_visible_exercises(uow, p)))

    def catalogue_for_athlete(self, athlete_id: int) -> Catalogue:
        with self.ctx.uow(read_only=True) as uow:
            return athlete_catalogue(uow, athlete_id)


@functools.lru_cache(maxsize=64)
def _catalogue_of(files: tuple[tuple[str, str, str], ...]) -> Catalogue:
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


def coach_catalogue(uow: UnitOfWork, coach_user_id: int) -> Catalogue:
    """What a coach's templates may name: the built-ins and the coach's own exercises."""
    return _catalogue_of(_files(uow.accounts.exercises.of_coaches([coach_user_id])))


def athlete_catalogue(uow: UnitOfWork, athlete_id: int) -> Catalogue:
    """The built-ins and the exercises of the coaches whose groups the athlete is in."""
    coaches = {g.coach_user_id for g in uow.accounts.groups.of_athlete(athlete_id)}
    return _catalogue_of(_files(uow.accounts.exercises.of_coaches(coaches)))


def _visible_exercises(uow: UnitOfWork, p: Principal) -> Sequence[CoachExerciseRecord]:
    if p.local or p.role is Role.ADMIN:
        return uow.accounts.exercises.list()
    coaches: set[int] = set()
    if p.user_id is not None and p.is_coach:
        coaches.add(p.user_id)
    if p.athlete_id is not None:
        coaches |= {g.coach_user_id for g in uow.accounts.groups.of_athlete(p.athlete_id)}
    return uow.accounts.exercises.of_coaches(coaches)
