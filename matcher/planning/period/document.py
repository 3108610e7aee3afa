"""A period's plans as the stored itinerary (Plan) and as the plan-period JSON document."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from ..model import (
    DEFAULT_DELEGATION_LANGUAGE,
    DEFAULT_HOST_LANGUAGES,
    SHANGHAI,
    DayPlan,
    Plan,
    Travel,
    Visit,
    VisitRequest,
)
from ..model import Unplaced as PlanUnplaced
from ..said import N_, City, Said
from .inputs import Host, PeriodPlan, TripPlan


def _at(day: date, minutes: int) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI) + timedelta(minutes=minutes)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def to_plan(
    plan: TripPlan,
    hosts: Mapping[str, Host],
    *,
    languages: tuple[str, ...] = (),
    host_languages: Mapping[str, tuple[str, ...]] | None = None,
    strengths: Mapping[str, tuple[float, bool]] | None = None,
) -> Plan:
    """The delegation's plan in the itinerary's stored form (exports and pages read it)."""
    trip = plan.trip
    spoken = set(languages or (DEFAULT_DELEGATION_LANGUAGE,))
    interpreter_into = languages[0] if languages else DEFAULT_DELEGATION_LANGUAGE
    host_languages = host_languages or {}
    strengths = strengths or {}

    def request(host_id: str, lock: datetime | None = None) -> VisitRequest:
        host = hosts.get(host_id)
        strength, pinned = strengths.get(host_id, (0.0, False))
        return VisitRequest(
            organisation_id=host_id,
            name=host.name if host else host_id,
            city=host.city if host else "",
            site=host.site if host else None,
            latitude=host.latitude if host else None,
            longitude=host.longitude if host else None,
            visit_minutes=host.visit_minutes if host else None,
            strength=strength,
            pinned=pinned,
            host_languages=tuple(host_languages.get(host_id, ())),
            lock=lock,
            capacity=host.capacity if host else None,
        )

    days = []
    previous = trip.arrival_city
    for day in plan.days:
        items: list[Visit | Travel] = []
        stop, last_site = 0, None
        lunch = None
        for item in day.items:
            start, end = _at(day.date, item.start), _at(day.date, item.end)
            if item.kind == "travel":
                items.append(
                    Travel(
                        item.from_city or "",
                        item.to_city or "",
                        start,
                        end,
                        item.end - item.start,
                        item.mode or "road",
                    )
                )
            elif item.kind == "lunch":
                lunch = (start, end)
            elif item.host_id is not None:
                site = hosts[item.host_id].site if item.host_id in hosts else item.host_id
                if site != last_site:
                    stop, last_site = stop + 1, site
                spoken_there = set(host_languages.get(item.host_id) or DEFAULT_HOST_LANGUAGES)
                items.append(
                    Visit(
                        request(item.host_id, start if item.locked else None),
                        start,
                        end,
                        stop,
                        None if spoken_there & spoken else interpreter_into,
                    )
                )
        end_city = day.hotel or trip.departure_city
        days.append(
            DayPlan(
                day.date,
                tuple(items),
                previous,
                end_city,
                lunch,
                day.date in trip.rest_days,
            )
        )
        previous = end_city
    notes = [*plan.notes]
    notes.extend(
        Said(N_("%(date)s: %(note)s."), date=d.date.isoformat(), note=d.note)
        for d in plan.days
        if d.note
    )
    notes.extend(
        Said(
            N_("Night of %(date)s: hotel in %(city)s."), date=d.date.isoformat(), city=City(d.hotel)
        )
        for d in plan.days
        if d.hotel
    )
    unplaced = [PlanUnplaced(request(u.host_id), u.reason) for u in plan.unplaced]
    return Plan(days, unplaced, notes, trip.arrival_city, languages)


def to_json(period: PeriodPlan) -> dict[str, Any]:
    """The plan-period document: each delegation's days, items and unplaced wishes; metrics."""
    delegations = []
    for plan in period.plans:
        days = []
        for day in plan.days:
            items = []
            for item in day.items:
                entry: dict[str, Any] = {
                    "kind": item.kind,
                    "start": _hhmm(item.start),
                    "end": _hhmm(item.end),
                }
                if item.kind == "visit":
                    entry.update(organisation_id=item.host_id, city=item.city)
                elif item.kind == "travel":
                    entry.update(mode=item.mode, from_city=item.from_city, to_city=item.to_city)
                else:
                    entry["city"] = item.city
                items.append(entry)
            days.append({"date": day.date.isoformat(), "base_city": day.hotel, "items": items})
        delegations.append(
            {
                "id": plan.trip.id,
                "name": plan.trip.name,
                "days": days,
                "unplaced": [
                    {"organisation_id": u.host_id, "reason": u.reason} for u in plan.unplaced
                ],
                "notes": list(plan.notes),
            }
        )
    shares = [period.share(plan) for plan in period.plans]
    return {
        "delegations": delegations,
        "metrics": {
            "placed_share_min": round(min(shares), 4) if shares else None,
            "placed_share_mean": round(sum(shares) / len(shares), 4) if shares else None,
            "travel_minutes": period.travel_minutes(),
            "seconds": round(period.seconds, 3),
            "solver_status": period.status,
        },
        "notes": list(period.notes),
    }
