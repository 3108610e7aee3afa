"""The travel table (road and rail, with sources) and the visiting-hours calendar."""

import json
from datetime import date
from pathlib import Path

import pytest

from matcher.planning.calendar import (
    HoursError,
    OpeningHours,
    WorkingCalendar,
    parse_opening_hours,
)
from matcher.planning.transport import Transport, TransportDataError

DATA = Path(__file__).resolve().parents[2] / "data"
CITIES = [c["slug"] for c in json.loads((DATA / "cities.json").read_text())["cities"]]


@pytest.fixture(scope="module")
def document() -> dict:
    return json.loads((DATA / "travel.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def transport(document) -> Transport:
    return Transport.from_json(document)


def test_every_pair_of_the_nine_cities_has_road_and_rail_with_a_source(document):
    pairs = {frozenset(p["cities"]): p for p in document["pairs"]}
    for i, a in enumerate(CITIES):
        for b in CITIES[i + 1 :]:
            pair = pairs[frozenset((a, b))]
            assert pair["road_minutes"] > 0 and pair["rail_minutes"] > 0
            assert pair["road_source"] and pair["rail_source"]
    stations = {s["city"]: s for s in document["stations"]}
    assert set(stations) == set(CITIES)
    assert all(s["access_minutes"] > 0 and s["access_source"] for s in stations.values())


def test_published_songjiang_times_are_cited(document):
    pairs = {frozenset(p["cities"]): p for p in document["pairs"]}
    hefei = pairs[frozenset(("songjiang", "hefei"))]
    assert hefei["rail_minutes"] == 164 and "shine.cn" in hefei["rail_source"]
    jinhua = pairs[frozenset(("songjiang", "jinhua"))]
    assert jinhua["rail_source"].startswith("estimate")


def test_a_group_takes_the_train_only_when_it_saves_time_door_to_door(transport):
    hefei = transport.leg("songjiang", "hefei")
    assert hefei.mode == "rail" and hefei.train_minutes == 164
    assert hefei.minutes == 30 + 15 + 164 + 30 < 395
    jiaxing = transport.leg("jiaxing", "songjiang")
    assert jiaxing.mode == "road" and jiaxing.minutes == 70
    assert transport.leg("songjiang", "atlantis") is None


def test_a_malformed_table_is_refused_with_the_record_named():
    with pytest.raises(TransportDataError, match="pair 1"):
        Transport.from_json({"pairs": [{"cities": ["a", "a"], "road_minutes": 5}]})


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Mon-Fri 9:00-17:00", "Mon-Fri 09:00-17:00"),
        (
            "Mon-Fri 09:00-12:00, 13:30-17:00; Sat 09:00-12:00",
            "Mon-Fri 09:00-12:00, 13:30-17:00; Sat 09:00-12:00",
        ),
        ("周一至周五 9:00-17:00", "Mon-Fri 09:00-17:00"),
        ("9am-5pm", "Mon-Fri 09:00-17:00"),
        ("Mon, Wed 9-11am", "Mon 09:00-11:00; Wed 09:00-11:00"),
        ("daily 10:00-16:00; holidays", "Mon-Sun 10:00-16:00; open on public holidays"),
    ],
)
def test_hours_are_read_into_days_and_ranges(text, canonical):
    hours = parse_opening_hours(text)
    assert hours.describe() == canonical
    assert parse_opening_hours(hours.describe()) == hours


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No visiting hours"),
        ("open weekdays", "No times"),
        ("Mon-Fri 9:00", "Cannot read the times “9:00”"),
        ("Mon-Fri 17:00-9:00", "closing after opening"),
        ("Funday 9-10", "Cannot read the days “funday”"),
    ],
)
def test_unreadable_hours_are_refused_with_the_reason(text, message):
    with pytest.raises(HoursError, match=message):
        parse_opening_hours(text)


def test_weekends_and_holidays_are_closed_make_up_days_open():
    calendar = WorkingCalendar()
    office = parse_opening_hours("Mon-Fri 09:00-17:00")
    assert calendar.open_ranges(office, date(2026, 10, 1)) == ()  # National Day, a Thursday
    assert calendar.holiday(date(2026, 10, 1)) == "National Day"
    assert calendar.open_ranges(office, date(2026, 10, 10)) == ((540, 1020),)  # make-up Saturday
    assert calendar.open_ranges(office, date(2026, 10, 11)) == ()  # Sunday
    shop = parse_opening_hours("Mon-Sat 10:00-16:00")
    assert calendar.open_ranges(shop, date(2026, 10, 17)) == ((600, 960),)
    museum = OpeningHours(((),) * 5 + (((600, 900),),) * 2, holidays_open=True)
    assert calendar.open_ranges(museum, date(2026, 10, 3)) == ((600, 900),)
