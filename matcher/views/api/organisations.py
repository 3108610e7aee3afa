"""Organisations: list, search by meaning, get; create and update for coordinators."""

from flask import url_for
from sqlalchemy.orm import selectinload
from sqlmodel import select

from ...db import get_session
from ...models import Organisation
from ...reference import cities, sectors
from ...services import directory, recommend
from ...services.records import LIST_SEPARATOR
from . import BEARER, ORGANISATIONS, bp, coordinator_required, error, not_found
from .schemas import (
    ErrorResponse,
    OrganisationCoordinatorView,
    OrganisationListQuery,
    OrganisationPage,
    OrganisationPath,
    OrganisationPublic,
    OrganisationSearchQuery,
    OrganisationWrite,
    SearchResult,
)


def public_view(organisation: Organisation) -> dict:
    record = directory.to_record(organisation).as_dict()
    record.pop("private_contact")
    return {"id": organisation.id, **record}


def coordinator_view(organisation: Organisation) -> dict:
    return {
        **public_view(organisation),
        "private_contact": organisation.private_contact,
        "archived": organisation.archived,
    }


def _known_filter(value: str, known) -> str | None:
    return value if not value or value in known else None


@bp.get("/organisations", tags=[ORGANISATIONS], responses={200: OrganisationPage})
def list_organisations(query: OrganisationListQuery):
    """Active organisations, filtered by words, city, kind and sector, a page at a time."""
    known_cities = set(cities.slugs(other=True))
    known_sectors = set(sectors.slugs())
    if _known_filter(query.city, known_cities) is None:
        return error(422, "Unprocessable Entity", "Unknown city.", {"city": ["unknown city"]})
    if _known_filter(query.sector, known_sectors) is None:
        return error(422, "Unprocessable Entity", "Unknown sector.", {"sector": ["unknown"]})
    page = directory.search_organisations(
        session=get_session(),
        text=query.q,
        city=query.city,
        kind=query.kind,
        sector=query.sector,
        page=query.page,
        per_page=query.per_page,
    )
    return {
        "items": [public_view(o) for o in _loaded(page.items)],
        "total": page.total,
        "page": page.number,
        "pages": page.pages,
    }


def _loaded(items: list[Organisation]) -> list[Organisation]:
    ids = [o.id for o in items]
    found = get_session().exec(
        select(Organisation)
        .where(Organisation.id.in_(ids))
        .options(
            selectinload(Organisation.sectors),
            selectinload(Organisation.parent),
            selectinload(Organisation.alliances),
        )
    )
    by_id = {o.id: o for o in found}
    return [by_id[i] for i in ids]


@bp.get("/organisations/search", tags=[ORGANISATIONS], responses={200: SearchResult})
def search_organisations(query: OrganisationSearchQuery):
    """Organisations ranked by the matching engine for free text, each with why it matched."""
    try:
        found, reason = recommend.search_directory(
            session=get_session(),
            text=query.text,
            k=query.k,
            city=query.city or None,
            kind=query.kind or None,
            sector=query.sector or None,
        )
    except ValueError as exc:
        return error(422, "Unprocessable Entity", str(exc))
    organisations = _loaded([r.organisation for r in found])
    return {
        "items": [
            {
                "organisation": public_view(organisation),
                "score": round(r.candidate.score, 6),
                "band": r.candidate.band,
                "reason": r.candidate.reason,
                "terms": list(r.candidate.terms),
                "sectors": list(r.candidate.sectors),
            }
            for organisation, r in zip(organisations, found, strict=True)
        ],
        "reason": reason,
    }


@bp.get(
    "/organisations/<int:organisation_id>",
    tags=[ORGANISATIONS],
    responses={200: OrganisationPublic},
)
def get_organisation(path: OrganisationPath):
    """One active organisation."""
    organisation = get_session().get(Organisation, path.organisation_id)
    if organisation is None or organisation.archived:
        not_found("organisation")
    return public_view(organisation)


def _write(body: OrganisationWrite, current: Organisation | None):
    session = get_session()
    raw = body.model_dump()
    raw["languages"] = LIST_SEPARATOR.join(raw["languages"])
    record, errors = directory.check_record(
        session=session, raw=raw, current_name=current.name if current else None
    )
    if record is None:
        fields: dict[str, list[str]] = {}
        for row_error in errors:
            fields.setdefault(row_error.field, []).append(row_error.reason)
        return None, error(422, "Unprocessable Entity", "Some fields are not valid.", fields)
    if current is None:
        saved = directory.create_organisation(session=session, record=record)
    else:
        saved = directory.update_organisation(session=session, organisation=current, record=record)
    session.commit()
    return saved, None


@bp.post(
    "/organisations",
    tags=[ORGANISATIONS],
    security=BEARER,
    responses={201: OrganisationCoordinatorView, 401: ErrorResponse},
)
@coordinator_required
def create_organisation(body: OrganisationWrite):
    """Add an organisation (coordinators)."""
    saved, failure = _write(body, None)
    if failure:
        return failure
    headers = {"Location": url_for("api.get_organisation", organisation_id=saved.id)}
    return coordinator_view(saved), 201, headers


@bp.put(
    "/organisations/<int:organisation_id>",
    tags=[ORGANISATIONS],
    security=BEARER,
    responses={200: OrganisationCoordinatorView, 401: ErrorResponse},
)
@coordinator_required
def update_organisation(path: OrganisationPath, body: OrganisationWrite):
    """Replace an organisation's record (coordinators)."""
    organisation = get_session().get(Organisation, path.organisation_id)
    if organisation is None:
        not_found("organisation")
    saved, failure = _write(body, organisation)
    return failure or coordinator_view(saved)
