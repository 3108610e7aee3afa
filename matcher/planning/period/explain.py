"""What each host allows on each date, which locks can be kept, and why a visit is left off."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..calendar import WorkingCalendar
from ..said import N_, City, Said
from ..transport import Transport
from .assign import Assignment
from .inputs import Day, Host, Item, Trip, minutes_of
from .legs import LAST, PARTS
from .sequence import DayVisit, free_parts
from .wording import MODES, WEEKDAY_NAMES, duration, listed, on_day
from .wording import holiday as holiday_name

Ranges = tuple[tuple[int, int], ...]


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
        return Said(
            N_(
                "The trip from %(arrival)s to %(departure)s has no working day (rest days, "
                "weekends and public holidays only): hosts open then are the only ones that "
                "can be visited."
            ),
            arrival=trip.arrival.isoformat(),
            departure=trip.departure.isoformat(),
        )

    def day_note(self, trip: Trip, day: date) -> str | None:
        """What kind of day it is, when it is not an ordinary working day."""
        if day in trip.rest_days:
            return Said(N_("Rest day"))
        holiday = self.calendar.holiday(day)
        if holiday:
            return Said(N_("Public holiday: %(holiday)s"), holiday=holiday_name(holiday))
        if day.weekday() >= 5:
            if self.calendar.working(day):
                return Said(N_("Make-up working day"))
            return Said(WEEKDAY_NAMES[day.weekday()])
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
            return (), Said(
                N_("no travel figures for its city (%(city)s) in the travel table"),
                city=host.city,
            )
        if host.capacity == 0:
            return (), Said(
                N_("%(host)s receives no delegations at present (capacity 0)"), host=host.name
            )
        days = tuple(
            d
            for d in trip.dates()
            if d not in trip.rest_days and self._fits(trip, host, d) and self._room(host, d) != 0
        )
        if days:
            return days, ""
        closed = [
            Said(
                N_("%(date)s (%(what)s)"),
                date=d.isoformat(),
                what=self.day_note(trip, d) or Said(N_("closed")),
            )
            for d in trip.dates()
            if not self.open_ranges(host, d)
        ]
        if len(closed) == len(trip.dates()):
            return (), Said(
                N_("%(host)s is closed on every day of the trip: %(days)s"),
                host=host.name,
                days=listed(closed),
            )
        if all(self._room(host, d) == 0 for d in trip.dates() if self._fits(trip, host, d)):
            return (), Said(
                N_("%(host)s is fully booked by other delegations on every open day"),
                host=host.name,
            )
        return (), Said(
            N_(
                "%(host)s's opening hours leave no %(minutes)s-minute slot on a day the "
                "delegation can visit (rest days, arrival and departure times)"
            ),
            host=host.name,
            minutes=host.visit_minutes,
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
        """The host as the day's timing needs it: open ranges cut to the day, its lock, and
        the start it was last given if that was on this day."""
        low, high = trip.window(day)
        ranges = free_parts(
            [(max(a, low), min(b, high)) for a, b in self.open_ranges(host, day) if b > low],
            self.busy.get((host.id, day), ()),
        )
        lock = None
        wish = next((w for w in trip.wishes if w.host_id == host.id), None)
        if wish is not None and wish.lock is not None and locks.get((trip.id, host.id)) == day:
            lock = minutes_of(wish.lock)
        keep = trip.published_starts.get(host.id) if trip.published.get(host.id) == day else None
        return DayVisit(host, ranges, lock, keep)

    def why_not(
        self, trip: Trip, host_id: str, answer: Assignment, plan_days: Sequence[Day] = ()
    ) -> Said:
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
            return Said(
                N_(
                    "%(host)s receives at most %(capacity)s delegation(s) a day and other "
                    "delegations hold every day it is open to this one (%(days)s)"
                ),
                host=host.name,
                capacity=host.capacity,
                days=listed([d.isoformat() for d in days]),
            )
        cities = {answer.city.get((trip.id, d, part)) for d in trip.dates() for part in PARTS}
        home = self._nearest_base(trip, host, days, answer, plan_days)
        if host.city not in cities and home != host.city:
            leg = self.transport.leg(home, host.city)
            how = (
                Said(
                    N_("%(time)s by %(mode)s"),
                    time=duration(leg.minutes),
                    mode=Said(MODES[leg.mode]),
                )
                if leg
                else Said(N_("far"))
            )
            return Said(
                N_(
                    "%(city)s is %(how)s from the %(base)s hotel and no day has room for it; "
                    "add a %(city)s night or drop a visit"
                ),
                city=City(host.city),
                how=how,
                base=City(home),
            )
        timed = {day.date: day for day in plan_days}
        taken = []
        for when in days:
            day = timed.get(when)
            items = day.items if day is not None else ()
            visits = [i for i in items if i.kind == "visit"]
            stops = {self.hosts[i.host].site for i in visits if i.host in self.hosts}
            if len(stops) >= trip.max_stops:
                taken.append(
                    Said(
                        N_("%(day)s already has %(stops)s stops, the most a day"),
                        day=on_day(when),
                        stops=len(stops),
                    )
                )
            else:
                taken.append(
                    Said(
                        N_(
                            "%(day)s has no %(minutes)s-minute slot left in its hours after "
                            "%(visits)s visit(s), travel and lunch (%(busy)s)"
                        ),
                        day=on_day(when),
                        minutes=host.visit_minutes,
                        visits=len(visits),
                        busy=duration(sum(i.end - i.start for i in items)),
                    )
                )
        return Said(
            N_("%(host)s fits no day it is open: %(days)s; drop a visit or lengthen the day"),
            host=host.name,
            days=listed(taken, "; "),
        )

    def _nearest_base(
        self,
        trip: Trip,
        host: Host,
        days: Sequence[date],
        answer: Assignment,
        plan_days: Sequence[Day],
    ) -> str:
        """Of the hotels the delegation sleeps in around the host's open days (the night
        before and the night of each), the one closest to the host's city."""
        hotels: dict[date, str | None] = {d.date: d.hotel for d in plan_days}
        dates = trip.dates()
        bases: list[str] = []
        for day in days or dates:
            index = dates.index(day)
            before = hotels.get(dates[index - 1]) if index else trip.arrival_city
            tonight = hotels.get(day) if day != dates[-1] else trip.departure_city
            bases.extend(
                city or answer.city.get((trip.id, day, part), trip.arrival_city)
                for part, city in ((0, before), (LAST, tonight))
            )

        def distance(city: str) -> int:
            leg = self.transport.leg(city, host.city)
            return leg.minutes if leg else 10**6

        return min(bases, key=lambda city: (distance(city), city))
