"""Error pages: HTML for people, JSON for machine clients."""

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..db import close_session


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def handle_http_error(error: HTTPException):
    if wants_json():
        return jsonify(error=error.name, detail=error.description), error.code
    return render_template("errors/error.html", error=error), error.code


def handle_csrf_error(error: CSRFError):
    error.description = (
        "The form had expired or did not come from this site. Go back, reload the page "
        "and send it again; nothing was saved."
    )
    return handle_http_error(error)


def handle_unexpected(error: Exception):
    # The request's session may be broken; drop it so the next request starts clean.
    close_session()
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    return handle_http_error(InternalServerError(original_exception=error))


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected)
