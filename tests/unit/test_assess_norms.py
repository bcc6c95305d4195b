"""Every norm, threshold and smallest real change, pinned against DOMAIN.md section 5 and the
published studies the balance norms come from (Springer 2007, Bohannon 2006)."""

from __future__ import annotations

import re

import pytest

from footcore.domain.assessments import SOURCES, TESTS, Band, get_test, norm_for, resolve_test_id
from footcore.domain.assessments import definitions as d
from footcore.domain.errors import NotFoundError
from footcore.domain.vocab import Sex

DESIGN_IDS = (
    "knee_to_wall_cm",
    "heel_raise_reps",
    "balance_eyes_open_s",
    "balance_eyes_closed_s",
    "toe_isolation",
    "short_foot",
    "paper_grip",
    "navicular_drop_mm",
    "pain_nrs",
)


def test_the_catalogue_holds_the_design_ids_and_the_three_added_tests() -> None:
    assert set(DESIGN_IDS) <= set(TESTS)
    assert set(TESTS) - set(DESIGN_IDS) == {"foot_length_mm", "arch_height_mm", "faam"}


def test_knee_to_wall_figures_match_domain_md() -> None:
    assert d.KNEE_TO_WALL_MEAN_CM == 12.0
    assert d.KNEE_TO_WALL_SD_CM == 2.8
    assert d.DEGREES_PER_CM == 3.6
    assert d.KNEE_TO_WALL_ASYMMETRY_CM == 1.5
    assert d.KNEE_TO_WALL_SRC_CM == 1.9
    test = TESTS["knee_to_wall_cm"]
    assert test.asymmetry_threshold == 1.5
    assert test.smallest_real_change == 1.9
    (norm,) = test.norms
    assert (norm.reference, norm.spread, norm.low_below, norm.high_above) == (
        12.0,
        2.8,
        9.2,
        14.8,
    )


def test_one_centimetre_is_about_three_point_six_degrees() -> None:
    assert d.degrees_from_cm(1) == 3.6
    assert d.degrees_from_cm(10) == 36.0
    assert d.degrees_from_cm(8.0) == 28.8


def test_heel_raise_medians_by_sex_match_domain_md() -> None:
    assert d.HEEL_RAISE_MEDIAN == {Sex.MALE: 24, Sex.FEMALE: 21}


@pytest.mark.parametrize(
    ("ages", "men", "women"),
    [
        ((20, 29), 37, 30),
        ((30, 39), 32, 27),
        ((40, 49), 28, 24),
        ((50, 59), 23, 21),
        ((60, 69), 19, 19),
        ((70, 79), 14, 16),
        ((80, 89), 10, 13),
    ],
)
def test_heel_raise_age_table_matches_domain_md(
    ages: tuple[int, int], men: int, women: int
) -> None:
    assert d.HEEL_RAISE_BY_AGE[ages] == (men, women)
    lo, hi = ages
    test = TESTS["heel_raise_reps"]
    for age in (lo, hi):
        male, _ = norm_for(test, age, Sex.MALE)
        female, _ = norm_for(test, age, Sex.FEMALE)
        assert male is not None
        assert female is not None
        assert male.reference == men
        assert female.reference == women


def test_heel_raise_table_has_exactly_the_seven_published_age_bands() -> None:
    assert len(d.HEEL_RAISE_BY_AGE) == 7
    assert len(TESTS["heel_raise_reps"].norms) == 14


def test_heel_raise_retest_band_is_six_reps() -> None:
    assert d.HEEL_RAISE_RETEST_REPS == 6
    assert TESTS["heel_raise_reps"].smallest_real_change == 6
    assert TESTS["heel_raise_reps"].asymmetry_threshold == 6


@pytest.mark.parametrize(
    ("age", "seconds", "source"),
    [
        (18, 44.7, "springer-2007"),
        (39, 44.7, "springer-2007"),
        (40, 41.9, "springer-2007"),
        (49, 41.9, "springer-2007"),
        (50, 41.2, "springer-2007"),
        (59, 41.2, "springer-2007"),
        (60, 27.0, "bohannon-2006"),
        (69, 27.0, "bohannon-2006"),
        (70, 17.2, "bohannon-2006"),
        (79, 17.2, "bohannon-2006"),
        (80, 8.5, "bohannon-2006"),
        (99, 8.5, "bohannon-2006"),
    ],
)
@pytest.mark.parametrize("sex", list(Sex))
def test_balance_eyes_open_norms_are_springer_under_60_and_bohannon_from_60(
    age: int, seconds: float, source: str, sex: Sex
) -> None:
    norm, note = norm_for(TESTS["balance_eyes_open_s"], age, sex)
    assert note is None
    assert norm is not None
    assert norm.reference == seconds
    assert norm.low_below == seconds
    assert norm.high_above is None
    assert norm.source.id == source
    assert norm.derived is None  # published for both sexes together


@pytest.mark.parametrize(
    ("age", "men", "women"),
    [
        (18, 16.9, 13.1),
        (39, 16.9, 13.1),
        (40, 12.0, 13.5),
        (49, 12.0, 13.5),
        (50, 8.6, 7.9),
        (59, 8.6, 7.9),
        (60, 5.1, 3.6),
        (69, 5.1, 3.6),
        (70, 2.6, 3.7),
        (79, 2.6, 3.7),
        (80, 1.8, 2.1),
        (99, 1.8, 2.1),
    ],
)
def test_balance_eyes_closed_norms_match_springer_2007_by_sex(
    age: int, men: float, women: float
) -> None:
    test = TESTS["balance_eyes_closed_s"]
    for sex, seconds in ((Sex.MALE, men), (Sex.FEMALE, women)):
        norm, note = norm_for(test, age, sex)
        assert note is None
        assert norm is not None
        assert (norm.reference, norm.low_below, norm.high_above) == (seconds, seconds, None)
        assert norm.source.id == "springer-2007"


def test_balance_cap_fall_risk_and_tries_match_domain_md() -> None:
    assert d.BALANCE_CAP_S == 45.0
    assert d.BALANCE_FALL_RISK_S == 5.0
    assert d.BALANCE_MAX_TRIES == 3


def test_balance_tables_hold_exactly_the_published_age_bands() -> None:
    bands = [(18, 39), (40, 49), (50, 59), (60, 69), (70, 79), (80, None)]
    assert list(d.BALANCE_EYES_OPEN_BY_AGE) == bands
    assert list(d.BALANCE_EYES_OPEN_SOURCE) == bands
    assert list(d.BALANCE_EYES_CLOSED_BY_AGE) == bands
    assert len(TESTS["balance_eyes_open_s"].norms) == 6
    assert len(TESTS["balance_eyes_closed_s"].norms) == 12


def test_every_balance_norm_stops_at_the_45_s_cap() -> None:
    for test_id in ("balance_eyes_open_s", "balance_eyes_closed_s"):
        for norm in TESTS[test_id].norms:
            assert norm.ceiling == d.BALANCE_CAP_S
            assert norm.reference is not None
            assert norm.reference < d.BALANCE_CAP_S


def test_balance_norms_cite_the_published_studies_by_name() -> None:
    springer = SOURCES["springer-2007"].citation
    bohannon = SOURCES["bohannon-2006"].citation
    assert "Springer BA" in springer
    assert "J Geriatr Phys Ther 2007;30(1):8-15" in springer
    assert "Bohannon RW" in bohannon
    assert "Top Geriatr Rehabil 2006;22(1):70-77" in bohannon
    for test_id in ("balance_eyes_open_s", "balance_eyes_closed_s"):
        test = TESTS[test_id]
        assert "footcore-domain" not in test.sources
        assert {n.source for n in test.norms} <= set(test.sources)
        assert all(SOURCES[n.source].kind == "paper" for n in test.norms)


@pytest.mark.parametrize("test_id", ["balance_eyes_open_s", "balance_eyes_closed_s"])
@pytest.mark.parametrize("sex", list(Sex))
def test_balance_has_no_norm_under_18(test_id: str, sex: Sex) -> None:
    norm, note = norm_for(TESTS[test_id], 17, sex)
    assert norm is None
    assert note is not None
    assert "age 17" in note
    assert "18-39" in note


def test_navicular_drop_cut_offs_match_domain_md() -> None:
    assert d.NAVICULAR_NORMAL_BELOW_MM == 10.0
    assert d.NAVICULAR_ABNORMAL_ABOVE_MM == 15.0
    (norm,) = TESTS["navicular_drop_mm"].norms
    assert norm.high_above == 15.0
    assert norm.borderline_from == 10.0
    assert norm.low_below is None


def test_pain_zones_and_meaningful_change_match_domain_md() -> None:
    assert d.PAIN_ACCEPTABLE_MAX == 3
    assert d.PAIN_CAUTION_MAX == 5
    assert d.PAIN_SRC_POINTS == 2.0
    assert d.PAIN_SRC_FRACTION == 0.30
    assert TESTS["pain_nrs"].smallest_real_change == 2.0


def test_faam_items_rule_and_mcid_match_domain_md() -> None:
    assert d.FAAM_ADL_ITEMS == 21
    assert d.FAAM_SPORTS_ITEMS == 8
    assert d.FAAM_MIN_ANSWERED_FRACTION == 0.90
    assert d.FAAM_MCID == {"adl": 8.0, "sports": 9.0}
    assert len(d.FAAM_ITEMS["adl"]) == 21
    assert len(d.FAAM_ITEMS["sports"]) == 8


@pytest.mark.parametrize(
    "test_id",
    [
        "toe_isolation",
        "short_foot",
        "paper_grip",
        "foot_length_mm",
        "arch_height_mm",
        "pain_nrs",
        "faam",
    ],
)
def test_tests_without_a_published_norm_carry_none(test_id: str) -> None:
    test = TESTS[test_id]
    assert test.norms == ()
    norm, note = norm_for(test, 40, Sex.FEMALE)
    assert norm is None
    assert note


@pytest.mark.parametrize("test_id", list(TESTS))
def test_every_test_is_complete_enough_to_do_alone_and_score(test_id: str) -> None:
    test = TESTS[test_id]
    assert test.name
    assert test.unit
    assert test.purpose
    assert 3 <= len(test.protocol) <= 8
    assert all(step.strip() for step in test.protocol)
    assert test.valid.low < test.valid.high
    assert test.norm_summary
    assert test.band_rule
    assert test.asymmetry_rule
    assert test.change_rule
    assert all(source in SOURCES for source in test.sources)
    assert test.sides == (("left", "right") if test.sided else ())


def test_every_norm_names_a_known_source() -> None:
    for test in TESTS.values():
        for norm in test.norms:
            assert norm.source in SOURCES


def test_every_norm_and_every_cited_source_is_a_published_study() -> None:
    """People read the citations: each names a published paper (authors, journal, year),
    never the project's own notes (issue 16 item 10)."""
    for source in SOURCES.values():
        assert source.kind == "paper", source.id
        assert "DOMAIN" not in source.citation
        assert "footcore" not in source.citation.lower()
        assert re.search(r"\b(19|20)\d\d\b", source.citation), source.citation
    for test in TESTS.values():
        for norm in test.norms:
            assert norm.source in test.sources, (test.id, norm.source)


def test_a_test_without_a_published_norm_says_so_plainly() -> None:
    for test in TESTS.values():
        if not test.norms and not test.sources:
            assert "no" in test.norm_summary.lower(), test.id
        assert "footcore's reference" not in test.norm_summary + test.band_rule + " ".join(
            test.protocol
        )


def test_hyphenated_and_short_aliases_resolve_to_the_canonical_id() -> None:
    assert resolve_test_id("knee-to-wall") == "knee_to_wall_cm"
    assert resolve_test_id("knee_to_wall_cm") == "knee_to_wall_cm"
    assert resolve_test_id("Heel-Raise") == "heel_raise_reps"
    assert resolve_test_id("navicular-drop-mm") == "navicular_drop_mm"
    assert get_test("pain").id == "pain_nrs"


def test_an_unknown_test_name_raises_with_did_you_mean() -> None:
    with pytest.raises(NotFoundError, match="did you mean 'knee_to_wall_cm'"):
        get_test("knee_to_wal_cm")


def test_band_values_are_the_three_contract_words() -> None:
    assert [b.value for b in Band] == ["low", "typical", "high"]
