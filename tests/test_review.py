"""Coordinators review a delegation's match list: decisions, conflicts, history, host load."""

import re

from sqlmodel import select

from matcher.models import Delegation, DelegationStatus, Match, MatchEvent, MatchStatus, Outcome

from .conftest import CSRF_FIELD


def matches_of(session, delegation_id):
    session.expire_all()
    return session.exec(
        select(Match).where(Match.delegation_id == delegation_id).order_by(Match.rank)
    ).all()


def page_token(client, url):
    return CSRF_FIELD.search(client.get(url).get_data(as_text=True)).group(1)


def decide(client, delegation_id, match, action, text="", revision=None):
    """Post a decision as the page in front of the coordinator would, revision included."""
    url = f"/coordinator/delegations/{delegation_id}"
    page = client.get(url).get_data(as_text=True)
    if revision is None:
        shown = re.search(rf'id="match-{match.id}".*?name="revision" value="(\d+)"', page, re.S)
        revision = int(shown.group(1)) if shown else match.revision
    return client.post(
        f"{url}/matches/{match.id}",
        data={
            "action": action,
            "revision": revision,
            "text": text,
            "csrf_token": CSRF_FIELD.search(page).group(1),
        },
        follow_redirects=True,
    )


def test_queue_lists_delegations_with_filters(sample_coordinator, client, make_delegation):
    make_delegation(name="Cairo Chamber", country="EG")
    make_delegation(name="Havana Trade Office", country="CU")
    page = client.get("/coordinator/").get_data(as_text=True)
    assert "Cairo Chamber" in page and "Havana Trade Office" in page
    cuba = client.get("/coordinator/?country=cu").get_data(as_text=True)
    assert "Havana Trade Office" in cuba and "Cairo Chamber" not in cuba
    found = client.get("/coordinator/?q=havana").get_data(as_text=True)
    assert "Cairo Chamber" not in found
    new = client.get("/coordinator/?status=new").get_data(as_text=True)
    assert "Havana Trade Office" in new
    assert client.get("/coordinator/?status=bogus").status_code == 200


def test_review_page_shows_interest_suggestions_and_contact(
    sample_coordinator, client, make_delegation
):
    delegation_id = make_delegation()
    page = client.get(f"/coordinator/delegations/{delegation_id}").get_data(as_text=True)
    assert "cross-border e-commerce and live streaming" in page
    assert "Example Live Streaming Base" in page
    assert "amina@chamber.example" in page
    assert "No other delegation in these dates" in page


def test_decisions_are_applied_and_recorded(sample_coordinator, client, make_delegation, session):
    delegation_id = make_delegation()
    first, second, third = matches_of(session, delegation_id)[:3]
    assert "Saved." in decide(client, delegation_id, first, "accept").get_data(as_text=True)
    decide(client, delegation_id, third, "pin")
    missing_reason = decide(client, delegation_id, second, "reject")
    assert "Say why the match is rejected." in missing_reason.get_data(as_text=True)
    decide(client, delegation_id, second, "reject", "Not exporting to Africa yet")
    decide(client, delegation_id, first, "note", "Ask about Arabic-speaking staff")

    by_id = {m.id: m for m in matches_of(session, delegation_id)}
    assert by_id[first.id].status == MatchStatus.accepted
    assert by_id[first.id].note == "Ask about Arabic-speaking staff"
    assert by_id[second.id].status == MatchStatus.rejected
    assert by_id[second.id].reject_reason == "Not exporting to Africa yet"
    assert by_id[third.id].pinned

    events = session.exec(select(MatchEvent).where(MatchEvent.delegation_id == delegation_id)).all()
    actions = [e.action for e in events]
    assert actions.count("accept") == 1 and "reject" in actions and "status" in actions
    reject = next(e for e in events if e.action == "reject")
    assert reject.before["status"] == "suggested" and reject.after["status"] == "rejected"
    assert reject.user.email == sample_coordinator
    assert session.get(Delegation, delegation_id).status == DelegationStatus.in_review

    history = client.get(f"/coordinator/delegations/{delegation_id}").get_data(as_text=True)
    assert "status: Suggested → Rejected" in history


def test_second_coordinator_on_a_stale_page_is_told_of_the_conflict(
    sample_coordinator, client, make_delegation, session, make_user, login, app
):
    delegation_id = make_delegation()
    match = matches_of(session, delegation_id)[0]
    stale_revision = match.revision
    other = app.test_client()
    login(make_user("second@g60.example"), who=other)

    decide(other, delegation_id, match, "reject", "Too far", revision=stale_revision)
    response = decide(client, delegation_id, match, "accept", revision=stale_revision)
    page = response.get_data(as_text=True)
    assert "second@g60.example changed this match while you were looking at it" in page
    assert matches_of(session, delegation_id)[0].status != MatchStatus.accepted
    rejected = session.get(Match, match.id)
    assert rejected.status == MatchStatus.rejected and rejected.reject_reason == "Too far"


def test_decision_on_a_match_that_no_longer_exists(
    sample_coordinator, client, make_delegation, session
):
    delegation_id = make_delegation()
    match = matches_of(session, delegation_id)[0]
    gone_id = match.id
    session.delete(match)
    session.commit()
    match.id = gone_id
    page = decide(client, delegation_id, match, "accept").get_data(as_text=True)
    assert "That suggestion no longer exists" in page


def test_rerun_keeps_decisions(sample_coordinator, client, make_delegation, session):
    delegation_id = make_delegation()
    first, second = matches_of(session, delegation_id)[:2]
    decide(client, delegation_id, first, "accept")
    decide(client, delegation_id, second, "reject", "Not relevant")
    url = f"/coordinator/delegations/{delegation_id}"
    response = client.post(
        f"{url}/rerun", data={"csrf_token": page_token(client, url)}, follow_redirects=True
    )
    assert "your decisions were kept" in response.get_data(as_text=True)
    after = {m.organisation_id: m.status for m in matches_of(session, delegation_id)}
    assert after[first.organisation_id] == MatchStatus.accepted
    assert after[second.organisation_id] == MatchStatus.rejected


def test_add_a_partner_from_the_directory(sample_coordinator, client, make_delegation, session):
    delegation_id = make_delegation()
    url = f"/coordinator/delegations/{delegation_id}"
    found = client.get(f"{url}?find=Rocket+Works").get_data(as_text=True)
    organisation_id = re.search(r'name="organisation_id" value="(\d+)"', found).group(1)
    response = client.post(
        f"{url}/partners",
        data={"organisation_id": organisation_id, "csrf_token": page_token(client, url)},
        follow_redirects=True,
    )
    assert "Added Example Rocket Works." in response.get_data(as_text=True)
    added = [m for m in matches_of(session, delegation_id) if m.added_by_coordinator]
    assert added[0].status == MatchStatus.accepted
    again = client.post(
        f"{url}/partners",
        data={"organisation_id": organisation_id, "csrf_token": page_token(client, url)},
        follow_redirects=True,
    )
    assert "already on the list" in again.get_data(as_text=True)


def test_status_moves_follow_the_workflow(sample_coordinator, client, make_delegation, session):
    delegation_id = make_delegation()
    url = f"/coordinator/delegations/{delegation_id}"

    def move(status):
        return client.post(
            f"{url}/status",
            data={"status": status, "csrf_token": page_token(client, url)},
            follow_redirects=True,
        ).get_data(as_text=True)

    assert "cannot go from New to Confirmed" in move("confirmed")
    for status in ("in_review", "itinerary_drafted", "confirmed"):
        assert "Status changed." in move(status)
    session.expire_all()
    assert session.get(Delegation, delegation_id).status == DelegationStatus.confirmed


def test_host_load_warns_when_a_park_is_sent_every_delegation(
    sample_coordinator, client, make_delegation, session
):
    ids = [make_delegation(name=f"Delegation {n}") for n in range(4)]
    for delegation_id in ids[:3]:
        top = matches_of(session, delegation_id)[0]
        decide(client, delegation_id, top, "accept")
    page = client.get(f"/coordinator/delegations/{ids[3]}").get_data(as_text=True)
    assert "Hosts 3 other delegations in these dates — at or above its usual limit of 3" in page


def test_outcome_of_an_accepted_match(sample_coordinator, client, make_delegation, session):
    delegation_id = make_delegation()
    match = matches_of(session, delegation_id)[0]
    url = f"/coordinator/delegations/{delegation_id}"
    refused = client.post(
        f"{url}/matches/{match.id}/outcomes",
        data={"kind": "mou", "happened_on": "2026-12-01", "csrf_token": page_token(client, url)},
        follow_redirects=True,
    )
    assert "accepted matches only" in refused.get_data(as_text=True)
    decide(client, delegation_id, match, "accept")
    done = client.post(
        f"{url}/matches/{match.id}/outcomes",
        data={
            "kind": "mou",
            "happened_on": "2026-12-01",
            "note": "Signed in Songjiang",
            "csrf_token": page_token(client, url),
        },
        follow_redirects=True,
    )
    assert "Outcome recorded." in done.get_data(as_text=True)
    assert session.exec(select(Outcome)).one().note == "Signed in Songjiang"


def test_every_coordinator_form_refuses_a_missing_csrf_token(
    sample_coordinator, client, make_delegation, session
):
    delegation_id = make_delegation()
    match = matches_of(session, delegation_id)[0]
    url = f"/coordinator/delegations/{delegation_id}"
    for target, data in (
        (f"{url}/matches/{match.id}", {"action": "accept", "revision": match.revision}),
        (f"{url}/rerun", {}),
        (f"{url}/status", {"status": "closed"}),
        (f"{url}/partners", {"organisation_id": 1}),
        ("/coordinator/organisations/1/archive", {}),
        ("/logout", {}),
    ):
        assert client.post(target, data=data).status_code == 400, target
    assert matches_of(session, delegation_id)[0].status == MatchStatus.suggested


def test_review_gives_reasons_in_the_coordinators_language(
    sample_coordinator, client, make_delegation
):
    delegation_id = make_delegation()
    page = client.get(f"/coordinator/delegations/{delegation_id}?lang=zh").get_data(as_text=True)
    assert '<bdi lang="zh">直播</bdi>' in page  # "live streaming", as the glossary words it
    assert "主要业务：" in page
