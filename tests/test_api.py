"""The JSON API: organisations, delegations, matches and itineraries, with JSON errors."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from matcher.models import ApiToken, Delegation

from .sample_directory import RECORDS

ARRIVAL = date.today() + timedelta(days=30)


def registration(**overrides):
    body = {
        "name": "Panama Logistics Association",
        "country": "PA",
        "kind": "chamber",
        "contact_name": "Luis Pérez",
        "contact_email": "luis@logistica.example",
        "languages": ["es", "en"],
        "locale": "es",
        "arrival": ARRIVAL.isoformat(),
        "departure": (ARRIVAL + timedelta(days=3)).isoformat(),
        "group_size": 6,
        "interest": {
            "seeks": "Socios de comercio electrónico transfronterizo y cadena de suministro",
            "sectors": ["cross-border-ecommerce"],
        },
        "consent": True,
    }
    body.update(overrides)
    return body


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_the_document_is_openapi_3_1(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/delegations" in document["paths"]
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    create = document["paths"]["/api/v1/delegations"]["post"]
    assert (
        "DelegationCreate" in create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    )


def test_list_filter_and_get_organisations(sample_directory, client):
    page = client.get("/api/v1/organisations?city=hefei").get_json()
    assert [o["name"] for o in page["items"]] == ["Example Speech Lab"]
    assert "private_contact" not in page["items"][0]
    organisation = client.get(f"/api/v1/organisations/{page['items'][0]['id']}").get_json()
    assert organisation["name_local"] == "示例语音"
    second = client.get("/api/v1/organisations?per_page=5&page=2").get_json()
    assert second["page"] == 2 and len(second["items"]) == 5
    assert second["total"] == len(RECORDS)


def test_search_by_meaning_says_why(sample_directory, client):
    found = client.get("/api/v1/organisations/search?text=carrier+rocket&k=3").get_json()
    names = [item["organisation"]["name"] for item in found["items"]]
    assert "Example Rocket Works" in names[:2]
    assert all(item["reason"] for item in found["items"])


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/organisations?per_page=1000", "per_page"),
        ("/api/v1/organisations?city=atlantis", "city"),
        ("/api/v1/organisations?kind=castle", "kind"),
        ("/api/v1/organisations/search?text=", "text"),
    ],
)
def test_bad_queries_are_json_errors_with_the_field(sample_directory, client, url, field):
    response = client.get(url)
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] and body["detail"] and field in body["fields"]


def test_unknown_things_are_json_404(app, client):
    for url in ("/api/v1/organisations/999999", "/api/v1/delegations/nope", "/api/v1/nothing"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.get_json()["error"] == "Not Found"


def test_register_a_delegation_then_read_it_by_token(sample_directory, client, session):
    response = client.post("/api/v1/delegations", json=registration())
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["url"].endswith(f"/d/{created['token']}")
    assert created["delegation"]["matches"][0]["reason"]
    again = client.get(f"/api/v1/delegations/{created['token']}").get_json()
    assert again["contact_email"] == "luis@logistica.example"
    assert session.exec(select(Delegation)).one().locale == "es"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"departure": (ARRIVAL - timedelta(days=1)).isoformat()}, "departure"),
        ({"departure": (ARRIVAL + timedelta(days=70)).isoformat()}, "departure"),
        ({"arrival": "2020-01-01", "departure": "2020-01-02"}, "arrival"),
        ({"group_size": 0}, "group_size"),
        ({"group_size": 10_000}, "group_size"),
        ({"country": "XX"}, "country"),
        ({"contact_email": "nope"}, "contact_email"),
        ({"consent": False}, "consent"),
        ({"interest": {"seeks": "x" * 50_000}}, "interest.seeks"),
        ({"interest": {"sectors": ["mining"]}}, "interest.sectors"),
        ({"interest": {}}, "interest.seeks"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_registration_applies_the_forms_rules(sample_directory, client, session, overrides, field):
    response = client.post("/api/v1/delegations", json=registration(**overrides))
    assert response.status_code == 422, response.get_json()
    assert any(name.startswith(field) for name in response.get_json()["fields"])
    assert session.exec(select(Delegation)).first() is None


def test_coordinator_endpoints_need_a_valid_token(sample_directory, client, api_token, session):
    assert client.get("/api/v1/matches?delegation_id=1").status_code == 401
    assert (
        client.get("/api/v1/matches?delegation_id=1", headers=bearer("g60_nope")).status_code == 401
    )
    created = client.post("/api/v1/delegations", json=registration()).get_json()
    # A delegate's private token opens nothing on the coordinator side.
    as_delegate = client.get(
        f"/api/v1/matches?delegation_id={created['delegation']['id']}",
        headers=bearer(created["token"]),
    )
    assert as_delegate.status_code == 401
    ok = client.get(
        f"/api/v1/matches?delegation_id={created['delegation']['id']}", headers=bearer(api_token)
    )
    assert ok.status_code == 200 and ok.get_json()["items"]


def test_decide_and_detect_a_conflict(sample_directory, client, api_token):
    created = client.post("/api/v1/delegations", json=registration()).get_json()
    match = created["delegation"]["matches"][0]
    url = f"/api/v1/matches/{match['id']}/decision"
    accepted = client.post(
        url, json={"action": "accept", "revision": match["revision"]}, headers=bearer(api_token)
    )
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    stale = client.post(
        url,
        json={"action": "reject", "revision": match["revision"], "text": "no"},
        headers=bearer(api_token),
    )
    assert stale.status_code == 409 and "changed this match" in stale.get_json()["detail"]
    no_reason = client.post(
        url,
        json={"action": "reject", "revision": accepted.get_json()["revision"]},
        headers=bearer(api_token),
    )
    assert no_reason.status_code == 422
    gone = client.post(
        "/api/v1/matches/999999/decision",
        json={"action": "accept", "revision": 1},
        headers=bearer(api_token),
    )
    assert gone.status_code == 404


def test_create_and_update_organisations(sample_directory, client, api_token):
    body = {"name": "Jinhua Hardware Park", "kind": "park", "city": "jinhua", "sectors": []}
    assert client.post("/api/v1/organisations", json=body).status_code == 401
    created = client.post("/api/v1/organisations", json=body, headers=bearer(api_token))
    assert created.status_code == 201
    organisation = created.get_json()
    assert created.headers["Location"].endswith(f"/api/v1/organisations/{organisation['id']}")
    duplicate = client.post("/api/v1/organisations", json=body, headers=bearer(api_token))
    assert duplicate.status_code == 422 and "name" in duplicate.get_json()["fields"]
    changed = client.put(
        f"/api/v1/organisations/{organisation['id']}",
        json={**body, "capacity": 2},
        headers=bearer(api_token),
    ).get_json()
    # Only an administrator's token reads or writes private contacts (tests/test_admin_only.py).
    assert changed["capacity"] == 2 and changed["private_contact"] is None
    public = client.get(f"/api/v1/organisations/{organisation['id']}").get_json()
    assert "private_contact" not in public


def test_itinerary_through_the_api(sample_directory, client, api_token):
    from matcher.db import session_scope
    from matcher.models import Match, MatchStatus
    from matcher.services import itinerary

    created = client.post("/api/v1/delegations", json=registration()).get_json()
    delegation_id = created["delegation"]["id"]
    token = created["token"]
    assert client.get(f"/api/v1/delegations/{token}/itinerary").status_code == 404
    with session_scope(sample_directory) as session:
        for match in session.exec(select(Match).where(Match.delegation_id == delegation_id)):
            match.status = MatchStatus.accepted
        found = itinerary.plan_visits(
            session=session, delegation=session.get(Delegation, delegation_id)
        )
        itinerary.publish(session=session, itinerary=found)
    published = client.get(f"/api/v1/delegations/{token}/itinerary").get_json()
    assert published["published"] and published["sequence"] == 1 and published["plan"]["days"]
    calendar = client.get(f"/api/v1/delegations/{token}/itinerary?format=ics")
    assert calendar.mimetype == "text/calendar"
    workbook = client.get(f"/api/v1/delegations/{token}/itinerary?format=xlsx")
    assert workbook.status_code == 200 and workbook.data.startswith(b"PK")
    assert client.get(f"/api/v1/delegations/{token}/itinerary?format=svg").mimetype == (
        "image/svg+xml"
    )
    draft = client.get(f"/api/v1/itineraries/{delegation_id}", headers=bearer(api_token))
    assert draft.get_json()["published"] is False


def test_revoked_tokens_stop_working(app, client, runner, api_token, session):
    token_id = session.exec(select(ApiToken)).one().id
    result = runner.invoke(args=["revoke-api-token", str(token_id)])
    assert result.exit_code == 0
    response = client.get("/api/v1/matches?delegation_id=1", headers=bearer(api_token))
    assert response.status_code == 401


def test_a_read_only_request_records_when_the_token_was_used(app, client, api_token, session):
    assert session.exec(select(ApiToken)).one().last_used_at is None
    response = client.get("/api/v1/itineraries/1", headers=bearer(api_token))
    assert response.status_code == 404  # read nothing, wrote nothing but the token's use
    session.expire_all()
    assert session.exec(select(ApiToken)).one().last_used_at is not None


def test_create_api_token_command_prints_it_once(app, runner, make_user, session):
    make_user("ops@g60.example")
    result = runner.invoke(args=["create-api-token", "ops@g60.example", "--name", "ops"])
    assert result.exit_code == 0
    plain = result.output.strip().splitlines()[-1]
    assert plain.startswith("g60_")
    stored = session.exec(select(ApiToken)).one()
    assert plain not in stored.token_hash and len(stored.token_hash) == 64
    assert runner.invoke(args=["create-api-token", "ghost@g60.example"]).exit_code == 1
