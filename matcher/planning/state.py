"""The plan under construction: each date's requests and best schedule, and trial insertions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .day import EMPTY_COST, DayContext, Schedule, best_schedule, build_stops, site_of
from .model import Bookings, PlanSettings, VisitRequest, local
from .travel import TravelTable

# How a candidate day compares: (extra city changes, extra travel minutes, cities that day,
# stops that day, date order). Lower is better; the last field makes ties deterministic.
InsertKey = tuple[int, int, int, int, int]


def index_bookings(bookings: Bookings | None) -> dict[date, dict[str, list[tuple[int, int]]]]:
    """Bookings per date and organisation as sorted minute intervals, clipped to each date."""
    index: dict[date, dict[str, list[tuple[int, int]]]] = {}
    for organisation_id, intervals in (bookings or {}).items():
        for raw_start, raw_end in intervals:
            start, end = local(raw_start), local(raw_end)
            if end <= start:
                continue
            day = start.date()
            while day <= end.date():
                low = start.hour * 60 + start.minute if day == start.date() else 0
                high = end.hour * 60 + end.minute if day == end.date() else 24 * 60
                if high > low:
                    index.setdefault(day, {}).setdefault(organisation_id, []).append((low, high))
                day += timedelta(days=1)
    for per_org in index.values():
        for minutes in per_org.values():
            minutes.sort()
    return index


@dataclass(slots=True)
class Trial:
    """A feasible insertion: how good it is and the schedules it would commit."""

    key: InsertKey
    day: date
    schedules: dict[date, Schedule]


@dataclass(slots=True)
class PlanState:
    """Each date's requests and current best schedule."""

    settings: PlanSettings
    travel: TravelTable
    busy: Mapping[date, Mapping[str, Sequence[tuple[int, int]]]]
    dates: list[date] = field(default_factory=list)
    requests: dict[date, list[VisitRequest]] = field(default_factory=dict)
    schedules: dict[date, Schedule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.dates = self.settings.trip_dates()
        self.requests = {day: [] for day in self.dates}
        empty = Schedule((), self.settings.base_city, None, EMPTY_COST, frozenset(), 0)
        self.schedules = {day: empty for day in self.dates}

    def working(self, day: date) -> bool:
        """A trip date that is not a rest day."""
        return day not in self.settings.rest_days and day in self.requests

    def context(
        self,
        day: date,
        *,
        start_city: str | None = None,
        relax: bool | str = False,
        ignore_hours: bool = False,
    ) -> DayContext:
        """The day's context given the current plan (or an assumed start city).

        `relax` ignores every booking when True, or only one organisation's when an id.
        """
        previous = day - timedelta(days=1)
        if start_city is None:
            start_city = (
                self.schedules[previous].end_city
                if previous in self.schedules
                else self.settings.base_city
            )
        busy = self.busy.get(day, {})
        if isinstance(relax, str):
            busy = {org: spans for org, spans in busy.items() if org != relax}
        return DayContext(
            date=day,
            start_city=start_city,
            may_stay_away=self.working(day + timedelta(days=1)),
            settings=self.settings,
            travel=self.travel,
            busy=busy,
            ignore_bookings=relax is True,
            ignore_hours=ignore_hours,
        )

    def try_insert(
        self, request: VisitRequest, day: date, *, relax: bool | str = False
    ) -> Trial | None:
        """Schedule the day (and the next, if where the delegation sleeps changes) with one more."""
        stops = build_stops([*self.requests[day], request])
        if request.lock is None and len(stops) > self.settings.max_visits_per_day:
            return None
        schedule = best_schedule(stops, self.context(day, relax=relax))
        if schedule is None:
            return None
        old = self.schedules[day]
        changes = schedule.cost[0] - old.cost[0]
        travelled = schedule.cost[1] - old.cost[1]
        updates = {day: schedule}
        following, previous = day + timedelta(days=1), schedule
        # Where the delegation sleeps decides where the next day starts; re-plan the following
        # days until the place they end at no longer changes.
        while following in self.schedules and previous.end_city != self._end_city(
            following - timedelta(days=1)
        ):
            next_stops = build_stops(self.requests[following])
            next_context = self.context(following, start_city=previous.end_city, relax=relax)
            after = best_schedule(next_stops, next_context)
            if after is None:
                return None
            changes += after.cost[0] - self.schedules[following].cost[0]
            travelled += after.cost[1] - self.schedules[following].cost[1]
            updates[following] = previous = after
            following += timedelta(days=1)
        key = (changes, travelled, len(schedule.cities), schedule.stops, self.dates.index(day))
        return Trial(key, day, updates)

    def _end_city(self, day: date) -> str:
        """Where the current plan has the delegation sleep after a date."""
        return self.schedules[day].end_city

    def best_insert(self, request: VisitRequest, *, relax: bool | str = False) -> Trial | None:
        """The best working day for a request, or None when no day can take it."""
        best: Trial | None = None
        for day in self.dates:
            if not self.working(day):
                continue
            trial = self.try_insert(request, day, relax=relax)
            if trial is not None and (best is None or trial.key < best.key):
                best = trial
        return best

    def commit(self, request: VisitRequest, trial: Trial) -> None:
        """Add the request to its day and keep the trial's schedules."""
        self.requests[trial.day].append(request)
        self.schedules.update(trial.schedules)

    def alone_fits(self, request: VisitRequest, *, relax: bool, ignore_hours: bool) -> bool:
        """Whether the request fits some working day on its own, starting from the base."""
        stops = build_stops([request])
        for day in self.dates:
            if not self.working(day):
                continue
            context = self.context(
                day, start_city=self.settings.base_city, relax=relax, ignore_hours=ignore_hours
            )
            if best_schedule(stops, context) is not None:
                return True
        return False

    def full_days(self, request: VisitRequest) -> bool:
        """Whether every working day already has its maximum of stops (none at this site)."""
        limit = self.settings.max_visits_per_day
        key = (request.city, site_of(request))
        days = [day for day in self.dates if self.working(day)]
        return bool(days) and all(
            len(build_stops(self.requests[day])) >= limit
            and key not in {(r.city, site_of(r)) for r in self.requests[day]}
            for day in days
        )
