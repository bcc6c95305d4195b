"""Per-catalogue lookups the planner and the checker need, computed once per catalogue."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.planning.levels import min_level
from footcore.domain.vocab import Category, Slot, Target


@dataclass(frozen=True)
class CatalogueIndex:
    exercises: dict[str, Exercise]
    # chain id (root slug) -> members, easiest first; stand-alone exercises are chains of one
    chains: dict[str, tuple[str, ...]]
    chain_of: dict[str, str]  # slug -> chain id
    position: dict[str, int]  # slug -> index in its chain
    level: dict[str, int]  # slug -> level that unlocks it
    # slug -> the kind of protocol work it does ("calf-raises"): every exercise a protocol
    # item of that kind names, with the rest of its chain (rule `calf-once`)
    work_of: dict[str, str]
    works: dict[str, frozenset[str]]  # the kind of protocol work -> the exercises doing it
    # strength work for the calf and Achilles of any kind (raises, band, seated): what a
    # tendon's day between its sessions leaves out
    calf_strength: frozenset[str] = frozenset()
    # (category, target) -> per chain, its steps of that category (and target); filled on
    # first use, for every plan made with this catalogue
    _matching: dict[tuple[Category, Target | None], dict[str, frozenset[int]]] = field(
        default_factory=dict
    )

    def chain_members(self, slug: str) -> tuple[str, ...]:
        return self.chains[self.chain_of[slug]]

    def highest_passed(self, slug: str, top: int, slots: frozenset[Slot]) -> int:
        """The highest step done (``top``) of ``slug``'s chain, counting as passed the steps
        after it, below ``slug``, that none of the person's moments (``slots``) suits: a
        step no one of their moments can hold (heel-to-toe walking for someone whose
        moments are while brushing teeth and the TV) does not hold the next one back."""
        members = self.chains[self.chain_of[slug]]
        pos = self.position[slug]
        while top + 1 < pos and not set(self.exercises[members[top + 1]].slots) & slots:
            top += 1
        return top

    def matching_steps(
        self, category: Category, target: Target | None
    ) -> dict[str, frozenset[int]]:
        """Per chain, in chain order, the steps whose exercise is of the category and, if
        given, works the target (only chains that hold one)."""
        key = (category, target)
        found = self._matching.get(key)
        if found is None:
            found = self._matching[key] = {
                chain: steps
                for chain, members in self.chains.items()
                if (
                    steps := frozenset(
                        i
                        for i, m in enumerate(members)
                        if (ex := self.exercises[m]).category is category
                        and (target is None or target in ex.targets)
                    )
                )
            }
        return found


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
    work_of = _work_of(catalogue, chains, chain_of)
    return CatalogueIndex(
        exercises=exercises,
        chains=chains,
        chain_of=chain_of,
        position=position,
        level={slug: min_level(ex) for slug, ex in exercises.items()},
        work_of=work_of,
        works={
            work: frozenset(s for s, w in work_of.items() if w == work)
            for work in set(work_of.values())
        },
        calf_strength=frozenset(
            slug
            for slug, ex in exercises.items()
            if ex.category in (Category.STRENGTHEN, Category.GAIT)
            and Target.ACHILLES_CALF in ex.targets
        ),
    )


def _work_of(
    catalogue: Catalogue, chains: dict[str, tuple[str, ...]], chain_of: dict[str, str]
) -> dict[str, str]:
    """Which kind of protocol work each exercise does: a protocol item's ``work`` names it
    for the item's exercises, and a chain does one kind of work all along (a supported heel
    raise and a loaded one on a step are both calf raises)."""
    out: dict[str, str] = {}
    planning = getattr(catalogue, "planning", None)
    for protocol in getattr(planning, "protocols", ()):
        for item in protocol.all_items:
            if not item.work:
                continue
            for stage in item.all_stages:
                for name in stage.names:
                    if name in chain_of:
                        out.update(dict.fromkeys(chains[chain_of[name]], item.work))
    return out
