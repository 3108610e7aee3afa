"""Each delegation planned alone around the others: the joint solve's start, and the re-plan
of delegations with a day that could not be timed."""

from __future__ import annotations

import time as stopwatch
from collections.abc import Sequence
from datetime import date

from .assign import Assignment, Problem, solve_assignment, wish_weight
from .inputs import Trip

SHORTEST_START = 0.2  # seconds: a delegation's own solve is given at least this


def score(answer: Assignment, trips: Sequence[Trip]) -> tuple[float, int]:
    """How an assignment ranks by the first two aims: smallest share placed, then worth."""
    placed = {(t, h) for (t, _), hosts in answer.visits.items() for h in hosts}
    shares, worth = [], 0
    for trip in trips:
        wished = {w.host_id for w in trip.wishes}
        got = [w for w in trip.wishes if (trip.id, w.host_id) in placed]
        shares.append(len(got) / len(wished) if wished else 1.0)
        worth += sum(wish_weight(w) for w in got)
    return (min(shares) if shares else 1.0, worth)


def replan(
    problem: Problem,
    answer: Assignment,
    trip_ids: set[str],
    cuts: Sequence[tuple[str, date, frozenset[str]]],
    time_limit: float,
) -> None:
    """Re-plan these delegations one by one around everyone else's visits; in place."""
    began = stopwatch.perf_counter()
    left = dict(problem.capacity)
    for (_, day), hosts in answer.visits.items():
        for host_id in hosts:
            if (host_id, day) in left:
                left[host_id, day] -= 1
    chosen = [t for t in problem.trips if t.id in trip_ids]
    for index, trip in enumerate(chosen):
        # Its own visits go back to the pool while it is re-planned (and are taken again if
        # the re-plan fails and they stay).
        own = [(h, day) for (t, day), hosts in answer.visits.items() if t == trip.id for h in hosts]
        for key in own:
            if key in left:
                left[key] += 1
        spare = time_limit - (0 if problem.steady else stopwatch.perf_counter() - began)
        alone = _alone(problem, trip, left)
        part = solve_assignment(
            alone,
            time_limit=max(0.2, spare / (len(chosen) - index)),
            cuts=[c for c in cuts if c[0] == trip.id],
            hint=answer,
            polish_travel=False,
        )
        if part.status not in ("OPTIMAL", "FEASIBLE"):
            for key in own:
                if key in left:
                    left[key] -= 1
            continue
        for key in [k for k in answer.visits if k[0] == trip.id]:
            del answer.visits[key]
        answer.visits.update(part.visits)
        answer.city.update(part.city)
        answer.evening.update(part.evening)
        for (_, day), hosts in part.visits.items():
            for host_id in hosts:
                if (host_id, day) in left:
                    left[host_id, day] -= 1


def seed_alone(problem: Problem, time_limit: float, *, deadline: float) -> Assignment | None:
    """Each delegation alone, shortest trips first, on the capacity the earlier ones left;
    `time_limit` is shared out among them, and past `deadline` seconds there is no start."""
    if len(problem.trips) < 2:
        return None
    began = stopwatch.perf_counter()
    left = dict(problem.capacity)
    merged = Assignment("FEASIBLE")
    # The delegations with the fewest days their hosts can receive them choose first: they
    # have no other day to fall back on (a short trip over a holiday and a weekend).
    usable: dict[str, set[date]] = {t.id: set() for t in problem.trips}
    for (trip_id, _), days in problem.allowed.items():
        usable[trip_id].update(days)
    ordered = sorted(problem.trips, key=lambda t: (len(usable[t.id]), len(t.dates()), t.id))
    for index, trip in enumerate(ordered):
        spent = stopwatch.perf_counter() - began
        if spent > deadline:
            return None
        spare = time_limit - spent
        alone = _alone(problem, trip, left)
        # On a busy machine a share can end before the first solution: one longer try.
        for tries in (1, 3):
            share = tries * max(SHORTEST_START, spare / (len(ordered) - index))
            part = solve_assignment(alone, time_limit=share, polish_travel=False)
            if part.status in ("OPTIMAL", "FEASIBLE"):
                break
        else:
            continue  # no start for this one; the joint solve still plans it
        merged.visits.update(part.visits)
        merged.city.update(part.city)
        merged.evening.update(part.evening)
        merged.values.update((k, v) for k, v in part.values.items() if k != "share_min")
        for (_, day), hosts in part.visits.items():
            for host_id in hosts:
                if (host_id, day) in left:
                    left[host_id, day] -= 1
    return merged


def _alone(problem: Problem, trip: Trip, capacity: dict) -> Problem:
    """The problem of one delegation, on the capacity that is left."""
    return Problem(
        [trip],
        problem.hosts,
        problem.transport,
        {k: v for k, v in problem.allowed.items() if k[0] == trip.id},
        {k: v for k, v in problem.locks.items() if k[0] == trip.id},
        capacity,
        problem.steady,
        problem.ranges,
    )
