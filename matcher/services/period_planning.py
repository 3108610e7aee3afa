"""Service: plan every delegation of a period together and store each plan as its draft.

The planning is pure (``matcher.planning.period``); this module reads its inputs from the
database (accepted and pinned matches, locks, removed visits, rest days, what was published),
stores the drafts and the booked visits, and moves a delegation's status only through the
workflow's own transition function.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlmodel import Session, col, delete, select

from ..db import row_id
from ..exports import plan_to_dict
from ..models import (
    Delegation,
    DelegationStatus,
    Itinerary,
    Organisation,
    ScheduledVisit,
    User,
    utcnow,
)
from ..planning.calendar import HoursError, parse_opening_hours
from ..planning.model import SHANGHAI
from ..planning.period import Host, PeriodPlan, Trip, Wish, plan_period
from ..planning.period.document import to_json, to_plan
from ..planning.transport import Transport
from ..reference import travel
from . import itinerary as itineraries
from . import review
from .itinerary_context import export_context

DEFAULT_TIME_LIMIT = 15.0
# One delegation planned from its page: enough for the solver, short for a person waiting.
SINGLE_TIME_LIMIT = 1.0


def transport() -> Transport:
    """The shipped travel table (data/travel.json)."""
    return travel.load()


def site_of(organisation: Organisation) -> str:
    """The outermost park an organisation lies in (following parents), itself if none."""
    seen: set[int] = set()
    root = organisation
    while root.parent is not None and root.parent.id not in seen:
        seen.add(root.id)  # type: ignore[arg-type]
        root = root.parent
    return f"site-{root.id}"


def host_of(organisation: Organisation) -> tuple[Host, str | None]:
    """The organisation as a host, and a note when its stored hours cannot be read."""
    hours, note = None, None
    if organisation.visiting_hours.strip():
        try:
            hours = parse_opening_hours(organisation.visiting_hours)
        except HoursError as error:
            note = f"{organisation.name}: visiting hours not understood ({error})"
    host = Host(
        id=str(organisation.id),
        name=organisation.name,
        city=organisation.city,
        site=site_of(organisation),
        hours=hours,
        capacity=organisation.capacity,
        visit_minutes=organisation.visit_minutes or 60,
        latitude=organisation.latitude,
        longitude=organisation.longitude,
    )
    return host, note


def _clock(value: Any, default: time) -> time:
    return time.fromisoformat(value) if value else default


def trip_of(delegation: Delegation, itinerary: Itinerary, wishes: tuple[Wish, ...]) -> Trip:
    """The delegation's stay as the planner reads it, from the itinerary's settings."""
    chosen = {**itineraries.DEFAULT_SETTINGS, **itinerary.settings}
    base = chosen["base_city"]
    # What hosts were told (the published plan) and else the current draft: a re-plan moves
    # as little of either as it can.
    published: dict[str, date] = {}
    starts: dict[str, int] = {}
    for document in (itinerary.plan or {}, itinerary.published_plan or {}):
        for day in document.get("days", []):
            for item in day.get("items", []):
                if item.get("type") == "visit":
                    host = item["organisation_id"]
                    published[host] = date.fromisoformat(day["date"])
                    start = datetime.fromisoformat(item["start"]).astimezone(SHANGHAI)
                    starts[host] = start.hour * 60 + start.minute
    return Trip(
        id=str(delegation.id),
        name=delegation.name,
        arrival=delegation.arrival,
        departure=delegation.departure,
        wishes=wishes,
        arrival_time=_clock(chosen.get("arrival_time"), time(9, 0)),
        departure_time=_clock(chosen.get("departure_time"), time(18, 0)),
        arrival_city=chosen.get("arrival_city") or base,
        departure_city=chosen.get("departure_city") or base,
        rest_days=frozenset(date.fromisoformat(d) for d in chosen["rest_days"]),
        day_start=time.fromisoformat(chosen["day_start"]),
        day_end=time.fromisoformat(chosen["day_end"]),
        max_stops=int(chosen["max_visits"]),
        published=published,
        published_starts=starts,
    )


@dataclass(frozen=True)
class PeriodResult:
    """The solve and the document plan-period prints."""

    period: PeriodPlan
    document: dict[str, Any]
    unchanged: list[str]


def plan_delegations(
    *,
    session: Session,
    delegations: list[Delegation],
    time_limit: float = DEFAULT_TIME_LIMIT,
    user: User | None = None,
    local: bool = False,
) -> PeriodResult:
    """Plan these delegations together, store each draft, and report what happened;
    ``local``: after an edit, every other visit stays on its day where it can."""
    hosts: dict[str, Host] = {}
    trips: list[Trip] = []
    notes: dict[str, list[str]] = {}
    extras: dict[str, tuple[dict, dict, Itinerary, Delegation]] = {}
    for delegation in delegations:
        itinerary = itineraries.itinerary_for(session=session, delegation=delegation)
        matches = [
            m
            for m in itineraries.planned_matches(session=session, delegation=delegation)
            if str(m.organisation_id) not in itinerary.removed
        ]
        wishes = []
        for match in matches:
            host, note = host_of(match.organisation)
            hosts[host.id] = host
            if note:
                notes.setdefault(str(delegation.id), []).append(note)
            lock = itinerary.locks.get(host.id)
            moment = datetime.fromisoformat(lock).astimezone(SHANGHAI) if lock else None
            wishes.append(
                Wish(
                    host.id,
                    match.score,
                    match.pinned,
                    moment.replace(tzinfo=None) if moment else None,
                )
            )
        trips.append(trip_of(delegation, itinerary, tuple(wishes)))
        extras[str(delegation.id)] = (
            {str(m.organisation_id): (m.score, m.pinned) for m in matches},
            {str(m.organisation_id): tuple(m.organisation.languages) for m in matches},
            itinerary,
            delegation,
        )
    booked = _booked_elsewhere(session, [e[2].id for e in extras.values()], trips)
    period = plan_period(
        trips, hosts, transport(), time_limit=time_limit, booked=booked, local=local
    )
    unchanged: list[str] = []
    for trip_plan in period.plans:
        strengths, languages, itinerary, delegation = extras[trip_plan.trip.id]
        plan = to_plan(
            trip_plan,
            hosts,
            languages=tuple(delegation.languages),
            host_languages=languages,
            strengths=strengths,
        )
        plan.notes[:0] = notes.get(trip_plan.trip.id, [])
        _store(session, itinerary, delegation, plan)
        if not trip_plan.trip.wishes:
            unchanged.append(
                f"{delegation.name}: no accepted or pinned partner to plan; status unchanged."
            )
        elif delegation.status in (DelegationStatus.new, DelegationStatus.in_review):
            if delegation.status == DelegationStatus.new:
                review.start_review(session=session, delegation=delegation, user=user)
            review.change_status(
                session=session,
                delegation=delegation,
                status=DelegationStatus.itinerary_drafted,
                user=user,
            )
    session.flush()
    return PeriodResult(period, to_json(period), unchanged)


def _store(session: Session, itinerary: Itinerary, delegation: Delegation, plan) -> None:
    """Keep the plan as the draft and its visits as bookings other plans respect."""
    context = export_context(itinerary, delegation)
    itinerary.plan = plan_to_dict(plan, context)
    itinerary.planned_at = utcnow()
    session.exec(delete(ScheduledVisit).where(col(ScheduledVisit.itinerary_id) == itinerary.id))
    for visit in plan.visits:
        session.add(
            ScheduledVisit(
                itinerary_id=row_id(itinerary),
                organisation_id=int(visit.request.organisation_id),
                start=visit.start.astimezone(UTC),
                end=visit.end.astimezone(UTC),
            )
        )


def _booked_elsewhere(
    session: Session, itinerary_ids: list[int | None], trips: list[Trip]
) -> dict[tuple[str, date], list[tuple[int, int]]]:
    """Visits hosts give over the solve's dates in plans outside it, as minutes per date."""
    if not trips:
        return {}
    first = datetime.combine(min(t.arrival for t in trips), time.min, SHANGHAI)
    last = datetime.combine(max(t.departure for t in trips), time.max, SHANGHAI)
    rows = session.exec(
        select(ScheduledVisit)
        .join(Itinerary, col(Itinerary.id) == ScheduledVisit.itinerary_id)
        .join(Delegation, col(Delegation.id) == Itinerary.delegation_id)
        .where(
            col(ScheduledVisit.itinerary_id).not_in([i for i in itinerary_ids if i is not None]),
            ScheduledVisit.start <= last.astimezone(UTC),
            ScheduledVisit.end >= first.astimezone(UTC),
            Delegation.status != DelegationStatus.closed,
        )
    ).all()
    booked: dict[tuple[str, date], list[tuple[int, int]]] = {}
    for row in rows:
        start, end = (
            (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(SHANGHAI)
            for moment in (row.start, row.end)
        )
        span = (start.hour * 60 + start.minute, end.hour * 60 + end.minute)
        booked.setdefault((str(row.organisation_id), start.date()), []).append(span)
    return booked


def delegations_in(*, session: Session, start: date, end: date) -> list[Delegation]:
    """Delegations (not closed) whose visit overlaps the period, in arrival order."""
    return list(
        session.exec(
            select(Delegation)
            .where(
                Delegation.arrival <= end,
                Delegation.departure >= start,
                Delegation.status != DelegationStatus.closed,
            )
            .order_by(col(Delegation.arrival), col(Delegation.id))
        ).all()
    )


def plan_period_visits(
    *, session: Session, start: date, end: date, time_limit: float = DEFAULT_TIME_LIMIT
) -> PeriodResult:
    """Plan every delegation whose visit overlaps the period from start to end."""
    found = delegations_in(session=session, start=start, end=end)
    return plan_delegations(session=session, delegations=found, time_limit=time_limit)
