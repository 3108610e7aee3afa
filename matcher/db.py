"""Database engine from config, one session per request, and the migration runner."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app, g
from sqlalchemy import Engine, event
from sqlalchemy.orm import QueryableAttribute
from sqlmodel import Session, create_engine

EXTENSION = "matcher.db"


def make_engine(url: str, *, busy_timeout_ms: int = 5000) -> Engine:
    """Build the engine; SQLite gets WAL, a busy timeout (``timeout``) and foreign keys."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)

    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        cursor = dbapi_connection.cursor()
        # WAL lets readers carry on while one gunicorn worker writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def get_engine(app: Flask | None = None) -> Engine:
    """The application's engine."""
    return (app or current_app).extensions[EXTENSION]


def forget_inherited_connections(app: Flask) -> None:
    """In a process forked from one that already had the app (gunicorn's preloading): drop
    the pooled connections it inherited without closing them, since they are the parent's;
    this process opens its own (SQLAlchemy, "Using Connection Pools with Multiprocessing")."""
    get_engine(app).dispose(close=False)


def get_session() -> Session:
    """The session of the current request (or app context), opened on first use."""
    if "db_session" not in g:
        g.db_session = Session(get_engine())
    return g.db_session


def close_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


@contextmanager
def session_scope(app: Flask | None = None) -> Iterator[Session]:
    """A session for commands and scripts: committed on success, rolled back on error."""
    with Session(get_engine(app)) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = make_engine(
        app.config["DATABASE_URL"], busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"]
    )
    app.teardown_appcontext(close_session)


def row_id(row: Any) -> int:
    """The primary key of a row already written; asking it of an unsaved row is a bug."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id until it is flushed")
    return int(row.id)


def related(attribute: Any) -> QueryableAttribute:
    """A table's relationship as SQLAlchemy's loaders take it (SQLModel types it as its value)."""
    return cast(QueryableAttribute, attribute)


def contains(word: str) -> str:
    """A LIKE pattern matching ``word`` anywhere, its wildcards taken literally (escape ``\\``)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Run every migration up to ``revision`` in one transaction."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def schema_is_current(engine: Engine) -> bool:
    """Whether the database stands at the newest migration."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head
