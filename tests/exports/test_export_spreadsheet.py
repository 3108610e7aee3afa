"""The spreadsheets hold one table (CSV with BOM, and .xlsx), import whole, and run no formulas."""

import csv
import io
import time as time_module
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook

from matcher.exports import plan_to_csv, plan_to_xlsx
from matcher.exports.cells import isolate
from matcher.exports.spreadsheet import MACHINE_COLUMNS, neutralise

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def read(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def records(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_one_table_with_a_row_per_visit_and_per_day_without_visits(plan, make_context):
    rows = read(plan_to_csv(plan, make_context()))
    width = len(rows[0])
    assert all(len(row) == width for row in rows)  # no second table, no blank separator rows
    assert rows[0][:4] == ["day", "date", "kind", "start"]
    visits = [row for row in rows[1:] if row[2] == "visit"]
    assert [row[6] for row in visits] == [neutralise(v.request.name) for v in plan.visits]
    days_without_visits = [d.date.isoformat() for d in plan.days if not d.visits]
    assert [row[1] for row in rows[1:] if row[2] != "visit"] == days_without_visits
    assert {row[1] for row in rows[1:]} == {d.date.isoformat() for d in plan.days}
    assert "not scheduled" not in {cell for row in rows for cell in row}


def test_machine_headers_and_interpreter_columns(plan, make_context):
    table = records(plan_to_csv(plan, make_context(machine_headers=True)))
    assert list(table[0]) == list(MACHINE_COLUMNS)
    hefei = next(row for row in table if row["organisation"] == "合肥智能科技有限公司")
    assert hefei["city"] == "Hefei" and hefei["address"] == "合肥市高新区"
    assert hefei["interpreter_language"] == "ar" and hefei["interpreter"] == "Arabic (ar)"
    assert hefei["travel"].startswith("Songjiang (Shanghai) → Hefei, 395 min")
    assert {row["kind"] for row in table} <= {"visit", "travel_day", "rest_day", "free_day"}
    needs = sorted({row["date"] for row in table if row["interpreter_language"] == "ar"})
    assert needs == ["2026-05-11", "2026-05-12", "2026-05-13"]


def test_travel_only_and_free_days_have_their_rows(city_data, make_context):
    from matcher.planning import PlanSettings, VisitRequest, plan_itinerary

    # One Hefei visit from Songjiang: out on the first day, back on the second, then nothing.
    settings = PlanSettings(date(2026, 5, 11), date(2026, 5, 13))
    trip = plan_itinerary([VisitRequest("a", "Alpha", "hefei")], settings, city_data[1])
    table = records(plan_to_csv(trip, make_context(machine_headers=True)))
    assert [(row["date"], row["kind"]) for row in table] == [
        ("2026-05-11", "visit"),
        ("2026-05-12", "travel_day"),
        ("2026-05-13", "free_day"),
    ]
    assert table[1]["travel"].startswith("Hefei → Songjiang (Shanghai)")
    assert table[1]["city"] == "Songjiang (Shanghai)"
    arabic = records(plan_to_csv(trip, make_context("ar", machine_headers=True)))
    assert "دقيقة" in arabic[1]["travel"] and " min" not in arabic[1]["travel"]
    french = records(plan_to_csv(trip, make_context("fr")))
    assert [row["type"] for row in french][1:] == ["jour de trajet", "jour libre"]


def test_headers_in_the_delegations_language(plan, make_context):
    french = read(plan_to_csv(plan, make_context("fr")))[0]
    chinese = read(plan_to_csv(plan, make_context("zh")))[0]
    assert french != chinese != list(MACHINE_COLUMNS)
    assert "jour" in french and "日期" in chinese


def test_formula_cells_are_neutralised(plan, make_context):
    for context in (make_context(), make_context("ar")):
        rows = read(plan_to_csv(plan, context))
        cells = [cell.strip(FSI + LRI + PDI) for row in rows for cell in row]
        assert '\'=HYPERLINK("http://evil")' in cells
        assert not any(cell[:1] in "=+-@\t\r" for row in rows for cell in row if cell)


def test_arabic_sheet_isolates_latin_values_and_dates(plan, make_context):
    table = records(plan_to_csv(plan, make_context("ar")))
    cells = [cell for row in table for cell in row.values()]
    assert FSI + "CHINT Intelligent Electrical Industry Park" + PDI in cells
    assert "2026-05-11" in cells and "09:30" in cells  # one run already: nothing to isolate
    machine = records(plan_to_csv(plan, make_context("ar", machine_headers=True)))
    assert not any(FSI in cell or LRI in cell for row in machine for cell in row.values())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("CHINT Park", FSI + "CHINT Park" + PDI),
        ("مجمع CHINT", FSI + "مجمع CHINT" + PDI),
        ("+86 21 5555 0000", LRI + "+86 21 5555 0000" + PDI),
        ("09:00–10:25", LRI + "09:00–10:25" + PDI),
        ("09:00", "09:00"),
        ("2026-05-11", "2026-05-11"),
        ("مسقط", "مسقط"),
        ("", ""),
    ],
)
def test_isolate(value, expected):
    assert isolate(value) == expected


def test_workbook_has_the_same_table(plan, make_context):
    context = make_context(machine_headers=True)
    sheet = load_workbook(io.BytesIO(plan_to_xlsx(plan, context))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(MACHINE_COLUMNS)
    assert [list(r) for r in rows[1:]] != []
    csv_rows = records(plan_to_csv(plan, context))
    assert len(rows) - 1 == len(csv_rows)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert isinstance(first["date"], datetime) and first["day"] == 1
    assert isinstance(first["start"], time) and first["start"] == plan.visits[0].start.time()
    names = [r[MACHINE_COLUMNS.index("organisation")] for r in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names
    assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_the_same_plan_gives_the_same_workbook(plan, make_context):
    first = plan_to_xlsx(plan, make_context())
    time_module.sleep(2.1)  # zip entries are dated to two seconds
    assert plan_to_xlsx(plan, make_context()) == first


def test_arabic_workbook_is_right_to_left(plan, make_context):
    sheet = load_workbook(io.BytesIO(plan_to_xlsx(plan, make_context("ar")))).active
    assert sheet.sheet_view.rightToLeft
    header = [cell.value for cell in sheet[1]]
    assert "day" not in header and all(header)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("safe", "safe"),
        (None, ""),
        (3, "3"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected
