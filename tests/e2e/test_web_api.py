"""The JSON API in-process: every route, filters, errors, the schema and the local /docs."""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio.to_thread
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcore import __version__
from footcore.catalogue.loader import builtin_catalogue
from footcore.catalogue.plain_data import exercise_to_dict
from footcore.config import Settings
from footcore.domain.assessments import TESTS, report_to_dict, score_battery
from footcore.domain.vocab import Category, Equipment, Slot, Target
from footcore.web.api.models import ExerciseOut
from footcore.web.app import create_app, make_app
from footcore.web.cache import LibraryAnswers
from tests.support.http import Client

CONTRACT_KEYS = {
    "slug", "name", "category", "equipment", "position", "slots", "targets", "load",
    "stretch_depth", "cramp_risk", "dose", "cues", "cautions", "progressions", "regressions",
}  # fmt: skip
DOSE_KEYS = {"sets", "reps", "hold_s", "duration_s", "per_side"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    data = tmp_path_factory.mktemp("web-api")
    c = Client(create_app(Settings.for_sqlite_file(data / "footcore.sqlite3")))
    yield c
    c.close()


def _slugs(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()]


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    detail: dict[str, Any] = body["error"]
    assert detail["status"] == status
    assert isinstance(detail["message"], str)
    assert detail["message"]
    assert all(set(p) == {"where", "message"} for p in detail["problems"])
    return detail


# --- health, factory ------------------------------------------------------------------------


def test_healthz_answers_ok_with_the_version(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_readyz_answers_ready_while_the_database_answers(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "database": "sqlite", "reason": None}

    async def unreachable() -> bool:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(client.app.state.versions, "accounts_exist_async", unreachable)
    down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json() == {
        "status": "unavailable",
        "database": "sqlite",
        "reason": "the database did not answer (OperationalError)",
    }
    assert client.get("/healthz").status_code == 200  # the process itself is still up


def test_make_app_builds_the_app_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FOOTCORE_DATABASE_URL", raising=False)
    app = make_app()
    assert app.state.settings.data_dir == tmp_path
    client = Client(app)
    try:
        assert client.get("/healthz").json()["status"] == "ok"
    finally:
        client.close()


def test_the_server_runs_the_routes_on_the_configured_number_of_threads(
    tmp_path: Path,
) -> None:
    settings = dataclasses.replace(
        Settings.for_sqlite_file(tmp_path / "footcore.sqlite3"), web_threads=2
    )
    app = create_app(settings)

    async def tokens_while_serving() -> float:
        async with app.router.lifespan_context(app):
            return anyio.to_thread.current_default_thread_limiter().total_tokens

    # On an event loop of its own (the browser tests leave this thread's loop marked running).
    with anyio.from_thread.start_blocking_portal() as portal:
        assert portal.call(tokens_while_serving) == 2


# --- exercises ------------------------------------------------------------------------------


def test_exercise_list_is_the_cli_json_contract(client: Client) -> None:
    response = client.get("/api/v1/exercises")
    catalogue = builtin_catalogue()
    assert response.json() == [exercise_to_dict(ex) for ex in catalogue]
    first = response.json()[0]
    assert set(first) >= CONTRACT_KEYS
    assert set(first["dose"]) >= DOSE_KEYS


def test_exercise_lists_are_kept_per_query_and_match_the_response_model(
    client: Client,
) -> None:
    answers: LibraryAnswers = client.app.state.library_answers
    answers.cache.clear()
    first = client.get("/api/v1/exercises", params={"category": "stretch"})
    hits = answers.cache.stats.hits
    again = client.get("/api/v1/exercises", params={"category": "stretch"})
    assert answers.cache.stats.hits == hits + 1
    assert again.content == first.content
    assert again.headers["content-type"] == "application/json"
    validated = [
        ExerciseOut.model_validate(exercise_to_dict(ex)).model_dump(mode="json", by_alias=True)
        for ex in builtin_catalogue()
        if ex.category == Category.STRETCH
    ]
    assert again.json() == validated
    other = client.get("/api/v1/exercises", params={"category": "release"})
    assert other.json() != again.json()
    assert {e["category"] for e in other.json()} == {"release"}


@pytest.mark.parametrize(
    ("param", "value", "field"),
    [
        ("category", Category.STRETCH, "category"),
        ("slot", Slot.DESK, "slots"),
        ("target", Target.ACHILLES_CALF, "targets"),
        ("goal", "plantar-heel-pain", "goals"),
    ],
)
def test_exercise_list_filters_by_one_vocabulary_term(
    client: Client, param: str, value: str, field: str
) -> None:
    response = client.get("/api/v1/exercises", params={param: str(value)})
    items = response.json()
    assert items, f"no exercise for {param}={value}"
    for item in items:
        got = item[field]
        assert (str(value) in got) if isinstance(got, list) else got == str(value)
    expected = [
        ex.slug
        for ex in builtin_catalogue()
        if str(value)
        in ([str(v) for v in getattr(ex, field)] if field != "category" else [ex.category])
    ]
    assert _slugs(response) == expected


def test_equipment_filter_keeps_what_can_be_done_with_the_kit_at_hand(client: Client) -> None:
    have = [Equipment.TOWEL, Equipment.STEP]
    got = _slugs(client.get("/api/v1/exercises", params={"equipment": [str(e) for e in have]}))
    expected = [ex.slug for ex in builtin_catalogue().filter(equipment=have)]
    assert got == expected
    assert "heel-raise-step-towel" in got
    assert "band-inversion-heavy" not in got  # a band has no stand-in there


def test_an_empty_equipment_value_adds_nothing(client: Client) -> None:
    everything = _slugs(client.get("/api/v1/exercises"))
    assert _slugs(client.get("/api/v1/exercises?equipment=")) == everything
    with_towel = _slugs(client.get("/api/v1/exercises?equipment=&equipment=towel"))
    assert with_towel == [ex.slug for ex in builtin_catalogue().filter(equipment=[Equipment.TOWEL])]


def test_bodyweight_only_keeps_exercises_needing_no_kit(client: Client) -> None:
    got = _slugs(client.get("/api/v1/exercises", params={"bodyweight_only": "true"}))
    assert got == [ex.slug for ex in builtin_catalogue().filter(equipment=())]
    assert "towel-scrunch" not in got
    assert "ankle-circles" in got


def test_text_search_looks_in_name_description_and_cues(client: Client) -> None:
    assert "towel-scrunch" in _slugs(client.get("/api/v1/exercises", params={"q": "Scrunch"}))
    # "metronome" is in no exercise; every word must appear.
    assert _slugs(client.get("/api/v1/exercises", params={"q": "towel metronome"})) == []
    by_cue = _slugs(client.get("/api/v1/exercises", params={"q": "do not grip"}))
    assert "short-foot-seated" in by_cue  # the words sit in a cue only


def test_filters_combine(client: Client) -> None:
    got = client.get(
        "/api/v1/exercises", params={"category": "strengthen", "q": "band", "slot": "tv"}
    ).json()
    assert got
    assert all(i["category"] == "strengthen" and "tv" in i["slots"] for i in got)


def test_one_exercise_by_slug(client: Client) -> None:
    response = client.get("/api/v1/exercises/towel-scrunch")
    assert response.status_code == 200
    assert response.json() == exercise_to_dict(builtin_catalogue().get("towel-scrunch"))


def test_unknown_slug_answers_404_with_suggestions(client: Client) -> None:
    detail = _error(client.get("/api/v1/exercises/towel-scrunh"), 404)
    assert detail["kind"] == "not-found"
    assert detail["what"] == "exercise"
    assert detail["name"] == "towel-scrunh"
    assert detail["suggestions"][0] == "towel-scrunch"
    assert "did you mean 'towel-scrunch'" in detail["message"]


def test_bad_filters_answer_422_listing_every_problem(client: Client) -> None:
    detail = _error(
        client.get("/api/v1/exercises", params={"category": "yoga", "equipment": ["sofa"]}), 422
    )
    wheres = [p["where"] for p in detail["problems"]]
    assert wheres == ["query.category", "query.equipment[0]"]
    assert "warm-up" in detail["problems"][0]["message"]
    assert "'yoga'" in detail["problems"][0]["message"]


def test_an_overlong_search_is_refused_not_crashed(client: Client) -> None:
    detail = _error(client.get("/api/v1/exercises", params={"q": "x" * 201}), 422)
    assert detail["problems"][0]["where"] == "query.q"


def test_unknown_api_route_answers_json_404(client: Client) -> None:
    detail = _error(client.get("/api/v1/nothing-here"), 404)
    assert "/api/v1/nothing-here" in detail["message"]


def test_wrong_method_answers_json_405(client: Client) -> None:
    detail = _error(client.post("/api/v1/exercises"), 405)
    assert detail["kind"] == "method-not-allowed"


# --- self-tests and scoring -----------------------------------------------------------------


def test_self_tests_list_every_test_with_numbered_protocol_and_norms(client: Client) -> None:
    response = client.get("/api/v1/self-tests")
    assert response.status_code == 200
    items = response.json()
    assert [i["id"] for i in items] == list(TESTS)
    knee = items[0]
    assert knee["protocol"] == list(TESTS["knee_to_wall_cm"].protocol)
    assert knee["unit"] == "cm"
    assert knee["valid"]["low"] == 0
    assert knee["valid"]["high"] == 30
    assert knee["norms"][0]["reference"] == 12.0
    assert knee["sources"][0]["citation"]


def test_one_self_test_by_id_or_alias(client: Client) -> None:
    assert client.get("/api/v1/self-tests/ktw").json()["id"] == "knee_to_wall_cm"
    detail = _error(client.get("/api/v1/self-tests/knee-wall"), 404)
    assert detail["what"] == "self-test"


def test_scoring_an_assessment_returns_the_cli_report(client: Client) -> None:
    battery = {
        "age": 38,
        "sex": "female",
        "results": {"knee_to_wall_cm": {"left": 8.0, "right": 12.0}, "pain_nrs": 2},
    }
    response = client.post("/api/v1/assessments/score", json=battery)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == json.loads(json.dumps(report_to_dict(score_battery(battery))))
    assert body["results"]["knee_to_wall_cm"]["band"]["left"] == "low"
    assert body["results"]["knee_to_wall_cm"]["asymmetry"] is True


def test_scoring_bad_input_answers_422_with_every_problem(client: Client) -> None:
    response = client.post(
        "/api/v1/assessments/score",
        json={"age": 5, "results": {"knee_to_wal_cm": 3, "heel_raise_reps": {"left": -1}}},
    )
    detail = _error(response, 422)
    wheres = {p["where"] for p in detail["problems"]}
    assert {"age", "sex", "results.knee_to_wal_cm"} <= wheres
    assert any(w.startswith("results.heel_raise_reps") for w in wheres)


@pytest.mark.parametrize(
    "body", [b"{not json", b"\xff\xfe", b"", b"[" * 60_000, b'{"age": NaN}', b"Infinity"]
)
def test_scoring_unreadable_body_answers_400(client: Client, body: bytes) -> None:
    response = client.post(
        "/api/v1/assessments/score", content=body, headers={"content-type": "application/json"}
    )
    detail = _error(response, 400)
    assert detail["kind"] == "bad-request"


def test_scoring_a_list_instead_of_a_table_answers_422(client: Client) -> None:
    _error(client.post("/api/v1/assessments/score", json=[1, 2]), 422)


# --- schema and docs ------------------------------------------------------------------------


def test_openapi_lists_every_route_with_response_models(client: Client) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert set(paths) >= {
        "/healthz",
        "/readyz",
        "/api/v1/exercises",
        "/api/v1/exercises/{slug}",
        "/api/v1/self-tests",
        "/api/v1/self-tests/{test_id}",
        "/api/v1/assessments/score",
    }
    # Only the API and the two probes are in the schema (the pages are not).
    assert all(p in ("/healthz", "/readyz") or p.startswith("/api/v1/") for p in paths)
    ok = paths["/api/v1/exercises"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"]["items"]["$ref"] == "#/components/schemas/ExerciseOut"
    not_found = paths["/api/v1/exercises/{slug}"]["get"]["responses"]["404"]
    assert not_found["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    score = paths["/api/v1/assessments/score"]["post"]
    body_ref = score["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_ref == "#/components/schemas/AssessmentIn"
    components = schema["components"]["schemas"]
    assert {"ExerciseOut", "ErrorOut", "SelfTestOut", "AssessmentIn", "Sex"} <= set(components)
    params = {p["name"] for p in paths["/api/v1/exercises"]["get"]["parameters"]}
    assert params == {"q", "category", "slot", "equipment", "bodyweight_only", "target", "goal"}


EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def test_docs_page_loads_swagger_ui_from_local_files_only(client: Client) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert not EXTERNAL.search(html)
    assets = re.findall(r"""(?:src|href)="([^"]+)\"""", html)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in assets
    assert "/static/vendor/swagger-ui/swagger-ui.css" in assets
    for asset in assets:
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset
    init = client.get("/static/js/swagger-init.js").text
    assert "http://" not in init
    assert "https://" not in init
    assert "validatorUrl: null" in init  # no badge fetched from the validator service
    assert "<script>" not in html  # every script is a file (CSP allows no inline script)


def test_redoc_and_the_cdn_docs_are_not_served(client: Client) -> None:
    assert client.get("/redoc").status_code == 404


def test_api_responses_carry_the_security_headers(client: Client) -> None:
    headers = client.get("/api/v1/exercises/towel-scrunch").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


# --- never a 500 for user input -------------------------------------------------------------

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_test_ids = st.sampled_from([*TESTS, "nope"])
_batteries = st.fixed_dictionaries(
    {"age": _json | st.integers(0, 120), "sex": _json | st.sampled_from(["female", "male"])},
    optional={"results": st.dictionaries(_test_ids, _json, max_size=4), "date": _json},
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_batteries | _json)
def test_scoring_never_fails_with_a_server_error(client: Client, body: object) -> None:
    response = client.post("/api/v1/assessments/score", json=body)
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code != 200:
        _error(response, response.status_code)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "category", "slot", "equipment", "bodyweight_only", "target", "goal", "x"]
        ),
        st.text(max_size=12),
        max_size=4,
    ),
    slug=st.text(max_size=20),
)
def test_library_queries_never_fail_with_a_server_error(
    client: Client, params: dict[str, str], slug: str
) -> None:
    for url, kwargs in (
        ("/api/v1/exercises", {"params": params}),
        ("/library", {"params": params}),
        ("/api/v1/exercises/" + quote(slug, safe=""), {}),
    ):
        response = client.get(url, **kwargs)
        assert response.status_code < 500, (url, params, response.text[:300])
