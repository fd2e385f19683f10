"""Validate FHIR CarePlan samples (JSON files given as arguments) with the fhir.resources package.

fhir.resources 6.1.x has R4 (4.0.1) at the top level (pydantic 1); 7+/8+ ship R5 at the top level
and R4B (4.3.0) under fhir.resources.R4B (pydantic 2). CarePlan is unchanged between R4 and R4B,
so either validates an R4 CarePlan; pure R4 is used when installed.
"""
import importlib
import json
import sys

import fhir.resources

if getattr(fhir.resources, "__fhir_version__", "") == "4.0.1":
    module_name = "fhir.resources.careplan"
else:
    module_name = "fhir.resources.R4B.careplan"
try:
    CarePlan = importlib.import_module(module_name).CarePlan
except ModuleNotFoundError:
    sys.exit("no R4 or R4B CarePlan model in the installed fhir.resources")

# fhir.resources checks structure and types but not the required R4 value sets; check those here.
STATUS = {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
INTENT = {"proposal", "plan", "order", "option"}
ACTIVITY_KIND = {
    "Appointment", "CommunicationRequest", "DeviceRequest", "MedicationRequest",
    "NutritionOrder", "Task", "ServiceRequest", "VisionPrescription",
}
ACTIVITY_STATUS = {
    "not-started", "scheduled", "in-progress", "on-hold", "completed",
    "cancelled", "stopped", "unknown", "entered-in-error",
}


def value_set_problems(data):
    problems = []
    if data.get("status") not in STATUS:
        problems.append(f"status {data.get('status')!r}")
    if data.get("intent") not in INTENT:
        problems.append(f"intent {data.get('intent')!r}")
    for index, activity in enumerate(data.get("activity", [])):
        detail = activity.get("detail", {})
        if detail.get("kind") not in ACTIVITY_KIND:
            problems.append(f"activity[{index}].detail.kind {detail.get('kind')!r}")
        if detail.get("status") not in ACTIVITY_STATUS:
            problems.append(f"activity[{index}].detail.status {detail.get('status')!r}")
        if "doNotPerform" in detail and not isinstance(detail["doNotPerform"], bool):
            problems.append(f"activity[{index}].detail.doNotPerform is not a JSON boolean")
    return problems


failures = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    try:
        care_plan = CarePlan.model_validate(data) if hasattr(CarePlan, "model_validate") else CarePlan.parse_obj(data)
    except Exception as error:  # pydantic ValidationError, reported per file
        failures += 1
        print(f"INVALID {path}: {error}")
        continue
    problems = value_set_problems(data)
    if data.get("resourceType") != "CarePlan" or not care_plan.activity:
        problems.append("not a CarePlan with activities")
    if problems:
        failures += 1
        print(f"INVALID {path}: {'; '.join(problems)}")
        continue
    print(f"valid {path} ({module_name}): {len(care_plan.activity)} activities, subject={data['subject']}")
sys.exit(1 if failures else 0)
