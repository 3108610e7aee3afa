"""Organisations: list, search by meaning, get; create and update for coordinators."""

from flask import g, url_for

from ...db import get_session
from ...models import Organisation, OrganisationCoordinatorView, OrganisationPublic
from ...services import directory, directory_search, organisation_records, recommend
from ..common import get_or_404
from . import ORGANISATIONS, bp, error, for_coordinators, not_found
from .schemas import (
    ErrorResponse,
    OrganisationListQuery,
    OrganisationPage,
    OrganisationPath,
    OrganisationSearchQuery,
    OrganisationWrite,
    Recommendation,
    SearchResult,
)


@bp.get("/organisations", tags=[ORGANISATIONS], responses={200: OrganisationPage})
def list_organisations(query: OrganisationListQuery):
    """Active organisations, filtered by words, city, kind and sector, a page at a time."""
    page = directory_search.search_organisations(
        session=get_session(),
        text=query.q,
        city=query.city,
        kind=query.kind,
        sector=query.sector,
        page=query.page,
        per_page=query.per_page,
    )
    loaded = organisation_records.with_links(session=get_session(), organisations=page.items)
    return OrganisationPage(
        items=[organisation_records.public_record(o) for o in loaded],
        total=page.total,
        page=page.number,
        pages=page.pages,
    )


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
    organisations = organisation_records.with_links(
        session=get_session(), organisations=[r.organisation for r in found]
    )
    items = [
        Recommendation(
            organisation=organisation_records.public_record(organisation),
            score=round(r.candidate.score, 6),
            band=r.candidate.band,
            reason=r.candidate.reason,
            terms=list(r.candidate.terms),
            sectors=list(r.candidate.sectors),
        )
        for organisation, r in zip(organisations, found, strict=True)
    ]
    return SearchResult(items=items, reason=reason)


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
    return organisation_records.public_record(organisation)


def _write(body: OrganisationWrite, current: Organisation | None):
    session = get_session()
    if not organisation_records.sees_private_contacts(g.api_user):
        if "private_contact" in body.model_fields_set:
            return None, error(
                403,
                "Forbidden",
                "Only an administrator may read or write private contacts.",
                {"private_contact": ["Only an administrator may write this field."]},
            )
        # A coordinator's write leaves the private contact as it was.
        kept = current.private_contact if current else ""
        body = body.model_copy(update={"private_contact": kept})
    errors = directory.check_links(
        session=session, record=body, current_name=current.name if current else None
    )
    if errors:
        fields: dict[str, list[str]] = {}
        for row_error in errors:
            fields.setdefault(row_error.field, []).append(row_error.reason)
        return None, error(422, "Unprocessable Entity", "Some fields are not valid.", fields)
    if current is None:
        saved = directory.create_organisation(session=session, record=body)
    else:
        saved = directory.update_organisation(session=session, organisation=current, record=body)
    session.commit()
    return saved, None


def _answer(saved: Organisation) -> OrganisationCoordinatorView:
    return organisation_records.coordinator_record(
        saved, with_private_contact=organisation_records.sees_private_contacts(g.api_user)
    )


@for_coordinators(
    "post",
    "/organisations",
    tag=ORGANISATIONS,
    responses={201: OrganisationCoordinatorView, 403: ErrorResponse},
)
def create_organisation(body: OrganisationWrite):
    """Add an organisation (coordinators; only an administrator's token sets a private contact)."""
    saved, failure = _write(body, None)
    if failure:
        return failure
    headers = {"Location": url_for("api.get_organisation", organisation_id=saved.id)}
    return _answer(saved), 201, headers


@for_coordinators(
    "put",
    "/organisations/<int:organisation_id>",
    tag=ORGANISATIONS,
    responses={200: OrganisationCoordinatorView, 403: ErrorResponse},
)
def update_organisation(path: OrganisationPath, body: OrganisationWrite):
    """Replace an organisation's record (coordinators; private contacts: administrators)."""
    organisation = get_or_404(Organisation, path.organisation_id, "organisation")
    saved, failure = _write(body, organisation)
    return failure or _answer(saved)
