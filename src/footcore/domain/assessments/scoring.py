"""Scoring a battery of self-tests: bands against norms, asymmetry, safety flags, focus areas.

The band rules, thresholds and focus rules are documented (with their reasoning) in
docs/self-tests.md; every number comes from :mod:`footcore.domain.assessments.definitions`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import cast

from footcore.domain.assessments.definitions import (
    BALANCE_FALL_RISK_S,
    FAAM_MCID,
    GRADES,
    PAIN_ACCEPTABLE_MAX,
    PAIN_ACUTE_FROM,
    PAIN_CAUTION_MAX,
    PASS_FAIL,
    SOURCES,
    TESTS,
    TOE_ITEMS,
    Band,
    Norm,
    SelfTest,
    Shape,
    degrees_from_cm,
)
from footcore.domain.assessments.faam import SUBSCALE_NAMES, score_subscale
from footcore.domain.assessments.inputs import (
    BalanceTries,
    BatteryInput,
    FaamAnswers,
    PainReport,
    PerSide,
    TestInput,
    ToeScores,
    parse_battery,
)
from footcore.domain.exercise import Source
from footcore.domain.phrases import Figure, Listed, Said
from footcore.domain.vocab import Sex

SCHEMA = "footcore.assessment/1"
_EPS = 1e-9

#: Order in which focus areas are listed (safety-related goals first).
FOCUS_ORDER = (
    "plantar-heel-pain",
    "achilles",
    "falls-prevention",
    "ankle-mobility",
    "release",
    "activate",
    "strengthen",
    "balance",
)


#: A self-test's notes and the safety flags, as the reports say them (shapes of
#: :class:`~footcore.domain.phrases.Said`: ``babel.cfg`` hands them to the extraction).
NOTE_NO_NORM_FOR_AGE = "no published norm for age %(age)s (the reference covers ages %(ages)s)"
NOTE_MEAN_OF_SEXES = (
    "sex unspecified: mean of the men's (%(men)s) and women's (%(women)s) references for "
    "ages %(ages)s"
)
NOTE_BY_CRITERION = "no population norm is published; band by criterion: %(rule)s"
NOTE_PAIN_ZONES = "no norm: read against the pain-monitoring zones (0-3, 4-5, above 5)"
NOTE_OWN_RESULTS = "no norm is published; compare with your own earlier results"
NOTE_CEILING = "%(note)s; the test's ceiling is 45 s"
NOTE_BORDERLINE = (
    "%(side)s: %(value)s %(unit)s is borderline (at or above %(border)s %(unit)s, not above "
    "%(high)s)"
)
NOTE_CAPPED = "%(side)s: a try over 45 s counts as 45 s (the test's cap)"
NOTE_PAIN_CAUTION = "pain 4-5: go on with care and make sure it settles by the next morning"
FLAG_ACUTE = (
    "This looks like an acute problem (%(why)s): stop loading the foot and running, and have "
    "it checked by a clinician before training again; until then only gentle movement that "
    "does not hurt."
)
FLAG_PAIN_SCORE = "pain %(nrs)s/10"
FLAG_SEE_CLINICIAN = (
    "Pain %(nrs)s/10 is above 5: see a clinician before loading the foot (strength work, "
    "hopping, running)."
)
FLAG_FALL_RISK = (
    "Single-leg balance with eyes open was under 5 s (%(where)s): a marker of fall risk. "
    "Practise balance only next to a wall or sturdy chair, and consider a falls check with a "
    "clinician."
)
SECONDS_ON_THE_LEFT = "%(seconds)s s on the left"
SECONDS_ON_THE_RIGHT = "%(seconds)s s on the right"
BOTH = "%(first)s and %(second)s"
SIGN_SWELLING = "swelling"
SIGN_BRUISING = "bruising"
SIGN_CANNOT_BEAR_WEIGHT = "cannot bear weight"
SIGN_SUDDEN_ONSET = "sudden onset"
#: The acute signs as a flag names them (the input's keys with spaces).
ACUTE_SIGN_WORDS = {
    "swelling": SIGN_SWELLING,
    "bruising": SIGN_BRUISING,
    "cannot_bear_weight": SIGN_CANNOT_BEAR_WEIGHT,
    "sudden_onset": SIGN_SUDDEN_ONSET,
}


def _side(part: str) -> Said | str:
    """A side inside a note (``left``; ``izquierdo``); another part as it is."""
    return Said.of(part) if part in ("left", "right") else part


@dataclass(frozen=True)
class FocusArea:
    """Something the planner should emphasise, with the plain-words reason for it."""

    area: str
    reason: str


@dataclass(frozen=True)
class SafetyFlag:
    """A result that changes what is safe: ``fall-risk``, ``see-clinician``, ``stop-acute``."""

    code: str
    message: str


@dataclass(frozen=True)
class NormUsed:
    """The norm a result was banded against, with its source (or how it was derived)."""

    label: str
    reference: float | None
    low_below: float | None
    high_above: float | None
    source: Source
    borderline_from: float | None = None
    derived: str | None = None
    ceiling: float | None = None

    def band(self, value: float) -> Band:
        at_ceiling = self.ceiling is not None and value >= self.ceiling - _EPS
        if self.low_below is not None and value < self.low_below - _EPS and not at_ceiling:
            return Band.LOW
        if self.high_above is not None and value > self.high_above + _EPS:
            return Band.HIGH
        return Band.TYPICAL

    def typical_text(self, unit: str) -> str:
        if self.low_below is not None and self.high_above is not None:
            return f"{_n(self.low_below)}-{_n(self.high_above)} {unit}"
        if self.low_below is not None:
            return f"{_n(self.low_below)} {unit} or more"
        if self.high_above is not None:
            return f"up to {_n(self.high_above)} {unit}"
        return self.label


@dataclass(frozen=True)
class Measure:
    """One scored value of a test: a side, the single value, or a FAAM subscale."""

    part: str  # "left" | "right" | "value" | "adl" | "sports"
    number: float | None  # what change detection compares (ordinal for grades)
    value: object  # the JSON value
    shown: str  # short text for tables
    band: Band | None = None
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoredTest:
    """The scored result of one test."""

    test: SelfTest
    measures: tuple[Measure, ...]
    norm: NormUsed | None
    norm_note: str | None
    asymmetry: bool | None
    side_difference: float | None
    notes: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)

    def measure(self, part: str) -> Measure | None:
        return next((m for m in self.measures if m.part == part), None)


@dataclass(frozen=True)
class BatteryReport:
    """Per-test results plus the flags and focus areas the planner uses."""

    age: int
    sex: Sex
    date: dt.date | None
    results: Mapping[str, ScoredTest]
    flags: tuple[SafetyFlag, ...]
    focus: tuple[FocusArea, ...]
    input: BatteryInput

    @property
    def focus_areas(self) -> tuple[str, ...]:
        """The focus slugs, each once, in priority order."""
        return tuple(dict.fromkeys(f.area for f in self.focus))

    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)

    @property
    def pain(self) -> PainReport | None:
        """The pain the self-test recorded (how much and where), if it asked."""
        found = self.input.results.get("pain_nrs")
        return found if isinstance(found, PainReport) else None


def _n(x: float) -> str:
    return f"{round(x, 2):g}"


def _side_word(part: str) -> str:
    return {"left": "on the left", "right": "on the right"}.get(part, "")


# --- norms -----------------------------------------------------------------------------------


def _used(norm: Norm, derived: str | None = None) -> NormUsed:
    return NormUsed(
        label=norm.label,
        reference=norm.reference,
        low_below=norm.low_below,
        high_above=norm.high_above,
        source=SOURCES[norm.source],
        borderline_from=norm.borderline_from,
        derived=derived,
        ceiling=norm.ceiling,
    )


def norm_for(test: SelfTest, age: int, sex: Sex) -> tuple[NormUsed | None, str | None]:
    """The norm that applies to this person, or ``None`` with an honest note why not."""
    if not test.norms:
        return None, _no_norm_note(test)
    sexed = any(n.sex is not None for n in test.norms)
    if sexed and sex is Sex.UNSPECIFIED:
        return _mean_of_sexes(test, age)
    for norm in test.norms:
        if norm.applies(age, sex):
            return _used(norm), None
    covered = ", ".join(dict.fromkeys(n.age_label for n in test.norms))
    return None, Said.of(NOTE_NO_NORM_FOR_AGE, age=age, ages=covered)


def _mean_of_sexes(test: SelfTest, age: int) -> tuple[NormUsed | None, str | None]:
    men = next((n for n in test.norms if n.sex is Sex.MALE and n.applies(age, Sex.MALE)), None)
    women = next(
        (n for n in test.norms if n.sex is Sex.FEMALE and n.applies(age, Sex.FEMALE)), None
    )
    if men is None or women is None or men.reference is None or women.reference is None:
        covered = ", ".join(dict.fromkeys(n.age_label for n in test.norms))
        return None, Said.of(NOTE_NO_NORM_FOR_AGE, age=age, ages=covered)
    ref = round((men.reference + women.reference) / 2, 6)
    # The band width is the same for both columns (the retest band), so it carries over.
    below = None if men.low_below is None else ref - (men.reference - men.low_below)
    above = None if men.high_above is None else ref + (men.high_above - men.reference)
    ages = men.age_label
    derived = Said.of(
        NOTE_MEAN_OF_SEXES,
        men=Figure(_n(men.reference)),
        women=Figure(_n(women.reference)),
        ages=ages,
    )
    norm = NormUsed(
        label=f"ages {ages}, sex unspecified: {_n(ref)} {test.unit} (mean of both columns)",
        reference=ref,
        low_below=below,
        high_above=above,
        source=SOURCES[men.source],
        derived=derived,
        ceiling=men.ceiling,
    )
    return norm, None


def _no_norm_note(test: SelfTest) -> Said:
    if test.shape in (Shape.TOE_ITEMS, Shape.GRADE, Shape.PASS_FAIL):
        return Said.of(NOTE_BY_CRITERION, rule=Said.of(test.band_rule) if test.band_rule else "")
    if test.shape is Shape.PAIN:
        return Said.of(NOTE_PAIN_ZONES)
    return Said.of(NOTE_OWN_RESULTS)


# --- one test at a time ------------------------------------------------------------------------


def _asymmetry(test: SelfTest, values: Mapping[str, float]) -> tuple[bool | None, float | None]:
    if "left" not in values or "right" not in values:
        return None, None
    diff = round(abs(values["left"] - values["right"]), 6)
    if test.asymmetry_threshold is None:
        return None, diff
    return diff > test.asymmetry_threshold + _EPS, diff


def _score_numbers(test: SelfTest, value: PerSide[float], battery: BatteryInput) -> ScoredTest:
    norm, note = norm_for(test, battery.age, battery.sex)
    measures: list[Measure] = []
    notes: list[str] = []
    for side, x in value.items():
        extra: dict[str, object] = {}
        shown = f"{x:.1f} {test.unit}" if test.unit == "cm" else f"{_n(x)} {test.unit}"
        if test.id == "knee_to_wall_cm":
            extra["degrees"] = degrees_from_cm(x)
            shown += f" ({_n(degrees_from_cm(x))}°)"
        band = norm.band(x) if norm else None
        if (
            norm is not None
            and norm.borderline_from is not None
            and band is Band.TYPICAL
            and x >= norm.borderline_from - _EPS
        ):
            notes.append(
                Said.of(
                    NOTE_BORDERLINE,
                    side=_side(side.value),
                    value=Figure(_n(x)),
                    unit=Said.of(test.unit) if test.unit else "",
                    border=Figure(_n(norm.borderline_from)),
                    high=Figure(_n(norm.high_above or 0)),
                )
            )
        measures.append(Measure(side.value, x, _plain(x), shown, band, extra))
    asym, diff = _asymmetry(test, {m.part: float(m.number or 0) for m in measures})
    return ScoredTest(test, tuple(measures), norm, note, asym, diff, tuple(notes))


def _score_balance(
    test: SelfTest, value: PerSide[BalanceTries], battery: BatteryInput
) -> ScoredTest:
    norm, note = norm_for(test, battery.age, battery.sex)
    if norm is None and note is not None:
        note = Said.of(NOTE_CEILING, note=note)
    measures: list[Measure] = []
    notes: list[str] = []
    for side, tries in value.items():
        best = tries.best
        if tries.capped:
            notes.append(Said.of(NOTE_CAPPED, side=_side(side.value)))
        band = norm.band(best) if norm else None
        extra = {"tries": [_plain(t) for t in tries.tries]}
        measures.append(Measure(side.value, best, _plain(best), f"{_n(best)} s", band, extra))
    asym, diff = _asymmetry(test, {m.part: float(m.number or 0) for m in measures})
    return ScoredTest(test, tuple(measures), norm, note, asym, diff, tuple(notes))


def _score_toes(test: SelfTest, value: PerSide[ToeScores]) -> ScoredTest:
    measures: list[Measure] = []
    for side, toes in value.items():
        items = toes.as_dict()
        if min(items.values()) <= 1:
            band = Band.LOW
        elif min(items.values()) == 3:
            band = Band.HIGH
        else:
            band = Band.TYPICAL
        shown = f"{toes.total}/9 (" + "/".join(str(items[i]) for i in TOE_ITEMS) + ")"
        measures.append(
            Measure(side.value, float(toes.total), {**items, "total": toes.total}, shown, band)
        )
    asym: bool | None = None
    diff: float | None = None
    if value.left is not None and value.right is not None:
        left, right = value.left.as_dict(), value.right.as_dict()
        diff = float(max(abs(left[i] - right[i]) for i in TOE_ITEMS))
        threshold = test.asymmetry_threshold or 0.0
        asym = diff > threshold
    return ScoredTest(test, tuple(measures), None, _no_norm_note(test), asym, diff)


def _score_choice(test: SelfTest, value: PerSide[str]) -> ScoredTest:
    scale = GRADES if test.shape is Shape.GRADE else PASS_FAIL
    bands = (
        {"poor": Band.LOW, "fair": Band.TYPICAL, "good": Band.HIGH}
        if test.shape is Shape.GRADE
        else {"fail": Band.LOW, "pass": Band.TYPICAL}
    )
    measures = tuple(
        Measure(side.value, float(scale.index(v)), v, v, bands[v]) for side, v in value.items()
    )
    asym, diff = _asymmetry(test, {m.part: float(m.number or 0) for m in measures})
    return ScoredTest(test, measures, None, _no_norm_note(test), asym, diff)


def pain_zone(nrs: float) -> str:
    """Pain-monitoring zone: ``acceptable`` (0-3), ``caution`` (4-5), ``see-clinician``."""
    if nrs <= PAIN_ACCEPTABLE_MAX:
        return "acceptable"
    if nrs <= PAIN_CAUTION_MAX:
        return "caution"
    return "see-clinician"


def _score_pain(test: SelfTest, pain: PainReport) -> ScoredTest:
    zone = pain_zone(pain.nrs)
    extra: dict[str, object] = {
        "zone": zone,
        "site": pain.site.value if pain.site else None,
        "when": pain.when,
        "side": pain.side,
        "acute_signs": list(pain.acute_signs),
    }
    where = f" at the {pain.site.value}" if pain.site else ""
    notes = []
    if zone == "caution":
        notes.append(Said.of(NOTE_PAIN_CAUTION))
    shown = f"{pain.nrs}/10{where} ({zone})"
    measure = Measure("value", float(pain.nrs), pain.nrs, shown, None)
    note = _no_norm_note(test)
    return ScoredTest(test, (measure,), None, note, None, None, tuple(notes), extra)


def _score_faam(test: SelfTest, faam: FaamAnswers) -> ScoredTest:
    measures: list[Measure] = []
    notes: list[str] = []
    for name, answers in faam.subscales():
        score = score_subscale(name, answers)
        if score.note:
            notes.append(score.note)
        shown = (
            f"{SUBSCALE_NAMES[name]} {_n(score.percent)}%"
            if score.percent is not None
            else f"{SUBSCALE_NAMES[name]} not scored"
        )
        extra = {"answered": score.answered, "items": score.items}
        measures.append(Measure(name, score.percent, score.percent, shown, None, extra))
    return ScoredTest(test, tuple(measures), None, _no_norm_note(test), None, None, tuple(notes))


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)


def score_test(test: SelfTest, value: TestInput, battery: BatteryInput) -> ScoredTest:
    """Score one validated test input for the person described by ``battery``."""
    match test.shape:
        case Shape.NUMBER:
            return _score_numbers(test, cast(PerSide[float], value), battery)
        case Shape.TRIES:
            return _score_balance(test, cast(PerSide[BalanceTries], value), battery)
        case Shape.TOE_ITEMS:
            return _score_toes(test, cast(PerSide[ToeScores], value))
        case Shape.GRADE | Shape.PASS_FAIL:
            return _score_choice(test, cast(PerSide[str], value))
        case Shape.PAIN:
            assert isinstance(value, PainReport)
            return _score_pain(test, value)
        case Shape.FAAM:
            assert isinstance(value, FaamAnswers)
            return _score_faam(test, value)


# --- flags and focus ----------------------------------------------------------------------------


def _flags(results: Mapping[str, ScoredTest], battery: BatteryInput) -> tuple[SafetyFlag, ...]:
    flags: list[SafetyFlag] = []
    pain = battery.results.get("pain_nrs")
    if isinstance(pain, PainReport):
        signs = [Said.of(ACUTE_SIGN_WORDS.get(s, s.replace("_", " "))) for s in pain.acute_signs]
        if signs or pain.nrs >= PAIN_ACUTE_FROM:
            why = Listed(tuple(signs)) if signs else Said.of(FLAG_PAIN_SCORE, nrs=pain.nrs)
            flags.append(SafetyFlag("stop-acute", Said.of(FLAG_ACUTE, why=why)))
        if pain.nrs > PAIN_CAUTION_MAX:
            flags.append(SafetyFlag("see-clinician", Said.of(FLAG_SEE_CLINICIAN, nrs=pain.nrs)))
    balance = results.get("balance_eyes_open_s")
    if balance is not None:
        low = [m for m in balance.measures if (m.number or 0) < BALANCE_FALL_RISK_S]
        if low:
            where = _seconds_on(low[0])
            for m in low[1:]:
                where = Said.of(BOTH, first=where, second=_seconds_on(m))
            flags.append(SafetyFlag("fall-risk", Said.of(FLAG_FALL_RISK, where=where)))
    return tuple(flags)


def _seconds_on(m: Measure) -> Said | str:
    """A balance time and its side inside a flag (``12 s on the left``)."""
    seconds = Figure(_n(m.number or 0))
    if m.part == "left":
        return Said.of(SECONDS_ON_THE_LEFT, seconds=seconds)
    if m.part == "right":
        return Said.of(SECONDS_ON_THE_RIGHT, seconds=seconds)
    return f"{seconds} s {_side_word(m.part)}"


def _typical(norm: NormUsed | None, unit: str) -> str:
    return f" ({norm.typical_text(unit)})" if norm else ""


def _ankle_focus(ktw: ScoredTest) -> list[FocusArea]:
    """Knee-to-wall: low ankle bend per side (and release first), and a side difference."""
    found = [
        FocusArea(
            "ankle-mobility",
            f"knee-to-wall {m.number or 0:.1f} cm {_side_word(m.part)} is below "
            f"the typical range{_typical(ktw.norm, 'cm')}",
        )
        for m in ktw.measures
        if m.band is Band.LOW
    ]
    if any(m.band is Band.LOW for m in ktw.measures):
        found.append(
            FocusArea(
                "release",
                "limited ankle bend: roll the sole and calf (release) before stretching",
            )
        )
    if ktw.asymmetry:
        found.append(FocusArea("ankle-mobility", _asym_reason(ktw, "cm")))
    return found


def _heel_raise_focus(heel: ScoredTest) -> list[FocusArea]:
    """Heel raises: low calf and foot strength per side, and a side difference."""
    found = [
        FocusArea(
            "strengthen",
            f"heel raise {_n(m.number or 0)} reps {_side_word(m.part)} is below the "
            f"typical range for your age and sex{_typical(heel.norm, 'reps')}: "
            "calf and foot strength",
        )
        for m in heel.measures
        if m.band is Band.LOW
    ]
    if heel.asymmetry:
        found.append(FocusArea("strengthen", _asym_reason(heel, "reps")))
    return found


def _balance_focus(bal: ScoredTest) -> list[FocusArea]:
    """Single-leg balance: falls prevention under 5 s, and balance work for those sides and
    any below the reference for the age."""
    falls = [m for m in bal.measures if (m.number or 0) < BALANCE_FALL_RISK_S]
    found = [
        FocusArea(
            "falls-prevention",
            f"single-leg balance {_n(m.number or 0)} s {_side_word(m.part)} is under 5 s",
        )
        for m in falls
    ]
    for m in bal.measures:
        if m.band is Band.LOW or m in falls:
            found.append(
                FocusArea(
                    "balance",
                    f"single-leg balance {_n(m.number or 0)} s {_side_word(m.part)} is "
                    + (
                        f"below the {_n(bal.norm.reference or 0)} s reference for your age"
                        if bal.norm and m.band is Band.LOW
                        else "under 5 s"
                    ),
                )
            )
    return found


def _measures(results: Mapping[str, ScoredTest], key: str) -> tuple[Measure, ...]:
    """The test's measures, none if it was not done."""
    result = results.get(key)
    return result.measures if result is not None else ()


def _foot_control_focus(results: Mapping[str, ScoredTest]) -> list[FocusArea]:
    """Toe isolation, short foot, paper grip and navicular drop: each weak side asks for
    activation work (toe and arch control)."""
    found: list[FocusArea] = []
    for m in _measures(results, "toe_isolation"):
        if m.band is Band.LOW and isinstance(m.value, Mapping):
            weak = [i.replace("_", " ") for i in TOE_ITEMS if int(m.value[i]) <= 1]
            found.append(
                FocusArea(
                    "activate",
                    f"toe isolation {_side_word(m.part)}: {', '.join(weak)} scored 0-1 of 3 "
                    "(toe control)",
                )
            )
    for m in _measures(results, "short_foot"):
        if m.band is Band.LOW:
            found.append(
                FocusArea(
                    "activate", f"short-foot hold {_side_word(m.part)} graded poor (arch control)"
                )
            )
    for m in _measures(results, "paper_grip"):
        if m.band is Band.LOW:
            found.append(
                FocusArea(
                    "activate",
                    f"paper grip failed {_side_word(m.part)} (toe flexors, big-toe press)",
                )
            )
    for m in _measures(results, "navicular_drop_mm"):
        if m.band is Band.HIGH:
            found.append(
                FocusArea(
                    "activate",
                    f"navicular drop {_n(m.number or 0)} mm {_side_word(m.part)} is above "
                    "15 mm: short-foot work for arch control",
                )
            )
    return found


def _pain_focus(battery: BatteryInput) -> list[FocusArea]:
    """Heel pain (or arch pain on the first steps) and Achilles pain bring their protocols."""
    pain = battery.results.get("pain_nrs")
    if not (isinstance(pain, PainReport) and pain.nrs > 0 and pain.site is not None):
        return []
    when = f" ({pain.when.replace('-', ' ')})" if pain.when else ""
    if pain.site.value == "heel" or (pain.site.value == "arch" and pain.when == "first-steps"):
        return [
            FocusArea(
                "plantar-heel-pain",
                f"{pain.site.value} pain {pain.nrs}/10{when}: the plantar heel pain "
                "protocol applies",
            )
        ]
    if pain.site.value == "achilles":
        return [
            FocusArea(
                "achilles",
                f"Achilles pain {pain.nrs}/10{when}: the Achilles loading protocol applies",
            )
        ]
    return []


def _focus(results: Mapping[str, ScoredTest], battery: BatteryInput) -> tuple[FocusArea, ...]:
    """The focus areas the results point to, in FOCUS_ORDER (the order found within one
    area)."""
    found: list[FocusArea] = []
    for key, focus_of in (
        ("knee_to_wall_cm", _ankle_focus),
        ("heel_raise_reps", _heel_raise_focus),
        ("balance_eyes_open_s", _balance_focus),
    ):
        result = results.get(key)
        if result is not None:
            found += focus_of(result)
    found += _foot_control_focus(results)
    found += _pain_focus(battery)
    rank = {area: i for i, area in enumerate(FOCUS_ORDER)}
    return tuple(sorted(found, key=lambda f: rank.get(f.area, len(rank))))


def _asym_reason(result: ScoredTest, unit: str) -> str:
    left, right = result.measure("left"), result.measure("right")
    assert left is not None
    assert right is not None
    weaker = "left" if (left.number or 0) < (right.number or 0) else "right"
    other = "right" if weaker == "left" else "left"
    return (
        f"{result.test.label.lower()}: {weaker} {_n(result.side_difference or 0)} {unit} less "
        f"than {other} (a side difference over {_n(result.test.asymmetry_threshold or 0)} "
        f"{unit} is notable)"
    )


# --- the public entry points -------------------------------------------------------------------


def score_battery(data: Mapping[str, object] | BatteryInput) -> BatteryReport:
    """Score an assessment (a raw mapping is validated first)."""
    battery = data if isinstance(data, BatteryInput) else parse_battery(data)
    results: dict[str, ScoredTest] = {}
    for test_id in TESTS:  # catalogue order, whatever the input order
        if test_id in battery.results:
            results[test_id] = score_test(TESTS[test_id], battery.results[test_id], battery)
    return BatteryReport(
        age=battery.age,
        sex=battery.sex,
        date=battery.date,
        results=MappingProxyType(results),
        flags=_flags(results, battery),
        focus=_focus(results, battery),
        input=battery,
    )


def _norm_dict(norm: NormUsed | None) -> dict[str, object] | None:
    if norm is None:
        return None
    out: dict[str, object] = {
        "label": norm.label,
        "reference": norm.reference,
        "low_below": norm.low_below,
        "high_above": norm.high_above,
    }
    if norm.borderline_from is not None:
        out["borderline_from"] = norm.borderline_from
    out["source"] = norm.source.id
    out["citation"] = norm.source.citation
    out["derived"] = norm.derived
    return out


def scored_test_to_dict(result: ScoredTest) -> dict[str, object]:
    test = result.test
    out: dict[str, object] = {"name": test.name, "unit": test.unit}
    single = [m.part for m in result.measures] == ["value"]
    if single:
        m = result.measures[0]
        out["value"] = m.value
        out["band"] = m.band.value if m.band else None
        out.update(m.extra)
    else:
        out["value"] = {m.part: m.value for m in result.measures}
        out["band"] = {m.part: (m.band.value if m.band else None) for m in result.measures}
        keys = dict.fromkeys(k for m in result.measures for k in m.extra)
        for key in keys:
            out[key] = {m.part: m.extra[key] for m in result.measures if key in m.extra}
    out.update(result.extra)
    out["norm"] = _norm_dict(result.norm)
    out["norm_note"] = result.norm_note
    if test.sided:
        out["asymmetry"] = result.asymmetry
        out["side_difference"] = result.side_difference
        out["asymmetry_threshold"] = test.asymmetry_threshold
    out["smallest_real_change"] = (
        dict(FAAM_MCID) if test.shape is Shape.FAAM else test.smallest_real_change
    )
    out["notes"] = list(result.notes)
    return out


def report_to_dict(report: BatteryReport) -> dict[str, object]:
    """The JSON document of ``footcore assess score --json`` (schema footcore.assessment/1)."""
    return {
        "schema": SCHEMA,
        "age": report.age,
        "sex": report.sex.value,
        "date": report.date.isoformat() if report.date else None,
        "results": {tid: scored_test_to_dict(r) for tid, r in report.results.items()},
        "flags": [{"code": f.code, "message": f.message} for f in report.flags],
        "focus": list(report.focus_areas),
        "focus_reasons": [{"area": f.area, "reason": f.reason} for f in report.focus],
    }


__all__ = [
    "SCHEMA",
    "BatteryReport",
    "FocusArea",
    "Measure",
    "NormUsed",
    "SafetyFlag",
    "ScoredTest",
    "norm_for",
    "pain_zone",
    "report_to_dict",
    "score_battery",
    "score_test",
]
