"""Races and limits answered clearly: 409 for a lost race, 404 for what cannot exist, 503 page."""

import sqlalchemy as sa
from sqlalchemy import event

from matcher import retry
from matcher.db import get_engine


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def first_match(client, token, delegation_id) -> dict:
    answer = client.get(f"/api/v1/matches?delegation_id={delegation_id}", headers=bearer(token))
    return answer.get_json()["items"][0]


def test_a_decision_on_a_match_deleted_at_that_moment_is_a_409(
    sample_directory, app, client, api_token, make_delegation, database_url
):
    delegation_id = make_delegation()
    match = first_match(client, api_token, delegation_id)
    engine = get_engine(app)
    marker = "?" if database_url.startswith("sqlite") else "%s"
    fired = []

    def delete_meanwhile(conn, cursor, statement, parameters, context, executemany):
        # Just before the decision writes, the match goes (as a re-run would delete it).
        if not fired and (
            "FOR UPDATE" in statement or statement.startswith(("UPDATE delegation", "UPDATE match"))
        ):
            fired.append(statement)
            raw = cursor.connection.cursor()
            raw.execute(f'DELETE FROM "match" WHERE id = {marker}', (match["id"],))
            raw.close()

    event.listen(engine, "before_cursor_execute", delete_meanwhile)
    try:
        answer = client.post(
            f"/api/v1/matches/{match['id']}/decision",
            json={"action": "accept", "revision": match["revision"]},
            headers=bearer(api_token),
        )
    finally:
        event.remove(engine, "before_cursor_execute", delete_meanwhile)
    assert fired
    assert answer.status_code == 409, answer.get_data(as_text=True)
    assert "no longer exists" in answer.get_json()["detail"]


def test_the_largest_revision_is_a_conflict_not_an_error(
    sample_directory, client, api_token, make_delegation
):
    match = first_match(client, api_token, make_delegation())
    answer = client.post(
        f"/api/v1/matches/{match['id']}/decision",
        json={"action": "accept", "revision": 2**31 - 1},
        headers=bearer(api_token),
    )
    assert answer.status_code == 409
    assert set(answer.get_json()) == {"error", "detail", "fields"}


def test_ids_beyond_any_column_are_not_found(
    sample_directory, client, sample_coordinator, api_token
):
    huge = "99999999999999999999"
    assert client.get(f"/api/v1/organisations/{huge}").status_code == 404
    assert client.get(f"/coordinator/delegations/{huge}").status_code == 404
    answer = client.post(
        f"/api/v1/matches/{huge}/decision",
        json={"action": "accept", "revision": 1},
        headers=bearer(api_token),
    )
    assert answer.status_code == 404
    assert set(answer.get_json()) == {"error", "detail", "fields"}


class Deadlock(Exception):
    sqlstate = "40P01"


def test_a_deadlock_is_retried_then_answered_409_and_the_pool_is_kept(
    sample_directory, app, client, api_token, make_delegation
):
    match = first_match(client, api_token, make_delegation())
    engine = get_engine(app)
    pool = engine.pool
    tries = []

    def deadlock(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith(("UPDATE match", "UPDATE delegation")) or "FOR UPDATE" in statement:
            tries.append(statement)
            raise sa.exc.OperationalError(statement, parameters, Deadlock("deadlock detected"))

    event.listen(engine, "before_cursor_execute", deadlock)
    try:
        answer = client.post(
            f"/api/v1/matches/{match['id']}/decision",
            json={"action": "accept", "revision": match["revision"]},
            headers=bearer(api_token),
        )
    finally:
        event.remove(engine, "before_cursor_execute", deadlock)
    assert answer.status_code == 409
    assert len(tries) == retry.ATTEMPTS
    assert engine.pool is pool, "the pool was thrown away for a deadlock"
    accepted = client.post(
        f"/api/v1/matches/{match['id']}/decision",
        json={"action": "accept", "revision": match["revision"]},
        headers=bearer(api_token),
    )
    assert accepted.status_code == 200


def test_signed_in_coordinators_get_the_503_page_during_an_outage(
    sample_directory, app, client, sample_coordinator
):
    engine = get_engine(app)

    def go_away(conn, cursor, statement, parameters, context, executemany):
        raise sa.exc.OperationalError(statement, parameters, Exception("server closed"))

    event.listen(engine, "before_cursor_execute", go_away)
    try:
        down = client.get("/coordinator/")
    finally:
        event.remove(engine, "before_cursor_execute", go_away)
    assert down.status_code == 503
    assert "cannot reach its database" in down.get_data(as_text=True)
    assert client.get("/coordinator/").status_code == 200
