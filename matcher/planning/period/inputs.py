"""What a period's planning takes and gives: hosts, trips, their wishes, and the plans."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from ..calendar import OpeningHours
from ..model import stay_dates
from ..transport import Mode

LUNCH_EARLIEST = 11 * 60 + 30
LUNCH_LATEST = 14 * 60
LUNCH_MINIMUM = 45


def minutes_of(moment: time | datetime) -> int:
    """Minutes after midnight of a clock time."""
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True, slots=True)
class Host:
    """An organisation that receives delegations; `site` is the outermost park it lies in."""

    id: str
    name: str
    city: str
    site: str
    hours: OpeningHours | None = None
    capacity: int | None = None  # delegations a day; None: no limit on record
    visit_minutes: int = 60
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class Wish:
    """A visit a delegation wants: an accepted or pinned match, maybe locked at a time."""

    host_id: str
    strength: float = 0.0
    pinned: bool = False
    lock: datetime | None = None  # Shanghai wall time


@dataclass(frozen=True, slots=True)
class Trip:
    """A delegation's stay: dates, the hours it lands and leaves, where, and what it wants."""

    id: str
    name: str
    arrival: date
    departure: date
    wishes: tuple[Wish, ...] = ()
    arrival_time: time = time(9, 0)
    departure_time: time = time(18, 0)
    arrival_city: str = "songjiang"
    departure_city: str = "songjiang"
    rest_days: frozenset[date] = frozenset()
    day_start: time = time(9, 0)
    day_end: time = time(18, 0)
    lunch_minutes: int = 60
    max_stops: int = 4
    published: Mapping[str, date] = field(default_factory=dict)  # host id → published date
    # host id → the start (minutes) it was given on that date: kept when an edit allows it.
    published_starts: Mapping[str, int] = field(default_factory=dict)

    def dates(self) -> list[date]:
        """Every date of the stay."""
        return stay_dates(self.arrival, self.departure)

    def window(self, day: date) -> tuple[int, int]:
        """The minutes of a date the delegation can use: landing and leaving cut the ends."""
        low, high = minutes_of(self.day_start), minutes_of(self.day_end)
        if day == self.arrival:
            low = max(low, minutes_of(self.arrival_time))
        if day == self.departure:
            high = min(high, minutes_of(self.departure_time))
        return low, high


Kind = Literal["visit", "travel", "lunch"]


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a day: a visit, a leg (with its mode and cities) or lunch."""

    kind: Kind
    start: int
    end: int
    host_id: str | None = None
    city: str | None = None
    mode: Mode | None = None
    from_city: str | None = None
    to_city: str | None = None
    locked: bool = False

    @property
    def host(self) -> str:
        """The host a visit is at; empty for a leg or lunch."""
        return self.host_id or ""


@dataclass(frozen=True, slots=True)
class Day:
    """A date of a trip; `hotel` is where the delegation sleeps that night (None: it leaves)."""

    date: date
    items: tuple[Item, ...]
    hotel: str | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A wish left off the plan, with the true reason."""

    host_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class TripPlan:
    """One delegation's plan."""

    trip: Trip
    days: tuple[Day, ...]
    unplaced: tuple[Unplaced, ...]
    notes: tuple[str, ...] = ()

    def placed(self) -> set[str]:
        """The hosts the plan visits."""
        return {i.host_id for d in self.days for i in d.items if i.kind == "visit" and i.host_id}


@dataclass(frozen=True, slots=True)
class PeriodPlan:
    """Every delegation's plan, with how well and how fast the solve went."""

    plans: tuple[TripPlan, ...]
    status: str
    seconds: float
    notes: tuple[str, ...] = ()

    def share(self, plan: TripPlan) -> float:
        """The share of a delegation's wishes that the plan places (1 when it wished none)."""
        wished = {w.host_id for w in plan.trip.wishes}
        return len(plan.placed() & wished) / len(wished) if wished else 1.0

    def travel_minutes(self) -> int:
        """Minutes on the move over all plans."""
        return sum(
            i.end - i.start
            for p in self.plans
            for d in p.days
            for i in d.items
            if i.kind == "travel"
        )
