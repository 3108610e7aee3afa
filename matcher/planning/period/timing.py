"""Clock times for every day of an assignment: each delegation's hotels, the frame of each
day (where it starts and ends, its usable minutes) and the exact timing of its visits; a day
that cannot be timed comes back with the smallest part of its visits that cannot be."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..transport import Transport
from .assign import Assignment, wish_weight
from .explain import Explainer
from .inputs import Host, Item, Trip
from .legs import LAST
from .sequence import DayFrame, DayVisit, schedule_day


def hotels_of(trip: Trip, answer: Assignment) -> dict[date, str | None]:
    """Where the delegation sleeps each night: tonight's or tomorrow's city, none when it leaves."""
    dates = trip.dates()
    hotels: dict[date, str | None] = {}
    for today, tomorrow in zip(dates, dates[1:], strict=False):
        late = answer.evening.get((trip.id, today), False)
        hotels[today] = answer.city[(trip.id, tomorrow, 0) if late else (trip.id, today, LAST)]
    hotels[dates[-1]] = None
    return hotels


def day_frames(trips: Sequence[Trip], answer: Assignment) -> dict[tuple[str, date], DayFrame]:
    """Each day's start and end city (last night's hotel, tonight's) and usable minutes."""
    frames = {}
    for trip in trips:
        hotels = hotels_of(trip, answer)
        previous: str | None = trip.arrival_city
        for day in trip.dates():
            low, high = trip.window(day)
            frames[trip.id, day] = DayFrame(
                low,
                high,
                previous or trip.arrival_city,
                hotels[day] or trip.departure_city,
                trip.lunch_minutes,
            )
            previous = hotels[day]
    return frames


def time_days(
    trips: Sequence[Trip],
    hosts: Mapping[str, Host],
    answer: Assignment,
    locks: Mapping[tuple[str, str], date],
    explain: Explainer,
    *,
    drop: bool = False,
) -> tuple[dict[tuple[str, date], tuple[Item, ...]], list[tuple[str, date, frozenset[str]]]]:
    """Clock times for every day; the days that cannot be timed as cuts (or, with `drop`,
    timed after leaving out their weakest visits)."""
    timed: dict[tuple[str, date], tuple[Item, ...]] = {}
    failed: list[tuple[str, date, frozenset[str]]] = []
    frames = day_frames(trips, answer)
    explain.reset_busy()
    for trip in trips:
        weights = {w.host_id: (w.lock is not None, wish_weight(w)) for w in trip.wishes}
        for day in trip.dates():
            frame = frames[trip.id, day]
            chosen = sorted(answer.visits.get((trip.id, day), []))
            visits = [explain.day_visit(trip, hosts[h], day, locks) for h in chosen]
            items = schedule_day(visits, frame, explain.transport)
            while items is None and drop and visits:
                visits.remove(min(visits, key=lambda v: weights.get(v.host.id, (False, 0))))
                items = schedule_day(visits, frame, explain.transport)
            if items is not None:
                timed[trip.id, day] = items
                explain.hold(day, items)
            elif chosen:
                core = _conflict(visits, frame, explain.transport)
                failed.append((trip.id, day, frozenset(v.host.id for v in core)))
            else:
                # Only legs, and they do not fit: the day stays empty and the trip says why.
                timed[trip.id, day] = ()
    return timed, failed


def _conflict(visits: list[DayVisit], frame: DayFrame, transport: Transport) -> list[DayVisit]:
    """A smallest part of a day's visits that still cannot be timed (each one left out in
    turn): the cut then rules out every day that holds these together, not only this one."""
    core = list(visits)
    for visit in list(core):
        trial = [v for v in core if v is not visit]
        if trial and schedule_day(trial, frame, transport) is None:
            core = trial
    return core
