"""The coordinators' workspace: every page needs a signed-in coordinator."""

from flask import Blueprint
from flask_login import current_user

from ...extensions import login_manager

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")


@bp.before_request
def require_coordinator():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


@bp.after_request
def never_cache(response):
    # Pages with delegates' contact details stay out of shared caches and browser history.
    response.headers["Cache-Control"] = "no-store"
    return response


from . import dashboard, directory, hosts, itinerary, queue, review  # noqa: E402,F401  (routes register on bp)
