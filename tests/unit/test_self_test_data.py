"""The self-test data file (domain/assessments/data/self-tests.toml): it passes the full check,
the check finds what a slip would break, its norms are the published ones row by row, and the
prose (English and its Spanish translation) states the same numbers as the data.

Until the file replaced it, a literal in definitions.py held the tests; a test compared every
loaded field with it (same values, same types) before the literal was deleted. What stays
compares the data with the published figures themselves (DOMAIN.md section 5; Springer 2007
and Bohannon 2006 for balance), written out here independently of the file.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from footcore import i18n
from footcore.catalogue.self_tests import check_self_tests
from footcore.domain.assessments import TESTS
from footcore.domain.assessments.loading import builtin_text, render
from footcore.domain.vocab import Sex
from footcore.i18n.extract import TEST_LISTS, TEST_TEXTS

M, F = Sex.MALE, Sex.FEMALE
SPRINGER, BOHANNON = "springer-2007", "bohannon-2006"

# (test, age_min, age_max, sex, reference, low below, high above, source), as published.
PUBLISHED_NORMS = [
    ("knee_to_wall_cm", 18, None, None, 12.0, 9.2, 14.8, "hoch-mckeon-2011"),
    *[
        ("heel_raise_reps", lo, hi, sex, ref, ref - 6, ref + 6, "hebert-losier-2017")
        for lo, hi, men, women in [
            (20, 29, 37, 30),
            (30, 39, 32, 27),
            (40, 49, 28, 24),
            (50, 59, 23, 21),
            (60, 69, 19, 19),
            (70, 79, 14, 16),
            (80, 89, 10, 13),
        ]
        for sex, ref in ((M, men), (F, women))
    ],
    *[
        ("balance_eyes_open_s", lo, hi, None, s, s, None, source)
        for lo, hi, s, source in [
            (18, 39, 44.7, SPRINGER),
            (40, 49, 41.9, SPRINGER),
            (50, 59, 41.2, SPRINGER),
            (60, 69, 27.0, BOHANNON),
            (70, 79, 17.2, BOHANNON),
            (80, None, 8.5, BOHANNON),
        ]
    ],
    *[
        ("balance_eyes_closed_s", lo, hi, sex, s, s, None, SPRINGER)
        for lo, hi, men, women in [
            (18, 39, 16.9, 13.1),
            (40, 49, 12.0, 13.5),
            (50, 59, 8.6, 7.9),
            (60, 69, 5.1, 3.6),
            (70, 79, 2.6, 3.7),
            (80, None, 1.8, 2.1),
        ]
        for sex, s in ((M, men), (F, women))
    ],
    ("navicular_drop_mm", None, None, None, None, None, 15.0, "brody-1982"),
]


def test_the_shipped_file_passes_the_full_check() -> None:
    assert check_self_tests(builtin_text()) == []


def test_every_norm_row_is_the_published_one_and_no_other() -> None:
    loaded = [
        (t.id, n.age_min, n.age_max, n.sex, n.reference, n.low_below, n.high_above, n.source)
        for t in TESTS.values()
        for n in t.norms
    ]
    assert loaded == PUBLISHED_NORMS


@pytest.mark.parametrize(
    ("test_id", "stated"),
    [
        ("knee_to_wall_cm", ["Adults 12 +/- 2.8 cm", "3.6 degrees", "(9.2 cm)", "(14.8 cm)"]),
        ("knee_to_wall_cm", ["more than 1.5 cm", "1.9 cm or more"]),
        ("heel_raise_reps", ["Median 24 reps for men and 21 for women", "+/- 6 reps"]),
        ("heel_raise_reps", ["20-29 37/30, 30-39 32/27", "70-79 14/16, 80-89 10/13."]),
        ("balance_eyes_open_s", ["best of 3 tries", "18-39 44.7 s", "80+ 8.5 s", "Under 5 s"]),
        ("balance_eyes_open_s", ["or 45 s pass", "Do three tries", "counts as 45.", "under 18"]),
        ("balance_eyes_closed_s", ["18-39 13.1/16.9 s", "80+ 2.1/1.8 s", "Capped at 45 s"]),
        ("short_foot", ["for 30 s", "before 10 s", "more than one step"]),
        ("navicular_drop_mm", ["Under 10 mm is normal, over 15 mm abnormal"]),
        ("pain_nrs", ["0-3 acceptable, 4-5 caution, above 5", "2 points or 30%", "6-10"]),
        ("faam", ["all 21 daily-life items", "all 8 sport", "90%", "(19 of 21; 8 of 8"]),
        ("faam", ["8 points (ADL) or 9 points (Sports)"]),
    ],
)
def test_the_prose_states_the_published_figures(test_id: str, stated: list[str]) -> None:
    test = TESTS[test_id]
    prose = " ".join([*(getattr(test, key) for key in TEST_TEXTS), *test.protocol, *test.equipment])
    for words in stated:
        assert words in prose


def _numbers(text: str) -> list[float]:
    return sorted(
        float(n.replace(",", ".")) for n in re.findall(r"(?<![\w.,])\d+(?:[.,]\d+)?", text)
    )


def test_the_spanish_prose_states_the_same_numbers_as_the_english() -> None:
    """The translations live in messages.po, keyed by the rendered English: a changed figure
    leaves its sentence untranslated (test_translations fails), and a translation with other
    numbers fails here."""
    with i18n.catalogue_path("es").open("rb") as handle:
        spanish = read_po(handle, locale="es")
    checked = 0
    for test in TESTS.values():
        words = [getattr(test, key) for key in TEST_TEXTS]
        words += [w for key in TEST_LISTS for w in getattr(test, key)]
        for english in filter(None, words):
            message = spanish.get(english)
            assert message is not None, english
            assert message.string, english
            assert _numbers(str(message.string)) == _numbers(english), english
            checked += 1
    assert checked > 100


def _with(old: str, new: str) -> str:
    text = builtin_text()
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            'band_rule = "low below mean - 1 SD ({mean-sd} cm)',
            'band_rule = "low below mean - 1 SD (9.2 cm)',
            "test 'knee_to_wall_cm': band_rule",
            "9.2 is written out",
        ),
        (
            "Hold the shortened foot for {hold_s} s",
            "Hold the shortened foot for 30 s",
            "test 'short_foot': protocol[3]",
            "30 is written out",
        ),
        (
            "Adults {mean} +/- {sd} cm",
            "Adults {mean} +/- {sdev} cm",
            "test 'knee_to_wall_cm': prose",
            "'sdev'",
        ),
        (
            'sources = ["hebert-losier-2017"]',
            'sources = ["hebert-losier-2071"]',
            "test 'heel_raise_reps': sources",
            "unknown source 'hebert-losier-2071'",
        ),
        (
            "{ age_min = 40, age_max = 49, male = 28, female = 24 }",
            "{ age_min = 40, age_max = 49, male = 28 }",
            "test 'heel_raise_reps': norm.rows[3]",
            "gives reference or male and female",
        ),
        (
            'margin = "retest_reps"',
            'margin = "retest"',
            "test 'heel_raise_reps': norm.margin",
            "'retest' is not a figure",
        ),
        (
            'shape = "tries"',
            'shape = "trys"',
            "test 'balance_eyes_open_s': shape",
            "",
        ),
        (
            'higher_is_better = false\nsources = ["brody-1982"',
            'higher_is_better = false\nnorms = 1\nsources = ["brody-1982"',
            "test 'navicular_drop_mm': norms",
            "Extra inputs are not permitted",
        ),
    ],
)
def test_the_check_finds_a_slip_and_says_where(
    old: str, new: str, where: str, message: str
) -> None:
    problems = [str(p) for p in check_self_tests(_with(old, new))]
    assert any(f"self-tests.toml: {where}" in p and message in p for p in problems), problems


def test_a_figure_written_out_in_a_norm_table_is_found_too() -> None:
    problems = check_self_tests(_with('row = "{ages} {male}/{female}"', 'row = "{ages} 37/30"'))
    assert [p.where for p in problems] == ["self-tests.toml: test 'heel_raise_reps': norm.row"]


def test_the_prose_renders_sums_percentages_and_words() -> None:
    figures = {"a": 3, "f": 0.3, "n": 21, "x": 0.9}
    assert render("{a+1}-{a*2} {f:pct} {x*n:ceil} {a:word}", figures) == "4-6 30% 19 three"
