"""Time one day of a trip exactly: legs, stops in the best order, visits inside opening hours,
and a lunch stop between 11:30 and 14:00 that never falls inside a leg.

Minutes are counted from midnight, Shanghai time. A stop is one site (a park with its tenants
and the sites nested in it): its visits follow each other with no travel between them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations

from ..transport import Transport
from .inputs import LUNCH_EARLIEST, LUNCH_LATEST, Host, Item

Range = tuple[int, int]
WALK_KM = 1.2  # sites closer than this are reached on foot
WALK_KMH = 4.0
MAX_ORDERS = 120


@dataclass(frozen=True, slots=True)
class DayVisit:
    """A host to visit that day, when it is open that day, and the coordinator's lock."""

    host: Host
    ranges: tuple[Range, ...]
    lock: int | None = None


@dataclass(frozen=True, slots=True)
class DayFrame:
    """Where a day starts and ends, and the minutes it may use."""

    low: int
    high: int
    start_city: str
    day_city: str
    end_city: str
    lunch_minutes: int


def _distance_km(a: Host, b: Host) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def hop(previous: Host | None, following: Host, transport: Transport) -> tuple[int, str]:
    """Minutes and mode between two sites of one city (from the hotel when previous is None)."""
    if previous is not None:
        if previous.site == following.site:
            return 0, "walk"
        distance = _distance_km(previous, following)
        if distance is not None and distance < WALK_KM:
            return max(5, math.ceil(distance / WALK_KMH * 60)), "walk"
    return transport.same_city_minutes, "road"


def _stops(visits: Sequence[DayVisit]) -> list[tuple[DayVisit, ...]]:
    """Visits grouped by site; within a site, locks keep their time and the rest open first."""
    groups: dict[str, list[DayVisit]] = {}
    for visit in visits:
        groups.setdefault(visit.host.site, []).append(visit)
    return [
        tuple(
            sorted(
                group,
                key=lambda v: (
                    v.lock if v.lock is not None else -1,
                    v.ranges[0][0] if v.ranges else 0,
                    v.host.id,
                ),
            )
        )
        for _, group in sorted(groups.items())
    ]


def _start_in(ranges: Sequence[Range], ready: int, minutes: int) -> int | None:
    """The earliest start at or after `ready` that fits inside one opening range."""
    for low, high in ranges:
        start = max(ready, low)
        if start + minutes <= high:
            return start
    return None


def _simulate(
    order: Sequence[tuple[DayVisit, ...]], frame: DayFrame, transport: Transport, lunch_at: int
) -> list[Item] | None:
    """Time the stops in this order with lunch at boundary `lunch_at`; None if anything fails."""
    items: list[Item] = []
    t = frame.low
    if frame.start_city != frame.day_city:
        leg = transport.leg(frame.start_city, frame.day_city)
        if leg is None:
            return None
        items.append(
            Item(
                "travel",
                t,
                t + leg.minutes,
                mode=leg.mode,
                from_city=frame.start_city,
                to_city=frame.day_city,
            )
        )
        t += leg.minutes
    previous: Host | None = None
    boundary = 0
    lunch_taken = False
    for stop in order:
        for visit in stop:
            if boundary == lunch_at:
                start = max(t, LUNCH_EARLIEST)
                if start + frame.lunch_minutes > LUNCH_LATEST:
                    return None
                items.append(Item("lunch", start, start + frame.lunch_minutes, city=frame.day_city))
                t, lunch_taken = start + frame.lunch_minutes, True
            boundary += 1
            minutes, mode = hop(previous, visit.host, transport)
            duration = visit.host.visit_minutes
            if visit.lock is not None:
                start = visit.lock
                if t + minutes > start:
                    return None
            else:
                found = _start_in(visit.ranges, t + minutes, duration)
                if found is None:
                    return None
                start = found
            if minutes:
                # Leave just in time: any wait is spent at the last site, not on the road.
                items.append(
                    Item(
                        "travel",
                        start - minutes,
                        start,
                        mode=mode,  # type: ignore[arg-type]
                        from_city=frame.day_city,
                        to_city=frame.day_city,
                    )
                )
            items.append(
                Item(
                    "visit",
                    start,
                    start + duration,
                    host_id=visit.host.id,
                    city=visit.host.city,
                    locked=visit.lock is not None,
                )
            )
            t, previous = start + duration, visit.host
    if boundary == lunch_at and previous is not None:
        start = max(t, LUNCH_EARLIEST)
        if start + frame.lunch_minutes > LUNCH_LATEST:
            return None
        items.append(Item("lunch", start, start + frame.lunch_minutes, city=frame.day_city))
        t, lunch_taken = start + frame.lunch_minutes, True
    if frame.end_city != frame.day_city:
        leg = transport.leg(frame.day_city, frame.end_city)
        if leg is None:
            return None
        items.append(
            Item(
                "travel",
                t,
                t + leg.minutes,
                mode=leg.mode,
                from_city=frame.day_city,
                to_city=frame.end_city,
            )
        )
        t += leg.minutes
    elif previous is not None:
        back = transport.same_city_minutes
        items.append(
            Item(
                "travel", t, t + back, mode="road", from_city=frame.day_city, to_city=frame.day_city
            )
        )
        t += back
    if t > frame.high:
        return None
    if previous is not None and not lunch_taken and needs_lunch(items):
        return None
    return items


def needs_lunch(items: Sequence[Item]) -> bool:
    """A day needs a lunch stop when its visits span part of 11:30–14:00."""
    visits = [i for i in items if i.kind == "visit"]
    if not visits:
        return False
    first, last = min(v.start for v in visits), max(v.end for v in visits)
    return first < LUNCH_LATEST and last > LUNCH_EARLIEST


def schedule_day(
    visits: Sequence[DayVisit], frame: DayFrame, transport: Transport
) -> tuple[Item, ...] | None:
    """The day that finishes earliest over stop orders and lunch positions; None if none fits."""
    stops = _stops(visits)
    best: list[Item] | None = None
    best_key: tuple[int, int] | None = None
    orders = permutations(stops)
    for count, order in enumerate(orders):
        if count >= MAX_ORDERS:
            break
        boundaries = sum(len(stop) for stop in order)
        for lunch_at in [*range(boundaries + 1), -1]:
            items = _simulate(order, frame, transport, lunch_at)
            if items is None:
                continue
            key = (
                items[-1].end if items else frame.low,
                sum(i.end - i.start for i in items if i.kind == "travel"),
            )
            if best_key is None or key < best_key:
                best, best_key = items, key
    return tuple(best) if best is not None else None
