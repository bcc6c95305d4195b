"""Full validation of catalogue files: pydantic models, rules and cross-file checks.

Imported only when files need checking (a coach's directory, ``footcore catalogue check``,
the test-suite), because building the pydantic models costs a noticeable part of a second.
"""

from __future__ import annotations

import functools
import pickle
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydantic

from footcore.catalogue import rules
from footcore.catalogue.protocols import builtin_planning
from footcore.catalogue.schema import (
    DEFAULTS,
    DEMO_VOCABULARIES,
    MODEL_AT,
    SLUG_PATTERN,
    VOCABULARIES,
    ExerciseDraft,
    ExerciseModel,
    SourceModel,
)
from footcore.catalogue.tables import (
    BUILTIN,
    TOP_LEVEL_KEYS,
    CatalogueFile,
    exercise_from_table,
    with_likes,
)
from footcore.domain.errors import Problem, ValidationError
from footcore.domain.exercise import Catalogue, Source


@dataclass
class _Parsed:
    """What the files hold, before the cross-file checks."""

    problems: list[Problem] = field(default_factory=list)
    # slug -> (where prefix, model, origin, load order) for exercises that passed their own checks
    valid: dict[str, tuple[str, ExerciseModel, str, int]] = field(default_factory=dict)
    # slug -> (where prefix, what could be read, origin) for every exercise with a unique slug
    drafts: dict[str, tuple[str, ExerciseDraft, str]] = field(default_factory=dict)
    # every slug seen, with where it was first defined
    seen: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    source_where: dict[str, str] = field(default_factory=dict)
    order: int = 0


def validate_files(files: Iterable[CatalogueFile], problems: Iterable[Problem] = ()) -> Catalogue:
    """Validate the files together and build the catalogue, or raise with every problem."""
    parsed = _Parsed(problems=list(problems))
    for f in files:
        _read_file(f, parsed)
    _cross_checks(parsed)
    if parsed.problems:
        raise ValidationError("catalogue", parsed.problems)
    ordered = sorted(parsed.valid.values(), key=lambda v: (v[1].category.rank, v[3]))
    exercises = [exercise_from_table(model.model_dump(), origin) for _, model, origin, _ in ordered]
    likes = {model.slug: model.demo.like if model.demo else None for _, model, _, _ in ordered}
    # The planning data is built in (a coach's files add exercises, not protocols); it is
    # checked in full against the built-in exercises by validate_planning.
    return Catalogue(with_likes(exercises, likes), parsed.sources.values(), builtin_planning())


def _read_file(f: CatalogueFile, parsed: _Parsed) -> None:
    try:
        data = _toml(f)
    except tomllib.TOMLDecodeError as exc:
        parsed.problems.append(Problem(f.name, f"invalid TOML: {exc}"))
        return
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            parsed.problems.append(
                Problem(f.name, _unknown_key(key, TOP_LEVEL_KEYS, "at the top of a file"))
            )
    raw_sources = data.get("sources", {})
    if not isinstance(raw_sources, dict):
        parsed.problems.append(
            Problem(f"{f.name}: sources", "expected a table per source: [sources.ID]")
        )
    else:
        for sid, raw in raw_sources.items():
            _read_source(f, sid, raw, parsed)
    raw_exercises = data.get("exercise", [])
    if not isinstance(raw_exercises, list) or not all(isinstance(x, dict) for x in raw_exercises):
        parsed.problems.append(
            Problem(
                f"{f.name}: exercise",
                "expected one [[exercise]] table (double brackets) per exercise",
            )
        )
        return
    for index, raw in enumerate(raw_exercises):
        _read_exercise(f, index, raw, parsed)


def _toml(f: CatalogueFile) -> dict[str, Any]:
    """The file's TOML, parsed. Every full check reads every built-in file (the test suite's
    many, ``footcore catalogue check``, a coach's exercise being saved), so a built-in file's
    text is parsed once per process and each check gets a fresh copy of its own, never a
    table another check has seen (a coach's files are parsed every time)."""
    if f.origin != BUILTIN:
        return tomllib.loads(f.text)
    copy: dict[str, Any] = pickle.loads(_builtin_toml(f.text))
    return copy


@functools.lru_cache(maxsize=32)
def _builtin_toml(text: str) -> bytes:
    """A built-in file's parsed TOML, pickled: unpickling makes a fresh copy several times
    faster than parsing again (a file that does not parse raises every time)."""
    return pickle.dumps(tomllib.loads(text), protocol=pickle.HIGHEST_PROTOCOL)


def _read_source(f: CatalogueFile, sid: str, raw: Any, parsed: _Parsed) -> None:
    where = f"{f.name}: source '{sid}'"
    if sid in parsed.source_where:
        parsed.problems.append(
            Problem(where, f"duplicate source id; already defined in {parsed.source_where[sid]}")
        )
        return
    parsed.source_where[sid] = f.name
    if not SLUG_PATTERN.fullmatch(sid):
        parsed.problems.append(
            Problem(where, "a source id is lower-case words joined by hyphens (spink-2011)")
        )
    if not isinstance(raw, dict):
        parsed.problems.append(Problem(where, "expected a table with citation and kind"))
        return
    try:
        model = SourceModel.model_validate(raw)
    except pydantic.ValidationError as exc:
        parsed.problems += [Problem(f"{where}: {k}", msg) for k, msg in _pydantic_findings(exc)]
        return
    parsed.sources[sid] = Source(id=sid, citation=model.citation, kind=model.kind)


def _read_exercise(f: CatalogueFile, index: int, raw: dict[str, Any], parsed: _Parsed) -> None:
    slug = raw.get("slug")
    duplicate = False
    if isinstance(slug, str) and slug:
        where = f"{f.name}: exercise '{slug}'"
        if slug in parsed.seen:
            duplicate = True
            parsed.problems.append(
                Problem(
                    f"{where}: slug",
                    f"duplicate slug; '{slug}' is already defined in {parsed.seen[slug]}",
                )
            )
        else:
            parsed.seen[slug] = f.name
    else:
        where = f"{f.name}: exercise #{index + 1}"

    model: ExerciseModel | None = None
    unreadable: set[str] = set()
    try:
        model = ExerciseModel.model_validate(raw)
    except pydantic.ValidationError as exc:
        parsed.problems += [Problem(f"{where}: {k}", msg) for k, msg in _pydantic_findings(exc)]
        unreadable = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}

    # Check the rest of what could be read, so one run reports every problem.
    readable = {k: v for k, v in raw.items() if k not in unreadable}
    for key, default in DEFAULTS.items():
        if key not in unreadable:
            readable.setdefault(key, default)
    try:
        draft = ExerciseDraft.model_validate(readable)
    except pydantic.ValidationError:
        return
    findings = rules.check_exercise(draft, unreadable)
    if f.origin == BUILTIN and "demo" not in raw:
        findings.append(("demo", "a built-in exercise needs a drawing: add [exercise.demo]"))
    parsed.problems += [Problem(f"{where}: {k}", msg) for k, msg in findings]
    if duplicate or draft.slug is None:
        return
    parsed.drafts[draft.slug] = (where, draft, f.origin)
    if model is not None and not findings:
        parsed.valid[model.slug] = (where, model, f.origin, parsed.order)
        parsed.order += 1


def _cross_checks(parsed: _Parsed) -> None:
    drafts = {slug: v[1] for slug, v in parsed.drafts.items()}
    fixed = [slug for slug, v in parsed.drafts.items() if v[2] == BUILTIN]
    for slug, key, message in rules.check_links(drafts, parsed.seen, fixed):
        parsed.problems.append(Problem(f"{parsed.drafts[slug][0]}: {key}", message))
    for where, draft, _ in parsed.drafts.values():
        like = draft.demo.like if draft.demo is not None else None
        if like is None:
            continue
        other = parsed.drafts.get(like)
        if like not in parsed.seen:
            parsed.problems.append(
                Problem(
                    f"{where}: demo.like",
                    f"unknown exercise '{like}'{rules.did_you_mean(like, parsed.seen)}",
                )
            )
        elif other is not None and (other[1].demo is None or other[1].demo.like is not None):
            parsed.problems.append(
                Problem(
                    f"{where}: demo.like",
                    f"'{like}' has no drawing of its own to reuse; name an exercise whose "
                    "demo gives poses",
                )
            )
    known = sorted(parsed.source_where)
    for where, draft, _ in parsed.drafts.values():
        for sid in draft.sources or ():
            if sid not in parsed.source_where:
                parsed.problems.append(
                    Problem(
                        f"{where}: sources",
                        f"unknown source '{sid}'{rules.did_you_mean(sid, known)} "
                        "(define it as [sources.ID] with citation and kind)",
                    )
                )


def _pydantic_findings(exc: pydantic.ValidationError) -> Iterator[tuple[str, str]]:
    """Pydantic's errors as (key path, plain message) with the allowed terms spelled out."""
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        value = error.get("input")
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
        key = _key_path(loc)
        path = tuple(str(part) for part in loc if not isinstance(part, int))
        if kind == "extra_forbidden":
            parents = path[:-1]
            model = MODEL_AT.get(parents)
            allowed = tuple(model.model_fields) if model is not None else ()
            yield key, _unknown_key(str(loc[-1]), allowed, "")
        elif kind == "missing":
            yield key, "missing required key"
        elif kind == "enum" and isinstance(value, str) and str(loc[0]) in VOCABULARIES:
            noun, vocab = VOCABULARIES[str(loc[0])]
            allowed_terms = vocab.slugs()
            yield (
                key,
                f"'{value}' is not a known {noun}{rules.did_you_mean(value, allowed_terms)} "
                f"(allowed: {rules.quoted(allowed_terms)})",
            )
        elif kind == "enum" and isinstance(value, str) and path in DEMO_VOCABULARIES:
            noun, vocab = DEMO_VOCABULARIES[path]
            allowed_terms = vocab.slugs()
            yield (
                key,
                f"'{value}' is not a known {noun}{rules.did_you_mean(value, allowed_terms)} "
                f"(allowed: {rules.quoted(allowed_terms)})",
            )
        elif kind == "value_error":
            yield key, str(error["msg"]).removeprefix("Value error, ")
        elif kind == "string_pattern_mismatch":
            yield key, f"'{value}' is not a slug: use lower-case words joined by hyphens"
        elif kind == "string_too_short":
            yield key, "must not be empty"
        else:
            yield key, f"{_lower_first(error['msg'])} (got {value!r})"


def _unknown_key(key: str, allowed: Sequence[str], place: str) -> str:
    where = f" {place}" if place else ""
    return (
        f"unknown key '{key}'{where}{rules.did_you_mean(key, allowed)} "
        f"(allowed: {rules.quoted(allowed)})"
    )


def _key_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
