"""Exports: pure functions from a plan and its context to bytes (ics, csv, pdf, json, svg)."""

from .context import ExportContext
from .document import plan_from_dict, plan_to_dict, plan_to_json
from .fonts import MissingFontError
from .ics import plan_to_ics, visit_uid
from .pdf import plan_to_pdf
from .routemap import plan_to_svg
from .spreadsheet import plan_to_csv
from .workbook import plan_to_xlsx

__all__ = [
    "ExportContext",
    "MissingFontError",
    "plan_from_dict",
    "plan_to_csv",
    "plan_to_dict",
    "plan_to_ics",
    "plan_to_json",
    "plan_to_pdf",
    "plan_to_svg",
    "plan_to_xlsx",
    "visit_uid",
]

# Format name → (function, media type, file extension), for views and commands alike.
FORMATS = {
    "ics": (plan_to_ics, "text/calendar; charset=utf-8", "ics"),
    "csv": (plan_to_csv, "text/csv; charset=utf-8", "csv"),
    "pdf": (plan_to_pdf, "application/pdf", "pdf"),
    "json": (plan_to_json, "application/json", "json"),
    "svg": (plan_to_svg, "image/svg+xml", "svg"),
    "xlsx": (
        plan_to_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
}
