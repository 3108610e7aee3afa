"""Service: prove that the database takes writes, for the health check."""

import sqlalchemy as sa
from sqlalchemy import CursorResult
from sqlmodel import Session, col

from ..models import HealthCheck, utcnow


def record_write(*, session: Session) -> None:
    """Rewrite the health row and commit.

    :raises sqlalchemy.exc.SQLAlchemyError: when the write or the commit fails.
    """
    updated: CursorResult = session.execute(  # type: ignore[assignment]
        sa.update(HealthCheck).where(col(HealthCheck.id) == 1).values(checked_at=utcnow())
    )
    if updated.rowcount == 0:
        session.add(HealthCheck(id=1))
    try:
        session.commit()
    except sa.exc.IntegrityError:
        session.rollback()  # another worker wrote the first row at the same moment
