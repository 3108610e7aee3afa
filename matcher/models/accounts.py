"""Tables of the coordinator side: accounts, the history of decisions, and outcomes."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlmodel import JSON, Column, Field, Relationship, SQLModel

from .common import timestamp, utcnow
from .rules import LONG_TEXT_MAX, SHORT_TEXT_MAX


class Role(enum.StrEnum):
    coordinator = "coordinator"
    admin = "admin"


class OutcomeKind(enum.StrEnum):
    meeting = "meeting"
    mou = "mou"
    letter_of_intent = "letter_of_intent"
    investment = "investment"
    referral = "referral"


def _enum(kind: type[enum.Enum]) -> sa.Enum:
    return sa.Enum(kind, native_enum=False, length=20, validate_strings=True)


class User(UserMixin, SQLModel, table=True):
    """A coordinator or administrator who signs in."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    # Only ever a salted hash from werkzeug.security.
    password_hash: str = Field(max_length=255)
    role: Role = Field(default=Role.coordinator, sa_column=Column(_enum(Role), nullable=False))
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
    last_login_at: datetime | None = Field(default=None, sa_type=timestamp())
    # The language the coordinator chose to read the service in (a code of i18n.LANGUAGES).
    language: str | None = Field(default=None, max_length=10)

    @property
    def is_active(self) -> bool:  # Flask-Login: a deactivated account cannot sign in
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin


class MatchEvent(SQLModel, table=True):
    """One change to a delegation's match list: who, when, what, before and after."""

    __tablename__ = "match_event"

    id: int | None = Field(default=None, primary_key=True)
    delegation_id: int = Field(foreign_key="delegation.id", index=True, ondelete="CASCADE")
    # Kept after the match itself is replaced by a re-run.
    match_id: int | None = Field(default=None, foreign_key="match.id", ondelete="SET NULL")
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="SET NULL"
    )
    user_id: int | None = Field(default=None, foreign_key="account.id", ondelete="SET NULL")
    action: str = Field(max_length=40)
    before: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    after: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: datetime = Field(default_factory=utcnow, sa_type=timestamp(), index=True)

    user: User | None = Relationship()


class Outcome(SQLModel, table=True):
    """What came of an accepted match: a meeting, an MoU, an investment, a referral."""

    id: int | None = Field(default=None, primary_key=True)
    match_id: int = Field(foreign_key="match.id", index=True, ondelete="CASCADE")
    kind: OutcomeKind = Field(sa_column=Column(_enum(OutcomeKind), nullable=False))
    happened_on: date
    note: str = Field(default="", max_length=LONG_TEXT_MAX)
    recorded_by_id: int | None = Field(default=None, foreign_key="account.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())

    recorded_by: User | None = Relationship()


class ApiToken(SQLModel, table=True):
    """A coordinator's bearer token for the JSON API; only its hash is kept."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    name: str = Field(default="", max_length=SHORT_TEXT_MAX)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp())
    last_used_at: datetime | None = Field(default=None, sa_type=timestamp())
    revoked_at: datetime | None = Field(default=None, sa_type=timestamp())

    user: User = Relationship()
