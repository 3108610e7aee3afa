"""Flask extensions, created unbound and wired in ``init_app``."""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from . import ratelimits  # noqa: F401  (registers the embedded store's URI scheme)

csrf = CSRFProtect()

# Storage from RATELIMIT_STORAGE_URI: an SQLite file shared by the workers of one machine
# (matcher.ratelimits), a shared store (redis://...) when several hosts must count together.
limiter = Limiter(get_remote_address)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to see that page.")
login_manager.needs_refresh_message = _l("Your session has expired; please sign in again.")


@login_manager.user_loader
def load_user(user_id: str):
    from .db import get_session
    from .models import User

    number, _, version = user_id.partition(":")
    if not (number.isdigit() and version.isdigit()) or int(number) > 2**31 - 1:
        return None  # a session from before session versions, or not one of ours
    user = get_session().get(User, int(number))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def init_app(app: Flask) -> None:
    if app.config["PROXY_FIX_X_FOR"]:
        # Behind a load balancer the client's address arrives in X-Forwarded-For.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"])
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    from .mail import mail

    mail.init_app(app)
