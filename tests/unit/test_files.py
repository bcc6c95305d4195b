from __future__ import annotations

from pathlib import Path

import pytest

from footcore.domain.errors import FootcoreError
from footcore.io.files import read_mapping


def test_reads_toml_and_json_into_the_same_mapping(tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text('name = "Ana"\nage = 38\n')
    (tmp_path / "p.json").write_text('{"name": "Ana", "age": 38}')
    assert read_mapping(tmp_path / "p.toml") == read_mapping(tmp_path / "p.json")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FootcoreError, match="no such file"):
        read_mapping(tmp_path / "absent.toml")


def test_malformed_json_reports_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"age": 38,\n "name": }')
    with pytest.raises(FootcoreError, match=r"bad\.json: malformed file: invalid JSON .*line 2"):
        read_mapping(bad)


def test_a_top_level_list_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "list.json"
    f.write_text("[1, 2]")
    with pytest.raises(FootcoreError, match="expected a table of keys at the top, got a list"):
        read_mapping(f)


def test_unknown_suffix_falls_back_from_json_to_toml(tmp_path: Path) -> None:
    f = tmp_path / "profile.txt"
    f.write_text('name = "Bo"\n')
    assert read_mapping(f) == {"name": "Bo"}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.toml", 'name = "x"\nnested = ' + "[" * 1000 + "]" * 1000 + "\n"),
        ("deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ],
)
def test_a_file_nested_a_thousand_levels_deep_is_refused_in_words(
    tmp_path: Path, name: str, text: str
) -> None:
    """4 KB of nested arrays ended in RecursionError (exit 1) for a profile or a backup."""
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(FootcoreError, match="nested too deeply"):
        read_mapping(path)
