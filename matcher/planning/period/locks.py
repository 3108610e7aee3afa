"""Which locked visits can be kept, and why the others are refused."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..said import N_, City, Said
from .explain import Explainer
from .inputs import Host, Trip, minutes_of
from .wording import hhmm


def check_locks(
    trips: Sequence[Trip],
    hosts: Mapping[str, Host],
    allowed: Mapping[tuple[str, str], Sequence[date]],
    explain: Explainer,
) -> tuple[dict[tuple[str, str], date], list[tuple[str, str]]]:
    """The locks that can be kept, and for each refused one its delegation and the reason."""
    kept: dict[tuple[str, str], date] = {}
    refused: list[tuple[str, str]] = []
    taken: dict[tuple[str, date], int] = {}
    held = {key: list(spans) for key, spans in explain.booked.items()}
    for trip in trips:
        spans: list[tuple[date, int, int, str]] = []
        cities: dict[date, str] = {}
        for wish in sorted(
            (w for w in trip.wishes if w.lock is not None), key=lambda w: (w.lock, w.host_id)
        ):
            host = hosts.get(wish.host_id)
            if host is None or wish.lock is None or (trip.id, wish.host_id) not in allowed:
                continue
            day, start = wish.lock.date(), minutes_of(wish.lock)
            end = start + host.visit_minutes
            when = Said(N_("%(time)s on %(date)s"), time=hhmm(start), date=day.isoformat())
            low, high = trip.window(day) if trip.arrival <= day <= trip.departure else (0, 0)
            reason: Said | None = None
            if not trip.arrival <= day <= trip.departure:
                reason = Said(N_("outside the trip"))
            elif day in trip.rest_days:
                reason = Said(N_("a rest day of the delegation"))
            elif start < low or end > high:
                reason = Said(
                    N_("outside the delegation's day (%(start)s–%(end)s)"),
                    start=hhmm(low),
                    end=hhmm(high),
                )
            elif not any(a <= start and end <= b for a, b in explain.open_ranges(host, day)):
                hours = host.hours.said() if host.hours else Said(N_("not on record"))
                reason = Said(
                    N_("outside %(host)s's opening hours (%(hours)s)"), host=host.name, hours=hours
                )
            elif any(d == day and s < end and start < e for d, s, e, _ in spans):
                other = next(n for d, s, e, n in spans if d == day and s < end and start < e)
                reason = Said(N_("it clashes with the lock of %(other)s"), other=other)
            elif any(s < end and start < e for s, e in held.get((host.id, day), ())):
                reason = Said(
                    N_("%(host)s receives another delegation at that time"), host=host.name
                )
            elif cities.get(day, host.city) != host.city:
                reason = Said(N_("that day is already locked in %(city)s"), city=City(cities[day]))
            elif (
                host.capacity is not None
                and taken.get((host.id, day), 0) + len(explain.booked.get((host.id, day), ()))
                >= host.capacity
            ):
                reason = Said(
                    N_("%(host)s is at its capacity of %(capacity)s that day"),
                    host=host.name,
                    capacity=host.capacity,
                )
            if reason:
                refused.append(
                    (
                        trip.id,
                        Said(
                            N_(
                                "Lock refused: %(host)s at %(when)s is %(reason)s; it is "
                                "planned freely instead."
                            ),
                            host=host.name,
                            when=when,
                            reason=reason,
                        ),
                    )
                )
                continue
            kept[trip.id, host.id] = day
            spans.append((day, start, end, host.name))
            cities[day] = host.city
            taken[host.id, day] = taken.get((host.id, day), 0) + 1
            held.setdefault((host.id, day), []).append((start, end))
            explain.locked.append((host.id, day, start, end))
    return kept, refused
