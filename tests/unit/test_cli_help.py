"""The command line's help pages (``footcore.cli.help_text``): every command's, read as a
newcomer reads them. A flag shows no value (Typer wrote ``--json <bool>``), a value is
named by a word, a summary is never broken in the middle of a sentence by a line break
written in the source, brackets are shown as written, and in Spanish every help text,
value word and Typer's own words are Spanish."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer.main
from typer._click import Command
from typer.core import TyperGroup
from typer.testing import CliRunner

from footcore import i18n
from footcore.cli.app import app
from footcore.cli.help_text import english_help, one_line_paragraphs

#: Wide enough that no summary or help text is wrapped by the terminal.
WIDE = {"COLUMNS": "400"}

#: A Python type as Typer names a value (``<bool>``, ``<int>``, ``<list[str]>``).
TYPE_LABEL = re.compile(r"<[a-z][\w\[\], ]*>")


def _commands() -> Iterator[tuple[list[str], Command]]:
    """Every command and group of footcore with the words that name it."""
    todo: list[tuple[list[str], Command]] = [([], typer.main.get_command(app))]
    while todo:
        path, command = todo.pop(0)
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            todo.append(([*path, name], sub))


COMMANDS = [path for path, _command in _commands()]
GROUPS = [path for path, command in _commands() if isinstance(command, TyperGroup)]


def _command(path: list[str]) -> Command:
    return next(command for p, command in _commands() if p == path)


def _help(path: list[str]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_covered() -> None:
    assert len(COMMANDS) > 40
    assert ["coach", "exercise", "add"] in COMMANDS


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "footcore")
def test_no_help_page_names_a_python_type_nor_shows_a_flag_s_value_nor_leaves_english(
    path: list[str], language: str
) -> None:
    with i18n.use(language):
        page = _help(path)
    assert TYPE_LABEL.findall(page) == []
    # `--help` is a flag on every page: nothing stands between it and its help.
    help_row = next(line for line in page.splitlines() if "--help " in line)
    said = "Show this message and exit." if language == "en" else "Muestra este mensaje"
    assert re.search(r"--help +" + re.escape(said), help_row), help_row
    if language == "es":  # no help text of the page is left in English
        command = _command(path)
        texts = [english_help(command)["help"]]
        texts += [english_help(p)["help"] for p in command.params]
        for text in filter(None, texts):
            for paragraph in text.split("\n\n"):
                assert paragraph not in page, paragraph


def test_a_flag_stands_alone_and_a_value_is_named_by_a_word() -> None:
    page = _help(["plan"])
    assert re.search(r"--json +Print JSON for scripts instead of text\.", page)
    assert re.search(r"--weeks +INTEGER +Number of weeks, 1-104\.", page)
    assert re.search(r"--profile +FILE +Profile file", page)  # the command's own word
    log = _help(["log", "session"])
    assert re.search(r"--cramp +--no-cramp +Whether a cramp struck\.", log)
    assert re.search(r"--pain +INTEGER \[0<=x<=10\] +Pain during, 0-10\.", log)
    assert re.search(r"slot +TEXT +The planned session", log)


def test_footcore_alone_shows_the_same_readable_page_as_footcore_help() -> None:
    alone = CliRunner().invoke(app, [], env=WIDE).output
    assert alone.strip() == _help([]).strip()
    assert "<bool>" not in alone


@pytest.mark.parametrize("path", GROUPS, ids=lambda p: " ".join(p) or "footcore")
def test_a_command_s_summary_is_one_line_in_its_group_s_list(path: list[str]) -> None:
    page = _help(path).splitlines()
    group = _command(path)
    assert isinstance(group, TyperGroup)
    for name, sub in group.commands.items():
        summary = one_line_paragraphs(sub.help or "").split("\n\n")[0]
        row = next(line for line in page if line.startswith(f"│ {name} "))
        assert summary in row, f"{' '.join([*path, name])}: {row}"


def test_a_summary_written_on_two_lines_of_the_source_reads_as_one_sentence() -> None:
    page = _help([])
    assert "then a short feedback form. Every finished exercise is stored at once." in page
    assert "restore it with 'footcore restore'). Sign-in sessions" in page
    # a later paragraph of a command's own page too
    today = _help(["today"])
    assert "(set up with `footcore init`), adapted to what you logged;" in today


def test_brackets_in_a_help_text_are_shown_as_written() -> None:
    assert "A .toml file with one [[exercise]]." in _help(["coach", "exercise", "add"])


def test_in_spanish_every_help_text_and_typer_s_words_are_spanish() -> None:
    with i18n.use("es"):
        page = _help(["plan"])
        root = _help([])
    assert re.search(r"--json +Muestra JSON para scripts en lugar de texto\.", page)
    assert re.search(r"--weeks +ENTERO +Número de semanas, 1-104\. \[por defecto: 16\]", page)
    assert re.search(r"--profile +ARCHIVO +Archivo de perfil .* \[obligatorio\]", page)
    assert re.search(r"--start +AAAA-MM-DD", page)
    assert "─ Opciones ─" in page
    assert "─ Comandos ─" in root
    assert "Un programa para los pies día a día" in root


def test_a_help_page_in_english_after_one_in_spanish_is_english_again() -> None:
    english = _help(["plan"])
    with i18n.use("es"):
        _help(["plan"])
    assert _help(["plan"]) == english
