"""Matches: coordinators list a delegation's suggestions and decide on them."""

from flask import g

from ...db import get_session
from ...models import Delegation, Match
from ...services import review
from ..common import get_or_404
from . import MATCHES, error, for_coordinators
from .delegations import match_view
from .schemas import Decision, ErrorResponse, MatchList, MatchListQuery, MatchOut, MatchPath


@for_coordinators("get", "/matches", tag=MATCHES, responses={200: MatchList})
def list_matches(query: MatchListQuery):
    """A delegation's matches in rank order, rejected ones included."""
    delegation = get_or_404(Delegation, query.delegation_id, "delegation")
    return MatchList(items=[match_view(m) for m in delegation.matches])


@for_coordinators(
    "post",
    "/matches/<int:match_id>/decision",
    tag=MATCHES,
    responses={200: MatchOut, 409: ErrorResponse},
)
def decide(path: MatchPath, body: Decision):
    """Accept, reject (with a reason), pin, unpin, annotate or reset a match.

    ``revision`` is the one last read: a decision on an older revision is refused with 409.
    """
    session = get_session()
    match = get_or_404(Match, path.match_id, "match")
    try:
        decided = review.decide(
            session=session,
            match_id=match.id,
            delegation=match.delegation,
            user=g.api_user,
            action=body.action,
            revision=body.revision,
            text=body.text,
        )
    except review.Conflict as exc:
        session.rollback()
        return error(409, "Conflict", str(exc))
    except review.ReviewError as exc:
        session.rollback()
        return error(422, "Unprocessable Entity", str(exc), {"text": [str(exc)]})
    session.commit()
    return match_view(decided)
