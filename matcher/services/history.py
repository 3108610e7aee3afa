"""Service: the recent history of a delegation's match list, as coordinators read it."""

from sqlmodel import Session, col, select

from ..models import Delegation, MatchEvent, Organisation


def recent_history(
    *, session: Session, delegation: Delegation, limit: int = 100
) -> tuple[list[MatchEvent], dict[int, str]]:
    """The latest changes first, and the names of only the organisations they concern."""
    events = list(
        session.exec(
            select(MatchEvent)
            .where(col(MatchEvent.delegation_id) == delegation.id)
            .order_by(col(MatchEvent.id).desc())
            .limit(limit)
        )
    )
    ids = {e.organisation_id for e in events if e.organisation_id is not None}
    if not ids:
        return events, {}
    rows = session.exec(
        select(Organisation.id, Organisation.name).where(col(Organisation.id).in_(ids))
    )
    return events, {oid: name for oid, name in rows if oid is not None}
