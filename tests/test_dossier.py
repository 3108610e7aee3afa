"""The dossier through the service and the routes: who gets which copy, under which name, with
which contacts."""

import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from matcher.db import session_scope
from matcher.models import Delegation, Match, MatchStatus
from matcher.services import itinerary

pytestmark = pytest.mark.slow  # each test plans, publishes and writes PDFs

_NOISE = str.maketrans("", "", "\x00\u2066\u2067\u2068\u2069\u200e\u200f")


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join(p.extract_text().translate(_NOISE).split()) for p in reader.pages)


@pytest.fixture
def planned(shipped, make_delegation):
    """A delegation with two accepted hosts and one pinned but undecided, planned; contacts and
    notes on file for each (synthetic, as tests may)."""
    delegation_id = make_delegation()
    with session_scope(shipped) as session:
        matches = session.exec(
            select(Match).where(Match.delegation_id == delegation_id).order_by(Match.rank)
        ).all()[:3]
        for match in matches[:2]:
            match.status = MatchStatus.accepted
        matches[2].pinned = True
        for number, match in enumerate(matches):
            match.organisation.public_contact = f"public-{number}@host.example"
            match.organisation.private_contact = f"private-{number}@host.example"
            match.note = f"internal-note-{number}"
        itinerary.plan_visits(session=session, delegation=session.get(Delegation, delegation_id))
    return delegation_id


def publish(app, delegation_id):
    with session_scope(app) as session:
        found = itinerary.find_itinerary(
            session=session, delegation=session.get(Delegation, delegation_id)
        )
        itinerary.publish(session=session, itinerary=found)


def test_delegate_gets_the_published_delegate_copy(shipped, client, planned, make_delegation):
    token = make_delegation.tokens[planned]
    assert client.get(f"/d/{token}/itinerary.pdf").status_code == 404  # nothing published yet
    publish(shipped, planned)
    response = client.get(f"/d/{token}/itinerary.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert "g60-dossier-cairo-chamber-of-commerce-v1.pdf" in disposition
    text = text_of(response.data)
    assert "Visitdossier" in text and "Version1" in text and "CairoChamberofCommerce" in text
    assert "public-0@host.example" in text and "private-0@host.example" in text
    assert "public-2@host.example" in text
    # The pinned host is not accepted: its direct line stays with the coordinators.
    assert "private-2@host.example" not in text
    assert "internal-note" not in text and "Coordinatorcopy" not in text
    assert "confirmwiththehosts" not in text  # the planner's notes are for coordinators


def test_coordinator_copy_needs_a_coordinator(shipped, client, planned, make_delegation):
    publish(shipped, planned)
    for copy in ("coordinator", "delegate"):
        response = client.get(f"/coordinator/delegations/{planned}/dossier-{copy}.pdf")
        assert response.status_code in (302, 303) and "/login" in response.headers["Location"]


def test_coordinator_downloads_both_copies_clearly_named(
    coordinator, shipped, client, planned, make_delegation
):
    base = f"/coordinator/delegations/{planned}"
    assert client.get(f"{base}/dossier-delegate.pdf").status_code == 404  # not published
    page = client.get(f"{base}/itinerary").get_data(as_text=True)
    assert "Coordinator copy of the dossier (PDF, draft)" in page
    assert "Delegate’s dossier (PDF, as published)" not in page

    publish(shipped, planned)
    page = client.get(f"{base}/itinerary").get_data(as_text=True)
    assert f"{base}/dossier-delegate.pdf" in page and f"{base}/dossier-coordinator.pdf" in page
    mine = client.get(f"{base}/dossier-coordinator.pdf")
    assert mine.mimetype == "application/pdf"
    assert "coordinator-copy-draft.pdf" in mine.headers["Content-Disposition"]
    text = text_of(mine.data)
    assert "Coordinatorcopy—notforthedelegation" in text and "internal-note-0" in text
    assert "confirmwiththehosts" in text

    theirs = client.get(f"{base}/dossier-delegate.pdf")
    token = make_delegation.tokens[planned]
    delegate = client.get(f"/d/{token}/itinerary.pdf")
    assert theirs.headers["Content-Disposition"] == delegate.headers["Content-Disposition"]
    assert "internal-note" not in text_of(theirs.data)


def test_dossier_follows_the_delegation_language(shipped, client, planned, make_delegation):
    with session_scope(shipped) as session:
        session.get(Delegation, planned).locale = "ar"
    publish(shipped, planned)
    text = text_of(client.get(f"/d/{make_delegation.tokens[planned]}/itinerary.pdf").data)
    assert "ملف" in text and "الزيارة" in text


def test_a_host_file_reads_an_expired_row_again(shipped, planned):
    """A row the session expired (as a commit does) is loaded again, not taken as empty."""
    from matcher.services.dossier import host_file, on_file

    with session_scope(shipped) as session:
        delegation = session.get(Delegation, planned)
        match = delegation.matches[0]
        session.expire(match.organisation)
        session.expire(delegation)
        host = host_file(match, "en", coordinator_copy=False, labels={})
        details = on_file(delegation, ("contact_email", "group_size"))
    assert host.name and host.public_contact == "public-0@host.example"
    assert details == {"contact_email": "amina@chamber.example", "group_size": 10}
