"""Full validation of the self-test data file (``domain/assessments/data/self-tests.toml``).

The domain reads the file with the standard library alone and trusts it
(:mod:`footcore.domain.assessments.loading`); this module checks it the way
:mod:`footcore.catalogue.validate` checks the exercise files: pydantic models for the shape of
each table (unknown keys refused), then the rules across keys, every problem at once, each
located as ``FILE: test 'ID': KEY``. The test-suite runs it on the shipped file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

from footcore.catalogue.schema import Slug, SourceModel, Text
from footcore.domain.assessments import loading
from footcore.domain.assessments.model import Shape, num
from footcore.domain.errors import Problem

Number = Annotated[int, Strict()] | Annotated[float, Strict()]
Age = Annotated[int, Strict(), Field(ge=0, le=120)]
TestId = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*$")]
Name = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*$")]
#: A number, or the name of a figure.
FigureOrNumber = Number | Name


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ValidModel(_Strict):
    low: Number
    high: Number
    whole: Annotated[bool, Strict()] = False
    unit: str = ""


class NormRowModel(_Strict):
    age_min: Age | None = None
    age_max: Age | None = None
    source: Slug | None = None
    reference: Number | None = None
    male: Number | None = None
    female: Number | None = None
    mean: Number | None = None
    sd: Number | None = None
    high_above: Number | None = None
    borderline_from: Number | None = None


class NormModel(_Strict):
    band: Literal["mean-sd", "margin", "at-least", "cut-offs"]
    source: Slug
    label: Text
    row: Text | None = None
    margin: FigureOrNumber | None = None
    ceiling: FigureOrNumber | None = None
    rows: Annotated[list[NormRowModel], Field(min_length=1)]


class TestModel(_Strict):
    __test__ = False  # not a pytest class

    id: TestId
    name: Text
    short_name: Text | None = None
    aliases: list[Slug | TestId] = []
    unit: Text
    shape: Shape
    sided: Annotated[bool, Strict()]
    valid: ValidModel
    purpose: Text
    equipment: list[Text] = []
    protocol: Annotated[list[Text], Field(min_length=1)]
    norm_summary: Text
    band_rule: Text
    asymmetry_threshold: FigureOrNumber | None = None
    asymmetry_rule: Text
    smallest_real_change: FigureOrNumber | None = None
    change_rule: Text
    higher_is_better: Annotated[bool, Strict()] | None = None
    sources: list[Slug] = []
    figures: dict[Name, Number] = {}
    norm: NormModel | None = None
    items: dict[Name, list[Text]] = {}


class SelfTestFileModel(_Strict):
    figures: dict[Name, Number] = {}
    sources: dict[Slug, SourceModel]
    test: Annotated[list[TestModel], Field(min_length=1)]


#: The keys a norm row needs for each band.
ROW_KEYS = {
    "mean-sd": (("mean", "sd"),),
    "cut-offs": (("high_above", "borderline_from"),),
    "margin": (("reference",), ("male", "female")),
    "at-least": (("reference",), ("male", "female")),
}


def check_self_tests(text: str, name: str = loading.DATA_FILE) -> list[Problem]:
    """Every problem in one self-test data file (none: the domain may trust it)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [Problem(name, f"not valid TOML: {exc}")]
    try:
        model = SelfTestFileModel.model_validate(raw)
    except pydantic.ValidationError as exc:
        return [_problem(name, raw, err) for err in exc.errors()]
    problems = [Problem(where, message) for where, message in _rules(model, raw)]
    return [Problem(f"{name}: {p.where}" if p.where else name, p.message) for p in problems]


def _problem(name: str, raw: Mapping[str, Any], err: Any) -> Problem:
    loc = list(err["loc"])
    where = name
    if len(loc) >= 2 and loc[0] == "test" and isinstance(loc[1], int):
        tests = raw.get("test", [])
        tid = tests[loc[1]].get("id", f"#{loc[1] + 1}") if loc[1] < len(tests) else loc[1]
        where += f": test '{tid}'"
        loc = loc[2:]
    key = ".".join(str(part) for part in loc)
    return Problem(f"{where}: {key}" if key else where, err["msg"])


def _rules(model: SelfTestFileModel, raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    seen: dict[str, str] = {}
    for test, table in zip(model.test, raw["test"], strict=True):
        at = f"test '{test.id}'"
        for name in (test.id, *test.aliases, test.id.replace("_", "-")):
            if seen.get(name, test.id) != test.id:
                yield at, f"the name {name!r} is already test '{seen[name]}'s"
            seen[name] = test.id
        found = list(_test_rules(test, model))
        # The prose is rendered only from a table whose keys are sound.
        yield from ((f"{at}: {key}", msg) for key, msg in found or _prose_rules(table, raw))


def _test_rules(test: TestModel, model: SelfTestFileModel) -> Iterator[tuple[str, str]]:
    figures = {**model.figures, **test.figures}
    for sid in test.sources:
        if sid not in model.sources:
            yield "sources", f"unknown source {sid!r}; define it as [sources.{sid}]"
    for key in ("asymmetry_threshold", "smallest_real_change"):
        value = getattr(test, key)
        if isinstance(value, str) and value not in figures:
            yield key, f"{value!r} is not a figure of this test"
    norm = test.norm
    if norm is None:
        return
    for key in ("margin", "ceiling"):
        value = getattr(norm, key)
        needs = {"margin": "margin", "at-least": "ceiling"}.get(norm.band)
        if needs == key and value is None:
            yield f"norm.{key}", f"a {norm.band!r} norm needs its {key}"
        if isinstance(value, str) and value not in figures:
            yield f"norm.{key}", f"{value!r} is not a figure of this test"
    for i, row in enumerate(norm.rows, 1):
        where = f"norm.rows[{i}]"
        source = row.source or norm.source
        if source not in test.sources:
            yield where, f"its source {source!r} is not among the test's sources"
        given = {k for k, v in row.model_dump().items() if v is not None}
        values = given - {"age_min", "age_max", "source"}
        if not any(set(keys) == values for keys in ROW_KEYS[norm.band]):
            allowed = " or ".join(" and ".join(keys) for keys in ROW_KEYS[norm.band])
            yield where, f"a {norm.band!r} row gives {allowed} (found: {', '.join(sorted(values))})"
        if row.age_min is not None and row.age_max is not None and row.age_min > row.age_max:
            yield where, f"age_min {row.age_min} is above age_max {row.age_max}"


def _prose_rules(table: Mapping[str, Any], raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Every placeholder resolves, and no figure the prose uses is also written out."""
    figures = loading.figures_of(table, raw.get("figures", {}))
    try:
        built = loading.self_test_from_table(table, figures)
    except (KeyError, ValueError, IndexError, AttributeError) as exc:
        yield "prose", f"a placeholder does not resolve: {exc}"
        return
    texts = _prose(table)
    used = {
        name
        for _, text in texts
        for field, _spec in loading.placeholders(text)
        for name in loading.names_in(field)
    }
    # The figures the file declares (not the derived ones, nor the thresholds, whose numbers
    # also count points on a scale) and the norm rows' values.
    declared = {**raw.get("figures", {}), **table.get("figures", {})}
    watched = {declared[n] for n in used if n in declared}
    watched |= set(table.get("figures", {}).values()) | set(_row_values(table).values())
    watched |= {
        value
        for n in built.norms
        for value in (n.reference, n.low_below, n.high_above, n.borderline_from)
        if value is not None
    }
    for key, text in texts:
        found = [num(n) for n in loading.numbers_in([text]) if n in watched]
        if found:
            yield (
                key,
                (
                    f"{', '.join(found)} {'is' if len(found) == 1 else 'are'} written out: "
                    "a figure of this test, to take from the data with its {placeholder}"
                ),
            )


def _prose(table: Mapping[str, Any]) -> list[tuple[str, str]]:
    texts = [(key, table[key]) for key in loading.PROSE if key in table]
    texts += [
        (f"{key}[{i}]", t)
        for key in loading.PROSE_LISTS
        for i, t in enumerate(table.get(key, ()), 1)
    ]
    norm = table.get("norm") or {}
    texts += [(f"norm.{key}", norm[key]) for key in ("label", "row") if key in norm]
    return texts


def _row_values(table: Mapping[str, Any]) -> dict[str, float]:
    norm = table.get("norm") or {}
    return {
        f"{i}.{k}": v
        for i, row in enumerate(norm.get("rows", ()))
        for k, v in row.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }
