"""The shipped reference files in data/: one module per file (cities.py, sectors.py)."""

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent.parent / "data"
# The interface languages; every sector carries a label in each.
LANGUAGES = ("en", "zh", "fr", "es", "ar", "ru")


class ReferenceDataError(ValueError):
    """A shipped data file is malformed; the message names the file and record."""


def read_json(path: Path) -> dict[str, Any]:
    """A reference file's JSON document; a syntax error names the file and line."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(f"{path.name}:{exc.lineno}: {exc.msg}") from exc
    if not isinstance(document, dict):
        raise ReferenceDataError(f"{path.name}: not a JSON object")
    return document
