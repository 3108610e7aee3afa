"""Service: each host's week, who visits whom when over a period, and where a host is overbooked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from ..db import row_id
from ..models import Delegation, DelegationStatus, Itinerary, Organisation, ScheduledVisit
from ..planning.model import SHANGHAI

MAX_DAYS = 31


@dataclass(frozen=True)
class Booking:
    """One delegation's visit at a host (Shanghai time)."""

    delegation_id: int
    delegation: str
    start: str
    end: str


def _(message: str) -> str:
    """Marks a sentence for extraction; the pages say it in the reader's language."""
    return message


@dataclass(frozen=True)
class Conflict:
    """Why a host-day is overbooked: a sentence with ``%(name)s`` placeholders and its values."""

    message: str
    values: dict[str, str | int]

    def __str__(self) -> str:
        return self.message % self.values


@dataclass(frozen=True)
class Cell:
    """A host on a date: its visits, and why that is too many when it is."""

    date: date
    bookings: tuple[Booking, ...]
    conflict: Conflict | None


@dataclass(frozen=True)
class HostRow:
    """A host over the period."""

    organisation_id: int
    name: str
    city: str
    capacity: int | None
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class HostWeek:
    """Hosts that receive delegations in the period, by date."""

    dates: tuple[date, ...]
    rows: tuple[HostRow, ...]

    @property
    def conflicts(self) -> int:
        """How many host-days are overbooked."""
        return sum(1 for row in self.rows for cell in row.cells if cell.conflict)


def _local(moment: datetime) -> datetime:
    # Visits are stored in UTC; SQLite hands them back without their zone.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(SHANGHAI)


def _conflict(bookings: list[Booking], capacity: int | None) -> Conflict | None:
    if capacity is not None and len(bookings) > capacity:
        return Conflict(
            _("%(count)d delegations, capacity %(capacity)d a day"),
            {"count": len(bookings), "capacity": capacity},
        )
    ordered = sorted(bookings, key=lambda b: b.start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if second.start < first.end:
            return Conflict(
                _("%(first)s and %(second)s at the same time"),
                {"first": first.delegation, "second": second.delegation},
            )
    return None


def host_week(*, session: Session, start: date, days: int = 7) -> HostWeek:
    """Every planned visit from `start` for `days` dates, grouped by host and date.

    :raises ValueError: when `days` is not between 1 and 31 or the dates run off the calendar.
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a period lasts 1 to {MAX_DAYS} days")
    if start > date.max - timedelta(days=days):
        raise ValueError("the period runs past the end of the calendar")
    dates = tuple(start + timedelta(days=n) for n in range(days))
    first = datetime.combine(dates[0], time.min, SHANGHAI).astimezone(UTC)
    last = datetime.combine(dates[-1], time.max, SHANGHAI).astimezone(UTC)
    rows = session.exec(
        select(ScheduledVisit, Delegation, Organisation)
        .join(Itinerary, col(Itinerary.id) == ScheduledVisit.itinerary_id)
        .join(Delegation, col(Delegation.id) == Itinerary.delegation_id)
        .join(Organisation, col(Organisation.id) == ScheduledVisit.organisation_id)
        .where(
            ScheduledVisit.start >= first,
            ScheduledVisit.start <= last,
            Delegation.status != DelegationStatus.closed,
        )
    ).all()
    by_host: dict[int, dict[date, list[Booking]]] = {}
    hosts: dict[int, Organisation] = {}
    for visit, delegation, organisation in rows:
        start_at, end_at = _local(visit.start), _local(visit.end)
        hosts[row_id(organisation)] = organisation
        by_host.setdefault(row_id(organisation), {}).setdefault(start_at.date(), []).append(
            Booking(row_id(delegation), delegation.name, f"{start_at:%H:%M}", f"{end_at:%H:%M}")
        )
    result = []
    for organisation_id, per_day in by_host.items():
        organisation = hosts[organisation_id]
        cells = tuple(
            Cell(
                day,
                tuple(sorted(per_day.get(day, []), key=lambda b: b.start)),
                _conflict(per_day.get(day, []), organisation.capacity),
            )
            for day in dates
        )
        result.append(
            HostRow(
                organisation_id, organisation.name, organisation.city, organisation.capacity, cells
            )
        )
    result.sort(key=lambda row: (row.city, row.name))
    return HostWeek(dates, tuple(result))
