"""Every /api/v1 operation of the OpenAPI document, fed requests generated from the document
itself (schemathesis, in-process against the ASGI app) as a signed-in athlete who is a
member of a coach's group: no answer is a server error, every status is documented, and
every body matches its documented schema. Bounded: a few examples per operation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok

from footcore.web.auth import SESSION_COOKIE
from tests.e2e.web_accounts import build_world

EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_generated_requests_get_documented_answers_and_never_a_server_error(
    tmp_path: Path,
) -> None:
    world = build_world(tmp_path)
    try:
        services = world.app.state.footcore.services
        session = services.accounts.create_session(world.ids["users"]["athlete"])
        cookies = {SESSION_COOKIE: session.token}
        headers = {"X-CSRF-Token": session.csrf_token}
        # Deleting the account would end the run's session: the matrix and the account
        # tests cover it.
        schema = schemathesis.openapi.from_asgi("/openapi.json", world.app).exclude(
            method="DELETE", path="/api/v1/account"
        )
        results = list(schema.get_all_operations())
        assert all(isinstance(r, Ok) for r in results), "the OpenAPI document has errors"
        operations = [r.ok() for r in results if isinstance(r, Ok)]
        assert len(operations) > 40
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def check(case: Any) -> None:
                response = case.call(headers=headers, cookies=cookies)
                case.validate_response(response, checks=CHECKS)

            check()
    finally:
        world.close()
