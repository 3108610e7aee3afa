"""The dashboard: delegations, supply and demand, decisions, outcomes, the industry map."""

from flask import render_template, request

from ...db import get_session
from ...i18n import current_language
from ...reference import cities, sectors
from ...services import dashboard as figures
from . import bp


@bp.get("/dashboard")
def dashboard():
    """Figures drawn on the server: readable without JavaScript."""
    session = get_session()
    language = current_language()
    labels = {s.slug: s.label(language) for s in sectors.load()}
    chosen = request.args.get("sector", "")
    if chosen not in labels:
        chosen = next(iter(sorted(labels, key=labels.get)))
    return render_template(
        "coordinator/dashboard.html",
        by_country=figures.delegations_by_country(session=session),
        balance=figures.sector_balance(session=session),
        acceptance=figures.acceptance(session=session),
        outcome_counts=figures.outcome_counts(session=session),
        recent=figures.recent_outcomes(session=session),
        sectors=labels,
        chosen=chosen,
        industry=figures.industry_map(session=session, sector=chosen),
        cities=cities.load().by_slug,
    )
