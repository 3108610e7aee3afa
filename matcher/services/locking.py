"""One lock order for every write that touches a delegation's matches.

Every such write first takes the delegation's lock, then reads the matches it is about to
change, then writes them. Two writers on one delegation therefore wait for each other instead
of deciding from a stale read (a lost update) or locking rows in opposite orders (a deadlock).
"""

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..db import row_id
from ..models import Delegation, Match


def lock_delegation(*, session: Session, delegation_id: int) -> None:
    """Hold the delegation's lock until the transaction ends (waits for any other holder).

    PostgreSQL locks the delegation's row. SQLite has one write lock for the whole file; a
    write is the only way to take it, and python's sqlite3 runs earlier reads outside any
    transaction, so whatever is read after this call is what the lock protects.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            sa.update(Delegation)
            .where(col(Delegation.id) == delegation_id)
            .values(id=col(Delegation.id))
            .execution_options(synchronize_session=False)
        )
    else:
        session.execute(
            select(Delegation.id).where(col(Delegation.id) == delegation_id).with_for_update()
        )


def locked_delegation(*, session: Session, delegation: Delegation) -> Delegation:
    """Lock the delegation and reload it as it now is (call before changing it)."""
    lock_delegation(session=session, delegation_id=row_id(delegation))
    session.refresh(delegation)
    return delegation


def current_matches(*, session: Session, delegation_id: int) -> list[Match]:
    """The delegation's matches as stored now, replacing whatever the session held."""
    return list(
        session.exec(
            select(Match)
            .where(col(Match.delegation_id) == delegation_id)
            .order_by(col(Match.rank), col(Match.id))
            .execution_options(populate_existing=True)
        )
    )
