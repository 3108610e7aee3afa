"""One day's schedule: group visits into stops, time them, and pick the best order.

Times are whole minutes after midnight, Shanghai time. A day begins at the hotel in its start
city (the base, or where the delegation slept) and ends at the hotel in its end city.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import permutations

from .model import PlanSettings, VisitRequest, local
from .said import N_, Said
from .travel import HOTEL, TravelTable

# Up to this many stops a day every order is tried (6! = 720); beyond, a heuristic orders them.
EXACT_STOP_LIMIT = 6
_HEURISTIC_PASSES = 200


def clock(moment: datetime | time) -> int:
    """Minutes after midnight of a clock time or datetime."""
    return moment.hour * 60 + moment.minute


def site_of(request: VisitRequest) -> str:
    """The site key that bundles requests; a request without one is a site of its own."""
    return request.site if request.site else f"\x00org:{request.organisation_id}"


@dataclass(frozen=True, slots=True)
class Stop:
    """Requests visited back to back at one site (a locked visit is always a stop of its own)."""

    key: str
    city: str
    site: str
    requests: tuple[VisitRequest, ...]


@dataclass(frozen=True, slots=True)
class DayContext:
    """What a day's schedule depends on besides its visits."""

    date: date
    start_city: str
    may_stay_away: bool
    settings: PlanSettings
    travel: TravelTable
    # organisation id → that date's other bookings as sorted (start, end) minutes
    busy: Mapping[str, Sequence[tuple[int, int]]]
    ignore_bookings: bool = False
    ignore_hours: bool = False


@dataclass(frozen=True, slots=True)
class Slot:
    """A timed visit or leg; a leg has request None."""

    start: int
    end: int
    request: VisitRequest | None = None
    from_city: str = ""
    to_city: str = ""
    moved_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    """A feasible timing of a day in one order, with its cost (city changes, travel, finish)."""

    slots: tuple[Slot, ...]
    end_city: str
    lunch: tuple[int, int] | None
    cost: tuple[int, int, int]
    cities: frozenset[str]
    stops: int


EMPTY_COST = (0, 0, 0)


def build_stops(requests: Sequence[VisitRequest]) -> list[Stop]:
    """Bundle a day's requests by site, each stop's requests in opening and id order."""
    groups: dict[tuple[str, str], list[VisitRequest]] = {}
    for request in requests:
        key = (request.city, site_of(request))
        if request.lock is not None:
            key = (request.city, f"\x00lock:{request.organisation_id}")
        groups.setdefault(key, []).append(request)
    stops = []
    for (city, site_key), members in sorted(groups.items()):
        members.sort(key=lambda r: (r.hours or (), r.organisation_id))
        stops.append(
            Stop(
                key=f"{city}/{site_key}",
                city=city,
                site=site_of(members[0]),
                requests=tuple(members),
            )
        )
    return stops


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _earliest(request: VisitRequest, ready: int, ctx: DayContext) -> tuple[int, str | None] | None:
    """The earliest start at or after `ready`, and why it was pushed later, or None."""
    settings = ctx.settings
    low, high = max(ready, clock(settings.day_start)), (clock(settings.day_end))
    if request.hours is not None and not ctx.ignore_hours:
        low = max(low, clock(request.hours[0]))
        high = min(high, clock(request.hours[1]))
    start, reason = low, None
    if not ctx.ignore_bookings:
        busy = ctx.busy.get(request.organisation_id, ())
        if request.capacity is not None and len(busy) >= request.capacity:
            return None
        for busy_start, busy_end in busy:
            if busy_end <= start:
                continue
            if busy_start >= start + request.minutes:
                break
            start = busy_end
            reason = Said(
                N_("moved to %(time)s: %(host)s hosts another delegation %(start)s–%(end)s"),
                time=_hhmm(start), host=request.name, start=_hhmm(busy_start), end=_hhmm(busy_end),
            )  # fmt: skip
    if start + request.minutes > high:
        return None
    return start, reason


def simulate(stops: Sequence[Stop], ctx: DayContext) -> Schedule | None:
    """Time the stops in this order; None when some visit, lunch or the way home cannot fit."""
    settings, travel = ctx.settings, ctx.travel
    day_end = clock(settings.day_end)
    lunch_open = clock(settings.lunch_window[0])
    lunch_latest = clock(settings.lunch_window[1]) - settings.lunch_minutes
    free = clock(settings.day_start)
    last_visit_end = free
    city, site = ctx.start_city, HOTEL
    lunch: tuple[int, int] | None = None
    lunch_settled = False  # taken, or given up around a locked visit
    slots: list[Slot] = []
    changes = travelled = 0
    first, last_locked = True, False
    for stop in stops:
        for request in stop.requests:
            leg = travel.between(city, site, request.city, stop.site)
            if leg is None:
                return None
            reason = None
            if request.lock is not None:
                # A coordinator's lock is kept as set, outside hours, bookings and the day window.
                start = clock(local(request.lock))
                if not first and start - leg < free:
                    return None
                if not lunch_settled and start + request.minutes > lunch_latest:
                    lunch_start = max(last_visit_end, lunch_open)
                    if (
                        lunch_start <= lunch_latest
                        and lunch_start + settings.lunch_minutes <= start
                    ):
                        lunch = (lunch_start, lunch_start + settings.lunch_minutes)
                    lunch_settled = True
            else:
                found = _earliest(request, free + leg, ctx)
                if found is None:
                    return None
                start, reason = found
                if not lunch_settled and start + request.minutes > lunch_latest:
                    lunch_start = max(last_visit_end, lunch_open)
                    if lunch_start > lunch_latest:
                        return None
                    lunch = (lunch_start, lunch_start + settings.lunch_minutes)
                    lunch_settled = True
                    if start < lunch[1]:
                        found = _earliest(request, max(free + leg, lunch[1]), ctx)
                        if found is None:
                            return None
                        start, reason = found
            if leg:
                # Leave just in time: waiting happens at the hotel or the last site, not en route.
                slots.append(Slot(start - leg, start, None, city, request.city))
                travelled += leg
                changes += city != request.city
            end = start + request.minutes
            slots.append(Slot(start, end, request, moved_reason=reason))
            free = last_visit_end = end
            city, site = request.city, stop.site
            first, last_locked = False, request.lock is not None
    end_city = settings.base_city
    if not slots and city == settings.base_city:
        return Schedule((), end_city, None, EMPTY_COST, frozenset(), 0)
    far = travel.between_cities(city, settings.base_city)
    if (
        ctx.may_stay_away
        and slots
        and city != settings.base_city
        and (far is None or far > settings.overnight_after_minutes)
    ):
        end_city = city  # sleep near the last stop; tomorrow starts here
    else:
        leg = travel.between(city, site, settings.base_city, HOTEL)
        if leg is None:
            return None
        if free + leg > day_end and not last_locked:
            return None
        slots.append(Slot(free, free + leg, None, city, settings.base_city))
        travelled += leg
        changes += city != settings.base_city
        free += leg
    if not lunch_settled and slots and last_visit_end <= lunch_latest:
        lunch_start = max(last_visit_end, lunch_open)
        lunch = (lunch_start, lunch_start + settings.lunch_minutes)
    visits = [slot.request for slot in slots if slot.request is not None]
    return Schedule(
        slots=tuple(slots),
        end_city=end_city,
        lunch=lunch if visits else None,
        cost=(changes, travelled, free),
        cities=frozenset(request.city for request in visits),
        stops=len(stops),
    )


def best_schedule(stops: Sequence[Stop], ctx: DayContext) -> Schedule | None:
    """The cheapest feasible order: every order up to EXACT_STOP_LIMIT stops, else a heuristic."""
    if len(stops) <= EXACT_STOP_LIMIT:
        best: Schedule | None = None
        # permutations of a sorted list come in lexicographic order, so ties keep the first
        for order in permutations(stops):
            schedule = simulate(order, ctx)
            if schedule is not None and (best is None or schedule.cost < best.cost):
                best = schedule
        return best
    return _improve(_initial_order(stops, ctx), ctx)


def _initial_order(stops: Sequence[Stop], ctx: DayContext) -> list[Stop]:
    """Locked stops by time; the rest city by city, nearest city next, by opening within a city."""
    by_city: dict[str, list[Stop]] = {}
    for stop in stops:
        by_city.setdefault(stop.city, []).append(stop)
    order: list[Stop] = []
    here = ctx.start_city
    while by_city:
        here = min(by_city, key=lambda c: (ctx.travel.between_cities(here, c) or 10**6, c))
        order.extend(sorted(by_city.pop(here), key=_stop_time_key))
    return order


def _stop_time_key(stop: Stop) -> tuple:
    first = stop.requests[0]
    lock = local(first.lock) if first.lock else None
    moment = (lock.hour, lock.minute) if lock else None
    opening = (first.hours[0].hour, first.hours[0].minute) if first.hours else (0, 0)
    return (moment or opening, stop.key)


def _improve(order: list[Stop], ctx: DayContext) -> Schedule | None:
    """Relocate single stops while the day gets cheaper (or-opt), starting from a time-sorted
    fallback when the grouped order is infeasible."""
    best = simulate(order, ctx)
    if best is None:
        order = sorted(order, key=_stop_time_key)
        best = simulate(order, ctx)
    for _ in range(_HEURISTIC_PASSES):
        improved = False
        for i in range(len(order)):
            for j in range(len(order)):
                if i == j:
                    continue
                candidate = order[:i] + order[i + 1 :]
                candidate.insert(j, order[i])
                schedule = simulate(candidate, ctx)
                if schedule is not None and (best is None or schedule.cost < best.cost):
                    best, order, improved = schedule, candidate, True
                    break
            if improved:
                break
        if not improved:
            break
    return best
