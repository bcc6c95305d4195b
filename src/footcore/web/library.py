"""The exercise library's query: the catalogue filters plus a text search.

Shared by the library page and ``GET /api/v1/exercises`` so that both find the same
exercises for the same parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.vocab import Category, Equipment, Goal, Slot, Target


def searchable_text(ex: Exercise) -> str:
    """What the text search looks in: name, slug, description and cues."""
    return " ".join((ex.name, ex.slug.replace("-", " "), ex.description, *ex.cues)).lower()


def matches_text(ex: Exercise, q: str) -> bool:
    """Every word of ``q`` appears in the exercise's text (case does not matter)."""
    text = searchable_text(ex)
    return all(word in text for word in q.lower().split())


@dataclass(frozen=True)
class LibraryQuery:
    """Filters of the library. ``equipment`` is what a person has (``None``: no filter);
    ``bodyweight_only`` keeps exercises that need nothing beyond stand-ins for missing kit."""

    q: str = ""
    category: Category | None = None
    slot: Slot | None = None
    equipment: tuple[Equipment, ...] = ()
    bodyweight_only: bool = False
    target: Target | None = None
    goal: Goal | None = None

    @property
    def have(self) -> tuple[Equipment, ...] | None:
        if self.equipment or self.bodyweight_only:
            return self.equipment
        return None

    @property
    def active(self) -> bool:
        """True when any filter or search narrows the list."""
        return bool(
            self.q.strip()
            or self.category
            or self.slot
            or self.have is not None
            or self.target
            or self.goal
        )

    def run(self, catalogue: Catalogue) -> list[Exercise]:
        found = catalogue.filter(
            category=self.category,
            slot=self.slot,
            equipment=self.have,
            target=self.target,
            goal=self.goal,
        )
        if self.q.strip():
            found = [ex for ex in found if matches_text(ex, self.q)]
        return found
