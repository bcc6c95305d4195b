"""Load exercise catalogue files into a :class:`~footcore.domain.exercise.Catalogue`.

The built-in exercises ship inside the package (``footcore/catalogue/data/*.toml``); a coach
can add directories of their own files. Every file may hold ``[[exercise]]`` tables and a
``[sources.ID]`` table per source (see docs/catalogue.md).

Files from a coach are always checked in full (:mod:`footcore.catalogue.validate`), and
every problem is reported at once, each located as ``FILE: exercise 'SLUG': KEY``. The
built-in files are checked in full by the test-suite and by ``footcore catalogue check``;
loading them alone takes a fast path without pydantic, so that commands such as
``footcore today`` start quickly. Should a built-in file ever fail that fast path, the full
validation runs and reports the problem.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from footcore.catalogue.demos import like_of
from footcore.catalogue.parsed import parsed_tables
from footcore.catalogue.tables import BUILTIN, CatalogueFile, exercise_from_table, with_likes
from footcore.domain.errors import Problem
from footcore.domain.exercise import Catalogue, Source

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from footcore.domain.planning.protocol import PlanningData


#: The built-in files' directory, where the package is a directory on disk (as installed).
DATA_DIR = Path(__file__).with_name("data")


def builtin_files() -> list[CatalogueFile]:
    """The catalogue files shipped with footcore, in name order: read from the package's
    directory, or through ``importlib.resources`` where the package is not one on disk (a zip
    archive; that module and the ones it brings are not loaded by a cold `footcore today`)."""
    data: Path | Traversable = DATA_DIR
    if not DATA_DIR.is_dir():
        # Deferred: only a package that is not a directory on disk needs it.
        from importlib import resources  # noqa: PLC0415

        data = resources.files("footcore.catalogue").joinpath("data")
    found = [
        CatalogueFile(entry.name, entry.read_text(encoding="utf-8"), BUILTIN)
        for entry in data.iterdir()
        if entry.name.endswith(".toml") and entry.is_file()
    ]
    return sorted(found, key=lambda f: f.name)


def dir_files(directory: Path | str) -> tuple[list[CatalogueFile], list[Problem]]:
    """A coach's directory of ``*.toml`` files (not recursive), or the problem reading it."""
    d = Path(directory)
    origin = str(d)
    if not d.exists():
        return [], [Problem(origin, "no such directory")]
    if not d.is_dir():
        return [], [Problem(origin, "not a directory; give the folder that holds the .toml files")]
    files: list[CatalogueFile] = []
    problems: list[Problem] = []
    paths = sorted(p for p in d.iterdir() if p.suffix == ".toml" and p.is_file())
    if not paths:
        problems.append(Problem(origin, "no .toml files in this directory"))
    for p in paths:
        try:
            text = p.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(str(p), "not UTF-8 text"))
            continue
        except OSError as exc:
            problems.append(Problem(str(p), f"cannot read ({exc.strerror})"))
            continue
        files.append(CatalogueFile(str(p), text, origin))
    return files, problems


@functools.cache
def builtin_catalogue() -> Catalogue:
    """The built-in catalogue, loaded once per process."""
    files = builtin_files()
    try:
        return _trusted_catalogue(files)
    # ValueError covers tomllib.TOMLDecodeError (a subclass), without importing tomllib here.
    except (KeyError, TypeError, ValueError, AttributeError):
        return validate_files(files)


def load_catalogue(extra_dirs: Sequence[Path | str] = ()) -> Catalogue:
    """The built-in exercises plus every ``*.toml`` file in each extra directory.

    Raises :class:`~footcore.domain.errors.ValidationError` listing every problem found.
    """
    if not extra_dirs:
        return builtin_catalogue()
    files = builtin_files()
    problems: list[Problem] = []
    for d in extra_dirs:
        more, trouble = dir_files(d)
        files += more
        problems += trouble
    return validate_files(files, problems)


def validate_files(files: Iterable[CatalogueFile], problems: Iterable[Problem] = ()) -> Catalogue:
    """Check the files in full and build the catalogue, or raise with every problem."""
    # Imported here: the full check brings pydantic, which loading the built-in files alone
    # (the fast path of ``footcore today``) never needs.
    from footcore.catalogue import validate  # noqa: PLC0415

    return validate.validate_files(files, problems)


def _trusted_catalogue(files: Iterable[CatalogueFile]) -> Catalogue:
    """The catalogue from files known to be valid (the built-ins), without pydantic."""
    files = list(files)
    tables: list[tuple[Mapping[str, Any], str]] = []
    sources: list[Source] = []
    for f, data in zip(files, parsed_tables(files), strict=True):
        tables += [(raw, f.origin) for raw in data.get("exercise", [])]
        sources += [
            Source(id=sid, citation=raw["citation"], kind=raw["kind"])
            for sid, raw in data.get("sources", {}).items()
        ]
    exercises = [exercise_from_table(raw, origin) for raw, origin in tables]
    likes = {raw["slug"]: like_of(raw.get("demo")) for raw, _ in tables}
    exercises = with_likes(exercises, likes)
    order = {ex.slug: i for i, ex in enumerate(exercises)}
    exercises.sort(key=lambda ex: (ex.category.rank, order[ex.slug]))
    return Catalogue(exercises, sources, _builtin_planning)


def _builtin_planning() -> PlanningData:
    """The built-in planning data, read when the catalogue's ``planning`` is first used."""
    # Imported here: the protocols module brings the planner and pydantic, which a command
    # that only lists or shows exercises never needs (see Catalogue).
    from footcore.catalogue.protocols import builtin_planning  # noqa: PLC0415

    return builtin_planning()
