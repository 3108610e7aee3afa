"""A delegation registers its interest, lands on its private page and edits it."""

import re
from datetime import date, timedelta

import pytest
from sqlmodel import func, select

from matcher.models import Delegation, Match, MatchStatus
from matcher.services.delegations import hash_token

ARRIVAL = date.today() + timedelta(days=30)


def valid_form(**overrides) -> dict:
    form = {
        "delegation_name": "Egyptian Chamber of Commerce",
        "country": "EG",
        "kind": "chamber",
        "contact_name": "Amina Hassan",
        "contact_email": "amina@chamber.example",
        "contact_phone": "+20 2 1234 5678",
        "languages": ["ar", "en"],
        "arrival": ARRIVAL.isoformat(),
        "departure": (ARRIVAL + timedelta(days=4)).isoformat(),
        "group_size": "12",
        "sectors": ["cross-border-ecommerce"],
        "offers": "Egyptian cotton, dates and spices from our member companies.",
        "seeks": "Cross-border e-commerce and live streaming partners to sell in China.",
        "consent": "y",
    }
    form.update(overrides)
    return {key: value for key, value in form.items() if value is not None}


def delegations(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Delegation)).one()


@pytest.fixture
def submit(client, csrf_token):
    def submit(**overrides):
        data = valid_form(**overrides)
        data.setdefault("csrf_token", csrf_token("/interest"))
        return client.post("/interest", data=data)

    return submit


def test_submitting_the_form_leads_to_the_private_page(sample_directory, client, submit, session):
    response = submit()
    assert response.status_code == 303
    token = response.headers["Location"].rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes

    delegation = session.exec(select(Delegation)).one()
    assert delegation.token_hash == hash_token(token)
    assert delegation.interest.sectors[0].slug == "cross-border-ecommerce"
    assert delegation.consent_at is not None
    matches = session.exec(select(Match).where(Match.delegation_id == delegation.id)).all()
    assert matches and all(m.explanation["reason"] for m in matches)

    page = client.get(f"/d/{token}")
    text = page.get_data(as_text=True)
    assert "Keep the link of this page." in text
    assert "Example Live Streaming Base" in text
    assert "amina@chamber.example" in text
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_an_optional_field_left_out_of_the_request_is_empty(sample_directory, submit, session):
    """A client that sends no phone field at all (not an empty one) registers, no 500."""
    assert submit(contact_phone=None).status_code == 303
    assert session.exec(select(Delegation)).one().contact_phone == ""


def test_unknown_link_is_not_found(app, client):
    assert client.get("/d/not-a-real-token").status_code == 404
    assert client.get("/d/" + "x" * 500).status_code == 404
    assert client.get("/d/not-a-real-token/edit").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"delegation_name": ""}, "delegation_name", "This field is required."),
        ({"country": ""}, "country", "This field is required."),
        ({"contact_email": "not-an-address"}, "contact_email", "Invalid email address."),
        ({"consent": None}, "consent", "Your consent is needed to register."),
        (
            {"departure": (ARRIVAL - timedelta(days=1)).isoformat()},
            "departure",
            "The departure date is before the arrival date.",
        ),
        (
            {"departure": (ARRIVAL + timedelta(days=60)).isoformat()},
            "departure",
            "A visit can last at most 60 days.",
        ),
        (
            {"arrival": (date.today() - timedelta(days=3)).isoformat()},
            "arrival",
            "The arrival date is in the past.",
        ),
        ({"group_size": "0"}, "group_size", "Number must be between 1 and 500."),
        ({"group_size": "10000"}, "group_size", "Number must be between 1 and 500."),
        ({"offers": "x" * 50_000}, "offers", "Field cannot be longer than 4000 characters."),
        (
            {"offers": "", "seeks": "", "sectors": None},
            "seeks",
            "Tell us what you seek or offer, or choose at least one sector.",
        ),
    ],
)
def test_bad_input_is_explained_next_to_the_field(
    sample_directory, submit, session, overrides, field, message
):
    response = submit(**overrides)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<p class="error" id="{field}-error">{message}' in page
    assert f'href="#{field}"' in page  # the summary links to the field
    assert delegations(session) == 0


def test_script_in_any_field_is_stored_as_text_and_shown_as_text(
    sample_directory, client, submit, session
):
    payload = "<script>alert('x')</script>"
    response = submit(delegation_name=payload, contact_name="Ann " + payload, seeks=payload)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert payload not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert delegations(session) == 1


def test_missing_or_wrong_csrf_token_is_refused(sample_directory, client, submit, session):
    assert submit(csrf_token="").status_code == 400
    wrong = submit(csrf_token="forged")
    assert wrong.status_code == 400
    assert "Form expired" in wrong.get_data(as_text=True)
    assert delegations(session) == 0


def test_honeypot_filled_by_a_robot_stores_nothing(sample_directory, submit, session):
    assert submit(website="http://spam.example").status_code == 400
    assert delegations(session) == 0


def test_oversized_request_is_refused_cleanly(client, session, app):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = client.post("/interest", data=valid_form(offers="y" * 20_000))
    assert response.status_code == 413
    assert "larger than this service accepts" in response.get_data(as_text=True)
    assert delegations(session) == 0


def test_submissions_are_rate_limited_per_client(
    sample_directory, client, csrf_token, app, session
):
    app.config["INTEREST_RATE_LIMIT"] = "2 per minute"
    token = csrf_token("/interest")
    codes = [
        client.post(
            "/interest", data={**valid_form(delegation_name=f"Chamber {n}"), "csrf_token": token}
        ).status_code
        for n in range(3)
    ]
    assert codes == [303, 303, 429]
    assert delegations(session) == 2


def test_editing_keeps_the_coordinators_decisions(
    sample_directory, client, submit, session, csrf_token
):
    token = submit().headers["Location"].rsplit("/", 1)[1]
    delegation = session.exec(select(Delegation)).one()
    matches = sorted(delegation.matches, key=lambda m: m.rank)
    accepted, rejected = matches[0], matches[1]
    accepted.status = MatchStatus.accepted
    rejected.status = MatchStatus.rejected
    session.commit()
    accepted_org, rejected_org = accepted.organisation_id, rejected.organisation_id

    edit_page = client.get(f"/d/{token}/edit").get_data(as_text=True)
    assert "Egyptian Chamber of Commerce" in edit_page
    data = valid_form(seeks="Solar photovoltaic modules and battery storage partners.")
    data["csrf_token"] = csrf_token(f"/d/{token}/edit")
    response = client.post(f"/d/{token}/edit", data=data)
    assert response.status_code == 303

    session.expire_all()
    by_org = {m.organisation_id: m for m in session.exec(select(Match)).all()}
    assert by_org[accepted_org].status == MatchStatus.accepted
    assert by_org[rejected_org].status == MatchStatus.rejected
    page = client.get(f"/d/{token}").get_data(as_text=True)
    assert "Solar photovoltaic modules" in page
    rejected_name = by_org[rejected_org].organisation.name.replace("'", "&#39;")
    assert rejected_name not in re.sub(r"<section>\s*<h2>Your interest.*", "", page, flags=re.S)


def test_contact_details_stay_off_public_pages(sample_directory, client, submit):
    submit()
    for url in ("/", "/organisations", "/organisations?q=Egyptian"):
        page = client.get(url).get_data(as_text=True)
        assert "amina@chamber.example" not in page
        assert "Amina Hassan" not in page
