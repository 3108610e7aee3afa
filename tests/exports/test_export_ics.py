"""The calendar export parses back, with stable UIDs, an increasing SEQUENCE, travel and lunch
as events, and the visits taken out of a published plan cancelled."""

from dataclasses import replace
from datetime import date, time, timedelta

from icalendar import Calendar

from matcher.exports import plan_to_dict, plan_to_ics, visit_uid
from matcher.exports.ics import calendar_entries, cancelled_records, with_calendar_record
from matcher.planning import PlanSettings, Visit, VisitRequest, plan_itinerary

STEM = "itinerary-42@g60-match.example"


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def of_kind(data: bytes, kind: str) -> list:
    return [e for e in events(data) if e["CATEGORIES"].cats == [kind]]


def test_one_event_per_visit_in_shanghai_time(plan, make_context):
    data = plan_to_ics(plan, make_context())
    calendar = Calendar.from_ical(data)
    assert [c["TZID"] for c in calendar.walk() if c.name == "VTIMEZONE"] == ["Asia/Shanghai"]
    found = of_kind(data, "visit")
    assert len(found) == len(plan.visits)
    for event, visit in zip(found, plan.visits, strict=True):
        start = event.decoded("DTSTART")
        assert str(start.tzinfo) == "Asia/Shanghai"
        assert start == visit.start and event.decoded("DTEND") == visit.end
    assert b"DTSTART;TZID=Asia/Shanghai:" in data


def test_travel_and_lunch_are_events_of_their_own(plan, make_context):
    data = plan_to_ics(plan, make_context())
    legs = [leg for day in plan.days for leg in day.legs if leg.from_city != leg.to_city]
    travel = of_kind(data, "travel")
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in travel] == [
        (leg.start, leg.end) for leg in legs
    ]
    hefei = next(e for e in travel if "Hefei" in str(e["SUMMARY"]))
    assert str(hefei["SUMMARY"]) == "Travel: Songjiang (Shanghai) → Hefei (coach, 395 min)"
    assert str(hefei["LOCATION"]) == "Songjiang (Shanghai) 上海松江 → Hefei 合肥"
    lunches = of_kind(data, "lunch")
    assert len(lunches) == sum(1 for day in plan.days if day.lunch)
    assert all(str(e["SUMMARY"]) == "Lunch break" for e in lunches)
    uids = [str(e["UID"]) for e in events(data)]
    assert len(uids) == len(set(uids))


def test_location_in_both_scripts_and_description(plan, make_context):
    context = make_context(local_names={"chint": "正泰智能电气产业园"})
    found = {str(e["UID"]): e for e in events(plan_to_ics(plan, context))}
    chint = found[visit_uid(STEM, "chint")]
    assert str(chint["LOCATION"]) == (
        "CHINT Intelligent Electrical Industry Park (正泰智能电气产业园), "
        "Songjiang (Shanghai) 上海松江, -1 Chint Road, Songjiang"
    )
    assert "正泰智能电气产业园" in str(chint["SUMMARY"])
    description = str(chint["DESCRIPTION"])
    assert "Why it matched: Smart grids; +electrical equipment" in description
    assert "Interpreter: Arabic (ar)" in description
    hefei = found[visit_uid(STEM, "hefei-ai")]
    assert "合肥智能科技有限公司" in str(hefei["SUMMARY"])
    assert "Hefei 合肥" in str(hefei["LOCATION"])


def test_uids_are_stable_and_sequence_increases(plan, make_context, city_data, requests):
    first = events(plan_to_ics(plan, make_context(sequence=1)))
    # The coordinator republishes a revised itinerary: one more visit, a new revision.
    revised = plan_itinerary(
        [*requests, VisitRequest("jiaxing-co", "Jiaxing Co", "jiaxing", strength=0.1)],
        PlanSettings(date(2026, 5, 11), date(2026, 5, 14), languages=("ar",)),
        city_data[1],
    )
    second = events(plan_to_ics(revised, make_context(sequence=2)))
    visit_uids = {visit_uid(STEM, v.request.organisation_id) for v in plan.visits}
    assert visit_uids < {str(e["UID"]) for e in second}
    assert len({str(e["UID"]) for e in second}) == len(second)
    assert {int(e["SEQUENCE"]) for e in first} == {1}
    assert {int(e["SEQUENCE"]) for e in second} == {2}


class CalendarModel:
    """A calendar program as RFC 5545 describes it: an event is known by its UID, and a file
    replaces it when its SEQUENCE is not lower than the one held."""

    def __init__(self) -> None:
        self.events: dict[str, object] = {}

    def import_file(self, data: bytes) -> None:
        for event in events(data):
            uid = str(event["UID"])
            held = self.events.get(uid)
            if held is None or int(event["SEQUENCE"]) >= int(held["SEQUENCE"]):
                self.events[uid] = event


def publish(plan, make_context, previous, sequence):
    """What the service does on publish: the document carries every entry ever published."""
    context = make_context(sequence=sequence)
    document = with_calendar_record(plan_to_dict(plan, context), previous, context)
    cancelled = cancelled_records(document, plan, STEM)
    return document, plan_to_ics(plan, replace(context, cancelled=cancelled))


def edited(plan, *, move: str = "", remove: str = ""):
    """The plan with one visit two hours later and another taken out."""
    days = []
    for day in plan.days:
        items = []
        for item in day.items:
            if isinstance(item, Visit) and item.request.organisation_id == remove:
                continue
            if isinstance(item, Visit) and item.request.organisation_id == move:
                later = timedelta(hours=2)
                item = replace(item, start=item.start + later, end=item.end + later)
            items.append(item)
        days.append(replace(day, items=tuple(items)))
    return replace(plan, days=days)


def test_publish_move_remove_publish_in_a_calendar(plan, make_context):
    calendar = CalendarModel()
    versions = [plan, edited(plan, move="chint"), edited(plan, move="chint", remove="tus")]
    document = None
    for sequence, version in enumerate(versions, start=1):
        document, data = publish(version, make_context, document, sequence)
        calendar.import_file(data)
    chint_start = next(v.start for v in plan.visits if v.request.organisation_id == "chint")

    chint = calendar.events[visit_uid(STEM, "chint")]
    assert chint.decoded("DTSTART") == chint_start + timedelta(hours=2)
    assert str(chint["STATUS"]) == "CONFIRMED"
    tus = calendar.events[visit_uid(STEM, "tus")]
    assert str(tus["STATUS"]) == "CANCELLED" and int(tus["SEQUENCE"]) == 3
    assert str(tus["SUMMARY"]) == "Cancelled: Visit: TUS Caohejing Science Park"
    uids = [str(e["UID"]) for e in events(data)]
    assert len(uids) == len(set(uids))  # nothing twice in a file
    confirmed = [e for e in calendar.events.values() if str(e["STATUS"]) == "CONFIRMED"]
    assert len(confirmed) == len(calendar_entries(versions[-1], STEM))
    assert {int(e["SEQUENCE"]) for e in calendar.events.values()} == {3}
    # Restored later, the visit comes back under its UID, confirmed again.
    document, data = publish(plan, make_context, document, 4)
    calendar.import_file(data)
    assert str(calendar.events[visit_uid(STEM, "tus")]["STATUS"]) == "CONFIRMED"


def test_same_input_same_bytes(plan, make_context):
    assert plan_to_ics(plan, make_context()) == plan_to_ics(plan, make_context())


def test_uid_keeps_only_safe_characters():
    assert visit_uid("itinerary-7", "org 1/é") == "itinerary-7-org-1--@g60-match"


def test_empty_plan_is_a_valid_calendar(make_context):
    plan = plan_itinerary([], PlanSettings(date(2026, 5, 11), date(2026, 5, 11)), {})
    assert events(plan_to_ics(plan, make_context())) == []
    assert plan.days[0].lunch is None and time(0) < time(1)
