"""Per-catalogue lookups the planner and the checker need, computed once per catalogue."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.planning.levels import min_level


@dataclass(frozen=True)
class CatalogueIndex:
    exercises: dict[str, Exercise]
    # chain id (root slug) -> members, easiest first; stand-alone exercises are chains of one
    chains: dict[str, tuple[str, ...]]
    chain_of: dict[str, str]  # slug -> chain id
    position: dict[str, int]  # slug -> index in its chain
    level: dict[str, int]  # slug -> level that unlocks it

    def chain_members(self, slug: str) -> tuple[str, ...]:
        return self.chains[self.chain_of[slug]]


_CACHE: weakref.WeakKeyDictionary[Catalogue, CatalogueIndex] = weakref.WeakKeyDictionary()


def index_of(catalogue: Catalogue) -> CatalogueIndex:
    """The index of a catalogue (cached while the catalogue lives)."""
    found = _CACHE.get(catalogue)
    if found is None:
        found = _build(catalogue)
        _CACHE[catalogue] = found
    return found


def _build(catalogue: Catalogue) -> CatalogueIndex:
    exercises = {e.slug: e for e in catalogue}
    chains: dict[str, tuple[str, ...]] = {}
    chain_of: dict[str, str] = {}
    position: dict[str, int] = {}
    for slug in exercises:
        if slug in chain_of:
            continue
        members = catalogue.chain_of(slug)
        if slug not in members:
            # A side branch (its first regression leads elsewhere): a chain of its own.
            members = (slug,)
        root = members[0]
        if root in chains:
            members = chains[root]
            if slug not in members:  # pragma: no cover - defensive, branch of a known chain
                members = (slug,)
                root = slug
        chains[root] = members
        for i, member in enumerate(members):
            chain_of.setdefault(member, root)
            position.setdefault(member, i)
    return CatalogueIndex(
        exercises=exercises,
        chains=chains,
        chain_of=chain_of,
        position=position,
        level={slug: min_level(ex) for slug, ex in exercises.items()},
    )
