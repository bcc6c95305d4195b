"""The built-in catalogue files as parsed TOML, kept between processes.

``tomllib`` is pure Python: parsing the built-in files (about 100 KB of TOML) was three
quarters of loading the catalogue, and every ``footcore today`` of someone who has logged a
session loads it to weigh those sessions (benchmarks/findings.md, finding 12). The parsed
tables are kept in the user's cache directory as one ``marshal`` file, named for the
interpreter's marshal format, that holds the files' names and text beside their tables: it is
read back only when those are exactly the files at hand, so a changed file or another footcore
never reads tables that are not its own (compared whole, with no hash: neither ``hashlib`` nor
``tomllib`` is loaded when the copy is current); reading it back is a fraction of a
millisecond.

Where the copy is kept is the caller's to say (this layer knows no platform directories): the
command line's entry point names the user's cache directory with :func:`keep_in` (a CLI
process is short, so it pays the parsing every time otherwise); a process that never says
(the web server, which loads the catalogue once, and the tests) parses the files as before.

The cache is only an accelerator: a missing, unreadable or damaged file, or a directory that
cannot be written, means the files are parsed as before (and nothing is said).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

PREFIX = "catalogue-"
SUFFIX = ".marshal"


class TextFile(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def text(self) -> str: ...


#: What names the directory this process keeps the parsed tables in (asked on first use).
_WHERE: dict[str, Callable[[], Path]] = {}


def keep_in(directory: Callable[[], Path] | None) -> None:
    """Keep the parsed tables in the directory ``directory()`` names (None: do not keep)."""
    _WHERE.clear()
    if directory is not None:
        _WHERE["directory"] = directory


def cache_dir() -> Path | None:
    """The directory :func:`keep_in` named for this process, or None."""
    where = _WHERE.get("directory")
    return None if where is None else where()


def _tag() -> str:
    """This interpreter's marshal format, in the cache file's name."""
    return f"py{sys.version_info[0]}{sys.version_info[1]}m{marshal.version}"


def cache_file(directory: Path) -> Path:
    """The cache file in ``directory`` for this interpreter's marshal format."""
    return directory / f"{PREFIX}{_tag()}{SUFFIX}"


def _source(files: Sequence[TextFile]) -> list[list[str]]:
    """What the kept tables were parsed from: each file's name and text, in order."""
    return [[f.name, f.text] for f in files]


def parsed_tables(files: Sequence[TextFile], directory: Path | None = None) -> list[dict[str, Any]]:
    """Each file's TOML parsed, in order: from the copy kept in ``directory`` (default: the
    process's, :func:`keep_in`) when it holds these files, else parsed now and kept there
    for the next process. With no directory at all, simply parsed."""
    directory = cache_dir() if directory is None else directory
    if directory is None:
        return _parse(files)
    where = cache_file(directory)
    source = _source(files)
    kept = _read(where, source)
    if kept is not None:
        return kept
    tables = _parse(files)
    _write(where, source, tables)
    return tables


def _parse(files: Sequence[TextFile]) -> list[dict[str, Any]]:
    # Deferred: not loaded while the kept copy is current (measured).
    import tomllib  # noqa: PLC0415

    return [tomllib.loads(f.text) for f in files]


def _read(path: Path, source: list[list[str]]) -> list[dict[str, Any]] | None:
    """The tables kept at ``path`` when they were parsed from exactly ``source``."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(data, list) and len(data) == 2 and data[0] == source):
        return None
    tables = data[1]
    fits = isinstance(tables, list) and len(tables) == len(source)
    return tables if fits and all(type(t) is dict for t in tables) else None


def _write(path: Path, source: list[list[str]], tables: list[dict[str, Any]]) -> None:
    """Keep ``tables``, parsed from ``source``, at ``path`` (written whole, then renamed into
    place, so a reader in another process sees the old file or the new one); remove the
    copies an older footcore kept under the same interpreter format (named by a hash)."""
    try:
        data = marshal.dumps([source, tables])
    except ValueError:  # a value marshal cannot keep (a TOML date): parse every time
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
        for old in path.parent.glob(f"{PREFIX}{_tag()}-*{SUFFIX}"):
            old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
