"""The help pages' words (``footcore --help`` and every command's): one place that makes
them readable and says them in the language chosen.

The help texts are written where each command is, as its docstring and its options'
``help=``, wrapped by hand to the source's line length. A help page shows them as written
to the reader:

- each paragraph as one line, which the terminal wraps at its own width (Typer's rich
  mode keeps a hand-made line break in the command list and after the first paragraph,
  which broke sentences in the middle); brackets are shown as written, never read as
  Rich markup (``[[exercise]]``);
- in the language chosen (:mod:`footcore.cli.console`), each paragraph-joined text being
  one message of the catalogue (``footcore.cli.help_extract.extract_cli_help`` hands them all
  to the extraction, read from the commands themselves);
- a flag with no value after it (Typer showed ``--json <bool>``, as if it took one), and
  any other option's value by a word (``FILE``, ``INTEGER``, ``YYYY-MM-DD``) in place of
  Typer's Python type (``<int>``, ``<str>``, ``<list[str]>``).

:func:`prepare` is called by the root command's context just before a help page is made
(``footcore.cli.app``), so nothing here is loaded or run by a command that shows no help.
"""

from __future__ import annotations

import inspect
from pathlib import PurePath
from typing import Any, get_args

from rich.markup import escape
from typer._click import Command, Context
from typer.core import TyperArgument, TyperGroup, TyperOption

from footcore.cli.console import N_, _, pgettext

#: The context a value's word (a metavar) is translated in: ``FILE`` is a placeholder there.
VALUE_CONTEXT = "metavar"

#: Typer's own words on a help page, by the name of the ``typer.rich_utils`` setting that
#: holds each (its panels' titles, what marks a required option and a default); the help
#: of the ``--help`` option it adds to every command is a parameter's help like any other.
#: The usage line (``Usage: footcore plan [OPTIONS]``) stays as Typer writes it.
TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEFAULT_STRING": N_("[default: {}]"),
}

#: The word for a value of each type, where the option names none of its own.
TYPE_WORDS: dict[type, str] = {str: "TEXT", int: "INTEGER", float: "NUMBER"}
PATH_WORDS = {"file": "FILE", "dir": "DIR", "path": "PATH"}

#: Where the English as written is kept on a command or parameter, so a help page made
#: again (in another language, in the tests) starts from it.
_ENGLISH = "_footcore_english_help"


def one_line_paragraphs(text: str) -> str:
    """``text`` dedented, each of its paragraphs (blank-line separated) on one line."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def value_word(param: Any) -> str | None:
    """The English word a help page names ``param``'s value by: none for a flag (it takes
    no value) nor for an argument that names its own (its name is that word), the option's
    own metavar, else a word for its type."""
    if isinstance(param, TyperOption) and param.is_flag:
        return None
    if param.metavar is not None:
        return None if isinstance(param, TyperArgument) else str(param.metavar)
    desc = param.type_descriptor
    if desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    if desc.is_path:
        return PATH_WORDS.get(desc.path_type, "PATH")
    kind = desc.annotation
    if desc.is_list:
        kind = (get_args(kind) or (str,))[0]
    if isinstance(kind, type) and issubclass(kind, PurePath):
        return "PATH"
    return TYPE_WORDS.get(kind, str(getattr(kind, "__name__", kind)).upper())


def english_help(thing: Any) -> dict[str, str | None]:
    """The help ``thing`` (a command or a parameter) was written with, one line a
    paragraph: ``help`` and ``short_help`` (a command's), and ``value`` (a parameter's)."""
    kept: dict[str, str | None] | None = thing.__dict__.get(_ENGLISH)
    if kept is None:
        kept = {}
        for name in ("help", "short_help"):
            text = getattr(thing, name, None)
            kept[name] = one_line_paragraphs(text) if text else text
        if not isinstance(thing, Command):
            kept["value"] = value_word(thing)
        thing.__dict__[_ENGLISH] = kept
    return kept


def _said(text: str | None) -> str | None:
    return None if not text else escape(_(text))


def _prepare_command(command: Command) -> None:
    kept = english_help(command)
    command.help = _said(kept["help"])
    command.short_help = _said(kept["short_help"])


def _prepare_param(param: Any) -> None:
    kept = english_help(param)
    param.help = _said(kept["help"])
    word = kept["value"]
    shown = None if word is None else pgettext(VALUE_CONTEXT, word)
    # Typer shows a type's word for an option with no metavar (`<bool>` for a flag): this
    # parameter's own answer takes that method's place.
    param.display_type_rich = lambda ctx: shown


def prepare(ctx: Context) -> None:
    """Make the help page of ``ctx``'s command readable and in the language chosen: its own
    texts, its parameters' and, for a group, the commands it lists."""
    # Deferred: loaded by Typer already to show a help page.
    from typer import rich_utils  # noqa: PLC0415

    for setting, words in TYPER_WORDS.items():
        setattr(rich_utils, setting, _(words))  # the settings Typer offers for its words
    command = ctx.command
    _prepare_command(command)
    for param in command.get_params(ctx):
        _prepare_param(param)
    if isinstance(command, TyperGroup):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                _prepare_command(sub)
