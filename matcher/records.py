"""Organisation records as files carry them: read CSV or JSON, validate every row.

Pure functions: nothing here touches the database. A file is accepted whole or not at all,
so validation collects every error, each naming its line and field.
"""

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .models import LONG_TEXT_MAX, NAME_MAX, SHORT_TEXT_MAX, OrganisationKind
from .planning.calendar import HoursError, parse_opening_hours

LIST_SEPARATOR = ";"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$")
TRUE_WORDS = {"true", "yes", "1", "y"}
FALSE_WORDS = {"false", "no", "0", "n"}


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


@dataclass
class OrganisationRecord:
    """One organisation as the import and export files describe it."""

    name: str
    kind: str
    city: str
    name_local: str = ""
    district: str = ""
    sectors: list[str] = field(default_factory=list)
    description: str = ""
    offers: str = ""
    seeks: str = ""
    parent: str = ""
    home_city: str = ""
    member_of: list[str] = field(default_factory=list)
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    visiting_hours: str = ""
    visit_minutes: int | None = None
    capacity: int | None = None
    languages: list[str] = field(default_factory=list)
    hosts_delegations: bool | None = None
    website: str = ""
    public_contact: str = ""
    private_contact: str = ""
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


FIELDS = tuple(f.name for f in fields(OrganisationRecord))
LIST_FIELDS = frozenset({"sectors", "member_of", "languages"})
TEXT_LIMITS = {
    "name": NAME_MAX,
    "name_local": NAME_MAX,
    "description": LONG_TEXT_MAX,
    "offers": LONG_TEXT_MAX,
    "seeks": LONG_TEXT_MAX,
    "parent": NAME_MAX,
}
NUMBER_RANGES = {
    "latitude": (-90.0, 90.0),
    "longitude": (-180.0, 180.0),
    "visit_minutes": (1, 24 * 60),
    "capacity": (1, 100_000),
}


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
    """What the records may refer to."""

    sectors: frozenset[str]
    cities: frozenset[str]
    organisations: frozenset[str] = frozenset()


def validate_records(
    rows: list[tuple[int, dict[str, Any]]], *, known: Known, replace_existing: bool = False
) -> tuple[list[OrganisationRecord], list[RowError]]:
    """Check every row; return the clean records, or every error found."""
    errors: list[RowError] = []
    accepted: list[tuple[int, OrganisationRecord]] = []
    first_line: dict[str, int] = {}
    for line, raw in rows:
        record = _clean_row(line, raw, known, errors)
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


def _clean_row(
    line: int, raw: dict[str, Any], known: Known, errors: list[RowError]
) -> OrganisationRecord | None:
    before = len(errors)

    def fail(name: str, reason: str) -> None:
        errors.append(RowError(line, name, reason))

    for name in raw:
        if name not in FIELDS:
            fail(name, "unknown field")
    values: dict[str, Any] = {}
    for name in FIELDS:
        value = raw.get(name)
        if name in LIST_FIELDS:
            values[name] = _list_value(value, name, fail)
        elif name in NUMBER_RANGES:
            values[name] = _number_value(value, name, fail)
        elif name == "hosts_delegations":
            values[name] = _yes_no(value, name, fail)
        else:
            values[name] = _text_value(value, name, fail)

    if not values["name"]:
        fail("name", "required")
    if values["kind"] not in OrganisationKind.__members__:
        kinds = ", ".join(OrganisationKind.__members__)
        fail("kind", f"must be one of {kinds}" if values["kind"] else "required")
    if values["city"] not in known.cities:
        fail("city", f"unknown city {values['city']!r}" if values["city"] else "required")
    if values["visiting_hours"]:
        # Stored in the one form the planner reads, so a saved value is never ignored later.
        try:
            values["visiting_hours"] = parse_opening_hours(values["visiting_hours"]).describe()
        except HoursError as exc:
            fail("visiting_hours", str(exc))
    if values["home_city"] and values["home_city"] not in known.cities:
        fail("home_city", f"unknown city {values['home_city']!r}")
    for slug in values["sectors"]:
        if slug not in known.sectors:
            fail("sectors", f"unknown sector {slug!r}")
    for code in values["languages"]:
        if not LANGUAGE_CODE.match(code):
            fail("languages", f"{code!r} is not a language code such as 'en' or 'zh'")
    if values["website"] and not WEB_ADDRESS.match(values["website"]):
        fail("website", "must be an http:// or https:// address")
    given = [raw.get(name) not in (None, "") for name in ("latitude", "longitude")]
    if given[0] != given[1]:
        fail("longitude" if given[0] else "latitude", "give both coordinates")
    for name in ("visit_minutes", "capacity"):
        if values[name] is not None and values[name] != int(values[name]):
            fail(name, "must be a whole number")
        elif values[name] is not None:
            values[name] = int(values[name])
    if len(errors) > before:
        return None
    return OrganisationRecord(**values)


def _text_value(value: Any, name: str, fail) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        fail(name, "must be text")
        return ""
    text = str(value).strip()
    if "\x00" in text:
        fail(name, "contains a NUL character")
        return ""
    limit = TEXT_LIMITS.get(name, SHORT_TEXT_MAX)
    if len(text) > limit:
        fail(name, f"too long ({len(text)} characters, at most {limit})")
        return ""
    return text


def _list_value(value: Any, name: str, fail) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items = value.split(LIST_SEPARATOR)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        fail(name, f"must be a list of text (or text separated by '{LIST_SEPARATOR}')")
        return []
    cleaned = []
    for item in items:
        item = item.strip()
        if len(item) > NAME_MAX:
            fail(name, f"item too long ({len(item)} characters, at most {NAME_MAX})")
        elif item and item not in cleaned:
            cleaned.append(item)
    return cleaned


def _number_value(value: Any, name: str, fail) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        fail(name, "must be a number")
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        fail(name, f"{value!r} is not a number")
        return None
    low, high = NUMBER_RANGES[name]
    if not low <= number <= high:  # also refuses NaN
        fail(name, f"must be between {low:g} and {high:g}")
        return None
    return number


def _yes_no(value: Any, name: str, fail) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    fail(name, "must be yes or no")
    return None


def write_csv(records: list[OrganisationRecord]) -> str:
    """The records as CSV text with every column, lists joined by ';'."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = record.as_dict()
        for name in LIST_FIELDS:
            row[name] = f"{LIST_SEPARATOR} ".join(row[name])
        row["hosts_delegations"] = {True: "yes", False: "no", None: ""}[row["hosts_delegations"]]
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def write_json(records: list[OrganisationRecord]) -> str:
    """The records as ``{"organisations": [...]}`` JSON text."""
    document = {"organisations": [record.as_dict() for record in records]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
