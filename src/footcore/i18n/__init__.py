"""The one translation layer: gettext catalogues through Babel.

The source text is English, marked where it is written: ``_()``/``ngettext()`` in Python,
``{% trans %}``/``_()`` in the Jinja templates (``jinja2.ext.i18n``). Each translation is a
gettext catalogue, ``locales/<code>/LC_MESSAGES/messages.po``; the ``.po`` file is the only
thing kept in git. It is compiled in memory (Babel's ``write_mo``) the first time a process
needs that language, so there is no build step and no compiled ``.mo`` that can fall behind
its ``.po``. Fuzzy entries are left out, as ``msgfmt`` does.

Parsing the ``.po`` (some 160 KB) is most of what a short process in another language pays
for its words, so a process may keep the compiled catalogue in a cache directory
(:func:`keep_in`; the command line names the user's cache directory, the web server and the
tests never do): one ``marshal`` file a language, ``messages-<code>.marshal``, holding the
``.po`` bytes and the Babel version it was compiled from beside the compiled bytes. It is read
back only when both are exactly those at hand (compared whole), so an edited ``.po`` or
another Babel compiles anew; a missing, unreadable or damaged file means compiling as before,
and the new copy is written whole, then renamed into place. Nothing is said either way.

The language of the work at hand is a context variable: the web app sets it once per request
(:func:`use_lazily`, resolved on first use, so a request that translates nothing never
looks up an account), and :func:`use` sets it for a block (tests, a future CLI).
"""

from __future__ import annotations

import contextlib
import functools
import io
import marshal
import os
import struct
from collections.abc import Callable, Iterator
from contextvars import ContextVar, Token
from pathlib import Path

import babel
from babel import negotiate_locale
from babel.support import NullTranslations, Translations

from footcore.domain.languages import LANGUAGES, SOURCE, TRANSLATED, known

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"


def catalogue_path(language: str) -> Path:
    """The ``.po`` file of a translated language."""
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


#: What names the directory this process keeps compiled catalogues in (asked on first use).
_WHERE: dict[str, Callable[[], Path]] = {}


def keep_in(directory: Callable[[], Path] | None) -> None:
    """Keep compiled catalogues in the directory ``directory()`` names (None: do not keep)."""
    _WHERE.clear()
    if directory is not None:
        _WHERE["directory"] = directory


def compiled_file(language: str, directory: Path) -> Path:
    """The file in ``directory`` that keeps the compiled catalogue of ``language``."""
    return directory / f"{DOMAIN}-{language}.marshal"


@functools.cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of ``language`` (kept for the life of the process, and between
    processes where :func:`keep_in` named a directory); the source language translates
    nothing."""
    if language == SOURCE or language not in LANGUAGES:
        return NullTranslations()
    po = catalogue_path(language).read_bytes()
    where = _WHERE.get("directory")
    if where is None:
        return Translations(io.BytesIO(_compile(po, language)), domain=DOMAIN)
    kept = compiled_file(language, where())
    source: list[object] = [babel.__version__, po]
    mo = _read_kept(kept, source)
    if mo is not None:
        try:
            return Translations(io.BytesIO(mo), domain=DOMAIN)
        except (OSError, ValueError, LookupError, struct.error):
            pass  # bytes that are not a catalogue (gettext's own errors): compiled anew below
    mo = _compile(po, language)
    _write_kept(kept, source, mo)
    return Translations(io.BytesIO(mo), domain=DOMAIN)


def _compile(po: bytes, language: str) -> bytes:
    """The ``.mo`` bytes of the ``.po`` file ``po``, fuzzy entries left out."""
    # Deferred: not loaded while a kept copy is current (measured).
    from babel.messages.mofile import write_mo  # noqa: PLC0415
    from babel.messages.pofile import read_po  # noqa: PLC0415

    catalog = read_po(io.BytesIO(po), locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    return compiled.getvalue()


def _read_kept(path: Path, source: list[object]) -> bytes | None:
    """The compiled bytes kept at ``path`` when they were compiled from exactly ``source``."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    fits = isinstance(data, list) and len(data) == 2 and data[0] == source
    return data[1] if fits and type(data[1]) is bytes else None


def _write_kept(path: Path, source: list[object], mo: bytes) -> None:
    """Keep ``mo``, compiled from ``source``, at ``path``: written whole, then renamed into
    place, so a reader in another process sees the old file or the new one."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps([source, mo]))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


class _Choice:
    """The language of a request or a block: given, or worked out on first use."""

    __slots__ = ("_resolve", "_value")

    def __init__(self, value: str | None = None, resolve: Callable[[], str] | None = None):
        self._value = value
        self._resolve = resolve

    def get(self) -> str:
        if self._value is None:
            resolve, self._resolve = self._resolve, None
            self._value = (known(resolve()) if resolve is not None else None) or SOURCE
        return self._value


_CURRENT: ContextVar[_Choice | None] = ContextVar("footcore_language", default=None)


def current() -> str:
    """The language text is being made in now (English outside any choice)."""
    choice = _CURRENT.get()
    return choice.get() if choice is not None else SOURCE


@contextlib.contextmanager
def use(language: str) -> Iterator[str]:
    """Make text in ``language`` (a shipped one, else English) inside the block."""
    token = _CURRENT.set(_Choice(value=known(language) or SOURCE))
    try:
        yield current()
    finally:
        _CURRENT.reset(token)


def use_lazily(resolve: Callable[[], str]) -> Token[_Choice | None]:
    """Make text in the language ``resolve()`` names, asked the first time text is made.
    The caller resets the returned token when its work is done."""
    return _CURRENT.set(_Choice(resolve=resolve))


def reset(token: Token[_Choice | None]) -> None:
    _CURRENT.reset(token)


def gettext(message: str) -> str:
    """``message`` (English) in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English in another
    ``context`` (a button's "Save" and a noun, say)."""
    return str(translations(current()).pgettext(context, message))


_ = gettext


def N_(message: str) -> str:
    """Mark ``message`` for the extraction and give it back untranslated: for words kept in
    a table, translated with :func:`gettext` where they are shown."""
    return message


def parse_accept_language(header: str | None) -> list[str]:
    """The language tags of an ``Accept-Language`` field, most wanted first (RFC 9110
    12.5.4: ``q=0`` means not wanted; equal weights keep their order)."""
    weighed: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*":
            continue
        weight = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0:
            weighed.append((-weight, position, tag))
    return [tag for _w, _p, tag in sorted(weighed)]


def negotiate(header: str | None) -> str:
    """The shipped language a browser's ``Accept-Language`` asks for most (Babel's
    negotiation: ``es-MX`` finds ``es``), else English."""
    found = negotiate_locale(parse_accept_language(header), list(LANGUAGES), sep="-")
    return known(found) or SOURCE


__all__ = [
    "LANGUAGES",
    "N_",
    "SOURCE",
    "TRANSLATED",
    "_",
    "current",
    "gettext",
    "keep_in",
    "negotiate",
    "ngettext",
    "pgettext",
    "translations",
    "use",
    "use_lazily",
]
