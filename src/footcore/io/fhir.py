"""An HL7 FHIR Bundle for clinicians: the programme and the self-test results.

Built and serialised with the ``fhir.resources`` model library, ``R4B`` subpackage (FHIR
4.3.0). FHIR R4 (4.0.1) and R4B share the structure of every resource used here (Bundle,
Patient, CarePlan with ``activity.detail``, Observation, QuestionnaireResponse,
CodeSystem), and R4B is the R4-family release the library models; R5 dropped
``CarePlan.activity.detail``, so R5 would not do.

The Bundle (type ``collection``) holds, in order:

- two local CodeSystems: the self-tests (:data:`SELF_TEST_SYSTEM`; no LOINC codes exist
  for these foot tests) and the exercises (:data:`EXERCISE_SYSTEM`);
- a minimal Patient (name and administrative gender only);
- one CarePlan (category SNOMED CT 229065009 "Exercise therapy") with one activity per
  prescribed exercise: the exercise code, how many days a week it is planned, the plan's
  period, and the dose in words (first and, where it progresses, last);
- one Observation per scored value of every self-test battery (a side, the single value, a
  FAAM subscale), coded in the local CodeSystem, with the side as body site, the norm as
  reference range where one applies, and the band as interpretation (L, N, H);
- one QuestionnaireResponse per battery that holds FAAM answers.

Ids are UUIDs derived from ``patient_key`` and the resource's content, so exporting the same
data twice gives the same ids.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from footcore.domain.assessments import FAAM_ITEMS, TESTS, BatteryReport, FaamAnswers
from footcore.domain.exercise import Catalogue
from footcore.domain.planning import Plan, PlanItem
from footcore.domain.profile import Profile
from footcore.domain.wording import dose_text, why_text

SELF_TEST_SYSTEM = "urn:footcore:codesystem:self-test"
EXERCISE_SYSTEM = "urn:footcore:codesystem:exercise"
FAAM_QUESTIONNAIRE = "urn:footcore:questionnaire:faam"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
EXERCISE_THERAPY = ("229065009", "Exercise therapy")
#: SNOMED CT body structures for the side a result belongs to.
BODY_SITES: Mapping[str, tuple[str, str]] = {
    "left": ("22335008", "Left foot structure"),
    "right": ("7769000", "Right foot structure"),
}
#: footcore unit -> UCUM code.
UCUM_UNITS: Mapping[str, str] = {
    "cm": "cm",
    "mm": "mm",
    "s": "s",
    "reps": "{repetitions}",
    "%": "%",
}
BANDS = {"low": ("L", "Low"), "typical": ("N", "Normal"), "high": ("H", "High")}
_NAMESPACE = uuid.UUID("5d0c4f7e-8f0b-4b6a-9a51-6f6f74636f72")


def _id(patient_key: str, *parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "|".join([patient_key, *map(str, parts)])))


def _code(test_id: str, part: str) -> str:
    """The local code of a scored value: the test id, or ``faam-adl``/``faam-sports``."""
    return f"faam-{part}" if test_id == "faam" else test_id


def self_test_codesystem() -> dict[str, Any]:
    concepts = []
    for test in TESTS.values():
        if test.id == "faam":
            for part, label in (("adl", "Activities of Daily Living"), ("sports", "Sports")):
                concepts.append(
                    {
                        "code": _code("faam", part),
                        "display": f"FAAM {label} subscale (%)",
                        "definition": "Foot and Ankle Ability Measure subscale score: sum of "
                        "item scores / (items answered x 4) x 100.",
                    }
                )
            continue
        concepts.append({"code": test.id, "display": test.name, "definition": test.purpose})
    return {
        "resourceType": "CodeSystem",
        "id": "footcore-self-test",
        "url": SELF_TEST_SYSTEM,
        "name": "FootcoreSelfTest",
        "title": "footcore self-tests",
        "status": "active",
        "content": "complete",
        "caseSensitive": True,
        "description": "Foot and ankle self-tests done at home; no LOINC codes exist for them.",
        "concept": concepts,
    }


def exercise_codesystem(catalogue: Catalogue, slugs: Sequence[str]) -> dict[str, Any]:
    concepts = []
    for slug in slugs:
        entry: dict[str, Any] = {"code": slug, "display": slug}
        if slug in catalogue:
            ex = catalogue.get(slug)
            entry = {"code": slug, "display": ex.name, "definition": ex.description}
        concepts.append(entry)
    return {
        "resourceType": "CodeSystem",
        "id": "footcore-exercise",
        "url": EXERCISE_SYSTEM,
        "name": "FootcoreExercise",
        "title": "footcore exercises",
        "status": "active",
        "content": "fragment",
        "caseSensitive": True,
        "description": "The footcore exercises prescribed in this care plan.",
        "concept": concepts,
    }


def patient_resource(profile: Profile, patient_key: str) -> dict[str, Any]:
    gender = {"female": "female", "male": "male"}.get(str(profile.sex), "unknown")
    return {
        "resourceType": "Patient",
        "id": _id(patient_key, "patient"),
        "name": [{"text": profile.name}],
        "gender": gender,
    }


def _prescriptions(plan: Plan) -> dict[str, list[tuple[dt.date, PlanItem]]]:
    out: dict[str, list[tuple[dt.date, PlanItem]]] = {}
    for day in plan.days:
        for item in day.items:
            out.setdefault(item.exercise, []).append((day.date, item))
        if day.walking is not None:
            out.setdefault(day.walking.exercise, []).append((day.date, day.walking))
    return out


def careplan_resource(plan: Plan, patient_ref: str, patient_key: str) -> dict[str, Any]:
    weeks = max(1, len(plan.weeks))
    activities = []
    for slug, uses in _prescriptions(plan).items():
        days = len({d for d, _ in uses})
        first, last = uses[0][1], uses[-1][1]
        text = f"{first.name}: {dose_text(first.dose, added_load=first.added_load, rest=True)}."
        if last.dose != first.dose:
            text += f" Progressing to: {dose_text(last.dose, rest=True)}."
        if first.why:
            text += f" Why: {why_text(first.why)}"
        activities.append(
            {
                "detail": {
                    "code": {
                        "coding": [
                            {"system": EXERCISE_SYSTEM, "code": slug, "display": first.name}
                        ],
                        "text": first.name,
                    },
                    "status": "scheduled",
                    "scheduledTiming": {
                        "repeat": {
                            "boundsPeriod": {
                                "start": uses[0][0].isoformat(),
                                "end": uses[-1][0].isoformat(),
                            },
                            "frequency": max(1, round(days / weeks)),
                            "period": 1,
                            "periodUnit": "wk",
                        }
                    },
                    "description": text,
                }
            }
        )
    focus = "; ".join(f"week {w.number}: {w.focus}" for w in plan.weeks[:1])
    return {
        "resourceType": "CarePlan",
        "id": _id(patient_key, "careplan", plan.start.isoformat(), len(plan.weeks)),
        "status": "active",
        "intent": "plan",
        "category": [
            {
                "coding": [
                    {"system": SNOMED, "code": EXERCISE_THERAPY[0], "display": EXERCISE_THERAPY[1]}
                ]
            }
        ],
        "title": "Foot and ankle exercise programme (footcore)",
        "description": f"{len(plan.weeks)}-week home programme. {focus}".strip(),
        "subject": {"reference": patient_ref},
        "period": {"start": plan.start.isoformat(), "end": plan.end.isoformat()},
        "activity": activities,
    }


def observation_resources(
    report: BatteryReport, patient_ref: str, patient_key: str
) -> list[dict[str, Any]]:
    assert report.date is not None
    out: list[dict[str, Any]] = []
    for test_id, scored in report.results.items():
        for m in scored.measures:
            code = _code(test_id, m.part)
            display = scored.test.name if test_id != "faam" else f"FAAM {m.part.upper()} (%)"
            obs: dict[str, Any] = {
                "resourceType": "Observation",
                "id": _id(patient_key, "observation", report.date.isoformat(), code, m.part),
                "status": "final",
                "category": [
                    {
                        "coding": [
                            {"system": OBSERVATION_CATEGORY, "code": "exam", "display": "Exam"}
                        ]
                    }
                ],
                "code": {
                    "coding": [{"system": SELF_TEST_SYSTEM, "code": code, "display": display}],
                    "text": display,
                },
                "subject": {"reference": patient_ref},
                "effectiveDateTime": report.date.isoformat(),
            }
            obs.update(_value(scored.test.unit, m.number, m.value, m.shown, test_id))
            if m.part in BODY_SITES:
                site, label = BODY_SITES[m.part]
                obs["bodySite"] = {
                    "coding": [{"system": SNOMED, "code": site, "display": label}],
                    "text": f"{m.part} foot",
                }
            if m.band is not None:
                code_, label = BANDS[str(m.band)]
                obs["interpretation"] = [
                    {
                        "coding": [{"system": INTERPRETATION, "code": code_, "display": label}],
                        "text": str(m.band),
                    }
                ]
            norm = scored.norm
            if norm is not None and "valueQuantity" in obs:
                unit = obs["valueQuantity"]["unit"]
                rng: dict[str, Any] = {"text": norm.label}
                if norm.low_below is not None:
                    rng["low"] = {"value": norm.low_below, "unit": unit}
                if norm.high_above is not None:
                    rng["high"] = {"value": norm.high_above, "unit": unit}
                obs["referenceRange"] = [rng]
            notes = [*scored.notes]
            if scored.asymmetry and m.part in ("left", "right"):
                notes.append(f"sides differ by {scored.side_difference:g} {scored.test.unit}")
            if notes:
                obs["note"] = [{"text": n} for n in notes]
            out.append(obs)
    return out


def _value(
    unit: str, number: float | None, value: object, shown: str, test_id: str
) -> dict[str, Any]:
    if test_id == "toe_isolation" and isinstance(value, Mapping):
        return {
            "valueInteger": int(value.get("total", 0)),
            "component": [
                {
                    "code": {"text": key.replace("_", " ")},
                    "valueInteger": int(score),
                }
                for key, score in value.items()
                if key != "total"
            ],
        }
    if isinstance(value, str):
        return {"valueString": value}
    if test_id == "pain_nrs" and number is not None:
        return {"valueInteger": int(number)}
    if number is None:
        return {"valueString": shown}
    ucum = UCUM_UNITS.get(unit, unit or "1")
    return {
        "valueQuantity": {
            "value": round(float(number), 2),
            "unit": unit or "1",
            "system": UCUM,
            "code": ucum,
        }
    }


def faam_response(
    answers: FaamAnswers, date: dt.date, patient_ref: str, patient_key: str
) -> dict[str, Any]:
    groups = []
    for subscale, values in answers.subscales():
        items = []
        for index, (text, answer) in enumerate(zip(FAAM_ITEMS[subscale], values, strict=False)):
            item: dict[str, Any] = {"linkId": f"{subscale}-{index + 1}", "text": text}
            if answer is not None:  # N/A items carry no answer
                item["answer"] = [{"valueInteger": answer}]
            items.append(item)
        groups.append(
            {
                "linkId": subscale,
                "text": "Activities of Daily Living" if subscale == "adl" else "Sports",
                "item": items,
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _id(patient_key, "faam", date.isoformat()),
        "questionnaire": FAAM_QUESTIONNAIRE,
        "status": "completed",
        "subject": {"reference": patient_ref},
        "authored": date.isoformat(),
        "item": groups,
    }


def fhir_bundle(
    profile: Profile,
    plan: Plan | None,
    reports: Sequence[BatteryReport],
    catalogue: Catalogue,
    *,
    patient_key: str,
    timestamp: dt.datetime | None = None,
) -> str:
    """The FHIR R4(B) Bundle as JSON text, validated by the model library on the way."""
    patient = patient_resource(profile, patient_key)
    patient_url = f"urn:uuid:{patient['id']}"
    resources: list[dict[str, Any]] = [self_test_codesystem()]
    if plan is not None:
        resources.append(exercise_codesystem(catalogue, list(_prescriptions(plan))))
    resources.append(patient)
    if plan is not None:
        resources.append(careplan_resource(plan, patient_url, patient_key))
    for report in sorted((r for r in reports if r.date), key=lambda r: str(r.date)):
        assert report.date is not None
        resources.extend(observation_resources(report, patient_url, patient_key))
        faam = report.input.results.get("faam")
        if isinstance(faam, FaamAnswers):
            resources.append(faam_response(faam, report.date, patient_url, patient_key))
    when = (timestamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "id": _id(patient_key, "bundle"),
            "type": "collection",
            "timestamp": when.isoformat(timespec="seconds"),
            "entry": [
                {
                    "fullUrl": f"urn:uuid:{r['id']}"
                    if r["resourceType"] != "CodeSystem"
                    else r["url"],
                    "resource": r,
                }
                for r in resources
            ],
        }
    )
    return str(bundle.model_dump_json(exclude_none=True, indent=2))
