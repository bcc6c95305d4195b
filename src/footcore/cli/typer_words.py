"""Typer's and Click's own words on the command line, in the language chosen: the usage line
(``Usage: footcore plan [OPTIONS]``), the hint under it (``Try 'footcore plan --help' for
help.``), the error panel's title and its message (``No such command 'x'.``, ``Missing option
'--km'.``, ``Invalid value for '--weeks': ...``), and ``Aborted.``.

The Click that Typer carries has no gettext hooks (its messages are English f-strings), and
Typer's own words are module settings (``typer.rich_utils``, as the help pages' panel titles
are: :mod:`footcore.cli.help_text`). So the messages are said again here, from the English
Click made: each is matched whole against the shapes below (English with named
placeholders, each a message of the translation layer) and given in the language with the
same values filled in. A value's reason that Typer took from pydantic (``Input should be a
valid integer, ...``) is said by its kind of error. A message of no known shape stays as it
came. English, the default, never comes here (``footcore.cli.app`` asks only in another
language), so it stays byte for byte as Typer writes it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from typer._click.exceptions import ClickException, UsageError

from footcore.cli.console import N_, _
from footcore.i18n.problems import shape_pattern

#: Click's and Typer's error messages, most particular first (the first that matches the
#: whole message wins). A placeholder stands for a value given back unchanged.
SHAPES = (
    N_("No such command %(name)s. Did you mean %(hint)s?"),
    N_("No such command %(name)s."),
    N_("Missing command."),
    N_("No such option: %(name)s (Possible options: %(hint)s)"),
    N_("No such option: %(name)s"),
    N_("Missing option %(name)s."),
    N_("Missing argument %(name)s."),
    N_("Missing parameter %(name)s."),
    N_("Option %(name)s requires an argument."),
    N_("Option %(name)s requires %(n)s arguments."),
    N_("Option %(name)s does not take a value."),
    N_("Got unexpected extra argument (%(value)s)"),
    N_("Got unexpected extra arguments (%(value)s)"),
    N_("Got unexpected extra argument(s) (%(value)s)"),
    N_("Invalid value for %(name)s: %(reason)s"),
    N_("Invalid value: %(reason)s"),
    N_("Value %(value)s is not a valid %(kind)s."),
)

#: Why a value was refused, by the kind of pydantic error Typer's conversion met.
REASONS = {
    "int_parsing": N_("it must be a whole number"),
    "int_from_float": N_("it must be a whole number"),
    "float_parsing": N_("it must be a number"),
    "bool_parsing": N_("it must be true or false"),
    "date_from_datetime_parsing": N_("it must be a date, YYYY-MM-DD"),
    "date_parsing": N_("it must be a date, YYYY-MM-DD"),
    "enum": N_("it must be one of %(expected)s"),
    "literal_error": N_("it must be one of %(expected)s"),
}


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # Click's placeholders may hold any text (a usage line, a list of choices).
    return tuple((shape, shape_pattern(shape, ".+?")) for shape in SHAPES)


def _reason(exc: BaseException) -> str | None:
    """Why Typer's conversion refused a value, in the language (None: not pydantic's, or of a
    kind not known here)."""
    errors = getattr(exc.__cause__, "errors", None)
    if not callable(errors):
        return None
    found = errors()
    if not found:
        return None
    first: dict[str, Any] = found[0]
    reason = REASONS.get(str(first.get("type")))
    if reason is None:
        return None
    expected = str((first.get("ctx") or {}).get("expected", "")).replace(" or ", " | ")
    return _(reason) % {"expected": expected} if "%(" in reason else _(reason)


def message(exc: ClickException) -> str:
    """The message of ``exc`` in the language chosen (as Click made it when of no known
    shape)."""
    text = exc.format_message()
    for shape, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        values = found.groupdict()
        if "reason" in values:
            values["reason"] = _reason(exc) or values["reason"]
        return _(shape) % values if values else _(shape)
    return text


def say_typer_words() -> None:
    """Give Typer's settings for its own words on an error (the panel's title, the hint to
    ``--help``, ``Aborted.``) in the language chosen."""
    # Deferred: loaded by Typer already to show an error.
    from typer import rich_utils  # noqa: PLC0415

    rich_utils.ERRORS_PANEL_TITLE = _("Error")
    rich_utils.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")
    rich_utils.ABORTED_TEXT = _("Aborted.")


def translated(exc: ClickException) -> ClickException:
    """``exc`` with its message in the language chosen, shown as Click shows it (the usage
    line and the hint to ``--help`` when it has a context), with its exit code."""
    say_typer_words()
    context = getattr(exc, "ctx", None)
    said: ClickException = (
        UsageError(message(exc), context)
        if isinstance(exc, UsageError)
        else ClickException(message(exc))
    )
    said.exit_code = exc.exit_code
    return said


def usage_prefix() -> str:
    """The word that starts the usage line (``Usage: ``)."""
    return _("Usage:") + " "


#: The usage line's placeholders (Click's ``options_metavar`` and a group's subcommand).
USAGE_WORDS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))


def usage_args(args: str) -> str:
    """The usage line after the command's name, its placeholders in the language chosen
    (``[OPTIONS] COMMAND [ARGS]...``; ``[OPCIONES] COMANDO [ARGS]...``)."""
    for words in USAGE_WORDS:
        args = args.replace(words, _(words))
    return args


__all__ = [
    "REASONS",
    "SHAPES",
    "USAGE_WORDS",
    "message",
    "say_typer_words",
    "translated",
    "usage_args",
    "usage_prefix",
]
