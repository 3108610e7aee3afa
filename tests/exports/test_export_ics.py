"""The calendar export parses back, with stable UIDs and an increasing SEQUENCE."""

from datetime import date, time

from icalendar import Calendar

from matcher.exports import plan_to_ics, visit_uid
from matcher.planning import PlanSettings, VisitRequest, plan_itinerary


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_one_event_per_visit_in_shanghai_time(plan, make_context):
    data = plan_to_ics(plan, make_context())
    calendar = Calendar.from_ical(data)
    assert [c["TZID"] for c in calendar.walk() if c.name == "VTIMEZONE"] == ["Asia/Shanghai"]
    found = events(data)
    assert len(found) == len(plan.visits)
    for event, visit in zip(found, plan.visits, strict=True):
        start = event.decoded("DTSTART")
        assert str(start.tzinfo) == "Asia/Shanghai"
        assert start == visit.start and event.decoded("DTEND") == visit.end
    assert b"DTSTART;TZID=Asia/Shanghai:" in data


def test_location_and_description(plan, make_context):
    found = {str(e["UID"]): e for e in events(plan_to_ics(plan, make_context()))}
    chint = found[visit_uid("itinerary-42@g60-match.example", "chint")]
    assert str(chint["LOCATION"]) == (
        "CHINT Intelligent Electrical Industry Park, Songjiang (Shanghai), -1 Chint Road, Songjiang"
    )
    description = str(chint["DESCRIPTION"])
    assert "Why it matched: Smart grids; +electrical equipment" in description
    assert "Interpreter: Arabic (ar)" in description
    hefei = found[visit_uid("itinerary-42@g60-match.example", "hefei-ai")]
    assert "Travel before: Songjiang (Shanghai) → Hefei, 395 min" in str(hefei["DESCRIPTION"])
    assert "合肥智能科技有限公司" in str(hefei["SUMMARY"])


def test_uids_are_stable_and_sequence_increases(plan, make_context, city_data, requests):
    first = events(plan_to_ics(plan, make_context(sequence=1)))
    # The coordinator republishes a revised itinerary: one more visit, a new revision.
    revised = plan_itinerary(
        [*requests, VisitRequest("jiaxing-co", "Jiaxing Co", "jiaxing", strength=0.1)],
        PlanSettings(date(2026, 5, 11), date(2026, 5, 14), languages=("ar",)),
        city_data[1],
    )
    second = events(plan_to_ics(revised, make_context(sequence=2)))
    first_uids = {str(e["UID"]) for e in first}
    second_uids = {str(e["UID"]) for e in second}
    assert first_uids < second_uids
    assert len(second_uids) == len(second)
    assert {int(e["SEQUENCE"]) for e in first} == {1}
    assert {int(e["SEQUENCE"]) for e in second} == {2}


def test_same_input_same_bytes(plan, make_context):
    assert plan_to_ics(plan, make_context()) == plan_to_ics(plan, make_context())


def test_uid_keeps_only_safe_characters():
    assert visit_uid("itinerary-7", "org 1/é") == "itinerary-7-org-1--@g60-match"


def test_empty_plan_is_a_valid_calendar(make_context):
    plan = plan_itinerary([], PlanSettings(date(2026, 5, 11), date(2026, 5, 11)), {})
    assert events(plan_to_ics(plan, make_context())) == []
    assert plan.days[0].lunch is None and time(0) < time(1)
