"""A Babel extraction method for the vocabulary's words (``footcore.domain.labels``).

The domain keeps its words as plain English in dictionaries (it imports nothing but the
standard library, and the CLI and the PDF read them too); the web translates each when it
shows it (``footcore.web.labels.label``). This method hands those words to the extraction,
so they are in every ``.po`` file like the marked text (``babel.cfg`` names it).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

from footcore.domain.assessments import TESTS
from footcore.domain.assessments.inputs import AGE_RANGE
from footcore.domain.labels import EQUIPMENT_HINTS, LABELS
from footcore.domain.ostrc import AREAS, INSTRUMENT_QUESTIONS


def extract_labels(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Each word of ``LABELS`` and ``EQUIPMENT_HINTS``, once (``fileobj`` is labels.py)."""
    source = fileobj.read().decode("utf-8").splitlines()
    seen: set[str] = set()
    for word in (*LABELS.values(), *EQUIPMENT_HINTS.values()):
        if word in seen:
            continue
        seen.add(word)
        quoted = f'"{word}"'
        line = next((n for n, text in enumerate(source, 1) if quoted in text), 0)
        yield line, None, word, []


#: The self-tests' words people read (``footcore.domain.assessments.TESTS``).
TEST_TEXTS = (
    "name",
    "short_name",
    "unit",
    "purpose",
    "norm_summary",
    "band_rule",
    "change_rule",
    "asymmetry_rule",
)
TEST_LISTS = ("protocol", "equipment")


def extract_self_tests(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Each self-test's name, purpose, steps, equipment, norm summary and rules, and the unit
    of the values an answer may take (the interactive battery says them), once (``fileobj``
    is the assessments package's definitions)."""
    seen: set[str] = set()
    words: list[object] = []
    for test in TESTS.values():
        words += [getattr(test, name, None) for name in TEST_TEXTS]
        words += [w for name in TEST_LISTS for w in getattr(test, name, ())]
        words.append(test.valid.unit)
    words.append(AGE_RANGE.unit)  # the age the battery asks for
    for word in words:
        if isinstance(word, str) and word and word not in seen:
            seen.add(word)
            yield 0, None, word, []


def extract_checkin(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """The weekly check-in's words (``fileobj`` is ``footcore.domain.ostrc``): each body
    area's name, each question as asked about each area (a whole sentence, so a language
    can word it in its own grammar), and each answer; then the module-level sentences
    ``options["names"]`` names, as :func:`extract_constants` reads them (what a check-in
    says to the plan)."""
    seen: set[str] = set()
    words = [str(area.label) for area in AREAS]
    words += [q.ask(area) for area in AREAS for q in INSTRUMENT_QUESTIONS]
    words += [o.text for q in INSTRUMENT_QUESTIONS for o in q.options]
    for word in words:
        if word and word not in seen:
            seen.add(word)
            yield 0, None, word, []
    yield from extract_constants(fileobj, keywords, comment_tags, options)


def extract_constants(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """The module-level texts ``options["names"]`` names (comma-separated), read from the
    file without importing it: words a lower layer keeps in plain English, shown by the web
    through its ``translate`` filter or said again (``footcore.domain.phrases``). With
    ``options["context"]``, each is a message in that context (``pgettext``)."""
    names = {n.strip() for n in str(options.get("names", "")).split(",") if n.strip()}
    context = str(options.get("context") or "") or None
    tree = ast.parse(fileobj.read().decode("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        named = any(isinstance(t, ast.Name) and t.id in names for t in targets)
        if named and isinstance(value, ast.Constant) and isinstance(value.value, str):
            if context is None:
                yield node.lineno, None, value.value, []
            else:
                yield node.lineno, "pgettext", [context, value.value], []  # type: ignore[misc]


def planning_texts() -> dict[str, list[str]]:
    """The planning data's words the planner writes into a plan's texts, by the part of a
    sentence each takes (``footcore.i18n.plan_words``): each protocol's name, its wants'
    reasons, its stages' notes and added loads, its walking's note, its words for pain above
    5/10, its run-in's warning, its self-test, its summary, notes, departures and what its
    later weeks hold; the routines' reasons; each level's title, focus and what it
    unlocks."""
    # Deferred: the planning data is read only by the extraction and by a plan in another
    # language than English.
    from footcore.catalogue.protocols import builtin_planning  # noqa: PLC0415
    from footcore.domain.planning.levels import CONSOLIDATE_FOCUS, LEVELS  # noqa: PLC0415

    data = builtin_planning()
    found: dict[str, list[str]] = {}

    def add(kind: str, *words: str | None) -> None:
        found.setdefault(kind, []).extend(w for w in words if w)

    for p in data.protocols:
        add("protocol", p.name)
        add("reason", *(w.reason for w in (*p.daily, *p.focus)))
        for item in p.all_items:
            for stage in item.all_stages:
                add("note", stage.note)
                add("load", stage.added_load)
        add("note", p.walking.note if p.walking else "", p.departs, p.running)
        add("note", p.pain.reduced_note, *p.notes)
        add("high", p.pain.high_note)
        add("warning", p.run_in.warning if p.run_in else "")
        add("retest", p.retest)
        add("summary", p.summary)
        add("beyond", p.beyond)
    add("reason", *(w.reason for w in (*data.routines, *data.balance)))
    for level in LEVELS:
        add("title", level.title)
        add("focus", level.focus)
        add("unlocks", level.unlocks)
    add("consolidate", CONSOLIDATE_FOCUS)
    return {kind: list(dict.fromkeys(words)) for kind, words in found.items()}


def planning_words() -> list[str]:
    """Every word of :func:`planning_texts`, once."""
    return list(dict.fromkeys(w for words in planning_texts().values() for w in words))


def extract_planning(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """The planning data's words (:func:`planning_words`; ``fileobj`` is the protocols'
    loader)."""
    for word in planning_words():
        yield 0, None, word, []
