"""The language of the pages: the browser's Accept-Language, else English; a choice made in
Settings wins, kept for the account (multi-user) or in this browser (one-person mode), and
"as the browser" forgets it. ``<html lang>`` always names the language of the page."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from footcore import i18n
from footcore.catalogue.loader import builtin_catalogue
from footcore.config import Settings
from footcore.drawing.footmap import targets_sentence
from footcore.web.app import create_app
from footcore.web.language import LANGUAGE_COOKIE
from tests.e2e.web_accounts import PASSWORD, PROFILE, TODAY, multi_user_app
from tests.support.http import Client

SPANISH = {"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"}


def html_lang(html: str) -> str:
    found = re.search(r'<html lang="([a-z-]+)"', html)
    assert found, html[:200]
    return found.group(1)


@pytest.fixture
def local(tmp_path: Path) -> Iterator[Client]:
    """One-person mode, Ana set up."""
    c = Client(create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), today=lambda: TODAY))
    made = c.post("/api/v1/onboarding", json={"profile": PROFILE, "start": TODAY.isoformat()})
    assert made.status_code == 201, made.text
    yield c
    c.close()


def test_pages_follow_the_browser_s_language_and_fall_back_to_english(local: Client) -> None:
    spanish = local.get("/settings", headers=SPANISH)
    assert html_lang(spanish.text) == "es"
    assert "Idioma" in spanish.text
    german = local.get("/settings", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert html_lang(german.text) == "en"
    assert ">Language</h2>" in german.text
    assert html_lang(local.get("/settings").text) == "en"


def test_settings_shows_the_choice_and_a_choice_beats_the_browser(local: Client) -> None:
    page = local.get("/settings", headers=SPANISH).text
    assert re.search(r'<option value="browser"\s+selected>Según el navegador \(Español\)', page)
    saved = local.post(
        "/settings/language",
        data={"csrf_token": local.form_token("/settings"), "language": "es", "next": "/settings"},
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/settings"
    assert local.cookies.get(LANGUAGE_COOKIE) == "es"
    english_browser = local.get("/settings", headers={"Accept-Language": "en"}).text
    assert html_lang(english_browser) == "es"
    assert re.search(r'<option value="es" lang="es"\s+selected>Español', english_browser)
    back = local.post(
        "/settings/language",
        data={"csrf_token": local.form_token("/settings"), "language": "browser"},
    )
    assert back.status_code == 303
    assert local.cookies.get(LANGUAGE_COOKIE) is None
    assert html_lang(local.get("/settings", headers={"Accept-Language": "en"}).text) == "en"


def test_an_unknown_language_is_refused_with_its_reason(local: Client) -> None:
    refused = local.post(
        "/settings/language",
        data={"csrf_token": local.form_token("/settings"), "language": "klingon"},
    )
    assert refused.status_code == 422
    assert "not one of browser, en, es" in refused.text
    assert local.cookies.get(LANGUAGE_COOKIE) is None


def test_a_signed_in_account_keeps_its_language_on_any_browser(tmp_path: Path) -> None:
    app = multi_user_app(tmp_path)
    first = Client(app, closes_app=False)
    second = Client(app)
    try:
        token = first.form_token("/sign-up")
        signed_up = first.post(
            "/sign-up",
            data={
                "csrf_token": token,
                "email": "ana@example.org",
                "password": PASSWORD,
                "password_again": PASSWORD,
            },
        )
        assert signed_up.status_code == 303
        chosen = first.post(
            "/settings/language",
            data={"csrf_token": first.csrf(), "language": "es", "next": "/account"},
        )
        assert chosen.status_code == 303
        assert chosen.headers["location"] == "/account"
        user = app.state.footcore.services.accounts.user_by_email("ana@example.org")
        assert user.language == "es"
        # Another browser, no cookie of this choice, an English Accept-Language: Spanish
        # once signed in, the browser's English before.
        sign_in_page = second.get("/sign-in", headers={"Accept-Language": "en"})
        assert html_lang(sign_in_page.text) == "en"
        signed_in = second.post(
            "/sign-in",
            data={
                "csrf_token": second.form_token("/sign-in"),
                "email": "ana@example.org",
                "password": PASSWORD,
                "next": "/account",
            },
        )
        assert signed_in.status_code == 303
        assert second.cookies.get(LANGUAGE_COOKIE) is None
        assert html_lang(second.get("/account", headers={"Accept-Language": "en"}).text) == "es"
    finally:
        first.close()
        second.close()


def test_nobody_signed_in_cannot_store_a_language(tmp_path: Path) -> None:
    c = Client(multi_user_app(tmp_path))
    try:
        refused = c.post("/settings/language", data={"language": "es"})
        assert refused.status_code == 303
        assert refused.headers["location"].startswith("/sign-in")
        assert c.cookies.get(LANGUAGE_COOKIE) is None
    finally:
        c.close()


def test_the_pages_of_a_runner_s_day_are_in_spanish(local: Client) -> None:
    today = local.get("/today", headers=SPANISH).text
    assert "<h1>Hoy</h1>" in today
    assert "Qué ha cambiado desde ayer" in today
    programme = local.get("/programme", headers=SPANISH).text
    assert '<h2 id="levels-h">Niveles</h2>' in programme
    progress = local.get("/progress", headers=SPANISH).text
    assert "Añadir una carrera" in progress
    library = local.get("/library", headers=SPANISH).text
    assert "Biblioteca de ejercicios" in library
    assert "Los 66 ejercicios" in library
    player = local.get("/play/morning", headers=SPANISH).text
    assert "Decir la cuenta atrás en voz alta" in player
    assert '"saved": "Guardado."' in player  # the words its script writes
    words = json.loads(re.search(r"data-exercises='([^']*)'", player).group(1))  # type: ignore[union-attr]
    catalogue = builtin_catalogue()
    assert words
    for slug, shown in words.items():
        assert shown["name"] == catalogue.get(slug).texts["es"].name


def test_the_stored_programme_s_planner_texts_are_in_spanish(local: Client) -> None:
    """The programme kept in the database (its texts plain English there) shows its weeks'
    focus, what each brings and every item's why in Spanish, and in English as stored."""
    programme = local.get("/programme", headers=SPANISH).text
    assert "Nivel 1, Despertar los pies: Aprende a sentir" in programme
    assert "Novedades de esta semana:" in programme
    assert "Objetivo: fuerza general del pie." in programme
    for english in ("Wake the feet up", "Goal: general.", "Next week brings", "Protocol dose"):
        assert english not in programme
    player = local.get("/play/morning", headers=SPANISH).text
    words = json.loads(re.search(r"data-exercises='([^']*)'", player).group(1))  # type: ignore[union-attr]
    assert words
    assert all(w["why"].endswith("Objetivo: fuerza general del pie.") for w in words.values())
    api = local.get("/api/v1/today/morning", headers=SPANISH).json()  # a contract: English
    assert api["items"]
    assert all(i["why"].endswith("Goal: general.") for i in api["items"])
    english = local.get("/programme").text
    assert "Level 1, Wake the feet up: Learn to feel" in english
    assert "Goal: general." in english


def test_an_exercise_page_shows_the_catalogue_s_spanish_words(local: Client) -> None:
    spanish = local.get("/library/toe-spread-out", headers=SPANISH).text
    assert "<h1>Abrir los dedos</h1>" in spanish
    assert "Separa bien los dedos antes de apoyarlos." in spanish
    assert "Apóyalos desde el pequeño, aún separados" in spanish  # a drawing's caption
    assert "Spread the toes wide" not in spanish
    # The drawing in words (the animation's title and description, for a screen reader).
    assert "Abrir los dedos: cómo se mueve</title>" in spanish
    assert "Se mueve de 1 a 2 a 3 a 4 y vuelve, manteniendo 5 s en la posición 4." in spanish
    assert "how it moves" not in spanish
    assert "It moves from" not in spanish
    # The one dose formatter, with Spanish words around the numbers.
    assert "2 × 10, sosteniendo 5 s, cada pie; descanso de 20 s entre series" in spanish
    english = local.get("/library/toe-spread-out", headers={"Accept-Language": "en"}).text
    assert "<h1>Toe spread-out</h1>" in english
    assert "Spread the toes wide before you put them down." in english
    assert "Toe spread-out: how it moves</title>" in english
    # The drawing's own file has one address, so one language: English.
    drawn = local.get("/library/toe-spread-out/frames.svg", headers=SPANISH).text
    assert "Toe spread-out: how it moves</title>" in drawn
    assert "It moves from 1 to 2 to 3 to 4 and back" in drawn


def test_a_self_test_s_instructions_are_in_spanish(local: Client) -> None:
    guide = local.get("/self-tests/knee_to_wall_cm", headers=SPANISH).text
    assert "<title>Rodilla a la pared · footcore</title>" in guide
    assert "<h1>Rodilla a la pared</h1>" in guide
    assert "Descalzo, de cara a una pared." in guide
    assert "Barefoot, face a wall" not in guide
    entry = local.get("/self-tests/record", headers=SPANISH).text
    assert "Elevaciones de talón a una pierna hasta la fatiga" in entry
    assert "Pon un metrónomo a 60 pulsaciones por minuto." in entry
    english = local.get("/self-tests/knee_to_wall_cm", headers={"Accept-Language": "en"}).text
    assert "<h1>Knee-to-wall</h1>" in english


def test_settings_and_its_reminders_are_in_spanish_script_words_included(local: Client) -> None:
    page = local.get("/settings", headers=SPANISH).text
    for spanish in ("Guardar ajustes", "Recuérdame", "Guardar recordatorios", "Tus datos"):
        assert spanish in page
    for english in ("Save settings", "Remind me", "Save reminders", "Quiet hours", "Your data"):
        assert english not in page
    words = re.search(r"data-words='([^']*)'", page)
    assert words, "the notifications control carries the words its script writes"
    script_words = json.loads(words.group(1).replace("&#34;", '"').replace("&#39;", "'"))
    assert script_words["off"] == "Las notificaciones están desactivadas en este dispositivo."
    english_page = local.get("/settings", headers={"Accept-Language": "en"}).text
    assert "Save settings" in english_page
    assert "Notifications are off for this device." in english_page


def test_the_weekly_check_in_asks_its_questions_in_spanish(local: Client) -> None:
    page = local.get("/checkin", headers=SPANISH).text
    assert "Cadera o ingle" in page  # an area's name
    assert (
        "En los últimos 7 días, ¿los problemas en el pie o el tobillo te han dificultado "
        "correr y entrenar?" in page
    )
    assert "No: he participado plenamente, sin problemas" in page
    assert "In the last 7 days" not in page
    assert "I took full part" not in page
    english = local.get("/checkin", headers={"Accept-Language": "en"}).text
    assert "In the last 7 days, did problems with your knee get in the way" in english


def test_the_foot_map_names_its_areas_in_spanish(local: Client) -> None:
    page = local.get("/library/toe-spread-out", headers=SPANISH).text
    svg = page.split('class="footmap footmap--large"', 1)[1].split("</svg>", 1)[0]
    title = re.search(r'<title id="[^"]+">([^<]+)</title>', svg)
    assert title
    assert title.group(1).startswith("Mapa del pie: ")
    assert "<title>Fascia plantar</title>" in svg
    assert ">Planta</text>" in svg
    assert ">Cara interna</text>" in svg
    assert "Foot map" not in svg
    assert "Inner side" not in svg
    english = local.get("/library/toe-spread-out", headers={"Accept-Language": "en"}).text
    assert ">Inner side</text>" in english


def test_a_sentence_of_areas_joins_them_in_the_language() -> None:
    areas = ["plantar-fascia", "toe-flexors", "achilles-calf"]
    with i18n.use("es"):
        assert targets_sentence(areas) == (
            "Fascia plantar, flexores de los dedos y tendón de Aquiles y gemelos"
        )
    assert targets_sentence(areas) == "Plantar fascia, toe flexors and Achilles tendon and calf"


def test_a_handout_prints_in_the_page_s_language_or_the_one_asked_for(local: Client) -> None:
    def text(response: object) -> str:
        data = response.content  # type: ignore[attr-defined]
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)

    spanish = local.get("/api/v1/exports/programme.pdf", headers=SPANISH)
    assert spanish.status_code == 200
    assert "Tu programa de pie y tobillo" in text(spanish)
    asked = local.get("/api/v1/exports/progress.pdf?language=es")
    assert "Sesiones hechas" in text(asked)
    english = local.get("/api/v1/exports/programme.pdf?language=en", headers=SPANISH)
    assert "Your foot and ankle programme" in text(english)
    refused = local.get("/api/v1/exports/programme.pdf?language=klingon")
    assert refused.status_code == 422
    assert "not one of en, es" in refused.text
