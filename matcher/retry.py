"""Requests that lost a race inside the database are run again, a bounded number of times.

PostgreSQL may end a transaction to break a deadlock or a serialization conflict, and SQLite
may stay busy beyond its timeout; neither means the database is out of reach. The request is
rolled back and run again from its start; when it keeps losing, the client is told 409.
"""

import random
import time
from collections.abc import Callable
from functools import wraps

from flask import Flask
from sqlalchemy.exc import DBAPIError

from .db import close_session

ATTEMPTS = 4
# Deadlock detected, serialization failure, lock not available.
TRANSIENT_SQLSTATES = frozenset({"40P01", "40001", "55P03"})
SQLITE_BUSY = ("database is locked", "database table is locked")


def is_transient(error: DBAPIError) -> bool:
    """Whether the database refused this transaction only because of another one."""
    original = error.orig
    diag = getattr(original, "sqlstate", None)
    if diag in TRANSIENT_SQLSTATES:
        return True
    return any(text in str(original).lower() for text in SQLITE_BUSY)


def retried(view: Callable, *, attempts: int = ATTEMPTS, on_retry: Callable | None = None):
    """``view``, run again from its start after a transient database refusal."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        for attempt in range(1, attempts + 1):
            try:
                return view(*args, **kwargs)
            except DBAPIError as exc:
                if attempt == attempts or not is_transient(exc):
                    raise
                close_session()
                if on_retry is not None:
                    on_retry(exc)
                # Spread the retries so that the two losers do not meet again at once.
                time.sleep(random.uniform(0.01, 0.05) * attempt)  # nosec B311 - not a secret
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


def init_app(app: Flask) -> None:
    """Wrap every view registered so far (call after the blueprints)."""

    def count(exc: DBAPIError) -> None:
        app.logger.warning("transaction retried after: %s", str(exc.orig).splitlines()[0])

    for endpoint, view in list(app.view_functions.items()):
        if endpoint != "static":
            app.view_functions[endpoint] = retried(view, on_retry=count)
