"""The services' sentences on the pages in the request's language: how runs felt after foot
work (Progress) and what a check-in noted (Today's check-in card), in Spanish for a Spanish
browser and as before in English; the API keeps the English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from footcore.config import Settings
from footcore.web.app import create_app
from tests.e2e.web_accounts import PROFILE, TODAY
from tests.support.http import Client

SPANISH = {"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"}
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def local(tmp_path: Path) -> Iterator[Client]:
    """One-person mode, Ana set up."""
    c = Client(create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), today=lambda: TODAY))
    made = c.post("/api/v1/onboarding", json={"profile": PROFILE, "start": TODAY.isoformat()})
    assert made.status_code == 201, made.text
    yield c
    c.close()


def test_progress_says_how_runs_felt_in_the_page_s_language(local: Client) -> None:
    spanish = local.get("/progress", headers=SPANISH).text
    assert (
        "<p>Aún hay muy pocas carreras para sacar conclusiones: 0 después del trabajo de pies y "
        "0 en otros días; footcore compara cuando cada grupo tiene al menos 8.</p>" in spanish
    )
    assert "too few runs" not in spanish
    english = local.get("/progress", headers=ENGLISH).text
    assert (
        "<p>Too few runs to say anything: 0 after foot work and 0 on other days; footcore "
        "compares once each group has at least 8.</p>" in english
    )


def test_today_s_check_in_card_gives_its_note_in_the_page_s_language(local: Client) -> None:
    knee = {"participation": "reduced", "training": "moderate", "performance": "minor",
            "symptoms": "moderate"}  # fmt: skip
    answered = local.post("/api/v1/checkin", json={"areas": {"knee": knee}})
    assert answered.status_code == 201, answered.text
    spanish = local.get("/today", headers=SPANISH).text
    assert (
        '<p class="hint">Anotado un problema importante en tu rodilla (gravedad 59/100): tu '
        "trabajo de pies no cambia. Si te impide correr, consulta a un fisioterapeuta o a un "
        "médico.</p>" in spanish
    )
    english = local.get("/today", headers=ENGLISH).text
    assert (
        '<p class="hint">A substantial problem with your knee noted (severity 59/100): your '
        "foot work is unchanged. If it keeps you from running, see a physiotherapist or "
        "doctor.</p>" in english
    )
    api = local.get("/api/v1/checkin", headers=SPANISH).json()
    assert api["plan"]["notes"] == [
        "A substantial problem with your knee noted (severity 59/100): your foot work is "
        "unchanged. If it keeps you from running, see a physiotherapist or doctor."
    ]
