"""Security headers on every response, and a clear 503 when the database is out of reach."""

from flask import Flask, current_app, request
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from werkzeug.exceptions import Conflict, ServiceUnavailable

# No inline script anywhere: every page works without JavaScript, and none is loaded.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def database_unavailable(error: DBAPIError):
    """The database went away: say so; a transaction that kept losing a race is a 409."""
    from flask import g

    from .db import close_session, get_engine
    from .extensions import login_manager
    from .retry import is_transient
    from .views.errors import handle_http_error

    close_session()
    # The page must not load the signed-in account from the database that just failed.
    g._login_user = login_manager.anonymous_user()
    if is_transient(error):
        current_app.logger.warning("gave up after retries: %s", error.orig or error)
        return handle_http_error(Conflict())
    current_app.logger.error("database unavailable: %s", error.orig or error)
    if error.connection_invalidated:
        # That connection is dead and maybe its siblings; pre-ping replaces the rest lazily.
        get_engine().dispose()
    return handle_http_error(ServiceUnavailable())


def saved_at_the_same_time(error: IntegrityError):
    """Two requests wrote the same unique thing at once: the later one is told, not failed."""
    from .db import close_session
    from .views.errors import handle_http_error

    close_session()
    return handle_http_error(
        Conflict("Someone saved the same thing at the same moment. Reload and try again.")
    )


def init_app(app: Flask) -> None:
    app.after_request(set_security_headers)
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)
    app.register_error_handler(IntegrityError, saved_at_the_same_time)
