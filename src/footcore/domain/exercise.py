"""Exercises and the catalogue that holds them: frozen, validated, pure data.

The catalogue files (TOML, in ``footcore/catalogue/data``) are parsed and validated by
``footcore.catalogue.loader``; this module only defines the shapes and the queries the rest
of footcore needs (filters, progression chains, equivalents for swapping).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from footcore.domain.errors import NotFoundError
from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    PainSite,
    Position,
    Slot,
    StretchDepth,
    Target,
)

if TYPE_CHECKING:
    # Type-only: an exercise's drawing is made by the catalogue loader, which imports the
    # module itself; showing a stored day never draws (benchmarks/findings.md).
    from footcore.domain.demonstration import Demonstration


class CataloguePlanning(Protocol):
    """The planning data a catalogue carries, as this module sees it: the planner's
    :class:`footcore.domain.planning.protocol.PlanningData` is the one kind. A Protocol here,
    so that the exercises do not import the planner (which imports them)."""

    def for_goal(self, goal: Goal, site: PainSite | None) -> object:
        """The goal's protocol for a pain site, or None."""
        ...


@dataclass(frozen=True)
class Tempo:
    """Seconds for the lifting, holding and lowering phase of one repetition."""

    up_s: float
    hold_s: float
    down_s: float

    @property
    def seconds_per_rep(self) -> float:
        return self.up_s + self.hold_s + self.down_s

    def __str__(self) -> str:
        def fmt(x: float) -> str:
            return f"{x:g}"

        hold = f", {fmt(self.hold_s)} s hold" if self.hold_s else ""
        return f"{fmt(self.up_s)} s up{hold}, {fmt(self.down_s)} s down"


@dataclass(frozen=True)
class Dose:
    """How much of an exercise one session holds.

    Exactly one of ``reps`` and ``duration_s`` describes the work of a set; ``hold_s`` is the
    hold of each rep (a stretch held 20 s is ``reps=1, hold_s=20``; five holds of 10 s are
    ``reps=5, hold_s=10``). ``per_side`` doubles the work (left, then right). ``steps`` is used
    by walking progressions (steps per day).
    """

    sets: int
    reps: int | None = None
    hold_s: int | None = None
    duration_s: int | None = None
    per_side: bool = False
    rest_s: int = 0
    tempo: Tempo | None = None
    steps: int | None = None


@dataclass(frozen=True)
class ExerciseText:
    """An exercise's words in one more language (the catalogue's ``[exercise.es]`` table):
    item for item the English ones, so that the n-th cue translates the n-th cue."""

    name: str
    description: str
    cues: tuple[str, ...]
    faults: tuple[str, ...]
    cautions: tuple[str, ...]
    substitutes: Mapping[Equipment, str] = field(default_factory=lambda: MappingProxyType({}))
    # The captions of the drawing's poses, in order (empty: the drawing keeps its English).
    poses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: str
    category: Category
    description: str
    position: Position
    equipment: tuple[Equipment, ...]
    slots: tuple[Slot, ...]
    targets: tuple[Target, ...]
    goals: tuple[Goal, ...]
    load: Load
    stretch_depth: StretchDepth | None
    cramp_risk: bool
    dose: Dose
    cues: tuple[str, ...]
    faults: tuple[str, ...]
    cautions: tuple[str, ...]
    progressions: tuple[str, ...]
    regressions: tuple[str, ...]
    sources: tuple[str, ...]
    # Equipment that may be replaced, with how to do it without ("ball": "use your thumbs").
    substitutes: Mapping[Equipment, str] = field(default_factory=lambda: MappingProxyType({}))
    # Where the exercise came from: "builtin" or the directory of a coach's own files.
    origin: str = "builtin"
    # How the exercise is drawn (its own poses, or those of the exercise it names as like).
    demo: Demonstration | None = None
    # Its words in other languages, by language code (footcore.domain.languages).
    texts: Mapping[str, ExerciseText] = field(default_factory=lambda: MappingProxyType({}))

    def in_language(self, language: str) -> Exercise:
        """The exercise with its words in ``language``; itself when it has none there."""
        text = self.texts.get(language)
        if text is None:
            return self
        demo = self.demo
        if demo is not None and text.poses and len(text.poses) == len(demo.poses):
            poses = tuple(replace(p, label=w) for p, w in zip(demo.poses, text.poses, strict=True))
            demo = replace(demo, poses=poses)
        return replace(
            self,
            name=text.name,
            description=text.description,
            cues=text.cues,
            faults=text.faults,
            cautions=text.cautions,
            substitutes=text.substitutes or self.substitutes,
            demo=demo,
        )

    @property
    def is_deep_stretch(self) -> bool:
        return self.stretch_depth is StretchDepth.DEEP

    @property
    def is_impact(self) -> bool:
        """Walking and hopping work puts impact through the foot."""
        return self.position is Position.WALKING

    @property
    def is_kneeling(self) -> bool:
        return self.position in (Position.KNEELING, Position.ALL_FOURS)

    def needs(self, available: Iterable[Equipment]) -> tuple[Equipment, ...]:
        """Equipment this exercise requires that is neither available nor substitutable."""
        have = set(available)
        return tuple(e for e in self.equipment if e not in have and e not in self.substitutes)

    def doable_with(self, available: Iterable[Equipment]) -> bool:
        return not self.needs(available)

    def substitutions_for(self, available: Iterable[Equipment]) -> dict[Equipment, str]:
        """Substitutes that apply because the equipment is missing."""
        have = set(available)
        return {e: text for e, text in self.substitutes.items() if e not in have}


@dataclass(frozen=True)
class Source:
    """A paper or article an exercise, protocol or norm comes from."""

    id: str
    citation: str
    kind: str  # "paper" | "article"


class Catalogue:
    """An immutable set of exercises with lookups and progression chains.

    ``planning`` is the planning data that goes with the exercises (the goals' protocols and
    the day's wants, :mod:`footcore.domain.planning.protocol`); None plans without protocols.
    It may be given as a function that loads it, called on first use: the built-in catalogue
    does so, because reading the protocols imports the planner and pydantic, which listing
    or showing exercises never needs (about 100 ms of a cold ``footcore exercises``,
    measured with ``-X importtime``; benchmarks/findings.md).
    """

    def __init__(
        self,
        exercises: Iterable[Exercise],
        sources: Iterable[Source] = (),
        planning: CataloguePlanning | Callable[[], CataloguePlanning | None] | None = None,
    ) -> None:
        self._by_slug: dict[str, Exercise] = {e.slug: e for e in exercises}
        self._sources: dict[str, Source] = {s.id: s for s in sources}
        self._planning = planning

    @property
    def planning(self) -> CataloguePlanning | None:
        """The planning data (loaded now if it was given as a function)."""
        found = self._planning
        if callable(found):
            found = self._planning = found()
        return found

    def __len__(self) -> int:
        return len(self._by_slug)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_slug.values())

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(self._by_slug)

    @property
    def sources(self) -> Mapping[str, Source]:
        return MappingProxyType(self._sources)

    def get(self, slug: str) -> Exercise:
        """The exercise with this slug; an unknown slug raises with close matches."""
        try:
            return self._by_slug[slug]
        except KeyError:
            raise NotFoundError("exercise", slug, self._by_slug) from None

    def filter(
        self,
        *,
        category: Category | None = None,
        slot: Slot | None = None,
        equipment: Iterable[Equipment] | None = None,
        target: Target | None = None,
        goal: Goal | None = None,
    ) -> list[Exercise]:
        """Exercises matching every given filter.

        ``equipment`` is what a person has: an exercise matches when it can be done with
        it (substitutes count).
        """
        have = None if equipment is None else tuple(equipment)
        out = []
        for ex in self._by_slug.values():
            if category is not None and ex.category is not category:
                continue
            if slot is not None and slot not in ex.slots:
                continue
            if target is not None and target not in ex.targets:
                continue
            if goal is not None and goal not in ex.goals:
                continue
            if have is not None and not ex.doable_with(have):
                continue
            out.append(ex)
        return out

    def chain_of(self, slug: str) -> tuple[str, ...]:
        """The progression chain an exercise sits in, easiest first.

        The path of first regressions back to the chain's root, then the path of first
        progressions forward from the exercise itself. For the built-in catalogue (where
        regressions mirror progressions) this is the whole chain; a coach's exercise that
        branches off a built-in chain gets the built-in steps below it and its own steps
        above. A stand-alone exercise is its own chain.
        """
        self.get(slug)
        back = self._walk(slug, lambda ex: ex.regressions)
        forward = self._walk(slug, lambda ex: ex.progressions, seen=set(back))
        return (*reversed(back), *forward[1:])

    def _walk(
        self,
        start: str,
        links: Callable[[Exercise], tuple[str, ...]],
        seen: set[str] | None = None,
    ) -> list[str]:
        """Follow the first link from ``start`` until it ends, loops or leaves the catalogue."""
        path = [start]
        visited = {start} | (seen or set())
        current = start
        while True:
            nxt = links(self._by_slug[current])
            if not nxt or nxt[0] in visited or nxt[0] not in self._by_slug:
                return path
            current = nxt[0]
            visited.add(current)
            path.append(current)

    def chain_id(self, slug: str) -> str:
        """A stable name for the chain an exercise belongs to: its easiest member."""
        return self.chain_of(slug)[0]

    def chains(self) -> dict[str, tuple[str, ...]]:
        """Every chain of two or more exercises, keyed by its root slug (the root's own
        progression path; branches added by coaches hang off it)."""
        out: dict[str, tuple[str, ...]] = {}
        for slug in self._by_slug:
            chain = self.chain_of(slug)
            if chain[0] == slug and len(chain) > 1:
                out[slug] = chain
        return out

    def equivalents(self, slug: str, available: Iterable[Equipment]) -> list[Exercise]:
        """Exercises that can stand in for this one: same category, a shared target, doable
        with the equipment at hand, not heavier. Closest first (more shared targets)."""
        ex = self.get(slug)
        have = tuple(available)
        found = [
            other
            for other in self._by_slug.values()
            if other.slug != ex.slug
            and other.category is ex.category
            and set(other.targets) & set(ex.targets)
            and other.doable_with(have)
            and other.load.rank <= ex.load.rank
        ]
        found.sort(key=lambda o: (-len(set(o.targets) & set(ex.targets)), o.slug))
        return found
