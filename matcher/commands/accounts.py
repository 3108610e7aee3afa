"""Commands over accounts: create, change, list and deactivate accounts; API tokens."""

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

import click
from flask.cli import with_appcontext

from ..db import session_scope
from ..models import ApiToken, User
from ..services import accounts, api_tokens

T = TypeVar("T")

# The name of an environment variable, not a password (bandit B105 mistakes it for one).
PASSWORD_VARIABLE = "MATCHER_USER_PASSWORD"  # nosec B105


@click.command("create-user")
@click.argument("email")
@click.option(
    "--role", type=click.Choice(["coordinator", "admin"]), default="coordinator", show_default=True
)
@with_appcontext
def create_user_command(email: str, role: str) -> None:
    """Create a coordinator or admin account; the password is asked for, or read from
    MATCHER_USER_PASSWORD for scripts."""
    password = os.environ.get(PASSWORD_VARIABLE) or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        with session_scope() as session:
            user = accounts.create_user(session=session, email=email, password=password, role=role)
            created = f"Created {user.role.value} account {user.email}."
    except accounts.AccountError as exc:
        click.secho(f"Not created: {exc}.", fg="red", err=True)
        raise SystemExit(1) from exc
    click.echo(created)


@click.command("create-api-token")
@click.argument("email")
@click.option("--name", default="", help="What the token is for, to recognise it later.")
@with_appcontext
def create_api_token_command(email: str, name: str) -> None:
    """Create a bearer token for the JSON API; it is shown once, only its hash is kept."""
    with session_scope() as session:
        user = accounts.user_by_email(session=session, email=email)
        if user is None or not user.active:
            click.secho(f"No active account {email}.", fg="red", err=True)
            raise SystemExit(1)
        token, plain = api_tokens.create_token(session=session, user=user, name=name)
        token_id = token.id
    click.echo(f"Token {token_id} for {email} (shown once, keep it secret):")
    click.echo(plain)


@click.command("revoke-api-token")
@click.argument("token_id", type=int)
@with_appcontext
def revoke_api_token_command(token_id: int) -> None:
    """Revoke an API token by its number; requests with it are refused from now on."""
    with session_scope() as session:
        token = api_tokens.revoke_token(session=session, token_id=token_id)
    if token is None:
        click.secho(f"No token {token_id}.", fg="red", err=True)
        raise SystemExit(1)
    click.echo(f"Token {token_id} revoked.")


@click.command("set-password")
@click.argument("email")
@with_appcontext
def set_password_command(email: str) -> None:
    """Give an account a new password (asked for, or MATCHER_USER_PASSWORD); its sessions end."""
    password = os.environ.get(PASSWORD_VARIABLE) or click.prompt(
        "New password", hide_input=True, confirmation_prompt=True
    )
    try:
        with session_scope() as session:
            user = _existing(session, email)
            accounts.set_password(session=session, user=user, password=password)
    except accounts.AccountError as exc:
        click.secho(f"Not changed: {exc}.", fg="red", err=True)
        raise SystemExit(1) from exc
    click.echo(f"Password changed for {email}; its sessions have ended.")


@click.command("list-users")
@with_appcontext
def list_users_command() -> None:
    """List the accounts: e-mail, role, active or not, last sign-in."""
    _echo_rows(accounts.list_users, _user_row)


@click.command("deactivate-user")
@click.argument("email")
@with_appcontext
def deactivate_user_command(email: str) -> None:
    """Stop an account from signing in; its sessions and API tokens stop working."""
    with session_scope() as session:
        accounts.deactivate(session=session, user=_existing(session, email))
    click.echo(f"{email} is deactivated.")


@click.command("list-api-tokens")
@with_appcontext
def list_api_tokens_command() -> None:
    """List API tokens (never the tokens themselves): number, account, name, state, last use."""
    _echo_rows(accounts.list_tokens, _token_row)


def _echo_rows(listed: Callable[..., Iterable[T]], row: Callable[[T], tuple]) -> None:
    """What ``listed`` finds, a tab-separated line each; moments to the minute, "-" for none."""
    with session_scope() as session:
        for item in listed(session=session):
            click.echo("\t".join(_cell(value) for value in row(item)))


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return "-" if value is None else str(value)


def _user_row(user: User) -> tuple:
    state = "active" if user.active else "deactivated"
    return (user.email, user.role.value, state, user.last_login_at)


def _token_row(token: ApiToken) -> tuple:
    state = "revoked" if token.revoked_at else "active"
    return (token.id, token.user.email, token.name, state, token.last_used_at)


def _existing(session, email: str):
    user = accounts.user_by_email(session=session, email=email)
    if user is None:
        click.secho(f"No account {email}.", fg="red", err=True)
        raise SystemExit(1)
    return user


COMMANDS = (
    create_user_command,
    create_api_token_command,
    revoke_api_token_command,
    set_password_command,
    list_users_command,
    deactivate_user_command,
    list_api_tokens_command,
)
