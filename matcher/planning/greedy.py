"""plan_itinerary: place requested visits on the trip's days, and say why any did not fit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from .day import Schedule, clock, site_of
from .model import (
    DEFAULT_HOST_LANGUAGES,
    SHANGHAI,
    Bookings,
    DayPlan,
    Plan,
    PlanSettings,
    Travel,
    Unplaced,
    Visit,
    VisitRequest,
    local,
)
from .said import N_, Said
from .state import PlanState, index_bookings
from .travel import TravelInput, TravelTable, city_label


def _priority(request: VisitRequest) -> tuple[bool, float, str]:
    """Pinned first, then stronger matches, then organisation id for stable ties."""
    return (not request.pinned, -request.strength, request.organisation_id)


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def plan_itinerary(
    requests: Sequence[VisitRequest],
    settings: PlanSettings,
    travel: TravelInput | TravelTable,
    bookings: Bookings | None = None,
) -> Plan:
    """Place the requests on the trip's days; the same input always gives the same plan."""
    table = TravelTable.from_mapping(travel, settings.same_city_minutes)
    state = PlanState(settings, table, index_bookings(bookings))
    unplaced: list[Unplaced] = []
    notes: list[str] = []
    moved: dict[str, str] = {}
    base = city_label(settings.base_city)
    if not requests:
        notes.append("No visits were requested.")
    working = [day for day in state.dates if state.working(day)]
    if not working:
        notes.append("The trip has no working day: every date is a rest day.")

    seen: set[str] = set()
    candidates: list[VisitRequest] = []
    for request in requests:
        if request.organisation_id in seen:
            unplaced.append(
                Unplaced(request, f"duplicate request: {request.name} is already listed")
            )
            continue
        seen.add(request.organisation_id)
        if (
            request.city != settings.base_city
            and table.between_cities(settings.base_city, request.city) is None
        ):
            reason = f"no travel time to {city_label(request.city)} from {base}"
            unplaced.append(Unplaced(request, reason))
            continue
        candidates.append(request)

    locked = sorted(
        ((r.lock, r) for r in candidates if r.lock is not None),
        key=lambda pair: (local(pair[0]), pair[1].organisation_id),
    )
    for lock, request in locked:
        refusal = _place_locked(state, request, lock, notes)
        if refusal:
            unplaced.append(Unplaced(request, refusal))

    for request in sorted((r for r in candidates if r.lock is None), key=_priority):
        if not working:
            unplaced.append(Unplaced(request, "the trip has no working day"))
            continue
        trial = state.best_insert(request)
        if trial is not None and any(
            request.organisation_id in per_org for per_org in state.busy.values()
        ):
            # Would this organisation's own bookings have put the visit on another day?
            relaxed = state.best_insert(request, relax=request.organisation_id)
            if relaxed is not None and relaxed.key < trial.key and relaxed.day != trial.day:
                moved[request.organisation_id] = _moved_off(state, request, relaxed.day)
        if trial is None:
            unplaced.append(Unplaced(request, _reason(state, request)))
            continue
        state.commit(request, trial)

    no_hours = sorted(
        {r.name for day in state.dates for r in state.requests[day] if r.hours is None}
    )
    if no_hours:
        notes.append(
            f"No visiting hours on record for {', '.join(no_hours)}: assumed open "
            f"{_hhmm(settings.day_start)}–{_hhmm(settings.day_end)}; confirm with the hosts."
        )
    days = [_day_plan(state, day, moved, notes) for day in state.dates]
    if unplaced and requests:
        notes.append(f"{len(unplaced)} of {len(requests)} requested visits could not be placed.")
    return Plan(days, unplaced, notes, settings.base_city, settings.languages)


def _place_locked(
    state: PlanState, request: VisitRequest, lock: datetime, notes: list[str]
) -> str | None:
    """Put a locked visit exactly where the coordinator set it; the reason when it cannot stay."""
    settings = state.settings
    moment = local(lock)
    day = moment.date()
    when = f"{moment:%H:%M} on {day.isoformat()}"
    if day not in state.schedules:
        return (
            f"locked at {when}, outside the trip ({settings.arrival.isoformat()} to "
            f"{settings.departure.isoformat()})"
        )
    trial = state.try_insert(request, day)
    if trial is None:
        return f"locked at {when}, which clashes with another locked visit or the travel to it"
    state.commit(request, trial)
    start, end = clock(moment), clock(moment) + request.minutes
    if day in settings.rest_days:
        notes.append(f"{request.name} is locked on {day.isoformat()}, a rest day.")
    if start < clock(settings.day_start) or end > clock(settings.day_end):
        notes.append(f"{request.name} is locked at {when}, outside the day's hours.")
    if request.hours and (start < clock(request.hours[0]) or end > clock(request.hours[1])):
        notes.append(f"{request.name} is locked at {when}, outside its visiting hours.")
    busy = state.busy.get(day, {}).get(request.organisation_id, ())
    if any(low < end and start < high for low, high in busy):
        notes.append(f"{request.name} is locked at {when}, while it hosts another delegation.")
    return None


def _moved_off(state: PlanState, request: VisitRequest, day: date) -> str:
    """Why a request is not on the day it would have had without the other bookings."""
    booked = len(state.busy.get(day, {}).get(request.organisation_id, ()))
    if request.capacity is not None and booked >= request.capacity:
        return Said(
            N_("moved off %(date)s: %(host)s already hosts its maximum of %(capacity)s "
               "delegation(s) that day"),
            date=day.isoformat(), host=request.name, capacity=request.capacity,
        )  # fmt: skip
    return Said(
        N_("moved off %(date)s: %(host)s is hosting another delegation then"),
        date=day.isoformat(), host=request.name,
    )  # fmt: skip


def _reason(state: PlanState, request: VisitRequest) -> str:
    """Why a request fits no day, found by relaxing one constraint at a time."""
    settings = state.settings
    if state.alone_fits(request, relax=False, ignore_hours=False):
        if state.full_days(request):
            limit = settings.max_visits_per_day
            return f"every working day already has its {limit} stop{'s' * (limit != 1)}"
        return "no free time left: the days with room went to higher-priority visits"
    if state.alone_fits(request, relax=True, ignore_hours=False):
        if request.capacity == 0:
            return "hosts no delegations at present (capacity 0)"
        if request.capacity is not None and all(
            len(state.busy.get(day, {}).get(request.organisation_id, ())) >= request.capacity
            for day in state.dates
            if state.working(day)
        ):
            return (
                f"already hosting its maximum of {request.capacity} delegation(s) on every "
                "working day"
            )
        return "already hosting another delegation at every free time"
    if state.alone_fits(request, relax=True, ignore_hours=True):
        return "no free slot in visiting hours on any day"
    window = f"{_hhmm(settings.day_start)}–{_hhmm(settings.day_end)}"
    if request.city != settings.base_city:
        return (
            f"{city_label(request.city)} is too far: the road there, the {request.minutes}-minute "
            f"visit and the road on do not fit between {window}"
        )
    return f"the {request.minutes}-minute visit does not fit between {window} with lunch"


def _at(day: date, minutes: int) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI) + timedelta(minutes=minutes)


def _interpreter(request: VisitRequest, settings: PlanSettings) -> str | None:
    hosts = set(request.host_languages or DEFAULT_HOST_LANGUAGES)
    delegation = set(settings.languages or (settings.interpreter_language,))
    return None if hosts & delegation else settings.interpreter_language


def _day_plan(state: PlanState, day: date, moved: dict[str, str], notes: list[str]) -> DayPlan:
    """Turn a day's schedule into Visit and Travel items with stop numbers."""
    settings = state.settings
    schedule: Schedule = state.schedules[day]
    items: list[Visit | Travel] = []
    stop, previous_site = 0, None
    for slot in schedule.slots:
        request = slot.request
        if request is None:
            items.append(
                Travel(
                    slot.from_city,
                    slot.to_city,
                    _at(day, slot.start),
                    _at(day, slot.end),
                    slot.end - slot.start,
                )
            )
            continue
        site = (request.city, site_of(request))
        if site != previous_site:
            stop, previous_site = stop + 1, site
        reason = moved.get(request.organisation_id) or slot.moved_reason
        items.append(
            Visit(
                request,
                _at(day, slot.start),
                _at(day, slot.end),
                stop,
                _interpreter(request, settings),
                reason,
            )
        )
    lunch = (_at(day, schedule.lunch[0]), _at(day, schedule.lunch[1])) if schedule.lunch else None
    if items and lunch is None and any(isinstance(item, Visit) for item in items):
        notes.append(f"No lunch break fits on {day.isoformat()} around the locked visits.")
    if schedule.end_city != settings.base_city:
        minutes = state.travel.between_cities(schedule.end_city, settings.base_city)
        notes.append(
            f"Night of {day.isoformat()} in {city_label(schedule.end_city)}, "
            f"{minutes} minutes from {city_label(settings.base_city)}: the next day starts there."
        )
    start_city = state.context(day).start_city
    return DayPlan(
        day, tuple(items), start_city, schedule.end_city, lunch, day in settings.rest_days
    )


def interpreter_needs(plan: Plan) -> list[tuple[date, str]]:
    """Each (date, language) for which an interpreter must be booked, in date order."""
    needs = {
        (day.date, visit.interpreter_language)
        for day in plan.days
        for visit in day.visits
        if visit.interpreter_language is not None
    }
    return sorted(needs)
