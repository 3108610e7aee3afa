"""Service: coordinator accounts and signing in."""

from sqlmodel import Session, col, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..models import ApiToken, Role, User, utcnow
from .passwords import password_problem

# Compared against when the e-mail is unknown, so both failures take the same time.
_UNKNOWN_USER_HASH = generate_password_hash("an unknown user has no password")


class AccountError(ValueError):
    """An account cannot be created as asked."""


def create_user(*, session: Session, email: str, password: str, role: str = "coordinator") -> User:
    """Add an account with a salted password hash.

    :raises AccountError: for a malformed e-mail, a short password, an unknown role or an
        e-mail already in use.
    """
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(f"{email!r} is not an e-mail address")
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    if role not in Role.__members__:
        raise AccountError(f"unknown role {role!r} (coordinator or admin)")
    if user_by_email(session=session, email=email) is not None:
        raise AccountError(f"an account for {email} already exists")
    user = User(email=email, password_hash=generate_password_hash(password), role=Role(role))
    session.add(user)
    session.flush()
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(*, session: Session, email: str) -> User | None:
    return session.exec(
        select(User).where(func.lower(User.email) == normalise_email(email))
    ).first()


def authenticate(*, session: Session, email: str, password: str) -> User | None:
    """The active account these credentials open, or None (never saying which part was wrong)."""
    user = user_by_email(session=session, email=email)
    if user is None:
        check_password_hash(_UNKNOWN_USER_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def set_password(*, session: Session, user: User, password: str) -> None:
    """Give the account a new password; every session signed in before ends.

    :raises AccountError: for a password the policy refuses.
    """
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    user.password_hash = generate_password_hash(password)
    end_sessions(session=session, user=user)


def end_sessions(*, session: Session, user: User) -> None:
    """End every session of the account (signing out ends them on every device)."""
    user.session_version += 1
    session.add(user)
    session.flush()


def deactivate(*, session: Session, user: User) -> None:
    """The account can no longer sign in; its sessions and API tokens stop working."""
    user.active = False
    end_sessions(session=session, user=user)


def list_users(*, session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.email)))


def list_tokens(*, session: Session) -> list[ApiToken]:
    return list(session.exec(select(ApiToken).order_by(col(ApiToken.id))))


def set_language(*, session: Session, user: User, language: str) -> None:
    """Remember the language the coordinator reads the service in."""
    user.language = language
    session.add(user)
    session.flush()
