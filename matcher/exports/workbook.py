"""The visit programme as an Excel workbook (.xlsx, through openpyxl): the spreadsheet's one
table with dates as dates, a header row that stays in view and filters on every column.

Text cells are written as the CSV writes them (formulas neutralised, right-to-left sheets with
isolates); an Arabic workbook is laid out right to left.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from matcher.planning import Plan

from .cells import neutralise
from .context import ExportContext
from .headings import RIGHT_TO_LEFT, heading
from .spreadsheet import MACHINE_COLUMNS, cell_text, column_headings, table_rows

# Widths in characters, wide enough for a day's text and narrow enough to print.
FORMATS = {"date": "yyyy-mm-dd", "start": "hh:mm", "end": "hh:mm"}
WIDTHS = {"day": 6, "date": 12, "start": 8, "end": 8, "why": 48, "travel": 48, "address": 32}


def plan_to_xlsx(plan: Plan, context: ExportContext) -> bytes:
    """The programme as an .xlsx workbook with one sheet."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the blank sheet a new workbook starts with
    sheet = book.create_sheet(heading("sheet_title", context.language)[:31])
    sheet.sheet_view.rightToLeft = context.language in RIGHT_TO_LEFT
    sheet.append([_clean(neutralise(text)) for text in column_headings(context)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table_rows(plan, context):
        sheet.append([_cell(key, row[key], context) for key in MACHINE_COLUMNS])
    for number, key in enumerate(MACHINE_COLUMNS, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = WIDTHS.get(key, 18)
        if key in FORMATS:
            for cell in sheet[letter][1:]:
                cell.number_format = FORMATS[key]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    stamp = (context.stamp or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return _stamped(buffer.getvalue(), stamp)


def _stamped(content: bytes, stamp: datetime) -> bytes:
    """The workbook's zip with every member dated ``stamp``, so one plan always gives the same
    bytes (the file the coordinator downloads is byte for byte the delegate's)."""
    source, output = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            dated = zipfile.ZipInfo(member.filename, date_time=stamp.timetuple()[:6])
            dated.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(member)
            if member.filename == "docProps/core.xml":  # openpyxl dates it when it saves
                when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when, data)
            target.writestr(dated, data)
    return output.getvalue()


def _cell(key: str, value: Any, context: ExportContext) -> Any:
    """Numbers, dates and times as such (Excel sorts and sums them); text as the CSV has it."""
    if key in ("day", "date"):
        return value
    if key in ("start", "end"):
        return time.fromisoformat(value) if value else None
    return _clean(cell_text(key, value, context))


def _clean(text: str) -> str:
    """Text without the control characters XML cannot hold (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)
