"""Organisation records as files carry them: read and write CSV or JSON.

Pure functions: nothing here touches the database. ``record_checks`` validates the rows read.
"""

import csv
import io
import json
import types
import typing
from typing import Any

from ..models import OrganisationCreate

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
