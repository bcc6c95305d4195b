"""Every message the commands below write goes through the translation layer: no English
words handed straight to the terminal (``print``, ``echo``, a prompt, a table's heading, a
user error) without ``_()``/``ngettext()``/``pgettext()``. A marked message is then checked
for a translation in every shipped language by tests/unit/test_translations.py; this test
finds the ones nobody marked, which that one cannot see."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from footcore.cli.commands.backup import LEFT_OUT_WORDS
from footcore.store.backup_format import LEFT_OUT

COMMANDS = Path(__file__).resolve().parents[2] / "src" / "footcore" / "cli" / "commands"

#: The command modules whose messages are translated (issue 18's list: assess, outcome in
#: checkin, coach, admin, reminders, backup and restore, catalogue and exercises, serve, runs
#: import; and the ones translated before: export, log, plan, progress, onboarding, player).
MODULES = ("assess", "checkin", "coach", "admin", "reminders", "backup", "catalogue", "serve",
           "runs")  # fmt: skip

#: What writes text for a person to read: the callee's name (a function or a method).
WRITERS = {"print", "echo", "prompt", "confirm", "error", "add_column", "TextColumn", "say",
           "_say", "_heading", "_para", "FootcoreError", "AnswerError", "Table"}  # fmt: skip

#: Rich markup (``[bold]``, ``[/]``, ``[red]``) is not words, nor are names that are the same
#: in every language.
_MARKUP = re.compile(r"\[/?[a-z ]*\]|\bFAAM\b")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _literal_words(node: ast.AST) -> str:
    """The English a piece of an argument holds as written in the source (an f-string's
    fixed parts, both sides of a ``+`` or ``%``), markup left out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _MARKUP.sub("", node.value)
    if isinstance(node, ast.JoinedStr):
        return " ".join(_literal_words(v) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _literal_words(node.left) + " " + _literal_words(node.right)
    return ""


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def unmarked(source: str) -> list[str]:
    """The lines of ``source`` that hand English words to a writer unmarked."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _callee(node) not in WRITERS:
            continue
        args = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "title")]
        for arg in args:
            words = _literal_words(arg)
            if _WORD.search(words):
                found.append(f"{node.lineno}: {ast.unparse(arg)[:70]}")
    return found


@pytest.mark.parametrize("module", MODULES)
def test_the_command_s_messages_all_go_through_the_translation_layer(module: str) -> None:
    assert unmarked((COMMANDS / f"{module}.py").read_text("utf-8")) == []


@pytest.mark.parametrize(
    "line",
    [
        'console.out.print(f"Wrote {total} records to {path}.")',
        'out.print("[bold]Safety[/]: no flags.")',
        'console.error(f"{name}: {reason} (nothing from it was stored)")',
        'raise FootcoreError("no run files found")',
        'table.add_column("Test", no_wrap=True)',
        'typer.prompt("Repeat it", hide_input=True)',
        'out.print("Wrote %s" % path)',
        'out.print("\\n" + "Answers saved.")',
        'Table(box=None, title="footcore self-tests")',
    ],
)
def test_english_handed_to_a_writer_unmarked_is_found(line: str) -> None:
    assert len(unmarked(line)) == 1


@pytest.mark.parametrize(
    "line",
    [
        'console.out.print(_("Wrote %(n)s records.") % {"n": total})',
        'out.print(f"[bold]{heading}[/]: {said % values}")',
        'out.print(f"  {i}. {_(text)}", markup=False)',
        'table.add_column(_("Test"), no_wrap=True)',
        'console.out.print(f"{u.id:>4}  {u.role:<8} {u.email}", markup=False)',
        'out.print("\\n" + _("Answers saved."))',
        'raise FootcoreError(said % {"file": path})',
    ],
)
def test_marked_or_wordless_text_passes(line: str) -> None:
    assert unmarked(line) == []


def test_what_a_backup_leaves_out_is_marked_in_the_same_words_as_the_store_keeps_them() -> None:
    assert sorted(LEFT_OUT_WORDS) == sorted(LEFT_OUT.values())
