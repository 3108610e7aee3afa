"""The JSON API under /api/v1, documented by the OpenAPI document it is generated with."""

from functools import wraps

from flask import Response, abort, current_app, g, jsonify, request
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ValidationError

from ...db import get_session
from ...extensions import csrf
from ...services import api_tokens
from .schemas import ErrorResponse

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
        # A rule across fields names the field it blames in its context.
        parts += [str(item["ctx"]["field"])] if "field" in item.get("ctx", {}) else []
        location = ".".join(parts) or "body"
        fields.setdefault(location, []).append(item["msg"])
    response = jsonify(
        error="Unprocessable Entity", detail="Some fields are not valid.", fields=fields
    )
    response.status_code = 422
    return response


def checked_response(response, responses: dict):
    """Check a view's answer against the model the document declares for its status.

    Views return the declared model itself (sent as JSON) or an already built response; a body
    that does not fit its declared model is a bug, reported as a 500 rather than sent.
    """
    body, *rest = response if isinstance(response, tuple) else (response,)
    status = rest[0] if rest else (body.status_code if isinstance(body, Response) else 200)
    declared = responses.get(int(status))
    model = declared if isinstance(declared, type) and issubclass(declared, BaseModel) else None
    if isinstance(body, BaseModel):
        if model is not None and not isinstance(body, model):
            raise TypeError(f"{type(body).__name__} answered where {model.__name__} is declared")
        body = jsonify(body.model_dump(mode="json"))
    elif model is not None:
        data = body.get_json(silent=True) if isinstance(body, Response) else body
        if data is not None:
            model.model_validate(data)
    return (body, *rest) if rest else body


def coordinator_required(view):
    """Bearer token of an active coordinator account, or 401."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, presented = header.partition(" ")
        user = None
        if scheme.lower() == "bearer" and presented:
            session = get_session()
            user = api_tokens.user_for_token(session=session, plain=presented.strip())
            # The token's use is recorded even when the request itself only reads.
            session.commit()
        if user is None:
            return error(401, "Unauthorized", "A valid coordinator bearer token is required.")
        g.api_user = user
        return view(*args, **kwargs)

    return wrapper


def for_coordinators(method: str, rule: str, *, tag: Tag, responses: dict):
    """An operation that needs a coordinator's bearer token, documented as such (401 too)."""
    route = getattr(bp, method)(
        rule, tags=[tag], security=BEARER, responses={**responses, 401: ErrorResponse}
    )

    def register(view):
        return route(coordinator_required(view))

    return register


def not_found(what: str):
    abort(404, description=f"No such {what}.")


# Answers anyone may keep: the public directory. Every other answer names a delegation,
# carries a private link or is for coordinators.
PUBLIC_ENDPOINTS = frozenset(
    {"api.list_organisations", "api.search_organisations", "api.get_organisation"}
)


@bp.after_request
def private_answers_are_not_stored(response):
    """Cache-Control: no-store on every private answer (no shared or browser cache keeps it)."""
    if request.endpoint not in PUBLIC_ENDPOINTS or "Authorization" in request.headers:
        response.headers["Cache-Control"] = "no-store"
    return response


def openapi_document():
    """The OpenAPI 3.1 document of this API, generated from the schemas it validates with."""
    return jsonify(current_app.api_doc)


def init_app(app) -> None:
    app.register_api(bp)
    csrf.exempt(bp)  # authenticated by bearer tokens or the private link, never by cookies
    app.add_url_rule("/api/v1/openapi.json", "openapi_document", openapi_document)


from . import delegations, hosts, itineraries, matches, organisations  # noqa: E402,F401
