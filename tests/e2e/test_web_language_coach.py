"""The coach's and the admin's pages in Spanish, their form errors included; the same pages
stay English for an English browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.web_accounts import PASSWORD, PROFILE, TEMPLATE, TODAY, Client, multi_user_app

SPANISH = {"Accept-Language": "es-ES,es;q=0.9"}
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def club(tmp_path: Path) -> Iterator[dict[str, Client]]:
    """Cleo (coach), Ada (admin), Ana (athlete with training data)."""
    app = multi_user_app(tmp_path)
    services = app.state.footcore.services
    services.accounts.create_user("cleo@example.org", PASSWORD, "coach")
    services.accounts.create_user("ada@example.org", PASSWORD, "admin")
    athlete = services.onboard({**PROFILE, "name": "Ana"}, TODAY).athlete.id
    services.accounts.create_user("ana@example.org", PASSWORD, "athlete", athlete)
    people = {}
    for name in ("cleo", "ada", "ana"):
        client = Client(app)
        assert client.sign_in(f"{name}@example.org").status_code == 303
        people[name] = client
    yield people
    for c in people.values():
        c.close()
    app.state.footcore.close()


def make_group(cleo: Client) -> int:
    made = cleo.post(
        "/coach/groups",
        data={"csrf_token": cleo.form_token("/coach"), "name": "Club del martes", "kind": "club"},
    )
    assert made.status_code == 303
    return int(made.headers["location"].rsplit("/", 1)[1])


def test_the_coach_page_and_a_group_s_pages_are_in_spanish(club: dict[str, Client]) -> None:
    cleo = club["cleo"]
    coach = cleo.get("/coach", headers=SPANISH).text
    for words in ("Plantillas de programa", "Crear el grupo", "Tus propios ejercicios"):
        assert words in coach
    for words in ("Programme templates", "Make the group", "Your own exercises"):
        assert words not in coach
    group_id = make_group(cleo)
    board = cleo.get(f"/coach/groups/{group_id}", headers=SPANISH).text
    assert "<title>Club del martes · footcore</title>" in board
    assert "Aún no hay miembros" in board
    assert "Hoja de clase" in board
    assert ">Tirada larga</option>" in board  # the class sheet's runs, in the vocabulary
    saved = cleo.post(
        "/coach/templates", data={"csrf_token": cleo.form_token("/coach"), "template": TEMPLATE}
    )
    template_id = saved.headers["location"].split("template-")[1].split("#")[0]
    assigned = cleo.post(
        f"/coach/groups/{group_id}/assign",
        data={
            "csrf_token": cleo.form_token(f"/coach/groups/{group_id}"),
            "template_id": template_id,
        },
    )
    assert assigned.status_code == 303
    assert "Asignada: los planes" in cleo.get(assigned.headers["location"], headers=SPANISH).text
    sheet = cleo.get(
        f"/coach/groups/{group_id}/class?date={TODAY}&after=long", headers=SPANISH
    ).text
    assert "<title>Clase: Club del martes · footcore</title>" in sheet
    assert "tras una tirada larga" in sheet
    # The sheet's own words: its rules, what they changed, the doses.
    assert "<li>tras una tirada larga: primero, la liberación</li>" in sheet
    assert (
        "Elevar y relajar el arco en lugar de Arrugar la toalla: nada que pueda provocar "
        "calambres tras una tirada larga" in sheet
    )
    assert "2 × 10, sosteniendo 3 s, cada pie" in sheet
    assert "release first" not in sheet
    assert "cramp-risk" not in sheet
    assert "1. Rodar una pelota bajo la planta" in sheet  # the catalogue's Spanish words
    assert "Ball roll under the sole" not in sheet
    outcomes = cleo.get(f"/coach/groups/{group_id}/outcomes", headers=SPANISH).text
    assert "<h1>Controles de lesiones</h1>" in outcomes
    assert "Preparar un estudio en este grupo" in outcomes
    english = cleo.get(f"/coach/groups/{group_id}", headers=ENGLISH).text
    assert "No member yet" in english
    assert "Class sheet" in english
    english_sheet = cleo.get(
        f"/coach/groups/{group_id}/class?date={TODAY}&after=long", headers=ENGLISH
    ).text
    assert "<li>after a long run: release first</li>" in english_sheet
    assert "Towel scrunch -&gt; Arch lift and relax: no cramp-risk work" in english_sheet


def test_a_template_s_problems_are_told_in_spanish(club: dict[str, Client]) -> None:
    cleo = club["cleo"]
    text = '[[sessions]]\ndays = ["mon"]\nslot = "morning"\nitems = ["towel-scrunh"]\n'
    refused = cleo.post(
        "/coach/templates",
        data={"csrf_token": cleo.form_token("/coach"), "template": text},
        headers=SPANISH,
    )
    assert refused.status_code == 422
    page = refused.text
    assert "Revisa estas 2 cosas" in page
    assert "<strong>Nombre</strong>: un texto de 1 a 120 caracteres" in page
    assert "ejercicio desconocido &#39;towel-scrunh&#39;; ¿querías decir" in page
    assert "unknown exercise" not in page
    assert "text of 1 to" not in page
    english = cleo.post(
        "/coach/templates",
        data={"csrf_token": cleo.form_token("/coach"), "template": text},
        headers=ENGLISH,
    ).text
    assert "<strong>Name</strong>: text of 1 to 120 characters" in english


def test_the_template_editor_is_in_spanish_with_its_problems_in_place(
    club: dict[str, Client],
) -> None:
    cleo = club["cleo"]
    new = cleo.get("/coach/templates/new", headers=SPANISH).text
    assert "Una plantilla a partir de un plan generado" in new
    drafted = cleo.post(
        "/coach/templates/from-plan",
        data={
            "csrf_token": cleo.form_token("/coach/templates/new"),
            "name": "Pies del club",
            "level": "1",
            "goals": "general",
            "minutes_per_day": "10",
            "slots": "morning",
        },
        headers=SPANISH,
    )
    assert drafted.status_code == 200, drafted.text[-2000:]
    editor = drafted.text
    assert "<h1>Revisa la plantilla</h1>" in editor
    assert ">lun</label>" in editor  # the weekdays' short names in Spanish
    assert "Quitar este ejercicio" in editor
    assert "Aplicar y revisar" in editor
    assert "Review the template" not in editor
    # A dose out of bounds: the problem is placed at its exercise, in Spanish.
    sets = re.search(r'name="(s0\.i0)\.sets"', editor)
    assert sets
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', editor))
    fields |= {
        "csrf_token": cleo.form_token("/coach"),
        "name": "Pies del club",
        "s0.days": "mon",
        f"{sets.group(1)}.sets": "99",
        f"{sets.group(1)}.exercise": fields[f"{sets.group(1)}.was"],
        "action": "check",
    }
    checked = cleo.post("/coach/templates/draft", data=fields, headers=SPANISH)
    assert checked.status_code == 422
    assert "Sesión 1, ejercicio 1, series: un número entero de 1 a" in checked.text


def test_the_admin_s_pages_and_their_problems_are_in_spanish(club: dict[str, Client]) -> None:
    ada = club["ada"]
    accounts = ada.get("/admin/accounts", headers=SPANISH).text
    assert "<h1>Cuentas</h1>" in accounts
    assert "3 cuentas, 1 de ellas de administrador." in accounts
    assert ">entrenador</td>" in accounts
    assert "(tú)" in accounts
    assert "Everyone with an account" not in accounts
    ada_id = int(re.findall(r'href="/admin/accounts/(\d+)">ada@example.org', accounts)[0])
    page = ada.get(f"/admin/accounts/{ada_id}", headers=SPANISH).text
    assert "Esta es tu propia cuenta." in page
    assert "Emitir un código de restablecimiento" in page
    # The only admin cannot stop being one: the reason, in Spanish.
    refused = ada.post(
        f"/admin/accounts/{ada_id}/role",
        data={"csrf_token": ada.form_token(f"/admin/accounts/{ada_id}"), "role": "coach"},
        headers=SPANISH,
    )
    assert refused.status_code == 422
    assert "<strong>Rol</strong>: ada@example.org es la única cuenta de administrador" in (
        refused.text
    )
    unticked = ada.post(
        f"/admin/accounts/{ada_id}/delete",
        data={"csrf_token": ada.form_token(f"/admin/accounts/{ada_id}")},
        headers=SPANISH,
    )
    assert "marca la casilla para confirmar que se elimina todo" in unticked.text
    token = ada.post(
        f"/admin/accounts/{ada_id}/reset-token",
        data={"csrf_token": ada.form_token(f"/admin/accounts/{ada_id}")},
        headers=SPANISH,
    ).text
    assert "Código de restablecimiento para ada@example.org" in token


def test_an_athlete_s_groups_page_is_in_spanish(club: dict[str, Client]) -> None:
    ana = club["ana"]
    page = ana.get("/groups", headers=SPANISH).text
    assert "Aún no estás en ningún grupo." in page
    assert "Unirte a un grupo" in page
    wrong = ana.post(
        "/groups/join",
        data={"csrf_token": ana.form_token("/groups"), "code": "WRONGCODE1"},
        headers=SPANISH,
    )
    assert wrong.status_code == 422
    assert (
        "<strong>Código de invitación</strong>: ningún grupo tiene este código de invitación"
        in wrong.text
    )
