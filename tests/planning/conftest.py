"""The shipped city table and the invariants every plan must satisfy."""

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from matcher.planning import (
    City,
    Plan,
    PlanSettings,
    Travel,
    TravelTable,
    Visit,
    VisitRequest,
)
from matcher.planning.model import local
from matcher.reference import cities as shipped_cities


def load_cities() -> tuple[list[City], dict[str, dict[str, int]]]:
    """The nine cities and their road-minutes table as shipped."""
    shipped = shipped_cities.load()
    return list(shipped.by_slug.values()), shipped.travel_minutes


@pytest.fixture(scope="session")
def cities() -> list[City]:
    """The nine G60 cities."""
    return load_cities()[0]


@pytest.fixture(scope="session")
def travel() -> dict[str, dict[str, int]]:
    """Road minutes between the nine cities."""
    return load_cities()[1]


def _at(moment: datetime, value) -> datetime:
    return moment.replace(hour=value.hour, minute=value.minute, second=0, microsecond=0)


def check_plan(
    plan: Plan,
    requests: list[VisitRequest],
    settings: PlanSettings,
    travel,
    bookings=None,
) -> None:
    """Assert the planner's guarantees on a finished plan."""
    table = TravelTable.from_mapping(travel, settings.same_city_minutes)
    placed = [visit.request.organisation_id for visit in plan.visits]
    unplaced = [item.request.organisation_id for item in plan.unplaced]
    assert sorted(placed + unplaced) == sorted(r.organisation_id for r in requests)
    assert len(set(placed)) == len(placed)
    assert [day.date for day in plan.days] == settings.trip_dates()
    for index, day in enumerate(plan.days):
        items = list(day.items)
        for item in items:
            assert item.start.date() == day.date and item.end >= item.start
        for before, after in zip(items, items[1:], strict=False):
            assert before.end <= after.start, (before, after)
        visits = day.visits
        free = [v for v in visits if v.request.lock is None]
        assert day.rest_day == (day.date in settings.rest_days)
        if day.rest_day:
            assert free == []
        for visit in free:
            assert visit.start >= _at(visit.start, settings.day_start)
            assert visit.end <= _at(visit.end, settings.day_end)
            assert visit.end - visit.start == timedelta(minutes=visit.request.minutes)
            if visit.request.hours:
                assert visit.start >= _at(visit.start, visit.request.hours[0])
                assert visit.end <= _at(visit.end, visit.request.hours[1])
            for start, end in (bookings or {}).get(visit.request.organisation_id, []):
                assert not (local(start) < visit.end and visit.start < local(end))
            if visit.request.capacity is not None:
                same_day = [
                    s
                    for s, _ in (bookings or {}).get(visit.request.organisation_id, [])
                    if local(s).date() == day.date
                ]
                assert len(same_day) < visit.request.capacity
        if not any(v.request.lock for v in visits):
            for leg in day.legs:
                assert leg.start >= _at(leg.start, settings.day_start)
                assert leg.end <= _at(leg.end, settings.day_end)
        stops = {(v.stop) for v in visits}
        if not any(v.request.lock for v in visits):
            assert len(stops) <= settings.max_visits_per_day
        assert [v.stop for v in visits] == sorted(v.stop for v in visits)
        if visits and not any(v.request.lock for v in visits):
            assert day.lunch is not None
        if day.lunch is not None:
            lunch_start, lunch_end = day.lunch
            assert lunch_end - lunch_start == timedelta(minutes=settings.lunch_minutes)
            assert lunch_start >= _at(lunch_start, settings.lunch_window[0])
            assert lunch_end <= _at(lunch_end, settings.lunch_window[1])
            for visit in visits:
                assert visit.end <= lunch_start or visit.start >= lunch_end
        # Walk the day: every move is a travel leg of the table's length.
        city, site = day.start_city, None
        for item in items:
            if isinstance(item, Travel):
                assert item.from_city == city
                expected = table.between_cities(item.from_city, item.to_city)
                assert item.minutes == expected
                assert item.end - item.start == timedelta(minutes=item.minutes)
                city, site = item.to_city, "moved"
            else:
                assert isinstance(item, Visit)
                assert item.request.city == city
                here = item.request.site or item.request.organisation_id
                assert site in (here, "moved"), "a new site needs a travel leg"
                site = here
        assert city == day.end_city
        if index > 0:
            assert day.start_city == plan.days[index - 1].end_city
        following = settings.trip_dates()[index + 1] if index + 1 < len(plan.days) else None
        if following is None or following in settings.rest_days:
            assert day.end_city == settings.base_city
    assert plan.days[0].start_city == settings.base_city


@pytest.fixture(name="check_plan", scope="session")
def check_plan_fixture() -> Callable[..., None]:
    """The plan invariants, as a callable fixture."""
    return check_plan
