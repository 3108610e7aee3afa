"""One day of the period model: its minutes must hold its legs, the ways between its stops,
its visits and lunch, and each visit must lie inside its host's hours on its side of lunch.

A day is split at lunch. The morning's visits end by 13:15 (a 45-minute lunch still fits
before 14:00) and the afternoon's start from 12:15 (after the earliest such lunch), each
inside the host's opening ranges on that side; a leg between the morning's city and the
afternoon's is taken before lunch (lunch on arrival) or after it, never across it. These are
the rules the exact timing (sequence.py) keeps; the model follows them in minutes, without
clock times, so a day it plans is far more often one the timing can hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ortools.sat.python import cp_model

from .inputs import LUNCH_EARLIEST, LUNCH_LATEST, LUNCH_MINIMUM, Host, Trip

Ranges = tuple[tuple[int, int], ...]
NOON = 12 * 60
LUNCH_AFTER = 13 * 60 + 30  # a day busy after this and before noon needs lunch
MORNING_END = LUNCH_LATEST - LUNCH_MINIMUM
AFTERNOON_START = LUNCH_EARLIEST + LUNCH_MINIMUM
LATE = 24 * 60


@dataclass(frozen=True, slots=True)
class DayTerms:
    """What the rest of the model gives a day: its legs, stops and the visits it may hold."""

    morning: cp_model.LinearExpr  # the leg that starts the day (from last night's city)
    midday: cp_model.LinearExpr  # the leg from the morning's city to the afternoon's
    night: cp_model.LinearExpr  # the leg that ends it (to tonight's city)
    switches: cp_model.LinearExpr  # legs between cities that replace a way within one
    stops: Sequence[cp_model.IntVar]  # the sites visited that day
    # (host, its visit, the morning's and the afternoon's city choice for its city)
    visits: Sequence[tuple[Host, cp_model.IntVar, cp_model.IntVar, cp_model.IntVar]]


def _span(ranges: Ranges, low: int, high: int, minutes: int) -> tuple[int, int] | None:
    """First opening and last closing, inside [low, high], of the ranges that hold a visit."""
    fitting = [
        (max(a, low), min(b, high)) for a, b in ranges if min(b, high) - max(a, low) >= minutes
    ]
    if not fitting:
        return None
    return fitting[0][0], fitting[-1][1]


def add_day(
    model: cp_model.CpModel,
    trip: Trip,
    day: date,
    terms: DayTerms,
    ranges: Mapping[tuple[str, date], Ranges],
    *,
    hop: int,
    slack_bound: int,
) -> tuple[cp_model.IntVar, cp_model.IntVar]:
    """Constrain the day; return its minutes of ways within cities and its overrun slack."""
    name = f"{trip.id}_{day}"
    low, high = trip.window(day)
    budget = 0 if day in trip.rest_days else max(0, high - low)
    stops = list(terms.stops)
    busy = model.new_bool_var(f"v_{name}")
    if stops:
        model.add_max_equality(busy, stops)
        model.add(cp_model.LinearExpr.sum(stops) <= trip.max_stops)
    else:
        model.add(busy == 0)
    # A way within the city to each stop and back, but a leg from or to another city
    # replaces it.
    inner = model.new_int_var(0, hop * (trip.max_stops + 1), f"w_{name}")
    model.add(inner >= hop * (cp_model.LinearExpr.sum(stops) + busy - terms.switches))
    # Slack only lets the legs overrun a day that has no visit: a journey that cannot fit
    # between landing and leaving keeps the model solvable and is reported.
    slack = model.new_int_var(0, slack_bound, f"slack_{name}")
    model.add(slack == 0).only_enforce_if(busy)
    lunch_needed = low < NOON and high > LUNCH_AFTER
    # Lunch takes its time only on days that hold the whole of midday.
    lunch = min(trip.lunch_minutes, LUNCH_MINIMUM) if low <= NOON and high >= LUNCH_AFTER else 0
    minutes = cp_model.LinearExpr.sum(
        [host.visit_minutes * var for host, var, _, _ in terms.visits]
    )
    model.add(
        minutes + inner + lunch * busy + terms.morning + terms.midday + terms.night
        <= budget + slack
    )
    if not terms.visits:
        return inner, slack
    windows = (
        (low, MORNING_END if lunch_needed else high),
        (max(low, AFTERNOON_START) if lunch_needed else low, high),
    )
    sides: list[list[tuple[cp_model.IntVar, int, tuple[int, int]]]] = [[], []]
    sites: list[dict[str, list[cp_model.IntVar]]] = [{}, {}]
    for host, var, morning_city, afternoon_city in terms.visits:
        parts = []
        for side, (start, end) in enumerate(windows):
            span = _span(ranges.get((host.id, day), ((low, high),)), start, end, host.visit_minutes)
            if span is None:
                continue
            part = model.new_bool_var(f"xp_{name}_{host.id}_{side}")
            model.add(part <= (morning_city, afternoon_city)[side])
            sides[side].append((part, host.visit_minutes, span))
            sites[side].setdefault(host.site, []).append(part)
            parts.append(part)
        model.add(cp_model.LinearExpr.sum(parts) == var)
    used, work, closes, opens = [], [], [], []
    for side, members in enumerate(sides):
        flag = model.new_bool_var(f"vp_{name}_{side}")
        model.add_max_equality(flag, [part for part, _, _ in members] or [model.new_constant(0)])
        used.append(flag)
        # its visits and the ways between its stops (none between a park's tenants)
        here = []
        for site, parts in sites[side].items():
            stop = model.new_bool_var(f"sp_{name}_{site}_{side}")
            model.add_max_equality(stop, parts)
            here.append(stop)
        work.append(
            cp_model.LinearExpr.sum([minutes * part for part, minutes, _ in members])
            + hop * cp_model.LinearExpr.sum(here)
            - hop * flag
        )
        last = model.new_int_var(0, LATE, f"close_{name}_{side}")
        first = model.new_int_var(0, LATE, f"open_{name}_{side}")
        if members:  # (an empty side's times enter only constraints it switches off)
            model.add_max_equality(last, [end * part for part, _, (_, end) in members])
            model.add_min_equality(
                first, [begin * part + LATE * (1 - part) for part, _, (begin, _) in members]
            )
        model.add(work[side] <= last - first).only_enforce_if(flag)
        closes.append(last)
        opens.append(first)
    pause = LUNCH_MINIMUM if lunch_needed else 0
    # the way to each side's first stop and from the last: a leg, or a way within the city
    reach = [
        _at_least(model, f"in_{name}_{side}", [leg, hop * used[side]])
        for side, leg in enumerate((terms.morning, terms.midday))
    ]
    out = _at_least(model, f"out_{name}", [terms.night, hop * busy])
    # everything before the last visit of each side ends by its latest closing ...
    model.add(reach[0] + work[0] <= closes[0] - low).only_enforce_if(used[0])
    model.add(
        terms.morning + work[0] + pause * used[0] + reach[1] + work[1] <= closes[1] - low
    ).only_enforce_if(used[1])
    # ... and everything after the first visit starts from its earliest opening
    model.add(
        work[0] + pause * used[1] + reach[1] + work[1] + out <= high - opens[0]
    ).only_enforce_if(used[0])
    model.add(work[1] + out <= high - opens[1]).only_enforce_if(used[1])
    if lunch_needed:
        # the leg between the two cities: before lunch (lunch on arrival, by 13:15) or after
        before = model.new_bool_var(f"lb_{name}")
        model.add(reach[0] + work[0] + terms.midday <= MORNING_END - low).only_enforce_if(
            [used[0], used[1], before]
        )
        model.add(reach[1] + work[1] <= closes[1] - AFTERNOON_START).only_enforce_if(
            [used[0], used[1], before.negated()]
        )
    return inner, slack


def _at_least(
    model: cp_model.CpModel, name: str, terms: Sequence[cp_model.LinearExpr]
) -> cp_model.IntVar:
    """A variable no smaller than any of the terms (the constraints it enters keep it low)."""
    var = model.new_int_var(0, LATE, name)
    for term in terms:
        model.add(var >= term)
    return var
