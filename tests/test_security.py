"""Security checks: headers, CSRF on every form, access rules, size limits, faults, bandit."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import select

from matcher.db import get_engine
from matcher.models import Delegation

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("url", ["/", "/organisations", "/interest", "/api/v1/organisations"])
def test_security_headers(sample_directory, client, url):
    headers = client.get(url).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]


def test_pages_carry_no_inline_script(sample_directory, client):
    for url in ("/", "/organisations", "/interest", "/login"):
        page = client.get(url).get_data(as_text=True)
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.DOTALL)
        # Only files of the site itself, which the Content-Security-Policy allows.
        assert len(scripts) == page.count("<script"), url
        assert all(' src="/static/' in attributes and not body for attributes, body in scripts)


def test_every_post_form_refuses_a_missing_or_wrong_csrf_token(
    sample_directory, app, client, make_user, login
):
    assert login(make_user()).status_code == 303
    posts = [
        rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.rule.startswith("/api/")
    ]
    assert len(posts) >= 15
    for rule in posts:
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<int:{name}>", "1").replace(f"<{name}>", "some-token")
        for token in (None, "forged"):
            data = {} if token is None else {"csrf_token": token}
            response = client.post(url, data=data)
            assert response.status_code in (400, 404), (url, response.status_code)
            if response.status_code == 404:
                # Only where the object itself does not exist (an unknown delegate link).
                assert "some-token" in url


def test_every_coordinator_page_refuses_anonymous_users_and_delegate_links(
    sample_directory, app, client, make_delegation, session
):
    delegation_id = make_delegation()
    token = make_delegation.tokens[delegation_id]
    client.get(f"/d/{token}")  # holding a delegate link gives no coordinator access
    gets = [r for r in app.url_map.iter_rules() if r.rule.startswith("/coordinator")]
    for rule in gets:
        url = rule.rule
        for name in rule.arguments:
            value = "csv" if name in ("extension", "fmt") else str(delegation_id)
            url = url.replace(f"<int:{name}>", value).replace(f"<{name}>", value)
            url = url.replace(f"<any(csv, json):{name}>", "csv")
            url = url.replace(f"<any(ics, csv, xlsx, pdf, json, svg):{name}>", "ics")
            url = url.replace(f"<any(delegate, coordinator):{name}>", "coordinator")
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code in (302, 400), (url, response.status_code)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/login")


def test_one_delegations_link_never_shows_another(
    sample_directory, client, make_delegation, session
):
    first = make_delegation.tokens[make_delegation(name="Alpha Mission")]
    second = make_delegation.tokens[make_delegation(name="Beta Mission")]
    assert first != second
    page = client.get(f"/d/{first}").get_data(as_text=True)
    assert "Alpha Mission" in page and "Beta Mission" not in page
    api = client.get(f"/api/v1/delegations/{second}").get_json()
    assert api["name"] == "Beta Mission"
    assert client.get(f"/d/{first[:-1]}").status_code == 404
    stored = {d.token_hash for d in session.exec(select(Delegation))}
    assert first not in stored and second not in stored, "links are stored as hashes only"


def test_request_size_is_capped(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 50_000
    api = client.post("/api/v1/delegations", data=b"x" * 60_000, content_type="application/json")
    assert api.status_code == 413 and api.get_json()["error"] == "Request Entity Too Large"
    form = client.post("/interest", data={"offers": "y" * 60_000})
    assert form.status_code == 413


def test_database_going_away_gives_503_then_recovers(sample_directory, client, app):
    engine = get_engine(app)
    failures = {"left": 1}

    def go_away(conn, cursor, statement, parameters, context, executemany):
        if failures["left"]:
            failures["left"] -= 1
            raise sa.exc.OperationalError(statement, parameters, Exception("server closed"))

    event.listen(engine, "before_cursor_execute", go_away)
    try:
        down = client.get("/organisations")
        assert down.status_code == 503
        assert "cannot reach its database" in down.get_data(as_text=True)
        api = client.get("/api/v1/organisations")
        assert api.status_code == 200  # the next request recovers
    finally:
        event.remove(get_engine(app), "before_cursor_execute", go_away)


def test_postgresql_connections_killed_under_the_service_recover(
    sample_directory, app, client, database_url
):
    if not database_url.startswith("postgresql"):
        pytest.skip("terminating server connections is a PostgreSQL test")
    assert client.get("/healthz").status_code == 200
    with get_engine(app).connect() as pooled:
        victim = pooled.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    admin = sa.create_engine(database_url)
    with admin.begin() as connection:
        connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": victim})
    admin.dispose()
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/healthz").status_code == 200
    assert client.get("/organisations").status_code == 200


@pytest.mark.slow
def test_bandit_finds_nothing():
    """Static security analysis of the package; every exception carries its reason inline."""
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", str(ROOT / "matcher"), "-q"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_delegations_count_is_untouched_by_refused_posts(app, client, session):
    client.post("/interest", data={"delegation_name": "No token"})
    assert session.exec(select(Delegation)).first() is None
