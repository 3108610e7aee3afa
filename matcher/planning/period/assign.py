"""Which delegation visits which host on which day, and where each delegation is each day:
one CP-SAT model for every delegation of the period, so scarce hosts are shared fairly.

Per delegation and date the model picks the city it is in, the visits of that day (all in that
city; every site at most one day; a host over all delegations at most its capacity that day),
and whether the move to the next day's city happens that evening or the next morning. Each
day's minutes must hold its legs, the trips between its stops, its visits and lunch. The exact
clock times are set afterwards (sequence.py); a day that cannot be timed comes back as a cut.

Objective, in this order (weights keep each tier above everything below it): the smallest
share of a delegation's wishes placed; the placed wishes weighted by match strength and pins;
the minutes of travel; the visits moved off the day they were published on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from ..transport import Transport
from .inputs import Host, Trip, Wish

SHARE_SCALE = 100


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


@dataclass(slots=True)
class Assignment:
    """The solver's answer: visits per delegation and date, its city, and evening moves."""

    status: str
    visits: dict[tuple[str, date], list[str]] = field(default_factory=dict)
    city: dict[tuple[str, date], str] = field(default_factory=dict)
    evening: dict[tuple[str, date], bool] = field(default_factory=dict)


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
) -> Assignment:
    """Solve the period's model within the time limit; status is CP-SAT's status name."""
    model = cp_model.CpModel()
    transport = problem.transport
    hop = transport.same_city_minutes
    x: dict[tuple[str, str, date], cp_model.IntVar] = {}
    loc: dict[tuple[str, date, str], cp_model.IntVar] = {}
    evening: dict[tuple[str, date], cp_model.IntVar] = {}
    shares, weighted, travel, changes, lock_terms, overrun = [], [], [], [], [], []
    per_host_day: dict[tuple[str, date], list[cp_model.IntVar]] = {}
    share_min = model.NewIntVar(0, SHARE_SCALE, "share_min")
    travel_bound = published_bound = weight_bound = 0

    for trip in problem.trips:
        dates = trip.dates()
        wishes = [w for w in trip.wishes if (trip.id, w.host_id) in problem.allowed]
        cities = sorted(
            {trip.arrival_city, trip.departure_city}
            | {problem.hosts[w.host_id].city for w in wishes}
        )
        for day in dates:
            choices = [model.NewBoolVar(f"loc_{trip.id}_{day}_{c}") for c in cities]
            model.AddExactlyOne(choices)
            for city, var in zip(cities, choices, strict=True):
                loc[trip.id, day, city] = var
        site_days: dict[tuple[str, date], list[cp_model.IntVar]] = {}
        placed = []
        for wish in wishes:
            host = problem.hosts[wish.host_id]
            days = []
            for day in problem.allowed[trip.id, wish.host_id]:
                var = model.NewBoolVar(f"x_{trip.id}_{host.id}_{day}")
                x[trip.id, host.id, day] = var
                model.AddImplication(var, loc[trip.id, day, host.city])
                site_days.setdefault((host.site, day), []).append(var)
                per_host_day.setdefault((host.id, day), []).append(var)
                days.append(var)
            model.AddAtMostOne(days)
            placed.extend(days)
            weight = wish_weight(wish)
            weight_bound += weight
            weighted.extend(weight * var for var in days)
            lock_day = problem.locks.get((trip.id, wish.host_id))
            if lock_day is not None and (trip.id, host.id, lock_day) in x:
                if locks_hard:
                    model.Add(x[trip.id, host.id, lock_day] == 1)
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
            used = model.NewBoolVar(f"s_{trip.id}_{site}_{day}")
            model.AddMaxEquality(used, members)
            stop.setdefault(day, []).append(used)
            by_site.setdefault(site, []).append(used)
        for used_days in by_site.values():
            model.AddAtMostOne(used_days)
        if wishes:
            model.Add(SHARE_SCALE * sum(placed) >= len(wishes) * share_min)
        shares.append(placed)

        # legs: arrival → first day's city, between days, last day's city → departure
        def leg_minutes(a: str, b: str) -> int:
            if a == b:
                return 0
            minutes = transport.minutes(a, b)
            return minutes if minutes is not None else 10**4

        morning: dict[date, cp_model.LinearExpr] = {}
        night: dict[date, cp_model.LinearExpr] = {}
        morning[dates[0]] = sum(
            leg_minutes(trip.arrival_city, c) * loc[trip.id, dates[0], c] for c in cities
        )
        night[dates[-1]] = sum(
            leg_minutes(c, trip.departure_city) * loc[trip.id, dates[-1], c] for c in cities
        )
        longest = max(leg_minutes(a, b) for a in cities for b in cities)
        travel_bound += longest * (len(dates) + 1) + hop * 2 * trip.max_stops * len(dates)
        travel.extend([morning[dates[0]], night[dates[-1]]])
        for today, tomorrow in zip(dates, dates[1:], strict=False):
            moves = []
            for a in cities:
                for b in cities:
                    z = model.NewBoolVar(f"z_{trip.id}_{today}_{a}_{b}")
                    moves.append((a, b, z))
            for a in cities:
                model.Add(sum(z for p, _, z in moves if p == a) == loc[trip.id, today, a])
                model.Add(sum(z for _, q, z in moves if q == a) == loc[trip.id, tomorrow, a])
            minutes = sum(leg_minutes(a, b) * z for a, b, z in moves if a != b)
            leg = model.NewIntVar(0, longest, f"leg_{trip.id}_{today}")
            model.Add(leg == minutes)
            late = model.NewBoolVar(f"e_{trip.id}_{today}")
            evening[trip.id, today] = late
            part = model.NewIntVar(0, longest, f"le_{trip.id}_{today}")
            model.Add(part == leg).OnlyEnforceIf(late)
            model.Add(part == 0).OnlyEnforceIf(late.Not())
            night[today] = part
            morning[tomorrow] = leg - part
            travel.append(leg)

        for day in dates:
            stops = stop.get(day, [])
            low, high = trip.window(day)
            budget = 0 if day in trip.rest_days else max(0, high - low)
            visits = [
                problem.hosts[w.host_id].visit_minutes * x[trip.id, w.host_id, day]
                for w in wishes
                if (trip.id, w.host_id, day) in x
            ]
            busy = model.NewBoolVar(f"v_{trip.id}_{day}")
            if stops:
                model.AddMaxEquality(busy, stops)
                model.Add(sum(stops) <= trip.max_stops)
            else:
                model.Add(busy == 0)
            inner = hop * (sum(stops) + busy)
            travel.append(inner)
            # Slack only lets the legs overrun a day that has no visit: a journey that cannot
            # fit between landing and leaving keeps the model solvable and is reported.
            slack = model.NewIntVar(0, 2 * longest + 1, f"slack_{trip.id}_{day}")
            model.Add(slack == 0).OnlyEnforceIf(busy)
            overrun.append(slack)
            model.Add(
                sum(visits) + inner + trip.lunch_minutes * busy + morning[day] + night[day]
                <= budget + slack
            )

    for (host_id, day), members in per_host_day.items():
        limit = problem.capacity.get((host_id, day))
        if limit is not None:
            model.Add(sum(members) <= limit)
    for trip_id, day, hosts in cuts:
        members = [x[trip_id, h, day] for h in hosts if (trip_id, h, day) in x]
        if members:
            model.Add(sum(members) <= len(members) - 1)

    tier_changes = published_bound + 1
    tier_travel = tier_changes * (travel_bound + 1)
    tier_weight = tier_travel + tier_changes * travel_bound + published_bound + 1
    tier_share = tier_weight * (weight_bound + 1)
    tier_lock = tier_share * (SHARE_SCALE + 1)
    model.Maximize(
        tier_lock * (sum(lock_terms) - sum(overrun))
        + tier_share * share_min
        + tier_weight * sum(weighted)
        - tier_changes * sum(travel)
        - sum(changes)
    )
    if hint is not None:
        for (trip_id, host_id, day), var in x.items():
            model.AddHint(var, host_id in hint.visits.get((trip_id, day), ()))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = 2
    status = solver.Solve(model)
    answer = Assignment(solver.StatusName(status))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return answer
    for (trip_id, host_id, day), var in x.items():
        if solver.Value(var):
            answer.visits.setdefault((trip_id, day), []).append(host_id)
    for (trip_id, day, city), var in loc.items():
        if solver.Value(var):
            answer.city[trip_id, day] = city
    for key, var in evening.items():
        answer.evening[key] = bool(solver.Value(var))
    return answer
