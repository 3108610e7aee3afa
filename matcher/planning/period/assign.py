"""Which delegation visits which host on which day, and where each delegation is each day:
one CP-SAT model for every delegation of the period, so scarce hosts are shared fairly.

Per delegation and part of a day (morning, midday, afternoon: the cities a day passes through,
in order) the model picks the city it is in; per date the visits of that day (each in one of
the day's cities; every site at most one day; a host over all delegations at most its capacity
that day), and whether the move to the next day's city happens that evening or the next
morning. Each day's minutes must hold its legs, the ways between its stops (a leg between
cities takes the place of the way within one), its visits and lunch. The exact
clock times are set afterwards (sequence.py); a day that cannot be timed comes back as a cut.

Objective, in this order (weights keep each tier above everything below it): the smallest
share of a delegation's wishes placed; the placed wishes weighted by match strength and pins;
the minutes of travel; the visits moved off the day they were published on. After an edit
(`Problem.local`) the last two swap: an edit changes only what must change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from ..transport import Transport
from .budget import DayTerms, Ranges, add_day
from .inputs import Host, Trip, Wish
from .legs import LAST, PARTS, add_legs
from .search import add_hints, new_solver, read_answer

SHARE_SCALE = 100
TRAVEL_SECONDS_BASE = 0.2
# Of a solve's time, the part for placing the visits; the rest polishes the travel.
PLACEMENT_SHARE = 0.8
TRAVEL_SECONDS_PER_TRIP = 0.15


@dataclass(frozen=True, slots=True)
class Problem:
    """Everything the model reads, precomputed: who may visit whom on which date."""

    trips: Sequence[Trip]
    hosts: Mapping[str, Host]
    transport: Transport
    # (trip id, host id) → dates the visit may go on (a lock leaves one)
    allowed: Mapping[tuple[str, str], tuple[date, ...]]
    locks: Mapping[tuple[str, str], date]
    # (host id, date) → visits it can still take over all delegations
    capacity: Mapping[tuple[str, date], int]
    # Stop on deterministic time: the same inputs give the same answer (see search.py).
    steady: bool = False
    # (host id, date) → its opening ranges that date, in minutes
    ranges: Mapping[tuple[str, date], Ranges] = field(default_factory=dict)
    # An edit: what was placed stays where it was unless the edit needs it moved (fewest
    # changes rank above least travel).
    local: bool = False


@dataclass(slots=True)
class Assignment:
    """The solver's answer: visits per delegation and date, its city, and evening moves."""

    status: str
    visits: dict[tuple[str, date], list[str]] = field(default_factory=dict)
    # (trip id, date, part of the day: PARTS, LAST the evening's) → city
    city: dict[tuple[str, date, int], str] = field(default_factory=dict)
    evening: dict[tuple[str, date], bool] = field(default_factory=dict)
    # Every model variable's value by name: a complete start for a larger model's search.
    values: dict[str, int] = field(default_factory=dict)


def total(terms: Iterable[cp_model.LinearExpr]) -> cp_model.LinearExpr:
    """The sum of solver terms as one expression (zero when there are none)."""
    return cp_model.LinearExpr.sum(*terms)


def wish_weight(wish: Wish) -> int:
    """A placed wish's worth: every wish counts, stronger matches and pins count more."""
    return 10 + round(10 * max(0.0, min(1.0, wish.strength))) + (20 if wish.pinned else 0)


def solve_assignment(
    problem: Problem,
    *,
    time_limit: float,
    cuts: Sequence[tuple[str, date, frozenset[str]]] = (),
    hint: Assignment | None = None,
    locks_hard: bool = True,
    polish_travel: bool = True,
    workers: int = 1,
) -> Assignment:
    """Solve the period's model within the time limit; status is CP-SAT's status name.

    Without `polish_travel` only the placement is optimised (a quick start for a larger solve).
    """
    model = cp_model.CpModel()
    transport = problem.transport
    hop = transport.same_city_minutes
    x: dict[tuple[str, str, date], cp_model.IntVar] = {}
    loc: dict[tuple[str, date, int, str], cp_model.IntVar] = {}
    evening: dict[tuple[str, date], cp_model.IntVar] = {}
    shares: list[list[cp_model.IntVar]] = []
    weighted: list[cp_model.LinearExpr] = []
    travel: list[cp_model.LinearExpr] = []
    changes: list[cp_model.LinearExpr] = []
    lock_terms: list[cp_model.LinearExpr] = []
    overrun: list[cp_model.LinearExpr] = []
    peaks: list[cp_model.IntVar] = []
    peak_bound = 0
    later: list[cp_model.LinearExpr] = []  # days into the trip of each visit
    later_bound = 0
    per_host_day: dict[tuple[str, date], list[cp_model.IntVar]] = {}
    share_min = model.new_int_var(0, SHARE_SCALE, "share_min")
    travel_bound = published_bound = weight_bound = 0

    for trip in problem.trips:
        dates = trip.dates()
        wishes = [w for w in trip.wishes if (trip.id, w.host_id) in problem.allowed]
        cities = sorted(
            {trip.arrival_city, trip.departure_city}
            | {problem.hosts[w.host_id].city for w in wishes}
        )
        periods = [(day, part) for day in dates for part in PARTS]
        for day, half in periods:
            choices = [model.new_bool_var(f"loc_{trip.id}_{day}_{half}_{c}") for c in cities]
            model.add_exactly_one(choices)
            for city, var in zip(cities, choices, strict=True):
                loc[trip.id, day, half, city] = var
        site_days: dict[tuple[str, date], list[cp_model.IntVar]] = {}
        placed = []
        for wish in wishes:
            host = problem.hosts[wish.host_id]
            days = []
            for day in problem.allowed[trip.id, wish.host_id]:
                var = model.new_bool_var(f"x_{trip.id}_{host.id}_{day}")
                x[trip.id, host.id, day] = var
                model.add(var <= total(loc[trip.id, day, part, host.city] for part in PARTS))
                site_days.setdefault((host.site, day), []).append(var)
                per_host_day.setdefault((host.id, day), []).append(var)
                days.append(var)
            model.add_at_most_one(days)
            placed.extend(days)
            later.extend(
                dates.index(day) * var
                for day, var in zip(problem.allowed[trip.id, wish.host_id], days, strict=True)
            )
            later_bound += len(dates) - 1
            weight = wish_weight(wish)
            weight_bound += weight
            weighted.extend(weight * var for var in days)
            lock_day = problem.locks.get((trip.id, wish.host_id))
            if lock_day is not None and (trip.id, host.id, lock_day) in x:
                if locks_hard:
                    model.add(x[trip.id, host.id, lock_day] == 1)
                else:
                    lock_terms.append(x[trip.id, host.id, lock_day])
            published = trip.published.get(wish.host_id)
            if published is not None and (trip.id, host.id, published) in x:
                changes.append(1 - x[trip.id, host.id, published])
                published_bound += 1
        # a site (a park, its tenants and what is nested in it) is one stop on one day
        stop: dict[date, list[cp_model.IntVar]] = {}
        by_site: dict[str, list[cp_model.IntVar]] = {}
        for (site, day), members in site_days.items():
            used = model.new_bool_var(f"s_{trip.id}_{site}_{day}")
            model.add_max_equality(used, members)
            stop.setdefault(day, []).append(used)
            by_site.setdefault(site, []).append(used)
        for used_days in by_site.values():
            model.add_at_most_one(used_days)
        # the busiest day's stops: spread visits rather than pile them onto one day
        if stop:
            peak = model.new_int_var(0, trip.max_stops, f"peak_{trip.id}")
            for used_today in stop.values():
                model.add(peak >= total(used_today))
            peaks.append(peak)
            peak_bound += trip.max_stops
        if wishes:
            model.add(SHARE_SCALE * total(placed) >= len(wishes) * share_min)
        shares.append(placed)

        legs = add_legs(model, trip, cities, loc, transport)
        travel.extend(legs.travel)
        evening.update((key, late) for key, late in legs.evening.items())
        longest = legs.longest
        travel_bound += longest * (len(PARTS) * len(dates) + 1) + hop * 2 * trip.max_stops * len(
            dates
        )

        for day in dates:
            terms = DayTerms(
                legs.morning[day],
                total(legs.within[day]),
                legs.night[day],
                total(legs.switches[day]),
                stop.get(day, []),
                [
                    (
                        problem.hosts[w.host_id],
                        x[trip.id, w.host_id, day],
                        loc[trip.id, day, 0, problem.hosts[w.host_id].city],
                        loc[trip.id, day, LAST, problem.hosts[w.host_id].city],
                    )
                    for w in wishes
                    if (trip.id, w.host_id, day) in x
                ],
            )
            bound = 3 * longest + 1 if day == dates[-1] else 0
            inner, slack = add_day(
                model, trip, day, terms, problem.ranges, hop=hop, slack_bound=bound
            )
            travel.append(inner)
            overrun.append(slack)

    for (host_id, day), members in per_host_day.items():
        limit = problem.capacity.get((host_id, day))
        if limit is not None:
            model.add(total(members) <= limit)
    for trip_id, day, hosts in cuts:
        members = [x[trip_id, h, day] for h in sorted(hosts) if (trip_id, h, day) in x]
        if members:
            model.add(total(members) <= len(members) - 1)

    # Stage 1: fairness, then the placed wishes (locks and legs that fit come first of all).
    tier_share = weight_bound + 1
    tier_lock = tier_share * (SHARE_SCALE + 1)
    placement = (
        tier_lock * (total(lock_terms) - total(overrun)) + tier_share * share_min + total(weighted)
    )
    model.maximize(placement)
    if hint is not None:
        add_hints(model, hint, x, loc, evening, share_min)
    steady = problem.steady
    solver = new_solver(
        time_limit * (PLACEMENT_SHARE if polish_travel else 1), steady=steady, workers=workers
    )
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Assignment(solver.status_name(status))
    first_status = status
    if not polish_travel:
        answer = Assignment(solver.status_name(status))
        return read_answer(answer, solver, x, loc, evening, model)
    # Stage 2: keep that placement; least travel, then fewest changes to what was published,
    # then the lightest busiest day, then the earliest days (not the day of departure).
    model.add(placement >= round(solver.objective_value))
    values = list(solver.ResponseProto().solution)
    model.clear_hints()
    model.Proto().solution_hint.vars.extend(range(len(values)))
    model.Proto().solution_hint.values.extend(values)
    tier_peaks = later_bound + 1
    tier_changes = tier_peaks * (peak_bound + 1)
    tier_travel = tier_changes * (published_bound + 1)
    if problem.local:
        # An edit keeps the other visits on their days even where moving them saves travel.
        tier_travel, tier_changes = tier_changes, tier_changes * (travel_bound + 1)
    model.minimize(
        tier_travel * total(travel)
        + tier_changes * total(changes)
        + tier_peaks * total(peaks)
        + total(later)
    )
    # Travel is polished for a bounded effort: the placement above is what matters most.
    effort = TRAVEL_SECONDS_BASE + TRAVEL_SECONDS_PER_TRIP * len(problem.trips)
    if steady:
        left = time_limit * (1 - PLACEMENT_SHARE)
    else:
        left = time_limit - solver.wall_time
    second = new_solver(min(left, effort), steady=steady, workers=workers)
    status = second.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        solver = second
        if first_status != cp_model.OPTIMAL:
            status = cp_model.FEASIBLE
    else:
        status = first_status
    return read_answer(Assignment(solver.status_name(status)), solver, x, loc, evening)
