"""The layout of ``footcore.cli.commands``: one module per command or group of commands,
each added to the root app by its ``register(app)``, none importing another (what they
share lives in ``footcore.cli.options``, ``footcore.cli.stored`` and ``footcore.cli.console``,
so the command modules cannot form import cycles among themselves)."""

from __future__ import annotations

import ast
from pathlib import Path

import footcore.cli
from tests.support import sources

CLI = Path(footcore.cli.__file__).parent
COMMANDS = CLI / "commands"


def _command_modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(COMMANDS.glob("*.py")) if p.stem != "__init__"}


def _imported(path: Path) -> set[str]:
    """Every ``footcore.cli.commands`` module the file imports, nested imports included."""
    found: set[str] = set()
    for statement in sources.imports(path):
        if statement.is_from and statement.module is not None:
            if statement.module == "footcore.cli.commands":
                found.update(statement.names)
            elif statement.module.startswith("footcore.cli.commands."):
                found.add(statement.module.rsplit(".", 1)[1])
        elif not statement.is_from:
            found.update(
                module.rsplit(".", 1)[1]
                for module in statement.names
                if module.startswith("footcore.cli.commands.")
            )
    return found


def test_no_command_module_imports_another() -> None:
    offenders = {
        name: sorted(_imported(path))
        for name, path in _command_modules().items()
        if _imported(path)
    }
    assert offenders == {}


def test_every_command_module_has_a_register_function() -> None:
    without = [
        name
        for name, path in _command_modules().items()
        if not any(
            isinstance(node, ast.FunctionDef) and node.name == "register"
            for node in sources.parse(path).body
        )
    ]
    assert without == []


def test_the_root_app_registers_every_command_module() -> None:
    assert _imported(CLI / "app.py") == set(_command_modules())
