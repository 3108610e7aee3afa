"""The JSON API under /api/v1, documented by the OpenAPI document it is generated with."""

from functools import wraps

from flask import abort, current_app, g, jsonify, request
from flask_openapi3 import APIBlueprint, Tag
from pydantic import ValidationError

from ... import api_tokens
from ...db import get_session
from ...extensions import csrf
from ...schemas import ErrorResponse

# Every operation may answer with these; listing them keeps the document honest.
COMMON_ERRORS = {
    400: ErrorResponse,
    404: ErrorResponse,
    413: ErrorResponse,
    422: ErrorResponse,
    429: ErrorResponse,
    503: ErrorResponse,
}
BEARER = [{"bearer": []}]

bp = APIBlueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    abp_responses=COMMON_ERRORS,
)
ORGANISATIONS = Tag(name="organisations", description="The directory")
DELEGATIONS = Tag(name="delegations", description="Registration and the private link")
MATCHES = Tag(name="matches", description="Coordinators' review")
ITINERARIES = Tag(name="itineraries", description="Visit plans and their files")


def error(status: int, name: str, detail: str, fields: dict | None = None):
    return jsonify(error=name, detail=detail, fields=fields or {}), status


def validation_error(exc: ValidationError):
    """Pydantic's errors, as the API's error shape with messages per field."""
    fields: dict[str, list[str]] = {}
    for item in exc.errors(include_url=False, include_input=False):
        # Union members add their own tags ("literal[...]") to the path: keep the field names.
        parts = [str(part) for part in item["loc"] if "[" not in str(part)]
        location = ".".join(parts) or "body"
        fields.setdefault(location, []).append(item["msg"])
    response = jsonify(
        error="Unprocessable Entity", detail="Some fields are not valid.", fields=fields
    )
    response.status_code = 422
    return response


def coordinator_required(view):
    """Bearer token of an active coordinator account, or 401."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, presented = header.partition(" ")
        user = None
        if scheme.lower() == "bearer" and presented:
            user = api_tokens.user_for_token(session=get_session(), plain=presented.strip())
        if user is None:
            return error(401, "Unauthorized", "A valid coordinator bearer token is required.")
        g.api_user = user
        return view(*args, **kwargs)

    return wrapper


def not_found(what: str):
    abort(404, description=f"No such {what}.")


def openapi_document():
    """The OpenAPI 3.1 document of this API, generated from the schemas it validates with."""
    return jsonify(current_app.api_doc)


def init_app(app) -> None:
    app.register_api(bp)
    csrf.exempt(bp)  # authenticated by bearer tokens or the private link, never by cookies
    app.add_url_rule("/api/v1/openapi.json", "openapi_document", openapi_document)


from . import delegations, hosts, itineraries, matches, organisations  # noqa: E402,F401
