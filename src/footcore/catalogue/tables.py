"""Exercises from their catalogue tables: the files' shape and the building of an
:class:`~footcore.domain.exercise.Exercise` from a table already checked (or known good).

Shared by the loader's fast path (:mod:`footcore.catalogue.loader`) and the full check
(:mod:`footcore.catalogue.validate`), so that neither imports the other's module for them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from footcore.catalogue.demos import demo_from_table
from footcore.domain.exercise import Dose, Exercise, ExerciseText, Tempo
from footcore.domain.languages import TRANSLATED
from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    Position,
    Slot,
    StretchDepth,
    Target,
)

BUILTIN = "builtin"
TOP_LEVEL_KEYS = ("exercise", "sources")


@dataclass(frozen=True)
class CatalogueFile:
    """One file's text, with the name used in messages and the origin of its exercises."""

    name: str
    text: str
    origin: str


def with_likes(exercises: list[Exercise], likes: Mapping[str, str | None]) -> list[Exercise]:
    """Each exercise whose drawing is ``like = "SLUG"`` given that exercise's drawing."""
    drawings = {ex.slug: ex.demo for ex in exercises}
    return [
        dataclasses.replace(ex, demo=drawings.get(likes[ex.slug] or ""))
        if likes.get(ex.slug)
        else ex
        for ex in exercises
    ]


def exercise_from_table(raw: Mapping[str, Any], origin: str) -> Exercise:
    """An exercise from one ``[[exercise]]`` table (already checked, or known good)."""
    d = raw["dose"]
    tempo = d.get("tempo")
    dose = Dose(
        sets=d["sets"],
        reps=d.get("reps"),
        hold_s=d.get("hold_s"),
        duration_s=d.get("duration_s"),
        per_side=d.get("per_side", False),
        rest_s=d.get("rest_s", 0),
        tempo=Tempo(tempo["up_s"], tempo["hold_s"], tempo["down_s"]) if tempo else None,
        steps=d.get("steps"),
    )
    depth = raw.get("stretch_depth")
    return Exercise(
        slug=raw["slug"],
        name=raw["name"],
        category=Category(raw["category"]),
        description=raw["description"],
        position=Position(raw["position"]),
        equipment=tuple(Equipment(e) for e in raw.get("equipment", ())),
        slots=tuple(Slot(s) for s in raw["slots"]),
        targets=tuple(Target(t) for t in raw["targets"]),
        goals=tuple(Goal(g) for g in raw["goals"]),
        load=Load(raw["load"]),
        stretch_depth=None if depth is None else StretchDepth(depth),
        cramp_risk=raw.get("cramp_risk", False),
        dose=dose,
        cues=tuple(raw["cues"]),
        faults=tuple(raw.get("faults", ())),
        cautions=tuple(raw["cautions"]),
        progressions=tuple(raw.get("progressions", ())),
        regressions=tuple(raw.get("regressions", ())),
        sources=tuple(raw.get("sources", ())),
        substitutes=MappingProxyType(
            {Equipment(k): v for k, v in raw.get("substitutes", {}).items()}
        ),
        origin=origin,
        demo=demo_from_table(raw.get("demo")),
        texts=MappingProxyType(
            {code: text_from_table(raw[code]) for code in TRANSLATED if raw.get(code)}
        ),
    )


def text_from_table(raw: Mapping[str, Any]) -> ExerciseText:
    """An exercise's words in another language, from its ``[exercise.<code>]`` table."""
    return ExerciseText(
        name=raw["name"],
        description=raw["description"],
        cues=tuple(raw["cues"]),
        faults=tuple(raw.get("faults", ())),
        cautions=tuple(raw["cautions"]),
        substitutes=MappingProxyType(
            {Equipment(k): v for k, v in raw.get("substitutes", {}).items()}
        ),
        poses=tuple(raw.get("poses", ())),
    )
