"""Checks on a backup's rows: every reference resolves, every value fits its column.

Every row is validated by a model before anything is written: rows of the tables that hold
records (organisations, delegations, interests) by the record classes the API, the forms and
the import write with (``OrganisationBase``, ``DelegationBase``, ``InterestBase``), so a
restore accepts exactly what the service would have written; every row, of every table, by its
table's own SQLModel class (types, enums, lengths, JSON shapes); and then each value against
the column that will hold it. A table without a model is refused.

Messages name the table, the row and the column, never the value: a backup holds contact
details, and an error message ends up in terminals and logs.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlmodel import SQLModel
from sqlmodel.main import default_registry

from .. import models  # noqa: F401  (registers every table on SQLModel.metadata)
from ..models import DelegationBase, InterestBase, OrganisationBase
from ..models.rules import forbidden_character

INT32 = 2**31
INT64 = 2**63
# Problems listed in one message at most; the rest are counted.
SHOWN = 20


def broken_references(tables: list[sa.Table], rows: Mapping[str, list]) -> list[str]:
    """Rows whose foreign keys point at no row of the document."""
    keys: dict[tuple[str, str], set] = {}
    problems = []
    for table in tables:
        for fk in table.foreign_keys:
            target = (fk.column.table.name, fk.column.name)
            if target not in keys:
                keys[target] = {row.get(target[1]) for row in rows.get(target[0], [])}
            for number, row in enumerate(rows.get(table.name, []), start=1):
                value = row.get(fk.parent.name)
                if value is not None and value not in keys[target]:
                    problems.append(
                        f"{table.name} row {number}: {fk.parent.name} points at no {target[0]}"
                    )
    return problems


# The record class each table's own fields come from.
RECORDS: dict[str, type[SQLModel]] = {
    "organisation": OrganisationBase,
    "delegation": DelegationBase,
    "interest": InterestBase,
}
# Fields the contact purge empties: empty there is an erased contact, not a broken row.
ERASED = {"delegation": frozenset({"contact_name", "contact_email", "contact_phone"})}


def table_models() -> dict[str, type[SQLModel]]:
    """Each table's SQLModel class, by table name."""
    return {
        mapper.class_.__table__.name: mapper.class_
        for mapper in default_registry.mappers
        if hasattr(mapper.class_, "__table__")
    }


def _checks(name: str, models_by_table: Mapping[str, type[SQLModel]]) -> list[type[SQLModel]]:
    """The models a table's rows are validated by: its record class first, then its own."""
    found = [RECORDS[name]] if name in RECORDS else []
    return found + ([models_by_table[name]] if name in models_by_table else [])


def invalid_values(tables: list[sa.Table], rows: Mapping[str, list]) -> list[str]:
    """Values a model or a column would refuse, or that the service could not use."""
    problems = []
    models_by_table = table_models()
    for table in tables:
        modelled = SQLModel.metadata.tables.get(table.name)
        checks = _checks(table.name, models_by_table)
        if not checks and rows.get(table.name):
            problems.append(f"{table.name}: no model to check its rows")
            continue
        erased = ERASED.get(table.name, frozenset())
        for number, row in enumerate(rows.get(table.name, []), start=1):
            refused: list[tuple[str, str]] = []
            for model in checks:
                told = {field for field, _ in refused}
                refused += [p for p in record_problems(model, row, erased) if p[0] not in told]
            problems += [
                f"{table.name} row {number}: {field} {reason}" for field, reason in refused
            ]
            for column in table.columns:
                if column.name in {field for field, _ in refused}:
                    continue  # told once, in the record's words
                model_column = modelled.columns.get(column.name) if modelled is not None else None
                reason = _refusal(column, model_column, row.get(column.name), column.name in row)
                if reason:
                    problems.append(f"{table.name} row {number}: {column.name} {reason}")
    return problems


def record_problems(
    record: type[SQLModel], row: Mapping[str, Any], erased: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """What the record class refuses in a row's own fields, as (field, reason), without values.

    Fields the row does not have (a backup from an older revision) are not asked for, nor
    those in ``erased`` left empty by the contact purge.
    """
    values = {
        name: row[name]
        for name in record.model_fields
        if name in row and not (name in erased and row[name] == "")
    }
    try:
        record.model_validate(values)
    except ValidationError as error:
        reasons = (
            _record_reason(detail, values)
            for detail in error.errors(include_url=False, include_input=False)
            if not (detail["type"] == "missing" and _field(detail) not in values)
        )
        return list(dict.fromkeys(reasons))
    return []


def _field(detail: ErrorDetails) -> str:
    location = detail["loc"]
    return str(location[0]) if location else str((detail.get("ctx") or {}).get("field", "row"))


def _record_reason(detail: ErrorDetails, values: Mapping[str, Any]) -> tuple[str, str]:
    """A pydantic error worded from its type and limits only: the value is never repeated."""
    field, kind = _field(detail), detail["type"]
    return field, _reason_text(field, kind, detail, values)


def _reason_text(field: str, kind: str, detail: ErrorDetails, values: Mapping[str, Any]) -> str:
    limit = (detail.get("ctx") or {}).get("max_length")
    if kind == "missing" or (field in values and values[field] is None):
        return "is missing"
    if kind == "string_too_long":
        return f"is longer than {limit} characters"
    if kind == "too_long":
        return f"has more than {limit} items"
    if kind in {"string_too_short", "too_short"}:
        return "is empty"
    if kind in {"literal_error", "enum"}:
        return "is not one of the allowed values"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return "is out of range"
    if kind.endswith(("_type", "_parsing")):
        return "is not of its kind"
    if kind in {"value_error", "assertion_error"}:
        return "is not valid"
    # The remaining errors come from the project's own rules, whose messages are fixed text.
    return detail["msg"]


def summary(problems: list[str]) -> str:
    shown = "; ".join(problems[:SHOWN])
    more = len(problems) - SHOWN
    return shown + (f"; and {more} more" if more > 0 else "")


def _refusal(
    column: sa.Column, model_column: sa.Column | None, value: Any, present: bool
) -> str | None:
    if value is None:
        optional = column.nullable or column.server_default is not None or column.primary_key
        return None if optional or not present and column.default is not None else "is missing"
    kind = model_column.type if model_column is not None else column.type
    if isinstance(kind, sa.Enum) and kind.enums:
        return None if value in kind.enums else "is not one of " + ", ".join(kind.enums)
    if isinstance(column.type, sa.Boolean):
        return None if isinstance(value, bool) or value in (0, 1) else "is not true or false"
    if isinstance(column.type, sa.Integer):
        limit = INT64 if isinstance(column.type, sa.BigInteger) else INT32
        if not isinstance(value, int) or isinstance(value, bool):
            return "is not a whole number"
        return None if -limit <= value < limit else "is out of range"
    if isinstance(column.type, sa.Float | sa.Numeric):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "is not a number"
    if isinstance(column.type, sa.DateTime | sa.Date):
        return _not_a_moment(column.type, value)
    if isinstance(column.type, sa.String) and not isinstance(column.type, sa.Enum):
        if not isinstance(value, str):
            return "is not text"
        if forbidden_character(value):
            return "holds a control character"
        if column.type.length and len(value) > column.type.length:
            return f"is longer than {column.type.length} characters"
    return None


def _not_a_moment(kind: sa.types.TypeEngine, value: Any) -> str | None:
    if not isinstance(value, str):
        return "is not a date"
    try:
        (datetime if isinstance(kind, sa.DateTime) else date).fromisoformat(value)
    except ValueError:
        return "is not a date"
    return None
