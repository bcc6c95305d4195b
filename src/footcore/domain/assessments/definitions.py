"""The self-test catalogue: what each test measures, how to do it at home, and its norms.

The tests are data, ``data/self-tests.toml`` (read by :mod:`~footcore.domain.assessments.loading`
and checked in full by :mod:`footcore.catalogue.self_tests` from the test-suite): each figure
is written there once and the prose takes it from there. The names below are the figures the
scoring, the input checks and the interview use, read from that file. Every figure is pinned
by a unit test against DOMAIN.md section 5 or the published study it names, and every norm
cites the published study it comes from (``SOURCES``). Where no norm is published (toe
isolation, short-foot hold, paper grip, foot length, arch height, FAAM, balance under 18), the
test carries none: scoring says so instead of guessing, and a test no study describes cites
nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from footcore.domain.assessments.loading import SelfTestData, builtin_text, parse_self_tests
from footcore.domain.assessments.model import Band, Norm, SelfTest, Shape, ValidRange
from footcore.domain.errors import NotFoundError
from footcore.domain.exercise import Source
from footcore.domain.vocab import Sex

__all__ = [
    "BALANCE_CAP_S",
    "BALANCE_EYES_CLOSED_BY_AGE",
    "BALANCE_EYES_OPEN_BY_AGE",
    "BALANCE_EYES_OPEN_SOURCE",
    "BALANCE_FALL_RISK_S",
    "BALANCE_MAX_TRIES",
    "DEGREES_PER_CM",
    "FAAM_ADL_ITEMS",
    "FAAM_ITEMS",
    "FAAM_MCID",
    "FAAM_MIN_ANSWERED_FRACTION",
    "FAAM_SPORTS_ITEMS",
    "GRADES",
    "HEEL_RAISE_BY_AGE",
    "HEEL_RAISE_MEDIAN",
    "HEEL_RAISE_RETEST_REPS",
    "KNEE_TO_WALL_ASYMMETRY_CM",
    "KNEE_TO_WALL_MEAN_CM",
    "KNEE_TO_WALL_SD_CM",
    "KNEE_TO_WALL_SRC_CM",
    "NAVICULAR_ABNORMAL_ABOVE_MM",
    "NAVICULAR_NORMAL_BELOW_MM",
    "PAIN_ACCEPTABLE_MAX",
    "PAIN_ACUTE_FROM",
    "PAIN_CAUTION_MAX",
    "PAIN_SRC_FRACTION",
    "PAIN_SRC_POINTS",
    "PASS_FAIL",
    "SOURCES",
    "TESTS",
    "TOE_ASYMMETRY_POINTS",
    "TOE_ITEMS",
    "Band",
    "Norm",
    "SelfTest",
    "Shape",
    "ValidRange",
    "degrees_from_cm",
    "get_test",
    "resolve_test_id",
]

DATA: SelfTestData = parse_self_tests(builtin_text())
TESTS: Mapping[str, SelfTest] = DATA.tests
SOURCES: Mapping[str, Source] = DATA.sources
#: The FAAM items in order, named briefly in footcore's words (ADL 21, Sports 8).
FAAM_ITEMS: Mapping[str, tuple[str, ...]] = DATA.items


def _figure(test_id: str, name: str) -> float:
    """A figure of one test ("" for the shared ones) as the data file gives it."""
    return DATA.figures[test_id][name]


def _by_age(test_id: str) -> dict[tuple[int, int | None], dict[Sex | None, float]]:
    """A test's norm references by age band, then by sex (``None``: both sexes)."""
    table: dict[tuple[int, int | None], dict[Sex | None, float]] = {}
    for norm in TESTS[test_id].norms:
        if norm.age_min is not None and norm.reference is not None:
            table.setdefault((norm.age_min, norm.age_max), {})[norm.sex] = norm.reference
    return table


# --- the figures, from the data file (DOMAIN.md section 5) -----------------------------------

KNEE_TO_WALL_MEAN_CM = float(_figure("knee_to_wall_cm", "mean"))
KNEE_TO_WALL_SD_CM = float(_figure("knee_to_wall_cm", "sd"))
DEGREES_PER_CM = float(_figure("knee_to_wall_cm", "degrees_per_cm"))
KNEE_TO_WALL_ASYMMETRY_CM = float(_figure("knee_to_wall_cm", "asymmetry_threshold"))
KNEE_TO_WALL_SRC_CM = float(_figure("knee_to_wall_cm", "smallest_real_change"))

HEEL_RAISE_MEDIAN = {
    Sex.MALE: int(_figure("heel_raise_reps", "median_male")),
    Sex.FEMALE: int(_figure("heel_raise_reps", "median_female")),
}
#: (age_min, age_max) -> (men, women): median single-leg heel raises to fatigue.
HEEL_RAISE_BY_AGE: Mapping[tuple[int, int], tuple[int, int]] = MappingProxyType(
    {
        (lo, hi): (int(refs[Sex.MALE]), int(refs[Sex.FEMALE]))
        for (lo, hi), refs in _by_age("heel_raise_reps").items()
        if hi is not None
    }
)
HEEL_RAISE_RETEST_REPS = int(_figure("heel_raise_reps", "retest_reps"))

BALANCE_CAP_S = float(_figure("", "balance_cap_s"))
BALANCE_FALL_RISK_S = float(_figure("", "balance_fall_risk_s"))
BALANCE_MAX_TRIES = int(_figure("", "balance_max_tries"))
#: (age_min, age_max or None) -> seconds, eyes open, best of up to 3 tries, both sexes.
#: 18-59: Springer 2007, the rows for both sexes together; 60+: Bohannon 2006 (meta-analysis).
#: docs/self-tests.md says why the older ages keep Bohannon's lower times.
BALANCE_EYES_OPEN_BY_AGE: Mapping[tuple[int, int | None], float] = MappingProxyType(
    {ages: refs[None] for ages, refs in _by_age("balance_eyes_open_s").items()}
)
#: The published source of each eyes-open age band above.
BALANCE_EYES_OPEN_SOURCE: Mapping[tuple[int, int | None], str] = MappingProxyType(
    {(n.age_min or 0, n.age_max): n.source for n in TESTS["balance_eyes_open_s"].norms}
)
#: (age_min, age_max or None) -> (men, women) seconds, eyes closed, best of 3 tries
#: (Springer 2007, published by sex; the study found no sex difference).
BALANCE_EYES_CLOSED_BY_AGE: Mapping[tuple[int, int | None], tuple[float, float]] = MappingProxyType(
    {
        ages: (refs[Sex.MALE], refs[Sex.FEMALE])
        for ages, refs in _by_age("balance_eyes_closed_s").items()
    }
)

(_NAVICULAR,) = TESTS["navicular_drop_mm"].norms
NAVICULAR_NORMAL_BELOW_MM = float(_NAVICULAR.borderline_from or 0)
NAVICULAR_ABNORMAL_ABOVE_MM = float(_NAVICULAR.high_above or 0)

PAIN_ACCEPTABLE_MAX = int(_figure("pain_nrs", "acceptable_max"))
PAIN_CAUTION_MAX = int(_figure("pain_nrs", "caution_max"))
PAIN_ACUTE_FROM = int(_figure("pain_nrs", "acute_from"))
PAIN_SRC_POINTS = float(_figure("pain_nrs", "smallest_real_change"))
PAIN_SRC_FRACTION = float(_figure("pain_nrs", "real_change_fraction"))

FAAM_ADL_ITEMS = len(FAAM_ITEMS["adl"])
FAAM_SPORTS_ITEMS = len(FAAM_ITEMS["sports"])
FAAM_MIN_ANSWERED_FRACTION = float(_figure("faam", "min_answered_fraction"))
FAAM_MCID = {
    "adl": float(_figure("faam", "mcid_adl")),
    "sports": float(_figure("faam", "mcid_sports")),
}

# The answer words of the shaped tests (the scoring's vocabulary, not figures).
TOE_ITEMS = ("spread", "big_toe_lift", "small_toe_lift")
TOE_ASYMMETRY_POINTS = int(_figure("toe_isolation", "asymmetry_threshold"))
GRADES = ("poor", "fair", "good")
PASS_FAIL = ("fail", "pass")


_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        **{alias: t.id for t in TESTS.values() for alias in t.aliases},
        **{t.id.replace("_", "-"): t.id for t in TESTS.values()},
    }
)


def resolve_test_id(name: str) -> str:
    """The canonical id for a test id or alias (``knee-to-wall`` -> ``knee_to_wall_cm``)."""
    key = name.strip().lower()
    if key in TESTS:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    raise NotFoundError("self-test", name, TESTS.keys())


def get_test(name: str) -> SelfTest:
    """The test with this id or alias; an unknown name raises with did-you-mean."""
    return TESTS[resolve_test_id(name)]


def degrees_from_cm(cm: float) -> float:
    """Knee-to-wall distance in cm as approximate degrees of ankle dorsiflexion."""
    return round(cm * DEGREES_PER_CM, 1)
