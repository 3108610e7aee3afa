"""Where rate limits are counted, so that every worker (and every host) counts together.

Flask-Limiter counts through the ``limits`` package, whose storages are chosen by URI. A
deployment on several hosts sets ``MATCHER_RATELIMIT_STORAGE_URI=redis://...``. Without it,
the counters live in an SQLite file in the instance folder: every gunicorn worker of the
machine opens the same file, and SQLite's own locking makes each count atomic. The file is
plugged in through the extension point ``limits`` documents for storages (a ``Storage``
subclass registered by its ``STORAGE_SCHEME``); only the fixed-window strategy, the
default, is supported.
"""

import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from limits.storage import Storage

SCHEME = "matcher+sqlite"


def default_storage_uri(instance_path: str) -> str:
    return f"{SCHEME}://{Path(instance_path) / 'ratelimits.sqlite3'}"


class SQLiteFileStorage(Storage):
    """Fixed-window counters in one SQLite file shared by the processes of a machine."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = urlsplit(uri or "").path
        if not self.path:
            raise ValueError(f"{SCHEME}:// needs a file path")
        self._local = threading.local()

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        # One connection per thread and per process: a forked worker opens its own.
        held = getattr(self._local, "connection", None)
        if held is not None and self._local.pid == os.getpid():
            return held
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS counter"
            " (key TEXT PRIMARY KEY, hits INTEGER NOT NULL, expires REAL NOT NULL)"
        )
        self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        connection = self._connection()
        # IMMEDIATE: the read and the write of one count are not split by another process.
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("DELETE FROM counter WHERE key = ? AND expires <= ?", (key, now))
            hits = connection.execute(
                "INSERT INTO counter (key, hits, expires) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET hits = hits + excluded.hits"
                " RETURNING hits",
                (key, amount, now + expiry),
            ).fetchone()[0]
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return int(hits)

    def get(self, key: str) -> int:
        row = (
            self._connection()
            .execute("SELECT hits FROM counter WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        row = (
            self._connection()
            .execute("SELECT expires FROM counter WHERE key = ? AND expires > ?", (key, now))
            .fetchone()
        )
        return float(row[0]) if row else now

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counter").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counter WHERE key = ?", (key,))


def warn_if_not_shared(app: Flask, *, workers: int | None = None) -> str | None:
    """Log (and return) why the configured store cannot hold the limits for every worker."""
    uri = app.config["RATELIMIT_STORAGE_URI"]
    workers = workers or int(os.environ.get("WEB_CONCURRENCY", "1") or 1)
    reason = None
    if uri.startswith("memory://") and workers > 1:
        reason = (
            "rate limits are counted in each worker's memory (RATELIMIT_STORAGE_URI=memory://): "
            "with several workers each counts alone; leave it unset or use redis://"
        )
    elif uri.startswith(SCHEME) and not app.config["DATABASE_URL"].startswith("sqlite"):
        reason = (
            "rate limits are counted per machine (an SQLite file); with several app hosts "
            "set MATCHER_RATELIMIT_STORAGE_URI=redis://..."
        )
    if reason:
        app.logger.warning(reason)
    return reason
