"""The planner and exports stay pure: no Flask, no database; the planner uses the standard
library, the holiday calendar and the constraint solver only."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "matcher"
PLANNER = [ROOT / "planner.py", *sorted((ROOT / "planning").rglob("*.py"))]
PLANNING_LIBRARIES = {"holidays", "ortools"}
EXPORTS = sorted((ROOT / "exports").glob("*.py"))


def top_level_imports(path: Path) -> set[str]:
    """The top-level package of every absolute import in a module."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0] if node.module != "matcher.planning" else "")
    return names - {"", "__future__"}


@pytest.mark.parametrize("path", PLANNER, ids=lambda p: p.name)
def test_planner_uses_the_standard_library_calendar_and_solver_only(path):
    imports = top_level_imports(path) - {"matcher"} - PLANNING_LIBRARIES
    assert imports <= set(sys.stdlib_module_names), imports - set(sys.stdlib_module_names)


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
def test_exports_import_no_web_or_database_code(path):
    allowed = set(sys.stdlib_module_names) | {"matcher", "icalendar", "fpdf"}
    assert top_level_imports(path) <= allowed


def test_exports_use_only_the_planner_from_the_app():
    for path in EXPORTS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.startswith("matcher"):
                    assert node.module in {"matcher.planner", "matcher.planning.travel"}, path
