"""Upper bounds for any plan of the generated week that keeps the planner's rules.

Run from the repository root: .venv/bin/python bench/planner_bound.py [--seed N]

The relaxation keeps only a part of the rules every followable plan obeys, so no such plan can
do better than it: a visit goes on a date the delegation is there (not a rest day) and the host
is open long enough inside the delegation's hours that date; each wish at most once; a host
receives at most its capacity of delegations a day; a delegation's visits of a day fit in its
usable minutes that day (no travel, no lunch, no opening-hours gaps counted). CP-SAT solves it
exactly: first the most visits in total, then the largest smallest share.
"""

from __future__ import annotations

import argparse

from ortools.sat.python import cp_model
from planner import generated_week, transport

from matcher.planning.calendar import WorkingCalendar
from matcher.planning.period.explain import Explainer

SCALE = 1000


def bounds(seed: int, timed: bool, only: str | None = None) -> dict[str, tuple[float, str]]:
    """The relaxation's best total and best smallest share; `timed` adds the stops rule and
    the ways to, between and from the stops; `only` keeps one delegation (alone)."""
    hosts, trips = generated_week(seed)
    trips = [t for t in trips if only in (None, t.id)]
    table = transport()
    hop = table.same_city_minutes
    explain = Explainer(hosts, table, WorkingCalendar(), {})
    model = cp_model.CpModel()
    x = {}
    per_host_day: dict[tuple[str, object], list] = {}
    counts = []
    share_min = model.new_int_var(0, SCALE, "share_min")
    for trip in trips:
        wished = sorted({w.host_id for w in trip.wishes})
        placed = []
        for host_id in wished:
            chosen = []
            for day in explain.allowed_days(trip, host_id)[0]:
                var = model.new_bool_var(f"x_{trip.id}_{host_id}_{day}")
                x[trip.id, host_id, day] = var
                per_host_day.setdefault((host_id, day), []).append(var)
                chosen.append(var)
            model.add_at_most_one(chosen)
            placed.extend(chosen)
        for day in trip.dates():
            low, high = trip.window(day)
            here = [h for h in wished if (trip.id, h, day) in x]
            minutes = sum(hosts[h].visit_minutes * x[trip.id, h, day] for h in here)
            if not timed:
                model.add(minutes <= max(0, high - low))
                continue
            stops = []
            for site in {hosts[h].site for h in here}:
                used = model.new_bool_var(f"s_{trip.id}_{site}_{day}")
                model.add_max_equality(used, [x[trip.id, h, day] for h in here
                                              if hosts[h].site == site])  # fmt: skip
                stops.append(used)
            model.add(sum(stops) <= trip.max_stops)
            busy = model.new_bool_var(f"b_{trip.id}_{day}")
            model.add_max_equality(busy, stops or [model.new_constant(0)])
            # The landing city on the first day and the leaving city on the last: a stop in
            # another city costs at least that leg instead of a hop.
            for end, first in ((trip.arrival_city, day == trip.arrival),
                               (trip.departure_city, day == trip.departure)):  # fmt: skip
                if not first:
                    continue
                for h in here:
                    leg = table.leg(end, hosts[h].city)
                    if leg and leg.minutes > hop:
                        # a visit in another city means that leg at least, instead of a hop
                        model.add(minutes + hop * sum(stops) + leg.minutes <= high - low + hop
                                  ).only_enforce_if(x[trip.id, h, day])  # fmt: skip
            model.add(minutes + hop * (sum(stops) + busy) <= max(0, high - low))
        model.add(SCALE * sum(placed) >= len(wished) * share_min)
        counts.append(sum(placed))
    for (host_id, _), members in per_host_day.items():
        model.add(sum(members) <= hosts[host_id].capacity)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 60
    model.maximize(sum(counts))
    status_total = solver.status_name(solver.solve(model))
    best_total = solver.best_objective_bound
    model.maximize(share_min)
    status_share = solver.status_name(solver.solve(model))
    best_share = solver.best_objective_bound / SCALE
    return {"total": (best_total, status_total), "share_min": (best_share, status_share)}


def main(seed: int) -> None:
    print(f"Upper bounds for the generated week (seed {seed}), from relaxations solved by CP-SAT:")
    levels = (
        (False, "calendar, capacity, day length"),
        (True, "+ 4 stops a day, ways to, between and from the stops"),
    )
    for timed, label in levels:
        found = bounds(seed, timed)
        total, total_status = found["total"]
        share, share_status = found["share_min"]
        print(f"  {label}:")
        print(f"    most visits in total      {total:.0f} ({total_status})")
        print(f"    largest smallest share    {share:.1%} ({share_status})")
    ceilings = []
    for trip in generated_week(seed)[1]:
        best = bounds(seed, True, only=trip.id)["share_min"][0]
        ceilings.append((best, trip))
    print("  lowest shares any plan can give a delegation, even alone (second relaxation):")
    for best, trip in sorted(ceilings, key=lambda c: (c[0], c[1].id))[:4]:
        print(
            f"    {trip.id:<4} {trip.arrival:%a %d} {trip.arrival_time:%H:%M} to "
            f"{trip.departure:%a %d} {trip.departure_time:%H:%M}, {len(trip.wishes)} wishes: "
            f"{best:.0%}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=60)
    main(parser.parse_args().seed)
