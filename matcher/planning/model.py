"""The planner's inputs and outputs: small frozen dataclasses, stdlib only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

# China keeps one offset all year (no daylight saving), so a fixed offset is exact.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")

DEFAULT_VISIT_MINUTES = 60
DEFAULT_SAME_CITY_MINUTES = 30
DEFAULT_OVERNIGHT_AFTER_MINUTES = 180
MAX_TRIP_DAYS = 60
# Hosts with no languages on record are assumed to speak Chinese only.
DEFAULT_HOST_LANGUAGES = ("zh",)
# A delegation with no languages on record is briefed and interpreted for in English.
DEFAULT_DELEGATION_LANGUAGE = "en"

# The other delegations' visits: organisation id → (start, end) intervals.
Bookings = Mapping[str, Sequence[tuple[datetime, datetime]]]


def local(moment: datetime) -> datetime:
    """Naive datetimes are Shanghai wall time; aware ones are converted to it."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=SHANGHAI)
    return moment.astimezone(SHANGHAI)


def stay_dates(arrival: date, departure: date) -> list[date]:
    """Every date from arrival to departure, both included."""
    return [arrival + timedelta(days=offset) for offset in range((departure - arrival).days + 1)]


@dataclass(frozen=True, slots=True)
class City:
    """One of the valley's cities, as data/cities.json describes it."""

    slug: str
    name: str
    latitude: float
    longitude: float
    names: Mapping[str, str] = field(default_factory=dict)

    def label(self, language: str = "en") -> str:
        """The city's name in a language, falling back to its English name."""
        return self.names.get(language) or self.name

    def label_with_chinese(self, language: str = "en") -> str:
        """The name in a language with the Chinese name beside it ("Suzhou 苏州"), once if
        they agree."""
        own, chinese = self.label(language), self.label("zh")
        return own if chinese in own else f"{own} {chinese}"


@dataclass(frozen=True, slots=True)
class VisitRequest:
    """An accepted match the coordinator wants on the itinerary."""

    organisation_id: str
    name: str
    city: str
    site: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    hours: tuple[time, time] | None = None
    visit_minutes: int | None = None
    strength: float = 0.0
    pinned: bool = False
    host_languages: tuple[str, ...] = ()
    lock: datetime | None = None
    capacity: int | None = None

    def __post_init__(self) -> None:
        if self.visit_minutes is not None and self.visit_minutes <= 0:
            raise ValueError(f"{self.name}: the visit must last at least one minute")
        if self.capacity is not None and self.capacity < 0:
            raise ValueError(f"{self.name}: capacity cannot be negative")
        if self.hours is not None and self.hours[1] <= self.hours[0]:
            raise ValueError(f"{self.name}: visiting hours must close after they open")

    @property
    def minutes(self) -> int:
        """How long the visit lasts, with the documented default."""
        return self.visit_minutes or DEFAULT_VISIT_MINUTES


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """The delegation's trip: dates, daily rhythm and languages."""

    arrival: date
    departure: date
    base_city: str = "songjiang"
    day_start: time = time(9, 0)
    day_end: time = time(18, 0)
    lunch_window: tuple[time, time] = (time(12, 0), time(13, 30))
    lunch_minutes: int = 60
    max_visits_per_day: int = 4
    rest_days: frozenset[date] = frozenset()
    languages: tuple[str, ...] = ()
    same_city_minutes: int = DEFAULT_SAME_CITY_MINUTES
    overnight_after_minutes: int = DEFAULT_OVERNIGHT_AFTER_MINUTES

    def __post_init__(self) -> None:
        if self.departure < self.arrival:
            raise ValueError(
                f"departure ({self.departure.isoformat()}) is before arrival "
                f"({self.arrival.isoformat()})"
            )
        if (self.departure - self.arrival).days + 1 > MAX_TRIP_DAYS:
            raise ValueError(f"a trip can last at most {MAX_TRIP_DAYS} days")
        if self.day_end <= self.day_start:
            raise ValueError("the day must end after it starts")
        lunch_open, lunch_close = self.lunch_window
        span = (lunch_close.hour * 60 + lunch_close.minute) - (
            lunch_open.hour * 60 + lunch_open.minute
        )
        if self.lunch_minutes < 0 or span < self.lunch_minutes:
            raise ValueError("the lunch break must fit inside the lunch window")
        if self.max_visits_per_day < 1:
            raise ValueError("allow at least one visit a day")
        if self.same_city_minutes < 0:
            raise ValueError("travel within a city cannot take negative time")

    @property
    def interpreter_language(self) -> str:
        """The language interpreters translate into: the delegation's first language."""
        return self.languages[0] if self.languages else DEFAULT_DELEGATION_LANGUAGE

    def trip_dates(self) -> list[date]:
        """Every date from arrival to departure, rest days included."""
        return stay_dates(self.arrival, self.departure)


@dataclass(frozen=True, slots=True)
class Visit:
    """A placed visit; times are Shanghai time."""

    request: VisitRequest
    start: datetime
    end: datetime
    stop: int
    interpreter_language: str | None = None
    moved_reason: str | None = None

    @property
    def needs_interpreter(self) -> bool:
        """True when the host and the delegation share no language."""
        return self.interpreter_language is not None


@dataclass(frozen=True, slots=True)
class Travel:
    """A leg between two cities, or between two sites of one city, by rail, road or on foot."""

    from_city: str
    to_city: str
    start: datetime
    end: datetime
    minutes: int
    mode: str = "road"


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One date of the trip: ordered visits and travel legs."""

    date: date
    items: tuple[Visit | Travel, ...] = ()
    start_city: str = "songjiang"
    end_city: str = "songjiang"
    lunch: tuple[datetime, datetime] | None = None
    rest_day: bool = False

    @property
    def visits(self) -> list[Visit]:
        """The day's visits in order."""
        return [item for item in self.items if isinstance(item, Visit)]

    @property
    def legs(self) -> list[Travel]:
        """The day's travel legs in order."""
        return [item for item in self.items if isinstance(item, Travel)]


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A request the planner could not place, and why."""

    request: VisitRequest
    reason: str


@dataclass(frozen=True, slots=True)
class Plan:
    """The itinerary: one DayPlan per trip date, what did not fit, and notes for the coordinator."""

    days: list[DayPlan]
    unplaced: list[Unplaced]
    notes: list[str]
    base_city: str = "songjiang"
    languages: tuple[str, ...] = ()

    @property
    def visits(self) -> list[Visit]:
        """Every placed visit in date and time order."""
        return [visit for day in self.days for visit in day.visits]
