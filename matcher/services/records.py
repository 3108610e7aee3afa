"""Organisation records as files carry them: read CSV or JSON, validate every row.

Pure functions: nothing here touches the database. Each row is validated by the same class
the API writes with (``OrganisationCreate``); this module only turns file cells into values
and pydantic's errors into a reason per line and field. A file is accepted whole or not at
all, so validation collects every error.
"""

import csv
import io
import json
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..models import OrganisationCreate, OrganisationKind

LIST_SEPARATOR = ";"
TRUE_WORDS = {"true", "yes", "1", "y"}
FALSE_WORDS = {"false", "no", "0", "n"}

FIELDS = tuple(OrganisationCreate.model_fields)


def _shape(annotation: Any) -> str:
    """How a file cell of this type is read: "list", "number", "yes/no" or "text"."""
    kinds = {annotation}
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        kinds = set(typing.get_args(annotation)) - {type(None)}
    if any(typing.get_origin(kind) is list for kind in kinds):
        return "list"
    if kinds <= {int, float}:
        return "number"
    if kinds == {bool}:
        return "yes/no"
    return "text"


SHAPES = {name: _shape(f.annotation) for name, f in OrganisationCreate.model_fields.items()}
LIST_FIELDS = frozenset(name for name, shape in SHAPES.items() if shape == "list")


class FileFormatError(ValueError):
    """The file cannot be read as records at all."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"{line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    reason: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}: {self.field}: {self.reason}"


def read_csv(text: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV file as (line where the row starts, values by column)."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise FileFormatError(1, f"not a CSV file ({exc})") from exc
    unknown = [name for name in header if name not in FIELDS]
    if unknown:
        raise FileFormatError(1, f"unknown column {unknown[0]!r}")
    if "name" not in header:
        raise FileFormatError(1, "no 'name' column")
    rows = []
    start = 2
    try:
        for row in reader:
            if None in row:
                raise FileFormatError(start, "more values than columns")
            rows.append((start, dict(row)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileFormatError(reader.line_num, f"not a CSV row ({exc})") from exc
    return rows


def read_json(text: str) -> list[tuple[int, dict[str, Any]]]:
    """Records of a JSON file, ``{"organisations": [...]}`` or a bare list, with their lines."""
    text = text.removeprefix("\ufeff")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileFormatError(exc.lineno, f"not JSON ({exc.msg})") from exc
    if isinstance(document, dict):
        if not isinstance(document.get("organisations"), list):
            raise FileFormatError(1, "no top-level 'organisations' list")
        records = document["organisations"]
    elif isinstance(document, list):
        records = document
    else:
        raise FileFormatError(1, "expected a list of organisations")
    lines = _element_lines(text, len(records))
    result = []
    for line, record in zip(lines, records, strict=True):
        if not isinstance(record, dict):
            raise FileFormatError(line, "an organisation must be a JSON object")
        result.append((line, record))
    return result


def _element_lines(text: str, count: int) -> list[int]:
    """Line on which each element of the organisations list starts."""
    decoder = json.JSONDecoder()
    position = _array_start(text, decoder)
    lines = []
    for _ in range(count):
        position = _skip(text, position, ",")
        lines.append(text.count("\n", 0, position) + 1)
        _, position = decoder.raw_decode(text, position)
    return lines


def _array_start(text: str, decoder: json.JSONDecoder) -> int:
    position = _skip(text, 0, "")
    if text[position] == "[":
        return position + 1
    position += 1  # past "{"
    while True:
        position = _skip(text, position, ",")
        key, position = decoder.raw_decode(text, position)
        position = _skip(text, position, ":")
        if key == "organisations":
            return position + 1  # past "["
        _, position = decoder.raw_decode(text, position)


def _skip(text: str, position: int, separators: str) -> int:
    while text[position].isspace() or text[position] in separators:
        position += 1
    return position


def read_records(text: str, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """Dispatch on the file's extension."""
    if filename.lower().endswith(".csv"):
        return read_csv(text)
    if filename.lower().endswith(".json"):
        return read_json(text)
    raise FileFormatError(1, "expected a .csv or .json file")


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


def write_csv(records: list[OrganisationCreate]) -> str:
    """The records as CSV text with every column, lists joined by ';'."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = record.model_dump(mode="json")
        for name in LIST_FIELDS:
            row[name] = f"{LIST_SEPARATOR} ".join(row[name])
        row["hosts_delegations"] = {True: "yes", False: "no", None: ""}[row["hosts_delegations"]]
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def write_json(records: list[OrganisationCreate]) -> str:
    """The records as ``{"organisations": [...]}`` JSON text."""
    document = {"organisations": [record.model_dump(mode="json") for record in records]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
