"""Service: bearer tokens for the JSON API, stored hashed, revocable."""

import hashlib
import secrets

from sqlmodel import Session, col, select

from ..db import row_id
from ..models import ApiToken, User, utcnow

# A visible prefix that marks our tokens, not a secret (bandit B105 mistakes it for one).
TOKEN_PREFIX = "g60_"  # nosec B105


def _digest(token: str) -> str:
    # The token is 256 random bits: a plain SHA-256 is enough, no salt or stretching needed.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(*, session: Session, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for a user; the plain token is returned once and never stored."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=row_id(user), name=name.strip()[:300], token_hash=_digest(plain))
    session.add(token)
    session.flush()
    return token, plain


def user_for_token(*, session: Session, plain: str) -> User | None:
    """The active user a presented token belongs to, or None."""
    if not plain.startswith(TOKEN_PREFIX) or len(plain) > 100:
        return None
    token = session.exec(select(ApiToken).where(col(ApiToken.token_hash) == _digest(plain))).first()
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    token.last_used_at = utcnow()
    return token.user


def revoke_token(*, session: Session, token_id: int) -> ApiToken | None:
    token = session.get(ApiToken, token_id)
    if token is not None and token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
    return token
