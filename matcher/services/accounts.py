"""Service: coordinator accounts and signing in."""

from sqlmodel import Session, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..models import Role, User, utcnow

MIN_PASSWORD_LENGTH = 10
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
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
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


def set_language(*, session: Session, user: User, language: str) -> None:
    """Remember the language the coordinator reads the service in."""
    user.language = language
    session.add(user)
    session.flush()
