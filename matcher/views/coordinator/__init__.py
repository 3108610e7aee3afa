"""The coordinators' workspace: every page needs a signed-in coordinator."""

from functools import wraps

from flask import Blueprint, abort
from flask_login import current_user

from ...extensions import login_manager

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")


@bp.before_request
def require_coordinator():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def admin_required(view):
    """Only administrators: imports, archiving, exports with private contacts, accounts."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@bp.after_request
def never_cache(response):
    # Pages with delegates' contact details stay out of shared caches and browser history.
    response.headers["Cache-Control"] = "no-store"
    return response


from . import dashboard, directory, hosts, itinerary, queue, review  # noqa: E402,F401  (routes register on bp)
