"""Every export copes with an empty plan, rest days and missing context."""

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from datetime import date

import pytest
from icalendar import Calendar

from matcher.exports import (
    ExportContext,
    plan_to_csv,
    plan_to_ics,
    plan_to_json,
    plan_to_pdf,
    plan_to_svg,
)
from matcher.planning import PlanSettings, VisitRequest, plan_itinerary


@pytest.fixture(scope="module")
def quiet_plan(city_data):
    """Two days, the first a rest day, and a single Jiaxing visit."""
    settings = PlanSettings(
        date(2026, 5, 11), date(2026, 5, 12), rest_days=frozenset({date(2026, 5, 11)})
    )
    return plan_itinerary(
        [VisitRequest("jx", "嘉兴 G60 Enclave", "jiaxing", host_languages=("en",))],
        settings,
        city_data[1],
    )


def test_empty_plan_exports(city_data, make_context):
    plan = plan_itinerary([], PlanSettings(date(2026, 5, 11), date(2026, 5, 11)), city_data[1])
    context = make_context()
    assert Calendar.from_ical(plan_to_ics(plan, context)).walk("VEVENT") == []
    rows = list(csv.reader(io.StringIO(plan_to_csv(plan, context).decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][2] == "free day"  # the day is listed, as free
    assert json.loads(plan_to_json(plan, context))["notes"] == ["No visits were requested."]
    ElementTree.fromstring(plan_to_svg(plan, context))
    assert plan_to_pdf(plan, context).startswith(b"%PDF-")


def test_rest_day_and_no_interpreter(quiet_plan, make_context):
    document = json.loads(plan_to_json(quiet_plan, make_context()))
    assert [d["rest_day"] for d in document["days"]] == [True, False]
    assert document["interpreter_needs"] == []
    pdf = plan_to_pdf(quiet_plan, make_context("ru"))
    assert pdf.startswith(b"%PDF-")


def test_minimal_context(quiet_plan):
    context = ExportContext("Minimal")
    ics = Calendar.from_ical(plan_to_ics(quiet_plan, context))
    (event,) = [e for e in ics.walk("VEVENT") if e["CATEGORIES"].cats == ["visit"]]
    assert str(event["UID"]) == "itinerary-jx@g60-match"
    assert str(event["LOCATION"]) == "嘉兴 G60 Enclave, Jiaxing"  # no cities given
    root = ElementTree.fromstring(plan_to_svg(quiet_plan, context))
    assert root.tag.endswith("svg")
