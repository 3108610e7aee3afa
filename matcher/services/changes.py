"""Service: what a delegate changed after registering, and plans that no longer fit the trip."""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from ..models import Delegation, DelegationDetails, InterestDetails, MatchEvent
from .itinerary import find_itinerary, planned_matches
from .review import record_event

DELEGATE_EDIT = "delegate_edit"


def interest_snapshot(delegation: Delegation) -> dict:
    """The parts of a delegation a delegate can change, as plain values."""
    interest = delegation.interest
    return {
        "name": delegation.name,
        "country": delegation.country,
        "kind": getattr(delegation.kind, "value", delegation.kind),
        "contact_name": delegation.contact_name,
        "contact_email": delegation.contact_email,
        "contact_phone": delegation.contact_phone,
        "languages": list(delegation.languages),
        "arrival": delegation.arrival.isoformat(),
        "departure": delegation.departure.isoformat(),
        "group_size": delegation.group_size,
        "offers": interest.offers if interest else "",
        "seeks": interest.seeks if interest else "",
        "sectors": sorted(s.slug for s in interest.sectors) if interest else [],
        "preferred_cities": list(interest.preferred_cities) if interest else [],
        "preferred_kinds": list(interest.preferred_kinds) if interest else [],
    }


def proposed_snapshot(details: DelegationDetails, interest: InterestDetails) -> dict:
    """The same parts as ``interest_snapshot``, from what the form was sent with."""
    return {
        "name": details.name,
        "country": details.country,
        "kind": details.kind,
        "contact_name": details.contact_name,
        "contact_email": details.contact_email,
        "contact_phone": details.contact_phone,
        "languages": list(details.languages),
        "arrival": details.arrival.isoformat(),
        "departure": details.departure.isoformat(),
        "group_size": details.group_size,
        "offers": interest.offers,
        "seeks": interest.seeks,
        "sectors": sorted(interest.sectors),
        "preferred_cities": list(interest.preferred_cities),
        "preferred_kinds": list(interest.preferred_kinds),
    }


def record_delegate_edit(
    *, session: Session, delegation: Delegation, before: dict, after: dict
) -> MatchEvent | None:
    """Note in the history what the delegate changed (only the parts that moved), if anything."""
    moved = [key for key in after if before.get(key) != after.get(key)]
    if not moved:
        return None
    return record_event(
        session=session,
        delegation=delegation,
        user=None,
        action=DELEGATE_EDIT,
        before={key: before.get(key) for key in moved},
        after={key: after[key] for key in moved},
    )


def changed_by_delegate(*, session: Session, delegation_ids: list[int]) -> set[int]:
    """Delegations whose latest history line is an edit by the delegate, not yet acted on."""
    if not delegation_ids:
        return set()
    latest = (
        select(MatchEvent.delegation_id, func.max(MatchEvent.id).label("last"))
        .where(col(MatchEvent.delegation_id).in_(delegation_ids))
        .group_by(col(MatchEvent.delegation_id))
        .subquery()
    )
    rows = session.exec(
        select(MatchEvent.delegation_id)
        .join(latest, sa.and_(col(MatchEvent.id) == latest.c.last))
        .where(MatchEvent.action == DELEGATE_EDIT)
    ).all()
    return set(rows)


def plan_out_of_date(*, session: Session, delegation: Delegation) -> list[str]:
    """Why the published plan no longer fits the trip: "dates", "partners", or nothing."""
    itinerary = find_itinerary(session=session, delegation=delegation)
    document = itinerary.published_plan if itinerary else None
    if itinerary is None or not document:
        return []
    reasons = []
    days = [date.fromisoformat(day["date"]) for day in document.get("days", [])]
    if days and (days[0], days[-1]) != (delegation.arrival, delegation.departure):
        reasons.append("dates")
    published = {
        str(item["organisation_id"])
        for day in document.get("days", [])
        for item in day["items"]
        if item.get("type") == "visit"
    } | {str(item["organisation_id"]) for item in document.get("unplaced", [])}
    current = {
        str(m.organisation_id) for m in planned_matches(session=session, delegation=delegation)
    }
    # Visits the coordinators took out of the plan on purpose are not a change.
    current -= {str(key) for key in itinerary.removed}
    if published != current:
        reasons.append("partners")
    return reasons
