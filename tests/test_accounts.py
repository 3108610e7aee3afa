"""Coordinator accounts: creation, sign-in, throttling, sessions, protected pages."""

import pytest
from sqlmodel import select

from matcher.models import User

from .conftest import COORDINATOR_PASSWORD


def test_create_user_reads_the_password_from_the_environment(app, runner, session, monkeypatch):
    monkeypatch.setenv("MATCHER_USER_PASSWORD", "a long enough secret")
    result = runner.invoke(args=["create-user", "Lead@G60.example", "--role", "admin"])
    assert result.exit_code == 0, result.output
    user = session.exec(select(User)).one()
    assert user.email == "lead@g60.example" and user.is_admin
    assert "a long enough secret" not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_create_user_asks_for_the_password(app, runner, session, monkeypatch):
    monkeypatch.delenv("MATCHER_USER_PASSWORD", raising=False)
    result = runner.invoke(
        args=["create-user", "c@g60.example"], input="typed secret 123\ntyped secret 123\n"
    )
    assert result.exit_code == 0, result.output
    assert session.exec(select(User)).one().role.value == "coordinator"


@pytest.mark.parametrize(
    ("email", "password", "reason"),
    [
        ("not-an-address", "long enough password", "not an e-mail address"),
        ("a@g60.example", "short", "at least 10 characters"),
    ],
)
def test_create_user_refuses_bad_input(app, runner, monkeypatch, email, password, reason):
    monkeypatch.setenv("MATCHER_USER_PASSWORD", password)
    result = runner.invoke(args=["create-user", email])
    assert result.exit_code == 1
    assert reason in result.output


def test_duplicate_account_is_refused(app, runner, make_user, monkeypatch):
    make_user("dup@g60.example")
    monkeypatch.setenv("MATCHER_USER_PASSWORD", "another long password")
    result = runner.invoke(args=["create-user", "DUP@g60.example"])
    assert result.exit_code == 1 and "already exists" in result.output


def test_coordinator_pages_need_a_signed_in_coordinator(app, client):
    for url in (
        "/coordinator/",
        "/coordinator/dashboard",
        "/coordinator/organisations",
        "/coordinator/organisations/new",
        "/coordinator/organisations/import",
        "/coordinator/delegations/1",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login?next="), url
    assert client.post("/coordinator/delegations/1/rerun").status_code in (302, 400)


@pytest.mark.parametrize("password", ["wrong password!", ""])
def test_wrong_credentials_do_not_say_which_part_was_wrong(app, make_user, login, password):
    email = make_user()
    for who in (email, "nobody@g60.example"):
        response = login(who, password or "x")
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Wrong e-mail address or password." in page


def test_sign_in_then_out(app, client, make_user, login, csrf_token):
    email = make_user()
    response = login(email)
    assert response.status_code == 303
    assert response.headers["Location"] == "/coordinator/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert client.get("/coordinator/").status_code == 200
    out = client.post("/logout", data={"csrf_token": csrf_token("/coordinator/")})
    assert out.status_code == 303
    assert client.get("/coordinator/").status_code == 302


def test_secure_cookies_when_served_over_https(app, client, make_user, login):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = login(make_user())
    assert "Secure" in response.headers["Set-Cookie"]


def test_next_only_leads_within_the_site(app, client, make_user):
    email = make_user()
    from .conftest import CSRF_FIELD

    for target, expected in (
        ("/coordinator/dashboard", "/coordinator/dashboard"),
        ("https://evil.example/", "/coordinator/"),
        ("//evil.example/", "/coordinator/"),
    ):
        page = client.get("/login").get_data(as_text=True)
        token = CSRF_FIELD.search(page).group(1)
        response = client.post(
            f"/login?next={target}",
            data={"email": email, "password": COORDINATOR_PASSWORD, "csrf_token": token},
        )
        assert response.headers["Location"] == expected
        client.delete_cookie("session")


def test_sign_in_is_throttled(app, make_user, login):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    email = make_user()
    codes = [login(email, "wrong password").status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429


def test_deactivated_account_cannot_sign_in(app, make_user, login, session):
    email = make_user()
    user = session.exec(select(User)).one()
    user.active = False
    session.commit()
    assert "Wrong e-mail address or password." in login(email).get_data(as_text=True)


def test_a_delegate_link_opens_no_coordinator_page(app, client):
    response = client.get("/coordinator/", headers={"Authorization": "Bearer whatever"})
    assert response.status_code == 302


def test_an_expired_session_asks_to_sign_in_again_and_changes_nothing(
    sample_directory, client, make_user, login, make_delegation, session
):
    from matcher.models import Match, MatchStatus

    delegation_id = make_delegation()
    login(make_user())
    page = client.get(f"/coordinator/delegations/{delegation_id}").get_data(as_text=True)
    from .conftest import CSRF_FIELD

    token = CSRF_FIELD.search(page).group(1)
    match = session.exec(select(Match).where(Match.delegation_id == delegation_id)).first()
    # The working day is over: the browser has dropped the session cookie, which expired.
    client.delete_cookie("session")
    response = client.post(
        f"/coordinator/delegations/{delegation_id}/matches/{match.id}",
        data={"action": "accept", "revision": match.revision, "csrf_token": token},
    )
    assert response.status_code == 400
    assert "nothing was saved" in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(Match, match.id).status == MatchStatus.suggested
    follow = client.get("/coordinator/", follow_redirects=True)
    assert "Please sign in to see that page." in follow.get_data(as_text=True)
