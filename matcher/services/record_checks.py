"""Check organisation rows with the record's own class, and word the errors for people.

Each row is validated by ``OrganisationCreate``, the class the API writes with; this module
only turns file cells into values and pydantic's errors into a reason per line and field. A
file is accepted whole or not at all, so every error is collected.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..models import OrganisationCreate, OrganisationKind
from .names import invisible_characters, name_key
from .parents import parent_loop
from .records import FALSE_WORDS, LIST_SEPARATOR, SHAPES, TRUE_WORDS


def N_(message: str) -> str:
    """Marks a reason for extraction into the catalogues; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class RowError:
    """What is wrong with one field of one line: ``message`` with ``%(name)s`` placeholders
    that ``values`` fill, so that a page can say it in its reader's language."""

    line: int
    field: str
    message: str
    values: tuple[tuple[str, str | int], ...] = ()

    @property
    def reason(self) -> str:
        """The reason in English (files, commands and the API)."""
        return self.message % dict(self.values) if self.values else self.message

    def said_with(self, gettext: Callable[..., str]) -> str:
        """The reason through a translation function such as Flask-Babel's ``gettext``."""
        return gettext(self.message, **dict(self.values))

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}: {self.field}: {self.reason}"


Problem = tuple[str, str, tuple[tuple[str, str | int], ...]]


def problem(field: str, message: str, **values: str | int) -> Problem:
    """A field, the reason's message and the values that fill it."""
    return field, message, tuple(values.items())


@dataclass(frozen=True)
class Known:
    """The organisations already in the directory, which records may refer to by name."""

    organisations: frozenset[str] = frozenset()
    # Each organisation's parent, by name, as the directory has it now.
    parents: Mapping[str, str] = field(default_factory=dict)


def validate_records(
    rows: list[tuple[int, dict[str, Any]]], *, known: Known, replace_existing: bool = False
) -> tuple[list[OrganisationCreate], list[RowError]]:
    """Check every row; return the clean records, or every error found."""
    errors: list[RowError] = []
    accepted: list[tuple[int, OrganisationCreate]] = []
    first_line: dict[str, int] = {}
    # Names compare as a reader sees them: case, width and look-alike letters aside.
    existing = {name_key(name): name for name in known.organisations}
    for line, raw in rows:
        record = validate_row(line, raw, errors)
        # Names are checked even on a row with other errors, so that all are reported at once.
        name = str(raw.get("name") or "").strip()
        key = name_key(name)
        if invisible_characters(name):
            codes = ", ".join(invisible_characters(name))
            found = problem("name", N_("holds invisible characters (%(codes)s)"), codes=codes)
            errors.append(RowError(line, *found))
        if key and key in first_line:
            duplicate = problem("name", N_("duplicate of line %(line)s"), line=first_line[key])
            errors.append(RowError(line, *duplicate))
            continue
        first_line.setdefault(key, line)
        same = existing.get(key)
        if key and same is not None and (not replace_existing or same != name):
            if same == name:
                errors.append(RowError(line, "name", N_("already in the directory")))
            else:
                found = problem("name", N_("the same name as %(name)s"), name=same)
                errors.append(RowError(line, *found))
        if record is not None:
            accepted.append((line, record))

    parents = {**known.parents, **{record.name: record.parent for _, record in accepted}}
    for line, record in accepted:
        loop = parent_loop(record.name, parents)
        if loop:
            found = problem("parent", N_("parents form a loop: %(names)s"), names=" → ".join(loop))
            errors.append(RowError(line, *found))

    names = known.organisations | {record.name for _, record in accepted}
    for line, record in accepted:
        references = [("parent", record.parent)] if record.parent else []
        references += [("member_of", name) for name in record.member_of]
        for column, name in references:
            if name == record.name:
                errors.append(RowError(line, column, N_("an organisation cannot refer to itself")))
            elif name not in names:
                unknown = problem(column, N_("unknown organisation %(name)s"), name=repr(name))
                errors.append(RowError(line, *unknown))
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
            reason = problem(name, _UNREADABLE_REASON[shape])
            if shape == "list":
                reason = problem(name, _UNREADABLE_REASON[shape], separator=LIST_SEPARATOR)
            errors.append(RowError(line, *reason))
        else:
            values[name] = cell
    try:
        record = OrganisationCreate.model_validate(values)
    except ValidationError as exc:
        seen: set[Problem] = set()
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
    "list": N_("must be a list of text (or text separated by '%(separator)s')"),
    "yes/no": N_("must be yes or no"),
    "number": N_("must be a number"),
    "text": N_("must be text"),
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


def field_problem(detail: ErrorDetails) -> Problem:
    """A pydantic error as (field, reason, values) in the words an import report uses."""
    location = detail["loc"]
    context = detail.get("ctx") or {}
    field = str(location[0]) if location else str(context.get("field", "record"))
    kind, value = detail["type"], detail.get("input")
    item = len(location) > 1 and isinstance(location[1], int)
    if kind == "missing" or (kind in {"string_too_short", "literal_error"} and value == ""):
        return problem(field, N_("required"))
    if kind == "extra_forbidden":
        return problem(field, N_("unknown field"))
    if kind == "string_too_long":
        what = (
            N_("item too long (%(length)s characters, at most %(limit)s)")
            if item
            else N_("too long (%(length)s characters, at most %(limit)s)")
        )
        return problem(field, what, length=len(value), limit=context["max_length"])
    if kind == "too_long":
        return problem(field, N_("at most %(limit)s items"), limit=context["max_length"])
    if kind == "literal_error" and field == "kind":
        return problem(field, N_("must be one of %(kinds)s"), kinds=", ".join(OrganisationKind))
    if kind == "literal_error" and field == "sectors":
        return problem(field, N_("unknown sector %(value)s"), value=repr(value))
    if kind == "literal_error":
        return problem(field, N_("unknown city %(value)s"), value=repr(value))
    if kind in {"greater_than_equal", "less_than_equal", "finite_number"}:
        low, high = _bounds(field)
        return problem(
            field, N_("must be between %(low)s and %(high)s"), low=f"{low:g}", high=f"{high:g}"
        )
    if kind == "int_from_float" or (kind == "int_parsing" and _is_number(value)):
        return problem(field, N_("must be a whole number"))
    if kind in {"int_parsing", "float_parsing"}:
        return problem(field, N_("%(value)s is not a number"), value=repr(value))
    if kind == "string_pattern_mismatch" and field == "languages":
        return problem(
            field, N_("%(value)s is not a language code such as 'en' or 'zh'"), value=repr(value)
        )
    if kind == "string_pattern_mismatch" and field == "website":
        return problem(field, N_("must be an http:// or https:// address"))
    if kind == "visiting_hours" and "msgid" in context:
        return problem(field, context["msgid"], **context["params"])
    if kind == "string_type":
        return problem(field, N_("must be text"))
    return problem(field, detail["msg"])


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
