"""Service: coordinators decide on matches; every change is checked and recorded.

Two coordinators may open the same delegation at once. Each decision names the revision of
the match it was made on; a decision on an older revision is refused as a conflict instead of
silently overwriting the other coordinator's work.
"""

from typing import Any

import sqlalchemy as sa
from sqlalchemy import CursorResult
from sqlmodel import Session, col, select

from ..db import row_id
from ..models import (
    SHORT_TEXT_MAX,
    Delegation,
    DelegationStatus,
    Match,
    MatchEvent,
    MatchStatus,
    Organisation,
    User,
    utcnow,
)
from ..models.rules import MAX_ID
from . import recommend
from .locking import locked_delegation

ACTIONS = ("accept", "reject", "pin", "unpin", "note", "reset")
# Which status a delegation may move to from each status.
TRANSITIONS = {
    DelegationStatus.new: {DelegationStatus.in_review, DelegationStatus.closed},
    DelegationStatus.in_review: {DelegationStatus.itinerary_drafted, DelegationStatus.closed},
    DelegationStatus.itinerary_drafted: {
        DelegationStatus.in_review,
        DelegationStatus.confirmed,
        DelegationStatus.closed,
    },
    DelegationStatus.confirmed: {DelegationStatus.itinerary_drafted, DelegationStatus.closed},
    DelegationStatus.closed: {DelegationStatus.in_review},
}


class ReviewError(ValueError):
    """A decision that cannot be applied; the message says why.

    ``message`` is the sentence with ``%(name)s`` placeholders and ``values`` fill them, so
    that the views can say it in the reader's language.
    """

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message % values if values else message)
        self.message = message
        self.values = values


class MatchGone(ReviewError):
    """The match decided on no longer exists (a re-run replaced it)."""


class Conflict(ReviewError):
    """Someone else changed the match since the page was loaded."""

    def __init__(self, match: Match, last: MatchEvent | None) -> None:
        who = last.user.email if last and last.user else "another coordinator"
        super().__init__(
            f"{who} changed this match while you were looking at it. "
            "The page now shows their version; decide again if you still wish to."
        )
        self.match = match


def snapshot(match: Match) -> dict:
    return {
        "status": match.status.value,
        "pinned": match.pinned,
        "note": match.note,
        "reject_reason": match.reject_reason,
    }


def record_event(
    *,
    session: Session,
    delegation: Delegation,
    user: User | None,
    action: str,
    match: Match | None = None,
    organisation_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> MatchEvent:
    event = MatchEvent(
        delegation_id=row_id(delegation),
        match_id=match.id if match else None,
        organisation_id=organisation_id or (match.organisation_id if match else None),
        user_id=user.id if user else None,
        action=action,
        before=before or {},
        after=after or {},
    )
    session.add(event)
    return event


def decide(
    *,
    session: Session,
    match_id: int,
    delegation: Delegation,
    user: User,
    action: str,
    revision: int,
    text: str = "",
) -> Match:
    """Apply one decision (accept, reject, pin, unpin, note, reset) to a match.

    :raises MatchGone: when the match no longer exists.
    :raises Conflict: when the match changed since ``revision``.
    :raises ReviewError: for an unknown action or a rejection without a reason.
    """
    if action not in ACTIONS:
        raise ReviewError(f"Unknown decision {action!r}.")
    if action == "reject" and not text.strip():
        raise ReviewError("Say why the match is rejected.")
    if action == "reject" and len(text.strip()) > SHORT_TEXT_MAX:
        limit = "A rejection reason has at most %(count)s characters."
        raise ReviewError(limit, count=SHORT_TEXT_MAX)
    locked_delegation(session=session, delegation=delegation)
    match = session.get(Match, match_id, populate_existing=True) if match_id <= MAX_ID else None
    if match is None or match.delegation_id != delegation.id:
        raise MatchGone("That suggestion no longer exists: a re-run replaced it. Nothing changed.")
    # The guarded update is the real check: of two concurrent decisions only one matches.
    # The new revision is computed by the database, so no revision sent can overflow it.
    claimed: CursorResult = session.execute(  # type: ignore[assignment]
        sa.update(Match)
        .where(col(Match.id) == match.id, col(Match.revision) == revision)
        .values(revision=col(Match.revision) + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        session.refresh(match)
        raise Conflict(match, last_event(session=session, match=match))
    before = snapshot(match)
    match.revision = revision + 1
    _apply(match, action, text.strip())
    match.updated_at = utcnow()
    return _recorded(session, delegation, user, action, match, before)


def _recorded(
    session: Session, delegation: Delegation, user: User, action: str, match: Match, before: dict
) -> Match:
    """The change to a match goes into the history; the delegation is now in review."""
    change: dict[str, Any] = {
        "action": action,
        "match": match,
        "before": before,
        "after": snapshot(match),
    }
    record_event(session=session, delegation=delegation, user=user, **change)
    start_review(session=session, delegation=delegation, user=user)
    session.flush()
    return match


def _apply(match: Match, action: str, text: str) -> None:
    if action == "accept":
        match.status, match.reject_reason = MatchStatus.accepted, ""
    elif action == "reject":
        match.status, match.reject_reason, match.pinned = MatchStatus.rejected, text, False
    elif action == "reset":
        match.status, match.reject_reason = MatchStatus.suggested, ""
    elif action in ("pin", "unpin"):
        match.pinned = action == "pin"
    elif action == "note":
        match.note = text


def last_event(*, session: Session, match: Match) -> MatchEvent | None:
    return session.exec(
        select(MatchEvent)
        .where(col(MatchEvent.match_id) == match.id)
        .order_by(col(MatchEvent.id).desc())
    ).first()


def add_partner(
    *, session: Session, delegation: Delegation, organisation: Organisation, user: User
) -> Match:
    """A coordinator adds an organisation the engine did not propose; it counts as accepted."""
    if organisation.archived:
        raise ReviewError("%(name)s is archived.", name=organisation.name)
    locked_delegation(session=session, delegation=delegation)
    existing = session.exec(
        select(Match).where(
            col(Match.delegation_id) == delegation.id, col(Match.organisation_id) == organisation.id
        )
    ).first()
    if existing is not None and existing.status != MatchStatus.rejected:
        raise ReviewError("%(name)s is already on the list.", name=organisation.name)
    match = existing or Match(
        delegation_id=row_id(delegation), organisation_id=row_id(organisation)
    )
    before = snapshot(match) if existing else {}
    match.status, match.added_by_coordinator, match.reject_reason = MatchStatus.accepted, True, ""
    match.revision = (match.revision or 0) + 1
    match.explanation = match.explanation or {}
    match.updated_at = utcnow()
    session.add(match)
    session.flush()
    return _recorded(session, delegation, user, "add", match, before)


def rerun(*, session: Session, delegation: Delegation, user: User, k: int = 10):
    """Run matching again; decisions stay (see ``recommend.propose_matches``)."""
    locked_delegation(session=session, delegation=delegation)
    before = {"suggested": _suggested_ids(delegation)}
    proposal = recommend.propose_matches(session=session, delegation=delegation, k=k)
    record_event(
        session=session,
        delegation=delegation,
        user=user,
        action="rerun",
        before=before,
        after={"suggested": _suggested_ids(delegation)},
    )
    start_review(session=session, delegation=delegation, user=user)
    session.flush()
    return proposal


def _suggested_ids(delegation: Delegation) -> list[int]:
    return sorted(
        m.organisation_id for m in delegation.matches if m.status == MatchStatus.suggested
    )


def start_review(*, session: Session, delegation: Delegation, user: User | None) -> None:
    """The first coordinator action moves a new delegation into review."""
    if delegation.status == DelegationStatus.new:
        _move(session=session, delegation=delegation, status=DelegationStatus.in_review, user=user)


def change_status(
    *, session: Session, delegation: Delegation, status: DelegationStatus, user: User | None
) -> None:
    """Move a delegation along its life: new, in review, itinerary drafted, confirmed, closed.

    :raises ReviewError: for a move the workflow does not allow.
    """
    locked_delegation(session=session, delegation=delegation)
    _move(session=session, delegation=delegation, status=status, user=user)


def _move(
    *, session: Session, delegation: Delegation, status: DelegationStatus, user: User | None
) -> None:
    """Change the status of a delegation whose lock is held."""
    if status == delegation.status:
        return
    if status not in TRANSITIONS[delegation.status]:
        raise ReviewError(
            "A delegation cannot go from %(before)s to %(after)s.",
            before=delegation.status.value,
            after=status.value,
        )
    record_event(
        session=session,
        delegation=delegation,
        user=user,
        action="status",
        before={"status": delegation.status.value},
        after={"status": status.value},
    )
    delegation.status = status
    delegation.updated_at = utcnow()
