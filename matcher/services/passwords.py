"""Password policy: long enough once invisible characters are set aside, and not a common one."""

import unicodedata

from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 10
# zxcvbn's guessability score (0-4): 3 means "safely unguessable" for an online attacker.
MIN_SCORE = 3
# zxcvbn's time grows with length; the first characters decide whether a password is common.
CHECKED_PREFIX = 100


def invisible(character: str) -> bool:
    """Spaces of any script, zero-width and other format or control characters."""
    return character.isspace() or unicodedata.category(character) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def password_problem(password: str) -> str | None:
    """Why this password is refused, or None when it may be used."""
    visible = [c for c in password if not invisible(c)]
    if not visible:
        return "the password is blank"
    if len(visible) < MIN_PASSWORD_LENGTH:
        return f"the password needs at least {MIN_PASSWORD_LENGTH} characters other than spaces"
    if zxcvbn(password[:CHECKED_PREFIX])["score"] < MIN_SCORE:
        return "the password is too common or too easy to guess"
    return None
