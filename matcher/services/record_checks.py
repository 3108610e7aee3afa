"""Check organisation rows with the record's own class, and word the errors for people.

Each row is validated by ``OrganisationCreate``, the class the API writes with; this module
only turns file cells into values and pydantic's errors into a reason per line and field. A
file is accepted whole or not at all, so every error is collected.
"""

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..models import OrganisationCreate, OrganisationKind
from .records import FALSE_WORDS, LIST_SEPARATOR, SHAPES, TRUE_WORDS


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    reason: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class Known:
    """The organisations already in the directory, which records may refer to by name."""

    organisations: frozenset[str] = frozenset()


def validate_records(
    rows: list[tuple[int, dict[str, Any]]], *, known: Known, replace_existing: bool = False
) -> tuple[list[OrganisationCreate], list[RowError]]:
    """Check every row; return the clean records, or every error found."""
    errors: list[RowError] = []
    accepted: list[tuple[int, OrganisationCreate]] = []
    first_line: dict[str, int] = {}
    for line, raw in rows:
        record = validate_row(line, raw, errors)
        # Names are checked even on a row with other errors, so that all are reported at once.
        name = str(raw.get("name") or "").strip()
        key = name.casefold()
        if key and key in first_line:
            errors.append(RowError(line, "name", f"duplicate of line {first_line[key]}"))
            continue
        first_line.setdefault(key, line)
        if key and not replace_existing and name in known.organisations:
            errors.append(RowError(line, "name", "already in the directory"))
        if record is not None:
            accepted.append((line, record))

    names = known.organisations | {record.name for _, record in accepted}
    for line, record in accepted:
        references = [("parent", record.parent)] if record.parent else []
        references += [("member_of", name) for name in record.member_of]
        for column, name in references:
            if name == record.name:
                errors.append(RowError(line, column, "an organisation cannot refer to itself"))
            elif name not in names:
                errors.append(RowError(line, column, f"unknown organisation {name!r}"))
    if errors:
        return [], sorted(errors, key=lambda e: e.line)
    return [record for _, record in accepted], []


def validate_row(
    line: int, raw: dict[str, Any], errors: list[RowError]
) -> OrganisationCreate | None:
    """One row through ``OrganisationCreate``; its problems are added to ``errors``."""
    values: dict[str, Any] = {}
    before = len(errors)
    for name, value in raw.items():
        shape = SHAPES.get(name, "text")
        cell = _CELLS[shape](value)
        if cell is _UNREADABLE:
            errors.append(RowError(line, name, _UNREADABLE_REASON[shape]))
        else:
            values[name] = cell
    try:
        record = OrganisationCreate.model_validate(values)
    except ValidationError as exc:
        seen: set[tuple[str, str]] = set()
        for detail in exc.errors(include_url=False):
            found = field_problem(detail)
            if found not in seen:
                seen.add(found)
                errors.append(RowError(line, *found))
        return None
    return record if len(errors) == before else None


# A cell that cannot be read as its field's type at all.
_UNREADABLE = object()
_UNREADABLE_REASON = {
    "list": f"must be a list of text (or text separated by '{LIST_SEPARATOR}')",
    "yes/no": "must be yes or no",
    "number": "must be a number",
    "text": "must be text",
}


def _text_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _list_cell(value: Any) -> Any:
    if value is None or value == "":
        return []
    items = value.split(LIST_SEPARATOR) if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return _UNREADABLE
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def _number_cell(value: Any) -> Any:
    if value is None or value == "":
        return None
    return _UNREADABLE if isinstance(value, bool) else value


def _yes_no_cell(value: Any) -> Any:
    if value is None or value == "" or isinstance(value, bool):
        return None if value == "" else value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return _UNREADABLE


_CELLS = {"text": _text_cell, "list": _list_cell, "number": _number_cell, "yes/no": _yes_no_cell}


def field_problem(detail: ErrorDetails) -> tuple[str, str]:
    """A pydantic error as (field, reason) in the words an import report uses."""
    location = detail["loc"]
    context = detail.get("ctx") or {}
    field = str(location[0]) if location else str(context.get("field", "record"))
    kind, value = detail["type"], detail.get("input")
    item = len(location) > 1 and isinstance(location[1], int)
    if kind == "missing" or (kind in {"string_too_short", "literal_error"} and value == ""):
        return field, "required"
    if kind == "extra_forbidden":
        return field, "unknown field"
    if kind == "string_too_long":
        what = "item too long" if item else "too long"
        return field, f"{what} ({len(value)} characters, at most {context['max_length']})"
    if kind == "too_long":
        return field, f"at most {context['max_length']} items"
    if kind == "literal_error" and field == "kind":
        return field, f"must be one of {', '.join(OrganisationKind)}"
    if kind == "literal_error" and field == "sectors":
        return field, f"unknown sector {value!r}"
    if kind == "literal_error":
        return field, f"unknown city {value!r}"
    if kind in {"greater_than_equal", "less_than_equal", "finite_number"}:
        low, high = _bounds(field)
        return field, f"must be between {low:g} and {high:g}"
    if kind == "int_from_float" or (kind == "int_parsing" and _is_number(value)):
        return field, "must be a whole number"
    if kind in {"int_parsing", "float_parsing"}:
        return field, f"{value!r} is not a number"
    if kind == "string_pattern_mismatch" and field == "languages":
        return field, f"{value!r} is not a language code such as 'en' or 'zh'"
    if kind == "string_pattern_mismatch" and field == "website":
        return field, "must be an http:// or https:// address"
    if kind == "string_type":
        return field, "must be text"
    return field, detail["msg"]


def _bounds(field: str) -> tuple[float, float]:
    metadata = OrganisationCreate.model_fields[field].metadata
    low = next(m.ge for m in metadata if hasattr(m, "ge"))
    high = next(m.le for m in metadata if hasattr(m, "le"))
    return low, high


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
