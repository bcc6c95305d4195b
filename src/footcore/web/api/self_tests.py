"""``/api/v1/self-tests`` and ``/api/v1/assessments/score``: the self-tests and scoring, as
JSON."""

from __future__ import annotations

import functools
import json
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import TypeAdapter

from footcore.domain.assessments import TESTS, SelfTest, get_test, report_to_dict, score_battery
from footcore.domain.assessments.definitions import SOURCES
from footcore.domain.errors import FootcoreError
from footcore.web.api.models import ERROR_RESPONSES, AssessmentIn, AssessmentReportOut, SelfTestOut
from footcore.web.conditional import NOT_MODIFIED_RESPONSE, PUBLIC, Representation
from footcore.web.routing import GuardedRouter

router = GuardedRouter(prefix="/api/v1", responses={422: ERROR_RESPONSES[422]})

#: Largest request body the scoring endpoint reads.
MAX_BODY_BYTES = 64 * 1024


def self_test_to_dict(test: SelfTest) -> dict[str, Any]:
    """Everything a person needs to do and read a self-test."""
    return {
        "id": test.id,
        "name": test.name,
        "unit": test.unit,
        "shape": test.shape.value,
        "sided": test.sided,
        "sides": list(test.sides),
        "valid": {
            "low": test.valid.low,
            "high": test.valid.high,
            "whole": test.valid.whole,
            "unit": test.valid.unit,
            "text": test.valid.describe(),
        },
        "purpose": test.purpose,
        "equipment": list(test.equipment),
        "protocol": list(test.protocol),
        "norms": [
            {
                "label": n.label,
                "reference": n.reference,
                "age_min": n.age_min,
                "age_max": n.age_max,
                "sex": None if n.sex is None else n.sex.value,
                "low_below": n.low_below,
                "high_above": n.high_above,
                "source": n.source,
            }
            for n in test.norms
        ],
        "norm_summary": test.norm_summary,
        "band_rule": test.band_rule,
        "asymmetry_threshold": test.asymmetry_threshold,
        "asymmetry_rule": test.asymmetry_rule,
        "smallest_real_change": test.smallest_real_change,
        "change_rule": test.change_rule,
        "higher_is_better": test.higher_is_better,
        "sources": [
            {"id": s, "citation": SOURCES[s].citation, "kind": SOURCES[s].kind}
            for s in test.sources
            if s in SOURCES
        ],
        "aliases": list(test.aliases),
    }


@router.get(
    "/self-tests",
    response_model=list[SelfTestOut],
    tags=["self-tests"],
    summary="List the self-tests",
    responses={304: NOT_MODIFIED_RESPONSE},
)
async def list_self_tests(request: Request) -> Response:
    """Every self-test with its protocol (numbered steps), unit, valid range and norms.
    Answers carry an `ETag` (send it back in `If-None-Match`: 304 while unchanged) and
    `Cache-Control: public, no-cache`; gzip for clients that accept it."""
    return _self_tests().response(request, cache_control=PUBLIC)


@router.get(
    "/self-tests/{test_id}",
    response_model=SelfTestOut,
    tags=["self-tests"],
    summary="One self-test",
    responses={304: NOT_MODIFIED_RESPONSE, 404: ERROR_RESPONSES[404]},
)
async def get_self_test(request: Request, test_id: str) -> Response:
    """One self-test by id (aliases such as ``ktw`` work too). `ETag`, `If-None-Match` and
    gzip as for the list."""
    return _self_test(get_test(test_id).id).response(request, cache_control=PUBLIC)


@functools.cache
def _self_tests() -> Representation:
    """The self-tests' answer, made once per process (the tests are fixed in the code)."""
    adapter = TypeAdapter(list[SelfTestOut])
    found = adapter.validate_python([self_test_to_dict(t) for t in TESTS.values()])
    return Representation.of(adapter.dump_json(found, by_alias=True))


@functools.cache
def _self_test(test_id: str) -> Representation:
    """One self-test's answer, made once per process and id."""
    found = SelfTestOut.model_validate(self_test_to_dict(get_test(test_id)))
    return Representation.of(found.model_dump_json(by_alias=True).encode())


@router.post(
    "/assessments/score",
    response_model=AssessmentReportOut,
    tags=["self-tests"],
    summary="Score an assessment (nothing is stored)",
    responses={400: ERROR_RESPONSES[400]},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/AssessmentIn"}}
            },
        }
    },
)
async def score_assessment(request: Request) -> dict[str, object]:
    """Bands, asymmetry, safety flags and focus areas for a set of self-test results, like
    ``footcore assess score --json``. Invalid input answers 422 listing every problem."""
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise FootcoreError(f"request body: larger than {MAX_BODY_BYTES // 1024} KiB")
    try:
        data = json.loads(raw, parse_constant=_not_json)
    except ValueError as exc:  # includes JSONDecodeError and UnicodeDecodeError
        raise FootcoreError(f"request body: not valid JSON ({exc})") from None
    except RecursionError:
        raise FootcoreError("request body: JSON nested too deeply") from None
    return report_to_dict(score_battery(data))


def _not_json(word: str) -> object:
    """Python's reader accepts NaN and Infinity; JSON does not, and neither does footcore."""
    raise ValueError(f"{word} is not a JSON number")


#: Models only referenced through ``openapi_extra``; app.py adds them to the schema.
EXTRA_SCHEMAS = (AssessmentIn,)
