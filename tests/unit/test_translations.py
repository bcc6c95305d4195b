"""Every shipped language is complete: each English message marked in the code and
templates of the web, the foot map, the calendar, the PDF handouts, the command line (its
messages and every help text of its commands and options) and the domain's
sentences (the class sheet's) (extracted by Babel
with ``babel.cfg``, as ``./dev messages`` does) has a translation in that language's
catalogue, with the same placeholders, and none is left in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from footcore import i18n
from footcore.domain.languages import TRANSLATED

ROOT = Path(__file__).resolve().parents[2]

#: Messages that are the same word in the translation (names, units, codes).
SAME_IN = {
    "es": {
        "footcore",
        "Email",
        "OK",
        "FAAM",
        "OSTRC",
        "JSON",
        "CSV",
        "PDF",
        "FHIR",
        "FIT",
        "%(n)s min",
        "Total",
        "Error %(status)s",
        "Imperial (in, mi)",
        "No",
        "no",
        "club",
        # sentences of the class sheet made of their values only
        "%(exercise)s: %(reason)s",
        "%(name)s (%(reasons)s)",
        # a reminder's title and an import's reason made of their values and units only
        "%(slot)s: %(minutes)s",
        "15 km",
        # a study's stratum
        "20-39 km",
        # the command line's
        "error:",
        "n",  # the first letter of "no" in both
        "N",  # a help page's word for a number, as in "--week N"
        "Error",  # the title of Typer's error panel
        "slug",  # the exercises table's heading for the slug, typed as it is
        # self-tests' units and short words
        "%",
        "0-10",
        "cm",
        "mm",
        "s",
        "pts",
        "Plan:",
    },
}


def extracted() -> Catalog:
    """The English the code and templates mark, as ``./dev messages`` extracts it (the same
    mapping file and keywords)."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
    catalog = Catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords={**_KEYWORDS}
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


_KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    # The menu's words: NavItem(key, label, path, ...).
    "NavItem": (2,),
}


def shipped(language: str) -> Catalog:
    with i18n.catalogue_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.fixture(scope="module")
def english() -> Catalog:
    return extracted()


def test_the_extraction_finds_the_web_s_messages(english: Catalog) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in english if m.id}
    # One from a template, one from the vocabulary's words, one from Python.
    assert {"Language", "Plantar fascia", "EEEE d MMMM"} <= ids
    # The coach's pages, form errors, the check-in's questions, the foot map, the calendar
    # and the PDF handouts: each surface's words are among them.
    assert {
        "Programme templates",
        "text of 1 to %(n)s characters",
        "In the last 7 days, how much pain or other symptoms did you have in your knee?",
        "Inner side",
        "Foot work %(when)s",
        "How to use this booklet",
        # the class sheet's sentences, kept in footcore.domain.coaching.sheet
        "after a %(run)s run: release first",
        "no %(equipment)s",
        # the study report's notes and strata and the study's consent
        "The study has not started: nobody is allocated yet.",
        "%(band)s, injured before",
        # the drawings in words
        "It moves from %(order)s and back.",
        "the other foot",
        # the command line's help pages: a command's help, one line a paragraph (a
        # docstring wrapped by hand), an option's help, Typer's own words, and the
        # progress report's scale and verdict words
        "A guided session: each exercise with its cues, countdowns, rep prompts, then a "
        "short feedback form. Every finished exercise is stored at once.",
        "Print JSON for scripts instead of text.",
        "[required]",
        "points of 9",
        "within measurement noise",
        # the messages of assess, outcome, coach, admin, reminders, backup and restore,
        # exercises, serve and runs import, Typer's own words and Click's errors
        "Change between two assessments",
        "Heel raise",
        "Weekly check-ins",
        "Created %(kind)s '%(name)s' (id %(id)s). Invite code: %(code)s",
        "No accounts: %(mode)s. Create one with: footcore admin create-user EMAIL --role admin",
        "Reminders: %(how)s%(quiet)s; %(browsers)s.",
        "Wrote %(n)s record to %(file)s.",
        "Restored %(n)s record from %(file)s.",
        "No exercises match these filters.",
        "footcore: serving on http://%(host)s:%(port)s in %(mode)s mode  (Ctrl+C stops)",
        "no run files found (expected .gpx, .tcx, .fit or .csv)",
        "Usage:",
        "Missing option %(name)s.",
        "Invalid value for %(name)s: %(reason)s",
        "it must be a whole number",
    } <= ids
    # the word for an option's value, in its own context
    assert ("metavar", "FILE") in {(m.context, m.id) for m in english if m.context}
    assert len(ids) > 50


def missing_from(english: Catalog, catalogue: Catalog) -> list[object]:
    """The English messages ``catalogue`` has no usable translation of (absent, empty,
    fuzzy, or a plural form left empty)."""
    missing: list[object] = []
    for message in english:
        if not message.id:
            continue
        found = catalogue.get(message.id, context=message.context)
        if found is None or found.fuzzy:
            missing.append(message.id)
            continue
        strings = [found.string] if isinstance(found.string, str) else list(found.string or ())
        if not strings or not all(strings):
            missing.append(message.id)
    return missing


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_message_is_translated_in_the_shipped_catalogue(
    english: Catalog, language: str
) -> None:
    missing = missing_from(english, shipped(language))
    assert missing == [], f"{len(missing)} messages without a {language} translation"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders_and_leave_nothing_in_english(
    language: str,
) -> None:
    catalogue = shipped(language)
    # footcore's placeholders are always named (%(name)s); a bare "90% of" in a self-test's
    # text is a percentage, which Babel's checker would read as a placeholder.
    problems = [
        f"{message.id!r}: {error}"
        for message, errors in catalogue.check()
        for error in errors
        if "%(" in str(message.id)
    ]
    assert problems == []
    same = [
        m.id
        for m in catalogue
        if m.id
        and isinstance(m.id, str)
        and m.string == m.id
        and m.id not in SAME_IN.get(language, set())
    ]
    assert same == [], "left in English"


def test_the_completeness_check_catches_a_message_missing_from_the_catalogue(
    english: Catalog,
) -> None:
    catalogue = shipped("es")
    assert missing_from(english, catalogue) == []
    catalogue.delete("Language")
    catalogue["Towel"].string = ""
    catalogue["Pages in"].flags.add("fuzzy")
    assert sorted(map(str, missing_from(english, catalogue))) == ["Language", "Pages in", "Towel"]
