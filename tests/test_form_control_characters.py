"""A control character typed into any browser form is an error beside the field, never a 400:
the page comes back (200) with what was typed, and nothing is stored, sent or signed in."""

import re

from sqlmodel import func, select

from matcher.models import Itinerary, MatchEvent, Outcome

from .test_private_link import mailbox  # noqa: F401 (a fixture)
from .test_review import decide, matches_of, page_token

ERROR = "Remove the control characters from this field."


def count(session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def error_beside(page: str, field_id: str) -> bool:
    found = re.search(rf'id="{re.escape(field_id)}-error">([^<]*)<', page)
    return bool(found) and ERROR in found.group(1)


def kept(page: str, typed: str) -> bool:
    return typed in page or typed.replace("\x00", "\ufffd") in page


def test_sign_in(sample_directory, make_user, client, csrf_token):
    email = make_user()
    typed = email.replace("@", "\x00@")
    data = {"email": typed, "password": "x", "csrf_token": csrf_token("/login")}
    answer = client.post("/login", data=data)
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert error_beside(page, "email") and kept(page, typed)
    assert client.get("/coordinator/").status_code == 302


def test_password_with_a_nul_signs_nobody_in(sample_directory, make_user, client, csrf_token):
    email = make_user()
    data = {"email": email, "password": "correct\x00horse", "csrf_token": csrf_token("/login")}
    answer = client.post("/login", data=data)
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert error_beside(page, "password") and kept(page, email)
    assert client.get("/coordinator/").status_code == 302


def test_private_link_request(sample_directory, client, csrf_token, mailbox):  # noqa: F811
    typed = "contact\x00@example.org"
    answer = client.post("/link", data={"email": typed, "csrf_token": csrf_token("/link")})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert error_beside(page, "email") and kept(page, typed)
    assert mailbox.messages == []


def test_rejection_reason_and_note(sample_coordinator, client, make_delegation, session):
    delegation_id = make_delegation()
    first, second = matches_of(session, delegation_id)[:2]
    before = count(session, MatchEvent)
    for match, action, field in ((first, "reject", "reason"), (second, "note", "note")):
        typed = f"Not\x00exporting {action}"
        answer = decide(client, delegation_id, match, action, typed)
        assert answer.status_code == 200
        page = answer.get_data(as_text=True)
        assert error_beside(page, f"{field}-{match.id}") and kept(page, typed)
        # Only the refused field is marked; the other matches' forms are as before.
        assert page.count(f"{ERROR}") == 1
    assert count(session, MatchEvent) == before
    first, second = matches_of(session, delegation_id)[:2]
    assert first.status.value == "suggested" and not first.reject_reason
    assert not second.note


def test_outcome_note(sample_coordinator, client, make_delegation, session):
    delegation_id = make_delegation()
    match = matches_of(session, delegation_id)[0]
    decide(client, delegation_id, match, "accept")
    url = f"/coordinator/delegations/{delegation_id}"
    typed = "Signed\x00in Songjiang"
    data = {"kind": "mou", "happened_on": "2026-12-01", "note": typed}
    answer = client.post(
        f"{url}/matches/{match.id}/outcomes", data={**data, "csrf_token": page_token(client, url)}
    )
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert error_beside(page, f"onote-{match.id}") and kept(page, typed)
    assert count(session, Outcome) == 0


def test_itinerary_settings_and_rest_days(sample_coordinator, client, make_delegation, session):
    delegation_id = make_delegation()
    url = f"/coordinator/delegations/{delegation_id}/itinerary"
    settings = {
        "day_start": "09:00", "day_end": "18:00", "lunch_start": "12:00",
        "lunch_end": "13:30", "max_visits": "4", "base_city": "songjiang",
    }  # fmt: skip
    for field, typed in (("day_start", "09:00\x00"), ("rest_days", "2026-12-01\x00")):
        data = {**settings, field: typed, "csrf_token": page_token(client, url)}
        answer = client.post(f"{url}/plan", data=data)
        assert answer.status_code == 200
        page = answer.get_data(as_text=True)
        assert error_beside(page, field)
        assert field == "rest_days" or kept(page, typed)
    assert count(session, Itinerary) == 0


def test_move_and_lock_are_refused_without_a_400(
    sample_coordinator, client, make_delegation, session
):
    delegation_id = make_delegation()
    url = f"/coordinator/delegations/{delegation_id}/itinerary"
    match = matches_of(session, delegation_id)[0]
    for action, data, said in (
        ("move", {"organisation_id": match.organisation_id, "start": "10:00\x00"}, "Choose a day"),
        ("visit", {"organisation_id": match.organisation_id, "action": "lock\x00"}, "That change"),
    ):
        data["csrf_token"] = page_token(client, url)
        answer = client.post(f"{url}/{action}", data=data, follow_redirects=True)
        assert answer.status_code == 200
        assert re.search(rf'class="flash flash-error"[^>]*>{said}', answer.get_data(as_text=True))
    assert count(session, Itinerary) == 0


def test_the_api_still_refuses_a_nul_in_a_form_body(sample_directory, client):
    answer = client.post("/api/v1/delegations", data={"name": "Lima\x00Chamber"})
    assert answer.status_code == 400
    assert answer.get_json()["fields"] == {
        "name": ["control characters (such as NUL) are not accepted"]
    }
