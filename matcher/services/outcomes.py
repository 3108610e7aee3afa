"""Service: what came of accepted matches."""

from datetime import date

from sqlmodel import Session, col, select

from ..db import row_id
from ..models import Match, MatchStatus, Outcome, OutcomeKind, User
from .review import ReviewError


def record_outcome(
    *, session: Session, match: Match, user: User, kind: str, happened_on: date, note: str = ""
) -> Outcome:
    """Add a follow-up to an accepted match.

    :raises ReviewError: when the match is not accepted.
    """
    if match.status != MatchStatus.accepted:
        raise ReviewError("Outcomes are recorded for accepted matches only.")
    outcome = Outcome(
        match_id=row_id(match),
        kind=OutcomeKind(kind),
        happened_on=happened_on,
        note=note.strip(),
        recorded_by_id=user.id,
    )
    session.add(outcome)
    session.flush()
    return outcome


def outcomes_by_match(*, session: Session, match_ids: list[int]) -> dict[int, list[Outcome]]:
    if not match_ids:
        return {}
    found: dict[int, list[Outcome]] = {}
    for outcome in session.exec(
        select(Outcome)
        .where(col(Outcome.match_id).in_(match_ids))
        .order_by(col(Outcome.happened_on))
    ):
        found.setdefault(outcome.match_id, []).append(outcome)
    return found
