"""Flask extensions, created unbound and wired in ``init_app``."""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()
# Storage from RATELIMIT_STORAGE_URI: memory:// on one host, a shared store (redis://...)
# when several hosts must count together.
limiter = Limiter(get_remote_address)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to see that page.")
login_manager.needs_refresh_message = _l("Your session has expired; please sign in again.")


@login_manager.user_loader
def load_user(user_id: str):
    from .db import get_session
    from .models import User

    user = get_session().get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def init_app(app: Flask) -> None:
    if app.config["PROXY_FIX_X_FOR"]:
        # Behind a load balancer the client's address arrives in X-Forwarded-For.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"])
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    from .mail import mail

    mail.init_app(app)
