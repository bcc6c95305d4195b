"""The layout of ``footcore.cli.commands``: one module per command or group of commands,
each added to the root app by its ``register(app)``, none importing another (what they
share lives in ``footcore.cli.options``, ``footcore.cli.stored`` and ``footcore.cli.console``,
so the command modules cannot form import cycles among themselves)."""

from __future__ import annotations

import ast
from pathlib import Path

import footcore.cli

CLI = Path(footcore.cli.__file__).parent
COMMANDS = CLI / "commands"


def _command_modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(COMMANDS.glob("*.py")) if p.stem != "__init__"}


def _imported(tree: ast.Module) -> set[str]:
    """Every ``footcore.cli.commands`` module the tree imports, nested imports included."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module == "footcore.cli.commands":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("footcore.cli.commands."):
                found.add(node.module.rsplit(".", 1)[1])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.rsplit(".", 1)[1]
                for alias in node.names
                if alias.name.startswith("footcore.cli.commands.")
            )
    return found


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_no_command_module_imports_another() -> None:
    offenders = {
        name: sorted(_imported(_parse(path)))
        for name, path in _command_modules().items()
        if _imported(_parse(path))
    }
    assert offenders == {}


def test_every_command_module_has_a_register_function() -> None:
    without = [
        name
        for name, path in _command_modules().items()
        if not any(
            isinstance(node, ast.FunctionDef) and node.name == "register"
            for node in _parse(path).body
        )
    ]
    assert without == []


def test_the_root_app_registers_every_command_module() -> None:
    assert _imported(_parse(CLI / "app.py")) == set(_command_modules())
