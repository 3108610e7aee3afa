"""Hosts' week: who visits whom when over a period, overbookings flagged (coordinators)."""

from ...db import get_session
from ...services import host_week as service
from . import BEARER, ITINERARIES, bp, coordinator_required, error
from .schemas import ErrorResponse, HostWeekOut, HostWeekQuery


@bp.get(
    "/hosts/week",
    tags=[ITINERARIES],
    security=BEARER,
    responses={200: HostWeekOut, 401: ErrorResponse},
)
@coordinator_required
def hosts_week(query: HostWeekQuery):
    """Every planned visit of the period, by host and date, with conflicts."""
    try:
        week = service.host_week(session=get_session(), start=query.start, days=query.days)
    except ValueError as exc:
        return error(
            422, "Unprocessable Entity", "Some fields are not valid.", {"start": [str(exc)]}
        )
    return {
        "dates": [day.isoformat() for day in week.dates],
        "conflicts": week.conflicts,
        "hosts": [
            {
                "organisation_id": row.organisation_id,
                "name": row.name,
                "city": row.city,
                "capacity": row.capacity,
                "days": [
                    {
                        "date": cell.date.isoformat(),
                        "bookings": [vars(booking) for booking in cell.bookings],
                        "conflict": str(cell.conflict) if cell.conflict else None,
                    }
                    for cell in row.cells
                ],
            }
            for row in week.rows
        ],
    }
