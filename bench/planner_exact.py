"""The most visits each delegation of the generated week can have, planned alone, under the
planner's own day timing: an exhaustive search, for the delegations that can only be received
on a few days.

Run from the repository root: .venv/bin/python bench/planner_exact.py [--seed N] [--days D]
(about 95 s with the default three days on the shared 2-core machine)

Every night's hotel city is tried, and on each day every set of the wishes open that day (at
most the day's stops), each timed by the planner's exact day timing (sequence.schedule_day:
every order of the stops, every place for lunch, the hosts' hours, the legs and the ways
within a city); each wish goes on one day at most. The delegation has every host's whole
capacity to itself, so no plan of the whole week gives it more: the smallest of these is a
ceiling on the smallest share any plan can give, and their sum (with every wish counted for
the delegations not searched) a ceiling on the visits of any plan of the week.
"""

from __future__ import annotations

import argparse
from datetime import date
from functools import cache

from planner import generated_week, transport

from matcher.planning.calendar import WorkingCalendar
from matcher.planning.period import Host, Trip
from matcher.planning.period.explain import Explainer
from matcher.planning.period.sequence import DayFrame, schedule_day


def best_alone(trip: Trip, hosts: dict[str, Host], explain: Explainer) -> int:
    """The most wishes one plan of the trip places, alone on the hosts' capacity."""
    table = explain.transport
    dates = trip.dates()
    open_on: dict[date, list[str]] = {day: [] for day in dates}
    for wish in trip.wishes:
        for day in explain.allowed_days(trip, wish.host_id)[0]:
            open_on[day].append(wish.host_id)
    cities = sorted(
        {trip.arrival_city, trip.departure_city} | {hosts[w.host_id].city for w in trip.wishes}
    )

    @cache
    def fits(day: date, start: str, end: str, chosen: frozenset[str]) -> bool:
        low, high = trip.window(day)
        frame = DayFrame(low, high, start, end, trip.lunch_minutes)
        if not chosen:
            leg = table.leg(start, end)
            return start == end or (leg is not None and leg.minutes <= high - low)
        visits = [explain.day_visit(trip, hosts[h], day, {}) for h in sorted(chosen)]
        return schedule_day(visits, frame, table) is not None

    def day_sets(day: date, start: str, end: str, used: frozenset[str]) -> list[frozenset[str]]:
        """Every set of the day's open wishes that can be timed, grown from smaller ones."""
        free = [h for h in open_on[day] if h not in used]
        found = [frozenset()] if fits(day, start, end, frozenset()) else []
        layer = list(found)
        while layer:
            grown = set()
            for chosen in layer:
                for host in free:
                    if host in chosen or (chosen and host < max(chosen)):
                        continue
                    bigger = chosen | {host}
                    if len({hosts[h].site for h in bigger}) <= trip.max_stops and fits(
                        day, start, end, bigger
                    ):
                        grown.add(bigger)
            layer = list(grown)
            found.extend(layer)
        return found

    @cache
    def best(index: int, start: str, used: frozenset[str]) -> int:
        day = dates[index]
        ends = [trip.departure_city] if index == len(dates) - 1 else cities
        top = -1
        for end in ends:
            for chosen in day_sets(day, start, end, used):
                rest = 0 if index == len(dates) - 1 else best(index + 1, end, used | chosen)
                if rest >= 0:
                    top = max(top, len(chosen) + rest)
        return top

    return max(best(0, trip.arrival_city, frozenset()), 0)


def main(seed: int, most_days: int) -> None:
    hosts, trips = generated_week(seed)
    explain = Explainer(hosts, transport(), WorkingCalendar(), {})
    print(
        f"Most visits planned alone, exhaustively (seed {seed}; trips open on <= {most_days} days):"
    )
    rows, ceiling, others = [], 0, 0
    for trip in trips:
        wished = {w.host_id for w in trip.wishes}
        reachable = {h for h in wished if explain.allowed_days(trip, h)[0]}
        usable = {d for h in reachable for d in explain.allowed_days(trip, h)[0]}
        if len(usable) > most_days:
            ceiling += len(reachable)  # not searched: at most every wish with an open day
            others += 1
            continue
        most = best_alone(trip, hosts, explain)
        ceiling += most
        rows.append((most / len(wished), trip, most, len(wished)))
    for share, trip, most, wished in sorted(rows, key=lambda r: (r[0], r[1].id)):
        print(
            f"  {trip.id:<4} {trip.arrival:%a %d} {trip.arrival_time:%H:%M} to "
            f"{trip.departure:%a %d} {trip.departure_time:%H:%M}: at most {most} of {wished} "
            f"wishes ({share:.0%})"
        )
    print(
        f"  in all, at most {ceiling} visits ({len(rows)} delegations searched; the other "
        f"{others} counted with every wish that has an open day)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=60)
    parser.add_argument("--days", type=int, default=3)
    arguments = parser.parse_args()
    main(arguments.seed, arguments.days)
