"""Planner benchmark: the greedy v1 planner against the period planner (v2) on a generated week,
then the two cases from the articles, planned on the shipped directory.

Run from the repository root: .venv/bin/python bench/planner.py [--seed N] [--time-limit S]

The week: 30 delegations, each with 6-10 accepted hosts drawn from 200 hosts in the nine
cities (capacity 1-2 delegations a day, structured hours), trips of 3-6 days starting Monday 21
to Friday 25 September 2026, so that some cover the weekend and the Mid-Autumn Festival
(Friday 25). v1 plans the delegations one after another (each sees the earlier ones as
bookings); v2 plans them together. The invariants are checked on both plans alike.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time as stopwatch
from datetime import date, datetime, time, timedelta
from pathlib import Path

from planner_cases import cases

from matcher.planning.calendar import WorkingCalendar, parse_opening_hours
from matcher.planning.greedy import plan_itinerary
from matcher.planning.model import PlanSettings, Travel, Visit, VisitRequest
from matcher.planning.period import (
    Day,
    Host,
    Item,
    Trip,
    TripPlan,
    Wish,
    plan_period,
    violations,
)
from matcher.planning.period.explain import Explainer
from matcher.planning.transport import Transport
from matcher.services.period_planning import SINGLE_TIME_LIMIT

ROOT = Path(__file__).resolve().parents[1]
HOURS = [
    "Mon-Fri 09:00-17:00",
    "Mon-Fri 09:00-12:00, 13:30-17:30",
    "Mon-Sat 10:00-16:00",
    "Mon-Fri 08:30-11:30, 14:00-17:00",
]
CITY_WEIGHTS = {
    "songjiang": 8, "jiaxing": 3, "suzhou": 2, "hangzhou": 2, "huzhou": 1,
    "jinhua": 1, "hefei": 2, "wuhu": 1, "xuancheng": 1,
}  # fmt: skip


def transport() -> Transport:
    return Transport.from_json(json.loads((ROOT / "data" / "travel.json").read_text("utf-8")))


def road_table() -> dict[str, dict[str, int]]:
    return json.loads((ROOT / "data" / "cities.json").read_text("utf-8"))["travel"]["minutes"]


def generated_week(seed: int) -> tuple[dict[str, Host], list[Trip]]:
    """200 hosts and 30 delegations, the same for a given seed."""
    rng = random.Random(seed)
    cities = list(CITY_WEIGHTS)
    hosts = {}
    for index in range(200):
        city = rng.choices(cities, weights=list(CITY_WEIGHTS.values()))[0]
        site = f"{city}-park-{rng.randint(1, 5)}" if rng.random() < 0.4 else f"h{index}"
        hosts[f"h{index}"] = Host(
            f"h{index}", f"Host {index}", city, site, parse_opening_hours(rng.choice(HOURS)),
            rng.choice([1, 2]), rng.choice([45, 60, 60, 90]),
        )  # fmt: skip
    trips = []
    for number in range(30):
        arrival = date(2026, 9, 21) + timedelta(days=rng.randint(0, 3))
        departure = arrival + timedelta(days=rng.randint(2, 5))
        wishes = tuple(
            Wish(host_id, round(rng.random(), 2), rng.random() < 0.15)
            for host_id in rng.sample(sorted(hosts), rng.randint(6, 10))
        )
        trips.append(
            Trip(
                f"d{number}", f"Delegation {number}", arrival, departure, wishes,
                arrival_time=time(rng.choice([9, 9, 9, 11, 14])),
                departure_time=time(rng.choice([18, 18, 18, 15, 12])),
            )
        )  # fmt: skip
    return hosts, trips


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def plan_v1(hosts: dict[str, Host], trips: list[Trip]) -> tuple[list[TripPlan], list[float]]:
    """The greedy planner, one delegation after the other; its plans in the v2 shape."""
    table, bookings, plans, seconds = road_table(), {}, [], []
    for trip in trips:
        requests = []
        for wish in trip.wishes:
            host = hosts[wish.host_id]
            monday = host.hours.week[0] if host.hours else ()
            hours = None
            if monday:
                hours = (
                    time(monday[0][0] // 60, monday[0][0] % 60),
                    time(monday[-1][1] // 60, monday[-1][1] % 60),
                )
            requests.append(VisitRequest(
                host.id, host.name, host.city, site=host.site, hours=hours,
                visit_minutes=host.visit_minutes, strength=wish.strength, pinned=wish.pinned,
                capacity=host.capacity,
            ))  # fmt: skip
        settings = PlanSettings(trip.arrival, trip.departure, languages=("en",))
        began = stopwatch.perf_counter()
        plan = plan_itinerary(requests, settings, table, bookings)
        seconds.append(stopwatch.perf_counter() - began)
        days = []
        for day in plan.days:
            items = []
            for item in day.items:
                start, end = _minutes(item.start), _minutes(item.end)
                if isinstance(item, Visit):
                    bookings.setdefault(item.request.organisation_id, []).append(
                        (item.start, item.end)
                    )
                    items.append(Item("visit", start, end, item.request.organisation_id,
                                      item.request.city))  # fmt: skip
                elif isinstance(item, Travel):
                    items.append(Item("travel", start, end, mode="road",
                                      from_city=item.from_city, to_city=item.to_city))  # fmt: skip
            if day.lunch:
                items.append(Item("lunch", _minutes(day.lunch[0]), _minutes(day.lunch[1])))
            days.append(Day(day.date, tuple(items), day.end_city))
        plans.append(TripPlan(trip, tuple(days), ()))
    return plans, seconds


def share(plan: TripPlan) -> float:
    wished = {w.host_id for w in plan.trip.wishes}
    return len(plan.placed() & wished) / len(wished)


def travel_minutes(plans: list[TripPlan]) -> int:
    return sum(i.end - i.start for p in plans for d in p.days for i in d.items
               if i.kind == "travel")  # fmt: skip


def followable_hosts(plan: TripPlan, open_ranges, hosts: dict[str, Host]) -> set[str]:
    """The hosts of visits inside the host's opening hours that date and inside the
    delegation's day (arrival and departure times), overlapping no other item of the day."""
    found = set()
    for day in plan.days:
        low, high = plan.trip.window(day.date)
        for visit in (i for i in day.items if i.kind == "visit"):
            ranges = open_ranges(hosts[visit.host_id], day.date)
            inside = any(a <= visit.start and visit.end <= b for a, b in ranges)
            clear = not any(
                other is not visit and other.start < visit.end and visit.start < other.end
                for other in day.items
            )
            if inside and clear and low <= visit.start and visit.end <= high:
                found.add(visit.host_id)
    return found


def followable(plans: list[TripPlan], open_ranges, hosts: dict[str, Host]) -> int:
    return sum(len(followable_hosts(plan, open_ranges, hosts)) for plan in plans)


def followable_shares(plans: list[TripPlan], open_ranges, hosts: dict[str, Host]) -> list[float]:
    """Each delegation's share of its wishes placed in visits it can really make."""
    return [
        len(followable_hosts(plan, open_ranges, hosts) & {w.host_id for w in plan.trip.wishes})
        / len(plan.trip.wishes)
        for plan in plans
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def week(seed: int, time_limit: float) -> None:
    """Print the side-by-side table for the generated week."""
    hosts, trips = generated_week(seed)
    table = transport()
    open_ranges = Explainer(hosts, table, WorkingCalendar(), {}).open_ranges
    v1_plans, v1_seconds = plan_v1(hosts, trips)
    together = plan_period(trips, hosts, table, time_limit=time_limit)
    alone = []
    alone_placed = 0
    for trip in trips:
        began = stopwatch.perf_counter()
        single = plan_period([trip], hosts, table, time_limit=SINGLE_TIME_LIMIT)
        alone.append(stopwatch.perf_counter() - began)
        alone_placed += len(single.plans[0].placed())
    v1_follow = followable_shares(v1_plans, open_ranges, hosts)
    v2_follow = followable_shares(together.plans, open_ranges, hosts)
    rows = [
        ("", "v1 greedy", "v2 CP-SAT"),
        ("share placed, min", f"{min(map(share, v1_plans)):.0%}",
         f"{min(map(share, together.plans)):.0%}"),
        ("share placed, mean", f"{statistics.mean(map(share, v1_plans)):.1%}",
         f"{statistics.mean(map(share, together.plans)):.1%}"),
        ("visits placed", str(sum(len(p.placed()) for p in v1_plans)),
         str(sum(len(p.placed()) for p in together.plans))),
        ("  of which followable", str(followable(v1_plans, open_ranges, hosts)),
         str(followable(together.plans, open_ranges, hosts))),
        ("followable share, min", f"{min(v1_follow):.0%}", f"{min(v2_follow):.0%}"),
        ("followable share, mean", f"{statistics.mean(v1_follow):.1%}",
         f"{statistics.mean(v2_follow):.1%}"),
        ("travel minutes", str(travel_minutes(v1_plans)), str(together.travel_minutes())),
        ("invariant violations", str(len(violations(v1_plans, hosts, open_ranges))),
         str(len(violations(together.plans, hosts, open_ranges)))),
        ("30 delegations, seconds", f"{sum(v1_seconds):.2f} (one by one)",
         f"{together.seconds:.2f} together ({together.status})"),
        ("one delegation p50 / p95 s", f"{percentile(v1_seconds, .5):.3f} / "
         f"{percentile(v1_seconds, .95):.3f}",
         f"{percentile(alone, .5):.3f} / {percentile(alone, .95):.3f}"),
    ]  # fmt: skip
    print(
        f"Generated week (seed {seed}, time limit {time_limit:g} s; one delegation alone: "
        f"{SINGLE_TIME_LIMIT:g} s, {alone_placed} visits placed over the 30 planned alone):"
    )
    for label, first, second in rows:
        print(f"  {label:<28} {first:<26} {second}")
    kinds: dict[str, int] = {}
    for message in violations(v1_plans, hosts, open_ranges):
        kind = next((k for k, words in KINDS.items() if words in message), "other")
        kinds[kind] = kinds.get(kind, 0) + 1
    print("  v1 violations by kind:", dict(sorted(kinds.items())))


KINDS = {
    "outside the day": "outside the day",
    "overlap": "overlaps",
    "outside opening hours": "outside its opening hours",
    "no lunch": "no lunch stop",
    "site split": "split by travel",
    "over capacity": "above its capacity",
    "rest day": "rest day",
}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=60)
    parser.add_argument("--time-limit", type=float, default=15.0)
    arguments = parser.parse_args()
    week(arguments.seed, arguments.time_limit)
    print()
    cases(transport(), arguments.time_limit)
