"""A Babel extraction method for the vocabulary's words (``footcore.domain.labels``).

The domain keeps its words as plain English in dictionaries (it imports nothing but the
standard library, and the CLI and the PDF read them too); the web translates each when it
shows it (``footcore.web.labels.label``). This method hands those words to the extraction,
so they are in every ``.po`` file like the marked text (``babel.cfg`` names it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any


def extract_labels(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Each word of ``LABELS`` and ``EQUIPMENT_HINTS``, once (``fileobj`` is labels.py)."""
    from footcore.domain.labels import EQUIPMENT_HINTS, LABELS

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
TEST_TEXTS = ("name", "purpose", "norm_summary", "band_rule", "change_rule", "asymmetry_rule")
TEST_LISTS = ("protocol", "equipment")


def extract_self_tests(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Each self-test's name, purpose, steps, equipment, norm summary and rules, once
    (``fileobj`` is the assessments package's definitions)."""
    from footcore.domain.assessments import TESTS

    seen: set[str] = set()
    for test in TESTS.values():
        words = [getattr(test, name, None) for name in TEST_TEXTS]
        words += [w for name in TEST_LISTS for w in getattr(test, name, ())]
        for word in words:
            if isinstance(word, str) and word and word not in seen:
                seen.add(word)
                yield 0, None, word, []
