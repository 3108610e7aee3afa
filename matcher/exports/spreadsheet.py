"""CSV export for spreadsheets: one row per visit, then interpreter needs and what did not fit."""

from __future__ import annotations

import csv
import io

from matcher.planning import Plan

from .context import (
    ExportContext,
    describe_leg,
    interpreter_text,
    languages_text,
    needs_by_day,
    travel_before,
)
from .headings import HEADINGS, heading

# The visits' columns (keys of the headings, written in the export's language).
COLUMN_KEYS = (
    "col_day",
    "col_date",
    "col_start",
    "col_end",
    "col_city",
    "col_organisation",
    "col_address",
    "col_why",
    "col_languages",
    "col_interpreter",
    "col_travel_before",
)
# The same columns in English.
COLUMNS = tuple(HEADINGS[key] for key in COLUMN_KEYS)
# A spreadsheet runs a cell that starts with one of these as a formula (or, for tab and
# carriage return, shifts it into one), so a hostile organisation name like
# "=HYPERLINK(...)" could execute or exfiltrate data when a coordinator opens the file.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def plan_to_csv(plan: Plan, context: ExportContext) -> bytes:
    """The itinerary as CSV, UTF-8 with a byte-order mark so Excel reads the Chinese names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def row(*cells: object) -> None:
        writer.writerow([neutralise(cell) for cell in cells])

    def headings(*keys: str) -> None:
        row(*(heading(key, context.language) for key in keys))

    headings(*COLUMN_KEYS)
    before = travel_before(plan)
    for number, day in enumerate(plan.days, start=1):
        for visit in day.visits:
            legs = before.get(id(visit), [])
            row(
                number,
                day.date.isoformat(),
                f"{visit.start:%H:%M}",
                f"{visit.end:%H:%M}",
                context.city_name(visit.request.city, "en"),
                visit.request.name,
                context.address(visit),
                context.why_matched(visit),
                languages_text(visit),
                interpreter_text(visit),
                "; ".join(describe_leg(leg, context, "en") for leg in legs),
            )
    writer.writerow([])
    headings("col_interpreter_needs")
    headings("col_date", "col_language")
    for when, language in needs_by_day(plan):
        row(when, language)
    if plan.unplaced:
        writer.writerow([])
        headings("col_not_scheduled")
        headings("col_organisation", "col_city", "col_reason")
        for item in plan.unplaced:
            row(item.request.name, context.city_name(item.request.city, "en"), item.reason)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
