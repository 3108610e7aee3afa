"""The JSON export: the whole plan, times in ISO 8601 with their +08:00 offset."""

import json
from datetime import datetime

from matcher.exports import plan_to_json


def test_plan_round_trips_as_json(plan, make_context):
    document = json.loads(plan_to_json(plan, make_context()).decode("utf-8"))
    assert document["delegation"] == "Delegation of <Oman> & Friends"
    assert document["sequence"] == 1
    assert [day["date"] for day in document["days"]] == [d.date.isoformat() for d in plan.days]
    items = [item for day in document["days"] for item in day["items"]]
    visits = [item for item in items if item["type"] == "visit"]
    assert [v["organisation_id"] for v in visits] == [
        v.request.organisation_id for v in plan.visits
    ]
    for item in items:
        assert item["start"].endswith("+08:00") and item["end"].endswith("+08:00")
        assert datetime.fromisoformat(item["start"]) <= datetime.fromisoformat(item["end"])
    hefei = next(v for v in visits if v["organisation_id"] == "hefei-ai")
    assert hefei["needs_interpreter"] and hefei["interpreter_language"] == "ar"
    assert document["unplaced"][0]["reason"] == "no travel time to Other from Songjiang"
    assert {"date": "2026-05-12", "language": "ar"} in document["interpreter_needs"]


def test_chinese_is_not_escaped(plan, make_context):
    assert "合肥智能科技有限公司".encode() in plan_to_json(plan, make_context())


def test_a_stored_plan_exports_exactly_as_it_was_planned(plan, make_context):
    """What is published is stored as JSON; every export of it must be the same."""
    from matcher.exports import plan_from_dict, plan_to_csv, plan_to_dict, plan_to_ics

    context = make_context("ar", sequence=3)
    stored = json.loads(json.dumps(plan_to_dict(plan, context)))
    restored = plan_from_dict(stored)
    assert plan_to_dict(restored, context) == stored
    assert plan_to_ics(restored, context) == plan_to_ics(plan, context)
    assert plan_to_csv(restored, context) == plan_to_csv(plan, context)
