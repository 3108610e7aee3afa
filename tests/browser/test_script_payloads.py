"""Script stored in every text field stays inert in a real browser: no dialog ever fires."""

import pytest
from sqlmodel import select

from matcher.db import session_scope
from matcher.models import Delegation, Match, MatchStatus, Organisation

from .test_coordinator import sign_in

pytestmark = pytest.mark.slow  # a real browser

PAYLOAD = "<script>alert('s')</script>\"><img src=x onerror=alert('i')><svg onload=alert('v')>"


def injected(page) -> None:
    """The payload never became markup (the CSP would also stop it running: both must hold)."""
    assert page.locator("img[src=x], svg[onload]").count() == 0, page.url
    # The only scripts a page may carry are the service's own files (the private link's copy
    # button, the long fields' counters).
    own = "script:not([src='/static/copy-link.js']):not([src='/static/field-limits.js'])"
    assert page.locator(own).count() == 0, page.url


def test_payloads_stay_text_everywhere(browser, live_server, shipped, make_user, make_delegation):
    delegation_id = make_delegation(name="Mission " + PAYLOAD, seeks="solar " + PAYLOAD)
    with session_scope(shipped) as session:
        delegation = session.get(Delegation, delegation_id)
        delegation.contact_name = PAYLOAD
        delegation.contact_phone = "<svg onload=alert('p')>"  # the column holds 40 characters
        delegation.interest.offers = PAYLOAD
        token = make_delegation.tokens[delegation_id]
        organisation = session.exec(
            select(Organisation).where(Organisation.name == "iFlytek")
        ).one()
        for field in ("name_local", "district", "description", "offers", "seeks", "address",
                      "visiting_hours", "public_contact", "private_contact", "source"):  # fmt: skip
            setattr(organisation, field, PAYLOAD)
        organisation_id = organisation.id
        match = session.exec(select(Match).where(Match.delegation_id == delegation_id)).first()
        match.note, match.reject_reason, match.status = PAYLOAD, PAYLOAD, MatchStatus.accepted
        match.explanation = {"reason": PAYLOAD, "terms": [PAYLOAD], "sectors": [], "fields": []}

    page = browser.new_page(viewport={"width": 1000, "height": 800})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visited = [
        "/",
        f"/organisations?q={organisation_id}",
        f"/organisations/{organisation_id}",
        f"/d/{token}",
        f"/d/{token}/edit",
    ]
    for url in visited:
        page.goto(live_server + url)
        injected(page)
    sign_in(page, live_server, make_user())
    for url in (
        "/coordinator/",
        f"/coordinator/delegations/{delegation_id}",
        f"/coordinator/organisations/{organisation_id}/edit",
        "/coordinator/organisations",
        "/coordinator/dashboard",
    ):
        page.goto(live_server + url)
        injected(page)
    page.goto(f"{live_server}/coordinator/delegations/{delegation_id}/itinerary")
    page.get_by_role("button", name="Plan the visits").click()
    page.goto(f"{live_server}/coordinator/delegations/{delegation_id}")
    page.wait_for_timeout(300)
    assert dialogs == []
    # The payload is on the page, as text.
    assert "<script>alert('s')</script>" in page.locator("main").inner_text()
    page.close()
