"""Private answers are not cached, links use the public address, retries register once, health."""

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import func, select

from matcher.db import get_engine
from matcher.models import Delegation

from .test_api import bearer, registration


def test_private_api_answers_are_never_stored(sample_directory, client, api_token, make_delegation):
    created = client.post("/api/v1/delegations", json=registration())
    assert created.status_code == 201
    token = created.get_json()["token"]
    private = [
        created,
        client.get(f"/api/v1/delegations/{token}"),
        client.get(f"/api/v1/delegations/{token}x"),
        client.get(f"/api/v1/delegations/{token}/itinerary"),
        client.get(f"/api/v1/matches?delegation_id={make_delegation()}", headers=bearer(api_token)),
        client.get("/api/v1/organisations/1", headers=bearer(api_token)),
    ]
    assert [r.headers.get("Cache-Control") for r in private] == ["no-store"] * len(private)
    assert client.get("/api/v1/organisations").headers.get("Cache-Control") != "no-store"


def test_private_links_use_the_public_address_not_the_host_header(sample_directory, app, client):
    forged = {"Host": "evil.example"}
    relative = client.post("/api/v1/delegations", json=registration(), headers=forged)
    assert relative.get_json()["url"].startswith("/d/")
    app.config["PUBLIC_URL"] = "https://match.example.org/"
    created = client.post("/api/v1/delegations", json=registration(), headers=forged)
    url = created.get_json()["url"]
    assert url == f"https://match.example.org/d/{created.get_json()['token']}"


def test_a_retried_registration_returns_the_first_answer(sample_directory, client, session):
    key = {"Idempotency-Key": "5b0d3c6e-8a4f-4f7e-9a53-0c2d7f9e1a11"}
    first = client.post("/api/v1/delegations", json=registration(), headers=key)
    again = client.post("/api/v1/delegations", json=registration(), headers=key)
    assert first.status_code == again.status_code == 201
    assert first.get_json()["token"] == again.get_json()["token"]
    assert first.get_json()["delegation"]["id"] == again.get_json()["delegation"]["id"]
    assert session.exec(select(func.count()).select_from(Delegation)).one() == 1
    other = client.post("/api/v1/delegations", json=registration(group_size=7), headers=key)
    # The same key with other answers is refused with its reason, and registers nothing.
    assert other.status_code == 422
    assert "other answers" in other.get_json()["fields"]["Idempotency-Key"][0]
    assert session.exec(select(func.count()).select_from(Delegation)).one() == 1
    refused = client.post(
        "/api/v1/delegations", json=registration(), headers={"Idempotency-Key": "short"}
    )
    assert refused.status_code == 400
    assert set(refused.get_json()) == {"error", "detail", "fields"}


def test_healthz_reports_a_failing_write_path(sample_directory, app, client):
    assert client.get("/healthz").get_json()["writes"] == "ok"
    engine = get_engine(app)

    def refuse_writes(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sa.exc.OperationalError(statement, parameters, Exception("disk I/O error"))

    event.listen(engine, "before_cursor_execute", refuse_writes)
    try:
        answer = client.get("/healthz")
    finally:
        event.remove(engine, "before_cursor_execute", refuse_writes)
    assert answer.status_code == 503
    assert answer.get_json()["writes"] == "failing"
    assert client.get("/healthz").status_code == 200
