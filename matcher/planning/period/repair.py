"""After timing: put wishes the solve left off (or a day could not hold) on days that can
still take them, strongest wishes first, keeping capacity, site and timing rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .assign import Assignment, wish_weight
from .explain import Explainer
from .inputs import Item, Trip
from .sequence import DayFrame, schedule_day

Timed = dict[tuple[str, date], tuple[Item, ...]]


@dataclass(frozen=True, slots=True)
class _Gaps:
    """What filling the gaps reads and changes: the timed days (changed in place), the
    answer's visits, each day's frame, the dates each wish may take, locks, hosts' load."""

    answer: Assignment
    timed: Timed
    frames: Mapping[tuple[str, date], DayFrame]
    allowed: Mapping[tuple[str, str], Sequence[date]]
    locks: Mapping[tuple[str, str], date]
    explain: Explainer
    load: Counter[tuple[str, date]]


def fill_gaps(
    trips: Sequence[Trip],
    answer: Assignment,
    timed: Timed,
    frames: Mapping[tuple[str, date], DayFrame],
    allowed: Mapping[tuple[str, str], Sequence[date]],
    locks: Mapping[tuple[str, str], date],
    explain: Explainer,
) -> None:
    """Insert what fits into `timed` and `answer.visits`, in place."""
    load: Counter[tuple[str, date]] = Counter(
        (item.host_id, day)
        for (_, day), items in timed.items()
        for item in items
        if item.kind == "visit" and item.host_id
    )
    gaps = _Gaps(answer, timed, frames, allowed, locks, explain, load)
    # In rounds, one visit per delegation a round, the smallest share placed first: the
    # fairness aim. A delegation that can take nothing more drops out.
    waiting = list(trips)
    while waiting:
        waiting = [
            trip
            for trip in sorted(waiting, key=lambda t: _share(t, timed))
            if _place_one(trip, gaps)
        ]


def _place_one(trip: Trip, gaps: _Gaps) -> bool:
    """Insert the delegation's strongest wish that fits a day; whether one did."""
    answer, timed, frames, allowed = gaps.answer, gaps.timed, gaps.frames, gaps.allowed
    locks, explain, load = gaps.locks, gaps.explain, gaps.load
    hosts = explain.hosts
    placed = {
        item.host: day
        for (trip_id, day), items in timed.items()
        if trip_id == trip.id
        for item in items
        if item.kind == "visit"
    }
    waiting = sorted(
        (w for w in trip.wishes if w.host_id not in placed and (trip.id, w.host_id) in allowed),
        key=lambda w: (-wish_weight(w), w.host_id),
    )
    for wish in waiting:
        host = hosts[wish.host_id]
        site_days = {day for h, day in placed.items() if hosts[h].site == host.site}
        for day in allowed[trip.id, wish.host_id]:
            if site_days and day not in site_days:
                continue
            if locks.get((trip.id, wish.host_id), day) != day:
                continue
            room = explain.capacity({(trip.id, host.id): [day]}).get((host.id, day))
            if room is not None and load[host.id, day] >= room:
                continue
            current = [i.host_id for i in timed.get((trip.id, day), ()) if i.kind == "visit"]
            stops = {hosts[h].site for h in current} | {host.site}  # type: ignore[index]
            if len(stops) > trip.max_stops:
                continue
            visits = [
                explain.day_visit(trip, hosts[h], day, locks)  # type: ignore[index]
                for h in [*current, host.id]
            ]
            before = timed.get((trip.id, day), ())
            explain.hold(day, before, release=True)
            items = schedule_day(visits, frames[trip.id, day], explain.transport)
            if items is None:
                explain.hold(day, before)
                continue
            explain.hold(day, items)
            timed[trip.id, day] = items
            answer.visits.setdefault((trip.id, day), []).append(host.id)
            load[host.id, day] += 1
            return True
    return False


def _share(trip: Trip, timed: Timed) -> float:
    """The share of the delegation's wishes the timed days place."""
    wished = {w.host_id for w in trip.wishes}
    got = {
        item.host
        for (trip_id, _), items in timed.items()
        if trip_id == trip.id
        for item in items
        if item.kind == "visit"
    }
    return len(got & wished) / len(wished) if wished else 1.0
