"""Reading the small input files people hand to footcore (profiles, assessments).

TOML and JSON hold the same keys; the suffix decides the parser (``.toml``, ``.json``) and a
file with another suffix is tried as JSON, then TOML. Every failure is a FootcoreError that
names the file and, where the parser says, the line.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from footcore.domain.errors import FootcoreError


def read_mapping(path: Path | str) -> dict[str, Any]:
    """The top-level table of a TOML or JSON file, as a dict."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise FootcoreError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise FootcoreError(f"{p}: is a directory, expected a .toml or .json file") from None
    except OSError as exc:
        raise FootcoreError(f"{p}: cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FootcoreError(f"{p}: not UTF-8 text") from None

    suffix = p.suffix.lower()
    parsers = (
        [_parse_toml]
        if suffix == ".toml"
        else [_parse_json]
        if suffix == ".json"
        else [_parse_json, _parse_toml]
    )
    errors: list[str] = []
    for parse in parsers:
        try:
            data = parse(text)
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if not isinstance(data, dict):
            raise FootcoreError(f"{p}: expected a table of keys at the top, got {_kind(data)}")
        return data
    raise FootcoreError(f"{p}: malformed file: {'; '.join(errors)}")


#: What a parser says of lists or tables nested past Python's recursion limit (a crafted
#: file: no footcore file nests more than a few levels).
TOO_DEEP = "nested too deeply (lists or tables inside each other hundreds of times)"


def _parse_toml(text: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"invalid TOML ({exc})") from None
    except RecursionError:
        raise ValueError(f"invalid TOML ({TOO_DEEP})") from None


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ValueError(f"invalid JSON ({TOO_DEEP})") from None


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )
