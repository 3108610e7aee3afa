"""Changes are seen: a delegate's edit after matching or publishing is in the history with what
changed, the queue flags the delegation, and a published plan that no longer fits is marked."""

from datetime import timedelta

from sqlmodel import select

from matcher.db import session_scope
from matcher.models import Delegation, MatchEvent
from matcher.services import itinerary
from matcher.services.delegations import hash_token

from .conftest import CSRF_FIELD, accept_top
from .test_intake import valid_form


def test_an_edit_after_publishing_is_recorded_flagged_and_marks_the_plan(
    sample_coordinator, client, sample_directory, csrf_token, app
):
    delegate = app.test_client()
    page = delegate.get("/interest").get_data(as_text=True)
    form = {**valid_form(), "csrf_token": CSRF_FIELD.search(page).group(1)}
    token = delegate.post("/interest", data=form).headers["Location"].rsplit("/", 1)[1]
    with session_scope(sample_directory) as session:
        found = select(Delegation).where(Delegation.token_hash == hash_token(token))
        delegation = session.exec(found).one()
        delegation_id, arrival = delegation.id, delegation.arrival
    accept_top(sample_directory, delegation_id)
    with session_scope(sample_directory) as session:
        delegation = session.get(Delegation, delegation_id)
        itinerary.publish(
            session=session, itinerary=itinerary.plan_visits(session=session, delegation=delegation)
        )
    queue = client.get("/coordinator/").get_data(as_text=True)
    assert "Changed by the delegate" not in queue
    assert 'id="out-of-date"' not in delegate.get(f"/d/{token}").get_data(as_text=True)

    # The delegate moves the trip two days later and seeks something new.
    edit = delegate.get(f"/d/{token}/edit").get_data(as_text=True)
    later = arrival + timedelta(days=2)
    changed = valid_form(
        arrival=later.isoformat(),
        departure=(later + timedelta(days=4)).isoformat(),
        seeks="Solar photovoltaic modules.",
    )
    changed["csrf_token"] = CSRF_FIELD.search(edit).group(1)
    assert delegate.post(f"/d/{token}/edit", data=changed).status_code == 303

    with session_scope(sample_directory) as session:
        event = session.exec(select(MatchEvent).where(MatchEvent.action == "delegate_edit")).one()
        assert event.before["arrival"] == arrival.isoformat()
        assert event.after["arrival"] == later.isoformat()
        assert event.after["seeks"] == "Solar photovoltaic modules."
        assert "name" not in event.after  # only what moved
    queue = client.get("/coordinator/").get_data(as_text=True)
    assert "Changed by the delegate" in queue
    review = client.get(f"/coordinator/delegations/{delegation_id}").get_data(as_text=True)
    assert "the delegate changed the interest" in review
    assert "Solar photovoltaic modules." in review
    assert 'id="out-of-date"' in review and "the dates of the trip" in review
    plan_page = client.get(f"/coordinator/delegations/{delegation_id}/itinerary")
    assert 'id="out-of-date"' in plan_page.get_data(as_text=True)
    private = delegate.get(f"/d/{token}").get_data(as_text=True)
    assert 'id="out-of-date"' in private and "latest changes" in private

    # Planning again and publishing brings the plan back in line.
    with session_scope(sample_directory) as session:
        delegation = session.get(Delegation, delegation_id)
        itinerary.publish(
            session=session, itinerary=itinerary.plan_visits(session=session, delegation=delegation)
        )
    assert 'id="out-of-date"' not in delegate.get(f"/d/{token}").get_data(as_text=True)


def test_an_edit_that_changes_nothing_leaves_no_trace(sample_directory, client, app):
    page = client.get("/interest").get_data(as_text=True)
    form = {**valid_form(), "csrf_token": CSRF_FIELD.search(page).group(1)}
    token = client.post("/interest", data=form).headers["Location"].rsplit("/", 1)[1]
    edit = client.get(f"/d/{token}/edit").get_data(as_text=True)
    client.post(f"/d/{token}/edit", data={**form, "csrf_token": CSRF_FIELD.search(edit).group(1)})
    with session_scope(app) as session:
        assert not session.exec(select(MatchEvent)).all()
