"""Commands over accounts: create-user, create-api-token, revoke-api-token."""

import os

import click
from flask.cli import with_appcontext

from ..db import session_scope
from ..services import accounts, api_tokens

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


COMMANDS = (create_user_command, create_api_token_command, revoke_api_token_command)
