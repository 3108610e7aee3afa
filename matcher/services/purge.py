"""Service: erase delegates' contact details once their visit is long over, everywhere they went.

The contact name, e-mail and phone are not only in the delegation's row: coordinators write them
into notes and rejection reasons, the history keeps those notes before and after each change,
outcomes and itineraries carry notes of their own, and delegates sometimes put a phone number in
their own words. Every text and JSON value of the delegation's rows is searched and the details
replaced; the anonymous figures (country, dates, sizes, statuses, scores) stay.
"""

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, or_, select

from ..db import row_id
from ..models import Delegation, utcnow
from . import drafts
from .delegations import hash_token, new_token

ERASED = "[erased]"
# Name parts shorter than this are left: they are initials or particles, not identifying.
SHORTEST_NAME_PART = 3


def purge_contacts(*, session: Session, before: date) -> int:
    """Erase the contact details of delegations that left before ``before``; returns how many.

    :raises ValueError: when ``before`` is later than today (it would erase current visits).
    """
    # Nothing about the purge is recorded, and purged delegations are not counted again. A
    # fresh token nobody knows replaces the private one: old links show nothing.
    if before > date.today():
        raise ValueError("The date must not be later than today.")
    drafts.delete_expired(session=session)
    delegations = session.exec(
        select(Delegation).where(
            Delegation.departure < before,
            or_(
                Delegation.contact_name != "",
                Delegation.contact_email != "",
                Delegation.contact_phone != "",
            ),
        )
    ).all()
    for delegation in delegations:
        pattern = contact_pattern(
            delegation.contact_name, delegation.contact_email, delegation.contact_phone
        )
        session.flush()
        if pattern is not None:
            _scrub_related_rows(session, row_id(delegation), pattern)
        delegation.contact_name = ""
        delegation.contact_email = ""
        delegation.contact_phone = ""
        delegation.token_hash = hash_token(new_token())
        delegation.updated_at = utcnow()
        session.add(delegation)
    session.flush()
    session.expire_all()
    return len(delegations)


def contact_pattern(name: str, email: str, phone: str) -> re.Pattern[str] | None:
    """One pattern for the person's name (whole and each part), e-mail and phone (any spacing)."""
    alternatives = []
    if email.strip():
        alternatives.append(re.escape(email.strip()))
    digits = re.sub(r"\D", "", phone)
    if len(digits) >= 6:
        alternatives.append(r"\+?" + r"[\s().\-]*".join(digits))
    parts = [name.strip(), *name.split()]
    for part in sorted({p for p in parts if len(p) >= SHORTEST_NAME_PART}, key=len, reverse=True):
        alternatives.append(r"(?<!\w)" + re.escape(part) + r"(?!\w)")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def scrub(value: Any, pattern: re.Pattern[str]) -> Any:
    """``value`` with every match of ``pattern`` erased, inside JSON structures too."""
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: scrub(item, pattern) for key, item in value.items()}
    return value


def _scrub_related_rows(session: Session, delegation_id: int, pattern: re.Pattern[str]) -> None:
    tables = SQLModel.metadata.tables
    owned = {name: tables[name].c.delegation_id == delegation_id for name in _owning_tables()}
    match_ids = sa.select(tables["match"].c.id).where(owned["match"])
    itinerary_ids = sa.select(tables["itinerary"].c.id).where(owned["itinerary"])
    owned["outcome"] = tables["outcome"].c.match_id.in_(match_ids)
    owned["scheduled_visit"] = tables["scheduled_visit"].c.itinerary_id.in_(itinerary_ids)
    for name, condition in owned.items():
        _scrub_table(session, tables[name], condition, pattern)


def _owning_tables() -> Iterable[str]:
    for table in SQLModel.metadata.tables.values():
        if "delegation_id" in table.c and table.name != "delegation":
            yield table.name


def _scrub_table(
    session: Session, table: sa.Table, condition: Any, pattern: re.Pattern[str]
) -> None:
    columns = [
        c
        for c in table.c
        if isinstance(_stored_type(c), sa.String | sa.JSON) and not isinstance(c.type, sa.Enum)
    ]
    if not columns:
        return
    keys = list(table.primary_key.columns)
    rows = session.execute(sa.select(*keys, *columns).where(condition)).mappings().all()
    for row in rows:
        changed = {}
        for column in columns:
            value = row[column.name]
            cleaned = scrub(value, pattern)
            if cleaned != value:
                changed[column.name] = cleaned
        if changed:
            session.execute(
                sa.update(table).where(*(key == row[key.name] for key in keys)).values(changed)
            )


def _stored_type(column: sa.Column) -> sa.types.TypeEngine:
    kind = column.type
    if isinstance(kind, sa.TypeDecorator):
        return kind.impl_instance
    return kind
