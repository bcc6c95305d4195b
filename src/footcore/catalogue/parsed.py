"""The built-in catalogue files as parsed TOML, kept between processes.

``tomllib`` is pure Python: parsing the built-in files (about 100 KB of TOML) was three
quarters of loading the catalogue, and every ``footcore today`` of someone who has logged a
session loads it to weigh those sessions (benchmarks/findings.md, finding 12). The parsed
tables are kept in the user's cache directory as one ``marshal`` file whose name is a hash of
the files' names and text and of the interpreter's marshal format, so a changed file, another
footcore or another Python never reads tables that are not its own; reading it back is a
fraction of a millisecond.

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


def cache_file(files: Sequence[TextFile], directory: Path) -> Path:
    """The cache file for exactly these files, under this interpreter's marshal format."""
    # Deferred: not loaded by a cold `footcore today` or the CLI's help (measured).
    import hashlib  # noqa: PLC0415

    digest = hashlib.sha256()
    for f in files:
        for part in (f.name, f.text):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
    return directory / f"{PREFIX}{_tag()}-{digest.hexdigest()[:40]}{SUFFIX}"


def parsed_tables(files: Sequence[TextFile], directory: Path | None = None) -> list[dict[str, Any]]:
    """Each file's TOML parsed, in order: from the copy kept in ``directory`` (default: the
    process's, :func:`keep_in`) when it holds these files, else parsed now and kept there
    for the next process. With no directory at all, simply parsed."""
    # Deferred: a command that never loads the catalogue does not import it.
    import tomllib  # noqa: PLC0415

    directory = cache_dir() if directory is None else directory
    if directory is None:
        return [tomllib.loads(f.text) for f in files]
    where = cache_file(files, directory)
    kept = _read(where, len(files))
    if kept is not None:
        return kept
    tables = [tomllib.loads(f.text) for f in files]
    _write(where, tables)
    return tables


def _read(path: Path, count: int) -> list[dict[str, Any]] | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if isinstance(data, list) and len(data) == count and all(type(t) is dict for t in data):
        return data
    return None


def _write(path: Path, tables: list[dict[str, Any]]) -> None:
    """Keep ``tables`` at ``path`` (written whole, then renamed into place, so a reader in
    another process sees the old file or the new one); remove those kept for other versions
    of the files under the same interpreter format."""
    try:
        data = marshal.dumps(tables)
    except ValueError:  # a value marshal cannot keep (a TOML date): parse every time
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
        for old in path.parent.glob(f"{PREFIX}{_tag()}-*{SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
