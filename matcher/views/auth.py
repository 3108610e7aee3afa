"""Coordinators sign in and out."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask import session as flask_session
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..db import get_session
from ..extensions import limiter
from ..forms.accounts import LoginForm
from ..i18n import asked_language
from ..services import accounts

bp = Blueprint("auth", __name__)


@bp.before_app_request
def keep_account_language() -> None:
    """A signed-in coordinator who switches language reads the service in it from then on."""
    asked = asked_language()
    if asked and current_user.is_authenticated and current_user.language != asked:
        accounts.set_language(session=get_session(), user=current_user, language=asked)
        get_session().commit()


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def submitted_email() -> str:
    return "login:" + accounts.normalise_email(request.form.get("email", ""))[:254]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
@limiter.limit(login_limit, methods=["POST"], key_func=submitted_email)
def login():
    """Sign in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("coordinator.queue"))
    form = LoginForm()
    if form.validate_on_submit():
        session = get_session()
        user = accounts.authenticate(
            session=session, email=form.email.data, password=form.password.data
        )
        if user is None:
            flash(_("Wrong e-mail address or password."), "error")
        else:
            session.commit()
            login_user(user)
            # Signed-in sessions end after PERMANENT_SESSION_LIFETIME.
            flask_session.permanent = True
            return redirect(safe_next(request.args.get("next")), 303)
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign out."""
    logout_user()
    flash(_("You are signed out."))
    return redirect(url_for("auth.login"), 303)


def safe_next(target: str | None) -> str:
    """Only a path on this site: a ``next`` pointing elsewhere would be an open redirect."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target:
            return target
    return url_for("coordinator.queue")
