"""The services' and the self-tests' own sentences that commands print, run as the console
script runs them (``footcore.cli.main``): in Spanish with ``LANG=es_ES.UTF-8`` (how runs
felt after foot work, a self-test's notes and safety flags, the check-in's plan response,
the interactive battery's questions and what a wrong answer is told, per-run import reasons,
a reminder's title, a backup file's problems), and the same command in English byte for
byte as before; ``--json`` keeps the English in Spanish too."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from footcore import i18n
from footcore.bootstrap import bootstrap
from footcore.cli import console, main
from footcore.config import Settings
from footcore.domain.phrases import Day, Figure, Said
from footcore.domain.progress import RunRecord, runs_after_foot_work
from footcore.i18n.words import said
from footcore.services.exports import machine_time_zone
from tests.support.profiles import ana

ROOT = Path(__file__).resolve().parents[2]
ANA = ROOT / "examples" / "ana.toml"
SPANISH = "es_ES.UTF-8"
ENGLISH = "C.UTF-8"


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    # The consoles are made once, at import, with the width of that moment (another test in
    # the same process may have imported them at 80 columns): wide enough for every line.
    monkeypatch.setattr(console.out, "width", 200)
    monkeypatch.setattr(console.err, "width", 200)


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str]:
    """Exit code and everything written (stdout and stderr) by ``footcore ARGV`` with
    ``LANG=language``."""
    monkeypatch.setenv("LANG", language)
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
    text = out.out + out.err
    assert "Traceback" not in text
    return code, text


def flat(text: str) -> str:
    return " ".join(text.split())


def test_progress_says_how_runs_felt_after_foot_work_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, monkeypatch, ENGLISH, "init", "--profile", str(ANA))[0] == 0
    code, english = run(capsys, monkeypatch, ENGLISH, "progress")
    assert code == 0
    assert (
        "  too few runs to say anything: 0 after foot work and 0 on other days; footcore "
        "compares once each group has at least 8\n" in english
    )
    code, spanish = run(capsys, monkeypatch, SPANISH, "progress")
    assert code == 0
    assert (
        "aún hay muy pocas carreras para sacar conclusiones: 0 después del trabajo de pies y 0 "
        "en otros días; footcore compara cuando cada grupo tiene al menos 8" in flat(spanish)
    )
    assert "too few runs" not in spanish
    code, as_json = run(capsys, monkeypatch, SPANISH, "progress", "--json")
    assert json.loads(as_json)["runs_after_foot_work"]["message"].startswith("too few runs")


def test_the_runs_comparison_says_its_points_with_a_decimal_comma_and_what_it_left_out() -> None:
    day = dt.date(2026, 10, 1)
    work = [day + dt.timedelta(days=2 * i) for i in range(8)]
    after = [RunRecord(d + dt.timedelta(days=1), 8.0, 45.0, "easy", 4) for d in work]
    other = [RunRecord(day + dt.timedelta(days=40 + 2 * i), 8.0, 45.0, "easy", 3) for i in range(8)]
    unscored = [RunRecord(day + dt.timedelta(days=80), 8.0, 45.0, "easy", None)]
    message = runs_after_foot_work(after + other + unscored, work).message
    assert message == (
        "runs after foot work (8) felt 1.00 points better on average than runs on other days "
        "(8); this is an observation of your own runs, not proof of cause (1 run without a "
        "felt score left out)"
    )
    with i18n.use("es"):
        assert said(message) == (
            "las carreras después del trabajo de pies (8) se sintieron de media 1,00 puntos "
            "mejor que las de otros días (8); es una observación de tus propias carreras, no "
            "una prueba de causa (se deja fuera 1 carrera sin valoración de sensaciones)"
        )
    assert said(message) == message  # English: the sentence as it is


def test_a_day_and_a_figure_are_said_the_language_s_way() -> None:
    sentence = Said.of(
        "%(first)s and %(second)s", first=Day(dt.date(2027, 1, 4)), second=Figure("4.5")
    )
    assert sentence == "4 Jan and 4.5"
    with i18n.use("es"):
        assert said(sentence) == "4 ene y 4,5"


def test_checkin_says_how_the_plan_changes_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run(capsys, monkeypatch, ENGLISH, "init", "--profile", str(ANA))[0] == 0
    foot, knee = (
        "foot-ankle:reduced,moderate,minor,moderate",
        "knee:reduced,moderate,minor,moderate",
    )
    answers = ("--area", foot, "--area", knee, "--date", "2027-01-04")
    code, spanish = run(capsys, monkeypatch, SPANISH, "checkin", *answers)
    assert code == 0
    assert (
        "Plan: Tu control semanal (semana del 4 ene) indica un problema importante en tu pie o "
        "tobillo (gravedad 59/100), así que el plan no sube la carga: una serie menos y ningún "
        "paso pesado hasta que un control muestre que se calma. Si empeora, consulta a un "
        "fisioterapeuta o a un médico." in flat(spanish)
    )
    assert (
        "Anotado un problema importante en tu rodilla (gravedad 59/100): tu trabajo de pies no "
        "cambia. Si te impide correr, consulta a un fisioterapeuta o a un médico." in flat(spanish)
    )
    assert "weekly check-in" not in spanish
    assert "noted" not in spanish
    code, english = run(capsys, monkeypatch, ENGLISH, "checkin", "--status", "--date", "2027-01-05")
    assert code == 0
    assert (
        "Plan: Your weekly check-in (week of 4 Jan) reports a substantial problem with your "
        "foot or ankle (severity 59/100), so the plan holds the load: one set fewer and no "
        "heavy steps until a check-in shows it settling. If it gets worse, see a "
        "physiotherapist or doctor." in flat(english)
    )
    assert (
        "A substantial problem with your knee noted (severity 59/100): your foot work is "
        "unchanged. If it keeps you from running, see a physiotherapist or doctor." in flat(english)
    )
    code, as_json = run(capsys, monkeypatch, SPANISH, "checkin", "--status", "--json")
    assert json.loads(as_json)["plan"]["reasons"][0].startswith("Your weekly check-in (week of")


def test_checkin_sends_two_areas_to_a_clinician_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, monkeypatch, ENGLISH, "init", "--profile", str(ANA))[0] == 0
    foot, calf = (
        "foot-ankle:none,major,major,severe",
        "achilles-calf:reduced,moderate,minor,moderate",
    )
    answers = ("--area", foot, "--area", calf, "--date", "2027-01-04")
    code, spanish = run(capsys, monkeypatch, SPANISH, "checkin", *answers)
    assert code == 0
    assert (
        "Plan: Tu control semanal (semana del 4 ene) indica un problema importante en tu pie o "
        "tobillo y tu Aquiles o gemelo (gravedad 100/100), y no pudiste correr por ello. "
        "Consulta a un fisioterapeuta o a un médico; hasta entonces el plan solo incluye "
        "trabajo suave y sin carga." in flat(spanish)
    )
    code, english = run(capsys, monkeypatch, ENGLISH, "checkin", "--status", "--date", "2027-01-05")
    assert (
        "Plan: Your weekly check-in (week of 4 Jan) reports a substantial problem with your "
        "foot or ankle and your Achilles or calf (severity 100/100), and you could not run "
        "because of it. Please see a physiotherapist or doctor; until then the plan holds "
        "only gentle work without load." in flat(english)
    )


BATTERY = {
    "age": 38,
    "sex": "female",
    "results": {
        "balance_eyes_open_s": {"left": [50], "right": [2]},
        "pain_nrs": {"nrs": 8, "site": "heel", "swelling": True, "sudden_onset": True},
    },
}


def test_assess_score_gives_the_notes_and_safety_flags_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    results = tmp_path / "resultados.json"
    results.write_text(json.dumps(BATTERY))
    code, spanish = run(capsys, monkeypatch, SPANISH, "assess", "score", "--input", str(results))
    assert code == 0
    spanish = flat(spanish)
    assert (
        "Equilibrio, ojos abiertos: izquierdo: un intento de más de 45 s cuenta como 45 s (el "
        "tope de la prueba)" in spanish
    )
    assert (
        "stop-acute: Parece un problema agudo (hinchazón, aparición repentina): deja de cargar "
        "el pie y de correr" in spanish
    )
    assert (
        "see-clinician: Un dolor de 8/10 supera el 5: consulta a un profesional sanitario antes "
        "de cargar el pie (fuerza, saltos, carrera)." in spanish
    )
    assert (
        "fall-risk: El equilibrio sobre una pierna con los ojos abiertos no llegó a 5 s (2 s en "
        "el derecho): una señal de riesgo de caídas." in spanish
    )
    for english in ("counts as 45 s", "acute problem", "is above 5", "a marker of fall risk"):
        assert english not in spanish
    code, english = run(capsys, monkeypatch, ENGLISH, "assess", "score", "--input", str(results))
    english = flat(english)
    assert "left: a try over 45 s counts as 45 s (the test's cap)" in english
    assert (
        "stop-acute: This looks like an acute problem (swelling, sudden onset): stop loading "
        "the foot and running, and have it checked by a clinician before training again; until "
        "then only gentle movement that does not hurt." in english
    )
    assert (
        "see-clinician: Pain 8/10 is above 5: see a clinician before loading the foot (strength "
        "work, hopping, running)." in english
    )
    assert "Single-leg balance with eyes open was under 5 s (2 s on the right)" in english
    argv = ("assess", "score", "--input", str(results), "--json")
    data = json.loads(run(capsys, monkeypatch, SPANISH, *argv)[1])
    assert data["flags"][1]["message"].startswith("Pain 8/10 is above 5")


def test_the_interactive_battery_asks_and_checks_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, monkeypatch, ENGLISH, "init", "--profile", str(ANA))[0] == 0
    # Knee to wall: yes; a word, then a left foot of 12.5 cm; skip the right. Skip three
    # tests; toe isolation: yes, a score out of range, then skip. Skip the rest.
    answers = "\nabc\n12.5\nskip\n" + "skip\n" * 3 + "\n9\nskip\n" + "skip\n" * 40
    code, spanish = run(capsys, monkeypatch, SPANISH, "assess", stdin=answers)
    assert code == 0
    assert "Pie izquierdo: del dedo gordo a la pared, en cm (0-30):" in spanish
    assert "No válido: escribe un número de 0 a 30 cm, o 'skip'" in spanish
    assert "Pie derecho: del dedo gordo a la pared, en cm (0-30):" in spanish
    assert "Pie izquierdo, separar los dedos (0-3):" in spanish
    assert (
        "No válido: 9 está fuera del rango: escribe un número entero de 0 a 3 puntos, o 'skip'"
        in spanish
    )
    assert "Left foot" not in spanish
    assert "type a number" not in spanish
    code, english = run(capsys, monkeypatch, ENGLISH, "assess", stdin=answers)
    assert code == 0
    assert "Left foot: big toe to wall in cm (0-30):" in english
    assert "Not valid: type a number from 0 to 30 cm, or 'skip'" in english
    assert "Right foot: big toe to wall in cm (0-30):" in english
    assert "Left foot, spread (0-3):" in english
    assert (
        "Not valid: 9 is out of range: type a whole number from 0 to 3 points, or 'skip'" in english
    )


def test_runs_import_gives_each_run_s_reasons_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run(capsys, monkeypatch, ENGLISH, "init", "--profile", str(ANA))[0] == 0
    files = tmp_path / "runs"
    files.mkdir()
    (files / "larga.csv").write_text(
        "date,distance km,moving time (s),name\n2026-11-01,21.3,5700,Long tempo run\n"
    )
    code, spanish = run(capsys, monkeypatch, SPANISH, "runs", "import", str(files))
    assert code == 0
    assert (
        "(21,3 km llega al menos a 15,0 km (15 km); 95 minutos son 90 minutos o más; la "
        "actividad se llama tirada larga; la actividad dice «tempo»)" in flat(spanish)
    )
    assert "is at least" not in spanish
    (files / "larga.csv").unlink()
    (files / "otra.csv").write_text(
        "date,distance km,moving time (s),name\n2026-11-08,22.4,5820,Long tempo run\n"
    )
    code, english = run(capsys, monkeypatch, ENGLISH, "runs", "import", str(files))
    assert code == 0
    assert (
        "(22.4 km is at least 15.0 km (15 km); 97 minutes is 90 minutes or more; the activity "
        "is named a long run; the activity says 'tempo')" in flat(english)
    )


def test_reminders_status_names_the_reminder_due_now_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = dt.datetime.now(ZoneInfo(machine_time_zone()))
    with bootstrap(Settings.from_env()) as app:
        athlete = app.services.onboard(ana(), now.date()).athlete.id
        app.services.reminders.choose(athlete, "daily", now.strftime("%H:%M"))
        [due] = app.services.reminders.due(athlete)
    minutes = int(str(due.title).removeprefix("Foot work today: ").split()[0])
    code, spanish = run(capsys, monkeypatch, SPANISH, "reminders", "status")
    assert code == 0
    word = "minuto" if minutes == 1 else "minutos"
    assert f"Trabajo de pies hoy: {minutes} {word} (/today)" in spanish
    assert "Foot work today" not in spanish
    code, english = run(capsys, monkeypatch, ENGLISH, "reminders", "status")
    word = "minute" if minutes == 1 else "minutes"
    assert f"  due now: Foot work today: {minutes} {word} (/today)\n" in english


def test_restore_names_a_backup_file_s_own_problems_in_spanish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run(capsys, monkeypatch, ENGLISH, "init", "--profile", str(ANA))[0] == 0
    backup = tmp_path / "copia.json"
    assert run(capsys, monkeypatch, ENGLISH, "backup", str(backup))[0] == 0
    data = json.loads(backup.read_text())
    data["tables"]["athletes"][0]["id"] = "uno"
    backup.write_text(json.dumps(data))
    code, spanish = run(capsys, monkeypatch, SPANISH, "restore", str(backup), "--replace")
    assert (code, spanish) == (
        2,
        "error: archivo de copia de seguridad: athletes[0].id: se esperaba un número entero\n",
    )
    code, english = run(capsys, monkeypatch, ENGLISH, "restore", str(backup), "--replace")
    assert (code, english) == (2, "error: backup file: athletes[0].id: expected a whole number\n")
    newer = tmp_path / "nueva.json"
    newer.write_text(json.dumps({**data, "schema": "9999"}))
    code, spanish = run(capsys, monkeypatch, SPANISH, "restore", str(newer))
    assert flat(spanish) == (
        "error: esta copia de seguridad la escribió un footcore más reciente (esquema 9999); "
        f"este footcore lee esquemas hasta el {data['schema']}. Actualiza footcore y vuelve a "
        "restaurar."
    )
