"""The rules every plan keeps, checked on the finished plan (the tests check them too).

No item outside the delegation's day; no two items overlapping; every visit inside its host's
opening hours that date; a lunch stop of at least 45 minutes within 11:30–14:00 on a day with
visits that keeps the delegation busy on both sides of midday (something starts before 12:00
and something ends after 13:30), never during a leg (legs and lunch never overlap); the visits
at one site on one day follow each other with no leg between them; no host above its daily
capacity, nor receiving two delegations at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from .inputs import LUNCH_EARLIEST, LUNCH_LATEST, LUNCH_MINIMUM, Host, TripPlan
from .sequence import needs_lunch

Ranges = tuple[tuple[int, int], ...]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def violations(
    plans: Sequence[TripPlan],
    hosts: Mapping[str, Host],
    open_ranges: Callable[[Host, date], Ranges],
) -> list[str]:
    """Every broken rule, as a sentence naming the delegation, the date and the item."""
    found: list[str] = []
    load: Counter[tuple[str, date]] = Counter()
    held: dict[tuple[str, date], list[tuple[int, int, str]]] = {}
    for plan in plans:
        trip = plan.trip
        for day in plan.days:
            where = f"{trip.name}, {day.date.isoformat()}"
            low, high = trip.window(day.date)
            items = sorted(day.items, key=lambda i: (i.start, i.end))
            for item in items:
                if item.end < item.start:
                    found.append(f"{where}: an item ends before it starts")
                if items and (item.start < low or item.end > high):
                    found.append(
                        f"{where}: {item.kind} {_hhmm(item.start)}–{_hhmm(item.end)} outside "
                        f"the day {_hhmm(low)}–{_hhmm(high)}"
                    )
            for first, second in zip(items, items[1:], strict=False):
                if second.start < first.end:
                    found.append(
                        f"{where}: {first.kind} until {_hhmm(first.end)} overlaps "
                        f"{second.kind} from {_hhmm(second.start)}"
                    )
            visits = [i for i in items if i.kind == "visit"]
            if visits and day.date in trip.rest_days:
                found.append(f"{where}: visits on a rest day")
            for visit in visits:
                host = hosts[visit.host]
                load[host.id, day.date] += 1
                held.setdefault((host.id, day.date), []).append((visit.start, visit.end, trip.name))
                ranges = open_ranges(host, day.date)
                if not any(a <= visit.start and visit.end <= b for a, b in ranges):
                    found.append(
                        f"{where}: {host.name} visited {_hhmm(visit.start)}–{_hhmm(visit.end)}, "
                        "outside its opening hours"
                    )
            if needs_lunch(items):
                lunches = [
                    i
                    for i in items
                    if i.kind == "lunch"
                    and i.start >= LUNCH_EARLIEST
                    and i.end <= LUNCH_LATEST
                    and i.end - i.start >= LUNCH_MINIMUM
                ]
                if not lunches:
                    found.append(f"{where}: no lunch stop of 45 minutes within 11:30–14:00")
            sites = [hosts[v.host].site for v in visits]
            for site in set(sites):
                at = [
                    i
                    for i, v in enumerate(items)
                    if v.kind == "visit" and hosts[v.host].site == site
                ]
                between = items[at[0] : at[-1] + 1]
                if any(i.kind == "travel" for i in between) or any(
                    i.kind == "visit" and hosts[i.host].site != site for i in between
                ):
                    found.append(f"{where}: the visits at one site are split by travel")
    for (host_id, on), spans in sorted(held.items()):
        spans.sort()
        for (_, end, earlier), (start, _, later) in zip(spans, spans[1:], strict=False):
            if start < end:
                found.append(
                    f"{hosts[host_id].name} receives {earlier} and {later} at the same time "
                    f"on {on.isoformat()}"
                )
    for (host_id, on), count in load.items():
        capacity = hosts[host_id].capacity
        if capacity is not None and count > capacity:
            found.append(
                f"{hosts[host_id].name} receives {count} delegations on {on.isoformat()}, "
                f"above its capacity of {capacity}"
            )
    return found
