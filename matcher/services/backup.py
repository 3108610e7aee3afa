"""Service: whole-database backups as JSON documents, restores through the migrations, purges."""

import enum
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine
from sqlmodel import Session, SQLModel, col, or_, select

from .. import models  # noqa: F401  (registers every table on SQLModel.metadata)
from ..db import alembic_config
from ..models import Delegation, utcnow
from .delegations import new_token

FORMAT = "g60-match-backup"
VERSION = 1
# Alembic's own bookkeeping: restores rebuild it by running the migrations.
SKIPPED_TABLES = frozenset({"alembic_version"})


class BackupError(ValueError):
    """A backup document or a restore target that cannot be used; nothing was written."""


def dump_database(*, connection: Connection) -> dict[str, Any]:
    """Every row of every table, JSON-safe, with the schema revision the database stands at."""
    # Reflected rather than taken from the models: the database may stand at an older revision.
    tables = _reflect(connection)
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_revision": MigrationContext.configure(connection).get_current_revision(),
        "created_at": datetime.now(UTC).isoformat(),
        "tables": {
            table.name: [
                {key: _json_safe(value) for key, value in row.items()}
                for row in connection.execute(sa.select(table).order_by(*_row_order(table)))
                .mappings()
                .all()
            ]
            for table in tables
        },
    }


def restore_database(*, engine: Engine, document: Mapping[str, Any]) -> dict[str, int]:
    """Load a backup into an empty database and migrate it to head; returns rows per table.

    :raises BackupError: for a document of another format, version or unknown revision, a
        target that already holds data, or any failure on the way (then nothing is written).
    """
    revision = _checked_revision(document)
    config = alembic_config()
    with _one_transaction(engine) as connection:
        _refuse_unless_empty(connection)
        config.attributes["connection"] = connection
        try:
            current = MigrationContext.configure(connection).get_current_revision()
            if current not in (None, revision):
                # Empty, so taking it back to nothing loses nothing.
                command.downgrade(config, "base")
            command.upgrade(config, revision)
            counts = _insert_rows(connection, document["tables"])
            _reset_sequences(connection)
            command.upgrade(config, "head")
        except BackupError:
            raise
        except (sa.exc.SQLAlchemyError, CommandError, ValueError, TypeError) as error:
            # The driver's own message: SQLAlchemy's would repeat the rows, contacts included.
            reason = getattr(error, "orig", None) or error
            raise BackupError(f"The restore failed and nothing was written: {reason}") from error
    return counts


def purge_contacts(*, session: Session, before: date) -> int:
    """Erase the contact details of delegations that left before ``before``; returns how many.

    :raises ValueError: when ``before`` is later than today (it would erase current visits).
    """
    # Country, kind, dates, group size, status, interest, matches and outcomes stay for the
    # statistics; nothing about the purge is recorded, and purged delegations are not counted
    # again. A fresh token nobody knows replaces the private one: old links show nothing.
    if before > date.today():
        raise ValueError("The date must not be later than today.")
    delegations = session.exec(
        select(Delegation).where(
            col(Delegation.departure) < before,
            or_(
                col(Delegation.contact_name) != "",
                col(Delegation.contact_email) != "",
                col(Delegation.contact_phone) != "",
            ),
        )
    ).all()
    for delegation in delegations:
        delegation.contact_name = ""
        delegation.contact_email = ""
        delegation.contact_phone = ""
        delegation.token = new_token()
        delegation.updated_at = utcnow()
        session.add(delegation)
    session.flush()
    return len(delegations)


def _reflect(connection: Connection) -> list[sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(bind=connection)
    return [table for table in metadata.sorted_tables if table.name not in SKIPPED_TABLES]


def _row_order(table: sa.Table) -> list[sa.Column]:
    return list(table.primary_key.columns) or list(table.columns)


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return float(value)
    return value


def _checked_revision(document: Mapping[str, Any]) -> str:
    if not isinstance(document, Mapping):
        raise BackupError("A backup is a JSON object.")
    if document.get("format") != FORMAT:
        raise BackupError(f"Not a G60 Match backup (format is not {FORMAT!r}).")
    if document.get("version") != VERSION:
        raise BackupError(f"Backup version {document.get('version')!r} is not {VERSION}.")
    revision = document.get("schema_revision")
    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    if revision not in known:
        raise BackupError(f"Schema revision {revision!r} is unknown to these migrations.")
    tables = document.get("tables")
    if not isinstance(tables, Mapping) or not all(
        isinstance(rows, list) and all(isinstance(row, Mapping) for row in rows)
        for rows in tables.values()
    ):
        raise BackupError("The backup's tables are not lists of rows.")
    return revision


@contextmanager
def _one_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction around schema changes and rows alike, rolled back on any error."""
    with engine.connect() as connection:
        driver: Any = connection.connection.driver_connection
        sqlite = connection.dialect.name == "sqlite"
        saved = driver.isolation_level if sqlite else None
        try:
            with connection.begin():
                if sqlite:
                    # pysqlite would otherwise run DDL outside the transaction it opens.
                    driver.isolation_level = None
                    connection.exec_driver_sql("BEGIN")
                yield connection
        finally:
            if sqlite:
                driver.isolation_level = saved


def _refuse_unless_empty(connection: Connection) -> None:
    holding = [
        table.name
        for table in _reflect(connection)
        if connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
    ]
    if holding:
        raise BackupError(
            "The target database already holds data (" + ", ".join(holding) + "); "
            "restore only into an empty database."
        )


def _insert_rows(connection: Connection, document_tables: Mapping[str, list]) -> dict[str, int]:
    tables = _reflect(connection)
    unknown = set(document_tables) - {table.name for table in tables}
    if unknown:
        raise BackupError(f"Tables unknown at this revision: {', '.join(sorted(unknown))}.")
    counts = {}
    for table in tables:
        rows = [_parsed(table, row) for row in document_tables.get(table.name, [])]
        counts[table.name] = len(rows)
        if not rows:
            continue
        # A row may point at a later row of its own table (a company's park): link afterwards.
        deferred = [
            fk.parent.name
            for fk in table.foreign_keys
            if fk.column.table.name == table.name and fk.parent.nullable
        ]
        connection.execute(sa.insert(table), [{**row, **dict.fromkeys(deferred)} for row in rows])
        links = [row for row in rows if any(row.get(name) is not None for name in deferred)]
        if links:
            keys = list(table.primary_key.columns)
            statement = (
                sa.update(table)
                .where(*(key == sa.bindparam(f"key_{key.name}") for key in keys))
                .values({name: sa.bindparam(f"new_{name}") for name in deferred})
            )
            connection.execute(
                statement,
                [
                    {f"key_{key.name}": row[key.name] for key in keys}
                    | {f"new_{name}": row.get(name) for name in deferred}
                    for row in links
                ],
            )
    return counts


def _parsed(table: sa.Table, row: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise BackupError(f"Columns unknown in {table.name}: {', '.join(sorted(unknown))}.")
    parsers = _parsers(table)
    return {
        key: parsers[key](value) if key in parsers and isinstance(value, str) else value
        for key, value in row.items()
    }


def _parsers(table: sa.Table) -> dict[str, Callable[[str], Any]]:
    model = SQLModel.metadata.tables.get(table.name)
    parsers: dict[str, Callable[[str], Any]] = {}
    for column in table.columns:
        if isinstance(column.type, sa.DateTime):
            # SQLite does not report time zones; the models say which columns carry one.
            modelled = model.columns.get(column.name) if model is not None else None
            aware = column.type.timezone or getattr(
                getattr(modelled, "type", None), "timezone", False
            )
            parsers[column.name] = _aware_datetime if aware else datetime.fromisoformat
        elif isinstance(column.type, sa.Date):
            parsers[column.name] = date.fromisoformat
    return parsers


def _aware_datetime(text: str) -> datetime:
    # The service writes UTC; a backup from SQLite holds those moments without an offset.
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _reset_sequences(connection: Connection) -> None:
    """Let PostgreSQL hand out ids after the restored ones."""
    if connection.dialect.name != "postgresql":
        return
    quote = connection.dialect.identifier_preparer.quote_identifier
    for table in _reflect(connection):
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, sa.Integer):
            continue
        sequence = connection.execute(
            sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": quote(table.name), "column": keys[0].name},
        ).scalar()
        if sequence is None:
            continue
        highest = connection.execute(sa.select(sa.func.max(keys[0]))).scalar()
        connection.execute(
            sa.text("SELECT setval(CAST(:sequence AS regclass), :value, :called)"),
            {"sequence": sequence, "value": highest or 1, "called": highest is not None},
        )
