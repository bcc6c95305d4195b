"""Conditional requests and compression for the catalogue and the self-tests: a strong
``ETag`` per answer, ``If-None-Match`` answered 304 with no body, ``Cache-Control`` that asks
for revalidation, ``Vary``, and the answer gzipped once for clients that accept gzip."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from footcore.config import Settings
from footcore.web.app import create_app
from footcore.web.conditional import Representation, accepts_gzip, matches
from tests.e2e.web_accounts import PASSWORD, multi_user_app
from tests.e2e.web_accounts import Client as SignedInClient
from tests.integration.support import COACH_EXERCISE
from tests.support.http import Client

CATALOGUE = ("/api/v1/exercises", "/api/v1/exercises/towel-scrunch")
SELF_TESTS = ("/api/v1/self-tests", "/api/v1/self-tests/knee_to_wall_cm")
ROUTES = CATALOGUE + SELF_TESTS
GZIP = {"Accept-Encoding": "gzip"}
IDENTITY = {"Accept-Encoding": "identity"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    data = tmp_path_factory.mktemp("web-conditional")
    c = Client(create_app(Settings.for_sqlite_file(data / "footcore.sqlite3")))
    yield c
    c.close()


def _vary(response: httpx.Response) -> list[str]:
    return [v.strip().lower() for v in response.headers.get("vary", "").split(",") if v.strip()]


@pytest.mark.parametrize("path", ROUTES)
def test_answers_carry_a_strong_etag_that_stays_while_the_answer_does(
    client: Client, path: str
) -> None:
    first = client.get(path, headers=IDENTITY)
    again = client.get(path, headers=IDENTITY)
    assert first.status_code == again.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"')  # strong: no W/
    assert etag.endswith('"')
    assert again.headers["etag"] == etag
    assert again.content == first.content
    assert etag == Representation.of(first.content).etag  # derived from the answer's bytes


@pytest.mark.parametrize("path", ROUTES)
def test_if_none_match_with_the_current_etag_answers_304_with_no_body(
    client: Client, path: str
) -> None:
    for headers in (IDENTITY, GZIP):
        etag = client.get(path, headers=headers).headers["etag"]
        unchanged = client.get(path, headers={**headers, "If-None-Match": etag})
        assert unchanged.status_code == 304
        assert unchanged.content == b""
        assert (
            "content-length" not in unchanged.headers or unchanged.headers["content-length"] == "0"
        )
        assert unchanged.headers["etag"] == etag
        assert "no-cache" in unchanged.headers["cache-control"]
        assert "accept-encoding" in _vary(unchanged)


def test_if_none_match_uses_weak_comparison_and_lists_and_star(client: Client) -> None:
    path = "/api/v1/self-tests"
    etag = client.get(path, headers=IDENTITY).headers["etag"]
    for condition in (f"W/{etag}", f'"other", {etag}', "*"):
        assert client.get(path, headers={"If-None-Match": condition}).status_code == 304
    for condition in ('"other"', etag.strip('"'), f'{etag[:-2]}x"'):
        changed = client.get(path, headers={"If-None-Match": condition})
        assert changed.status_code == 200
        assert changed.json()


def test_a_tag_of_either_encoding_revalidates_and_the_304_names_the_one_sent_now(
    client: Client,
) -> None:
    path = "/api/v1/exercises"
    plain = client.get(path, headers=IDENTITY).headers["etag"]
    zipped = client.get(path, headers=GZIP).headers["etag"]
    assert zipped != plain  # two representations, two strong tags
    as_gzip = client.get(path, headers={**GZIP, "If-None-Match": plain})
    assert as_gzip.status_code == 304
    assert as_gzip.headers["etag"] == zipped
    as_identity = client.get(path, headers={**IDENTITY, "If-None-Match": zipped})
    assert as_identity.status_code == 304
    assert as_identity.headers["etag"] == plain


@pytest.mark.parametrize("path", ROUTES)
def test_clients_accepting_gzip_get_the_answer_compressed_once(client: Client, path: str) -> None:
    plain = client.get(path, headers=IDENTITY)
    assert "content-encoding" not in plain.headers
    zipped = client.get(path, headers=GZIP)
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # httpx decodes it
    expected = gzip.compress(plain.content, compresslevel=9, mtime=0)
    assert int(zipped.headers["content-length"]) == len(expected)
    assert int(zipped.headers["content-length"]) < len(plain.content)
    assert _vary(zipped).count("accept-encoding") == 1
    assert _vary(plain).count("accept-encoding") == 1  # named once, by whoever adds it


def test_gzip_refused_with_q_zero_gets_the_json_itself(client: Client) -> None:
    refused = client.get("/api/v1/exercises", headers={"Accept-Encoding": "gzip;q=0, br"})
    assert "content-encoding" not in refused.headers
    assert refused.json()


@pytest.mark.parametrize(
    ("field", "accepted"),
    [
        (None, False),
        ("", False),
        ("identity", False),
        ("gzip", True),
        ("GZIP", True),
        ("deflate, gzip;q=0.5", True),
        ("gzip;q=0", False),
        ("gzip; q=0.0", False),
        ("*", True),
        ("*;q=0", False),
        ("gzip;q=0, *", False),
        ("br, *;q=0.1", True),
        ("x-gzip", True),
        ("gzip;q=nonsense", False),
    ],
)
def test_accept_encoding_is_read_with_its_quality_values(field: str | None, accepted: bool) -> None:
    assert accepts_gzip(field) is accepted


def test_if_none_match_names_a_tag_only_exactly() -> None:
    tags = ('"abc"', '"abc-gzip"')
    assert matches('"abc"', tags)
    assert matches(' W/"abc-gzip" ', tags)
    assert matches('"x", "y", "abc"', tags)
    assert matches("*", tags)
    assert not matches("abc", tags)
    assert not matches('"abcd"', tags)
    assert not matches('"ABC"', tags)


def test_cache_control_is_private_for_the_catalogue_and_public_for_the_self_tests(
    client: Client,
) -> None:
    for path in CATALOGUE:
        answer = client.get(path, headers=GZIP)
        assert answer.headers["cache-control"] == "private, no-cache"
        assert "cookie" in _vary(answer)  # who is signed in decides the catalogue
    for path in SELF_TESTS:
        answer = client.get(path, headers=GZIP)
        assert answer.headers["cache-control"] == "public, no-cache"
        assert "cookie" not in _vary(answer)


def test_filters_and_aliases_have_their_own_answers_and_tags(client: Client) -> None:
    everything = client.get("/api/v1/exercises").headers["etag"]
    stretches = client.get("/api/v1/exercises", params={"category": "stretch"})
    assert stretches.headers["etag"] != everything
    alias = client.get("/api/v1/self-tests/ktw")
    assert alias.headers["etag"] == client.get("/api/v1/self-tests/knee_to_wall_cm").headers["etag"]


def test_unknown_slugs_and_ids_answer_404_without_a_tag(client: Client) -> None:
    for path in ("/api/v1/exercises/towel-scrunh", "/api/v1/self-tests/knee-wall"):
        missing = client.get(path, headers={"If-None-Match": "*"})
        assert missing.status_code == 404
        assert "etag" not in missing.headers


def test_the_openapi_document_declares_the_304_answers(client: Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/exercises",
        "/api/v1/exercises/{slug}",
        "/api/v1/self-tests",
        "/api/v1/self-tests/{test_id}",
    ):
        not_modified = paths[path]["get"]["responses"]["304"]
        assert "content" not in not_modified  # no body
        assert "ETag" in not_modified["headers"]


def test_a_coachs_exercise_changes_the_catalogue_tag_for_those_who_see_it(
    tmp_path: Path,
) -> None:
    app = multi_user_app(tmp_path)
    app.state.footcore.services.accounts.create_user("cleo@example.org", PASSWORD, "coach")
    cleo, anonymous = SignedInClient(app), SignedInClient(app)
    try:
        assert cleo.sign_in("cleo@example.org").status_code == 303
        before = cleo.get("/api/v1/exercises").headers["etag"]
        assert anonymous.get("/api/v1/exercises").headers["etag"] == before
        saved = cleo.post(
            "/coach/exercises",
            data={"csrf_token": cleo.form_token("/coach"), "exercise": COACH_EXERCISE},
        )
        assert saved.status_code == 303
        # Cleo revalidates her copy: it no longer is the answer, so she gets the new one.
        after = cleo.get("/api/v1/exercises", headers={"If-None-Match": before})
        assert after.status_code == 200
        assert after.headers["etag"] != before
        assert "seated-toe-yoga" in [e["slug"] for e in after.json()]
        assert (
            cleo.get(
                "/api/v1/exercises", headers={"If-None-Match": after.headers["etag"]}
            ).status_code
            == 304
        )
        one = cleo.get("/api/v1/exercises/seated-toe-yoga")
        assert one.status_code == 200
        assert (
            cleo.get(
                "/api/v1/exercises/seated-toe-yoga", headers={"If-None-Match": one.headers["etag"]}
            ).status_code
            == 304
        )
        # Someone who does not see the coach's exercise keeps the built-in answer's tag.
        unchanged = anonymous.get("/api/v1/exercises", headers={"If-None-Match": before})
        assert unchanged.status_code == 304
    finally:
        cleo.close()
        anonymous.close()
        app.state.footcore.close()
