"""The parsed built-in catalogue kept between processes (footcore.catalogue.parsed): read back
when it holds exactly the files, parsed anew when they changed or the kept copy is damaged,
and never in the way when it cannot be written (the command line keeping it in the user's cache:
tests/e2e/test_cli_catalogue_cache.py)."""

from __future__ import annotations

import marshal
import tomllib
from pathlib import Path
from typing import Any

import pytest

from footcore.catalogue import loader, parsed
from footcore.catalogue.loader import builtin_files
from footcore.catalogue.tables import CatalogueFile


def _files(text: str = 'name = "one"\n[[exercise]]\nslug = "a"\n') -> list[CatalogueFile]:
    return [CatalogueFile("x.toml", text, "builtin"), CatalogueFile("y.toml", "n = 2\n", "builtin")]


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> object:
        raise AssertionError("parsed the TOML again")

    monkeypatch.setattr(tomllib, "loads", refuse)


def test_the_second_read_of_the_same_files_comes_from_the_kept_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files()
    first = parsed.parsed_tables(files, tmp_path)
    assert first == [tomllib.loads(f.text) for f in files]
    _no_parsing(monkeypatch)
    assert parsed.parsed_tables(files, tmp_path) == first


def test_a_changed_file_is_parsed_anew_and_the_old_copy_goes(tmp_path: Path) -> None:
    parsed.parsed_tables(_files(), tmp_path)
    changed = _files('name = "two"\n')
    assert parsed.parsed_tables(changed, tmp_path)[0] == {"name": "two"}
    kept = list(tmp_path.iterdir())
    assert kept == [parsed.cache_file(tmp_path)]
    assert parsed.cache_file(tmp_path).read_bytes().count(b"two") == 2  # the text and its table


def test_the_same_text_under_another_file_name_is_parsed_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files()
    parsed.parsed_tables(files, tmp_path)
    renamed = [CatalogueFile("z.toml", files[0].text, "builtin"), files[1]]
    calls: list[str] = []
    loads = tomllib.loads

    def counted(text: str) -> dict[str, object]:
        calls.append(text)
        return loads(text)

    monkeypatch.setattr(tomllib, "loads", counted)
    assert parsed.parsed_tables(renamed, tmp_path) == [loads(f.text) for f in files]
    assert len(calls) == 2


def test_a_copy_kept_by_an_older_footcore_under_a_hashed_name_goes(tmp_path: Path) -> None:
    old = tmp_path / f"{parsed.PREFIX}{parsed._tag()}-{'0' * 40}{parsed.SUFFIX}"
    old.write_bytes(marshal.dumps([{"name": "old"}]))
    parsed.parsed_tables(_files(), tmp_path)
    assert list(tmp_path.iterdir()) == [parsed.cache_file(tmp_path)]


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9"])
def test_a_damaged_copy_is_parsed_anew_and_replaced(tmp_path: Path, damage: bytes) -> None:
    files = _files()
    where = parsed.cache_file(tmp_path)
    where.write_bytes(damage)
    assert parsed.parsed_tables(files, tmp_path) == [tomllib.loads(f.text) for f in files]
    assert where.read_bytes() != damage


@pytest.mark.parametrize(
    "forged",
    [
        [{"name": "forged"}],
        [[["x.toml", "other text"], ["y.toml", "n = 2\n"]], [{"name": "forged"}, {"n": 2}]],
        [[["x.toml", 'name = "one"\n[[exercise]]\nslug = "a"\n'], ["y.toml", "n = 2\n"]], [{}]],
        [[["x.toml", 'name = "one"\n[[exercise]]\nslug = "a"\n'], ["y.toml", "n = 2\n"]], [1, 2]],
    ],
)
def test_a_copy_of_the_wrong_shape_or_of_other_files_is_not_used(
    tmp_path: Path, forged: list[Any]
) -> None:
    files = _files()
    parsed.cache_file(tmp_path).write_bytes(marshal.dumps(forged))
    assert parsed.parsed_tables(files, tmp_path)[0] == {"name": "one", "exercise": [{"slug": "a"}]}


def test_a_cache_directory_that_cannot_be_made_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the directory would go", encoding="utf-8")
    files = _files()
    assert parsed.parsed_tables(files, blocked / "cache") == [tomllib.loads(f.text) for f in files]
    assert list(tmp_path.iterdir()) == [blocked]


def test_the_built_in_catalogue_is_the_same_from_the_kept_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed, "cache_dir", lambda: tmp_path)
    files = builtin_files()
    fresh = loader._trusted_catalogue(files)
    assert parsed.cache_file(tmp_path).exists()
    _no_parsing(monkeypatch)
    again = loader._trusted_catalogue(files)
    assert [e.slug for e in again] == [e.slug for e in fresh]
    assert list(again) == list(fresh)
    assert again.sources == fresh.sources


def test_a_process_that_names_no_directory_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed, "_WHERE", {})
    files = _files()
    assert parsed.parsed_tables(files) == [tomllib.loads(f.text) for f in files]
    parsed.keep_in(lambda: tmp_path)
    parsed.parsed_tables(files)
    assert parsed.cache_file(tmp_path).exists()
    parsed.keep_in(None)
    assert parsed.cache_dir() is None
