"""What a cold `footcore today` loads: the import structure that keeps it fast.

Each check runs the command in a fresh interpreter and reads ``sys.modules`` afterwards, so
an import that brings pydantic, the web stack or an unused service back onto the path fails
here, without any timing (the time itself is measured by benchmarks/bench_cli.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.core import TyperGroup
from typer.main import get_command
from typer.testing import CliRunner

from footcore import __version__
from footcore.cli import main
from footcore.cli.app import app, app_for
from footcore.cli.app import main as app_main
from tests.support.profiles import ana, as_toml

PROFILE = as_toml(ana("cramp_prone", "pain", "running.weekly_km"))

#: Runs ``main(argv)`` as the console script does (``footcore.cli.main``), then writes the
#: exit code, every imported module name and whether the garbage collector is on as JSON to
#: the file named first.
RUN_AND_LIST_MODULES = """
import json, sys
from footcore.cli import main
out, argv = sys.argv[1], sys.argv[2:]
try:
    main(argv)
    code = 0
except SystemExit as exc:
    code = exc.code or 0
import gc
with open(out, "w", encoding="utf-8") as f:
    json.dump({"code": code, "modules": sorted(sys.modules), "gc": gc.isenabled()}, f)
"""

#: Never needed to show the stored day: the web stack, migrations (the database is current),
#: test tools, pydantic (through Typer's value conversion or the catalogue's full
#: validation), file formats, and the use cases `today` does not run.
NOT_FOR_TODAY = (
    "pydantic",
    "pydantic_core",
    "typer._adapters",
    "alembic",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "hypothesis",
    "footcore.web",
    "footcore.io",
    "footcore.catalogue.validate",
    "footcore.catalogue.schema",
    "footcore.services.logs",
    "footcore.services.backup",
    "footcore.services.progress",
    "footcore.services.records",
    "footcore.services.accounts",
    "footcore.services.coaching",
    "footcore.services.exports",
    "footcore.services.imports",
    "footcore.services.checkins",  # no check-in stored: the plan's check-in test is one query
    "footcore.services.unit_of_work",  # the abstract types are for type checking only
    "footcore.store.backup",
    "footcore.store.owned",
    "footcore.domain.ostrc",
    "footcore.domain.demonstration",  # the drawings: the stored day draws nothing
    # English, the default, needs no translation layer (another language loads it)
    "footcore.i18n",
    "babel",
)

#: What only the full path loads (a programme to regenerate, a database the read model does
#: not read): SQLAlchemy and footcore's tables, repositories and unit of work.
FULL_PATH_ONLY = (
    "sqlalchemy",
    "footcore.store.tables",
    "footcore.store.repositories",
    "footcore.store.uow",
    "footcore.store.engine",
    "footcore.store.migrate",
)


def _modules(
    tmp_path: Path, *argv: str, env: dict[str, str] | None = None
) -> tuple[int, set[str], str]:
    """Run ``footcore ARGV`` in a fresh interpreter: exit code, modules loaded, stdout."""
    listing = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=None if env is None else {**os.environ, **env},
    )
    assert listing.exists(), proc.stderr
    data = json.loads(listing.read_text(encoding="utf-8"))
    # The cold start pauses the garbage collector while it loads the database code
    # (footcore.bootstrap); it is on again afterwards.
    assert data["gc"] is True
    return int(data["code"]), set(data["modules"]), proc.stdout


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The modules that are one of ``names`` or inside one of those packages."""
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture
def stored_athlete(tmp_path: Path) -> None:
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = CliRunner().invoke(app, ["init", "--profile", str(profile)])
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("stored_athlete")
def test_stored_today_loads_only_what_it_runs(tmp_path: Path) -> None:
    code, modules, out = _modules(tmp_path, "today")
    assert code == 0
    assert "Ana" in out
    # The day really came from the database, read by the stored day's read model and
    # checked current by the programme service...
    assert {"footcore.services.programmes", "footcore.store.stored_day", "sqlite3"} <= modules
    # ...and nothing else came with it: the programme is current, so no SQLAlchemy, ORM,
    # table classes or unit of work (the full path that regenerates is not taken).
    assert _loaded(modules, NOT_FOR_TODAY + FULL_PATH_ONLY) == []
    # The console script answered it before loading the command-line framework.
    assert _loaded(modules, ("typer", "click")) == []


@pytest.mark.usefixtures("stored_athlete")
def test_stored_today_in_spanish_loads_the_translation_layer_and_still_not_the_rest(
    tmp_path: Path,
) -> None:
    code, modules, out = _modules(tmp_path, "today", env={"LANG": "es_ES.UTF-8"})
    assert code == 0
    assert "Ana, " in out
    assert "semana 1, nivel 1" in out
    assert {"footcore.i18n", "babel"} <= modules
    assert _loaded(modules, ("typer", "click", "sqlalchemy", "pydantic", "footcore.web")) == []


#: Not needed once the parsed catalogue is kept in the user's cache: the TOML parser, the
#: hash that once named the kept copy, the fuzzy matcher of mistyped names, and
#: ``importlib.resources`` (the built-in files are read from the package's directory); nor
#: the self-tests, whose data file is parsed on load (a session logged today is weighed with
#: the progress maths, which compare self-tests only for a report).
NOT_FOR_A_CURRENT_COPY = (
    "tomllib",
    "hashlib",
    "difflib",
    "importlib.resources",
    "zipfile",
    "footcore.domain.assessments",
)


@pytest.mark.usefixtures("stored_athlete")
def test_stored_today_in_use_reads_the_kept_catalogue_and_parses_nothing(tmp_path: Path) -> None:
    logged = CliRunner().invoke(
        app, ["log", "session", "morning", "--difficulty", "3", "--pain", "1"]
    )
    assert logged.exit_code == 0, logged.output
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = _modules(tmp_path, "today", env=env)  # parses the catalogue and keeps it
    assert first[0] == 0
    assert "tomllib" in first[1]
    code, modules, out = _modules(tmp_path, "today", env=env)
    assert code == 0
    assert out == first[2]
    # The catalogue was loaded (the session logged is weighed), from the kept copy.
    assert {"footcore.catalogue.loader", "footcore.domain.progress"} <= modules
    assert _loaded(modules, NOT_FOR_A_CURRENT_COPY) == []


@pytest.mark.usefixtures("stored_athlete")
def test_stored_today_in_spanish_keeps_its_compiled_messages_and_compiles_once(
    tmp_path: Path,
) -> None:
    env = {"LANG": "es_ES.UTF-8", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = _modules(tmp_path, "today", env=env)
    assert first[0] == 0
    assert "babel.messages.pofile" in first[1]  # compiled from the .po file, and kept
    assert (tmp_path / "cache" / "footcore" / "messages-es.marshal").is_file()
    code, modules, out = _modules(tmp_path, "today", env=env)
    assert code == 0
    assert "semana 1, nivel 1" in out
    assert out == first[2]
    assert _loaded(modules, ("babel.messages",)) == []


#: The planner proper: the stored day is read, not planned (its programme is current), so
#: only the plan model and the generator's version are needed.
PLANNER = tuple(
    f"footcore.domain.planning.{m}"
    for m in ("generator", "check", "context", "day", "place", "prescribe", "progression")
) + tuple(f"footcore.domain.planning.{m}" for m in ("protocol", "runweek", "safety", "texts"))


@pytest.mark.usefixtures("stored_athlete")
def test_stored_today_shows_its_current_programme_without_loading_the_planner(
    tmp_path: Path,
) -> None:
    code, modules, out = _modules(tmp_path, "today")
    assert code == 0
    assert "Ana" in out
    assert {"footcore.domain.planning.model", "footcore.domain.planning.version"} <= modules
    assert _loaded(modules, PLANNER) == []


def test_today_from_a_profile_does_load_the_planner(tmp_path: Path) -> None:
    # The control for the test above: planning from a file loads the generator.
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    code, modules, out = _modules(tmp_path, "today", "--profile", str(profile))
    assert code == 0
    assert "week 1 (level 1)" in out
    assert "footcore.domain.planning.generator" in modules


@pytest.mark.usefixtures("stored_athlete")
def test_stored_today_for_a_named_athlete_needs_no_pydantic_either(tmp_path: Path) -> None:
    code, modules, out = _modules(tmp_path, "today", "--athlete", "Ana", "--json")
    assert code == 0
    assert json.loads(out)["athlete"]["name"] == "Ana"
    assert _loaded(modules, ("pydantic", "typer._adapters")) == []


@pytest.mark.usefixtures("stored_athlete")
def test_stored_today_as_json_loads_no_rich_and_as_text_does(tmp_path: Path) -> None:
    """The JSON is written as it is: Rich's consoles are made only for Rich output."""
    code, modules, out = _modules(tmp_path, "today", "--json")
    assert code == 0
    assert json.loads(out)["athlete"]["name"] == "Ana"
    assert _loaded(modules, ("rich",)) == []
    code, modules, out = _modules(tmp_path, "today")
    assert code == 0
    assert "Ana" in out
    assert "rich.console" in modules


@pytest.mark.parametrize("argv", [["exercises"], ["exercise", "towel-scrunch", "--json"]])
def test_listing_and_showing_exercises_loads_neither_the_planner_nor_pydantic(
    tmp_path: Path, argv: list[str]
) -> None:
    code, modules, out = _modules(tmp_path, *argv)
    assert code == 0
    assert "owel" in out  # the catalogue was read: Towel scrunch is in it
    heavy = ("footcore.domain.planning", "footcore.catalogue.protocols", "pydantic")
    assert _loaded(modules, (*heavy, "sqlalchemy")) == []


def test_version_loads_no_database_planner_or_cli_framework(tmp_path: Path) -> None:
    code, modules, out = _modules(tmp_path, "--version")
    assert code == 0
    assert out == f"footcore {__version__}\n"
    heavy: tuple[str, ...] = ("sqlalchemy", "pydantic", "footcore.services", "footcore.store")
    heavy += ("typer", "rich")
    heavy += ("footcore.domain.planning", "footcore.cli.app", "footcore.i18n", "babel")
    assert _loaded(modules, heavy) == []


def test_version_says_the_same_through_the_whole_app(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--version"])
    fast = capsys.readouterr().out
    with pytest.raises(SystemExit) as whole:
        app(args=["--version"], prog_name="footcore")
    assert whole.value.code == 0
    assert capsys.readouterr().out == fast


def test_the_console_script_runs_the_cli_entry_point() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["footcore"] == "footcore.cli:main"


def test_a_value_that_needs_converting_still_goes_through_typer(tmp_path: Path) -> None:
    # The control for the checks above: an integer option is converted by Typer's own
    # pydantic adapter, so the listing does show pydantic when it is used.
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    code, modules, out = _modules(tmp_path, "plan", "--profile", str(profile), "--weeks", "2")
    assert code == 0
    assert "Ana" in out
    assert "typer._adapters" in modules


def _command_lines() -> list[list[str]]:
    """Every command and group of the CLI, as the words that name it."""
    lines: list[list[str]] = []

    def walk(command: object, words: list[str]) -> None:
        if words:
            lines.append(words)
        if isinstance(command, TyperGroup):
            for name, sub in command.commands.items():
                walk(sub, [*words, name])

    walk(get_command(app), [])
    return lines


@pytest.mark.parametrize("words", _command_lines(), ids=" ".join)
def test_the_cut_down_app_gives_the_same_help_as_the_whole_app(
    words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert app_for(words) is not app
    with pytest.raises(SystemExit) as whole:
        app(args=[*words, "--help"], prog_name="footcore")
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as cut:
        app_main([*words, "--help"])
    got = capsys.readouterr()
    assert (cut.value.code, got.out, got.err) == (whole.value.code, expected.out, expected.err)
    assert words[0] in got.out


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["todya"], ["--version", "x"]])
def test_command_lines_without_a_known_command_first_run_the_whole_app(argv: list[str]) -> None:
    assert app_for(argv) is app
