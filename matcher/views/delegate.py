"""Delegate pages: the interest form and the private page behind each delegation's link."""

import hashlib
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

from .. import i18n, links, mail
from ..db import get_session
from ..extensions import limiter
from ..forms.interest import InterestForm, form_data
from ..forms.link import SendLinkForm, new_submission_key
from ..inputs import text_checked_by_form
from ..models import MatchStatus
from ..services import changes, delegations, itinerary, recommend, registration
from .common import (
    delegation_by_token_or_404,
    draft_formdata,
    keep_draft_and_switch,
    send_download,
    switching_language,
)

bp = Blueprint("delegate", __name__)


def interest_limit() -> str:
    return current_app.config["INTEREST_RATE_LIMIT"]


@bp.route("/interest", methods=["GET", "POST"])
@limiter.limit(interest_limit, methods=["POST"])
@text_checked_by_form
def interest():
    """A delegation registers its interest and gets its private link."""
    if switching_language():
        return keep_draft_and_switch(".interest")
    draft = draft_formdata()
    form = InterestForm(formdata=draft) if draft else InterestForm()
    if form.validate_on_submit():
        if form.is_spam():
            abort(400)
        try:
            done = _register(form)
        except registration.KeyReused:
            # The same page sent again with other answers: say so, and offer a fresh form.
            form.submission_key.data = new_submission_key()
            flash(
                _(
                    "This form was already sent with other answers. To change them, use “Edit "
                    "your interest” on your delegation’s page; to register another delegation, "
                    "send this form again."
                ),
                "error",
            )
            return render_template("delegate/interest.html", form=form, editing=None), 409
        flask_session["sent_form"] = {"fingerprint": _fingerprint(form), "key": _key(form)}
        if done.first:
            flash(
                _(
                    "Your interest is registered. Keep the link of this page: it is your "
                    "private access."
                )
            )
        else:
            flash(_("This form was already sent: here is your delegation’s page."))
        return redirect(url_for(".private_page", token=done.token), 303)
    return render_template("delegate/interest.html", form=form, editing=None)


def _register(form: InterestForm) -> registration.Registration:
    """The form through the same registration as the API: once per key (committed)."""
    return registration.register_and_commit(
        session=get_session(),
        secret=current_app.config["SECRET_KEY"],
        asked=registration.Asked(details=form.details(), interest=form.interest(), key=_key(form)),
        matches=current_app.config["MATCHES_PER_DELEGATION"],
    )


def _fingerprint(form: InterestForm) -> str:
    """What the form asks for: the same answers give the same print, whatever page sent them."""
    asked = registration.Asked(details=form.details(), interest=form.interest())
    return hashlib.sha256(asked.fingerprint()).hexdigest()


def _key(form: InterestForm) -> str | None:
    """The form's one-time key; the same answers sent again from this browser on a fresh page
    (after the back button reloaded it) reuse the key they were first sent with."""
    sent = flask_session.get("sent_form") or {}
    if sent.get("fingerprint") == _fingerprint(form) and sent.get("key"):
        return str(sent["key"])
    key = form.submission_key.data or ""
    return key if links.valid_idempotency_key(key) else None


@bp.get("/d/<token>")
def private_page(token: str):
    """The delegation's recommendations and details, for the holder of the link only."""
    delegation = delegation_by_token_or_404(token)
    i18n.open_in(delegation.locale)
    matches = [m for m in delegation.matches if m.status != MatchStatus.rejected]
    empty_reason = None
    if not matches:  # the engine's own reason, in the page's language, instead of a blank
        empty_reason = recommend.empty_list_reason(session=get_session(), delegation=delegation)
    plan = itinerary.published(
        itinerary.find_itinerary(session=get_session(), delegation=delegation)
    )
    return render_template(
        "delegate/private.html",
        delegation=delegation,
        matches=matches,
        empty_reason=empty_reason,
        plan=plan,
        token=token,
        out_of_date=changes.plan_out_of_date(session=get_session(), delegation=delegation),
        link=links.absolute_link(".private_page", token=token),
        send_form=SendLinkForm(),
    )


@bp.get("/d/<token>/itinerary.<any(ics, csv, xlsx, pdf, json, svg):fmt>")
def itinerary_file(token: str, fmt: str):
    """The published visit plan as a calendar, a spreadsheet, a briefing, JSON or a route map;
    spreadsheets with ``?headers=machine`` have stable English column keys for programs."""
    delegation = delegation_by_token_or_404(token)
    found = itinerary.find_itinerary(session=get_session(), delegation=delegation)
    plan = itinerary.published(found)
    if plan is None:
        abort(404)
    content, media_type, name = itinerary.itinerary_file(
        itinerary=found,
        delegation=delegation,
        stored=plan,
        file_format=fmt,
        machine_headers=request.args.get("headers") == "machine",
    )
    return send_download(content, media_type, name)


@bp.route("/d/<token>/edit", methods=["GET", "POST"])
@limiter.limit(interest_limit, methods=["POST"])
@text_checked_by_form
def edit(token: str):
    """The delegate corrects the interest; recommendations are run again, decisions kept."""
    delegation = delegation_by_token_or_404(token)
    i18n.open_in(delegation.locale)
    if switching_language():
        return keep_draft_and_switch(".edit", token=token)
    draft = draft_formdata()
    if draft:
        form = InterestForm(formdata=draft)
    else:
        form = InterestForm(data=None if request.method == "POST" else form_data(delegation))
    # A visit already under way may keep its arrival date.
    form.earliest_arrival = min(date.today(), delegation.arrival)
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


@bp.after_request
def keep_private_pages_private(response):
    """The link is the key: never cached, never sent on to another site, never indexed."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
