"""Who an itinerary's files are for: the delegation, why each host matched, the calendar's
identity and the cities on the map; shared by publishing, the exports and the dossier."""

from ..exports import ExportContext
from ..models import Delegation, Itinerary, Match
from ..planning import City
from ..reference import cities
from .match_reasons import why_text

UID_DOMAIN = "g60-match"


def planner_cities() -> list[City]:
    return list(cities.load().by_slug.values())


def export_context(
    itinerary: Itinerary,
    delegation: Delegation,
    matches: list[Match] | None = None,
    language: str | None = None,
) -> ExportContext:
    """Who the exports are for, why each organisation matched, and the calendar identity.

    The headings are in ``language``, by default the one the delegation registered in.
    """
    matches = matches if matches is not None else list(delegation.matches)
    language = language or delegation.locale
    return ExportContext(
        delegation=delegation.name,
        language=language,
        why={str(m.organisation_id): why_text(m, language) for m in matches},
        local_names={str(m.organisation_id): m.organisation.name_local for m in matches},
        addresses={str(m.organisation_id): m.organisation.address for m in matches},
        uid_stem=f"itinerary-{itinerary.id}@{UID_DOMAIN}",
        sequence=itinerary.sequence,
        cities=planner_cities(),
        stamp=itinerary.published_at or itinerary.planned_at,
    )
