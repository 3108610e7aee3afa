"""Time the itinerary planner on realistic trips: 5 days x 30 candidates and 10 days x 60.

Run from the repository root: .venv/bin/python bench/planner.py
"""

import random
import statistics
import time as clock
from datetime import date, time, timedelta
from pathlib import Path

from matcher.planning import PlanSettings, VisitRequest, plan_itinerary
from matcher.reference import cities

ROOT = Path(__file__).resolve().parents[1]
# Songjiang hosts most of the directory, as in data/organisations.json.
CITY_WEIGHTS = {
    "songjiang": 12,
    "jiaxing": 3,
    "suzhou": 2,
    "hangzhou": 2,
    "huzhou": 1,
    "jinhua": 1,
    "hefei": 1,
    "wuhu": 1,
    "xuancheng": 1,
}


def candidates(count: int, seed: int) -> list[VisitRequest]:
    """A fixed, seeded mix of organisations across the nine cities."""
    rng = random.Random(seed)
    cities = list(CITY_WEIGHTS)
    made = []
    for index in range(count):
        city = rng.choices(cities, weights=list(CITY_WEIGHTS.values()))[0]
        opens = rng.choice([None, time(8, 30), time(9), time(10), time(13, 30)])
        made.append(
            VisitRequest(
                organisation_id=f"org-{index:03d}",
                name=f"Organisation {index}",
                city=city,
                site=rng.choice([None, None, f"{city}-park-{rng.randint(1, 3)}"]),
                hours=(opens, time(17, 30)) if opens else None,
                visit_minutes=rng.choice([None, 45, 60, 90]),
                strength=rng.random(),
                pinned=rng.random() < 0.1,
            )
        )
    return made


def bench(days: int, count: int, repeats: int = 5) -> None:
    """Print the median and best wall time of plan_itinerary for one trip size."""
    travel = cities.load().travel_minutes
    arrival = date(2026, 5, 11)
    settings = PlanSettings(arrival, arrival + timedelta(days=days - 1), languages=("en",))
    requests = candidates(count, seed=days * 1000 + count)
    timings = []
    for _ in range(repeats):
        started = clock.perf_counter()
        plan = plan_itinerary(requests, settings, travel)
        timings.append(clock.perf_counter() - started)
    median = statistics.median(timings) * 1000
    print(
        f"{days:>2} days x {count:>2} candidates: median {median:7.1f} ms, "
        f"best {min(timings) * 1000:7.1f} ms; placed {len(plan.visits)}, "
        f"unplaced {len(plan.unplaced)}"
    )


if __name__ == "__main__":
    bench(5, 30)
    bench(10, 60)
