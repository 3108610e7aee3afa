"""Service: what the coordinator's page of one delegation shows: its matches and their history."""

from sqlmodel import Session, col, select

from ..db import row_id
from ..models import Delegation, MatchEvent, MatchStatus, Organisation
from . import changes, directory_search, host_load, outcomes


def overview(*, session: Session, delegation: Delegation, find: str = "") -> dict:
    """The delegation's live and rejected matches, host loads, outcomes, history and, when
    ``find`` is given, organisations of the directory matching it; why the published plan no
    longer fits the trip, if it does not."""
    matches = [m for m in delegation.matches if m.status != MatchStatus.rejected]
    history, names = recent_history(session=session, delegation=delegation)
    found = (
        directory_search.search_organisations(session=session, text=find, per_page=10)
        if find
        else None
    )
    return {
        "matches": matches,
        "rejected": [m for m in delegation.matches if m.status == MatchStatus.rejected],
        "loads": host_load.host_loads(
            session=session,
            delegation=delegation,
            organisation_ids=[m.organisation_id for m in matches],
        ),
        "outcomes": outcomes.outcomes_by_match(
            session=session, match_ids=[row_id(m) for m in matches]
        ),
        "history": history,
        "names": names,
        "candidates": found.items if found else [],
        "listed": {m.organisation_id for m in matches},
        "out_of_date": changes.plan_out_of_date(session=session, delegation=delegation),
    }


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
