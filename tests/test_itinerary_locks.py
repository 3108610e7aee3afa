"""A move the planner cannot keep is refused with its reason and changes nothing; a visit left
off the plan keeps its controls."""

from matcher.forms.itinerary import trip_dates
from matcher.models import Delegation
from matcher.planning.calendar import WorkingCalendar
from matcher.services import itinerary

from .conftest import accept_top
from .test_itinerary import post


def test_a_move_onto_a_closed_day_is_refused_with_the_reason(
    coordinator, client, make_delegation, shipped, session
):
    delegation_id = make_delegation(days=7)  # a week always holds a weekend day
    accepted = accept_top(shipped, delegation_id)
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    post(client, f"{page}/plan", page, {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    })  # fmt: skip
    delegation = session.get(Delegation, delegation_id)
    before = itinerary.itinerary_for(session=session, delegation=delegation).plan
    closed = next(d for d in trip_dates(delegation) if not WorkingCalendar().working(d))
    response = post(client, f"{page}/move", page, {
        "organisation_id": accepted[0], "day": closed.isoformat(), "start": "10:00",
    })  # fmt: skip
    text = response.get_data(as_text=True)
    assert "Lock refused:" in text and "opening hours" in text
    assert "Visit moved and locked" not in text
    session.expire_all()
    found = itinerary.itinerary_for(session=session, delegation=delegation)
    assert found.locks == {} and found.plan == before


def test_a_visit_left_off_keeps_its_controls(coordinator, client, make_delegation, shipped):
    delegation_id = make_delegation(days=1)
    accept_top(shipped, delegation_id, count=8)
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    text = post(client, f"{page}/plan", page, {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    }).get_data(as_text=True)  # fmt: skip
    assert "Not placed" in text
    section = text[text.index("<h2>Not placed</h2>") :]
    assert "Move and lock" in section and 'value="remove"' in section


def test_arrival_and_departure_times_and_cities_shape_the_first_and_last_day(
    coordinator, client, make_delegation, shipped, session
):
    delegation_id = make_delegation(days=3)
    accept_top(shipped, delegation_id, count=4)
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    post(client, f"{page}/plan", page, {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
        "arrival_time": "14:00", "departure_time": "17:00", "departure_city": "hefei",
    })  # fmt: skip
    found = itinerary.itinerary_for(
        session=session, delegation=session.get(Delegation, delegation_id)
    )
    days = found.plan["days"]
    assert found.settings["arrival_time"] == "14:00"
    assert all(item["start"][11:16] >= "14:00" for item in days[0]["items"])
    # The rail journey to Hefei ends by 17:00 on the last day, or is taken the evening
    # before (a night in Hefei) when that saves the way back to the hotel.
    legs = [
        i for d in days for i in d["items"] if i["type"] == "travel" and i["to_city"] == "hefei"
    ]
    assert legs and legs[-1]["mode"] == "rail" and legs[-1]["from_city"] != "hefei"
    assert legs[-1]["end"][:16] <= f"{days[-1]['date']}T17:00"


def test_an_edit_shows_which_visits_changed(coordinator, client, make_delegation, shipped, session):
    delegation_id = make_delegation(days=4)
    accepted = accept_top(shipped, delegation_id, count=3)
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    post(client, f"{page}/plan", page, {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    })  # fmt: skip
    delegation = session.get(Delegation, delegation_id)
    working = [d for d in trip_dates(delegation) if WorkingCalendar().working(d)]
    text = post(client, f"{page}/move", page, {
        "organisation_id": accepted[0], "day": working[-1].isoformat(), "start": "15:00",
        "confirm": "yes",
    }).get_data(as_text=True)  # fmt: skip
    assert "Visit moved and locked." in text
    changed = text[text.index("Changed: ") :].split("</")[0]
    assert f"→ {working[-1].isoformat()} 15:00" in changed
    removed = post(client, f"{page}/visit", page, {
        "organisation_id": accepted[1], "action": "remove", "confirm": "yes",
    }).get_data(as_text=True)  # fmt: skip
    assert "→ not placed" in removed


def test_an_edit_shows_what_it_moves_before_anything_is_saved(
    coordinator, client, make_delegation, shipped, session
):
    delegation_id = make_delegation(days=4)
    accepted = accept_top(shipped, delegation_id, count=3)
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    post(client, f"{page}/plan", page, {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    })  # fmt: skip
    delegation = session.get(Delegation, delegation_id)
    before = itinerary.itinerary_for(session=session, delegation=delegation).plan
    working = [d for d in trip_dates(delegation) if WorkingCalendar().working(d)]
    move = {"organisation_id": accepted[0], "day": working[-1].isoformat(), "start": "15:00"}
    text = post(client, f"{page}/move", page, move).get_data(as_text=True)
    assert "Check the change: <bdi>move" in text and "nothing has been saved yet" in text
    assert delegation.name in text and f"→ {working[-1].isoformat()} 15:00" in text
    assert 'name="confirm" value="yes"' in text and 'name="day" value="' in text
    session.expire_all()
    unchanged = itinerary.itinerary_for(session=session, delegation=delegation)
    assert unchanged.plan == before and unchanged.locks == {}

    saved = post(client, f"{page}/move", page, {**move, "confirm": "yes"}).get_data(as_text=True)
    assert "Visit moved and locked." in saved
    session.expire_all()
    assert str(accepted[0]) in itinerary.itinerary_for(session=session, delegation=delegation).locks


def test_a_refused_edit_is_refused_at_the_preview(
    coordinator, client, make_delegation, shipped, session
):
    delegation_id = make_delegation(days=7)
    accepted = accept_top(shipped, delegation_id)
    page = f"/coordinator/delegations/{delegation_id}/itinerary"
    post(client, f"{page}/plan", page, {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    })  # fmt: skip
    delegation = session.get(Delegation, delegation_id)
    closed = next(d for d in trip_dates(delegation) if not WorkingCalendar().working(d))
    text = post(client, f"{page}/move", page, {
        "organisation_id": accepted[0], "day": closed.isoformat(), "start": "10:00",
    }).get_data(as_text=True)  # fmt: skip
    assert "Lock refused:" in text and "Check the change" not in text


def test_the_saved_plan_is_the_plan_the_preview_showed(shipped, make_planned):
    """Preview a move (applied, then rolled back), save it: the stored plans are the previewed
    ones, for the delegation and for another competing for the same hosts."""
    import copy
    from datetime import datetime

    from matcher.db import session_scope
    from matcher.planning import SHANGHAI
    from matcher.services import edit_preview, itinerary_edits

    theirs, _ = make_planned(days=4, count=8)  # planned first: the hosts it holds are taken
    ours, accepted = make_planned(days=4, count=8)
    with session_scope(shipped) as scoped:
        delegation = scoped.get(Delegation, ours)
        working = [d for d in trip_dates(delegation) if WorkingCalendar().working(d)]
    start = datetime.combine(working[-1], datetime.min.time().replace(hour=15), SHANGHAI)

    def move(session, found):
        itinerary_edits.move_visit(
            session=session, itinerary=found, organisation_id=accepted[0], start=start
        )

    def kept(document):
        return {key: document.get(key) for key in ("days", "unplaced", "notes", "notes_said")}

    with session_scope(shipped) as scoped:
        delegation = scoped.get(Delegation, ours)
        found = itinerary.itinerary_for(session=scoped, delegation=delegation)
        listed = edit_preview.preview_edit(
            session=scoped, itinerary=found, delegation=delegation, apply=move
        )
        previewed = {
            row.delegation_id: copy.deepcopy(kept(row.plan))
            for row, _ in edit_preview._overlapping(scoped, delegation)
        }
        scoped.rollback()
    assert listed and previewed[ours]["days"]
    with session_scope(shipped) as scoped:
        delegation = scoped.get(Delegation, ours)
        move(scoped, itinerary.itinerary_for(session=scoped, delegation=delegation))
    with session_scope(shipped) as scoped:
        for delegation_id, plan in previewed.items():
            row = itinerary.itinerary_for(
                session=scoped, delegation=scoped.get(Delegation, delegation_id)
            )
            assert kept(row.plan) == plan
