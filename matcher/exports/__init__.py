"""Exports: pure functions from a plan and its context to bytes (ics, csv, pdf, json, svg)."""

from .context import ExportContext
from .document import plan_to_dict, plan_to_json
from .fonts import MissingFontError
from .ics import plan_to_ics, visit_uid
from .pdf import plan_to_pdf
from .routemap import plan_to_svg
from .spreadsheet import plan_to_csv

__all__ = [
    "ExportContext",
    "MissingFontError",
    "plan_to_csv",
    "plan_to_dict",
    "plan_to_ics",
    "plan_to_json",
    "plan_to_pdf",
    "plan_to_svg",
    "visit_uid",
]
