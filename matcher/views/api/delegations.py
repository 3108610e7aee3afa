"""Delegations: register (as the interest form does) and read through the private token."""

from datetime import UTC, date, datetime

from flask import current_app, request, url_for
from sqlalchemy.exc import IntegrityError

from ... import links
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
from ...services import registration
from ...services.delegations import InvalidTrip, check_trip
from ..common import delegation_by_token_or_404
from . import DELEGATIONS, bp, error
from .schemas import (
    DelegationCreate,
    DelegationCreated,
    DelegationOut,
    ErrorResponse,
    MatchOut,
    TokenPath,
)


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


@bp.post("/delegations", tags=[DELEGATIONS], responses={201: DelegationCreated, 409: ErrorResponse})
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
    key = request.headers.get("Idempotency-Key")
    if key is not None and not links.valid_idempotency_key(key):
        detail = "Idempotency-Key must be 16 to 200 printable ASCII characters."
        return error(400, "Bad Request", detail, {"Idempotency-Key": [detail]})
    session = get_session()
    asked = registration.Asked(
        details=DelegationDetails(
            **body.model_dump(exclude={"interest", "consent"}), consent_at=datetime.now(UTC)
        ),
        interest=body.interest,
        key=key,
    )
    try:
        done = registration.register_and_commit(
            session=session,
            secret=current_app.config["SECRET_KEY"],
            asked=asked,
            matches=current_app.config["MATCHES_PER_DELEGATION"],
        )
    except registration.KeyReused as exc:
        return _key_reused(exc)
    except IntegrityError:
        # The same key sent twice at once, and the other request is not committed either.
        return error(409, "Conflict", "The registration could not be completed; send it again.")
    return _created(done.delegation, done.token, reason=done.reason)


def _key_reused(exc: registration.KeyReused):
    return error(422, "Unprocessable Entity", str(exc), {"Idempotency-Key": [str(exc)]})


def _created(delegation: Delegation, token: str, *, reason: str | None):
    created = DelegationCreated(
        token=token,
        url=links.private_link("delegate.private_page", token=token),
        delegation=delegation_view(delegation),
        reason=reason,
    )
    return created, 201, {"Location": url_for("api.get_delegation", token=token)}


@bp.get("/delegations/<token>", tags=[DELEGATIONS], responses={200: DelegationOut})
def get_delegation(path: TokenPath):
    """The delegation behind a private token, with its current recommendations."""
    return delegation_view(delegation_by_token_or_404(path.token))
