"""Private contacts and the administrators' controls reach administrators only."""

import pytest
from sqlmodel import select

from matcher.db import session_scope
from matcher.models import Organisation
from matcher.services import accounts, api_tokens

from .conftest import CSRF_FIELD

SECRET = "director mobile 555-0100"
ADMIN_CONTROLS = {
    "import": 'href="/coordinator/organisations/import"',
    "export csv": 'href="/coordinator/organisations/export.csv"',
    "export json": 'href="/coordinator/organisations/export.json"',
    "archive": "/archive",
    "private contact": SECRET,
}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def token_for(app, make_user):
    """A bearer token for a new account of the given role."""

    def make(role: str) -> str:
        email = make_user(f"{role}-api@g60.example", role=role)
        with session_scope(app) as session:
            user = accounts.user_by_email(session=session, email=email)
            return api_tokens.create_token(session=session, user=user, name=role)[1]

    return make


def stored_contact(app, organisation_id: int) -> str:
    with session_scope(app) as session:
        return session.get(Organisation, organisation_id).private_contact


def test_api_gives_and_takes_private_contacts_from_administrators_only(shipped, client, token_for):
    coordinator, admin = token_for("coordinator"), token_for("admin")
    body = {"name": "Jinhua Hardware Park", "kind": "park", "city": "jinhua"}

    refused = client.post(
        "/api/v1/organisations",
        json={**body, "private_contact": SECRET},
        headers=bearer(coordinator),
    )
    assert refused.status_code == 403
    assert "private_contact" in refused.get_json()["fields"]
    assert "Jinhua Hardware Park" not in client.get("/api/v1/organisations?q=Hardware").text

    created = client.post("/api/v1/organisations", json=body, headers=bearer(admin))
    assert created.status_code == 201 and created.get_json()["private_contact"] == ""
    number = created.get_json()["id"]
    url = f"/api/v1/organisations/{number}"
    by_admin = client.put(url, json={**body, "private_contact": SECRET}, headers=bearer(admin))
    assert by_admin.status_code == 200 and by_admin.get_json()["private_contact"] == SECRET

    # A coordinator's update is answered without the contact and keeps it as stored.
    by_coordinator = client.put(url, json={**body, "capacity": 3}, headers=bearer(coordinator))
    assert by_coordinator.status_code == 200
    assert by_coordinator.get_json()["private_contact"] is None
    assert by_coordinator.get_json()["capacity"] == 3
    assert SECRET not in by_coordinator.text
    assert stored_contact(client.application, number) == SECRET
    overwrite = client.put(url, json={**body, "private_contact": ""}, headers=bearer(coordinator))
    assert overwrite.status_code == 403
    assert stored_contact(client.application, number) == SECRET

    document = client.get("/api/v1/openapi.json").get_json()
    assert "403" in document["paths"]["/api/v1/organisations/{organisation_id}"]["put"]["responses"]


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_each_role_sees_exactly_its_controls(
    shipped, client, make_user, login, make_organisation, role
):
    organisation = make_organisation(private_contact=SECRET)
    assert login(make_user(f"{role}@g60.example", role=role)).status_code == 303
    listing = client.get("/coordinator/organisations").get_data(as_text=True)
    edit = client.get(f"/coordinator/organisations/{organisation.id}/edit").get_data(as_text=True)
    shown = {name for name, mark in ADMIN_CONTROLS.items() if mark in listing}
    if role == "admin":
        assert shown == set(ADMIN_CONTROLS)
        assert SECRET in edit and 'name="private_contact"' in edit
        return
    assert shown == set()
    assert SECRET not in edit and 'name="private_contact"' not in edit
    # The hidden controls still refuse a coordinator who calls them directly.
    token = CSRF_FIELD.search(edit).group(1)
    for url in (
        "/coordinator/organisations/import",
        "/coordinator/organisations/export.csv",
        "/coordinator/organisations/export.json",
    ):
        assert client.get(url).status_code == 403, url
    archive = f"/coordinator/organisations/{organisation.id}/archive"
    assert client.post(archive, data={"csrf_token": token}).status_code == 403


def test_a_coordinators_edit_keeps_the_private_contact(
    shipped, app, client, make_user, login, make_organisation
):
    organisation = make_organisation(
        private_contact=SECRET, description="Robot arms for electronics assembly."
    )
    assert login(make_user()).status_code == 303
    url = f"/coordinator/organisations/{organisation.id}/edit"
    token = CSRF_FIELD.search(client.get(url).get_data(as_text=True)).group(1)
    form = {
        "csrf_token": token,
        "name": organisation.name,
        "kind": "company",
        "city": "songjiang",
        "description": "Robot arms and grippers.",
        "hosts_delegations": "",
        "private_contact": "a coordinator's attempt",
    }
    assert client.post(url, data=form).status_code == 303
    with session_scope(app) as session:
        saved = session.exec(select(Organisation).where(Organisation.id == organisation.id)).one()
        assert saved.description == "Robot arms and grippers."
        assert saved.private_contact == SECRET
