"""Parsing and validating an assessment (the input of ``footcore assess score``).

``parse_battery`` checks the whole mapping and raises one :class:`ValidationError` that lists
every problem with its field path and the allowed range, so a person can fix a file in one go.
The accepted shapes are documented in docs/self-tests.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, TypeVar

from footcore.domain.assessments.definitions import (
    BALANCE_CAP_S,
    BALANCE_MAX_TRIES,
    GRADES,
    PASS_FAIL,
    TESTS,
    TOE_ITEMS,
    SelfTest,
    Shape,
    ValidRange,
)
from footcore.domain.assessments.faam import SUBSCALE_ITEMS
from footcore.domain.errors import Problem, ValidationError, suggest
from footcore.domain.vocab import PainSite, Sex, Side

AGE_RANGE = ValidRange(10, 110, whole=True, unit="years")
PAIN_WHEN = (
    "first-steps",
    "during-activity",
    "after-activity",
    "next-morning",
    "at-rest",
    "all-day",
)
PAIN_SIDES = ("left", "right", "both")
ACUTE_SIGNS = ("swelling", "bruising", "cannot_bear_weight", "sudden_onset")
TOP_KEYS = ("age", "sex", "date", "results", "notes")
NA_WORDS = ("n/a", "na", "not applicable")

V = TypeVar("V")


@dataclass(frozen=True)
class PerSide(Generic[V]):
    """A result per foot; either side may be missing (not both)."""

    left: V | None = None
    right: V | None = None

    def items(self) -> tuple[tuple[Side, V], ...]:
        pairs = ((Side.LEFT, self.left), (Side.RIGHT, self.right))
        return tuple((s, v) for s, v in pairs if v is not None)


@dataclass(frozen=True)
class BalanceTries:
    """Up to three timed tries on one foot; the best counts, capped at 45 s."""

    tries: tuple[float, ...]

    @property
    def best(self) -> float:
        return min(max(self.tries), BALANCE_CAP_S)

    @property
    def capped(self) -> bool:
        return max(self.tries) > BALANCE_CAP_S


@dataclass(frozen=True)
class ToeScores:
    spread: int
    big_toe_lift: int
    small_toe_lift: int

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in TOE_ITEMS}

    @property
    def total(self) -> int:
        return self.spread + self.big_toe_lift + self.small_toe_lift


@dataclass(frozen=True)
class PainReport:
    nrs: int
    site: PainSite | None = None
    when: str | None = None
    side: str | None = None
    swelling: bool = False
    bruising: bool = False
    cannot_bear_weight: bool = False
    sudden_onset: bool = False

    @property
    def acute_signs(self) -> tuple[str, ...]:
        return tuple(sign for sign in ACUTE_SIGNS if getattr(self, sign))


@dataclass(frozen=True)
class FaamAnswers:
    """Item answers per subscale (0-4, ``None`` = N/A); a missing subscale is ``None``."""

    adl: tuple[int | None, ...] | None = None
    sports: tuple[int | None, ...] | None = None

    def subscales(self) -> tuple[tuple[str, tuple[int | None, ...]], ...]:
        pairs = (("adl", self.adl), ("sports", self.sports))
        return tuple((name, answers) for name, answers in pairs if answers is not None)


TestInput = (
    PerSide[float]
    | PerSide[BalanceTries]
    | PerSide[ToeScores]
    | PerSide[str]
    | PainReport
    | FaamAnswers
)


@dataclass(frozen=True)
class BatteryInput:
    """A validated assessment: who was tested, when, and the raw results by test id."""

    age: int
    sex: Sex
    results: Mapping[str, TestInput]
    date: dt.date | None = None
    notes: str | None = None


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _shown(value: object) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool) or value is None:
        return _kind(value)
    if isinstance(value, int | float):
        return f"{value:g}"
    return _kind(value)


def _number(value: object, where: str, rng: ValidRange, out: _Collector) -> float | None:
    allowed = f"must be {rng.describe()}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        out.add(where, f"{allowed}, got {_shown(value)}")
        return None
    if math.isnan(value) or not rng.contains(float(value)):
        out.add(where, f"{allowed}, got {_shown(value)}")
        return None
    return float(value)


def _choice(value: object, where: str, options: Sequence[str], out: _Collector) -> str | None:
    allowed = "must be one of " + ", ".join(options)
    if not isinstance(value, str):
        out.add(where, f"{allowed}, got {_shown(value)}")
        return None
    key = value.strip().lower()
    if key in options:
        return key
    hint = suggest(key, options)
    extra = f"; did you mean '{hint[0]}'?" if hint else ""
    out.add(where, f"{allowed}, got {value!r}{extra}")
    return None


def _sides(value: object, where: str, out: _Collector) -> tuple[tuple[str, object], ...] | None:
    if not isinstance(value, Mapping):
        out.add(where, f"must be a table with 'left' and/or 'right', got {_kind(value)}")
        return None
    unknown = [k for k in value if k not in ("left", "right")]
    for key in unknown:
        out.add(f"{where}.{key}", "unknown side; allowed: left, right")
    present = tuple((s, value[s]) for s in ("left", "right") if s in value)
    if not present and not unknown:
        out.add(where, "needs at least one of 'left' and 'right'")
    return present


def _parse_number_sides(
    test: SelfTest, value: object, where: str, out: _Collector
) -> PerSide[float] | None:
    sides = _sides(value, where, out)
    if sides is None:
        return None
    got = {s: _number(v, f"{where}.{s}", test.valid, out) for s, v in sides}
    return PerSide(left=got.get("left"), right=got.get("right"))


def _parse_tries(
    value: object, where: str, rng: ValidRange, out: _Collector
) -> BalanceTries | None:
    if isinstance(value, list | tuple):
        if not 1 <= len(value) <= BALANCE_MAX_TRIES:
            out.add(
                where,
                f"must be a number or a list of 1 to {BALANCE_MAX_TRIES} tries, "
                f"got {len(value)} tries",
            )
            return None
        tries = [_number(v, f"{where}[{i}]", rng, out) for i, v in enumerate(value)]
        if any(t is None for t in tries):
            return None
        return BalanceTries(tuple(t for t in tries if t is not None))
    one = _number(value, where, rng, out)
    return None if one is None else BalanceTries((one,))


def _parse_balance(
    test: SelfTest, value: object, where: str, out: _Collector
) -> PerSide[BalanceTries] | None:
    sides = _sides(value, where, out)
    if sides is None:
        return None
    got = {s: _parse_tries(v, f"{where}.{s}", test.valid, out) for s, v in sides}
    return PerSide(left=got.get("left"), right=got.get("right"))


def _parse_toes(
    test: SelfTest, value: object, where: str, out: _Collector
) -> PerSide[ToeScores] | None:
    sides = _sides(value, where, out)
    if sides is None:
        return None
    parsed: dict[str, ToeScores | None] = {}
    for side, raw in sides:
        at = f"{where}.{side}"
        if not isinstance(raw, Mapping):
            out.add(at, f"must be a table of {', '.join(TOE_ITEMS)} (each 0-3), got {_kind(raw)}")
            continue
        for key in raw:
            if key not in TOE_ITEMS:
                hint = suggest(str(key), TOE_ITEMS)
                extra = f"; did you mean '{hint[0]}'?" if hint else ""
                out.add(f"{at}.{key}", f"unknown item; allowed: {', '.join(TOE_ITEMS)}{extra}")
        scores: dict[str, int] = {}
        for item in TOE_ITEMS:
            if item not in raw:
                out.add(f"{at}.{item}", f"missing; must be {test.valid.describe()}")
                continue
            got = _number(raw[item], f"{at}.{item}", test.valid, out)
            if got is not None:
                scores[item] = int(got)
        if len(scores) == len(TOE_ITEMS):
            parsed[side] = ToeScores(**scores)
    return PerSide(left=parsed.get("left"), right=parsed.get("right"))


def _parse_choice_sides(
    options: Sequence[str], value: object, where: str, out: _Collector
) -> PerSide[str] | None:
    sides = _sides(value, where, out)
    if sides is None:
        return None
    got = {s: _choice(v, f"{where}.{s}", options, out) for s, v in sides}
    return PerSide(left=got.get("left"), right=got.get("right"))


def _parse_pain(test: SelfTest, value: object, where: str, out: _Collector) -> PainReport | None:
    if not isinstance(value, Mapping):
        nrs = _number(value, where, test.valid, out)
        return None if nrs is None else PainReport(int(nrs))
    allowed = ("nrs", "site", "when", "side", *ACUTE_SIGNS)
    for key in value:
        if key not in allowed:
            hint = suggest(str(key), allowed)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            out.add(f"{where}.{key}", f"unknown key; allowed: {', '.join(allowed)}{extra}")
    if "nrs" not in value:
        out.add(f"{where}.nrs", f"missing; must be {test.valid.describe()}")
        nrs = None
    else:
        nrs = _number(value["nrs"], f"{where}.nrs", test.valid, out)
    site = when = side = None
    if value.get("site") is not None:
        site = _choice(value["site"], f"{where}.site", PainSite.slugs(), out)
    if value.get("when") is not None:
        when = _choice(value["when"], f"{where}.when", PAIN_WHEN, out)
    if value.get("side") is not None:
        side = _choice(value["side"], f"{where}.side", PAIN_SIDES, out)
    signs: dict[str, bool] = {}
    for sign in ACUTE_SIGNS:
        raw = value.get(sign, False)
        if not isinstance(raw, bool):
            out.add(f"{where}.{sign}", f"must be true or false, got {_shown(raw)}")
            continue
        signs[sign] = raw
    if nrs is None:
        return None
    return PainReport(
        nrs=int(nrs),
        site=PainSite(site) if site else None,
        when=when,
        side=side,
        **signs,
    )


def _parse_faam(test: SelfTest, value: object, where: str, out: _Collector) -> FaamAnswers | None:
    if not isinstance(value, Mapping):
        out.add(where, f"must be a table with 'adl' and/or 'sports', got {_kind(value)}")
        return None
    for key in value:
        if key not in SUBSCALE_ITEMS:
            out.add(f"{where}.{key}", "unknown subscale; allowed: adl, sports")
    if not any(k in value for k in SUBSCALE_ITEMS):
        out.add(where, "needs at least one of 'adl' (21 items) and 'sports' (8 items)")
    parsed: dict[str, tuple[int | None, ...]] = {}
    item_rule = f'{test.valid.describe()}, or null / "n/a" for not applicable'
    for name, count in SUBSCALE_ITEMS.items():
        if name not in value:
            continue
        at = f"{where}.{name}"
        raw = value[name]
        if not isinstance(raw, list | tuple):
            out.add(at, f"must be a list of {count} item answers, got {_kind(raw)}")
            continue
        if len(raw) != count:
            out.add(at, f"must list exactly {count} item answers, got {len(raw)}")
            continue
        answers: list[int | None] = []
        ok = True
        for i, item in enumerate(raw):
            if item is None or (isinstance(item, str) and item.strip().lower() in NA_WORDS):
                answers.append(None)
                continue
            if (
                isinstance(item, bool)
                or not isinstance(item, int | float)
                or not test.valid.contains(float(item))
            ):
                out.add(f"{at}[{i}]", f"must be {item_rule}, got {_shown(item)}")
                ok = False
                continue
            answers.append(int(item))
        if ok:
            parsed[name] = tuple(answers)
    return FaamAnswers(adl=parsed.get("adl"), sports=parsed.get("sports"))


def _parse_result(test: SelfTest, value: object, where: str, out: _Collector) -> TestInput | None:
    match test.shape:
        case Shape.NUMBER:
            return _parse_number_sides(test, value, where, out)
        case Shape.TRIES:
            return _parse_balance(test, value, where, out)
        case Shape.TOE_ITEMS:
            return _parse_toes(test, value, where, out)
        case Shape.GRADE:
            return _parse_choice_sides(GRADES, value, where, out)
        case Shape.PASS_FAIL:
            return _parse_choice_sides(PASS_FAIL, value, where, out)
        case Shape.PAIN:
            return _parse_pain(test, value, where, out)
        case Shape.FAAM:
            return _parse_faam(test, value, where, out)


def _check_top_keys(data: Mapping[str, object], out: _Collector) -> None:
    for key in data:
        if key not in TOP_KEYS:
            hint = suggest(str(key), TOP_KEYS)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            out.add(str(key), f"unknown key; allowed: {', '.join(TOP_KEYS)}{extra}")


def _parse_date(raw_date: object, out: _Collector) -> dt.date | None:
    """The assessment's date: a date, a date-time's day, or YYYY-MM-DD text."""
    if isinstance(raw_date, dt.datetime):
        return raw_date.date()
    if isinstance(raw_date, dt.date):
        return raw_date
    if raw_date is None:
        return None
    try:
        when = dt.date.fromisoformat(str(raw_date)) if isinstance(raw_date, str) else None
    except ValueError:
        when = None
    if when is None:
        out.add("date", f"must be a date as YYYY-MM-DD, got {_shown(raw_date)}")
    return when


def _parse_results(raw_results: object, out: _Collector) -> dict[str, TestInput]:
    """test id -> its parsed result, for a non-empty table keyed by known test ids."""
    results: dict[str, TestInput] = {}
    if raw_results is None:
        out.add("results", "missing; a table of results keyed by test id")
    elif not isinstance(raw_results, Mapping):
        out.add("results", f"must be a table keyed by test id, got {_kind(raw_results)}")
    elif not raw_results:
        out.add("results", "is empty; give at least one test result")
    else:
        for key, value in raw_results.items():
            where = f"results.{key}"
            test = TESTS.get(str(key))
            if test is None:
                hint = suggest(str(key).replace("-", "_"), TESTS.keys())
                extra = f"; did you mean '{hint[0]}'?" if hint else f" (known: {', '.join(TESTS)})"
                out.add(where, f"unknown test id{extra}")
                continue
            parsed = _parse_result(test, value, where, out)
            if parsed is not None:
                results[test.id] = parsed
    return results


def parse_battery(data: Mapping[str, object], subject: str = "assessment") -> BatteryInput:
    """Validate an assessment mapping; every problem is reported at once with its path."""
    out = _Collector()
    if not isinstance(data, Mapping):
        raise ValidationError(
            subject, [Problem("", f"expected a table of keys, got {_kind(data)}")]
        )
    _check_top_keys(data, out)
    age: float | None = None
    if "age" not in data:
        out.add("age", f"missing; must be {AGE_RANGE.describe()}")
    else:
        age = _number(data["age"], "age", AGE_RANGE, out)
    sex: str | None = None
    if "sex" not in data:
        out.add("sex", f"missing; must be one of {', '.join(Sex.slugs())}")
    else:
        sex = _choice(data["sex"], "sex", Sex.slugs(), out)
    when = _parse_date(data.get("date"), out)
    notes = data.get("notes")
    if notes is not None and not isinstance(notes, str):
        out.add("notes", f"must be text, got {_kind(notes)}")
        notes = None
    results = _parse_results(data.get("results"), out)
    if out.problems:
        raise ValidationError(subject, out.problems)
    assert age is not None  # guaranteed: no problems were found
    assert sex is not None
    return BatteryInput(
        age=int(age),
        sex=Sex(sex),
        results=MappingProxyType(results),
        date=when,
        notes=notes,
    )


def battery_to_dict(battery: BatteryInput) -> dict[str, object]:
    """The input mapping back again (the file format), e.g. for storing or re-scoring."""
    results: dict[str, object] = {}
    for test_id, value in battery.results.items():
        results[test_id] = _input_value(value)
    out: dict[str, object] = {"age": battery.age, "sex": battery.sex.value}
    if battery.date is not None:
        out["date"] = battery.date.isoformat()
    if battery.notes is not None:
        out["notes"] = battery.notes
    out["results"] = results
    return out


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def _input_value(value: TestInput) -> object:
    if isinstance(value, PerSide):
        sides: dict[str, object] = {}
        for side, v in value.items():
            if isinstance(v, BalanceTries):
                sides[side.value] = [_plain(t) for t in v.tries]
            elif isinstance(v, ToeScores):
                sides[side.value] = v.as_dict()
            elif isinstance(v, str):
                sides[side.value] = v
            else:
                sides[side.value] = _plain(v)
        return sides
    if isinstance(value, PainReport):
        pain: dict[str, object] = {"nrs": value.nrs}
        if value.site is not None:
            pain["site"] = value.site.value
        if value.when is not None:
            pain["when"] = value.when
        if value.side is not None:
            pain["side"] = value.side
        for sign in value.acute_signs:
            pain[sign] = True
        return pain
    return {name: list(answers) for name, answers in value.subscales()}
