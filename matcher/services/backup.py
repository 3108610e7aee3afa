"""Service: whole-database backups as JSON documents, restores through the migrations."""

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
from sqlmodel import SQLModel

from .. import models  # noqa: F401  (registers every table on SQLModel.metadata)
from ..db import alembic_config
from .backup_checks import broken_references, invalid_values, summary

FORMAT = "g60-match-backup"
VERSION = 1
# Alembic's own bookkeeping: restores rebuild it by running the migrations. Form drafts live an
# hour and hold what someone was typing: they are not kept.
SKIPPED_TABLES = frozenset({"alembic_version", "form_draft"})


class BackupError(ValueError):
    """A backup document or a restore target that cannot be used; nothing was written."""


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction that sees the whole database at one moment.

    PostgreSQL: REPEATABLE READ, read only. SQLite: one explicit transaction (python's sqlite3
    would run each read on its own, each seeing a different moment).
    """
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with engine.connect().execution_options(**options) as connection:
            with connection.begin() as transaction:
                yield connection
                transaction.rollback()
        return
    with _one_transaction(engine) as connection:
        yield connection


def dump_database(*, connection: Connection) -> dict[str, Any]:
    """Every row of every table, JSON-safe, with the schema revision the database stands at.

    Read it inside ``snapshot``: tables read at different moments do not fit together.

    :raises BackupError: when a row points at a row the backup does not hold.
    """
    # Reflected rather than taken from the models: the database may stand at an older revision.
    tables = _reflect(connection)
    rows = {
        table.name: [
            {key: _json_safe(value) for key, value in row.items()}
            for row in connection.execute(sa.select(table).order_by(*_row_order(table)))
            .mappings()
            .all()
        ]
        for table in tables
    }
    broken = broken_references(tables, rows)
    if broken:
        raise BackupError("The backup would not restore: " + summary(broken))
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_revision": MigrationContext.configure(connection).get_current_revision(),
        "created_at": datetime.now(UTC).isoformat(),
        "tables": rows,
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
            _refuse_invalid_rows(connection, document["tables"])
            counts = _insert_rows(connection, document["tables"])
            _reset_sequences(connection)
            command.upgrade(config, "head")
        except BackupError:
            raise
        except (sa.exc.SQLAlchemyError, CommandError, ValueError, TypeError) as error:
            raise BackupError(
                f"The restore failed and nothing was written: {_reason(error)}"
            ) from error
    return counts


def _refuse_invalid_rows(connection: Connection, document_tables: Mapping[str, list]) -> None:
    tables = _reflect(connection)
    problems = invalid_values(tables, document_tables) or broken_references(tables, document_tables)
    if problems:
        raise BackupError("Nothing restored, the backup has invalid rows: " + summary(problems))


def _reason(error: Exception) -> str:
    """The database's reason without the values: its details repeat rows, contacts included."""
    original = getattr(error, "orig", None)
    diag = getattr(original, "diag", None)
    if diag is not None and diag.message_primary:
        return diag.message_primary
    if original is not None:
        return str(original).splitlines()[0]
    return type(error).__name__


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
