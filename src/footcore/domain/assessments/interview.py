"""The questions of the interactive battery and how a typed answer becomes a value.

Pure: the CLI asks the questions and shows the messages; this module says what to ask, checks
each answer (an invalid one comes back as :class:`AnswerError` naming the allowed range, so
the question can be asked again) and assembles the answers into the same mapping as an
assessment file, which ``parse_battery`` then validates as a whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from footcore.domain.assessments.definitions import (
    BALANCE_MAX_TRIES,
    FAAM_ITEMS,
    GRADES,
    PASS_FAIL,
    TESTS,
    TOE_ITEMS,
    SelfTest,
    Shape,
    ValidRange,
)
from footcore.domain.assessments.inputs import ACUTE_SIGNS, AGE_RANGE, PAIN_SIDES, PAIN_WHEN
from footcore.domain.errors import suggest
from footcore.domain.phrases import Figure, Said
from footcore.domain.vocab import PainSite, Sex

SKIP_WORDS = ("skip", "s", "-")
NA_WORDS = ("n/a", "na")

# The questions and what an answer that does not fit is told, as the command line asks them
# (shapes of :class:`~footcore.domain.phrases.Said`: ``babel.cfg`` hands them to the
# extraction). The words to type (``skip``, the options) stay as the answers take them.
TYPE_RANGE = "type %(range)s, or 'skip'"
OUT_OF_RANGE = "%(raw)s is out of range: type %(range)s, or 'skip'"
TYPE_TRIES = "type 1 to %(most)s times in seconds separated by spaces, each %(range)s, or 'skip'"
TYPE_ONE_OF = "type one of: %(options)s"
TYPE_ONE_OF_HINT = "type one of: %(options)s (did you mean '%(hint)s'?)"
TYPE_SIGNS = "type any of: %(signs)s; or press Enter for none"
TYPE_FAAM = "type 4 (no difficulty) to 0 (unable), 'n/a', or 'skip'"
AGE_NEEDED = "your age is needed: type %(range)s"
LEFT_NUMBER = "Left foot: %(what)s (%(span)s)"
RIGHT_NUMBER = "Right foot: %(what)s (%(span)s)"
LEFT_TRIES = "Left foot: seconds of each try, up to %(most)s separated by spaces (e.g. 12 20 17)"
RIGHT_TRIES = "Right foot: seconds of each try, up to %(most)s separated by spaces (e.g. 12 20 17)"
LEFT_TOE_ITEM = "Left foot, %(item)s (0-3)"
RIGHT_TOE_ITEM = "Right foot, %(item)s (0-3)"
LEFT_CHOICE = "Left foot (%(options)s)"
RIGHT_CHOICE = "Right foot (%(options)s)"
WHAT_BIG_TOE = "big toe to wall in cm"
WHAT_HEEL_RAISES = "heel raises completed"
WHAT_DROP = "drop in mm"
WHAT_LENGTH = "length in mm"
WHAT_ARCH = "arch height in mm"
TOE_SPREAD = "spread"
TOE_BIG_LIFT = "big toe lift"
TOE_SMALL_LIFT = "small toe lift"
PAIN_SCORE = "Pain at your chosen moment, 0 (none) to 10 (worst imaginable)"
PAIN_WHERE = "Where (%(sites)s; Enter for none)"
PAIN_WHEN_ASKED = "When (%(whens)s; Enter to leave out)"
PAIN_SIDE = "Which side (%(sides)s; Enter to leave out)"
PAIN_SIGNS = (
    "Any of: swelling, bruising, cannot_bear_weight, sudden_onset? (list them, or Enter for none)"
)
FAAM_ITEM = "%(subscale)s %(n)s/%(of)s: %(item)s (4-0 or n/a)"


class AnswerError(ValueError):
    """A typed answer that does not fit; the message names what is allowed."""


class Skip(Exception):
    """The person typed ``skip``: leave this group of questions out."""


@dataclass(frozen=True)
class Question:
    """One prompt. ``path`` is where the answer goes in the assessment mapping.

    A question in ``group`` that is skipped drops the whole group (a side, a FAAM subscale,
    the pain entry). An ``optional`` question takes an empty answer as "no answer".
    """

    path: tuple[str, ...]
    prompt: Said
    parse: Callable[[str], object]
    group: str
    optional: bool = False


@dataclass(frozen=True)
class QuestionSet:
    test: SelfTest
    questions: tuple[Question, ...] = field(default=())


def _is_skip(text: str) -> bool:
    return text.strip().lower() in SKIP_WORDS


def number_answer(rng: ValidRange) -> Callable[[str], float | int]:
    def parse(text: str) -> float | int:
        raw = text.strip().replace(",", ".")
        if _is_skip(raw):
            raise Skip
        try:
            value = float(raw)
        except ValueError:
            raise AnswerError(Said.of(TYPE_RANGE, range=rng.described())) from None
        if math.isnan(value) or not rng.contains(value):
            raise AnswerError(Said.of(OUT_OF_RANGE, raw=raw, range=rng.described()))
        return int(value) if rng.whole or value.is_integer() else value

    return parse


def tries_answer(rng: ValidRange) -> Callable[[str], list[float | int]]:
    one = number_answer(rng)

    def parse(text: str) -> list[float | int]:
        if _is_skip(text):
            raise Skip
        parts = text.replace(";", " ").split()
        if not 1 <= len(parts) <= BALANCE_MAX_TRIES:
            raise AnswerError(Said.of(TYPE_TRIES, most=BALANCE_MAX_TRIES, range=rng.described()))
        return [one(p) for p in parts]

    return parse


def choice_answer(options: Iterable[str], *, optional: bool = False) -> Callable[[str], str | None]:
    allowed = tuple(options)

    def parse(text: str) -> str | None:
        key = text.strip().lower()
        if _is_skip(key):
            raise Skip
        if not key and optional:
            return None
        if key in allowed:
            return key
        starts = [o for o in allowed if key and o.startswith(key)]
        if len(starts) == 1:
            return starts[0]
        hint = suggest(key, allowed)
        if hint:
            raise AnswerError(Said.of(TYPE_ONE_OF_HINT, options=", ".join(allowed), hint=hint[0]))
        raise AnswerError(Said.of(TYPE_ONE_OF, options=", ".join(allowed)))

    return parse


def signs_answer(text: str) -> list[str]:
    """Acute signs as a comma- or space-separated list; empty means none."""
    words = [w.strip().lower().replace(" ", "_") for w in text.replace(",", " ").split()]
    signs: list[str] = []
    for word in words:
        if word in ("none", "no"):
            continue
        match = [s for s in ACUTE_SIGNS if s == word or s.startswith(word)]
        if len(match) != 1:
            raise AnswerError(Said.of(TYPE_SIGNS, signs=", ".join(ACUTE_SIGNS)))
        signs.append(match[0])
    return signs


def faam_item_answer(text: str) -> int | None:
    key = text.strip().lower()
    if key in NA_WORDS:
        return None
    if _is_skip(key):
        raise Skip
    if key in ("0", "1", "2", "3", "4"):
        return int(key)
    raise AnswerError(Said.of(TYPE_FAAM))


def age_answer(text: str) -> int:
    try:
        value = number_answer(AGE_RANGE)(text)
    except (Skip, AnswerError):
        raise AnswerError(Said.of(AGE_NEEDED, range=AGE_RANGE.described())) from None
    return int(value)


def sex_answer(text: str) -> str:
    try:
        got = choice_answer(Sex.slugs())(text)
    except Skip:
        got = None
    if got is None:
        raise AnswerError(Said.of(TYPE_ONE_OF, options=", ".join(Sex.slugs())))
    return got


_NUMBER = {"left": LEFT_NUMBER, "right": RIGHT_NUMBER}
_TRIES = {"left": LEFT_TRIES, "right": RIGHT_TRIES}
_TOE_ITEM = {"left": LEFT_TOE_ITEM, "right": RIGHT_TOE_ITEM}
_CHOICE = {"left": LEFT_CHOICE, "right": RIGHT_CHOICE}
_WHAT = {
    "knee_to_wall_cm": WHAT_BIG_TOE,
    "heel_raise_reps": WHAT_HEEL_RAISES,
    "navicular_drop_mm": WHAT_DROP,
    "foot_length_mm": WHAT_LENGTH,
    "arch_height_mm": WHAT_ARCH,
}
_TOE_WORDS = {"spread": TOE_SPREAD, "big_toe_lift": TOE_BIG_LIFT, "small_toe_lift": TOE_SMALL_LIFT}


def _what(test: SelfTest) -> Said | str:
    """What a number question asks for (``big toe to wall in cm``; else the unit)."""
    what = _WHAT.get(test.id) or test.unit
    return Said.of(what) if what else ""


def _span(rng: ValidRange) -> Figure:
    return Figure(f"{rng.low:g}-{rng.high:g}")


def _number_questions(test: SelfTest) -> list[Question]:
    """One number per side, within the test's valid range."""
    return [
        Question(
            (test.id, side),
            Said.of(_NUMBER[side], what=_what(test), span=_span(test.valid)),
            number_answer(test.valid),
            side,
        )
        for side in test.sides
    ]


def _tries_questions(test: SelfTest) -> list[Question]:
    """The seconds of each try, per side."""
    return [
        Question(
            (test.id, side),
            Said.of(_TRIES[side], most=BALANCE_MAX_TRIES),
            tries_answer(test.valid),
            side,
        )
        for side in test.sides
    ]


def _toe_item_questions(test: SelfTest) -> list[Question]:
    """A 0-3 score for each toe item, side by side."""
    return [
        Question(
            (test.id, side, item),
            Said.of(_TOE_ITEM[side], item=Said.of(_TOE_WORDS.get(item, item.replace("_", " ")))),
            number_answer(test.valid),
            side,
        )
        for side in test.sides
        for item in TOE_ITEMS
    ]


def _choice_questions(test: SelfTest) -> list[Question]:
    """A grade, or pass or fail, per side."""
    options = GRADES if test.shape is Shape.GRADE else PASS_FAIL[::-1]
    return [
        Question(
            (test.id, side),
            Said.of(_CHOICE[side], options=" / ".join(options)),
            choice_answer(options),
            side,
        )
        for side in test.sides
    ]


def _pain_questions(test: SelfTest) -> list[Question]:
    """The pain score, then where, when and which side it hurts and any red-flag signs."""
    return [
        Question(
            (test.id, "nrs"),
            Said.of(PAIN_SCORE),
            number_answer(test.valid),
            "pain",
        ),
        Question(
            (test.id, "site"),
            Said.of(PAIN_WHERE, sites=", ".join(PainSite.slugs())),
            choice_answer(PainSite.slugs(), optional=True),
            "pain",
            optional=True,
        ),
        Question(
            (test.id, "when"),
            Said.of(PAIN_WHEN_ASKED, whens=", ".join(PAIN_WHEN)),
            choice_answer(PAIN_WHEN, optional=True),
            "pain",
            optional=True,
        ),
        Question(
            (test.id, "side"),
            Said.of(PAIN_SIDE, sides=", ".join(PAIN_SIDES)),
            choice_answer(PAIN_SIDES, optional=True),
            "pain",
            optional=True,
        ),
        Question(
            (test.id, "signs"),
            Said.of(PAIN_SIGNS),
            signs_answer,
            "pain",
            optional=True,
        ),
    ]


def _faam_questions(test: SelfTest) -> list[Question]:
    """Every FAAM item, the ADL subscale first, then Sports."""
    return [
        Question(
            (test.id, subscale, str(i)),
            Said.of(
                FAAM_ITEM,
                subscale=Said.of("ADL" if subscale == "adl" else "Sports"),
                n=i + 1,
                of=len(labels),
                item=label,
            ),
            faam_item_answer,
            subscale,
        )
        for subscale, labels in FAAM_ITEMS.items()
        for i, label in enumerate(labels)
    ]


_QUESTIONS_BY_SHAPE: Mapping[Shape, Callable[[SelfTest], list[Question]]] = {
    Shape.NUMBER: _number_questions,
    Shape.TRIES: _tries_questions,
    Shape.TOE_ITEMS: _toe_item_questions,
    Shape.GRADE: _choice_questions,
    Shape.PASS_FAIL: _choice_questions,
    Shape.PAIN: _pain_questions,
    Shape.FAAM: _faam_questions,
}


def questions_for(test: SelfTest) -> QuestionSet:
    """The prompts for one test, in the order they are asked."""
    questions = _QUESTIONS_BY_SHAPE.get(test.shape)
    return QuestionSet(test, tuple(questions(test) if questions else ()))


def battery_questions() -> tuple[QuestionSet, ...]:
    """Every test's questions, in catalogue order."""
    return tuple(questions_for(t) for t in TESTS.values())


def add_group(results: dict[str, object], answers: Mapping[tuple[str, ...], object]) -> None:
    """Put one completed group of answers into the ``results`` mapping of an assessment."""
    for path, value in answers.items():
        test_id, *rest = path
        if test_id == "faam":
            subscale, index = rest
            faam = results.setdefault("faam", {})
            assert isinstance(faam, dict)
            items = faam.setdefault(subscale, [None] * len(FAAM_ITEMS[subscale]))
            items[int(index)] = value
            continue
        if test_id == "pain_nrs" and rest == ["signs"]:
            pain = results.setdefault("pain_nrs", {})
            assert isinstance(pain, dict)
            assert isinstance(value, list)
            for sign in value:
                pain[sign] = True
            continue
        if value is None:
            continue
        node = results.setdefault(test_id, {})
        assert isinstance(node, dict)
        for key in rest[:-1]:
            node = node.setdefault(key, {})
        node[rest[-1]] = value


__all__ = [
    "AnswerError",
    "Question",
    "QuestionSet",
    "Skip",
    "add_group",
    "age_answer",
    "battery_questions",
    "choice_answer",
    "faam_item_answer",
    "number_answer",
    "questions_for",
    "sex_answer",
    "signs_answer",
    "tries_answer",
]
