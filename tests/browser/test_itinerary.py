"""A coordinator plans and publishes; the delegate downloads a calendar that re-imports cleanly."""

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from sqlmodel import select

from matcher.db import session_scope
from matcher.models import Match, MatchStatus

from .test_coordinator import sign_in
from .test_intake import shot

pytestmark = pytest.mark.slow  # a real browser


def test_plan_publish_and_download_the_calendar(
    browser, live_server, shipped, make_user, make_delegation, tmp_path
):
    delegation_id = make_delegation(name="Dar es Salaam Trade Mission", country="TZ")
    with session_scope(shipped) as session:
        for match in session.exec(select(Match).where(Match.delegation_id == delegation_id)):
            if match.rank <= 4:
                match.status = MatchStatus.accepted
        token = make_delegation.tokens[delegation_id]

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    sign_in(page, live_server, make_user())
    page.goto(f"{live_server}/coordinator/delegations/{delegation_id}")
    page.get_by_role("link", name="Itinerary").click()
    page.get_by_role("button", name="Plan the visits").click()
    expect(page.locator(".flash")).to_have_text("Planned.")
    expect(page.locator("section.day").first).to_contain_text("Day 1")
    expect(page.locator("figure.route-map svg")).to_be_visible()
    page.get_by_role("button", name="Publish to the delegate").click()
    expect(page.locator(".flash")).to_contain_text("Published (version 1)")
    shot(page, "itinerary-coordinator")

    delegate = browser.new_page(viewport={"width": 390, "height": 844}, accept_downloads=True)
    delegate.goto(f"{live_server}/d/{token}?lang=fr")
    expect(delegate.locator("#itinerary ol.timeline").first).to_be_visible()
    with delegate.expect_download() as first_download:
        delegate.locator("a[href$='itinerary.ics']").click()
    first = tmp_path / "first.ics"
    first_download.value.save_as(first)
    shot(delegate, "itinerary-delegate-fr")

    page.reload()
    page.get_by_role("button", name="Publish to the delegate").click()
    expect(page.locator(".flash")).to_contain_text("Published (version 2)")
    delegate.reload()
    with delegate.expect_download() as second_download:
        delegate.locator("a[href$='itinerary.ics']").click()
    second = tmp_path / "second.ics"
    second_download.value.save_as(second)

    # Importing both files into one calendar: same UIDs, higher SEQUENCE, so no duplicates.
    calendar: dict[str, int] = {}
    for path in (first, second):
        for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            uid, sequence = str(event["UID"]), int(event["SEQUENCE"])
            assert sequence >= calendar.get(uid, 0)
            calendar[uid] = sequence
    assert len(calendar) == len(Calendar.from_ical(second.read_bytes()).walk("VEVENT")) >= 1
    assert set(calendar.values()) == {2}
    page.close()
    delegate.close()


def test_the_itinerary_reads_in_chinese_on_a_phone(
    browser, live_server, shipped, make_user, make_delegation
):
    """Planner's notes, unplaced reasons and headings in Chinese, nothing of it in English."""
    from matcher.models import Delegation
    from matcher.services import itinerary

    delegation_id = make_delegation(name="Dar es Salaam Trade Mission", country="TZ")
    with session_scope(shipped) as session:
        for match in session.exec(select(Match).where(Match.delegation_id == delegation_id)):
            if match.rank <= 4:
                match.status = MatchStatus.accepted
        session.flush()
        itinerary.plan_visits(session=session, delegation=session.get(Delegation, delegation_id))

    page = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, live_server, make_user())
    page.goto(f"{live_server}/coordinator/delegations/{delegation_id}/itinerary?lang=zh")
    notes = page.locator("section.panel", has=page.get_by_role("heading", name="备注"))
    expect(notes).to_contain_text("没有登记参访时间")
    expect(notes).to_contain_text("晚：住在")
    for english in ("No visiting hours", "Night of", "hotel in", "Public holiday"):
        expect(page.locator("main")).not_to_contain_text(english)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "itinerary-coordinator-zh-phone")
    page.close()
