"""plan_period: every delegation of a period planned together, timed, checked and explained."""

from __future__ import annotations

import time as stopwatch
from collections.abc import Mapping, Sequence
from datetime import date

from ..calendar import WorkingCalendar
from ..said import N_, City, Said
from ..transport import Transport
from .assign import Assignment, Problem, solve_assignment
from .explain import Explainer
from .inputs import Day, Host, Item, PeriodPlan, Trip, TripPlan, Unplaced
from .invariants import violations
from .legs import PARTS
from .locks import check_locks
from .repair import fill_gaps
from .starts import replan, score, seed_alone
from .timing import day_frames, hotels_of, time_days
from .wording import hhmm

REPLAN_ROUNDS = 2
# Part of the time spent planning each delegation alone first, as the joint solve's start.
SEED_SHARE = 0.3
# On a busy machine the starts may take longer, up to this part of the limit.
SEED_LATEST = 0.7


def plan_period(
    trips: Sequence[Trip],
    hosts: Mapping[str, Host],
    transport: Transport,
    *,
    calendar: WorkingCalendar | None = None,
    time_limit: float = 10.0,
    booked: Mapping[tuple[str, date], Sequence[tuple[int, int]]] | None = None,
    local: bool = False,
) -> PeriodPlan:
    """Plan every trip at once within the time limit; never raises on bad data, explains it.

    `booked` holds the visits (minutes of the day) hosts already give that date to delegations
    outside this solve: they count towards capacity and a host receives one at a time.
    `local`: an edit's re-plan, which keeps every other visit on its day where it can.
    """
    began = stopwatch.perf_counter()
    explain = Explainer(hosts, transport, calendar or WorkingCalendar(), booked or {})
    if not trips:
        return PeriodPlan(
            (), "NO_DELEGATIONS", 0.0, (Said(N_("No delegation visits in this period.")),)
        )
    unplaced: dict[str, list[Unplaced]] = {t.id: [] for t in trips}
    notes: dict[str, list[str]] = {t.id: [] for t in trips}
    allowed: dict[tuple[str, str], tuple[date, ...]] = {}
    for trip in trips:
        seen: set[str] = set()
        for wish in trip.wishes:
            if wish.host_id in seen:
                continue
            seen.add(wish.host_id)
            days, reason = explain.allowed_days(trip, wish.host_id)
            if days:
                allowed[trip.id, wish.host_id] = days
            else:
                unplaced[trip.id].append(Unplaced(wish.host_id, reason))
        unknown = sorted(
            hosts[w.host_id].name
            for w in trip.wishes
            if w.host_id in hosts and hosts[w.host_id].hours is None
        )
        if unknown:
            notes[trip.id].append(
                Said(
                    N_(
                        "No visiting hours on record for %(hosts)s: taken as open on working "
                        "days 09:00–18:00; confirm with the hosts."
                    ),
                    hosts=", ".join(unknown),
                )
            )
        if not any(trip.window(d)[1] > trip.window(d)[0] for d in explain.working_days(trip)):
            notes[trip.id].append(explain.no_working_day(trip))
    locks, refused = check_locks(trips, hosts, allowed, explain)
    for trip_id, message in refused:
        notes[trip_id].append(message)
    capacity = explain.capacity(allowed)
    # One delegation (an edit, a page's re-plan) is planned steadily: its preview and its
    # save give the same plan.
    steady = len(trips) == 1
    ranges = {
        (host_id, day): explain.open_ranges(hosts[host_id], day)
        for (_, host_id), days in allowed.items()
        for day in days
    }
    problem = Problem(trips, hosts, transport, allowed, locks, capacity, steady, ranges, local)

    def left() -> float:
        return time_limit if steady else time_limit - (stopwatch.perf_counter() - began)

    seed = seed_alone(problem, time_limit * SEED_SHARE, deadline=time_limit * SEED_LATEST)
    remaining = left()
    attempt = solve_assignment(problem, time_limit=remaining * 0.6, hint=seed)
    if attempt.status == "INFEASIBLE":
        # Locks that cannot all be kept together: keep as many as possible, say which not.
        attempt = solve_assignment(problem, time_limit=remaining * 0.6, locks_hard=False)
    solved = attempt.status in ("OPTIMAL", "FEASIBLE")
    if seed is not None and (not solved or score(seed, trips) > score(attempt, trips)):
        answer = seed  # the joint solve ran out of time before it beat its start
        # a delegation with no start of its own (its solve ran out of time) is planned alone
        # around the others while there is time, else quickly like the rest below
        missing = {t.id for t in trips if (t.id, t.arrival, 0) not in answer.city}
        if missing and left() > 0.1:
            replan(problem, answer, missing, [], left())
        quick = [t for t in trips if (t.id, t.arrival, 0) not in answer.city]
        answer.city.update(_staying(quick))
    elif solved:
        answer, quick = attempt, []
    else:
        # No joint plan in time (a short limit, a loaded machine): each delegation is planned
        # on its own, greedily around the others, rather than left with nothing.
        answer, quick = Assignment(f"{attempt.status}_FALLBACK", city=_staying(trips)), list(trips)
    for trip in quick:
        notes[trip.id].append(
            Said(
                N_(
                    "The solver found no plan for the period within %(seconds)s s (status "
                    "%(status)s): this plan was made quickly, one delegation at a time. "
                    "Plan again with more time for a better one."
                ),
                seconds=f"{time_limit:g}",
                status=attempt.status,
            )
        )
    cuts: list[tuple[str, date, frozenset[str]]] = []
    timed, failed = time_days(trips, hosts, answer, locks, explain)
    for _ in range(REPLAN_ROUNDS):
        if not failed:
            break
        cuts.extend(failed)
        remaining = left()
        if remaining < 0.1:
            break
        # Days that could not be timed: re-plan only their delegations, each alone on the
        # capacity the others leave, with those days' visit sets forbidden.
        replan(problem, answer, {c[0] for c in cuts}, cuts, remaining * 0.5)
        timed, failed = time_days(trips, hosts, answer, locks, explain)
    if cuts and any(key not in timed for key in _day_keys(trips)):
        timed = time_days(trips, hosts, answer, locks, explain, drop=True)[0]
    for key, items in timed.items():
        answer.visits[key] = [i.host_id for i in items if i.kind == "visit" and i.host_id]
    fill_gaps(trips, answer, timed, day_frames(trips, answer), allowed, locks, explain)

    plans = []
    for trip in trips:
        plans.append(
            _trip_plan(trip, answer, timed, locks, unplaced[trip.id], notes[trip.id], explain)
        )
    broken = violations(plans, hosts, explain.open_ranges)
    seconds = stopwatch.perf_counter() - began
    status = answer.status if not broken else f"{answer.status}_WITH_VIOLATIONS"
    return PeriodPlan(tuple(plans), status, seconds, tuple(broken))


def _staying(trips: Sequence[Trip]) -> dict[tuple[str, date, int], str]:
    """Every part of every day in the arrival city: the start the quick plan fills from."""
    return {(t.id, d, part): t.arrival_city for t in trips for d in t.dates() for part in PARTS}


def _day_keys(trips: Sequence[Trip]) -> list[tuple[str, date]]:
    return [(t.id, d) for t in trips for d in t.dates()]


def _trip_plan(
    trip: Trip,
    answer: Assignment,
    timed: Mapping[tuple[str, date], tuple[Item, ...]],
    locks: Mapping[tuple[str, str], date],
    unplaced: list[Unplaced],
    notes: list[str],
    explain: Explainer,
) -> TripPlan:
    """The delegation's days with hotels, and a reason for every wish left off."""
    hotels = hotels_of(trip, answer)
    days = []
    previous: str | None = trip.arrival_city
    for day in trip.dates():
        items = timed.get((trip.id, day), ())
        after = hotels[day] or trip.departure_city
        if not items and previous != after:
            low, high = trip.window(day)
            notes.append(
                Said(
                    N_(
                        "The journey from %(origin)s to %(destination)s does not fit into "
                        "%(date)s between %(start)s and %(end)s: change the arrival or "
                        "departure time or city."
                    ),
                    origin=City(str(previous)),
                    destination=City(after),
                    date=day.isoformat(),
                    start=hhmm(low),
                    end=hhmm(high),
                )
            )
        days.append(Day(day, items, hotels[day], explain.day_note(trip, day)))
        previous = hotels[day]
    placed = {i.host_id for d in days for i in d.items if i.kind == "visit"}
    listed = {u.host_id for u in unplaced}
    missing = list(unplaced)
    for wish in trip.wishes:
        if wish.host_id in placed or wish.host_id in listed:
            continue
        listed.add(wish.host_id)
        lock_day = locks.get((trip.id, wish.host_id))
        if lock_day is not None:
            reason = Said(
                N_(
                    "locked on %(date)s, but the lock cannot be kept with the travel and the "
                    "other locks; move or unlock it"
                ),
                date=lock_day.isoformat(),
            )
        else:
            reason = explain.why_not(trip, wish.host_id, answer, days)
        missing.append(Unplaced(wish.host_id, reason))
    for wish in trip.wishes:
        lock_day = locks.get((trip.id, wish.host_id))
        if lock_day is not None and wish.host_id not in placed:
            notes.append(
                Said(
                    N_(
                        "The lock of %(host)s on %(date)s could not be kept with the travel and "
                        "the other locks."
                    ),
                    host=explain.name(wish.host_id),
                    date=lock_day.isoformat(),
                )
            )
    return TripPlan(trip, tuple(days), tuple(missing), tuple(notes))
