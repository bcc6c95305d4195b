"""What the meta-tests read in Python sources, each file parsed once per test process.

The meta-tests (tests/unit/test_architecture.py, test_hypothesis_profiles.py,
test_cli_commands_layout.py, test_suite_layout.py) read every module of footcore, or every
test module, in several tests; parsing them all again for each test was most of their time.
What is kept is small and flat (plain tuples of names and line numbers, which the garbage
collector does not have to walk), not the syntax trees: a few hundred files' trees held for
the rest of the run slowed every later test's garbage collection. The caches are keyed by the
file's text, so a file that changes is read anew.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import NamedTuple


class ImportStatement(NamedTuple):
    """One ``import`` or ``from ... import`` statement, wherever it is in the file."""

    lineno: int
    #: ``from MODULE import ...`` (None for ``from . import x``); None for a plain ``import``.
    module: str | None
    #: The names imported: the modules of a plain ``import``, the names after ``import``.
    names: tuple[str, ...]
    #: The dots of a relative import (0: absolute).
    level: int
    is_from: bool


class Call(NamedTuple):
    """A call of a plain name, ``f(..., key=...)``, with the keywords it passes."""

    lineno: int
    name: str
    keywords: tuple[str | None, ...]


def parse(path: Path) -> ast.Module:
    """The syntax tree of the Python file at ``path``; a fresh one for each caller."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports(path: Path) -> tuple[ImportStatement, ...]:
    """Every import statement of the file, nested ones (in functions, under
    ``TYPE_CHECKING``) included, in ``ast.walk`` order."""
    return _scan(path.read_text(encoding="utf-8"), str(path))[0]


def calls(path: Path) -> tuple[Call, ...]:
    """Every call of a plain name in the file, in ``ast.walk`` order."""
    return _scan(path.read_text(encoding="utf-8"), str(path))[1]


@cache
def _scan(text: str, filename: str) -> tuple[tuple[ImportStatement, ...], tuple[Call, ...]]:
    found_imports: list[ImportStatement] = []
    found_calls: list[Call] = []
    for node in ast.walk(ast.parse(text, filename=filename)):
        if isinstance(node, ast.Import):
            names = tuple(alias.name for alias in node.names)
            found_imports.append(ImportStatement(node.lineno, None, names, 0, False))
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            found_imports.append(ImportStatement(node.lineno, node.module, names, node.level, True))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            keywords = tuple(k.arg for k in node.keywords)
            found_calls.append(Call(node.lineno, node.func.id, keywords))
    return tuple(found_imports), tuple(found_calls)
