"""Planning every delegation of a period at once: the invariants hold on generated trips, and
bad input gets a clear message and a valid plan."""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.planning.calendar import WorkingCalendar, parse_opening_hours
from matcher.planning.period import Host, Trip, Wish, plan_period, violations
from matcher.planning.period.explain import Explainer
from matcher.planning.transport import Transport

DATA = Path(__file__).resolve().parents[2] / "data"
TRANSPORT = Transport.from_json(json.loads((DATA / "travel.json").read_text(encoding="utf-8")))
CITIES = sorted(TRANSPORT.cities())
HOURS = [
    "Mon-Fri 09:00-17:00",
    "Mon-Fri 09:00-12:00, 13:30-17:30",
    "Mon-Sat 10:00-16:00",
    "Mon-Fri 08:30-11:30, 14:00-17:00",
    "Tue-Thu 13:00-16:00",
]
MONDAY = date(2026, 9, 21)  # the week of the Mid-Autumn Festival (Friday 25 September)


def office(host_id: str, city: str, site: str | None = None, **extra) -> Host:
    values = {"hours": parse_opening_hours("Mon-Fri 09:00-17:00"), "capacity": 1, **extra}
    return Host(host_id, f"Host {host_id}", city, site or host_id, **values)


@st.composite
def worlds(draw):
    """A few hosts in the nine cities and a few delegations over a working week and more."""
    count = draw(st.integers(2, 9))
    hosts = {}
    for index in range(count):
        city = draw(st.sampled_from(CITIES))
        site = draw(st.sampled_from([f"h{index}", f"{city}-park-1", f"{city}-park-2"]))
        hosts[f"h{index}"] = Host(
            f"h{index}",
            f"Host {index}",
            city,
            site,
            draw(st.sampled_from([None, *map(parse_opening_hours, HOURS)])),
            draw(st.sampled_from([None, 1, 2])),
            draw(st.sampled_from([45, 60, 90])),
        )
    trips = []
    for number in range(draw(st.integers(1, 3))):
        arrival = MONDAY + timedelta(days=draw(st.integers(0, 5)))
        departure = arrival + timedelta(days=draw(st.integers(0, 4)))
        wanted = draw(st.lists(st.sampled_from(sorted(hosts)), min_size=1, max_size=6, unique=True))
        wishes = []
        for host_id in wanted:
            lock = None
            if draw(st.integers(0, 5)) == 0:
                day = arrival + timedelta(days=draw(st.integers(0, (departure - arrival).days)))
                lock = datetime.combine(
                    day, time(draw(st.integers(7, 18)), draw(st.sampled_from([0, 30])))
                )
            wishes.append(Wish(host_id, draw(st.floats(0, 1)), draw(st.booleans()), lock))
        rest = frozenset(
            d for d in [arrival + timedelta(days=1)] if draw(st.booleans()) and d <= departure
        )
        trips.append(
            Trip(
                f"d{number}",
                f"Delegation {number}",
                arrival,
                departure,
                tuple(wishes),
                arrival_time=time(draw(st.sampled_from([8, 9, 11, 15]))),
                departure_time=time(draw(st.sampled_from([12, 16, 18]))),
                arrival_city=draw(st.sampled_from(CITIES)),
                departure_city=draw(st.sampled_from(CITIES)),
                rest_days=rest,
            )
        )
    return hosts, trips


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_every_plan_keeps_the_invariants(world):
    hosts, trips = world
    period = plan_period(trips, hosts, TRANSPORT, time_limit=3)
    assert period.status in {"OPTIMAL", "FEASIBLE"}, (period.status, period.notes)
    explain = Explainer(hosts, TRANSPORT, WorkingCalendar(), {})
    assert violations(period.plans, hosts, explain.open_ranges) == []
    for plan in period.plans:
        wished = {w.host_id for w in plan.trip.wishes}
        visits = [i.host_id for d in plan.days for i in d.items if i.kind == "visit"]
        assert len(visits) == len(set(visits)) and set(visits) <= wished
        assert set(visits) | {u.host_id for u in plan.unplaced} == wished
        assert all(u.reason for u in plan.unplaced)
        for day in plan.days:
            if day.date in plan.trip.rest_days:  # at most the journey out on the last day
                assert all(i.kind == "travel" for i in day.items)
                assert not day.items or day.date == plan.trip.departure
            legs = [i for i in day.items if i.kind == "travel"]
            assert all(i.mode in {"rail", "road", "walk"} for i in legs)


def trip(wishes, days=3, **extra) -> Trip:
    return Trip(
        "d1", "Solar delegation", MONDAY, MONDAY + timedelta(days=days - 1), tuple(wishes), **extra
    )


def test_hefei_is_reached_by_rail_and_the_delegation_sleeps_there():
    hosts = {f"f{i}": office(f"f{i}", "hefei", capacity=None) for i in range(3)}
    hosts["s1"] = office("s1", "songjiang")
    wishes = [Wish(h) for h in hosts]
    period = plan_period([trip(wishes)], hosts, TRANSPORT, time_limit=5)
    plan = period.plans[0]
    assert plan.placed() == set(hosts)
    legs = [
        i
        for d in plan.days
        for i in d.items
        if i.kind == "travel" and i.to_city == "hefei" and i.from_city != "hefei"
    ]
    assert legs and legs[0].mode == "rail"
    assert "hefei" in {d.hotel for d in plan.days}
    assert plan.days[-1].hotel is None


def test_a_park_and_its_tenants_are_one_stop():
    park = office("p", "xuancheng", site="xc-park")
    tenants = [office(f"t{i}", "xuancheng", site="xc-park") for i in range(2)]
    hosts = {h.id: h for h in [park, *tenants]}
    period = plan_period([trip([Wish(h) for h in hosts])], hosts, TRANSPORT, time_limit=5)
    days = [d for d in period.plans[0].days if any(i.kind == "visit" for i in d.items)]
    assert len(days) == 1
    items = [i for i in days[0].items if i.kind != "lunch"]
    visits = [n for n, i in enumerate(items) if i.kind == "visit"]
    assert visits == list(range(visits[0], visits[0] + 3))


def test_visits_that_fit_one_day_go_on_the_first_not_the_day_of_departure():
    hosts = {f"s{i}": office(f"s{i}", "songjiang", capacity=None) for i in range(3)}
    period = plan_period([trip([Wish(h) for h in hosts])], hosts, TRANSPORT, time_limit=5)
    busy = [d.date for d in period.plans[0].days if any(i.kind == "visit" for i in d.items)]
    assert busy == [MONDAY]


def test_an_edit_leaves_the_other_visits_on_their_days_where_travel_alone_would_move_them():
    hosts = {f"s{i}": office(f"s{i}", "songjiang", capacity=None) for i in range(3)}
    tuesday = MONDAY + timedelta(days=1)
    wishes = [Wish("s0", lock=datetime.combine(tuesday, time(15, 0))), Wish("s1"), Wish("s2")]
    published = trip(wishes, published=dict.fromkeys(hosts, MONDAY))

    def days(local: bool) -> dict[str, date]:
        plan = plan_period([published], hosts, TRANSPORT, time_limit=5, local=local).plans[0]
        return {i.host_id: d.date for d in plan.days for i in d.items if i.kind == "visit"}

    # A whole re-plan gathers the three in one day (one day of travel instead of two) ...
    assert days(local=False) == dict.fromkeys(hosts, tuesday)
    # ... an edit moves only the visit it was asked to move.
    assert days(local=True) == {"s0": tuesday, "s1": MONDAY, "s2": MONDAY}


def test_a_lock_outside_opening_hours_is_refused_with_the_reason():
    hosts = {"s1": office("s1", "songjiang")}
    lock = datetime.combine(MONDAY, time(16, 30))
    period = plan_period([trip([Wish("s1", lock=lock)])], hosts, TRANSPORT, time_limit=5)
    plan = period.plans[0]
    assert any("Lock refused" in n and "opening hours" in n for n in plan.notes), plan.notes
    visit = next(i for d in plan.days for i in d.items if i.kind == "visit")
    assert visit.start >= 9 * 60 and not visit.locked


def test_two_clashing_locks_keep_the_first_and_refuse_the_second():
    hosts = {"s1": office("s1", "songjiang"), "s2": office("s2", "songjiang")}
    at = datetime.combine(MONDAY, time(10, 0))
    wishes = [Wish("s1", lock=at), Wish("s2", lock=at + timedelta(minutes=30))]
    plan = plan_period([trip(wishes)], hosts, TRANSPORT, time_limit=5).plans[0]
    assert any("clashes with the lock of Host s1" in n for n in plan.notes)
    first = next(i for i in plan.days[0].items if i.host_id == "s1")
    assert first.locked and first.start == 10 * 60


def test_weekend_and_holiday_days_are_not_visit_days_but_can_be_travel_days():
    hosts = {"f1": office("f1", "hefei")}
    friday = date(2026, 9, 25)  # Mid-Autumn Festival
    plan = plan_period(
        [Trip("d1", "Holiday", friday, friday + timedelta(days=3), (Wish("f1"),))],
        hosts,
        TRANSPORT,
        time_limit=5,
    ).plans[0]
    visit_days = [d.date for d in plan.days if any(i.kind == "visit" for i in d.items)]
    assert visit_days == [date(2026, 9, 28)]
    assert plan.days[0].note == "Public holiday: Mid-Autumn Festival"


def test_bad_input_gets_a_clear_message_and_a_valid_plan():
    hosts = {"x": office("x", "atlantis"), "n": office("n", "songjiang", hours=None)}
    assert plan_period([], hosts, TRANSPORT).notes == ("No delegation visits in this period.",)
    sunday = date(2026, 9, 27)
    closed = plan_period(
        [Trip("d1", "Weekend", sunday, sunday, (Wish("x"), Wish("n")))], hosts, TRANSPORT
    ).plans[0]
    reasons = {u.host_id: u.reason for u in closed.unplaced}
    assert "no travel figures for its city (atlantis)" in reasons["x"]
    assert "closed on every day" in reasons["n"]
    assert any("no working day" in n for n in closed.notes)


def _busy_week():
    hosts = {f"h{i}": office(f"h{i}", CITIES[i % 9]) for i in range(40)}
    trips = [trip([Wish(f"h{(i + k) % 40}") for k in range(8)], days=5) for i in range(20)]
    return hosts, [
        Trip(f"d{i}", t.name, t.arrival, t.departure, t.wishes) for i, t in enumerate(trips)
    ]


def test_a_solver_out_of_time_still_gives_every_delegation_a_valid_plan():
    hosts, trips = _busy_week()
    period = plan_period(trips, hosts, TRANSPORT, time_limit=0.001)
    assert len(period.plans) == len(trips)
    assert all(plan.placed() for plan in period.plans)
    open_ranges = Explainer(hosts, TRANSPORT, WorkingCalendar(), {}).open_ranges
    assert violations(period.plans, hosts, open_ranges) == []
    if period.status.endswith("_FALLBACK"):
        assert all("one delegation at a time" in " ".join(p.notes) for p in period.plans)


def test_without_a_joint_plan_in_time_each_delegation_is_planned_on_its_own(monkeypatch):
    """The solver answers UNKNOWN (what a time limit hit before any solution gives)."""
    from matcher.planning.period import assign, solve

    monkeypatch.setattr(solve, "solve_assignment", lambda *a, **k: assign.Assignment("UNKNOWN"))
    monkeypatch.setattr(solve, "seed_alone", lambda *a, **k: None)
    hosts, trips = _busy_week()
    period = plan_period(trips, hosts, TRANSPORT, time_limit=0.001)
    assert period.status == "UNKNOWN_FALLBACK"
    assert sum(len(plan.placed()) for plan in period.plans) >= len(trips)
    open_ranges = Explainer(hosts, TRANSPORT, WorkingCalendar(), {}).open_ranges
    assert violations(period.plans, hosts, open_ranges) == []
    for plan in period.plans:
        assert any("found no plan for the period within 0.001 s" in n for n in plan.notes)
        assert {u.host_id for u in plan.unplaced} | plan.placed() == {
            w.host_id for w in plan.trip.wishes
        }


def test_a_visit_that_fits_no_day_says_which_days_are_full_and_why():
    """One day, at most one stop: the second host is left off with that day named."""
    hosts = {"a": office("a", "songjiang"), "b": office("b", "songjiang")}
    trip = Trip("d1", "Delegation", MONDAY, MONDAY, (Wish("a", 0.9), Wish("b", 0.5)), max_stops=1)
    plan = plan_period([trip], hosts, TRANSPORT, time_limit=5).plans[0]
    assert plan.placed() == {"a"}
    (unplaced,) = plan.unplaced
    assert unplaced.host_id == "b"
    assert unplaced.reason.startswith(
        "Host b fits no day it is open: Monday 2026-09-21 already has 1"
    )
    assert unplaced.reason.endswith("drop a visit or lengthen the day")


def test_an_unreachable_city_is_measured_from_the_hotel_of_its_open_day():
    """The host is open on Wednesday only: the relevant base is Tuesday night's hotel
    (Songjiang), not the first night's (Hangzhou)."""
    from matcher.planning.period import Day
    from matcher.planning.period.assign import Assignment

    hosts = {"far": office("far", "hefei", hours=parse_opening_hours("Wed 09:00-17:00"))}
    monday = MONDAY
    trip = Trip(
        "d1", "Delegation", monday, monday + timedelta(days=2), (Wish("far"),),
        arrival_city="hangzhou", departure_city="songjiang",
    )  # fmt: skip
    cities = ["hangzhou", "hangzhou", "songjiang", "songjiang", "songjiang", "songjiang"]
    answer = Assignment(
        "OPTIMAL",
        city={
            (trip.id, d, h): cities[2 * i + h] for i, d in enumerate(trip.dates()) for h in (0, 1)
        },
    )
    days = [
        Day(monday, (), "hangzhou"),
        Day(monday + timedelta(days=1), (), "songjiang"),
        Day(monday + timedelta(days=2), (), None),
    ]
    explain = Explainer(hosts, TRANSPORT, WorkingCalendar(), {})
    reason = explain.why_not(trip, "far", answer, days)
    leg = TRANSPORT.leg("songjiang", "hefei")
    assert reason.startswith("Hefei is ") and "from the Songjiang hotel" in reason
    assert f"by {leg.mode}" in reason
    assert reason.endswith("add a Hefei night or drop a visit")
    assert reason.as_data()["params"]["base"] == {"city": "songjiang"}
