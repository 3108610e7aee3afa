"""Delegate pages: the interest form and the private page behind each delegation's link."""

import hashlib
import json
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
from flask import session as flask_session
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from .. import i18n, links, mail
from ..db import get_session
from ..extensions import limiter
from ..forms.interest import InterestForm, form_data
from ..forms.link import SendLinkForm
from ..inputs import text_checked_by_form
from ..models import MatchStatus
from ..services import changes, delegations, itinerary, recommend
from .common import delegation_by_token_or_404, send_download

bp = Blueprint("delegate", __name__)


def interest_limit() -> str:
    return current_app.config["INTEREST_RATE_LIMIT"]


@bp.route("/interest", methods=["GET", "POST"])
@limiter.limit(interest_limit, methods=["POST"])
@text_checked_by_form
def interest():
    """A delegation registers its interest and gets its private link."""
    form = InterestForm()
    if switching_language():
        return render_template("delegate/interest.html", form=form, editing=None)
    if form.validate_on_submit():
        if form.is_spam():
            abort(400)
        session = get_session()
        token = _form_token(form)
        already = _already_sent(form, token)
        if already is not None:
            flash(_("This form was already sent: here is your delegation’s page."))
            return redirect(url_for(".private_page", token=already), 303)
        delegation = delegations.register_delegation(
            session=session,
            details=form.details(),
            interest=form.interest(),
            token=token,
            submission_key=form.submission_key.data,
        )
        recommend.propose_matches(
            session=session,
            delegation=delegation,
            k=current_app.config["MATCHES_PER_DELEGATION"],
        )
        try:
            session.commit()
        except IntegrityError:
            # The same form sent twice at once (a double click): the first one made it.
            session.rollback()
            if _already_sent(form, token) is None:
                raise
        flask_session["sent_form"] = {"fingerprint": _fingerprint(), "token": token}
        flash(
            _("Your interest is registered. Keep the link of this page: it is your private access.")
        )
        return redirect(url_for(".private_page", token=token), 303)
    return render_template("delegate/interest.html", form=form, editing=None)


def _fingerprint() -> str:
    """What the form said, without its per-page keys: the same answers give the same print."""
    fields = sorted(
        (name, request.form.getlist(name))
        for name in request.form
        if name not in {"csrf_token", "submission_key"}
    )
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def _form_token(form: InterestForm) -> str:
    """The private token of the delegation this form creates: derived from the form's one-time
    key and the secret key, so the same form sent again leads to the same page, while only the
    token's hash is stored."""
    key = form.submission_key.data or ""
    if not key:
        return delegations.new_token()
    secret = current_app.config["SECRET_KEY"]
    return links.idempotent_token(secret=secret, key=key, body=b"interest form")


def _already_sent(form: InterestForm, token: str) -> str | None:
    """The token of the delegation this form, or the same answers sent again from this browser,
    created; None when there is none."""
    session = get_session()
    found = delegations.delegation_by_submission(
        session=session, key=form.submission_key.data or ""
    )
    if found is not None and found.token_hash == delegations.hash_token(token):
        return token
    sent = flask_session.get("sent_form") or {}
    if sent.get("fingerprint") == _fingerprint():
        earlier = sent.get("token", "")
        if delegations.delegation_by_token(session=session, token=earlier) is not None:
            return earlier
    return None


@bp.get("/d/<token>")
def private_page(token: str):
    """The delegation's recommendations and details, for the holder of the link only."""
    delegation = delegation_by_token_or_404(token)
    i18n.open_in(delegation.locale)
    matches = [m for m in delegation.matches if m.status != MatchStatus.rejected]
    plan = itinerary.published(
        itinerary.find_itinerary(session=get_session(), delegation=delegation)
    )
    return render_template(
        "delegate/private.html",
        delegation=delegation,
        matches=matches,
        plan=plan,
        token=token,
        out_of_date=changes.plan_out_of_date(session=get_session(), delegation=delegation),
        link=links.absolute_link(".private_page", token=token),
        send_form=SendLinkForm(),
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
@text_checked_by_form
def edit(token: str):
    """The delegate corrects the interest; recommendations are run again, decisions kept."""
    delegation = delegation_by_token_or_404(token)
    i18n.open_in(delegation.locale)
    form = InterestForm(data=None if request.method == "POST" else form_data(delegation))
    # A visit already under way may keep its arrival date.
    form.earliest_arrival = min(date.today(), delegation.arrival)
    if switching_language():
        return render_template("delegate/interest.html", form=form, editing=delegation)
    if form.validate_on_submit():
        if form.is_spam():
            abort(400)
        session = get_session()
        before = changes.interest_snapshot(delegation)
        details, interest = form.details(), form.interest()
        delegations.update_delegation(
            session=session, delegation=delegation, details=details, interest=interest
        )
        changes.record_delegate_edit(
            session=session,
            delegation=delegation,
            before=before,
            after=changes.proposed_snapshot(details, interest),
        )
        recommend.propose_matches(
            session=session,
            delegation=delegation,
            k=current_app.config["MATCHES_PER_DELEGATION"],
        )
        session.commit()
        flash(_("Your changes are saved and the recommendations are up to date."))
        return redirect(url_for(".private_page", token=token), 303)
    return render_template("delegate/interest.html", form=form, editing=delegation, token=token)


def link_limit() -> str:
    return current_app.config["LINK_RATE_LIMIT"]


@bp.post("/d/<token>/send-link")
@limiter.limit(link_limit)
def send_link(token: str):
    """E-mail this page's link to the delegation's contact, in the delegation's language."""
    delegation = delegation_by_token_or_404(token)
    if not SendLinkForm().validate():
        abort(400)
    if mail.send_private_links([(delegation, token)]):
        flash(_("The link is on its way to %(email)s.", email=delegation.contact_email))
    else:
        flash(_("The e-mail could not be sent just now. Please try again later."), "error")
    return redirect(url_for(".private_page", token=token), 303)


def switching_language() -> bool:
    """The form was sent by a language button: show it again, as typed, in that language."""
    return i18n.switched_language() is not None


@bp.after_request
def keep_private_pages_private(response):
    """The link is the key: never cached, never sent on to another site, never indexed."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
