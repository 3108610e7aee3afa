"""The planner and exports stay pure: no Flask, no database; the planner uses the standard
library, the holiday calendar and the constraint solver only."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "matcher"
PLANNER = sorted((ROOT / "planning").rglob("*.py"))
# The maintained holiday calendar and the CP-SAT solver are the planner's only libraries.
PLANNING_LIBRARIES = {"holidays", "ortools"}
EXPORTS = sorted((ROOT / "exports").glob("*.py"))
STANDARD = set(sys.stdlib_module_names)


def package_of(path: Path) -> str:
    """The dotted package a module file belongs to, e.g. ``matcher.planning``."""
    return ".".join(path.relative_to(ROOT.parent).with_suffix("").parts[:-1])


def imported_modules(source: str, package: str) -> set[str]:
    """Every module the source imports, relative imports resolved against ``package``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module or "")
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - (node.level - 1)])
            if node.module:
                names.add(f"{base}.{node.module}")
            else:
                names.update(f"{base}.{alias.name}" for alias in node.names)
    return names - {"__future__"}


def imports_of(path: Path) -> set[str]:
    return imported_modules(path.read_text(encoding="utf-8"), package_of(path))


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_relative_imports_are_resolved():
    """A relative reach for the database is seen for what it is."""
    source = "from ..db import get_session\nfrom . import day\n"
    found = imported_modules(source, "matcher.planning")
    assert found == {"matcher.db", "matcher.planning.day"}


@pytest.mark.parametrize("path", PLANNER, ids=lambda p: p.name)
def test_planner_uses_the_standard_library_calendar_and_solver_only(path):
    outside = {
        name
        for name in imports_of(path)
        if not within(name, "matcher.planning")
        and name.split(".")[0] not in STANDARD | PLANNING_LIBRARIES
    }
    assert not outside


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
def test_exports_import_no_web_or_database_code(path):
    # Babel opens the message catalogues the headings are translated from, openpyxl writes the
    # workbook, fontTools cuts the fonts down; none is web nor database code.
    allowed = STANDARD | {"icalendar", "fpdf", "babel", "openpyxl", "fontTools"}
    outside = {
        name
        for name in imports_of(path)
        if name.split(".")[0] not in allowed
        and not within(name, "matcher.exports")
        and not within(name, "matcher.planning")
    }
    assert not outside
