"""How `./dev test` splits the suite: everything but the browser tests on two cores, then the
browser tests on their own (`-m browser`). A browser test module without the mark would run
in the parallel part instead, beside other work it was not written to share a machine with."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import sources

ROOT = Path(__file__).resolve().parents[2]


def _marks(module: Path) -> set[str]:
    """The marks a module's ``pytestmark`` names (``pytest.mark.X`` or a list of them)."""
    found: set[str] = set()
    for node in sources.parse(module).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            for sub in ast.walk(node.value):
                if (
                    isinstance(sub, ast.Attribute)
                    and isinstance(sub.value, ast.Attribute)
                    and sub.value.attr == "mark"
                ):
                    found.add(sub.attr)
    return found


def test_every_browser_test_module_carries_the_browser_mark() -> None:
    modules = sorted((ROOT / "tests" / "e2e" / "browser").glob("test_*.py"))
    assert modules
    unmarked = [m.name for m in modules if "browser" not in _marks(m)]
    assert unmarked == []


def test_dev_test_runs_the_browser_tests_apart_from_the_rest() -> None:
    script = (ROOT / "dev").read_text(encoding="utf-8")
    assert 'pytest -n 2 --dist loadgroup -m "not browser"' in script
    assert "pytest -m browser" in script
