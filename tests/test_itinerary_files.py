"""The files a delegation carries, as delegates and coordinators download them, and the
publish-itinerary and export-itinerary commands."""

import csv
import io
from unittest.mock import ANY

from icalendar import Calendar
from openpyxl import load_workbook

from matcher.db import session_scope
from matcher.forms.itinerary import trip_dates
from matcher.models import Delegation
from matcher.planning.calendar import WorkingCalendar
from matcher.services import itinerary

from .conftest import accept_top
from .test_itinerary import history_lines, post, visits

RHYTHM = {
    "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
    "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
}  # fmt: skip


class CalendarModel:
    """A calendar program as RFC 5545 describes it: an event is known by its UID, and a file
    replaces it when its SEQUENCE is not lower than the one held."""

    def __init__(self) -> None:
        self.events: dict[str, object] = {}

    def import_file(self, data: bytes) -> None:
        for event in Calendar.from_ical(data).walk("VEVENT"):
            held = self.events.get(str(event["UID"]))
            if held is None or int(event["SEQUENCE"]) >= int(held["SEQUENCE"]):
                self.events[str(event["UID"])] = event

    def state(self) -> list[tuple[str, str, str, int]]:
        """(start, status, summary, sequence) of every event, in time order."""
        return sorted(
            (
                f"{e.decoded('DTSTART'):%Y-%m-%d %H:%M}",
                str(e["STATUS"]),
                str(e["SUMMARY"]),
                int(e["SEQUENCE"]),
            )
            for e in self.events.values()
        )


def visit_starts(calendar: CalendarModel) -> dict[str, str]:
    """Start of every confirmed visit the calendar holds, by UID."""
    return {
        uid: f"{event.decoded('DTSTART'):%Y-%m-%d %H:%M}"
        for uid, event in calendar.events.items()
        if str(event["STATUS"]) == "CONFIRMED" and "visit" in event["CATEGORIES"].cats
    }


def planned(client, delegation_id):
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    post(client, f"{page}/plan", page, RHYTHM)
    return page


def test_publish_move_remove_publish_imported_three_times(
    coordinator, client, make_delegation, shipped, session
):
    delegation_id = make_delegation()
    moved_id, removed_id, *_ = accept_top(shipped, delegation_id)
    page = planned(client, delegation_id)
    token = make_delegation.tokens[delegation_id]
    calendar = CalendarModel()

    post(client, f"{page}/publish", page)
    calendar.import_file(client.get(f"/d/{token}/itinerary.ics").data)
    first = visit_starts(calendar)
    delegation = session.get(Delegation, delegation_id)
    day = [d for d in trip_dates(delegation) if WorkingCalendar().working(d)][-1].isoformat()
    post(client, f"{page}/move", page, {
        "organisation_id": moved_id, "day": day, "start": "15:00", "confirm": "yes",
    })  # fmt: skip
    post(client, f"{page}/publish", page)
    calendar.import_file(client.get(f"/d/{token}/itinerary.ics").data)
    second = visit_starts(calendar)
    # The move changes only the moved visit: every other one keeps the time it was given.
    assert {k: v for k, v in second.items() if str(moved_id) not in k} == {
        k: v for k, v in first.items() if str(moved_id) not in k
    }
    remove = {"organisation_id": removed_id, "action": "remove", "confirm": "yes"}
    post(client, f"{page}/visit", page, remove)
    published = post(client, f"{page}/publish", page).get_data(as_text=True)
    assert "Published (version 3)" in published
    third = client.get(f"/d/{token}/itinerary.ics").data
    calendar.import_file(third)

    uid = f"itinerary-{itinerary.find_itinerary(session=session, delegation=delegation).id}"
    moved = calendar.events[f"{uid}-{moved_id}@g60-match"]
    assert f"{moved.decoded('DTSTART'):%Y-%m-%d %H:%M}" == f"{day} 15:00"
    assert str(moved["STATUS"]) == "CONFIRMED"
    removed = calendar.events[f"{uid}-{removed_id}@g60-match"]
    assert str(removed["STATUS"]) == "CANCELLED" and int(removed["SEQUENCE"]) == 3
    in_file = [str(e["UID"]) for e in Calendar.from_ical(third).walk("VEVENT")]
    assert len(in_file) == len(set(in_file)) == len(calendar.events)  # nothing twice
    # Removing a visit leaves the others where they were.
    assert {k: v for k, v in visit_starts(calendar).items() if str(removed_id) not in k} == {
        k: v for k, v in second.items() if str(removed_id) not in k
    }
    session.expire_all()
    draft = itinerary.find_itinerary(session=session, delegation=delegation).plan
    confirmed = {
        k: e
        for k, e in calendar.events.items()
        if str(e["STATUS"]) == "CONFIRMED" and "visit" in e["CATEGORIES"].cats
    }
    assert len(confirmed) == len(visits(draft))
    assert {int(e["SEQUENCE"]) for e in calendar.events.values()} == {3}


def test_coordinator_downloads_what_the_delegate_has_and_the_draft(
    coordinator, client, make_delegation, shipped
):
    delegation_id = make_delegation(name="Muscat Traders")
    accept_top(shipped, delegation_id)
    page = planned(client, delegation_id)
    published_url = f"/coordinator/delegations/{delegation_id}/itinerary/published.ics"
    assert client.get(published_url).status_code == 404  # nothing published yet
    post(client, f"{page}/publish", page)
    remove = {"organisation_id": accept_top(shipped, delegation_id)[0], "action": "remove"}
    post(client, f"{page}/visit", page, {**remove, "confirm": "yes"})
    token = make_delegation.tokens[delegation_id]
    for fmt in ("ics", "xlsx", "csv", "svg", "json"):
        delegate = client.get(f"/d/{token}/itinerary.{fmt}")
        published = client.get(
            f"/coordinator/delegations/{delegation_id}/itinerary/published.{fmt}"
        )
        draft = client.get(f"/coordinator/delegations/{delegation_id}/itinerary.{fmt}")
        assert delegate.status_code == published.status_code == draft.status_code == 200
        assert published.data == delegate.data
        # The draft lost a visit (the map may look the same when its city stays on the route).
        assert fmt == "svg" or draft.data != delegate.data
        name = f"g60-visit-muscat-traders-v1.{fmt}"
        assert f"filename={name}" in published.headers["Content-Disposition"]
        assert f"filename={name}" in delegate.headers["Content-Disposition"]
        assert "-draft." + fmt in draft.headers["Content-Disposition"]
    text = client.get(page).get_data(as_text=True)
    assert "What the delegate has (version 1):" in text
    assert "Published: Route map (SVG)" in text and "Draft: Spreadsheet (Excel)" in text
    assert f"/coordinator/delegations/{delegation_id}/itinerary/published.svg" in text
    private = client.get(f"/d/{token}").get_data(as_text=True)
    assert f"/d/{token}/itinerary.svg" in private and f"/d/{token}/itinerary.xlsx" in private


def test_delegate_spreadsheets_in_arabic_and_for_programs(
    coordinator, client, make_delegation, shipped, session
):
    delegation_id = make_delegation()
    accept_top(shipped, delegation_id)
    session.get(Delegation, delegation_id).locale = "ar"
    session.commit()
    page = planned(client, delegation_id)
    post(client, f"{page}/publish", page)
    token = make_delegation.tokens[delegation_id]
    sheet = load_workbook(io.BytesIO(client.get(f"/d/{token}/itinerary.xlsx").data)).active
    assert sheet.sheet_view.rightToLeft and sheet.cell(1, 1).value == "اليوم"
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert {row[1].date() for row in rows} == set(
        trip_dates(session.get(Delegation, delegation_id))
    )
    machine = client.get(f"/d/{token}/itinerary.csv?headers=machine").data.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(machine)))
    assert list(table[0])[:3] == ["day", "date", "kind"]
    assert not any("\u2068" in value for row in table for value in row.values())
    human = client.get(f"/d/{token}/itinerary.csv").data.decode("utf-8-sig")
    assert human.startswith("اليوم,") and "\u2068" in human
    svg = client.get(f"/d/{token}/itinerary.svg")
    assert svg.mimetype == "image/svg+xml" and "خريطة المسار".encode() in svg.data


def test_publish_itinerary_command_publishes_as_the_button_does(
    coordinator, client, runner, make_delegation, shipped, session
):
    delegation_id = make_delegation()
    accept_top(shipped, delegation_id)
    nothing = runner.invoke(args=["publish-itinerary", str(delegation_id)])
    assert nothing.exit_code == 1 and "plan the itinerary first" in nothing.output
    assert runner.invoke(args=["publish-itinerary", "9999"]).exit_code == 2
    page = planned(client, delegation_id)
    result = runner.invoke(args=["publish-itinerary", str(delegation_id)])
    assert result.exit_code == 0, result.output
    assert "Published version 1" in result.output
    delegation = session.get(Delegation, delegation_id)
    found = itinerary.find_itinerary(session=session, delegation=delegation)
    by_command = dict(found.published_plan)
    assert by_command["sequence"] == 1 and by_command["calendar_events"]
    assert by_command == {**found.plan, "sequence": 1, "calendar_events": ANY}
    post(client, f"{page}/publish", page)  # the button, on the same draft
    session.expire_all()
    by_button = itinerary.find_itinerary(session=session, delegation=delegation).published_plan
    assert by_button == {**by_command, "sequence": 2}
    text = client.get(page).get_data(as_text=True)
    assert "published version 2" in text
    shown = itinerary.published(itinerary.find_itinerary(session=session, delegation=delegation))
    assert "calendar_events" not in shown.document and shown.document["sequence"] == 2
    # The delegation's history says who published which version: the command, then the button.
    published = [
        line for line in history_lines(client, delegation_id) if "published the itinerary" in line
    ]
    assert len(published) == 2
    assert f"{coordinator} — published the itinerary version: 1 → 2" in published[0]
    assert "system — published the itinerary version: — → 1" in published[1]


def test_export_itinerary_command_gives_the_delegates_copy_or_the_draft(
    runner, make_delegation, shipped, tmp_path
):
    delegation_id = make_delegation()
    accept_top(shipped, delegation_id)
    out = tmp_path / "plan.xlsx"
    args = ["export-itinerary", str(delegation_id), "--format", "xlsx", "--output", str(out)]
    unpublished = runner.invoke(args=args)
    assert unpublished.exit_code == 1 and "not published" in unpublished.output
    with session_scope(shipped) as scoped:
        delegation = scoped.get(Delegation, delegation_id)
        itinerary.publish(
            session=scoped, itinerary=itinerary.plan_visits(session=scoped, delegation=delegation)
        )
    assert runner.invoke(args=args).exit_code == 0
    published = load_workbook(out).active
    assert published.cell(1, 1).value == "day"
    with session_scope(shipped) as scoped:
        found = itinerary.find_itinerary(
            session=scoped, delegation=scoped.get(Delegation, delegation_id)
        )
        found.plan = {**found.plan, "days": found.plan["days"][:1]}
    draft = runner.invoke(args=[*args, "--draft"])
    assert draft.exit_code == 0 and "-draft.xlsx" in draft.output
    assert load_workbook(out).active.max_row < published.max_row
    machine = runner.invoke(
        args=["export-itinerary", str(delegation_id), "--format", "csv", "--machine-headers"]
    )
    assert machine.output.lstrip("\ufeff").startswith("day,date,kind,start,end,city")
