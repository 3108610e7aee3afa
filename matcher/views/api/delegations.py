"""Delegations: register (as the interest form does) and read through the private token."""

from datetime import UTC, date, datetime

from flask import current_app, url_for

from ... import i18n
from ...db import get_session
from ...extensions import limiter
from ...models import Delegation, Match, MatchStatus
from ...reference import cities, sectors
from ...services import delegations, recommend
from ...services.delegations import DelegationDetails, InterestDetails, InvalidTrip, check_trip
from . import DELEGATIONS, bp, error, not_found
from .schemas import DelegationCreate, DelegationCreated, DelegationOut, TokenPath


def match_view(match: Match) -> dict:
    organisation = match.organisation
    return {
        "id": match.id,
        "organisation_id": organisation.id,
        "organisation": organisation.name,
        "kind": organisation.kind.value,
        "city": organisation.city,
        "rank": match.rank,
        "band": match.band,
        "status": match.status.value,
        "pinned": match.pinned,
        "added_by_coordinator": match.added_by_coordinator,
        "reason": match.explanation.get("reason", ""),
        "revision": match.revision,
    }


def delegation_view(delegation: Delegation, *, with_rejected: bool = False) -> dict:
    interest = delegation.interest
    return {
        "id": delegation.id,
        "name": delegation.name,
        "country": delegation.country,
        "kind": delegation.kind.value,
        "contact_name": delegation.contact_name,
        "contact_email": delegation.contact_email,
        "contact_phone": delegation.contact_phone,
        "languages": list(delegation.languages),
        "locale": delegation.locale,
        "arrival": delegation.arrival.isoformat(),
        "departure": delegation.departure.isoformat(),
        "group_size": delegation.group_size,
        "status": delegation.status.value,
        "interest": {
            "offers": interest.offers,
            "seeks": interest.seeks,
            "sectors": [s.slug for s in interest.sectors],
            "preferred_cities": list(interest.preferred_cities),
            "preferred_kinds": list(interest.preferred_kinds),
        },
        "matches": [
            match_view(m)
            for m in delegation.matches
            if with_rejected or m.status != MatchStatus.rejected
        ],
    }


def _field_errors(body: DelegationCreate) -> dict[str, list[str]]:
    """The interest form's rules that a schema alone cannot state."""
    problems: dict[str, list[str]] = {}
    countries = {code for code, _ in i18n.country_choices("en")}
    if body.country.upper() not in countries:
        problems["country"] = ["unknown country code"]
    try:
        check_trip(
            arrival=body.arrival,
            departure=body.departure,
            group_size=body.group_size,
            today=date.today(),
        )
    except InvalidTrip as exc:
        problems[exc.field] = [str(exc)]
    known_sectors = set(sectors.slugs())
    unknown = [s for s in body.interest.sectors if s not in known_sectors]
    if unknown:
        problems["interest.sectors"] = [f"unknown sector {unknown[0]!r}"]
    known_cities = set(cities.slugs())
    if any(c not in known_cities for c in body.interest.preferred_cities):
        problems["interest.preferred_cities"] = ["unknown city"]
    if any(code not in i18n.SPOKEN_LANGUAGES for code in body.languages):
        problems["languages"] = ["unknown language code"]
    interest = body.interest
    if not interest.offers.strip() and not interest.seeks.strip() and not interest.sectors:
        problems["interest.seeks"] = ["say what you seek or offer, or choose a sector"]
    return problems


def interest_limit() -> str:
    return current_app.config["INTEREST_RATE_LIMIT"]


@bp.post("/delegations", tags=[DELEGATIONS], responses={201: DelegationCreated})
@limiter.limit(interest_limit)
def create_delegation(body: DelegationCreate):
    """Register a delegation; its recommendations come back at once with its private token."""
    problems = _field_errors(body)
    if problems:
        return error(422, "Unprocessable Entity", "Some fields are not valid.", problems)
    session = get_session()
    delegation = delegations.register_delegation(
        session=session,
        details=DelegationDetails(
            name=body.name,
            country=body.country.upper(),
            kind=body.kind,
            contact_name=body.contact_name,
            contact_email=str(body.contact_email),
            contact_phone=body.contact_phone.strip(),
            languages=list(dict.fromkeys(body.languages)),
            locale=body.locale,
            arrival=body.arrival,
            departure=body.departure,
            group_size=body.group_size,
            consent_at=datetime.now(UTC),
        ),
        interest=InterestDetails(
            offers=body.interest.offers.strip(),
            seeks=body.interest.seeks.strip(),
            sectors=list(dict.fromkeys(body.interest.sectors)),
            preferred_cities=list(dict.fromkeys(body.interest.preferred_cities)),
            preferred_kinds=list(dict.fromkeys(body.interest.preferred_kinds)),
        ),
    )
    proposal = recommend.propose_matches(
        session=session, delegation=delegation, k=current_app.config["MATCHES_PER_DELEGATION"]
    )
    session.commit()
    url = url_for("delegate.private_page", token=delegation.token, _external=True)
    created = {
        "token": delegation.token,
        "url": url,
        "delegation": delegation_view(delegation),
        "reason": proposal.reason,
    }
    return created, 201, {"Location": url_for("api.get_delegation", token=delegation.token)}


@bp.get("/delegations/<token>", tags=[DELEGATIONS], responses={200: DelegationOut})
def get_delegation(path: TokenPath):
    """The delegation behind a private token, with its current recommendations."""
    delegation = delegations.delegation_by_token(session=get_session(), token=path.token)
    if delegation is None:
        not_found("delegation")
    return delegation_view(delegation)
