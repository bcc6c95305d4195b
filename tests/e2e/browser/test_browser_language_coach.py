"""The coach's and the admin's pages in Spanish in Chromium, at phone and desktop width: the
coach's page with a template refused (its problems in Spanish), a group's dashboard, its
class sheet, the template editor and the admin's Accounts page; none scrolls sideways.
Screenshots go to ``test-artifacts/screenshots/es-coach-*``."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from footcore.config import Settings
from footcore.web.app import create_app
from tests.e2e.browser.conftest import DESKTOP, shoot_widths, watch
from tests.e2e.serving import serve_app
from tests.e2e.web_accounts import TEMPLATE

pytestmark = pytest.mark.browser

PASSWORD = "coach secret 12345"


def sign_in(page: Page, url: str, email: str) -> None:
    page.goto(url + "/sign-in")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()


def test_the_coach_s_and_the_admin_s_pages_in_spanish_fit_both_widths(
    browser: Browser, tmp_path: Path, screenshots: Path
) -> None:
    app = create_app(Settings.for_sqlite_file(tmp_path / "footcore.sqlite3"), host="0.0.0.0")
    accounts = app.state.footcore.services.accounts
    accounts.create_user("cleo@example.org", PASSWORD, "coach")
    accounts.create_user("ada@example.org", PASSWORD, "admin")
    with serve_app(app) as url:
        context = browser.new_context(viewport=DESKTOP, locale="es-ES")
        try:
            page = context.new_page()
            problems = watch(page)
            sign_in(page, url, "cleo@example.org")
            page.goto(url + "/coach")
            expect(page.locator("html")).to_have_attribute("lang", "es")
            page.get_by_label("Nombre").fill("Club del martes")
            page.get_by_role("button", name="Crear el grupo").click()
            expect(page.get_by_role("heading", name="Club del martes")).to_be_visible()
            group_url = page.url
            shoot_widths(page, screenshots, "es-coach-group")

            page.goto(url + "/coach")
            page.get_by_label("Plantilla (TOML o JSON)").fill('name = ""\n')
            page.get_by_role("button", name="Guardar la plantilla").click()
            expect(page.get_by_text("un texto de 1 a 120 caracteres")).to_be_visible()
            shoot_widths(page, screenshots, "es-coach-refused")

            page.get_by_label("Plantilla (TOML o JSON)").fill(TEMPLATE)
            page.get_by_role("button", name="Guardar la plantilla").click()
            expect(page.get_by_text("Plantilla guardada.")).to_be_visible()
            page.get_by_role("link", name="Revisar y editar").first.click()
            expect(
                page.get_by_role("heading", name="Revisa la plantilla", exact=True)
            ).to_be_visible()
            shoot_widths(page, screenshots, "es-coach-editor")

            page.goto(group_url)
            page.get_by_role("button", name="Asignar al grupo").click()
            expect(page.get_by_text("Asignada: los planes")).to_be_visible()
            page.get_by_label("Fecha").fill("2027-01-04")  # a Monday, a day of the template
            page.get_by_role("button", name="Preparar la sesión").click()
            expect(page).to_have_title("Clase: Club del martes · footcore")
            expect(
                page.get_by_role("heading", name="1. Rodar una pelota bajo la planta")
            ).to_be_visible()
            shoot_widths(page, screenshots, "es-coach-class")

            page.context.clear_cookies()
            sign_in(page, url, "ada@example.org")
            page.goto(url + "/admin/accounts")
            expect(page.get_by_role("heading", name="Cuentas", exact=True)).to_be_visible()
            shoot_widths(page, screenshots, "es-admin-accounts")
            # The refused template answers 422 on purpose; nothing else may go wrong.
            assert [p for p in problems if "status of 422" not in p] == []
        finally:
            context.close()
