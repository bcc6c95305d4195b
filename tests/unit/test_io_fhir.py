"""The FHIR export, parsed and validated with the fhir.resources R4B models."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.assessments import BatteryReport, score_battery
from footcore.domain.planning import Plan, generate_plan
from footcore.domain.profile import parse_profile
from footcore.domain.wording import dose_text
from footcore.io.fhir import EXERCISE_SYSTEM, SELF_TEST_SYSTEM, fhir_bundle
from tests.support.profiles import ana

PROFILE: dict[str, Any] = ana("slots", "cramp_prone", "pain", "running")
FIRST: dict[str, Any] = {
    "age": 38,
    "sex": "female",
    "date": "2027-01-04",
    "results": {
        "knee_to_wall_cm": {"left": 8.0, "right": 11.5},
        "heel_raise_reps": {"left": 18, "right": 22},
        "toe_isolation": {
            "left": {"spread": 1, "big_toe_lift": 2, "small_toe_lift": 2},
            "right": {"spread": 2, "big_toe_lift": 3, "small_toe_lift": 2},
        },
        "short_foot": {"left": "fair", "right": "good"},
        "pain_nrs": {"nrs": 3, "site": "heel"},
        "faam": {"adl": [4] * 19 + [None, 3], "sports": [3] * 8},
    },
}
SECOND: dict[str, Any] = {
    **FIRST,
    "date": "2027-02-01",
    "results": {"knee_to_wall_cm": {"left": 10.5, "right": 12.0}, "pain_nrs": 1},
}
STAMP = dt.datetime(2027, 2, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return generate_plan(parse_profile(PROFILE), builtin_catalogue(), dt.date(2027, 1, 4), 2)


@pytest.fixture(scope="module")
def reports() -> list[BatteryReport]:
    return [score_battery(FIRST), score_battery(SECOND)]


@pytest.fixture(scope="module")
def bundle(plan: Plan, reports: list[BatteryReport]) -> Bundle:
    text = fhir_bundle(
        plan.profile, plan, reports, builtin_catalogue(), patient_key="athlete-1", timestamp=STAMP
    )
    return Bundle.model_validate_json(text)


def resources(bundle: Bundle, kind: type[Any]) -> list[Any]:
    return [e.resource for e in bundle.entry or [] if isinstance(e.resource, kind)]


def test_the_bundle_is_a_valid_collection_with_a_minimal_patient(bundle: Bundle) -> None:
    assert bundle.type == "collection"
    [patient] = resources(bundle, Patient)
    assert patient.name[0].text == "Ana"
    assert patient.gender == "female"
    assert patient.birthDate is None
    assert patient.address is None


def test_the_care_plan_has_one_activity_per_prescribed_exercise(bundle: Bundle, plan: Plan) -> None:
    [care] = resources(bundle, CarePlan)
    assert care.status == "active"
    assert care.intent == "plan"
    assert care.category[0].coding[0].system == "http://snomed.info/sct"
    assert care.category[0].coding[0].code == "229065009"
    assert str(care.period.start) == "2027-01-04"
    prescribed = {i.exercise for d in plan.days for i in d.items}
    codes = {a.detail.code.coding[0].code for a in care.activity}
    assert codes == prescribed
    for activity in care.activity:
        detail = activity.detail
        assert detail.code.coding[0].system == EXERCISE_SYSTEM
        assert detail.scheduledTiming.repeat.periodUnit == "wk"
        assert detail.scheduledTiming.repeat.frequency >= 1
        assert detail.description.startswith(detail.code.text + ":")
        doses = {  # the dose in the one formatter's words (footcore.domain.wording)
            dose_text(i.dose, added_load=i.added_load, rest=True)
            for d in plan.days
            for i in d.items
            if i.exercise == detail.code.coding[0].code
        }
        assert any(detail.description.startswith(f"{detail.code.text}: {d}.") for d in doses)
        assert "Rules:" not in detail.description
    subject = care.subject.reference
    [patient_entry] = [e for e in bundle.entry or [] if isinstance(e.resource, Patient)]
    assert subject == patient_entry.fullUrl


def test_every_scored_self_test_value_is_an_observation(
    bundle: Bundle, reports: list[BatteryReport]
) -> None:
    observations = resources(bundle, Observation)
    expected = sum(len(s.measures) for r in reports for s in r.results.values())
    assert len(observations) == expected
    [tests] = [c for c in resources(bundle, CodeSystem) if c.url == SELF_TEST_SYSTEM]
    known = {c.code for c in tests.concept}
    for obs in observations:
        assert obs.status == "final"
        assert obs.code.coding[0].system == SELF_TEST_SYSTEM
        assert obs.code.coding[0].code in known


def test_a_measured_value_keeps_its_unit_side_band_and_norm(bundle: Bundle) -> None:
    observations = resources(bundle, Observation)
    left = next(
        o
        for o in observations
        if o.code.coding[0].code == "knee_to_wall_cm"
        and str(o.effectiveDateTime) == "2027-01-04"
        and o.bodySite.coding[0].code == "22335008"
    )
    assert float(left.valueQuantity.value) == 8.0
    assert left.valueQuantity.code == "cm"
    assert left.valueQuantity.system == "http://unitsofmeasure.org"
    assert left.interpretation[0].coding[0].code == "L"
    assert float(left.referenceRange[0].low.value) == pytest.approx(9.2)
    grades = [o for o in observations if o.code.coding[0].code == "short_foot"]
    assert sorted(o.valueString for o in grades) == ["fair", "good"]
    toes = next(o for o in observations if o.code.coding[0].code == "toe_isolation")
    assert toes.valueInteger == 5
    assert [c.valueInteger for c in toes.component] == [1, 2, 2]
    pain = [o.valueInteger for o in observations if o.code.coding[0].code == "pain_nrs"]
    assert pain == [3, 1]
    faam = {o.code.coding[0].code for o in observations if o.code.coding[0].code.startswith("faam")}
    assert faam == {"faam-adl", "faam-sports"}


def test_faam_answers_are_a_questionnaire_response(bundle: Bundle) -> None:
    [response] = resources(bundle, QuestionnaireResponse)
    assert response.status == "completed"
    assert str(response.authored) == "2027-01-04"
    adl, sports = response.item
    assert (adl.linkId, len(adl.item), sports.linkId, len(sports.item)) == ("adl", 21, "sports", 8)
    assert adl.item[0].answer[0].valueInteger == 4
    assert adl.item[19].answer is None  # N/A carries no answer
    assert adl.item[20].answer[0].valueInteger == 3


def test_exporting_twice_gives_the_same_ids(plan: Plan, reports: list[BatteryReport]) -> None:
    def ids() -> list[str]:
        text = fhir_bundle(
            plan.profile, plan, reports, builtin_catalogue(), patient_key="athlete-1"
        )
        return [e["fullUrl"] for e in json.loads(text)["entry"]]

    assert ids() == ids()


def test_without_a_plan_or_results_the_bundle_holds_the_patient_only() -> None:
    profile = parse_profile({"name": "Sam", "age": 70})
    text = fhir_bundle(profile, None, [], builtin_catalogue(), patient_key="athlete-2")
    bundle = Bundle.model_validate_json(text)
    kinds = [type(e.resource).__name__ for e in bundle.entry or []]
    assert kinds == ["CodeSystem", "Patient"]
    assert resources(bundle, Patient)[0].gender == "unknown"
