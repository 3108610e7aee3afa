"""A form as typed, kept across a change of language so that the change can redirect.

A language button sends the form; the answer is a redirect to the same page in the new
language, which shows the draft again (Post/Redirect/Get). The browser's history then holds
only pages it can load again, never a form sent by POST.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from ..models import FormDraft, utcnow

LIFETIME = timedelta(hours=1)
Fields = list[tuple[str, list[str]]]


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def delete_expired(*, session: Session, now: datetime | None = None) -> None:
    """Forget drafts older than their hour (they hold what someone typed, contacts included)."""
    cutoff = (now or utcnow()) - LIFETIME
    session.exec(delete(FormDraft).where(col(FormDraft.created_at) < cutoff))


def save_draft(*, session: Session, fields: Fields, now: datetime | None = None) -> str:
    """Keep the fields for an hour; returns the draft's key (only its hash is stored)."""
    now = now or utcnow()
    delete_expired(session=session, now=now)
    key = secrets.token_urlsafe(24)
    fields_json = [[name, list(values)] for name, values in fields]
    session.add(FormDraft(key_hash=_hash(key), fields=fields_json, created_at=now))
    return key


def load_draft(*, session: Session, key: str, now: datetime | None = None) -> Fields | None:
    """The fields kept under ``key``, or None when there is no such draft or it has expired."""
    if not key or len(key) > 64:
        return None
    fresh = col(FormDraft.created_at) >= (now or utcnow()) - LIFETIME
    found = session.exec(
        select(FormDraft).where(FormDraft.key_hash == _hash(key)).where(fresh)
    ).first()
    if found is None:
        return None
    return [(str(name), [str(value) for value in values]) for name, values in found.fields]
