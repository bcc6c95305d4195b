"""Exercises as plain data and as words: the one conversion the CLI and the web API share.

``exercise_to_dict`` is the ``footcore exercises --json`` contract (DESIGN.md section 3);
``dose_summary`` and ``dose_in_words`` turn a dose into text for tables and cards.
"""

from __future__ import annotations

from typing import Any

from footcore.domain.exercise import Dose, Exercise, Source, Tempo


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
        "dose_summary": dose_summary(ex.dose),
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


def _tempo_short(t: Tempo) -> str:
    return f"{_num(t.up_s)}-{_num(t.hold_s)}-{_num(t.down_s)}"


def dose_summary(dose: Dose) -> str:
    """A short dose for tables: ``2×8, 5 s hold, each side``."""
    if dose.steps is not None:
        return f"{dose.steps:,} steps a day"
    if dose.duration_s is not None:
        text = f"{dose.sets}×{dose.duration_s} s"
    elif dose.reps == 1 and dose.hold_s is not None:
        text = f"{dose.sets}×{dose.hold_s} s hold"
    else:
        text = f"{dose.sets}×{dose.reps}"
        if dose.tempo is not None:
            text += f", tempo {_tempo_short(dose.tempo)}"
        elif dose.hold_s is not None:
            text += f", {dose.hold_s} s hold"
    if dose.per_side:
        text += ", each side"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _duration(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def dose_in_words(dose: Dose) -> str:
    """The dose as a sentence: ``2 sets of 8 reps, holding each 5 s, on each side; ...``."""
    side = " on each side" if dose.per_side else ""
    if dose.steps is not None:
        return f"{dose.steps:,} steps a day, spread through the day."
    if dose.duration_s is not None:
        what = f"{_plural(dose.sets, 'set')} of {dose.duration_s} s{side}"
    elif dose.reps == 1 and dose.hold_s is not None:
        what = f"{_plural(dose.sets, 'hold')} of {dose.hold_s} s{side}"
    elif dose.sets == 1 and dose.hold_s is not None and dose.reps is not None:
        what = f"{_plural(dose.reps, 'hold')} of {dose.hold_s} s{side}"
    else:
        reps = dose.reps or 0
        what = f"{_plural(dose.sets, 'set')} of {_plural(reps, 'rep')}{side}"
        if dose.tempo is not None:
            what += f"; each rep {dose.tempo}"
        elif dose.hold_s is not None:
            what += f", holding each {dose.hold_s} s"
    if dose.rest_s and dose.sets > 1:
        what += f"; rest {_duration(dose.rest_s)} between sets"
    return what + "."
