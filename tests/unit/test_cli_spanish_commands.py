"""Commands run as the console script runs them (``footcore.cli.main``) with
``LANG=es_ES.UTF-8``: Typer's own frames (usage line, hint, errors), backup and restore,
reminders, admin, coach, exercises, assess, outcome, runs import and serve speak Spanish,
with none of the English of the messages they translate left, and a user error is one
clear line with no traceback. (English as always: the e2e tests of each command.)"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from footcore.cli import console, main

ROOT = Path(__file__).resolve().parents[2]
ANA = ROOT / "examples" / "ana.toml"


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    # The consoles are made once, at import, with the width of that moment (another test in
    # the same process may have imported them at 80 columns): wide enough for every line.
    monkeypatch.setattr(console.out, "width", 200)
    monkeypatch.setattr(console.err, "width", 200)


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str]:
    """Exit code and everything written (stdout and stderr) by ``footcore ARGV``."""
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        main(list(argv))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    said = out.out + out.err
    assert "Traceback" not in said
    return code, said


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize(
    ("argv", "spanish_words", "english_words"),
    [
        (
            ["nope"],
            ["Uso: footcore [OPCIONES] COMANDO [ARGS]...", "Prueba 'footcore --help' para ver "
             "la ayuda.", "No existe el comando 'nope'."],
            ["Usage:", "Try ", "for help", "No such command", "[OPTIONS]", "COMMAND"],
        ),
        (
            ["plna"],
            ["No existe el comando 'plna'. ¿Quisiste decir 'plan'?"],
            ["No such command", "Did you mean"],
        ),
        (
            ["runs", "add", "--km", "5"],
            ["Uso: footcore runs add [OPCIONES]", "Falta la opción '--minutes'."],
            ["Missing option", "Usage:"],
        ),
        (
            ["plan", "--weeks", "abc"],
            ["Valor no válido para '--weeks': debe ser un número entero"],
            ["Invalid value", "Input should be", "valid integer"],
        ),
        (
            ["plan", "--nope"],
            ["No existe la opción: --nope"],
            ["No such option"],
        ),
        (
            ["serve", "--forwarded-allow-ips", "10.0.0.1"],
            ["error: --forwarded-allow-ips solo cuenta con --proxy-headers; añádelo"],
            ["only counts with"],
        ),
    ],
)  # fmt: skip
def test_typer_s_frames_and_usage_errors_in_spanish(
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    spanish_words: list[str],
    english_words: list[str],
) -> None:
    code, said = run(capsys, *argv)
    assert code == 2
    for words in spanish_words:
        assert words in flat(said)
    for words in english_words:
        assert words not in said


def test_typer_s_frames_are_english_again_after_spanish_in_the_same_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert "Prueba 'footcore --help'" in run(capsys, "nope")[1]
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, said = run(capsys, "nope")
    assert code == 2
    assert "Usage: footcore [OPTIONS] COMMAND [ARGS]..." in said
    assert "Try 'footcore --help' for help." in said
    assert "No such command 'nope'." in said


def test_backup_restore_reminders_and_outcome_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run(capsys, "init", "--profile", str(ANA))[0] == 0  # in English (the fixture's C)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    # The consoles are made once, at import, with the width of that moment (another test in
    # the same process may have imported them at 80 columns): wide enough for every line.
    monkeypatch.setattr(console.out, "width", 200)
    monkeypatch.setattr(console.err, "width", 200)
    backup = tmp_path / "copia.json"
    code, said = run(capsys, "backup", str(backup))
    assert code == 0
    assert f"Se han escrito 3 registros en {backup}." in flat(said)
    assert "Se deja fuera a propósito: las sesiones abiertas" in flat(said)
    assert "Wrote" not in said
    assert "Left out" not in said
    code, said = run(capsys, "restore", str(backup))
    assert code == 2
    assert "error: la base de datos ya tiene datos (" in said
    assert "restore into an empty database" not in said
    code, said = run(capsys, "restore", str(backup), "--replace")
    assert code == 0
    assert f"3 registros restaurados desde {backup}." in flat(said)
    assert "Restored" not in said
    code, said = run(capsys, "reminders", "status")
    assert said == "Recordatorios: nunca; 0 navegadores suscritos.\n"
    code, said = run(capsys, "outcome")
    assert "Controles semanales: 0 respondidos, 0 saltados;" in said
    assert "Weekly check-ins" not in said
    assert " answered" not in said


def test_admin_and_coach_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    # The consoles are made once, at import, with the width of that moment (another test in
    # the same process may have imported them at 80 columns): wide enough for every line.
    monkeypatch.setattr(console.out, "width", 200)
    monkeypatch.setattr(console.err, "width", 200)
    said = run(capsys, "admin", "users")[1]
    assert flat(said) == (
        "No hay cuentas: modo de una persona en este ordenador. Crea una con: footcore admin "
        "create-user EMAIL --role admin"
    )
    code, said = run(capsys, "coach", "groups", "list")
    assert code == 2
    assert "error: aún no hay ninguna cuenta de entrenador" in said
    argv = ("admin", "create-user", "eva@example.org", "--role", "coach", "--password-stdin")
    code, said = run(capsys, *argv, stdin="corto\n")
    assert code == 2
    assert "error: contraseña: debe tener al menos" in said
    code, said = run(capsys, *argv, stdin="una-clave-larga\n")
    assert (code, said) == (0, "Cuenta de entrenador eva@example.org creada.\n")
    code, said = run(capsys, "coach", "groups", "create", "Corredores")
    assert said.startswith("Grupo creado (club) 'Corredores' (id 1). Código de invitación: ")
    said = run(capsys, "coach", "groups", "list")[1]
    assert "Corredores (club) - 0 miembros - código " in said
    code, said = run(capsys, "admin", "unlock", "nadie@example.org")
    assert (code, said) == (2, "error: cuenta desconocida 'nadie@example.org'\n")
    code, said = run(capsys, "admin", "delete-user", "eva@example.org", stdin="n\n")
    assert code == 1
    assert "¿Borrar eva@example.org y todos sus datos? [s/N]" in said
    assert "Cancelado." in said
    assert "Aborted" not in said
    assert "[y/N]" not in said


@pytest.mark.usefixtures("spanish")
def test_exercises_and_one_exercise_in_spanish_with_the_catalogue_s_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    said = run(capsys, "exercises", "--category", "warm-up")[1]
    assert said.splitlines()[0].split() == ["slug", "nombre", "material", "dosis", "momentos"]
    assert "Calentamiento" in said
    assert "Círculos de tobillo" in said
    assert "Ankle circles" not in said
    assert "10 repeticiones, cada pie" in said
    assert "each foot" not in said
    assert "Por la mañana, En el escritorio" in flat(said)
    assert "2 de 66 ejercicios. Detalles: footcore exercise SLUG" in said
    assert "Details:" not in said
    said = run(capsys, "exercise", "short-foot-seated")[1]
    assert said.startswith("Pie corto sentado  short-foot-seated\nActivación · Sentado · carga")
    for heading in ("Dosis", "Cómo hacerlo", "Precauciones", "Material", "Cuándo y para qué",
                    "Cadena de progresión", "Fuentes"):  # fmt: skip
        assert f"\n{heading}\n" in said
    for english in ("How to do it", "Take care", "Progression chain", "None needed", "When:",
                    "(this one)", "Equipment\n"):  # fmt: skip
        assert english not in said
    code, said = run(capsys, "exercises", "--slot", "nope")
    assert code == 2
    assert "error: no se conoce el valor 'nope' para --slot (momento del día)" in said
    assert "valores posibles: morning, desk" in said


@pytest.mark.usefixtures("spanish")
def test_assess_guide_and_compare_in_spanish(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    said = flat(run(capsys, "assess", "guide", "heel-raise")[1])
    assert said.startswith("Elevaciones de talón a una pierna hasta la fatiga ")
    assert "Resultado: repeticiones, cada pie; se admite un número entero de 0 a 150" in said
    assert "Valores de referencia:" in said
    assert "Cambio real:" in said
    assert "You need" not in said
    assert "Result:" not in said
    assert "Norms:" not in said
    before, after = tmp_path / "antes.json", tmp_path / "despues.json"
    before.write_text(json.dumps({"age": 38, "sex": "female", "date": "2026-11-21",
                                  "results": {"knee_to_wall_cm": {"left": 8.0}}}))  # fmt: skip
    after.write_text(json.dumps({"age": 38, "sex": "female", "date": "2027-01-30",
                                 "results": {"knee_to_wall_cm": {"left": 9.9}}}))  # fmt: skip
    said = run(capsys, "assess", "compare", "--before", str(before), "--after", str(after))[1]
    assert "Cambio entre dos evaluaciones (2026-11-21 -> 2027-01-30, 70 días)" in said
    assert "Rodilla a la pared" in said
    assert "real: mejor" in said
    assert "+1,9" in said
    assert "Change between" not in said
    assert "real: better" not in said


@pytest.mark.usefixtures("spanish")
def test_runs_import_in_spanish(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, said = run(capsys, "runs", "import", str(tmp_path))
    assert (code, said) == (
        2,
        "error: no se han encontrado archivos de carreras (se esperan .gpx, .tcx, .fit o .csv)\n",
    )
