"""Error pages: HTML for people, JSON for machine clients; database failures told plainly."""

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from werkzeug.exceptions import Conflict, HTTPException, InternalServerError, ServiceUnavailable

from ..db import close_session, get_engine


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def describe(error: HTTPException) -> tuple[str, str]:
    """A title and a sentence for the person who met the error, in their language."""
    if isinstance(error, CSRFError):
        return _("Form expired"), _(
            "The form had expired or did not come from this site. Go back, reload the page "
            "and send it again; nothing was saved."
        )
    known = {
        400: (_("Bad request"), _("The request could not be understood. Go back and try again.")),
        404: (
            _("Page not found"),
            _(
                "There is no page at this address. It may have moved, "
                "or the link may be incomplete."
            ),
        ),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        409: (
            _("Changed meanwhile"),
            _("Someone saved the same thing at the same moment. Reload and try again."),
        ),
        413: (
            _("Too large"),
            _(
                "What you sent is larger than this service accepts; nothing was saved. "
                "Shorten the text or send a smaller file."
            ),
        ),
        429: (
            _("Too many requests"),
            _("You have sent this too often. Wait a few minutes and try again."),
        ),
        503: (
            _("Service unavailable"),
            _("The service cannot reach its database just now. Please try again in a moment."),
        ),
    }
    default = (
        _("Something went wrong"),
        _("Something went wrong on our side. Please try again in a moment."),
    )
    return known.get(error.code or 500, default)


def handle_http_error(error: HTTPException):
    title, message = describe(error)
    if wants_json():
        return jsonify(error=error.name, detail=message), error.code
    return render_template(
        "errors/error.html", error=error, error_title=title, error_message=message
    ), error.code


def handle_unexpected(error: Exception):
    # The request's session may be broken; drop it so the next request starts clean.
    close_session()
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    return handle_http_error(InternalServerError(original_exception=error))


def database_unavailable(error: DBAPIError):
    """The database went away: say so, and drop the broken connection for the next request."""
    current_app.logger.error("database unavailable: %s", error.orig or error)
    close_session()
    # Connections in the pool may all be dead; the pool's pre-ping replaces them lazily.
    get_engine().dispose()
    return handle_http_error(ServiceUnavailable())


def saved_at_the_same_time(error: IntegrityError):
    """Two requests wrote the same unique thing at once: the later one is told, not failed."""
    close_session()
    return handle_http_error(
        Conflict("Someone saved the same thing at the same moment. Reload and try again.")
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)
    app.register_error_handler(IntegrityError, saved_at_the_same_time)
