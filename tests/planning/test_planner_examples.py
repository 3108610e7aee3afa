"""The planner on trips whose right answer a coordinator would recognise."""

from datetime import date, datetime, time

import pytest

from matcher.planning import (
    Plan,
    PlanSettings,
    Travel,
    VisitRequest,
    interpreter_needs,
    parse_hours,
    plan_itinerary,
)

MONDAY = date(2026, 5, 11)
FRIDAY = date(2026, 5, 15)
SONGJIANG_PARKS = [
    "CHINT Intelligent Electrical Industry Park",
    "Qifu Xinshang Science Park",
    "Zhong'an Innovation Park",
    "TUS Caohejing Science Park",
    "Lingang Songjiang Science and Technology City",
    "5808 Live Streaming Base",
]


def park(index: int, **overrides) -> VisitRequest:
    """One of the six Songjiang parks."""
    fields = {
        "organisation_id": f"park-{index}",
        "name": SONGJIANG_PARKS[index],
        "city": "songjiang",
        "hours": (time(9), time(17)),
        "strength": 0.9 - index / 20,
    }
    return VisitRequest(**(fields | overrides))


def five_day_requests() -> list[VisitRequest]:
    """Six Songjiang parks, a Hefei company and a Suzhou company."""
    return [park(i) for i in range(6)] + [
        VisitRequest(
            "hefei-co", "合肥科技有限公司", "hefei", hours=(time(9), time(17)), strength=0.8
        ),
        VisitRequest(
            "suzhou-co", "Suzhou Robotics", "suzhou", strength=0.5, host_languages=("zh", "en")
        ),
    ]


def test_five_day_trip_places_every_visit(travel, check_plan):
    settings = PlanSettings(MONDAY, FRIDAY, languages=("en",))
    requests = five_day_requests()
    plan = plan_itinerary(requests, settings, travel)
    check_plan(plan, requests, settings, travel)
    assert plan.unplaced == []
    hefei_day = next(d for d in plan.days if any(v.request.city == "hefei" for v in d.visits))
    # Hefei is 395 minutes away: too far for a round trip, so the delegation sleeps there.
    assert hefei_day.end_city == "hefei" or hefei_day.start_city == "hefei"
    assert any("Night of" in note for note in plan.notes)
    suzhou = next(v for v in plan.visits if v.request.city == "suzhou")
    assert not suzhou.needs_interpreter
    hefei = next(v for v in plan.visits if v.request.city == "hefei")
    assert hefei.interpreter_language == "en"


def test_parks_are_grouped_in_few_days(travel):
    settings = PlanSettings(MONDAY, FRIDAY)
    plan = plan_itinerary([park(i) for i in range(6)], settings, travel)
    busy_days = [day for day in plan.days if day.visits]
    assert len(busy_days) == 2
    assert [len(day.visits) for day in busy_days] == [4, 2]
    assert all(leg.minutes == 30 for day in busy_days for leg in day.legs)


def test_same_site_is_one_stop_without_travel(travel):
    settings = PlanSettings(MONDAY, MONDAY)
    requests = [
        VisitRequest(f"tenant-{i}", f"Tenant {i}", "songjiang", site="g60-park", strength=i)
        for i in range(3)
    ]
    plan = plan_itinerary(requests, settings, travel)
    (day,) = plan.days
    assert [v.stop for v in day.visits] == [1, 1, 1]
    assert len(day.legs) == 2  # hotel → park and park → hotel only
    for before, after in zip(day.visits, day.visits[1:], strict=False):
        assert after.start in (before.end, day.lunch[1])


def test_one_day_trip_with_ten_visits(travel, check_plan):
    settings = PlanSettings(MONDAY, MONDAY)
    requests = [
        VisitRequest(f"org-{i:02d}", f"Organisation {i}", "songjiang", strength=i / 10)
        for i in range(10)
    ]
    plan = plan_itinerary(requests, settings, travel)
    check_plan(plan, requests, settings, travel)
    assert len(plan.visits) == 4
    # The strongest matches win the day.
    assert {v.request.organisation_id for v in plan.visits} == {
        "org-09",
        "org-08",
        "org-07",
        "org-06",
    }
    assert len(plan.unplaced) == 6
    assert all("4 stops" in item.reason for item in plan.unplaced)


def test_pinned_visits_come_before_stronger_ones(travel):
    settings = PlanSettings(MONDAY, MONDAY, max_visits_per_day=1)
    strong = VisitRequest("strong", "Strong", "songjiang", strength=0.99)
    pinned = VisitRequest("pinned", "Pinned", "songjiang", strength=0.1, pinned=True)
    plan = plan_itinerary([strong, pinned], settings, travel)
    assert [v.request.organisation_id for v in plan.visits] == ["pinned"]


def test_organisation_without_hours_or_coordinates(travel, check_plan):
    settings = PlanSettings(MONDAY, MONDAY)
    request = VisitRequest("bare", "Bare Org", "jiaxing", hours=parse_hours("call ahead"))
    plan = plan_itinerary([request], settings, travel)
    check_plan(plan, [request], settings, travel)
    assert len(plan.visits) == 1
    assert any("No visiting hours on record for Bare Org" in note for note in plan.notes)


def test_departure_before_arrival_is_a_clear_error():
    with pytest.raises(ValueError, match=r"departure \(2026-05-10\) is before arrival"):
        PlanSettings(MONDAY, date(2026, 5, 10))


def test_city_missing_from_the_table(travel, check_plan):
    settings = PlanSettings(MONDAY, FRIDAY)
    requests = [VisitRequest("elsewhere", "Elsewhere Ltd", "other"), park(0)]
    plan = plan_itinerary(requests, settings, travel)
    check_plan(plan, requests, settings, travel)
    assert [(u.request.organisation_id, u.reason) for u in plan.unplaced] == [
        ("elsewhere", "no travel time to Other from Songjiang")
    ]


def test_no_requests_gives_an_empty_plan_with_a_note(travel):
    plan = plan_itinerary([], PlanSettings(MONDAY, FRIDAY), travel)
    assert isinstance(plan, Plan) and plan.visits == [] and plan.unplaced == []
    assert "No visits were requested." in plan.notes


def test_trip_with_only_rest_days(travel):
    settings = PlanSettings(MONDAY, MONDAY, rest_days=frozenset({MONDAY}))
    plan = plan_itinerary([park(0)], settings, travel)
    assert plan.unplaced[0].reason == "the trip has no working day"


def test_hours_that_never_fit(travel):
    settings = PlanSettings(MONDAY, MONDAY)
    late = park(0, hours=(time(19), time(21)))
    plan = plan_itinerary([late], settings, travel)
    assert plan.unplaced[0].reason == "no free slot in visiting hours on any day"


def test_too_far_for_a_one_day_trip(travel):
    settings = PlanSettings(MONDAY, MONDAY)
    plan = plan_itinerary([VisitRequest("hf", "Hefei Co", "hefei")], settings, travel)
    assert plan.unplaced[0].reason.startswith("Hefei is too far")


def test_bookings_move_a_visit_and_say_why(travel, check_plan):
    settings = PlanSettings(MONDAY, MONDAY)
    busy = {"park-0": [(datetime(2026, 5, 11, 9), datetime(2026, 5, 11, 16))]}
    request = park(0)
    plan = plan_itinerary([request], settings, travel, bookings=busy)
    check_plan(plan, [request], settings, travel, busy)
    (visit,) = plan.visits
    assert visit.start.hour == 16
    assert "hosts another delegation 09:00–16:00" in visit.moved_reason
    # Kept as a message id too, so the coordinators' pages word it in their language.
    assert visit.moved_reason.as_data()["params"]["start"] == "09:00"


def test_booking_moves_a_visit_to_another_day(travel):
    settings = PlanSettings(MONDAY, date(2026, 5, 12))
    busy = {"park-0": [(datetime(2026, 5, 11, 8), datetime(2026, 5, 11, 18))]}
    plan = plan_itinerary([park(0)], settings, travel, bookings=busy)
    (visit,) = plan.visits
    assert visit.start.date() == date(2026, 5, 12)
    assert visit.moved_reason.startswith("moved off 2026-05-11")


def test_capacity_moves_a_visit_to_another_day(travel):
    settings = PlanSettings(MONDAY, date(2026, 5, 12))
    busy = {"park-0": [(datetime(2026, 5, 11, 9), datetime(2026, 5, 11, 10))]}
    plan = plan_itinerary([park(0, capacity=1)], settings, travel, bookings=busy)
    (visit,) = plan.visits
    assert visit.start.date() == date(2026, 5, 12)
    assert "already hosts its maximum of 1 delegation(s) that day" in visit.moved_reason
    assert visit.moved_reason.msgid.startswith("moved off %(date)s")


def test_bookings_at_every_free_time(travel):
    settings = PlanSettings(MONDAY, MONDAY)
    busy = {"park-0": [(datetime(2026, 5, 11, 8), datetime(2026, 5, 11, 18))]}
    plan = plan_itinerary([park(0)], settings, travel, bookings=busy)
    assert plan.unplaced[0].reason == "already hosting another delegation at every free time"


def test_capacity_per_day_is_respected(travel):
    settings = PlanSettings(MONDAY, MONDAY)
    busy = {"park-0": [(datetime(2026, 5, 11, 9), datetime(2026, 5, 11, 10))]}
    plan = plan_itinerary([park(0, capacity=1)], settings, travel, bookings=busy)
    assert "maximum of 1 delegation" in plan.unplaced[0].reason


def test_locked_visit_stays_where_the_coordinator_put_it(travel, check_plan):
    settings = PlanSettings(MONDAY, FRIDAY)
    locked = park(3, lock=datetime(2026, 5, 13, 15, 30), strength=0.0)
    requests = [park(i) for i in range(3)] + [locked]
    plan = plan_itinerary(requests, settings, travel)
    check_plan(plan, requests, settings, travel)
    visit = next(v for v in plan.visits if v.request.organisation_id == "park-3")
    assert visit.start.isoformat() == "2026-05-13T15:30:00+08:00"


def test_locks_that_clash_or_fall_outside_the_trip(travel):
    settings = PlanSettings(MONDAY, MONDAY)
    first = park(0, lock=datetime(2026, 5, 11, 10))
    clash = park(1, lock=datetime(2026, 5, 11, 10, 30))
    outside = park(2, lock=datetime(2026, 6, 1, 10))
    plan = plan_itinerary([first, clash, outside], settings, travel)
    reasons = {u.request.organisation_id: u.reason for u in plan.unplaced}
    assert reasons["park-1"].startswith("locked at 10:30 on 2026-05-11, which clashes")
    assert reasons["park-2"].startswith("locked at 10:00 on 2026-06-01, outside the trip")


def test_interpreter_needs_per_day_and_language(travel):
    settings = PlanSettings(MONDAY, date(2026, 5, 12), languages=("ru", "en"), max_visits_per_day=1)
    requests = [park(0), park(1, host_languages=("en",))]
    plan = plan_itinerary(requests, settings, travel)
    assert interpreter_needs(plan) == [(MONDAY, "ru")]


def test_travel_accepts_pairs_as_well_as_nested(travel):
    pairs = {(a, b): m for a, row in travel.items() for b, m in row.items()}
    settings = PlanSettings(MONDAY, FRIDAY)
    requests = five_day_requests()
    assert plan_itinerary(requests, settings, pairs) == plan_itinerary(requests, settings, travel)


def test_day_legs_are_travel_items(travel):
    plan = plan_itinerary(five_day_requests(), PlanSettings(MONDAY, FRIDAY), travel)
    assert all(isinstance(leg, Travel) and leg.minutes > 0 for d in plan.days for leg in d.legs)


def test_long_days_beyond_exact_search_use_the_heuristic(travel, check_plan):
    settings = PlanSettings(
        MONDAY, MONDAY, day_start=time(7), day_end=time(21), max_visits_per_day=8
    )
    requests = [
        VisitRequest(f"sj-{i}", f"Songjiang {i}", "songjiang", visit_minutes=30, strength=i)
        for i in range(5)
    ] + [
        VisitRequest(f"jx-{i}", f"Jiaxing {i}", "jiaxing", visit_minutes=30, strength=i)
        for i in range(3)
    ]
    plan = plan_itinerary(requests, settings, travel)
    check_plan(plan, requests, settings, travel)
    assert len(plan.visits) == 8
    cities = [v.request.city for v in plan.visits]
    # Grouped by city: one block of each, so only two city changes in the day.
    assert sum(a != b for a, b in zip(cities, cities[1:], strict=False)) == 1
    assert sum(leg.from_city != leg.to_city for leg in plan.days[0].legs) == 2
