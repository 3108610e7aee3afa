"""The dashboard: delegations, supply and demand, decisions, outcomes, the industry map."""

from flask import render_template, request

from ... import dashboard as figures
from ... import reference
from ...db import get_session
from ...i18n import current_language
from . import bp


@bp.get("/dashboard")
def dashboard():
    """Figures drawn on the server: readable without JavaScript."""
    session = get_session()
    language = current_language()
    sectors = {s.slug: s.labels.get(language) or s.labels["en"] for s in reference.sectors()}
    chosen = request.args.get("sector", "")
    if chosen not in sectors:
        chosen = next(iter(sorted(sectors, key=sectors.get)))
    return render_template(
        "coordinator/dashboard.html",
        by_country=figures.delegations_by_country(session=session),
        balance=figures.sector_balance(session=session),
        acceptance=figures.acceptance(session=session),
        outcome_counts=figures.outcome_counts(session=session),
        recent=figures.recent_outcomes(session=session),
        sectors=sectors,
        chosen=chosen,
        industry=figures.industry_map(session=session, sector=chosen),
        cities=reference.cities().by_slug,
    )
