"""JSON export: the whole plan as one document, times in ISO 8601 with their +08:00 offset."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from matcher.planning import DayPlan, Plan, Travel, Unplaced, Visit, VisitRequest
from matcher.planning.said import said_data, said_from_data

from .context import ExportContext, needs_by_day

SCHEMA_VERSION = 1


def _visit(visit: Visit, context: ExportContext) -> dict[str, Any]:
    request = visit.request
    return {
        "type": "visit",
        "organisation_id": request.organisation_id,
        "name": request.name,
        "city": request.city,
        "site": request.site,
        "address": context.address(visit) or None,
        "latitude": request.latitude,
        "longitude": request.longitude,
        "start": visit.start.isoformat(),
        "end": visit.end.isoformat(),
        "stop": visit.stop,
        "pinned": request.pinned,
        "locked": request.lock is not None,
        "strength": request.strength,
        "why": context.why_matched(visit) or None,
        "host_languages": list(request.host_languages),
        "needs_interpreter": visit.needs_interpreter,
        "interpreter_language": visit.interpreter_language,
        "moved_reason": visit.moved_reason,
        "moved_reason_said": said_data(visit.moved_reason),
    }


def _travel(leg: Travel) -> dict[str, Any]:
    return {
        "type": "travel",
        "from_city": leg.from_city,
        "to_city": leg.to_city,
        "start": leg.start.isoformat(),
        "end": leg.end.isoformat(),
        "minutes": leg.minutes,
        "mode": leg.mode,
    }


def plan_to_dict(plan: Plan, context: ExportContext) -> dict[str, Any]:
    """The plan as JSON-ready data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "delegation": context.delegation,
        "uid": context.uid_stem,
        "sequence": context.sequence,
        "base_city": plan.base_city,
        "languages": list(plan.languages),
        "days": [
            {
                "date": day.date.isoformat(),
                "rest_day": day.rest_day,
                "start_city": day.start_city,
                "end_city": day.end_city,
                "lunch": (
                    {"start": day.lunch[0].isoformat(), "end": day.lunch[1].isoformat()}
                    if day.lunch
                    else None
                ),
                "items": [
                    _visit(item, context) if isinstance(item, Visit) else _travel(item)
                    for item in day.items
                ],
            }
            for day in plan.days
        ],
        "unplaced": [
            {
                "organisation_id": item.request.organisation_id,
                "name": item.request.name,
                "city": item.request.city,
                "reason": item.reason,
                "reason_said": said_data(item.reason),
            }
            for item in plan.unplaced
        ],
        "interpreter_needs": [
            {"date": when, "language": language} for when, language in needs_by_day(plan)
        ],
        "notes": list(plan.notes),
        # The notes' message ids and values, so pages can show them in the reader's language.
        "notes_said": [said_data(note) for note in plan.notes],
    }


def plan_to_json(plan: Plan, context: ExportContext) -> bytes:
    """The plan as a UTF-8 JSON document (names kept readable, not \\u-escaped)."""
    text = json.dumps(plan_to_dict(plan, context), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def plan_from_dict(data: dict[str, Any]) -> Plan:
    """A stored plan back as a Plan, so that a published plan exports as it was published.

    Only what the exports read is restored: hours, coordinates and capacities are not part
    of the document, and a locked visit's lock is its start.
    """
    days = []
    for day in data.get("days", []):
        items: list[Visit | Travel] = []
        for item in day["items"]:
            start, end = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
            if item["type"] == "travel":
                items.append(
                    Travel(
                        item["from_city"],
                        item["to_city"],
                        start,
                        end,
                        item["minutes"],
                        item.get("mode", "road"),
                    )
                )
                continue
            request = VisitRequest(
                organisation_id=item["organisation_id"],
                name=item["name"],
                city=item["city"],
                site=item.get("site"),
                latitude=item.get("latitude"),
                longitude=item.get("longitude"),
                strength=item.get("strength", 0.0),
                pinned=item.get("pinned", False),
                host_languages=tuple(item.get("host_languages", ())),
                lock=start if item.get("locked") else None,
                visit_minutes=max(1, int((end - start).total_seconds() // 60)),
            )
            items.append(
                Visit(
                    request,
                    start,
                    end,
                    item["stop"],
                    interpreter_language=item.get("interpreter_language"),
                    moved_reason=said_from_data(
                        item.get("moved_reason_said"), item.get("moved_reason") or ""
                    )
                    or None,
                )
            )
        lunch = day.get("lunch")
        days.append(
            DayPlan(
                date=date.fromisoformat(day["date"]),
                items=tuple(items),
                start_city=day["start_city"],
                end_city=day["end_city"],
                lunch=(
                    (datetime.fromisoformat(lunch["start"]), datetime.fromisoformat(lunch["end"]))
                    if lunch
                    else None
                ),
                rest_day=day.get("rest_day", False),
            )
        )
    unplaced = [
        Unplaced(
            VisitRequest(organisation_id=u["organisation_id"], name=u["name"], city=u["city"]),
            said_from_data(u.get("reason_said"), u["reason"]),
        )
        for u in data.get("unplaced", [])
    ]
    saids = data.get("notes_said") or []
    return Plan(
        days=days,
        unplaced=unplaced,
        notes=[
            said_from_data(saids[index] if index < len(saids) else None, note)
            for index, note in enumerate(data.get("notes", []))
        ],
        base_city=data.get("base_city", "songjiang"),
        languages=tuple(data.get("languages", ())),
    )
