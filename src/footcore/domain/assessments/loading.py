"""The self-tests from their data file, ``data/self-tests.toml`` (standard library only).

The file's header explains its format. This module trusts the file (it ships with footcore):
:mod:`footcore.catalogue.self_tests` checks it in full with pydantic, and the test-suite runs
that check, as it does for the exercise catalogue. Prose is written once with placeholders
for the figures it states (``{mean}``, ``{caution_max+1}``, ``{rows}``), so a number lives in
one place and the sentences follow it; :func:`render` fills them in.
"""

from __future__ import annotations

import math
import re
import string
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from footcore.domain.assessments.model import Norm, SelfTest, Shape, ValidRange, num
from footcore.domain.exercise import Source
from footcore.domain.vocab import Sex

DATA_FILE = "self-tests.toml"
#: The prose fields of a test (each a sentence, or a list of them), rendered with its figures.
PROSE = ("name", "purpose", "norm_summary", "band_rule", "asymmetry_rule", "change_rule")
PROSE_LISTS = ("equipment", "protocol")
#: How a norm row becomes a band (the file's ``norm.band``).
BANDS = ("mean-sd", "margin", "at-least", "cut-offs")
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_TOKEN = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|[-+*])")


def builtin_text() -> str:
    """The text of the self-test data file shipped with footcore."""
    data = resources.files("footcore.domain.assessments").joinpath("data", DATA_FILE)
    return data.read_text(encoding="utf-8")


@dataclass(frozen=True)
class SelfTestData:
    """Everything the data file holds, built into the domain's types."""

    tests: Mapping[str, SelfTest]
    sources: Mapping[str, Source]
    #: The figures each test's prose may use (the shared ones, its own, its derived ones).
    figures: Mapping[str, Mapping[str, float]]
    #: Item lists (the FAAM's ``adl`` and ``sports``), in order.
    items: Mapping[str, tuple[str, ...]]


# --- the prose -------------------------------------------------------------------------------


class Rows:
    """A norm table in prose: each row through the norm's ``row`` template, joined by ", ";
    ``rows[SOURCE]`` is the rows from one source."""

    def __init__(self, texts: Sequence[tuple[str, str]]) -> None:
        self._texts = tuple(texts)  # (source, text)

    def __getitem__(self, source: str) -> Rows:
        found = [(s, t) for s, t in self._texts if s == source]
        if not found:
            raise KeyError(f"no norm row from {source!r}")
        return Rows(found)

    def __format__(self, spec: str) -> str:
        return ", ".join(text for _, text in self._texts)


class _Prose(string.Formatter):
    """``str.format`` over figures, with sums and products and three number formats."""

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, int):
            raise KeyError(key)
        if key in kwargs:
            return kwargs[key]
        return evaluate(key, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Rows):
            return format(value, format_spec)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(super().format_field(value, format_spec))
        if format_spec == "":
            return num(value)
        if format_spec == "pct":
            return f"{num(round(value * 100, 9))}%"
        if format_spec == "ceil":
            return str(math.ceil(round(value, 9)))
        if format_spec == "word" and value == int(value) and 0 <= value < len(_WORDS):
            return _WORDS[int(value)]
        raise ValueError(f"unknown format {format_spec!r} for {num(value)}")


def evaluate(expression: str, names: Mapping[str, Any]) -> float:
    """``a+b``, ``a-b``, ``a*b`` of figures and numbers, left to right."""
    tokens = _TOKEN.findall(expression)
    if "".join(tokens) != expression.replace(" ", "") or len(tokens) % 2 == 0:
        raise KeyError(expression)
    total = _operand(tokens[0], names)
    for op, operand in zip(tokens[1::2], tokens[2::2], strict=True):
        value = _operand(operand, names)
        if op == "+":
            total += value
        elif op == "-":
            total -= value
        elif op == "*":
            total *= value
        else:
            raise KeyError(expression)
    return total


def _operand(token: str, names: Mapping[str, Any]) -> float:
    if token[0].isdigit():
        return float(token) if "." in token else int(token)
    value = names[token]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise KeyError(token)
    return value


def names_in(field: str) -> list[str]:
    """The figure names a placeholder's field uses (``mean-sd`` -> mean, sd)."""
    head = field.split("[", 1)[0].split(".", 1)[0]
    return [t for t in _TOKEN.findall(head) if t[0].isalpha() or t[0] == "_"]


def render(template: str, names: Mapping[str, Any]) -> str:
    """The template with its placeholders filled from ``names`` (figures, ``rows``)."""
    return _Prose().vformat(template, (), names)


def placeholders(template: str) -> list[tuple[str, str]]:
    """Each ``(field, format spec)`` a template uses, in order."""
    return [
        (field, spec or "")
        for _, field, spec, _ in string.Formatter().parse(template)
        if field is not None
    ]


# --- the norms -------------------------------------------------------------------------------


def figure(value: float | str, figures: Mapping[str, float]) -> float:
    """A number, or the name of a figure."""
    return figures[value] if isinstance(value, str) else value


def ages_text(age_min: int | None, age_max: int | None) -> str:
    if age_max is None:
        return f"{age_min}+"
    return f"{age_min}-{age_max}"


def ages_of(row: Mapping[str, Any]) -> str:
    return ages_text(row.get("age_min"), row.get("age_max"))


def _references(row: Mapping[str, Any]) -> list[tuple[Sex | None, float]]:
    if "reference" in row:
        return [(None, row["reference"])]
    return [(Sex.MALE, row["male"]), (Sex.FEMALE, row["female"])]


def norms_from(
    norm: Mapping[str, Any], figures: Mapping[str, float], names: Mapping[str, Any]
) -> tuple[Norm, ...]:
    """The norm rows of one test as :class:`Norm` s, in order (men before women)."""
    rows: list[Norm] = []
    for row in norm["rows"]:
        age_min, age_max = row.get("age_min"), row.get("age_max")
        common: dict[str, Any] = {
            "source": row.get("source", norm["source"]),
            "age_min": age_min,
            "age_max": age_max,
        }
        for sex, reference, fields in _bands(norm, row, figures):
            words = {
                **names,
                **row,
                **fields,
                "reference": reference,
                "sex": sex.value if sex else "",
                "ages": ages_of(row),
                "low": fields.get("low_below"),
                "high": fields.get("high_above"),
            }
            label = render(norm["label"], words)
            rows.append(Norm(reference=reference, label=label, sex=sex, **common, **fields))
    return tuple(rows)


_Band = tuple[Sex | None, float | None, dict[str, Any]]


def _bands(
    norm: Mapping[str, Any], row: Mapping[str, Any], figures: Mapping[str, float]
) -> list[_Band]:
    """One norm row's bands (one per sex, or one for both): sex, reference, Norm fields."""
    band = norm["band"]
    if band == "mean-sd":
        mean, sd = float(row["mean"]), float(row["sd"])
        low, high = round(mean - sd, 2), round(mean + sd, 2)
        return [(None, mean, {"spread": sd, "low_below": low, "high_above": high})]
    if band == "cut-offs":
        cut = {"high_above": float(row["high_above"])}
        return [(None, None, cut | {"borderline_from": float(row["borderline_from"])})]
    if band == "margin":
        margin = figure(norm["margin"], figures)
        return [
            (sex, float(r), {"low_below": float(r - margin), "high_above": float(r + margin)})
            for sex, r in _references(row)
        ]
    if band == "at-least":
        ceiling = float(figure(norm["ceiling"], figures))
        return [
            (sex, float(r), {"low_below": float(r), "ceiling": ceiling})
            for sex, r in _references(row)
        ]
    raise ValueError(f"unknown norm band {band!r} (known: {', '.join(BANDS)})")


def _rows(norm: Mapping[str, Any] | None, names: Mapping[str, Any]) -> Rows | None:
    if not norm or "row" not in norm:
        return None
    texts = [
        (
            row.get("source", norm["source"]),
            render(norm["row"], {**names, **row, "ages": ages_of(row)}),
        )
        for row in norm["rows"]
    ]
    return Rows(texts)


# --- the file --------------------------------------------------------------------------------


def figures_of(raw: Mapping[str, Any], shared: Mapping[str, float]) -> dict[str, float]:
    """The figures one test's prose may use: the shared ones, its own, the derived ones."""
    figures: dict[str, float] = {**shared, **raw.get("figures", {})}
    for subscale, items in raw.get("items", {}).items():
        figures[f"{subscale}_items"] = len(items)
    for key in ("asymmetry_threshold", "smallest_real_change"):
        if key in raw:
            figures[key] = float(figure(raw[key], figures))
    norm = raw.get("norm")
    if norm:
        ages = [row["age_min"] for row in norm["rows"] if "age_min" in row]
        if ages:
            figures["youngest_age"] = min(ages)
        if len(norm["rows"]) == 1:
            (row,) = norm["rows"]
            figures.update({k: v for k, v in row.items() if k not in ("source",)})
    return figures


def self_test_from_table(raw: Mapping[str, Any], figures: Mapping[str, float]) -> SelfTest:
    """One ``[[test]]`` table as a :class:`SelfTest` (already checked, or known good)."""
    names: dict[str, Any] = dict(figures)
    rows = _rows(raw.get("norm"), names)
    if rows is not None:
        names["rows"] = rows
    text: dict[str, Any] = {key: render(raw[key], names) for key in PROSE}
    text |= {key: tuple(render(t, names) for t in raw.get(key, ())) for key in PROSE_LISTS}
    valid = raw["valid"]
    return SelfTest(
        id=raw["id"],
        unit=raw["unit"],
        shape=Shape(raw["shape"]),
        sided=raw["sided"],
        valid=ValidRange(
            valid["low"], valid["high"], whole=valid.get("whole", False), unit=valid.get("unit", "")
        ),
        norms=norms_from(raw["norm"], figures, names) if raw.get("norm") else (),
        asymmetry_threshold=_given(raw, figures, "asymmetry_threshold"),
        smallest_real_change=_given(raw, figures, "smallest_real_change"),
        higher_is_better=raw.get("higher_is_better"),
        sources=tuple(raw.get("sources", ())),
        short_name=raw.get("short_name", ""),
        aliases=tuple(raw.get("aliases", ())),
        **text,
    )


def _given(raw: Mapping[str, Any], figures: Mapping[str, float], key: str) -> float | None:
    """A threshold the test gives (as a number or a figure's name), or ``None``."""
    return figures[key] if key in raw else None


def parse_self_tests(text: str) -> SelfTestData:
    """The self-tests of one data file's text."""
    data = tomllib.loads(text)
    shared = data.get("figures", {})
    sources = {
        sid: Source(sid, raw["citation"], raw["kind"]) for sid, raw in data["sources"].items()
    }
    figures = {raw["id"]: figures_of(raw, shared) for raw in data["test"]}
    tests = [self_test_from_table(raw, figures[raw["id"]]) for raw in data["test"]]
    items = {k: tuple(v) for raw in data["test"] for k, v in raw.get("items", {}).items()}
    return SelfTestData(
        tests=MappingProxyType({t.id: t for t in tests}),
        sources=MappingProxyType(sources),
        figures=MappingProxyType(
            {"": MappingProxyType(dict(shared))}
            | {tid: MappingProxyType(f) for tid, f in figures.items()}
        ),
        items=MappingProxyType(items),
    )


def numbers_in(texts: Iterable[str]) -> list[float]:
    """Every number written out in these texts (placeholders left out)."""
    found: list[float] = []
    for text in texts:
        literal = "".join(part for part, *_ in string.Formatter().parse(text))
        found += [float(n) for n in re.findall(r"(?<![\w.])\d+(?:\.\d+)?", literal)]
    return found
