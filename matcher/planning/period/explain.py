"""What each host allows on each date, which locks can be kept, and why a visit is left off."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..calendar import WEEKDAYS, WorkingCalendar
from ..transport import Transport
from .assign import Assignment
from .inputs import Day, Host, Item, Trip, minutes_of
from .sequence import DayVisit

Ranges = tuple[tuple[int, int], ...]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def duration(minutes: int) -> str:
    """ "2 h 10" or "45 min"."""
    return f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


class Explainer:
    """The calendar, hosts and travel table, read the same way by the model and the reasons."""

    def __init__(
        self,
        hosts: Mapping[str, Host],
        transport: Transport,
        calendar: WorkingCalendar,
        booked: Mapping[tuple[str, date], Sequence[tuple[int, int]]],
    ) -> None:
        self.hosts = hosts
        self.transport = transport
        self.calendar = calendar
        # Visits hosts give to delegations outside this solve, per date, in minutes.
        self.booked = booked
        # The same plus the visits timed so far in this solve: a host receives one at a time.
        self.busy: dict[tuple[str, date], list[tuple[int, int]]] = {}
        # Locked visits of this solve hold their time before anything else is timed.
        self.locked: list[tuple[str, date, int, int]] = []
        self.reset_busy()

    def reset_busy(self) -> None:
        """Forget the visits timed in this solve; keep the other plans' and the locks."""
        self.busy = {key: list(spans) for key, spans in self.booked.items()}
        for host_id, day, start, end in self.locked:
            self.busy.setdefault((host_id, day), []).append((start, end))

    def hold(self, day: date, items: Sequence[Item], *, release: bool = False) -> None:
        """Mark (or with `release`, unmark) a day's visits as taking their hosts' time."""
        for item in items:
            if item.kind == "visit" and item.host_id:
                spans = self.busy.setdefault((item.host_id, day), [])
                if release:
                    spans.remove((item.start, item.end))
                else:
                    spans.append((item.start, item.end))

    def name(self, host_id: str) -> str:
        """The host's name, or its id when it is not in the directory."""
        host = self.hosts.get(host_id)
        return host.name if host else host_id

    def open_ranges(self, host: Host, day: date) -> Ranges:
        """When the host receives visitors that date; no hours on record: working days 9–18."""
        if host.hours is None:
            return ((9 * 60, 18 * 60),) if self.calendar.working(day) else ()
        return self.calendar.open_ranges(host.hours, day)

    def working_days(self, trip: Trip) -> list[date]:
        """The trip's dates that are neither rest days nor days off in China."""
        return [d for d in trip.dates() if d not in trip.rest_days and self.calendar.working(d)]

    def no_working_day(self, trip: Trip) -> str:
        """Why a trip has no day for visits."""
        return (
            f"The trip from {trip.arrival.isoformat()} to {trip.departure.isoformat()} has no "
            "working day (rest days, weekends and public holidays only): hosts open then are "
            "the only ones that can be visited."
        )

    def day_note(self, trip: Trip, day: date) -> str | None:
        """What kind of day it is, when it is not an ordinary working day."""
        if day in trip.rest_days:
            return "Rest day"
        holiday = self.calendar.holiday(day)
        if holiday:
            return f"Public holiday: {holiday}"
        if day.weekday() >= 5:
            return "Make-up working day" if self.calendar.working(day) else WEEKDAYS[day.weekday()]
        return None

    def _fits(self, trip: Trip, host: Host, day: date) -> bool:
        low, high = trip.window(day)
        return any(
            min(b, high) - max(a, low) >= host.visit_minutes for a, b in self.open_ranges(host, day)
        )

    def allowed_days(self, trip: Trip, host_id: str) -> tuple[tuple[date, ...], str]:
        """The dates a visit may take, or none and the reason."""
        host = self.hosts.get(host_id)
        if host is None:
            return (), "not in the directory any more"
        if not self.transport.knows(host.city):
            return (), f"no travel figures for its city ({host.city}) in the travel table"
        if host.capacity == 0:
            return (), f"{host.name} receives no delegations at present (capacity 0)"
        days = tuple(
            d
            for d in trip.dates()
            if d not in trip.rest_days and self._fits(trip, host, d) and self._room(host, d) != 0
        )
        if days:
            return days, ""
        closed = [
            f"{d.isoformat()} ({self.day_note(trip, d) or 'closed'})"
            for d in trip.dates()
            if not self.open_ranges(host, d)
        ]
        if len(closed) == len(trip.dates()):
            return (), f"{host.name} is closed on every day of the trip: {', '.join(closed)}"
        if all(self._room(host, d) == 0 for d in trip.dates() if self._fits(trip, host, d)):
            return (), f"{host.name} is fully booked by other delegations on every open day"
        return (), (
            f"{host.name}'s opening hours leave no {host.visit_minutes}-minute slot on a day "
            "the delegation can visit (rest days, arrival and departure times)"
        )

    def _room(self, host: Host, day: date) -> int | None:
        if host.capacity is None:
            return None
        return max(0, host.capacity - len(self.booked.get((host.id, day), ())))

    def capacity(self, allowed: Mapping[tuple[str, str], Sequence[date]]) -> dict:
        """(host id, date) → visits it can still take, for the hosts and dates in play."""
        room = {}
        for (_, host_id), days in allowed.items():
            for day in days:
                value = self._room(self.hosts[host_id], day)
                if value is not None:
                    room[host_id, day] = value
        return room

    def day_visit(
        self, trip: Trip, host: Host, day: date, locks: Mapping[tuple[str, str], date]
    ) -> DayVisit:
        """The host as the day's timing needs it: open ranges cut to the day, and its lock."""
        low, high = trip.window(day)
        ranges = _without(
            [(max(a, low), min(b, high)) for a, b in self.open_ranges(host, day) if b > low],
            self.busy.get((host.id, day), ()),
        )
        lock = None
        wish = next((w for w in trip.wishes if w.host_id == host.id), None)
        if wish is not None and wish.lock is not None and locks.get((trip.id, host.id)) == day:
            lock = minutes_of(wish.lock)
        return DayVisit(host, ranges, lock)

    def why_not(
        self, trip: Trip, host_id: str, answer: Assignment, plan_days: Sequence[Day] = ()
    ) -> str:
        """The real cause a wish with open days was not placed."""
        host = self.hosts[host_id]
        days = self.allowed_days(trip, host_id)[0]
        full = [
            d
            for d in days
            if host.capacity is not None
            and sum(host_id in v for (t, when), v in answer.visits.items() if when == d)
            + len(self.booked.get((host_id, d), ()))
            >= host.capacity
        ]
        if days and len(full) == len(days):
            return (
                f"{host.name} receives at most {host.capacity} delegation(s) a day and other "
                f"delegations hold every day it is open to this one ({', '.join(map(str, days))})"
            )
        cities = {answer.city.get((trip.id, d, half)) for d in trip.dates() for half in (0, 1)}
        if host.city not in cities:
            home = answer.city.get((trip.id, trip.dates()[0], 1), trip.arrival_city)
            leg = self.transport.leg(home, host.city)
            how = f"{duration(leg.minutes)} by {leg.mode}" if leg else "far"
            return (
                f"{host.city.title()} is {how} from the {home.title()} hotel and no day has "
                f"room for it; add a {host.city.title()} night or drop a visit"
            )
        timed = {day.date: day for day in plan_days}
        taken = []
        for when in days:
            day = timed.get(when)
            items = day.items if day is not None else ()
            visits = [i for i in items if i.kind == "visit"]
            stops = {self.hosts[i.host].site for i in visits if i.host in self.hosts}
            label = f"{when:%a %d %b}"
            if len(stops) >= trip.max_stops:
                taken.append(f"{label} already has {len(stops)} stops, the most a day")
            else:
                busy = duration(sum(i.end - i.start for i in items))
                taken.append(
                    f"{label} has no {host.visit_minutes}-minute slot left in its hours after "
                    f"{len(visits)} visit(s), travel and lunch ({busy})"
                )
        return (
            f"{host.name} fits no day it is open: {'; '.join(taken)}; "
            "drop a visit or lengthen the day"
        )


def _without(
    ranges: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """The parts of the ranges that no taken span covers."""
    free = list(ranges)
    for low, high in taken:
        free = [
            part
            for a, b in free
            for part in ((a, min(b, low)), (max(a, high), b))
            if part[1] > part[0]
        ]
    return tuple(sorted(free))


def check_locks(
    trips: Sequence[Trip],
    hosts: Mapping[str, Host],
    allowed: Mapping[tuple[str, str], Sequence[date]],
    explain: Explainer,
) -> tuple[dict[tuple[str, str], date], list[tuple[str, str]]]:
    """The locks that can be kept, and for each refused one its delegation and the reason."""
    kept: dict[tuple[str, str], date] = {}
    refused: list[tuple[str, str]] = []
    taken: dict[tuple[str, date], int] = {}
    held = {key: list(spans) for key, spans in explain.booked.items()}
    for trip in trips:
        spans: list[tuple[date, int, int, str]] = []
        cities: dict[date, str] = {}
        for wish in sorted(
            (w for w in trip.wishes if w.lock is not None), key=lambda w: (w.lock, w.host_id)
        ):
            host = hosts.get(wish.host_id)
            if host is None or wish.lock is None or (trip.id, wish.host_id) not in allowed:
                continue
            day, start = wish.lock.date(), minutes_of(wish.lock)
            end = start + host.visit_minutes
            when = f"{_hhmm(start)} on {day.isoformat()}"
            low, high = trip.window(day) if trip.arrival <= day <= trip.departure else (0, 0)
            reason = None
            if not trip.arrival <= day <= trip.departure:
                reason = "outside the trip"
            elif day in trip.rest_days:
                reason = "a rest day of the delegation"
            elif start < low or end > high:
                reason = f"outside the delegation's day ({_hhmm(low)}–{_hhmm(high)})"
            elif not any(a <= start and end <= b for a, b in explain.open_ranges(host, day)):
                hours = host.hours.describe() if host.hours else "not on record"
                reason = f"outside {host.name}'s opening hours ({hours})"
            elif any(d == day and s < end and start < e for d, s, e, _ in spans):
                other = next(n for d, s, e, n in spans if d == day and s < end and start < e)
                reason = f"it clashes with the lock of {other}"
            elif any(s < end and start < e for s, e in held.get((host.id, day), ())):
                reason = f"{host.name} receives another delegation at that time"
            elif cities.get(day, host.city) != host.city:
                reason = f"that day is already locked in {cities[day].title()}"
            elif (
                host.capacity is not None
                and taken.get((host.id, day), 0) + len(explain.booked.get((host.id, day), ()))
                >= host.capacity
            ):
                reason = f"{host.name} is at its capacity of {host.capacity} that day"
            if reason:
                refused.append(
                    (
                        trip.id,
                        f"Lock refused: {host.name} at {when} is {reason}; it is planned "
                        "freely instead.",
                    )
                )
                continue
            kept[trip.id, host.id] = day
            spans.append((day, start, end, host.name))
            cities[day] = host.city
            taken[host.id, day] = taken.get((host.id, day), 0) + 1
            held.setdefault((host.id, day), []).append((start, end))
            explain.locked.append((host.id, day, start, end))
    return kept, refused
