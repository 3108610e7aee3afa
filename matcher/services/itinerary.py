"""Service: a delegation's accepted matches become a visit plan; coordinators edit and publish.

The planning itself is pure (``matcher.planning.period``, driven by ``period_planning``); this
module keeps the itinerary's settings and coordinator edits, and publishes and exports plans.
"""

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from ..db import related, row_id
from ..exports import FORMATS, plan_from_dict
from ..exports.ics import CALENDAR_RECORD, cancelled_records, with_calendar_record
from ..models import (
    Delegation,
    DelegationStatus,
    Itinerary,
    Match,
    MatchStatus,
    Organisation,
    ScheduledVisit,
    User,
    utcnow,
)
from ..planning import (
    SHANGHAI,
    Plan,
    PlanSettings,
    VisitRequest,
    parse_hours,
)
from .itinerary_context import export_context
from .review import record_event

DEFAULT_SETTINGS = {
    "day_start": "09:00",
    "day_end": "18:00",
    "lunch_start": "12:00",
    "lunch_end": "13:30",
    "max_visits": 4,
    "base_city": "songjiang",
    "rest_days": [],
    # First and last day: when and where the delegation lands and leaves ("": the hotel city).
    "arrival_time": "09:00",
    "arrival_city": "",
    "departure_time": "18:00",
    "departure_city": "",
}


class ItineraryError(ValueError):
    """An edit that cannot be applied; the message says why (``said``: the planner's own
    sentence as message id and values, for the reader's language)."""

    def __init__(self, message: str, said: dict | None = None) -> None:
        super().__init__(message)
        self.said = said


def find_itinerary(*, session: Session, delegation: Delegation) -> Itinerary | None:
    """The delegation's itinerary, if one was ever planned."""
    return session.exec(
        select(Itinerary).where(col(Itinerary.delegation_id) == delegation.id)
    ).first()


def itinerary_for(*, session: Session, delegation: Delegation) -> Itinerary:
    """The delegation's itinerary, created empty on first use."""
    itinerary = find_itinerary(session=session, delegation=delegation)
    if itinerary is None:
        itinerary = Itinerary(delegation_id=row_id(delegation), settings=dict(DEFAULT_SETTINGS))
        session.add(itinerary)
        session.flush()
    return itinerary


def plan_settings(itinerary: Itinerary, delegation: Delegation) -> PlanSettings:
    """The planner's settings: the trip's dates and languages, the itinerary's day rhythm.

    :raises ValueError: when the settings cannot describe a day (e.g. it ends before it starts).
    """
    chosen = {**DEFAULT_SETTINGS, **itinerary.settings}
    return PlanSettings(
        arrival=delegation.arrival,
        departure=delegation.departure,
        base_city=chosen["base_city"],
        day_start=time.fromisoformat(chosen["day_start"]),
        day_end=time.fromisoformat(chosen["day_end"]),
        lunch_window=(
            time.fromisoformat(chosen["lunch_start"]),
            time.fromisoformat(chosen["lunch_end"]),
        ),
        max_visits_per_day=int(chosen["max_visits"]),
        rest_days=frozenset(date.fromisoformat(d) for d in chosen["rest_days"]),
        languages=tuple(delegation.languages),
    )


def planned_matches(*, session: Session, delegation: Delegation) -> list[Match]:
    """Accepted and pinned matches: what the plan is made of."""
    return list(
        session.exec(
            select(Match)
            .where(
                col(Match.delegation_id) == delegation.id,
                sa.or_(col(Match.status) == MatchStatus.accepted, col(Match.pinned) == sa.true()),
                col(Match.status) != MatchStatus.rejected,
            )
            .options(
                selectinload(related(Match.organisation)).selectinload(related(Organisation.parent))
            )
            .order_by(col(Match.rank))
        ).all()
    )


def visit_request(match: Match, lock: str | None) -> VisitRequest:
    """One organisation as the planner sees it; tenants of one park share a site."""
    organisation = match.organisation
    site = None
    if organisation.parent_id is not None:
        site = f"park-{organisation.parent_id}"
    elif organisation.address:
        site = "address-" + " ".join(organisation.address.casefold().split())
    return VisitRequest(
        organisation_id=str(organisation.id),
        name=organisation.name,
        city=organisation.city,
        site=site,
        latitude=organisation.latitude,
        longitude=organisation.longitude,
        hours=parse_hours(organisation.visiting_hours),
        visit_minutes=organisation.visit_minutes,
        strength=match.score,
        pinned=match.pinned,
        host_languages=tuple(organisation.languages),
        lock=datetime.fromisoformat(lock) if lock else None,
        capacity=organisation.capacity,
    )


def other_bookings(
    *, session: Session, itinerary: Itinerary, organisation_ids: list[int], settings: PlanSettings
) -> dict[str, list[tuple[datetime, datetime]]]:
    """Visits other delegations' plans already hold at these organisations during the trip."""
    if not organisation_ids:
        return {}
    first = datetime.combine(settings.arrival, time.min, SHANGHAI).astimezone(UTC)
    last = datetime.combine(settings.departure, time.max, SHANGHAI).astimezone(UTC)
    rows = session.exec(
        select(ScheduledVisit)
        .join(Itinerary, col(Itinerary.id) == ScheduledVisit.itinerary_id)
        .join(Delegation, col(Delegation.id) == Itinerary.delegation_id)
        .where(
            col(ScheduledVisit.itinerary_id) != itinerary.id,
            col(ScheduledVisit.organisation_id).in_(organisation_ids),
            col(ScheduledVisit.start) <= last,
            col(ScheduledVisit.end) >= first,
            col(Delegation.status) != DelegationStatus.closed,
        )
    ).all()
    bookings: dict[str, list[tuple[datetime, datetime]]] = {}
    for row in rows:
        bookings.setdefault(str(row.organisation_id), []).append(
            (_aware(row.start), _aware(row.end))
        )
    return bookings


def _aware(moment: datetime) -> datetime:
    # Visits are stored in UTC; SQLite hands them back without their zone.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def plan_visits(
    *, session: Session, delegation: Delegation, user: User | None = None, local: bool = False
) -> Itinerary:
    """Plan (or re-plan) the delegation's visits around the other plans and store the draft;
    a status it moves to is recorded as ``user``'s doing (None: the system's). ``local``: the
    re-plan after an edit of one visit, which leaves the others on their days where it can."""
    # The period planner builds on this module's helpers, hence the import here.
    from .period_planning import SINGLE_TIME_LIMIT, plan_delegations

    plan_delegations(
        session=session,
        delegations=[delegation],
        time_limit=SINGLE_TIME_LIMIT,
        user=user,
        local=local,
    )
    return itinerary_for(session=session, delegation=delegation)


def has_requests(itinerary: Itinerary) -> bool:
    """Whether the stored plan had any partner to place (placed or not)."""
    plan = itinerary.plan or {}
    placed = any(i["type"] == "visit" for day in plan.get("days", []) for i in day["items"])
    return placed or bool(plan.get("unplaced"))


@dataclass(frozen=True)
class StoredPlan:
    plan: Plan
    document: dict
    published: bool = False  # what the delegate was given, rather than the coordinators' draft


def draft(itinerary: Itinerary) -> StoredPlan | None:
    if not itinerary.plan:
        return None
    return StoredPlan(plan_from_dict(itinerary.plan), itinerary.plan)


def published(itinerary: Itinerary | None) -> StoredPlan | None:
    if itinerary is None or not itinerary.published_plan:
        return None
    # The calendar's record of past entries stays out of what is shown and sent.
    document = {k: v for k, v in itinerary.published_plan.items() if k != CALENDAR_RECORD}
    return StoredPlan(plan_from_dict(document), document, True)


def publish(*, session: Session, itinerary: Itinerary, user: User | None = None) -> Itinerary:
    """Show the current draft to the delegate; calendars re-imported later update, not duplicate.

    The delegation's history records who published which version (``user`` None: a command).

    :raises ItineraryError: when there is no plan to publish.
    """
    if not itinerary.plan or not any(day["items"] for day in itinerary.plan["days"]):
        raise ItineraryError("There is no visit to publish yet: plan the itinerary first.")
    itinerary.sequence += 1
    itinerary.published_at = utcnow()
    # Every calendar entry ever published is kept, so later files can cancel what was dropped.
    delegation = session.get_one(Delegation, itinerary.delegation_id)
    context = export_context(itinerary, delegation)
    document = {**itinerary.plan, "sequence": itinerary.sequence}
    itinerary.published_plan = with_calendar_record(document, itinerary.published_plan, context)
    record_event(
        session=session,
        delegation=delegation,
        user=user,
        action="publish",
        before={"version": itinerary.sequence - 1} if itinerary.sequence > 1 else {},
        after={"version": itinerary.sequence},
    )
    session.flush()
    return itinerary


def itinerary_file(
    *,
    itinerary: Itinerary,
    delegation: Delegation,
    stored: StoredPlan,
    file_format: str,
    language: str | None = None,
    machine_headers: bool = False,
) -> tuple[bytes, str, str]:
    """(content, media type, file name) of one export of a stored plan, in ``language`` (by
    default the delegation's); ``machine_headers``: spreadsheet columns named for programs.

    :raises KeyError: for an unknown format.
    """
    if file_format == "pdf":  # the dossier: coordinators' copy of a draft, delegate's if published
        from .dossier import dossier_file

        return dossier_file(
            itinerary=itinerary, delegation=delegation, stored=stored, language=language
        )
    write, media_type, extension = FORMATS[file_format]
    context = export_context(itinerary, delegation, language=language)
    context = replace(
        context,
        sequence=stored.document.get("sequence", itinerary.sequence),
        cancelled=cancelled_records(itinerary.published_plan, stored.plan, context.uid_stem),
        machine_headers=machine_headers,
    )
    slug = re.sub(r"[^a-z0-9]+", "-", delegation.name.casefold()).strip("-")[:40] or "delegation"
    version = f"v{stored.document['sequence']}" if stored.published else "draft"
    name = f"g60-visit-{slug}-{version}.{extension}"
    return write(stored.plan, context), media_type, name
