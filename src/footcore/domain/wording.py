"""How footcore words things for people, in one place: doses, counts, reasons.

:func:`dose_text` is THE dose formatter: the web pages, the terminal, the PDF handout, the
calendar, the CSV export, the class sheet and the catalogue all write a dose with it, so a
dose reads the same everywhere:

- ``2 x 8, 5 s hold, each foot`` (sets x reps; a hold per rep);
- ``12 reps, each foot`` (one set says the reps; never ``1 x 12``);
- ``3 x 20 s hold, each foot`` (single held stretches: sets of one hold);
- ``60 s, each foot``, ``2 x 45 s`` (timed work);
- ``3 x 15, each rep 3 s up, 2 s hold, 3 s down`` (a tempo);
- ``2,500 steps a day`` (walking);
- with ``rest=True`` the rest between sets follows (exercise cards): ``...; rest 60 s
  between sets``.

:func:`dose_of` reads a dose from any of the forms footcore keeps one in (a catalogue
``Dose``, a stored plan item, a planner ``PlanItem``, a player item). :func:`why_text` is a
plan item's reason without the planning rule ids it ends with (those are for
``check_plan`` and docs/planner.md, not for people); :func:`rule_titles` names those rules in
words. :func:`count` writes ``1 exercise`` / ``3 exercises``; :func:`result_text` a self-test
result (``3 out of 10``, never ``3 0-10``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from footcore.domain.exercise import Dose, Tempo


def count(n: int, word: str, plural: str | None = None) -> str:
    """``1 exercise``, ``2 exercises``, ``0 sessions`` (thousands grouped)."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _seconds(value: float) -> str:
    if value >= 120 and value % 60 == 0:
        return f"{value / 60:g} min"
    return f"{value:g} s"


def dose_text(dose: Dose, *, added_load: str | None = None, rest: bool = False) -> str:
    """The dose in short words, the same everywhere (see the module text)."""
    if dose.steps is not None:
        return f"{count(dose.steps, 'step')} a day"
    sets = max(1, dose.sets)
    if dose.duration_s is not None:
        work = _seconds(dose.duration_s)
        text = work if sets == 1 else f"{sets} x {work}"
    elif dose.hold_s and (dose.reps or 1) == 1:
        hold = f"{_seconds(dose.hold_s)} hold"
        text = hold if sets == 1 else f"{sets} x {hold}"
    else:
        reps = dose.reps or 1
        text = count(reps, "rep") if sets == 1 else f"{sets} x {reps}"
        if dose.tempo is not None:
            text += f", each rep {dose.tempo}"
        elif dose.hold_s:
            text += f", {_seconds(dose.hold_s)} hold"
    if dose.per_side:
        text += ", each foot"
    if added_load:
        text += f", with {added_load}"
    if rest and dose.rest_s and sets > 1:
        text += f"; rest {_seconds(dose.rest_s)} between sets"
    return text


def _opt_int(value: Any) -> int | None:
    return None if value is None else round(float(value))


def _tempo(value: Any) -> Tempo | None:
    if value is None or isinstance(value, Tempo):
        return value
    if isinstance(value, Mapping):
        return Tempo(float(value["up_s"]), float(value["hold_s"]), float(value["down_s"]))
    return None


def dose_of(item: Any) -> Dose:
    """The dose of a catalogue ``Dose``, a stored plan item (a mapping), a planner
    ``PlanItem`` or a player item: anything with sets, reps, hold_s, duration_s, per_side
    (and optionally rest_s, tempo, steps)."""
    if isinstance(item, Dose):
        return item

    def get(name: str) -> Any:
        if isinstance(item, Mapping):
            return item.get(name)
        return getattr(item, name, None)

    return Dose(
        sets=int(get("sets") or 1),
        reps=_opt_int(get("reps")),
        hold_s=_opt_int(get("hold_s")),
        duration_s=_opt_int(get("duration_s")),
        per_side=bool(get("per_side")),
        rest_s=int(get("rest_s") or 0),
        tempo=_tempo(get("tempo")),
        steps=_opt_int(get("steps")),
    )


def item_dose_text(item: Any, *, rest: bool = False) -> str:
    """:func:`dose_text` of anything :func:`dose_of` reads, with its added load if any."""
    if isinstance(item, Mapping):
        added = item.get("added_load")
    else:
        added = getattr(item, "added_load", None)
    return dose_text(dose_of(item), added_load=added, rest=rest)


_RULES_TAIL = "Rules:"


def why_text(why: str) -> str:
    """A plan item's reason as people read it: without the rule ids at its end."""
    text = why.rsplit(_RULES_TAIL, 1)[0] if _RULES_TAIL in why else why
    return text.strip()


def rule_titles(rule_ids: Iterable[str]) -> list[str]:
    """The planning rules' titles for their ids (an unknown id is left out)."""
    from footcore.domain.planning.rules import RULES

    return [RULES[r].title for r in dict.fromkeys(rule_ids) if r in RULES]


def result_text(value: float, test_id: str) -> str:
    """A self-test result in words: ``9.5 cm``, ``3 out of 10``, ``good``, ``pass``,
    ``7 points of 9``, ``62%`` (never a bare scale such as ``3 0-10``)."""
    from footcore.domain.assessments import TESTS

    test = TESTS.get(test_id)
    if test is None:
        return f"{value:g}"
    shape = test.shape.value
    words = {"grade": ("poor", "fair", "good"), "pass-fail": ("fail", "pass")}.get(shape)
    if words is not None:
        index = round(value)
        return words[index] if 0 <= index < len(words) else f"{value:g}"
    if shape == "pain":
        return f"{value:g} out of 10"
    if shape == "toe-items":
        return f"{value:g} points of 9"
    if test.unit == "%":
        return f"{value:g}%"
    return f"{value:g} {test.unit}"
