"""A Babel extraction method for the command line's help texts (``babel.cfg`` names it):
every command's and option's help as its help pages show it, read from the commands
themselves (:mod:`footcore.cli.help_text` says them). Only the extraction imports this
module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import typer.main
from babel.messages.extract import extract_python
from typer._click import Context

from footcore.cli.app import app
from footcore.cli.help_text import VALUE_CONTEXT, english_help


def extract_cli_help(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str | list[str], list[str]]]:
    """The text ``fileobj`` (``footcore.cli.app``) marks, as Babel's Python method finds it,
    then each help text of the command line as its help pages show it: every command's and
    parameter's help, one line a paragraph, and the word for each option's value, in the
    context ``metavar`` (:mod:`footcore.cli.help_text`, which says them). Read from the
    commands themselves, so a command or option added anywhere is in every ``.po`` file."""
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[misc]
    seen: set[tuple[str | None, str]] = set()
    found: list[tuple[str | None, str]] = []
    commands = [typer.main.get_command(app)]
    while commands:
        command = commands.pop(0)
        kept = english_help(command)
        found += [(None, kept["help"] or ""), (None, kept["short_help"] or "")]
        for param in command.get_params(Context(command)):
            kept = english_help(param)
            found += [(None, kept["help"] or ""), (VALUE_CONTEXT, kept["value"] or "")]
        commands += list(getattr(command, "commands", {}).values())
    for context, text in found:
        if text and (context, text) not in seen:
            seen.add((context, text))
            if context is None:
                yield 0, None, text, []
            else:
                yield 0, "pgettext", [context, text], []
