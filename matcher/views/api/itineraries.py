"""Itineraries: the published plan for the delegate, the draft for coordinators, as files."""

from ...db import get_session
from ...models import Delegation, Itinerary
from ...services import delegations, itinerary
from ..common import send_download
from . import ITINERARIES, bp, for_coordinators, not_found
from .schemas import DelegationPath, ExportQuery, ItineraryOut, TokenPath

FILE_RESPONSES = {
    200: {
        "description": "The plan in the format asked for",
        "content": {
            "application/json": {"schema": ItineraryOut.model_json_schema()},
            "text/calendar": {"schema": {"type": "string"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {"type": "string", "format": "binary"}
            },
            "image/svg+xml": {"schema": {"type": "string"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


def _respond(found: Itinerary, delegation: Delegation, stored, file_format: str, published: bool):
    if file_format == "json":
        return ItineraryOut(sequence=found.sequence, published=published, plan=stored.document)
    return send_download(
        *itinerary.itinerary_file(
            itinerary=found, delegation=delegation, stored=stored, file_format=file_format
        )
    )


@bp.get("/delegations/<token>/itinerary", tags=[ITINERARIES], responses=FILE_RESPONSES)
def published_itinerary(path: TokenPath, query: ExportQuery):
    """The published plan, for the private token's holder (json, ics, csv, xlsx, pdf or svg)."""
    delegation = delegations.delegation_by_token(session=get_session(), token=path.token)
    found = (
        itinerary.find_itinerary(session=get_session(), delegation=delegation)
        if delegation
        else None
    )
    stored = itinerary.published(found)
    if stored is None:
        not_found("published itinerary")
    return _respond(found, delegation, stored, query.format, True)


@for_coordinators(
    "get", "/itineraries/<int:delegation_id>", tag=ITINERARIES, responses=FILE_RESPONSES
)
def draft_itinerary(path: DelegationPath, query: ExportQuery):
    """The coordinators' draft plan of a delegation (json, ics, csv, xlsx, pdf or svg)."""
    delegation = get_session().get(Delegation, path.delegation_id)
    found = (
        itinerary.find_itinerary(session=get_session(), delegation=delegation)
        if delegation
        else None
    )
    stored = itinerary.draft(found) if found else None
    if stored is None:
        not_found("planned itinerary")
    return _respond(found, delegation, stored, query.format, False)
