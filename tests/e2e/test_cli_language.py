"""The command line's language on commands that store (``init``, ``log``) and read back
(``today``, ``progress``): Spanish when the environment asks for it, English byte for byte
as always (which language, and the words without a database: tests/unit/test_cli_language.py)."""

from __future__ import annotations

from typer.testing import CliRunner

from footcore import i18n
from footcore.cli.app import app
from tests.support.profiles import ana, as_toml


def _stored(tmp_path: object) -> CliRunner:
    profile = tmp_path / "ana.toml"  # type: ignore[operator]
    profile.write_text(as_toml(ana("cramp_prone", "pain", "running.weekly_km")), "utf-8")
    runner = CliRunner()
    # The programme starts on the day the tests name (init's default, today, made them fail
    # once the calendar moved past the day they were written).
    started = runner.invoke(app, ["init", "--profile", str(profile), "--start", "2026-12-07"])
    assert started.exit_code == 0
    return runner


def test_today_in_spanish_names_the_day_the_slots_and_the_exercises_in_spanish(
    tmp_path: object,
) -> None:
    runner = _stored(tmp_path)
    english = runner.invoke(app, ["today", "--date", "2026-12-07"]).output
    with i18n.use("es"):
        spanish = runner.invoke(app, ["today", "--date", "2026-12-07"]).output
    assert "Ana, Monday 2026-12-07  week 1, level 1" in english
    assert "morning (5.7 min)" in english
    assert "  1. Ankle circles  10 reps, each foot" in english
    assert "Ana, lunes 2026-12-07  semana 1, nivel 1" in spanish
    assert "Por la mañana (5,7 min)" in spanish
    assert "  1. Círculos de tobillo  10 repeticiones, cada pie" in spanish
    assert "por qué:" in spanish
    assert "why:" not in spanish
    # The same stored day either way: English is the same before and after Spanish.
    assert runner.invoke(app, ["today", "--date", "2026-12-07"]).output == english


def test_an_error_in_spanish(tmp_path: object) -> None:
    runner = _stored(tmp_path)
    with i18n.use("es"):
        result = runner.invoke(app, ["today", "--athlete", "Nobody"])
    assert result.exit_code != 0
    assert "error: atleta desconocido 'Nobody'" in result.output


LOGGING = [
    ["log", "session", "morning", "--date", "2026-12-07", "--pain", "2"],
    ["log", "morning", "1", "--date", "2026-12-08"],
    ["log", "list", "--since", "2026-12-01"],
    ["log", "edit", "desk", "--date", "2026-12-07"],
]


def test_log_says_what_it_stored_in_english_as_always(tmp_path: object) -> None:
    runner = _stored(tmp_path)
    said = [runner.invoke(app, args).output for args in LOGGING]
    assert said[0] == "Logged 3 exercises.\n"
    assert said[1] == (
        "Logged morning pain 1/10 for 2026-12-08.\nNo change to the programme from this.\n"
    )
    assert said[2].startswith(
        "2026-12-07 morning: done, pain 2/10\n    Ankle circles: done\n"
        "    Ankle pull-back hold: done\n"
    )
    assert said[3] == (
        "error: no desk session is logged on 2026-12-07; 'footcore log list' shows what is\n"
    )


def test_log_in_spanish(tmp_path: object) -> None:
    runner = _stored(tmp_path)
    with i18n.use("es"):
        said = [runner.invoke(app, args).output for args in LOGGING]
    assert said[0] == "Registrados 3 ejercicios.\n"
    assert said[1] == (
        "Dolor al despertar registrado: 1/10 el 2026-12-08.\nEsto no cambia el programa.\n"
    )
    assert said[2].startswith(
        "2026-12-07 Por la mañana: hecha, dolor 2/10\n    Círculos de tobillo: hecho\n"
        "    Mantener el tobillo flexionado: hecho\n"
    )
    assert "Para corregir una: footcore log edit SLOT" in said[2]
    assert said[3] == (
        "error: no hay ninguna sesión desk registrada el 2026-12-07; 'footcore log list' "
        "muestra lo que hay\n"
    )


def _rows(output: str) -> list[list[str]]:
    """The cells of each table row of ``output`` (lines drawn with '│')."""
    return [
        [cell.strip() for cell in line.strip("│ ").split("│")]
        for line in output.splitlines()
        if line.startswith("│")
    ]


def test_progress_in_spanish_and_in_english(tmp_path: object) -> None:
    runner = _stored(tmp_path)
    runner.invoke(app, LOGGING[0])
    english = runner.invoke(app, ["progress", "--date", "2026-12-08"]).output
    with i18n.use("es"):
        spanish = runner.invoke(app, ["progress", "--date", "2026-12-08"]).output
    assert english.startswith("Progress for Ana up to 2026-12-08\n")
    # The table's column widths follow the longest cell of any row: compare cells.
    assert ["overall", "1/2 (50%)", "5.7/12 (47.5%)"] in _rows(english)
    assert "Streak: 1 day running (longest 1 day)" in english
    assert "Weekly minutes done: █  this week 5.7 (due so far: 12)" in english
    assert "\nRuns after foot work\n" in english
    assert spanish.startswith("Progreso de Ana hasta el 2026-12-08\n")
    assert ["en total", "1/2 (50%)", "5,7/12 (47,5%)"] in _rows(spanish)
    assert "Racha actual: 1 día (la más larga: 1 día)" in spanish
    assert "Minutos hechos por semana: █  esta semana 5,7 (previstos hasta hoy: 12)" in spanish
    assert "\nCarreras después del trabajo de pies\n" in spanish


ANSWERS = "Ana\n34\n\n\n\n\n\ns\n0\n\n"


def test_init_asks_in_spanish_and_takes_s_for_yes(tmp_path: object) -> None:
    runner = CliRunner()
    with i18n.use("es"):
        result = runner.invoke(app, ["init", "--start", "2026-12-07"], input=ANSWERS)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Configurar footcore: unas pocas preguntas")
    assert "¿Te dan calambres con facilidad en pies o gemelos? [s/N]: s" in out
    assert "Listo para Ana: un programa de 16 semanas desde el 2026-12-07" in out
    assert "Después: 'footcore today' muestra las sesiones de hoy" in out
    with i18n.use("es"):
        again = runner.invoke(app, ["init", "--start", "2026-12-07"], input=ANSWERS)
    assert again.exit_code == 2
    assert "error: footcore ya está configurado: usa --update" in again.output


def test_init_in_english_as_always(tmp_path: object) -> None:
    result = CliRunner().invoke(
        app, ["init", "--start", "2026-12-07"], input=ANSWERS.replace("\ns\n", "\ny\n")
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Set up footcore: a few questions (Enter keeps the default).\nYour name: Ana\n"
    )
    assert "Do your feet or calves cramp easily? [y/N]: y\n" in result.output
    assert "Set up Ana: a 16-week programme from 2026-12-07 (generator " in result.output
    assert "\nNext: 'footcore today' shows today's sessions, 'footcore start' guides one.\n" in (
        result.output
    )


def test_runs_and_an_export_in_spanish_and_in_english_as_always(tmp_path: object) -> None:
    runner = _stored(tmp_path)
    english_add = runner.invoke(
        app, ["runs", "add", "--km", "8.5", "--minutes", "45", "--kind", "long",
              "--date", "2026-12-06", "--felt", "4"],
    ).output  # fmt: skip
    with i18n.use("es"):
        spanish_add = runner.invoke(
            app, ["runs", "add", "--km", "5", "--minutes", "30", "--date", "2026-12-05"]
        ).output
        spanish_list = runner.invoke(app, ["runs", "list"]).output
        spanish_pdf = runner.invoke(app, ["export", "pdf", "-o", str(tmp_path)]).output
    english_list = runner.invoke(app, ["runs", "list"]).output
    assert english_add == "Recorded the run of 2026-12-06: 8.5 km, long, felt 4/5.\n"
    assert spanish_add == (
        "Carrera del 2026-12-05 registrada: 5 km, rodaje suave, sin puntuar la sensación.\n"
    )
    assert "┃ date       ┃ km  ┃ minutes ┃ kind ┃ felt ┃ note ┃" in english_list
    assert "│ 2026-12-06 │ 8.5 │ 45      │ long │ 4    │      │" in english_list
    assert "┃ fecha      ┃ km  ┃ minutos ┃ tipo         ┃ sensación ┃ nota ┃" in spanish_list
    assert "│ 2026-12-06 │ 8,5 │ 45      │ tirada larga │ 4         │      │" in spanish_list
    assert spanish_pdf.startswith(f"Se ha escrito {tmp_path}/")
    assert spanish_pdf.rstrip().endswith(" bytes).")
