"""Service: delegations register their interest, edit it, and are found by their link."""

import secrets
from datetime import date

from sqlmodel import Session, col, func, select

from ..db import contains
from ..models import (
    Delegation,
    DelegationDetails,
    DelegationStatus,
    Interest,
    InterestBase,
    InterestDetails,
    Sector,
    utcnow,
)
from ..models.rules import MAX_GROUP_SIZE

# 32 random bytes: 256 bits, far beyond guessing, in 43 URL-safe characters.
TOKEN_BYTES = 32
MAX_TRIP_DAYS = 60


class InvalidTrip(ValueError):
    """Dates or group size that no visit can have; ``field`` names the culprit."""

    def __init__(self, field_name: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.code = code


def check_trip(*, arrival: date, departure: date, group_size: int, today: date) -> None:
    """The rules every way in (form, API) applies to a visit's dates and size.

    :raises InvalidTrip: naming the field at fault.
    """
    if arrival < today:
        raise InvalidTrip("arrival", "past", "The arrival date is in the past.")
    if arrival > latest_arrival(today):
        raise InvalidTrip("arrival", "too_far", "The arrival date is more than two years ahead.")
    if departure < arrival:
        raise InvalidTrip("departure", "order", "The departure date is before the arrival date.")
    if (departure - arrival).days + 1 > MAX_TRIP_DAYS:
        raise InvalidTrip(
            "departure", "too_long", f"A visit can last at most {MAX_TRIP_DAYS} days."
        )
    if not 1 <= group_size <= MAX_GROUP_SIZE:
        raise InvalidTrip(
            "group_size", "size", f"A group has between 1 and {MAX_GROUP_SIZE} people."
        )


def latest_arrival(today: date) -> date:
    """Two years from today: visits are registered for the coming trips, not for 2099."""
    try:
        return today.replace(year=today.year + 2)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 2, day=28)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def register_delegation(
    *,
    session: Session,
    details: DelegationDetails,
    interest: InterestDetails,
    submission_key: str | None = None,
) -> Delegation:
    """Add a new delegation and its interest, with a fresh private token.

    Not flushed: the row is written with its matches (``propose_matches``) or at commit, so
    that an SQLite write lock is not held while the engine ranks the directory.
    """
    delegation = Delegation(
        token=new_token(), submission_key=submission_key or None, **_own_values(details)
    )
    # The relationship sets delegation_id when the rows are written.
    delegation.interest = Interest()  # type: ignore[call-arg]
    _apply_interest(session, delegation.interest, interest)
    session.add(delegation)
    return delegation


def update_delegation(
    *,
    session: Session,
    delegation: Delegation,
    details: DelegationDetails,
    interest: InterestDetails,
) -> Delegation:
    """Replace what the delegate may edit; the token and coordinators' work stay (not flushed)."""
    for name, value in _own_values(details).items():
        setattr(delegation, name, value)
    delegation.updated_at = utcnow()
    _apply_interest(session, delegation.interest, interest)
    return delegation


def _own_values(details: DelegationDetails) -> dict:
    """The delegation's own fields as the table stores them."""
    values = {name: getattr(details, name) for name in DelegationDetails.model_fields}
    values.update(
        contact_email=str(details.contact_email),
        languages=list(details.languages),
    )
    return values


def _apply_interest(session: Session, interest: Interest, details: InterestDetails) -> None:
    for name in InterestBase.model_fields:
        value = getattr(details, name)
        # A fresh list, so that the JSON column notices the change.
        setattr(interest, name, list(value) if isinstance(value, list) else value)
    wanted = list(details.sectors)
    sectors = (
        session.exec(select(Sector).where(col(Sector.slug).in_(wanted))).all() if wanted else []
    )
    interest.sectors = sorted(sectors, key=lambda s: wanted.index(s.slug))
    interest.updated_at = utcnow()


def delegation_by_submission(*, session: Session, key: str) -> Delegation | None:
    """The delegation an interest form with this one-time key created, or None."""
    if not key or len(key) > 64:
        return None
    return session.exec(select(Delegation).where(Delegation.submission_key == key)).first()


def delegation_by_token(*, session: Session, token: str) -> Delegation | None:
    """The delegation a private link belongs to, or None."""
    if not token or len(token) > 64:
        return None
    return session.exec(select(Delegation).where(col(Delegation.token) == token)).first()


def queue(
    *, session: Session, status: str = "", country: str = "", text: str = "", limit: int = 200
) -> list[Delegation]:
    """Delegations for the coordinators' queue: soonest arrival first, filtered."""
    query = select(Delegation)
    if status:
        query = query.where(col(Delegation.status) == DelegationStatus(status))
    if country:
        query = query.where(col(Delegation.country) == country.upper())
    for word in text.split()[:5]:
        query = query.where(col(Delegation.name).ilike(contains(word), escape="\\"))
    return list(
        session.exec(query.order_by(col(Delegation.arrival), col(Delegation.id)).limit(limit))
    )


def status_counts(*, session: Session) -> dict[str, int]:
    rows = session.exec(
        select(Delegation.status, func.count()).group_by(col(Delegation.status))
    ).all()
    return {str(status): count for status, count in rows}
