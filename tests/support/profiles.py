"""The example athletes of the tests, as the profile mappings footcore reads.

``ANA`` is the runner the suites share (examples/ana.toml is her too, with her self-tests):
38, two goals, four kinds of equipment, 12 minutes a day in five slots, cramp-prone, heel pain
3/10, running four days a week with the long run on Sunday. A test that needs her a little
different says how with :func:`ana`, so the difference is what it reads.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

ANA: Mapping[str, Any] = {
    "name": "Ana",
    "age": 38,
    "sex": "female",
    "goals": ["general", "plantar-heel-pain"],
    "equipment": ["towel", "ball", "step", "band"],
    "minutes_per_day": 12,
    "slots": ["morning", "desk", "teeth", "pre-run", "post-run"],
    "cramp_prone": True,
    "pain": {"nrs": 3, "site": "heel"},
    "running": {"days": ["tue", "thu", "sat", "sun"], "long_run_day": "sun", "weekly_km": 35},
}


def ana(*without: str, **changes: Any) -> dict[str, Any]:
    """A fresh copy of :data:`ANA` without the keys named (``"running.weekly_km"`` names one
    inside a table), then with ``changes`` set."""
    profile = copy.deepcopy(dict(ANA))
    for key in without:
        table, _, inner = key.partition(".")
        if inner:
            del profile[table][inner]
        else:
            del profile[key]
    profile.update(copy.deepcopy(changes))
    return profile


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def as_toml(profile: Mapping[str, Any]) -> str:
    """The profile as a TOML file: keys in order, then each table (``[running]``) after."""
    lines = [""]
    tables = []
    for key, value in profile.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, table in tables:
        lines.append(f"[{key}]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"
