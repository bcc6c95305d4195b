"""No function of footcore is longer than MAX_LINES lines (issue 17: no function over about
60 lines outside data literals; each piece one job with a name that says it).

Every module under src/footcore is read (not imported) and every function in it is measured
from its ``def`` (decorators not counted) to its last line, methods and nested functions
included, each on its own. Two kinds of function are let off:

- the Alembic migrations (store/migrations/versions/*): their ``upgrade`` and ``downgrade``
  are listings of tables and columns, data more than logic, and a migration is never edited
  once released;
- the functions named in ``STILL_LONG``, in modules this change did not split. That list may
  only shrink: each entry holds the length the function had when it was listed, and a test
  fails when one grows past it, or when one is back within the limit (then delete its entry).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import footcore
from tests.support import sources

PACKAGE = Path(footcore.__file__).parent
MAX_LINES = 60

#: Data-like schema listings, exempt as a whole (see the module docstring).
MIGRATIONS = PACKAGE / "store" / "migrations" / "versions"

#: "path/from/footcore.py::Qualified.name" -> its length when listed. Only shrinks: split a
#: function and delete its entry; never add one.
STILL_LONG: dict[str, int] = {}


def _functions(
    node: ast.AST, prefix: str = ""
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function under ``node`` with its qualified name (``Class.method``,
    ``outer.inner``)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + child.name, child
            yield from _functions(child, f"{prefix}{child.name}.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


def _lengths(package: Path) -> dict[str, int]:
    """ "path::name" -> lines from ``def`` to the end, for every function outside the
    migrations."""
    found: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(MIGRATIONS):
            continue
        where = path.relative_to(package).as_posix()
        for name, function in _functions(sources.parse(path)):
            assert function.end_lineno is not None
            found[f"{where}::{name}"] = function.end_lineno - function.lineno + 1
    return found


def _too_long(lengths: dict[str, int]) -> dict[str, int]:
    return {name: n for name, n in lengths.items() if n > MAX_LINES and name not in STILL_LONG}


def test_no_function_outside_the_listed_ones_is_longer_than_the_limit() -> None:
    lengths = _lengths(PACKAGE)
    assert len(lengths) > 1000  # the whole package was read
    assert _too_long(lengths) == {}, f"split these into functions of at most {MAX_LINES} lines"


def test_a_new_long_function_is_caught(tmp_path: Path) -> None:
    module = tmp_path / "services" / "report.py"
    module.parent.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES - 1))
    module.write_text(
        f"class Report:\n    def fits(self):\n{body.replace('    ', '        ')}\n\n"
        f"def fits():\n{body}\n\ndef too_long():\n{body}\n    return x0\n",
        encoding="utf-8",
    )
    lengths = _lengths(tmp_path)
    assert lengths["services/report.py::Report.fits"] == MAX_LINES
    assert lengths["services/report.py::fits"] == MAX_LINES
    assert _too_long(lengths) == {"services/report.py::too_long": MAX_LINES + 1}


def test_the_migrations_are_the_only_files_let_off_whole() -> None:
    long_migrations = [
        name
        for path in sorted(MIGRATIONS.glob("*.py"))
        for name, function in _functions(sources.parse(path))
        if (function.end_lineno or 0) - function.lineno + 1 > MAX_LINES
    ]
    # If no migration were long any more, the exemption would have no reason to stay.
    assert long_migrations


def test_the_list_of_long_functions_only_shrinks() -> None:
    lengths = _lengths(PACKAGE)
    gone = sorted(name for name in STILL_LONG if name not in lengths)
    grown = {name: lengths[name] for name in STILL_LONG if lengths.get(name, 0) > STILL_LONG[name]}
    now_short = sorted(name for name in STILL_LONG if 0 < lengths.get(name, 0) <= MAX_LINES)
    assert gone == [], "delete these entries: the functions are no longer there"
    assert grown == {}, "these listed functions grew: split them instead"
    assert now_short == [], "delete these entries: the functions are within the limit now"
