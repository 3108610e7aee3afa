"""The CSV export opens in Excel (BOM), reads back with csv, and cannot run formulas."""

import csv
import io

import pytest

from matcher.exports import plan_to_csv
from matcher.exports.spreadsheet import COLUMNS, neutralise


def read(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_rows_per_visit_then_interpreter_needs(plan, make_context):
    rows = read(plan_to_csv(plan, make_context()))
    assert tuple(rows[0]) == COLUMNS
    visits = rows[1 : 1 + len(plan.visits)]
    assert [row[5] for row in visits] == [neutralise(v.request.name) for v in plan.visits]
    hefei = next(row for row in visits if row[5] == "合肥智能科技有限公司")
    assert hefei[4] == "Hefei" and hefei[6] == "合肥市高新区" and hefei[7] == "人工智能 AI"
    assert hefei[9] == "Arabic (ar)"
    assert hefei[10].startswith("Songjiang (Shanghai) → Hefei, 395 min")
    start = rows.index(["interpreter needs"])
    assert rows[start + 1] == ["date", "language"]
    needs = rows[start + 2 : rows.index(["not scheduled"]) - 1]
    assert needs == [["2026-05-11", "ar"], ["2026-05-12", "ar"], ["2026-05-13", "ar"]]
    assert rows[-1] == ["Nowhere Ltd", "Other", "no travel time to Other from Songjiang"]


def test_formula_cells_are_neutralised(plan, make_context):
    rows = read(plan_to_csv(plan, make_context()))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'-1 Chint Road, Songjiang" in cells
    assert "'+electrical equipment" not in cells  # only leading characters count
    assert not any(cell[:1] in "=+-@\t\r" for cell in cells if cell)


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
