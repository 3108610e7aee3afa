"""Properties every plan keeps, whatever the trip, the requests and the other bookings."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.planning import PlanSettings, VisitRequest, plan_itinerary

CITIES = [
    "songjiang",
    "suzhou",
    "hangzhou",
    "huzhou",
    "jiaxing",
    "jinhua",
    "hefei",
    "wuhu",
    "xuancheng",
]
START = date(2026, 5, 11)
LANGUAGES = ["en", "zh", "fr", "ar"]


@st.composite
def hours(draw) -> tuple[time, time] | None:
    """Visiting hours on the half hour, or none on record."""
    if draw(st.booleans()):
        return None
    opens = draw(st.integers(14, 30))  # 07:00 to 15:00
    closes = draw(st.integers(opens + 2, 46))  # at least an hour later, by 23:00
    return time(opens // 2, 30 * (opens % 2)), time(closes // 2, 30 * (closes % 2))


@st.composite
def requests(draw, trip_days: int) -> list[VisitRequest]:
    """Up to a dozen requests across the nine cities, sometimes sharing a site or locked."""
    count = draw(st.integers(0, 12))
    made = []
    for index in range(count):
        city = draw(st.sampled_from([*CITIES, "songjiang", "songjiang", "other"]))
        lock = None
        if draw(st.integers(0, 9)) == 0:
            day = START + timedelta(days=draw(st.integers(0, trip_days)))
            lock = datetime.combine(
                day, time(draw(st.integers(8, 17)), draw(st.sampled_from([0, 30])))
            )
        made.append(
            VisitRequest(
                organisation_id=f"org-{index:02d}",
                name=f"Organisation {index}",
                city=city,
                site=draw(st.sampled_from([None, None, f"{city}-park-a", f"{city}-park-b"])),
                hours=draw(hours()),
                visit_minutes=draw(st.sampled_from([None, 30, 45, 60, 90, 120])),
                strength=draw(st.floats(0, 1, allow_nan=False)),
                pinned=draw(st.booleans()),
                host_languages=tuple(draw(st.lists(st.sampled_from(LANGUAGES), max_size=2))),
                lock=lock,
                capacity=draw(st.sampled_from([None, None, 0, 1, 2])),
            )
        )
    return made


@st.composite
def bookings(draw, made: list[VisitRequest], trip_days: int) -> dict:
    """Other delegations' visits to some of the requested organisations."""
    result = {}
    for request in made:
        if draw(st.integers(0, 2)):
            continue
        intervals = []
        for _ in range(draw(st.integers(1, 3))):
            day = START + timedelta(days=draw(st.integers(0, trip_days - 1)))
            start = datetime.combine(day, time(draw(st.integers(7, 18))))
            intervals.append(
                (start, start + timedelta(minutes=draw(st.sampled_from([30, 60, 180]))))
            )
        result[request.organisation_id] = intervals
    return result


@st.composite
def trips(draw):
    """A trip of one to four days, its requests and the other bookings."""
    days = draw(st.integers(1, 4))
    rest = frozenset(START + timedelta(days=i) for i in range(days) if draw(st.integers(0, 4)) == 0)
    plan_settings = PlanSettings(
        arrival=START,
        departure=START + timedelta(days=days - 1),
        max_visits_per_day=draw(st.integers(1, 8)),
        rest_days=rest,
        languages=tuple(draw(st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True))),
        day_start=time(draw(st.sampled_from([8, 9]))),
        day_end=time(draw(st.sampled_from([17, 18, 19]))),
    )
    made = draw(requests(days))
    return plan_settings, made, draw(bookings(made, days))


# How many examples: the Hypothesis profile ("ci" or the quicker "dev", tests/conftest.py).
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
pytestmark = pytest.mark.slow


@FAST
@given(trips())
def test_plans_keep_every_rule(travel, check_plan, trip):
    plan_settings, made, booked = trip
    plan = plan_itinerary(made, plan_settings, travel, bookings=booked)
    check_plan(plan, made, plan_settings, travel, booked)


@FAST
@given(trips())
def test_same_input_same_plan(travel, trip):
    plan_settings, made, booked = trip
    first = plan_itinerary(made, plan_settings, travel, bookings=booked)
    second = plan_itinerary(list(made), plan_settings, travel, bookings=dict(booked))
    assert first == second


@FAST
@given(trips())
def test_locked_visits_keep_their_time(travel, trip):
    plan_settings, made, booked = trip
    plan = plan_itinerary(made, plan_settings, travel, bookings=booked)
    for visit in plan.visits:
        if visit.request.lock is not None:
            assert visit.start.replace(tzinfo=None) == visit.request.lock
