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
``Dose``, a stored plan item, a planner ``PlanItem``, a player item); :func:`item_dose_text`
writes such an item's dose, its added load included (the terminal's plan day and player use
it as it is: no adapter keeps a dose wrapper of its own). :func:`why_text` is a
plan item's reason without the planning rule ids it ends with (those are for
``check_plan`` and docs/planner.md, not for people); :func:`rule_titles` names those rules in
words. :func:`count` writes ``1 exercise`` / ``3 exercises``; :func:`result_text` a self-test
result (``3 out of 10``, never ``3 0-10``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from footcore.domain.exercise import Dose, Tempo


def count(n: int, word: str, plural: str | None = None) -> str:
    """``1 exercise``, ``2 exercises``, ``0 sessions`` (thousands grouped)."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _english_number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class DoseWords:
    """The words :func:`dose_text` puts around the numbers, English unless another
    language's are given (the web pages pass their language's, from its gettext catalogue).
    Each is a ``str.format`` template; ``number`` writes a number the language's way, ``load``
    a plan item's added load (a message of the planning data)."""

    steps_a_day: str = "{n} steps a day"
    one_rep: str = "{n} rep"
    reps: str = "{n} reps"
    sets_of: str = "{sets} x {work}"
    hold: str = "{time} hold"
    and_hold: str = ", {time} hold"
    each_rep: str = ", each rep {tempo}"
    tempo: str = "{up} up, {down} down"
    tempo_hold: str = "{up} up, {hold} hold, {down} down"
    each_foot: str = ", each foot"
    with_load: str = ", with {load}"
    rest: str = "; rest {time} between sets"
    number: Callable[[float], str] = _english_number
    # what a plan item adds ("a weight (dumbbells, or a loaded backpack) heavy enough...")
    load: Callable[[str], str] = str


ENGLISH = DoseWords()


def _seconds(value: float, words: DoseWords = ENGLISH) -> str:
    if value >= 120 and value % 60 == 0:
        return f"{words.number(value / 60)} min"
    return f"{words.number(value)} s"


def _tempo_text(tempo: Tempo, words: DoseWords) -> str:
    up, down = _seconds(tempo.up_s, words), _seconds(tempo.down_s, words)
    if tempo.hold_s:
        return words.tempo_hold.format(up=up, hold=_seconds(tempo.hold_s, words), down=down)
    return words.tempo.format(up=up, down=down)


def dose_text(
    dose: Dose,
    *,
    added_load: str | None = None,
    rest: bool = False,
    words: DoseWords = ENGLISH,
) -> str:
    """The dose in short words, the same everywhere (see the module text); ``words`` gives
    another language's."""
    if dose.steps is not None:
        return words.steps_a_day.format(n=words.number(dose.steps))
    sets = max(1, dose.sets)
    if dose.duration_s is not None:
        work = _seconds(dose.duration_s, words)
        text = work if sets == 1 else words.sets_of.format(sets=sets, work=work)
    elif dose.hold_s and (dose.reps or 1) == 1:
        hold = words.hold.format(time=_seconds(dose.hold_s, words))
        text = hold if sets == 1 else words.sets_of.format(sets=sets, work=hold)
    else:
        reps = dose.reps or 1
        if sets > 1:
            text = words.sets_of.format(sets=sets, work=reps)
        else:
            text = (words.one_rep if reps == 1 else words.reps).format(n=words.number(reps))
        if dose.tempo is not None:
            text += words.each_rep.format(tempo=_tempo_text(dose.tempo, words))
        elif dose.hold_s:
            text += words.and_hold.format(time=_seconds(dose.hold_s, words))
    if dose.per_side:
        text += words.each_foot
    if added_load:
        text += words.with_load.format(load=words.load(added_load))
    if rest and dose.rest_s and sets > 1:
        text += words.rest.format(time=_seconds(dose.rest_s, words))
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


def item_dose_text(item: Any, *, rest: bool = False, words: DoseWords = ENGLISH) -> str:
    """:func:`dose_text` of anything :func:`dose_of` reads, with its added load if any."""
    if isinstance(item, Mapping):
        added = item.get("added_load")
    else:
        added = getattr(item, "added_load", None)
    return dose_text(dose_of(item), added_load=added, rest=rest, words=words)


_RULES_TAIL = "Rules:"


def why_text(why: str) -> str:
    """A plan item's reason as people read it: without the rule ids at its end."""
    text = why.rsplit(_RULES_TAIL, 1)[0] if _RULES_TAIL in why else why
    return text.strip()


def rule_titles(rule_ids: Iterable[str]) -> list[str]:
    """The planning rules' titles for their ids (an unknown id is left out)."""
    # Deferred: not loaded by `footcore exercises` or the CLI's help (measured).
    from footcore.domain.planning.rules import RULES  # noqa: PLC0415

    return [RULES[r].title for r in dict.fromkeys(rule_ids) if r in RULES]


def result_text(value: float, test_id: str) -> str:
    """A self-test result in words: ``9.5 cm``, ``3 out of 10``, ``good``, ``pass``,
    ``7 points of 9``, ``62%`` (never a bare scale such as ``3 0-10``)."""
    # Deferred: not loaded by `footcore exercises` or the CLI's help (measured).
    from footcore.domain.assessments import TESTS  # noqa: PLC0415

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
