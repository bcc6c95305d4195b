"""The command line's language: the environment's (POSIX locale variables), English unless
footcore ships the one asked for, and English byte for byte by default (the commands that
store, in both languages: tests/e2e/test_cli_language.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from footcore import i18n
from footcore.cli import console, environment_language
from footcore.cli.app import app
from footcore.cli.commands import onboarding


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "es_MX"}, "es"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "es"),
        ({"LC_ALL": "C", "LC_MESSAGES": "es_ES.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
        ({"LC_ALL": "es_AR.UTF-8@euro", "LANG": "C"}, "es"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "es_ES"}, "es"),
    ],
)
def test_the_language_is_the_first_locale_variable_set(env: dict[str, str], language: str) -> None:
    assert environment_language(env) == language


def test_a_profile_s_problems_in_spanish_and_as_they_were_in_english(tmp_path: object) -> None:
    bad = tmp_path / "bad.toml"  # type: ignore[operator]
    bad.write_text('name = " "\nage = 200\n', "utf-8")
    runner = CliRunner()
    english = runner.invoke(app, ["today", "--profile", str(bad)]).output
    with i18n.use("es"):
        spanish = runner.invoke(app, ["today", "--profile", str(bad)]).output
    assert english == (
        f"error: profile {bad}: 2 problems\n"
        "  - name: must be a non-empty text\n"
        "  - age: must be from 10 to 110, got 200\n"
    )
    assert spanish == (
        f"error: perfil {bad}: 2 problemas\n"
        "  - name: debe ser un texto no vacío\n"
        "  - age: debe estar entre 10 y 110; se recibió 200\n"
    )


@pytest.mark.parametrize(("typed", "yes"), [("s", True), ("sí", True), ("y", True), ("n", False),
                                            ("", False), ("no", False)])  # fmt: skip
def test_a_yes_or_no_question_in_spanish_takes_s_for_yes(
    typed: str, yes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def prompt(text: str, **_kwargs: object) -> str:
        asked.append(text)
        return typed

    monkeypatch.setattr(typer, "prompt", prompt)
    with i18n.use("es"):
        assert onboarding._confirm("¿Te dan calambres?") is yes
    assert asked == ["¿Te dan calambres? [s/N]"]


def test_today_from_a_profile_heads_the_day_in_spanish_and_in_english_as_it_was() -> None:
    runner = CliRunner()
    ana = Path(__file__).resolve().parents[2] / "examples" / "ana.toml"
    argv = ["today", "--profile", str(ana), "--date", "2026-12-07"]
    english = runner.invoke(app, argv).output.splitlines()
    with i18n.use("es"):
        spanish = runner.invoke(app, argv).output.splitlines()
    assert english[0].startswith("Monday 07 December 2026, week 1 (level 1), no run, ")
    assert spanish[0].startswith("lunes 7 de diciembre de 2026, semana 1 (nivel 1), sin carrera, ")
    minutes = english[0].rsplit(", ", 1)[1]  # "12.0 min"
    assert spanish[0].endswith(", " + minutes.replace(".", ","))
    # The plan's notes are the planner's (English) under the word "note:" in the language.
    assert any(line.startswith("note: ") for line in english)
    assert any(line.startswith("nota: ") for line in spanish)
    assert not any(line.startswith("note: ") for line in spanish)


def test_plan_s_week_view_in_spanish_and_in_english_as_it_was() -> None:
    runner = CliRunner()
    ana = Path(__file__).resolve().parents[2] / "examples" / "ana.toml"
    argv = ["plan", "--profile", str(ana), "--start", "2026-12-07", "--weeks", "2", "--week", "1"]
    english = runner.invoke(app, argv, env={"COLUMNS": "200"}).output
    with i18n.use("es"):
        spanish = runner.invoke(app, argv, env={"COLUMNS": "200"}).output
    # The heading wraps at the console's width, which an earlier test in the same process
    # may have fixed (rich keeps one console): compare its words, not its line breaks.
    assert " ".join(english.split()).startswith(
        "Ana: 2 weeks from 2026-12-07, up to 12 min a day; goals: general, "
    )
    assert " ".join(spanish.split()).startswith(
        "Ana: 2 semanas desde el 2026-12-07, hasta 12 min al día; objetivos: fuerza general del pie"
    )
    assert "\nWeek 1 (level 1)  " in english
    assert "\nSemana 1 (nivel 1)  " in spanish
    assert re.search(r"\nday +run +when +min +exercises", english)
    assert re.search(r"\ndía +carrera +cuándo +min +ejercicios", spanish)
    assert re.search(r"\nMon 07 Dec +no run +morning +\d+\.\d +", english)
    assert re.search(r"\nlun 7 dic +sin carrera +Por la mañana +\d+,\d +", spanish)
    assert re.search(r"\nTue 08 Dec +easy run +", english)
    assert re.search(r"\nmar 8 dic +rodaje suave +", spanish)
    # the day's exercises with Spanish doses (which ones is the planner's; the week's focus
    # line above the table is the planner's English)
    # (the table may wrap a day over several lines: the day runs to the next day's line)
    lines = spanish.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("lun 7 dic"))
    end = next(i for i in range(first + 1, len(lines)) if lines[i].startswith("mar 8 dic"))
    monday = " ".join(" ".join(lines[first:end]).split())
    assert ", cada pie" in monday
    assert "each foot" not in monday


def test_a_number_asked_again_after_words_says_why_in_spanish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter(["abc", "40"])
    asked: list[tuple[str, object]] = []

    def prompt(text: str, **kwargs: object) -> object:
        asked.append((text, kwargs.get("type")))
        return next(typed)

    monkeypatch.setattr(typer, "prompt", prompt)
    with i18n.use("es"):
        assert console.ask_whole_number("Edad") == 40
    assert asked == [("Edad", None), ("Edad", None)]
    assert capsys.readouterr().err == "error: debe ser un número entero\n"


def test_a_number_in_english_is_click_s_own_prompt_as_always(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[str, object, object]] = []

    def prompt(text: str, **kwargs: object) -> object:
        asked.append((text, kwargs.get("default"), kwargs.get("type")))
        return 40

    monkeypatch.setattr(typer, "prompt", prompt)
    assert console.ask_whole_number("Age", 10) == 40
    assert asked == [("Age", 10, int)]


def test_a_non_runner_s_week_view_has_no_run_column() -> None:
    # Physio review 13: an 80-year-old who does not run read "no run" on every day.
    margaret = Path(__file__).resolve().parents[2] / "examples" / "margaret.toml"
    argv = ["plan", "--profile", str(margaret), "--start", "2026-12-07", "--week", "1"]
    said = CliRunner().invoke(app, argv, env={"COLUMNS": "200"}).output
    assert re.search(r"\nday +when +min +exercises", said)
    assert "no run" not in said
