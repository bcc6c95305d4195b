"""Sentences the domain writes in English and a translation layer can write again.

The domain imports nothing but the standard library, so it cannot translate. Where it
writes a sentence a person reads (the class sheet's rules, say), it keeps the sentence as
a :class:`Said`: a ``str`` that is the English exactly as it was always written, and that
also keeps its shape with named placeholders (``"no heavy load after a %(run)s run"``) and
the values that fill it. The CLI, the API and the JSON exports keep the English; the web and
the other edges translate the shape (a message of the gettext catalogue: ``babel.cfg`` extracts the
module-level shapes by name) and each value in their own way - a nested sentence, a kind
of run, an exercise's name in the language, an equipment word.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TypeAlias


class Named(str):
    """An exercise named in a sentence: its English name (the string itself) and its slug,
    for its name in another language."""

    slug: str

    def __new__(cls, slug: str, name: str) -> Named:
        self = super().__new__(cls, name)
        self.slug = slug
        return self


class Listed(str):
    """Words joined with ", " (the string itself), each kept to be translated on its own."""

    items: tuple[object, ...]

    def __new__(cls, items: tuple[object, ...]) -> Listed:
        self = super().__new__(cls, ", ".join(str(i) for i in items))
        self.items = tuple(items)
        return self


class Figure(str):
    """A number with decimals as English writes it (the string itself: ``"4.5"``,
    ``"0.50"``), said again with the language's decimal mark (``"4,5"``)."""


class Day(str):
    """A day as English writes it in a sentence (the string itself: ``"7 Dec"``), kept as
    its date, said again the language's way (``"7 dic"``)."""

    date: dt.date

    def __new__(cls, date: dt.date) -> Day:
        self = super().__new__(cls, f"{date.day} {date:%b}")
        self.date = date
        return self


#: What fills a placeholder: a word kept as it is (a person's name, a whole number), a
#: number with decimals, a day, a term of the vocabulary, an exercise, a list, or a sentence
#: of its own.
Value: TypeAlias = "str | int | Figure | Day | Enum | Named | Listed | Said"


class Said(str):
    """An English sentence (the string itself) kept as its shape and values, so that an edge
    can say it again in another language."""

    shape: str
    values: tuple[tuple[str, Value], ...]
    context: str | None  # tells the shape apart from the same English elsewhere

    def __new__(
        cls,
        shape: str,
        values: tuple[tuple[str, Value], ...] = (),
        context: str | None = None,
    ) -> Said:
        english = shape % {name: str(value) for name, value in values} if values else shape
        self = super().__new__(cls, english)
        self.shape = shape
        self.values = tuple(values)
        self.context = context
        return self

    @classmethod
    def of(cls, shape: str, **values: Value) -> Said:
        return cls(shape, tuple(values.items()))

    @classmethod
    def in_context(cls, context: str, shape: str, **values: Value) -> Said:
        """A sentence whose shape is the same English as another's with other words in
        another language (an exercise "done", a session "done")."""
        return cls(shape, tuple(values.items()), context)


__all__ = ["Day", "Figure", "Listed", "Named", "Said", "Value"]
