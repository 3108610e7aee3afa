"""The PDF export of a plan on its own: the delegate's dossier with what the context knows.

The services build the full dossier (host profiles, why each matched, contacts, the
delegation's details) with ``dossier_to_pdf``; this entry point serves callers that have only
a plan and its context: names, places, times, travel and interpreters.
"""

from __future__ import annotations

from matcher.planning import Plan

from .context import ExportContext
from .dossier import dossier_to_pdf
from .dossier_model import Dossier, HostFile


def plan_to_pdf(plan: Plan, context: ExportContext) -> bytes:
    """The plan as the delegate's dossier, PDF bytes.

    :raises MissingFontError: when no Chinese font is installed (see fonts.py).
    """
    hosts = {
        visit.request.organisation_id: HostFile(
            name=visit.request.name, address=context.address(visit)
        )
        for visit in plan.visits
    }
    dossier = Dossier(
        plan=plan,
        delegation=context.delegation,
        language=context.language,
        hosts=hosts,
        cities=context.cities,
        version=context.sequence,
        issued=context.stamp.date() if context.stamp else None,
    )
    return dossier_to_pdf(dossier)
