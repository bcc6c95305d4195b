"""Shared terminal output helpers for the CLI, and its words in the language chosen.

The command line speaks the language :func:`footcore.cli.main` chose from the environment.
English, the default, never loads the translation layer (``footcore.i18n``, Babel): the
words below give each message back as written while it is not loaded, and ask it once it
is (for Spanish, or in a process that already has it).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from footcore.domain.errors import FootcoreError

if TYPE_CHECKING:
    from rich.console import Console

    from footcore.domain.wording import DoseWords

_I18N = "footcore.i18n"


def language() -> str:
    """The language messages are made in now (English while the translation layer is not
    loaded: nothing chose another)."""
    i18n = sys.modules.get(_I18N)
    return "en" if i18n is None else str(i18n.current())


def N_(message: str) -> str:
    """Mark ``message`` for the extraction and give it back untranslated (translated with
    :func:`_` where it is shown)."""
    return message


def _(message: str) -> str:
    """``message`` (English) in the language chosen."""
    i18n = sys.modules.get(_I18N)
    return message if i18n is None else str(i18n.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the language chosen."""
    i18n = sys.modules.get(_I18N)
    if i18n is None:
        return singular if n == 1 else plural
    return str(i18n.ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    """``message`` in the language chosen, told apart by ``context``."""
    i18n = sys.modules.get(_I18N)
    return message if i18n is None else str(i18n.pgettext(context, message))


def dose_words() -> DoseWords:
    """The dose formatter's words in the language chosen."""
    if language() == "en":
        # Deferred: not loaded by `today --json` (measured).
        from footcore.domain.wording import ENGLISH  # noqa: PLC0415

        return ENGLISH
    # Deferred: another language only; not loaded by any measured command line (English).
    from footcore.i18n.words import dose_words as local_words  # noqa: PLC0415

    return local_words()


def term(slug: str) -> str:
    """A term of the vocabulary (a slot, a decision's action) as the command line shows it:
    its slug in English, as it always was; its readable label in another language."""
    if language() == "en":
        return slug
    # Deferred: another language only; not loaded by the stored `today`, `today --json`,
    # `--help`, `exercises`, `exercise --json` or `progress` (measured).
    from footcore.domain.labels import label  # noqa: PLC0415

    return _(label(slug))


def weekday(day: Any) -> str:
    """The day of the week of a date (``Monday``; ``lunes``)."""
    current = language()
    if current == "en":
        return str(day.strftime("%A"))
    # Deferred: another language only; not loaded by any measured command line (English).
    from babel.dates import format_date  # noqa: PLC0415

    return str(format_date(day, "EEEE", locale=current))


def decimal(value: float, places: int = 1) -> str:
    """A number with ``places`` decimals, written the language's way (``4.5``; ``4,5``)."""
    text = f"{value:.{places}f}"
    return text if language() == "en" else text.replace(".", ",")


def number(value: float) -> str:
    """A number as ``:g`` writes it, with the language's decimal mark (``12.5``; ``12,5``)."""
    text = f"{value:g}"
    return text if language() == "en" else text.replace(".", ",")


def said(text: object) -> str:
    """A sentence the domain or a service kept as a ``Said`` (``footcore.domain.phrases``)
    in the language chosen, its exercises by their names in it; as it is in English."""
    if language() == "en":
        return str(text)
    # Deferred: another language only; not loaded by any measured command line (English).
    from footcore.i18n.words import said as said_in_language  # noqa: PLC0415

    return said_in_language(text, lambda named: exercise_name(named.slug, str(named)))


def plan_text(text: object) -> str:
    """A text the planner wrote (an item's why, a week's focus, what it brings and what
    comes next, a day's note: ``footcore.i18n.plan_words``) in the language chosen; as it is
    in English, and when of a sentence of no known shape."""
    if language() == "en":
        return "" if text is None else str(text)
    # Deferred: another language only; not loaded by any measured command line (English).
    from footcore.i18n.plan_words import plan_text as plan_text_in_language  # noqa: PLC0415

    return plan_text_in_language(text)


def change_text(reason: object) -> str:
    """The reason of a change adaptation made, in the language chosen
    (``footcore.i18n.plan_words.change_text``); as it is in English."""
    if language() == "en":
        return "" if reason is None else str(reason)
    # Deferred: another language only; not loaded by any measured command line (English).
    from footcore.i18n.plan_words import change_text as change_in_language  # noqa: PLC0415

    return change_in_language(reason)


def exercise_name(slug: str, english: str) -> str:
    """A built-in exercise's name in the language chosen (``english`` for another, or in
    English)."""
    current = language()
    if current == "en":
        return english
    # Deferred: another language only; not loaded by the stored `today`, `today --json`,
    # `--help` or `progress` (measured).
    from footcore.catalogue.loader import builtin_catalogue  # noqa: PLC0415

    catalogue = builtin_catalogue()
    if slug not in catalogue:
        return english
    return str(catalogue.get(slug).in_language(current).name)


#: Rich's consoles for standard output and for errors, made when first asked for
#: (:func:`__getattr__`): a command that prints no Rich text, such as the stored
#: ``today --json``, does not import Rich (measured: ``tests/e2e/test_cli_imports.py``).
out: Console
err: Console


def __getattr__(name: str) -> Console:
    """``out`` and ``err``, made on first use and then kept as the module's own."""
    if name not in {"out", "err"}:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # Deferred: Rich only for Rich output (measured).
    from rich.console import Console  # noqa: PLC0415

    if name == "out":
        made = Console(highlight=False, soft_wrap=False)
    else:
        made = Console(stderr=True, highlight=False, soft_wrap=True)
    globals()[name] = made
    return made


def _err() -> Console:
    """The error console, from inside this module (a module's ``__getattr__`` serves only
    lookups from outside)."""
    found: Console | None = globals().get("err")
    return found if found is not None else __getattr__("err")


def error_text(exc: Exception) -> str:
    """A user error as the command line says it: as it came in English; in another
    language, its message and each problem's through the known shapes
    (:func:`footcore.i18n.problems.problem_text`: one of no known shape stays English)."""
    if language() == "en":
        return str(exc)
    # Deferred: another language only; not loaded by any measured command line (English).
    from footcore.i18n.problems import problem_text  # noqa: PLC0415

    if not isinstance(exc, FootcoreError):
        return str(exc)
    lines = [problem_text(exc.message)]
    for p in exc.problems:
        text = problem_text(p.message)
        lines.append(f"  - {p.where}: {text}" if p.where else f"  - {text}")
    return "\n".join(lines)


def error(message: str) -> None:
    """Print a user error on stderr, without a traceback."""
    first, _sep, rest = message.partition("\n")
    label = _("error:")
    _err().print(f"[bold red]{label}[/] {first}", markup=True, highlight=False)
    if rest:
        _err().print(rest, markup=False, highlight=False)


def confirm(question: str) -> bool:
    """A yes-or-no question, no by default: Click's own in English (``[y/N]``), and the
    language's first letters in another (``[s/N]``, "s" or "y" for yes)."""
    # Deferred: only a question needs it.
    import typer  # noqa: PLC0415

    if language() == "en":
        return bool(typer.confirm(question, default=False))
    yes, no = pgettext("answer", "y"), pgettext("answer", "n")
    answer = str(typer.prompt(f"{question} [{yes}/{no.upper()}]", default="", show_default=False))
    return answer.strip().lower().startswith(("y", yes))


def ask_whole_number(question: str, default: int | None = None) -> int:
    """A whole number typed at a prompt, asked again until it is one: Click's own prompt in
    English (its message as always), and in another language the same prompt with the
    language's message (Click's prompt says pydantic's English)."""
    # Deferred: only a question needs it.
    import typer  # noqa: PLC0415

    if language() == "en":
        return int(typer.prompt(question, default=default, type=int))
    while True:
        shown = "" if default is None else str(default)
        answer = str(typer.prompt(question, default=shown, show_default=default is not None))
        try:
            return int(answer.strip())
        except ValueError:
            _err().print(_("error:") + " " + _("it must be a whole number"), markup=False)


def print_json(data: Any) -> None:
    """Write JSON to stdout exactly (no Rich wrapping), for scripts to read."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()
