"""The layering rules of DESIGN.md, enforced."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import footcore

PACKAGE = Path(footcore.__file__).parent


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    offenders = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        for lineno, module in _imports(path):
            top = module.split(".")[0]
            if module == "footcore.domain" or module.startswith("footcore.domain."):
                continue
            if top in sys.stdlib_module_names or top == "__future__":
                continue
            offenders.append(f"{path.relative_to(PACKAGE)}:{lineno} imports {module}")
    assert offenders == []


def test_the_import_rule_catches_a_third_party_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy\nfrom footcore.store import x\nimport json\n")
    tops = [m for _, m in _imports(bad) if m.split(".")[0] not in sys.stdlib_module_names]
    assert tops == ["sqlalchemy", "footcore.store"]


def test_drawing_imports_only_the_standard_library_the_domain_and_itself() -> None:
    """The drawings serve the web pages and the PDF handouts alike, so they live below both
    (README's architecture table)."""
    offenders = []
    for path in sorted((PACKAGE / "drawing").rglob("*.py")):
        for lineno, module in _imports(path):
            top = module.split(".")[0]
            if module.startswith(("footcore.domain", "footcore.drawing")):
                continue
            if top in sys.stdlib_module_names or top == "__future__":
                continue
            offenders.append(f"{path.relative_to(PACKAGE)}:{lineno} imports {module}")
    assert offenders == []


def test_neither_io_nor_drawing_imports_the_web_package_for_drawings() -> None:
    """The exercise drawings reach the PDF without ``footcore.web`` (the foot map still does:
    it predates ``footcore.drawing``)."""
    offenders = []
    for package in ("io", "drawing"):
        for path in sorted((PACKAGE / package).rglob("*.py")):
            for lineno, module in _imports(path):
                if module.startswith("footcore.web") and module != "footcore.web.footmap":
                    offenders.append(f"{path.relative_to(PACKAGE)}:{lineno} imports {module}")
    assert offenders == []
