"""Service: what an edit of a plan would change, delegation by delegation, before it is kept.

The edit is applied in the caller's session exactly as it would be when confirmed (same
service call, same re-plan), every plan of a delegation whose trip overlaps is compared with
what it was, and the caller rolls the session back: nothing of the preview is kept.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from ..models import Delegation, DelegationStatus, Itinerary
from .itinerary_edits import changes_between


@dataclass(frozen=True)
class DelegationChanges:
    """One delegation's visits that an edit moves, adds or takes off the plan."""

    delegation_id: int
    delegation: str
    changes: tuple[str, ...]


def _overlapping(session: Session, delegation: Delegation) -> list[tuple[Itinerary, Delegation]]:
    """Every planned delegation (not closed) whose trip overlaps this one's, itself included."""
    rows = session.exec(
        select(Itinerary, Delegation)
        .join(Delegation, col(Delegation.id) == Itinerary.delegation_id)
        .where(
            Delegation.arrival <= delegation.departure,
            Delegation.departure >= delegation.arrival,
            Delegation.status != DelegationStatus.closed,
        )
        .order_by(col(Delegation.arrival), col(Delegation.id))
    ).all()
    return [(itinerary, other) for itinerary, other in rows]


def preview_edit(
    *,
    session: Session,
    itinerary: Itinerary,
    delegation: Delegation,
    apply: Callable[[Session, Itinerary], None],
    not_placed: str = "not placed",
) -> list[DelegationChanges]:
    """Apply ``apply`` and list, per delegation, the visits whose time changed.

    ``not_placed`` is how a visit without a time is said, in the reader's language.

    The session holds the edit afterwards; the caller rolls it back to keep nothing.

    :raises ItineraryError: when the edit is refused, as it would be on saving.
    """
    plans = _overlapping(session, delegation)
    before = {row.id: dict(row.plan or {}) for row, _ in plans}
    apply(session, itinerary)
    session.flush()
    found = []
    for row, other in plans:
        changes = changes_between(before.get(row.id) or {}, row.plan or {}, not_placed)
        if changes and other.id is not None:
            found.append(DelegationChanges(other.id, other.name, tuple(changes)))
    return found
