"""Words the formatters of the domain take, in the current language.

The domain's formatters write English by default and take their words as a parameter
(``footcore.domain.wording.DoseWords``); here are those words through the translation layer,
for every place that shows a dose: the web pages, the calendar, the PDF handouts.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol

from footcore import i18n
from footcore.domain.labels import label as english_label
from footcore.domain.languages import SOURCE
from footcore.domain.phrases import Day, Figure, Listed, Named, Said
from footcore.domain.vocab import RunKind
from footcore.domain.wording import ENGLISH, DoseWords


def dose_words() -> DoseWords:
    """The dose formatter's words in the current language."""
    if i18n.current() == SOURCE:
        return ENGLISH
    _ = i18n.gettext
    return DoseWords(
        steps_a_day=_("{n} steps a day"),
        one_rep=_("{n} rep"),
        reps=_("{n} reps"),
        sets_of=_("{sets} x {work}"),
        hold=_("{time} hold"),
        and_hold=_(", {time} hold"),
        each_rep=_(", each rep {tempo}"),
        tempo=_("{up} up, {down} down"),
        tempo_hold=_("{up} up, {hold} hold, {down} down"),
        each_foot=_(", each foot"),
        with_load=_(", with {load}"),
        rest=_("; rest {time} between sets"),
        number=lambda value: format_decimal(value, locale=i18n.current()),
        load=i18n.gettext,  # the planning data's added loads are messages (extract_planning)
    )


def run_kind_word(kind: RunKind) -> str:
    """A kind of run as the word that fills "after a %(run)s run" in the current language
    (in Spanish the adjective after "carrera": "larga", "intensa")."""
    words = {
        RunKind.EASY: i18n.pgettext("a ... run", "easy"),
        RunKind.LONG: i18n.pgettext("a ... run", "long"),
        RunKind.HARD: i18n.pgettext("a ... run", "hard"),
    }
    return words.get(kind, str(kind))


def _exercise_name(named: Named) -> str:
    return str(named)


def said(text: object, name_of: Callable[[Named], str] = _exercise_name) -> str:
    """A sentence of the domain (:class:`footcore.domain.phrases.Said`) in the current
    language: its shape through the catalogue, each value in its own way (a kind of run as
    its word, a term of the vocabulary as its label, an exercise through ``name_of``, a list
    item by item, a number with the language's decimal mark, a day the language's way, a
    sentence again); any other text as it is. English gives the sentence
    back unchanged."""
    if i18n.current() == SOURCE or not isinstance(text, str):
        return str(text) if text is not None else ""
    return _said(text, name_of)


def _said(value: object, name_of: Callable[[Named], str]) -> str:
    if isinstance(value, Said):
        if value.context is not None:
            shape = i18n.pgettext(value.context, value.shape)
        else:
            shape = i18n.gettext(value.shape)
        if not value.values:
            return shape
        return shape % {name: _said(v, name_of) for name, v in value.values}
    if isinstance(value, Named):
        return name_of(value)
    if isinstance(value, Listed):
        return ", ".join(_said(item, name_of) for item in value.items)
    if isinstance(value, Figure):  # "4.5" -> "4,5"
        return value.replace(".", get_decimal_symbol(i18n.current()))
    if isinstance(value, Day):  # "7 Dec" -> "7 dic"
        return str(format_date(value.date, "d MMM", locale=i18n.current()))
    if isinstance(value, RunKind):
        return run_kind_word(value)
    if isinstance(value, Enum):  # a term inside a sentence: "sin banda elástica"
        word = i18n.gettext(english_label(value))
        return word[:1].lower() + word[1:]
    return str(value)


__all__ = ["dose_words", "run_kind_word", "said"]
