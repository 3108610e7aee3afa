"""Input every database stores: integers within the columns' range, text without NUL."""

import re
from collections.abc import Iterable
from typing import Any

from flask import Flask, current_app, request
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

from .models.rules import MAX_ID, forbidden_character


class DatabaseInteger(IntegerConverter):
    """``<int:...>`` in addresses, limited to what an integer column can hold."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


# Form bodies sent to any other blueprint are read by the browser forms.
API_BLUEPRINT = "api"

# Deeper JSON than this is no request of ours, and parsing it would exhaust the stack.
MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(rb'"(?:\\.|[^"\\])*"', re.DOTALL)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets in ``body`` (outside strings) nest deeper than ``limit``."""
    depth = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub(b"", body)):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


def fields_with_control_characters(values: Iterable[tuple[str, Any]]) -> list[str]:
    """Names of the fields whose text (inside JSON structures too) holds a control character."""
    found = []
    for name, value in values:
        if _holds_control_character(value):
            found.append(name)
    return found


def _holds_control_character(value: Any) -> bool:
    if isinstance(value, str):
        return forbidden_character(value)
    if isinstance(value, list):
        return any(_holds_control_character(item) for item in value)
    if isinstance(value, dict):
        return any(
            _holds_control_character(key) or _holds_control_character(item)
            for key, item in value.items()
        )
    return False


def text_checked_by_form(view):
    """Mark a view whose query string is read by a form (a search) that shows control characters
    as an error beside the field.

    Its query reaches it as sent, so the page can show it again; every other view keeps the
    blanket refusal of its query below.
    """
    view.text_checked_by_form = True
    return view


def browser_form(blueprint: str | None) -> bool:
    """Whether a form body sent to this blueprint is read by a ``forms.Form``, which shows a
    control character as an error beside its field and keeps what was typed."""
    return blueprint is not None and blueprint != API_BLUEPRINT


def check_request() -> None:
    """Refuse, before any view runs, input that no column could store or no parser should read.

    :raises werkzeug.exceptions.BadRequest: naming the fields at fault.
    """
    view = current_app.view_functions.get(request.endpoint or "")
    if not request.is_json and getattr(view, "text_checked_by_form", False):
        return
    pairs: list[tuple[str, Any]] = []
    if request.is_json:
        body = request.get_data(cache=True)
        if json_too_deep(body):
            _refuse(f"JSON nested deeper than {MAX_JSON_DEPTH} levels.", {})
        document = request.get_json(silent=True)
        pairs = list(document.items()) if isinstance(document, dict) else [("body", document)]
    elif not browser_form(request.blueprint):
        pairs = list(request.form.items(multi=True))
    pairs += list(request.args.items(multi=True))
    bad = fields_with_control_characters(pairs)
    if bad:
        reason = "control characters (such as NUL) are not accepted"
        _refuse(f"{', '.join(bad)}: {reason}.", {name: [reason] for name in bad})


def _refuse(detail: str, fields: dict[str, list[str]]) -> None:
    error = BadRequest(description=detail)
    error.fields = fields
    raise error


def init_app(app: Flask) -> None:
    app.before_request(check_request)
