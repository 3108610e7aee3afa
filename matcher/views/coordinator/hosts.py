"""Hosts' week: a grid of hosts by date with each delegation's visits and overbookings."""

from datetime import date, timedelta

from flask import render_template, request
from flask_babel import gettext as _

from ...db import get_session
from ...services import host_week as service
from . import bp


@bp.get("/hosts/week")
def host_week():
    """Who visits whom when over a week (or up to a month), conflicts flagged."""
    today = date.today()
    error = None
    try:
        start = date.fromisoformat(request.args.get("start") or "")
    except ValueError:
        start = today - timedelta(days=today.weekday())
        if request.args.get("start"):
            error = _("The start date must be written YYYY-MM-DD; showing this week instead.")
    days = request.args.get("days", "7")
    days = int(days) if days.isdigit() and 1 <= int(days) <= service.MAX_DAYS else 7
    try:
        week = service.host_week(session=get_session(), start=start, days=days)
    except ValueError:
        start = today - timedelta(days=today.weekday())
        error = _("That period runs past the end of the calendar; showing this week instead.")
        week = service.host_week(session=get_session(), start=start, days=days)
    return render_template(
        "coordinator/host_week.html",
        week=week,
        start=start,
        days=days,
        error=error,
        previous=start - timedelta(days=days),
        following=start + timedelta(days=days),
    ), (400 if error else 200)
