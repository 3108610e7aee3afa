"""The legs of a delegation's stay in the period model: from the landing city to the first
day's, between the parts of a day and between days (that evening or the next morning), and
to the leaving city; and which of them take the place of a way within a city."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from ..transport import Transport
from .inputs import Trip

# The parts of a day, in order (morning, afternoon); the last part's city is where it ends.
PARTS = (0, 1)
LAST = PARTS[-1]


@dataclass(slots=True)
class Legs:
    """Per date: the leg that starts the day, those inside it and the one that ends it."""

    morning: dict[date, cp_model.LinearExpr] = field(default_factory=dict)
    within: dict[date, list[cp_model.LinearExpr]] = field(default_factory=dict)
    night: dict[date, cp_model.LinearExpr] = field(default_factory=dict)
    # legs between cities that replace a way within one (to the first stop, from the last)
    switches: dict[date, list[cp_model.LinearExpr]] = field(default_factory=dict)
    travel: list[cp_model.LinearExpr] = field(default_factory=list)
    # (trip id, date) → the move to the next day's city is made that evening
    evening: dict[tuple[str, date], cp_model.IntVar] = field(default_factory=dict)
    longest: int = 0


def _sum(terms: Iterable[cp_model.LinearExpr]) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum(*terms)


def add_legs(
    model: cp_model.CpModel,
    trip: Trip,
    cities: Sequence[str],
    loc: dict[tuple[str, date, int, str], cp_model.IntVar],
    transport: Transport,
) -> Legs:
    """Add the trip's legs to the model, given its city choice per date and part of a day."""

    def leg_minutes(a: str, b: str) -> int:
        if a == b:
            return 0
        minutes = transport.minutes(a, b)
        return minutes if minutes is not None else 10**4

    dates = trip.dates()
    periods = [(day, part) for day in dates for part in PARTS]
    legs = Legs(
        within={day: [] for day in dates},
        switches={day: [] for day in dates},
        longest=max(leg_minutes(a, b) for a in cities for b in cities),
    )
    first, last = dates[0], dates[-1]
    legs.morning[first] = _sum(
        leg_minutes(trip.arrival_city, c) * loc[trip.id, first, 0, c] for c in cities
    )
    legs.switches[first].append(
        _sum(loc[trip.id, first, 0, c] for c in cities if c != trip.arrival_city)
    )
    legs.night[last] = _sum(
        leg_minutes(c, trip.departure_city) * loc[trip.id, last, LAST, c] for c in cities
    )
    legs.switches[last].append(
        _sum(loc[trip.id, last, LAST, c] for c in cities if c != trip.departure_city)
    )
    legs.travel.extend([legs.morning[first], legs.night[last]])
    for (today, part), (following, next_part) in zip(periods, periods[1:], strict=False):
        moves = [
            (a, b, model.new_bool_var(f"z_{trip.id}_{today}_{part}_{a}_{b}"))
            for a in cities
            for b in cities
        ]
        for a in cities:
            model.add(_sum(z for p, _, z in moves if p == a) == loc[trip.id, today, part, a])
            model.add(
                _sum(z for _, q, z in moves if q == a) == loc[trip.id, following, next_part, a]
            )
        leg = model.new_int_var(0, legs.longest, f"leg_{trip.id}_{today}_{part}")
        model.add(leg == _sum(leg_minutes(a, b) * z for a, b, z in moves if a != b))
        legs.travel.append(leg)
        moved = _sum(z for a, b, z in moves if a != b)
        if following == today:
            legs.within[today].append(leg)
            legs.switches[today].append(moved)
            continue
        late = model.new_bool_var(f"e_{trip.id}_{today}")
        legs.evening[trip.id, today] = late
        share = model.new_int_var(0, legs.longest, f"le_{trip.id}_{today}")
        model.add(share == leg).only_enforce_if(late)
        model.add(share == 0).only_enforce_if(late.negated())
        legs.night[today] = share
        legs.morning[following] = leg - share
        # the overnight leg ends this evening's day or starts the next morning's
        tonight = model.new_bool_var(f"ce_{trip.id}_{today}")
        tomorrow = model.new_bool_var(f"cm_{trip.id}_{today}")
        model.add(tonight + tomorrow <= moved)
        model.add(tonight <= late)
        model.add(tomorrow <= late.negated())
        legs.switches[today].append(tonight)
        legs.switches[following].append(tomorrow)
    return legs
