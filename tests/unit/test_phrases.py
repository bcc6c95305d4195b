"""The domain's sentences kept as shape and values (footcore.domain.phrases): the English
is the string itself, exactly as written before; an edge says them again in Spanish, each
value in its own way (footcore.i18n.words.said)."""

from __future__ import annotations

import re

from footcore import i18n
from footcore.cli.commands.coach import _sheet_text
from footcore.domain.phrases import Listed, Named, Said
from footcore.domain.vocab import Equipment, RunKind
from footcore.i18n.words import said
from tests.unit.test_coaching import sheet


def test_a_said_sentence_is_its_english_string() -> None:
    sentence = Said.of(
        "%(original)s -> %(easier)s: %(reason)s",
        original=Named("towel-scrunch", "Towel scrunch"),
        easier=Named("short-foot", "Short foot"),
        reason=Said.of("no cramp-risk work after a %(run)s run", run=RunKind.LONG),
    )
    assert sentence == "Towel scrunch -> Short foot: no cramp-risk work after a long run"
    assert isinstance(sentence, str)
    assert Listed((Equipment.TOWEL, Equipment.STEP)) == "towel, step"


def test_the_class_sheet_in_english_is_unchanged_by_the_translation_layer() -> None:
    s = sheet(RunKind.LONG)
    assert list(s.rules) == [
        "after a run: no deep stretch",
        "after a long run: no cramp-risk work and no heavy load",
        "after a long run: release first",
    ]
    with i18n.use("en"):
        assert [said(r) for r in s.rules] == list(s.rules)
        for item in s.items:
            assert said(item.change) == (item.change or "")
            assert [said(w) for w in item.easier_for] == list(item.easier_for)


def test_the_class_sheet_s_sentences_in_spanish() -> None:
    s = sheet(RunKind.LONG)
    with i18n.use("es"):
        assert [said(r) for r in s.rules] == [
            "tras una carrera: sin estiramiento profundo",
            "tras una tirada larga: nada que pueda provocar calambres ni carga alta",
            "tras una tirada larga: primero, la liberación",
        ]
        changed = next(i.change for i in s.items if i.change and "Towel scrunch" in i.change)
        spanish = said(changed, lambda named: f"<{named.slug}>")
        assert spanish.startswith("<")
        assert spanish.endswith(
            " en lugar de <towel-scrunch>: nada que pueda provocar calambres tras una tirada larga"
        )


def test_who_needs_the_easier_version_and_why_in_spanish() -> None:
    easy = sheet(RunKind.EASY)
    towel = next(i for i in easy.items if i.exercise == "towel-scrunch")
    with i18n.use("es"):
        who = [said(w) for w in towel.easier_for]
    assert "Ana (con tendencia a calambres)" in who
    calm = sheet(RunKind.NONE)
    with i18n.use("es"):
        reasons = [said(w) for i in calm.items for w in i.easier_for]
    assert any(r.startswith("Ben (dolor 5/10") for r in reasons)
    # Equipment a member lacks, by its Spanish word, inside the sentence.
    missing = Said.of("no %(equipment)s", equipment=Listed((Equipment.TOWEL, Equipment.STEP)))
    assert missing == "no towel, step"
    with i18n.use("es"):
        assert said(missing) == "sin toalla, escalón"


def test_the_printed_class_sheet_in_spanish_from_the_command_line() -> None:
    s = sheet(RunKind.LONG)
    english = _sheet_text(s)
    assert english.splitlines()[1] == "2027-01-04 - after: long run"
    assert re.fullmatch(r"\d+\.\d minutes", english.splitlines()[2])
    assert "Rule: after a long run: release first" in english
    with i18n.use("es"):
        spanish = _sheet_text(s)
    lines = spanish.splitlines()
    assert lines[1] == "2027-01-04 - tras una tirada larga"
    assert re.fullmatch(r"\d+,\d minutos", lines[2])
    assert "Norma: tras una tirada larga: primero, la liberación" in lines
    assert "2. [2:54] Elevar y relajar el arco - 2 × 10, sosteniendo 3 s, cada pie (3,9 min)" in (
        lines
    )
    assert (
        "   cambio: Elevar y relajar el arco en lugar de Arrugar la toalla: nada que pueda "
        "provocar calambres tras una tirada larga" in lines
    )
    assert "   entrenador: Slow and even." in lines  # the coach's own note, as written
    assert not any("Big-toe pad" in line for line in lines)  # the cues in Spanish
    assert any(line.startswith("   más fácil: ") and "(dolor 5/10)" in line for line in lines)
    # English again afterwards, byte for byte.
    assert _sheet_text(s) == english
