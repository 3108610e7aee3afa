"""Time one day of a trip exactly: legs, stops in the best order, visits inside opening hours,
and a lunch stop between 11:30 and 14:00 that never falls inside a leg.

Minutes are counted from midnight, Shanghai time. A stop is one site (a park with its tenants
and the sites nested in it): its visits follow each other with no travel between them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import permutations

from ..transport import Transport
from .inputs import LUNCH_EARLIEST, LUNCH_LATEST, LUNCH_MINIMUM, Host, Item

Range = tuple[int, int]
NOON = 12 * 60
LUNCH_AFTER = 13 * 60 + 30
WALK_KM = 1.2  # sites closer than this are reached on foot
WALK_KMH = 4.0
MAX_ORDERS = 120


@dataclass(frozen=True, slots=True)
class DayVisit:
    """A host to visit that day, when it is open that day, the coordinator's lock, and the
    start the delegation and the host were last given for it that day (``keep``)."""

    host: Host
    ranges: tuple[Range, ...]
    lock: int | None = None
    keep: int | None = None


@dataclass(frozen=True, slots=True)
class DayFrame:
    """Where a day starts and ends (hotel, station), and the minutes it may use."""

    low: int
    high: int
    start_city: str
    end_city: str
    lunch_minutes: int


def _distance_km(a: Host, b: Host) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    la1, lo1 = math.radians(a.latitude), math.radians(a.longitude)
    la2, lo2 = math.radians(b.latitude), math.radians(b.longitude)
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


def _move(
    here: str, previous: Host | None, following: Host, transport: Transport
) -> tuple[int, str, str] | None:
    """Minutes, mode and origin city of the way to a visit: a leg between cities, a hop
    within one (from the hotel or station when previous is None)."""
    if here != following.city:
        leg = transport.leg(here, following.city)
        return (leg.minutes, leg.mode, here) if leg else None
    minutes, mode = hop(previous, following, transport)
    return minutes, mode, here


def _simulate(
    order: Sequence[tuple[DayVisit, ...]],
    frame: DayFrame,
    transport: Transport,
    lunch_at: int,
    lunch_minutes: int,
) -> list[Item] | None:
    """Time the stops in this order with lunch at boundary `lunch_at` (2k: before the way to
    the k-th visit; 2k + 1: on arrival in its city after a leg); None if anything fails."""
    items: list[Item] = []
    t = frame.low
    here = frame.start_city
    previous: Host | None = None
    boundary = 0
    lunch_taken = False

    def lunch(at: int, city: str) -> int | None:
        start = max(at, LUNCH_EARLIEST)
        if start + lunch_minutes > LUNCH_LATEST:
            return None
        items.append(Item("lunch", start, start + lunch_minutes, city=city))
        return start + lunch_minutes

    for stop in order:
        for visit in stop:
            if boundary == lunch_at:
                after = lunch(t, here)
                if after is None:
                    return None
                t, lunch_taken = after, True
            move = _move(here, previous, visit.host, transport)
            if move is None:
                return None
            minutes, mode, origin = move
            duration = visit.host.visit_minutes
            if boundary + 1 == lunch_at:
                if origin == visit.host.city:
                    return None  # lunch on arrival only follows a leg between cities
                items.append(
                    Item("travel", t, t + minutes, mode=mode,  # type: ignore[arg-type]
                         from_city=origin, to_city=visit.host.city)
                )  # fmt: skip
                after = lunch(t + minutes, visit.host.city)
                if after is None:
                    return None
                t, lunch_taken, minutes = after, True, 0
            boundary += 2
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
                        "travel", start - minutes, start, mode=mode,  # type: ignore[arg-type]
                        from_city=origin, to_city=visit.host.city,
                    )
                )  # fmt: skip
            items.append(
                Item(
                    "visit", start, start + duration, host_id=visit.host.id,
                    city=visit.host.city, locked=visit.lock is not None,
                )
            )  # fmt: skip
            t, previous, here = start + duration, visit.host, visit.host.city
    if boundary == lunch_at and previous is not None:
        after = lunch(t, here)
        if after is None:
            return None
        t, lunch_taken = after, True
    if frame.end_city != here:
        leg = transport.leg(here, frame.end_city)
        if leg is None:
            return None
        items.append(
            Item("travel", t, t + leg.minutes, mode=leg.mode, from_city=here,
                 to_city=frame.end_city)
        )  # fmt: skip
        t += leg.minutes
    elif previous is not None:
        back = transport.same_city_minutes
        items.append(Item("travel", t, t + back, mode="road", from_city=here, to_city=here))
        t += back
    if t > frame.high:
        return None
    if previous is not None and not lunch_taken and needs_lunch(items):
        return None
    return items


def needs_lunch(items: Sequence[Item]) -> bool:
    """A day with visits needs a lunch stop when it keeps the delegation busy on both sides
    of midday: something starts before 12:00 and something ends after 13:30."""
    if not any(i.kind == "visit" for i in items):
        return False
    return min(i.start for i in items) < NOON and max(i.end for i in items) > LUNCH_AFTER


def schedule_day(
    visits: Sequence[DayVisit], frame: DayFrame, transport: Transport
) -> tuple[Item, ...] | None:
    """The day timed; None if no timing fits.

    Visits keep the start they were last given when the day still allows it (all of them,
    else all but one): an edit elsewhere in the day moves only what it must. Otherwise, and
    for a day never timed, the day that finishes earliest.
    """
    earliest = _earliest_day(visits, frame, transport)
    if earliest is None:
        return None
    keeping = [
        v
        for v in visits
        if v.lock is None
        and v.keep is not None
        and any(a <= v.keep and v.keep + v.host.visit_minutes <= b for a, b in v.ranges)
    ]
    if not keeping or all(_start_of(earliest, v) == v.keep for v in keeping):
        return earliest
    locked = {v.host.id for v in visits if v.lock is not None}
    for left_out in (None, *keeping):
        held = [
            replace(v, lock=v.keep) if v in keeping and v is not left_out else v for v in visits
        ]
        kept = _earliest_day(held, frame, transport)
        if kept is not None:
            return tuple(
                replace(i, locked=i.host_id in locked) if i.kind == "visit" else i for i in kept
            )
    return earliest


def _start_of(items: Sequence[Item], visit: DayVisit) -> int | None:
    return next((i.start for i in items if i.host_id == visit.host.id), None)


def _earliest_day(
    visits: Sequence[DayVisit], frame: DayFrame, transport: Transport
) -> tuple[Item, ...] | None:
    """The day that finishes earliest over stop orders and lunch positions; None if none fits."""
    stops = _stops(visits)
    best: list[Item] | None = None
    best_key: tuple[int, int] | None = None
    # A full lunch hour when the day allows it, else the shortest lunch that counts.
    for lunch_minutes in dict.fromkeys((frame.lunch_minutes, LUNCH_MINIMUM)):
        for count, order in enumerate(permutations(stops)):
            if count >= MAX_ORDERS:
                break
            boundaries = 2 * sum(len(stop) for stop in order)
            for lunch_at in [*range(boundaries + 1), -1]:
                items = _simulate(order, frame, transport, lunch_at, lunch_minutes)
                if items is None:
                    continue
                key = (
                    items[-1].end if items else frame.low,
                    sum(i.end - i.start for i in items if i.kind == "travel"),
                )
                if best_key is None or key < best_key:
                    best, best_key = items, key
        if best is not None:
            return tuple(best)
    return None


def free_parts(
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
