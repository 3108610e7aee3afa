"""Hosts' week: a grid of hosts by date, each delegation's visits linked, overbookings flagged,
as a coordinator page and as an API resource."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from matcher.db import session_scope
from matcher.models import Delegation, Itinerary, ScheduledVisit

from .test_api import bearer

MONDAY = date(2027, 3, 8)


def book(app, make_delegation, organisation_id, names, hour=2):
    """Two delegations' drafts holding the same host on Monday (times in UTC)."""
    for offset, name in enumerate(names):
        delegation_id = make_delegation(arrival=MONDAY, days=2, name=name)
        with session_scope(app) as session:
            itinerary = Itinerary(delegation_id=delegation_id, settings={})
            session.add(itinerary)
            session.flush()
            start = datetime(2027, 3, 8, hour + offset, 0, tzinfo=UTC)
            session.add(
                ScheduledVisit(
                    itinerary_id=itinerary.id,
                    organisation_id=organisation_id,
                    start=start,
                    end=start + timedelta(hours=1),
                )
            )


def test_the_grid_links_each_visit_and_flags_an_overbooked_day(
    sample_coordinator, client, make_delegation, make_organisation, sample_directory, session
):
    host = make_organisation(name="Capacity One Park", city="hefei", capacity=1)
    book(sample_directory, make_delegation, host.id, ["Lima Chamber", "Quito Chamber"])
    page = client.get(f"/coordinator/hosts/week?start={MONDAY.isoformat()}").get_data(as_text=True)
    assert "Capacity One Park" in page
    assert '<bdi dir="ltr">10:00–11:00</bdi> <bdi>Lima Chamber</bdi>' in page
    assert '<bdi dir="ltr">11:00–12:00</bdi> <bdi>Quito Chamber</bdi>' in page
    assert "Conflict: 2 delegations, capacity 1 a day" in page
    lima = session.exec(select(Delegation).where(Delegation.name == "Lima Chamber")).one()
    assert f"/coordinator/delegations/{lima.id}/itinerary" in page


def test_a_bad_start_date_is_refused_with_a_message(sample_coordinator, client):
    response = client.get("/coordinator/hosts/week?start=next-monday")
    assert response.status_code == 400
    assert "The start date must be written YYYY-MM-DD" in response.get_data(as_text=True)


def test_the_api_resource_gives_the_same_grid(
    sample_directory, client, api_token, make_delegation, make_organisation
):
    host = make_organisation(name="Api Grid Park", city="wuhu", capacity=None)
    book(sample_directory, make_delegation, host.id, ["Lima Chamber", "Quito Chamber"], hour=2)
    url = f"/api/v1/hosts/week?start={MONDAY.isoformat()}&days=3"
    assert client.get(url).status_code == 401
    document = client.get(url, headers=bearer(api_token)).get_json()
    assert document["dates"] == [(MONDAY + timedelta(days=n)).isoformat() for n in range(3)]
    row = next(r for r in document["hosts"] if r["name"] == "Api Grid Park")
    monday = row["days"][0]
    assert [b["delegation"] for b in monday["bookings"]] == ["Lima Chamber", "Quito Chamber"]
    assert monday["conflict"] is None  # no capacity on record, and one after the other
    bad = client.get("/api/v1/hosts/week?start=soon", headers=bearer(api_token))
    assert bad.status_code == 422 and "start" in bad.get_json()["fields"]


def test_an_empty_period_says_so(sample_coordinator, client):
    page = client.get("/coordinator/hosts/week?start=2031-01-06").get_data(as_text=True)
    assert "No planned visit in this period." in page


def test_a_period_past_the_calendar_is_refused_not_a_500(sample_coordinator, client, api_token):
    page = client.get("/coordinator/hosts/week?start=9999-12-30&days=7")
    assert page.status_code == 400
    assert "past the end of the calendar" in page.get_data(as_text=True)
    api = client.get("/api/v1/hosts/week?start=9999-12-30&days=7", headers=bearer(api_token))
    assert api.status_code == 422 and "calendar" in str(api.get_json()["fields"]["start"])
