"""Delegate pages: the interest form and the private page behind each delegation's link."""

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from ..db import get_session
from ..extensions import limiter
from ..forms.interest import InterestForm, form_data
from ..models import MatchStatus
from ..services import delegations, itinerary, recommend
from .common import delegation_by_token_or_404, send_download

bp = Blueprint("delegate", __name__)


def interest_limit() -> str:
    return current_app.config["INTEREST_RATE_LIMIT"]


@bp.route("/interest", methods=["GET", "POST"])
@limiter.limit(interest_limit, methods=["POST"])
def interest():
    """A delegation registers its interest and gets its private link."""
    form = InterestForm()
    if form.validate_on_submit():
        if form.is_spam():
            abort(400)
        session = get_session()
        delegation = delegations.register_delegation(
            session=session, details=form.details(), interest=form.interest()
        )
        recommend.propose_matches(
            session=session,
            delegation=delegation,
            k=current_app.config["MATCHES_PER_DELEGATION"],
        )
        session.commit()
        flash(
            _("Your interest is registered. Keep the link of this page: it is your private access.")
        )
        return redirect(url_for(".private_page", token=delegation.token), 303)
    return render_template("delegate/interest.html", form=form, editing=None)


@bp.get("/d/<token>")
def private_page(token: str):
    """The delegation's recommendations and details, for the holder of the link only."""
    delegation = delegation_by_token_or_404(token)
    matches = [m for m in delegation.matches if m.status != MatchStatus.rejected]
    plan = itinerary.published(
        itinerary.find_itinerary(session=get_session(), delegation=delegation)
    )
    return render_template(
        "delegate/private.html", delegation=delegation, matches=matches, plan=plan
    )


@bp.get("/d/<token>/itinerary.<any(ics, csv, pdf, json):fmt>")
def itinerary_file(token: str, fmt: str):
    """The published visit plan as a calendar, a spreadsheet, a printable briefing or JSON."""
    delegation = delegation_by_token_or_404(token)
    found = itinerary.find_itinerary(session=get_session(), delegation=delegation)
    plan = itinerary.published(found)
    if plan is None:
        abort(404)
    content, media_type, name = itinerary.itinerary_file(
        itinerary=found, delegation=delegation, stored=plan, file_format=fmt
    )
    return send_download(content, media_type, name)


@bp.route("/d/<token>/edit", methods=["GET", "POST"])
@limiter.limit(interest_limit, methods=["POST"])
def edit(token: str):
    """The delegate corrects the interest; recommendations are run again, decisions kept."""
    delegation = delegation_by_token_or_404(token)
    form = InterestForm(data=None if request.method == "POST" else form_data(delegation))
    # A visit already under way may keep its arrival date.
    form.earliest_arrival = min(date.today(), delegation.arrival)
    if form.validate_on_submit():
        if form.is_spam():
            abort(400)
        session = get_session()
        delegations.update_delegation(
            session=session, delegation=delegation, details=form.details(), interest=form.interest()
        )
        recommend.propose_matches(
            session=session,
            delegation=delegation,
            k=current_app.config["MATCHES_PER_DELEGATION"],
        )
        session.commit()
        flash(_("Your changes are saved and the recommendations are up to date."))
        return redirect(url_for(".private_page", token=delegation.token), 303)
    return render_template("delegate/interest.html", form=form, editing=delegation)


@bp.after_request
def keep_private_pages_private(response):
    """The link is the key: never cached, never sent on to another site, never indexed."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
