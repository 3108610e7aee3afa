"""Delegations: register (as the interest form does) and read through the private token."""

from datetime import UTC, date, datetime

from flask import current_app, url_for

from ...db import get_session
from ...extensions import limiter
from ...models import (
    Delegation,
    DelegationBase,
    DelegationDetails,
    InterestBase,
    Match,
    MatchStatus,
)
from ...services import delegations, recommend
from ...services.delegations import InvalidTrip, check_trip
from ..common import delegation_by_token_or_404
from . import DELEGATIONS, bp, error
from .schemas import DelegationCreate, DelegationCreated, DelegationOut, MatchOut, TokenPath


def match_view(match: Match) -> MatchOut:
    """A match as the API shows it, with the organisation it proposes."""
    organisation = match.organisation
    return MatchOut(
        id=match.id,
        organisation_id=organisation.id,
        organisation=organisation.name,
        kind=organisation.kind.value,
        city=organisation.city,
        rank=match.rank,
        band=match.band,
        status=match.status.value,
        pinned=match.pinned,
        added_by_coordinator=match.added_by_coordinator,
        reason=match.explanation.get("reason", ""),
        revision=match.revision,
    )


def delegation_view(delegation: Delegation, *, with_rejected: bool = False) -> DelegationOut:
    """A delegation with its interest and, unless asked for, its matches not rejected."""
    interest = delegation.interest
    return DelegationOut.model_validate(
        {
            **delegation.model_dump(include=set(DelegationBase.model_fields) | {"id"}),
            "status": delegation.status.value,
            "interest": {
                **interest.model_dump(include=set(InterestBase.model_fields)),
                "sectors": [s.slug for s in interest.sectors],
            },
            "matches": [
                match_view(m)
                for m in delegation.matches
                if with_rejected or m.status != MatchStatus.rejected
            ],
        }
    )


def interest_limit() -> str:
    return current_app.config["INTEREST_RATE_LIMIT"]


@bp.post("/delegations", tags=[DELEGATIONS], responses={201: DelegationCreated})
@limiter.limit(interest_limit)
def create_delegation(body: DelegationCreate):
    """Register a delegation; its recommendations come back at once with its private token."""
    try:
        check_trip(
            arrival=body.arrival,
            departure=body.departure,
            group_size=body.group_size,
            today=date.today(),
        )
    except InvalidTrip as exc:
        return error(
            422, "Unprocessable Entity", "Some fields are not valid.", {exc.field: [str(exc)]}
        )
    session = get_session()
    delegation = delegations.register_delegation(
        session=session,
        details=DelegationDetails(
            **body.model_dump(exclude={"interest", "consent"}), consent_at=datetime.now(UTC)
        ),
        interest=body.interest,
    )
    proposal = recommend.propose_matches(
        session=session, delegation=delegation, k=current_app.config["MATCHES_PER_DELEGATION"]
    )
    session.commit()
    url = url_for("delegate.private_page", token=delegation.token, _external=True)
    created = DelegationCreated(
        token=delegation.token,
        url=url,
        delegation=delegation_view(delegation),
        reason=proposal.reason,
    )
    return created, 201, {"Location": url_for("api.get_delegation", token=delegation.token)}


@bp.get("/delegations/<token>", tags=[DELEGATIONS], responses={200: DelegationOut})
def get_delegation(path: TokenPath):
    """The delegation behind a private token, with its current recommendations."""
    return delegation_view(delegation_by_token_or_404(path.token))
