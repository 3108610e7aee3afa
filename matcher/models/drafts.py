"""A form as typed, kept for a moment while the page changes language (Post/Redirect/Get)."""

from datetime import datetime

from sqlmodel import JSON, Column, Field, SQLModel

from .common import timestamp, utcnow


class FormDraft(SQLModel, table=True):
    """What a form held when its language button was pressed; deleted after an hour."""

    __tablename__ = "form_draft"

    id: int | None = Field(default=None, primary_key=True)
    # The hash of the draft's key: the key itself is only in the address and the browser's session.
    key_hash: str = Field(max_length=64, unique=True, index=True)
    # [[field name, [values]], ...] in the order the browser sent them.
    fields: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp(), index=True)
