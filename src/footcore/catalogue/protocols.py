"""Load the planning data: the goals' protocols and the day's wants (``data/protocols/``).

Each file holds ``[[protocol]]`` tables (one goal's programme, or its variants) and
``routines.toml`` holds ``[weights]``, ``[[routine]]`` and ``[[balance]]`` (docs/planner.md
describes every key). Like the exercises, the built-in files load on a fast path without
pydantic; :func:`validate_planning` checks them in full (the test suite and
``footcore catalogue check`` run it) and reports every problem at once, located as
``FILE: protocol 'ID': KEY``, with did-you-mean suggestions for unknown exercises.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from footcore.domain.errors import Problem, ValidationError, suggest
from footcore.domain.exercise import Catalogue, Tempo
from footcore.domain.planning.protocol import (
    Days,
    Frequency,
    PainRules,
    PlanningData,
    Protocol,
    ProtocolItem,
    RunIn,
    Stage,
    Walking,
    Want,
)
from footcore.domain.vocab import Category, Equipment, Goal, Load, PainSite, Slot, Target

ROUTINES_FILE = "routines.toml"


@dataclass(frozen=True)
class PlanningFile:
    name: str
    text: str


def builtin_planning_files() -> list[PlanningFile]:
    data = resources.files("footcore.catalogue").joinpath("data").joinpath("protocols")
    found = [
        PlanningFile(entry.name, entry.read_text(encoding="utf-8"))
        for entry in data.iterdir()
        if entry.name.endswith(".toml") and entry.is_file()
    ]
    return sorted(found, key=lambda f: f.name)


@functools.cache
def builtin_planning() -> PlanningData:
    """The built-in planning data, loaded once per process (fast path, no pydantic)."""
    return planning_from_raw([(f.name, tomllib.loads(f.text)) for f in builtin_planning_files()])


# -- raw TOML -> domain objects ----------------------------------------------------------------


def planning_from_raw(files: Iterable[tuple[str, Mapping[str, Any]]]) -> PlanningData:
    protocols: list[Protocol] = []
    routines: tuple[Want, ...] = ()
    balance: tuple[Want, ...] = ()
    weights: Mapping[str, float] = {}
    for name, raw in files:
        if name == ROUTINES_FILE:
            weights = raw["weights"]
            routines = tuple(_want(w, "") for w in raw.get("routine", ()))
            balance = tuple(_want(w, "general") for w in raw.get("balance", ()))
        else:
            protocols += [_protocol(p) for p in raw["protocol"]]
    protocols.sort(key=lambda p: (-p.priority, p.id))
    return PlanningData(
        protocols=tuple(protocols),
        routines=routines,
        balance=balance,
        lead_bonus=float(weights.get("lead_bonus", 0)),
        focus_priority=float(weights.get("focus_priority", 0)),
        focus_bonus=float(weights.get("focus_bonus", 0)),
        focus_goal_offset=float(weights.get("focus_goal_offset", 0)),
    )


def _stage(raw: Mapping[str, Any]) -> Stage:
    tempo = raw.get("tempo")
    return Stage(
        from_week=raw["from_week"],
        exercise=raw["exercise"],
        sets=raw["sets"],
        reps=raw.get("reps"),
        hold_s=raw.get("hold_s"),
        duration_s=raw.get("duration_s"),
        rest_s=raw.get("rest_s"),
        tempo=Tempo(tempo["up_s"], tempo["hold_s"], tempo["down_s"]) if tempo else None,
        added_load=raw.get("added_load"),
        note=raw.get("note", ""),
        alternates=tuple(raw.get("alternates", ())),
        stand_ins=tuple(raw.get("stand_ins", ())),
    )


def _item(raw: Mapping[str, Any]) -> ProtocolItem:
    return ProtocolItem(
        id=raw["id"],
        stages=tuple(_stage(s) for s in raw["stage"]),
        without=MappingProxyType(
            {
                tuple(Equipment(e) for e in key.split("+")): tuple(_stage(s) for s in v)
                for key, v in raw.get("without", {}).items()
            }
        ),
        work=raw.get("work") or "",
    )


def _want(raw: Mapping[str, Any], goal: str) -> Want:
    load = raw.get("max_load")
    slot = raw.get("slot")
    target = raw.get("target")
    return Want(
        key=raw["key"],
        category=Category(raw["category"]),
        priority=float(raw["priority"]),
        reason=raw["reason"],
        kind=raw.get("kind", ""),
        target=Target(target) if target else None,
        chain=raw.get("chain"),
        slot=Slot(slot) if slot else None,
        slots=tuple(Slot(s) for s in raw.get("slots", ())),
        days=Days(raw.get("days", "all")),
        max_load=Load(load) if load else None,
        dynamic=raw.get("dynamic", False),
        double_leg=raw.get("double_leg", False),
        max_sets=raw.get("max_sets"),
        goal=goal,
        cramp_prone_only=raw.get("cramp_prone_only", False),
        gentle=raw.get("gentle", False),
    )


def _pain(raw: Mapping[str, Any]) -> PainRules:
    reduced = raw.get("reduced")
    return PainRules(
        reduced=None if reduced is None else tuple(_item(i) for i in reduced),
        reduced_note=raw.get("reduced_note", ""),
        high=tuple(_item(i) for i in raw.get("high", ())),
        high_note=raw.get("high_note", ""),
        high_frequency=Frequency(raw.get("high_frequency", "daily")),
        reduced_keeps_loading_days=raw.get("reduced_keeps_loading_days", False),
        no_stretch=tuple(Target(t) for t in raw.get("no_stretch", ())),
        no_stretch_ever=tuple(Target(t) for t in raw.get("no_stretch_ever", ())),
        avoid=tuple(raw.get("avoid", ())),
        avoid_when_high=tuple(raw.get("avoid_when_high", ())),
    )


def _protocol(raw: Mapping[str, Any]) -> Protocol:
    goal = Goal(raw["goal"])
    walking = raw.get("walking")
    run_in = raw.get("run_in")
    return Protocol(
        id=raw["id"],
        goal=goal,
        name=raw["name"],
        summary=raw["summary"],
        sources=tuple(raw["sources"]),
        frequency=Frequency(raw["frequency"]),
        weeks=raw["weeks"],
        items=tuple(_item(i) for i in raw.get("item", ())),
        running=raw["running"],
        pain=_pain(raw.get("pain", {})),
        daily=tuple(_want(w, str(goal)) for w in raw.get("daily", ())),
        focus=tuple(_want(w, str(goal)) for w in raw.get("focus", ())),
        notes=tuple(raw.get("notes", ())),
        sites=tuple(PainSite(s) for s in raw.get("sites", ())),
        days_per_week=tuple((int(a), int(b)) for a, b in raw.get("days_per_week", ())),
        priority=float(raw["priority"]),
        walking=None if walking is None else Walking(**{"note": "", **walking}),
        run_in=None
        if run_in is None
        else RunIn(**{**run_in, "criteria": tuple(run_in["criteria"])}),
        departs=raw.get("departs", ""),
        beyond=raw.get("beyond", ""),
        retest=raw.get("retest", ""),
        retest_weeks=tuple(raw.get("retest_weeks", ())),
    )


# -- full validation ----------------------------------------------------------------------------


def validate_planning(files: Iterable[PlanningFile], catalogue: Catalogue) -> PlanningData:
    """Check the planning files in full against ``catalogue`` and build the data, or raise
    :class:`ValidationError` with every problem."""
    # Imported here: the built-in files take the fast path (planning_from_raw) without
    # pydantic, which a cold `footcore plan` or `today --profile` then never loads.
    from pydantic import ValidationError as PydanticError  # noqa: PLC0415

    from footcore.catalogue.protocols_schema import ProtocolFileModel, RoutinesFileModel  # noqa: PLC0415

    problems: list[Problem] = []
    parsed: list[tuple[str, Mapping[str, Any]]] = []
    for f in files:
        try:
            raw = tomllib.loads(f.text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(f.name, f"not valid TOML: {exc}"))
            continue
        model = RoutinesFileModel if f.name == ROUTINES_FILE else ProtocolFileModel
        try:
            model.model_validate(raw)
        except PydanticError as exc:
            problems += [_located(f.name, raw, e) for e in exc.errors()]
            continue
        parsed.append((f.name, raw))
        problems += _cross_checks(f.name, raw, catalogue)
    if problems:
        raise ValidationError("planning data", problems)
    return planning_from_raw(parsed)


def _located(file: str, raw: Mapping[str, Any], err: Any) -> Problem:
    loc = list(err.get("loc", ()))
    where = file
    if len(loc) >= 2 and loc[0] == "protocol" and isinstance(loc[1], int):
        pid = raw.get("protocol", [{}])[loc[1]].get("id", f"#{loc[1] + 1}")
        where += f": protocol '{pid}'"
        loc = loc[2:]
    key = ".".join(str(p) for p in loc)
    message = str(err.get("msg", "invalid value"))
    if err.get("type") == "extra_forbidden":
        message = "unknown key"
    return Problem(f"{where}: {key}" if key else where, message)


def _cross_checks(file: str, raw: Mapping[str, Any], catalogue: Catalogue) -> list[Problem]:
    """What the schema cannot see: exercises and sources that exist, stages in week order."""
    found: list[Problem] = []
    known = set(catalogue.slugs)
    for p in raw.get("protocol", ()):
        where = f"{file}: protocol '{p['id']}'"
        for source in p.get("sources", ()):
            if source not in catalogue.sources:
                found.append(Problem(f"{where}: sources", f"unknown source '{source}'"))
        for path, slug in _exercises_named(p):
            if slug not in known:
                hint = suggest(slug, known)
                more = f"; did you mean '{hint[0]}'?" if hint else ""
                found.append(Problem(f"{where}: {path}", f"unknown exercise '{slug}'{more}"))
        for path, stages in _stage_lists(p):
            weeks = [s["from_week"] for s in stages]
            if weeks[0] != 1 or weeks != sorted(set(weeks)):
                found.append(
                    Problem(
                        f"{where}: {path}",
                        f"stages must start at week 1 and rise (from_week {weeks})",
                    )
                )
    for section in ("routine", "balance"):
        for w in raw.get(section, ()):
            chain = w.get("chain")
            if chain is not None and chain not in known:
                found.append(
                    Problem(f"{file}: {section} '{w['key']}': chain", f"unknown exercise '{chain}'")
                )
    return found


def _items(p: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    pain = p.get("pain", {})
    out = [(f"item '{i['id']}'", i) for i in p.get("item", ())]
    out += [(f"pain.reduced '{i['id']}'", i) for i in pain.get("reduced", None) or ()]
    out += [(f"pain.high '{i['id']}'", i) for i in pain.get("high", ())]
    return out


def _stage_lists(p: Mapping[str, Any]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    out = []
    for label, item in _items(p):
        out.append((f"{label}.stage", list(item["stage"])))
        for equipment, stages in item.get("without", {}).items():
            out.append((f"{label}.without.{equipment}", list(stages)))
    return out


def _exercises_named(p: Mapping[str, Any]) -> list[tuple[str, str]]:
    out = []
    for path, stages in _stage_lists(p):
        out += [(f"{path}[{n}].exercise", s["exercise"]) for n, s in enumerate(stages)]
        out += [
            (f"{path}[{n}].{key}", a)
            for n, s in enumerate(stages)
            for key in ("alternates", "stand_ins")
            for a in s.get(key, ())
        ]
    pain = p.get("pain", {})
    for key in ("avoid", "avoid_when_high"):
        out += [(f"pain.{key}", slug) for slug in pain.get(key, ())]
    for part in ("daily", "focus"):
        for w in p.get(part, ()):
            if w.get("chain"):
                out.append((f"{part} '{w['key']}'.chain", w["chain"]))
    if p.get("walking"):
        out.append(("walking.exercise", p["walking"]["exercise"]))
    return out
