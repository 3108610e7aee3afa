"""Sessions end on sign-out and on a new password; roles; password policy; safe ``next``."""

import pytest
from sqlmodel import select

from matcher.db import session_scope
from matcher.models import User
from matcher.services import accounts

from .conftest import COORDINATOR_PASSWORD, CSRF_FIELD


def test_a_copied_session_cookie_stops_working_after_sign_out(
    sample_directory, client, make_user, login, csrf_token
):
    assert login(make_user()).status_code == 303
    stolen = client.get_cookie("session").value
    out = client.post("/logout", data={"csrf_token": csrf_token("/coordinator/")})
    assert out.status_code == 303
    client.set_cookie("session", stolen)
    assert client.get("/coordinator/").status_code == 302


def test_a_new_password_ends_every_session(sample_directory, app, client, make_user, login):
    email = make_user()
    assert login(email).status_code == 303
    assert client.get("/coordinator/").status_code == 200
    with session_scope(app) as session:
        user = accounts.user_by_email(session=session, email=email)
        accounts.set_password(session=session, user=user, password="a brand new passphrase here")
    assert client.get("/coordinator/").status_code == 302
    assert login(email, "a brand new passphrase here").status_code == 303


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        (" " * 12, "blank"),
        ("\u200b" * 12, "blank"),
        ("\u3000\u00a0\u2003\u200b\ufeff\u2060" * 3, "blank"),
        ("password1234", "too common"),
        ("qwertyuiop12", "too common"),
        ("a\u200bb\u200bc\u200b \u00a0", "at least 10 characters other than spaces"),
        # Long enough only with the invisible characters counted, and unguessable otherwise.
        ("Vq7#kP2\u200b\u200b\u200b\u200b\u200b\u200b", "at least 10 characters"),
    ],
)
def test_blank_and_common_passwords_are_refused(app, runner, monkeypatch, password, reason):
    monkeypatch.setenv("MATCHER_USER_PASSWORD", password)
    result = runner.invoke(args=["create-user", "weak@g60.example"])
    assert result.exit_code == 1, result.output
    # Refused for what it is: invisible characters never count, whatever else zxcvbn judges.
    assert "Not created" in result.output and reason in result.output


@pytest.mark.parametrize(
    "url",
    [
        "/coordinator/organisations/import",
        "/coordinator/organisations/export.csv",
        "/coordinator/organisations/export.json",
    ],
)
def test_only_administrators_import_and_export_private_contacts(
    sample_directory, client, make_user, login, url
):
    assert login(make_user()).status_code == 303
    assert client.get(url).status_code == 403
    client.delete_cookie("session")
    assert login(make_user("admin@g60.example", role="admin")).status_code == 303
    assert client.get(url).status_code == 200


def test_only_administrators_archive(sample_directory, client, make_user, login, make_organisation):
    organisation = make_organisation()
    assert login(make_user()).status_code == 303
    page = client.get(f"/coordinator/organisations/{organisation.id}/edit")
    token = CSRF_FIELD.search(page.get_data(as_text=True)).group(1)
    archive = f"/coordinator/organisations/{organisation.id}/archive"
    assert client.post(archive, data={"csrf_token": token}).status_code == 403


def test_account_commands_list_deactivate_and_show_tokens(app, runner, make_user, api_token):
    make_user("second@g60.example", role="admin")
    listed = runner.invoke(args=["list-users"])
    assert listed.exit_code == 0
    assert "second@g60.example\tadmin\tactive" in listed.output
    tokens = runner.invoke(args=["list-api-tokens"])
    assert "api@g60.example\ttests\tactive" in tokens.output and api_token not in tokens.output
    assert runner.invoke(args=["deactivate-user", "api@g60.example"]).exit_code == 0
    assert "api@g60.example\tcoordinator\tdeactivated" in runner.invoke(args=["list-users"]).output
    answer = app.test_client().get(
        "/api/v1/matches?delegation_id=1", headers={"Authorization": f"Bearer {api_token}"}
    )
    assert answer.status_code == 401
    assert runner.invoke(args=["deactivate-user", "nobody@g60.example"]).exit_code == 1


def test_set_password_command_applies_the_policy(app, runner, make_user, monkeypatch, session):
    make_user()
    monkeypatch.setenv("MATCHER_USER_PASSWORD", "password1234")
    assert runner.invoke(args=["set-password", "coordinator@g60.example"]).exit_code == 1
    monkeypatch.setenv("MATCHER_USER_PASSWORD", "an entirely fresh passphrase")
    assert runner.invoke(args=["set-password", "coordinator@g60.example"]).exit_code == 0
    assert session.exec(select(User)).one().session_version == 1


@pytest.mark.parametrize(
    "target",
    [
        "////evil.example",
        "///evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
    ],
)
def test_next_never_leaves_the_site(sample_directory, client, make_user, target):
    email = make_user()
    page = client.get("/login").get_data(as_text=True)
    token = CSRF_FIELD.search(page).group(1)
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": email, "password": COORDINATOR_PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/coordinator/"
