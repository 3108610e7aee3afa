"""Accepted matches become a visit plan; coordinators edit and publish; delegates download it."""

import csv
import io
import json
import re
from datetime import datetime

import pytest
from icalendar import Calendar
from sqlmodel import select

from matcher.db import session_scope
from matcher.forms.itinerary import trip_dates
from matcher.models import Delegation, DelegationStatus, ScheduledVisit
from matcher.planning import SHANGHAI
from matcher.planning.calendar import WorkingCalendar
from matcher.services import itinerary

from .conftest import CSRF_FIELD, accept_top


def post(client, url, page, data=None):
    token = CSRF_FIELD.search(client.get(page).get_data(as_text=True)).group(1)
    return client.post(url, data={**(data or {}), "csrf_token": token}, follow_redirects=True)


def history_lines(client, delegation_id) -> list[str]:
    """The lines of the delegation's history as the coordinator reads them, newest first."""
    page = client.get(f"/coordinator/delegations/{delegation_id}").get_data(as_text=True)
    history = page[page.index('<ol class="history">') :]
    return [" ".join(re.sub("<[^>]+>", " ", li).split()) for li in history.split("<li>")[1:]]


def visits(document):
    return [i for day in document["days"] for i in day["items"] if i["type"] == "visit"]


def test_plan_from_accepted_matches(shipped, make_delegation, session):
    delegation_id = make_delegation()
    accepted = accept_top(shipped, delegation_id)
    with session_scope(shipped) as scoped:
        planned = itinerary.plan_visits(
            session=scoped, delegation=scoped.get(Delegation, delegation_id)
        )
        document = planned.plan
    placed = {int(v["organisation_id"]) for v in visits(document)}
    assert placed == set(accepted)
    assert len(session.exec(select(ScheduledVisit)).all()) == len(accepted)
    assert session.get(Delegation, delegation_id).status == DelegationStatus.itinerary_drafted


def test_no_accepted_match_gives_an_empty_plan_and_publishing_is_refused(
    coordinator, client, make_delegation, session
):
    delegation_id = make_delegation()
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    planned = post(client, f"{page}/plan", page, {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    })  # fmt: skip
    assert "Nothing to plan: accept or pin partners first." in planned.get_data(as_text=True)
    assert session.get(Delegation, delegation_id).status == DelegationStatus.new
    refused = post(client, f"{page}/publish", page)
    assert "There is no visit to publish yet" in refused.get_data(as_text=True)


def test_bad_day_rhythm_is_refused_with_a_reason(coordinator, client, make_delegation):
    delegation_id = make_delegation()
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    response = post(client, f"{page}/plan", page, {
        "day_start": "18:00", "day_end": "09:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    })  # fmt: skip
    assert "The day must end after it starts." in response.get_data(as_text=True)


def test_edit_publish_and_download(coordinator, client, make_delegation, shipped, session):
    delegation_id = make_delegation()
    accepted = accept_top(shipped, delegation_id)
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    post(client, f"{page}/plan", page, {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    })  # fmt: skip
    # The coordinator who planned is named beside the status the plan moved the delegation to.
    lines = history_lines(client, delegation_id)
    assert any(f"{coordinator} — changed the status" in li and "Itinerary drafted" in li
               for li in lines), lines  # fmt: skip
    delegation = session.get(Delegation, delegation_id)
    working = [d for d in trip_dates(delegation) if WorkingCalendar().working(d)]
    moved_day = working[-1].isoformat()
    post(client, f"{page}/move", page, {
        "organisation_id": accepted[0], "day": moved_day, "start": "15:00", "confirm": "yes",
    })  # fmt: skip
    session.expire_all()
    draft = itinerary.itinerary_for(session=session, delegation=delegation).plan
    moved = next(v for v in visits(draft) if v["organisation_id"] == str(accepted[0]))
    assert moved["start"].startswith(f"{moved_day}T15:00") and moved["locked"]

    remove = {"organisation_id": accepted[1], "action": "remove", "confirm": "yes"}
    post(client, f"{page}/visit", page, remove)
    session.expire_all()
    draft = itinerary.itinerary_for(session=session, delegation=delegation).plan
    assert str(accepted[1]) not in {v["organisation_id"] for v in visits(draft)}

    assert "Published (version 1)" in post(client, f"{page}/publish", page).get_data(as_text=True)
    token = make_delegation.tokens[delegation_id]
    private = client.get(f"/d/{token}").get_data(as_text=True)
    assert "Your visit plan" in private
    first = Calendar.from_ical(client.get(f"/d/{token}/itinerary.ics").data)

    post(client, f"{page}/visit", page, {**remove, "action": "restore"})
    post(client, f"{page}/publish", page)
    second = Calendar.from_ical(client.get(f"/d/{token}/itinerary.ics").data)
    first_uids = {str(e["UID"]) for e in first.walk("VEVENT")}
    second_events = {str(e["UID"]): e for e in second.walk("VEVENT")}
    assert first_uids < set(second_events)  # same visits keep their UIDs; one came back
    assert {int(e["SEQUENCE"]) for e in second_events.values()} == {2}
    event = next(iter(second_events.values()))
    assert event.decoded("DTSTART").tzinfo is not None
    assert "Why it matched" in str(event["DESCRIPTION"])

    sheet = client.get(f"/d/{token}/itinerary.csv")
    assert sheet.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(sheet.data.decode("utf-8-sig"))))
    assert len(rows) > 3
    pdf = client.get(f"/d/{token}/itinerary.pdf")
    assert pdf.data.startswith(b"%PDF") and pdf.mimetype == "application/pdf"
    document = client.get(f"/d/{token}/itinerary.json").get_json()
    assert document["sequence"] == 2


def test_unpublished_itinerary_is_not_downloadable_by_the_delegate(
    shipped, client, make_delegation, session
):
    delegation_id = make_delegation()
    token = make_delegation.tokens[delegation_id]
    assert client.get(f"/d/{token}/itinerary.ics").status_code == 404


def test_two_delegations_never_share_a_host_at_the_same_time(shipped, make_planned, session):
    make_planned(name="First", count=4)
    make_planned(name="Second", count=4)
    booked = session.exec(select(ScheduledVisit)).all()
    by_host = {}
    for visit in booked:
        by_host.setdefault(visit.organisation_id, []).append((visit.start, visit.end))
    for slots in by_host.values():
        slots.sort()
        for (_, end), (start, _) in zip(slots, slots[1:], strict=False):
            assert end <= start


def test_export_itinerary_command(coordinator, runner, client, make_delegation, shipped, tmp_path):
    delegation_id = make_delegation()
    accept_top(shipped, delegation_id)
    unpublished = runner.invoke(args=["export-itinerary", str(delegation_id), "--format", "ics"])
    assert unpublished.exit_code == 1 and "not published" in unpublished.output
    with session_scope(shipped) as scoped:
        delegation = scoped.get(Delegation, delegation_id)
        found = itinerary.plan_visits(session=scoped, delegation=delegation)
        itinerary.publish(session=scoped, itinerary=found)
    out = tmp_path / "plan.json"
    result = runner.invoke(
        args=["export-itinerary", str(delegation_id), "--format", "json", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    start = datetime.fromisoformat(visits(document)[0]["start"])
    assert start.utcoffset() == SHANGHAI.utcoffset(None)
    missing = runner.invoke(args=["export-itinerary", "9999", "--format", "pdf"])
    assert missing.exit_code == 2


@pytest.mark.parametrize("fmt", ["ics", "csv", "pdf", "json", "svg"])
def test_coordinator_downloads_the_draft(coordinator, client, make_planned, fmt):
    delegation_id, _ = make_planned()
    response = client.get(f"/coordinator/delegations/{delegation_id}/itinerary.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    page = client.get(f"/coordinator/delegations/{delegation_id}/itinerary").get_data(as_text=True)
    assert "<svg" in page and "Day 1" in page
