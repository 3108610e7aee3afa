"""Service: a delegation's dossier, the delegate's copy or the coordinators' copy.

The delegate's copy is written from the published plan and holds nothing meant for the
coordinators; the coordinators' copy is written from the draft and adds what could not be
scheduled, the planner's notes and the coordinators' notes on each host.
"""

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from flask import current_app, has_app_context

from ..exports.dossier import dossier_to_pdf
from ..exports.dossier_model import Dossier, HostFile
from ..models import Delegation, Itinerary, Match, MatchStatus
from ..planning import SHANGHAI
from .itinerary import StoredPlan
from .itinerary_context import planner_cities
from .match_reasons import sector_labels, shared_ground

#: The host's fields the dossier prints as they are on file.
HOST_PROFILE = (
    "name",
    "name_local",
    "address",
    "description",
    "offers",
    "seeks",
    "public_contact",
    "website",
)
#: The delegation's fields the cover and the contact page print as they are on file.
DELEGATION_DETAILS = (
    "arrival",
    "departure",
    "group_size",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def on_file(row: object, names: Iterable[str]) -> dict[str, Any]:
    """The named fields of a row as they are on file. Read one by one: a row the session
    expired (after a commit) loads again, where ``model_dump`` would give nothing."""
    return {name: getattr(row, name) for name in names}


def host_file(
    match: Match, language: str, *, coordinator_copy: bool, labels: Mapping[str, str]
) -> HostFile:
    """What the dossier says about one host: its profile, why it matched, its contacts.

    ``labels`` names the sectors in ``language`` (slug → label).
    """
    organisation = match.organisation
    ground = shared_ground(match, language, labels)
    return HostFile(
        **on_file(organisation, HOST_PROFILE),
        shared_sectors=ground.sectors,
        shared_terms=ground.terms,
        found_in=ground.fields,
        chosen_by_coordinators=match.added_by_coordinator,
        # The host's own line is given to a delegation once the coordinators accepted the match.
        private_contact=(
            organisation.private_contact if match.status == MatchStatus.accepted else ""
        ),
        internal_note=match.note if coordinator_copy else "",
    )


def coordinators_contact() -> str:
    """How the delegation reaches its coordinators (the COORDINATOR_CONTACT setting)."""
    return str(current_app.config.get("COORDINATOR_CONTACT", "")) if has_app_context() else ""


def build_dossier(
    *,
    itinerary: Itinerary,
    delegation: Delegation,
    stored: StoredPlan,
    language: str | None = None,
    issued: date | None = None,
) -> Dossier:
    """The dossier of a stored plan: the coordinators' copy for a draft, else the delegate's."""
    language = language or delegation.locale
    coordinator_copy = not stored.published
    labels = sector_labels(language)
    hosts = {
        str(m.organisation_id): host_file(
            m, language, coordinator_copy=coordinator_copy, labels=labels
        )
        for m in delegation.matches
        if m.status != MatchStatus.rejected or coordinator_copy
    }
    version = stored.document.get("sequence", itinerary.sequence)
    return Dossier(
        plan=stored.plan,
        delegation=delegation.name,
        language=language,
        **on_file(delegation, DELEGATION_DETAILS),
        coordinators_contact=coordinators_contact(),
        hosts=hosts,
        cities=planner_cities(),
        version=itinerary.sequence if coordinator_copy else int(version or 0),
        issued=issued or datetime.now(SHANGHAI).date(),
        coordinator_copy=coordinator_copy,
        draft=coordinator_copy,
    )


def dossier_file(
    *,
    itinerary: Itinerary,
    delegation: Delegation,
    stored: StoredPlan,
    language: str | None = None,
) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the dossier: the delegate's copy named by its
    version ("-v3"), as the other published files are; the coordinators' copy named so."""
    dossier = build_dossier(
        itinerary=itinerary, delegation=delegation, stored=stored, language=language
    )
    slug = re.sub(r"[^a-z0-9]+", "-", delegation.name.casefold()).strip("-")[:40] or "delegation"
    suffix = "-coordinator-copy-draft" if dossier.coordinator_copy else f"-v{dossier.version}"
    return dossier_to_pdf(dossier), "application/pdf", f"g60-dossier-{slug}{suffix}.pdf"
