"""Public pages: home, the directory and the health check."""

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, jsonify, render_template, request
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload
from sqlmodel import func, select

from .. import mail
from ..db import get_session
from ..extensions import limiter
from ..forms.directory import DirectorySearchForm
from ..forms.link import LinkRequestForm
from ..inputs import text_checked_by_form
from ..models import Organisation
from ..reference import cities
from ..services import directory_search, health

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    """What the service does, and the directory at a glance."""
    counts = dict(
        get_session()
        .exec(
            select(Organisation.kind, func.count())
            .where(Organisation.archived == sa.false())
            .group_by(Organisation.kind)
        )
        .all()
    )
    return render_template(
        "public/index.html",
        counts=counts,
        cities=cities.load().by_slug.values(),
        link_form=LinkRequestForm(),
    )


def link_limit() -> str:
    return current_app.config["LINK_RATE_LIMIT"]


def submitted_email() -> str:
    return "link:" + request.form.get("email", "").strip().casefold()[:254]


@bp.route("/link", methods=["GET", "POST"])
@limiter.limit(link_limit, methods=["POST"])
@limiter.limit(link_limit, methods=["POST"], key_func=submitted_email)
def lost_link():
    """Get the private link again by e-mail; the answer never says whether the address is known."""
    form = LinkRequestForm()
    if form.validate_on_submit():
        session = get_session()
        found = mail.delegations_by_email(session=session, email=form.email.data)
        # The new links replace the lost ones only once the mail server has taken them.
        if mail.send_private_links(mail.new_links(found)):
            session.commit()
        else:
            session.rollback()
        return render_template("public/link_sent.html", email=form.email.data.strip())
    return render_template("public/link.html", form=form)


@bp.get("/organisations")
@text_checked_by_form
def organisations():
    """Search the directory by words, city, kind and sector."""
    form = DirectorySearchForm(request.args)
    criteria = form.criteria() if form.validate() else {}
    page = directory_search.search_organisations(
        session=get_session(),
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config["ORGANISATIONS_PER_PAGE"],
        **criteria,
    )
    return render_template("public/organisations.html", form=form, page=page)


@bp.get("/organisations/<int:organisation_id>")
def organisation(organisation_id: int):
    """One organisation's public profile."""
    found = (
        get_session()
        .exec(
            select(Organisation)
            .where(Organisation.id == organisation_id)
            .options(
                selectinload(Organisation.sectors),
                selectinload(Organisation.children),
                selectinload(Organisation.alliances),
                selectinload(Organisation.members),
            )
        )
        .first()
    )
    if found is None or found.archived:
        abort(404)
    return render_template(
        "public/organisation.html", organisation=found, cities=cities.load().by_slug
    )


@bp.get("/healthz")
def healthz():
    """Liveness and database check for load balancers, as JSON: reads and a write."""
    session = get_session()
    try:
        count = session.exec(select(func.count()).select_from(Organisation)).one()
    except SQLAlchemyError:
        current_app.logger.exception("health check: database unavailable")
        return jsonify(status="error", database="unavailable"), 503
    try:
        health.record_write(session=session)
    except SQLAlchemyError:
        session.rollback()
        current_app.logger.exception("health check: writes fail")
        return jsonify(status="error", database="ok", writes="failing"), 503
    return jsonify(status="ok", database="ok", writes="ok", organisations=count)
