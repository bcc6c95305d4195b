"""Exercises as plain data and as words: the one conversion the CLI and the web API share.

``exercise_to_dict`` is the ``footcore exercises --json`` contract (DESIGN.md section 3); its
``dose_summary`` is the dose in words of the one formatter, ``footcore.domain.wording``.
"""

from __future__ import annotations

from typing import Any

from footcore.domain.exercise import Dose, Exercise, Source, Tempo
from footcore.domain.wording import dose_text


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def tempo_to_dict(tempo: Tempo | None) -> dict[str, int | float] | None:
    if tempo is None:
        return None
    return {"up_s": _num(tempo.up_s), "hold_s": _num(tempo.hold_s), "down_s": _num(tempo.down_s)}


def dose_to_dict(dose: Dose) -> dict[str, Any]:
    return {
        "sets": dose.sets,
        "reps": dose.reps,
        "hold_s": dose.hold_s,
        "duration_s": dose.duration_s,
        "per_side": dose.per_side,
        "rest_s": dose.rest_s,
        "tempo": tempo_to_dict(dose.tempo),
        "steps": dose.steps,
    }


def exercise_to_dict(ex: Exercise) -> dict[str, Any]:
    """Every field of an exercise as JSON-ready data (vocabulary terms as their slugs)."""
    return {
        "slug": ex.slug,
        "name": ex.name,
        "category": str(ex.category),
        "description": ex.description,
        "position": str(ex.position),
        "equipment": [str(e) for e in ex.equipment],
        "substitutes": {str(k): v for k, v in ex.substitutes.items()},
        "slots": [str(s) for s in ex.slots],
        "targets": [str(t) for t in ex.targets],
        "goals": [str(g) for g in ex.goals],
        "load": str(ex.load),
        "stretch_depth": None if ex.stretch_depth is None else str(ex.stretch_depth),
        "cramp_risk": ex.cramp_risk,
        "dose": dose_to_dict(ex.dose),
        "dose_summary": dose_text(ex.dose),
        "cues": list(ex.cues),
        "faults": list(ex.faults),
        "cautions": list(ex.cautions),
        "progressions": list(ex.progressions),
        "regressions": list(ex.regressions),
        "sources": list(ex.sources),
        "origin": ex.origin,
    }


def source_to_dict(source: Source) -> dict[str, str]:
    return {"id": source.id, "citation": source.citation, "kind": source.kind}
