"""The layers hold, the typed layers type-check and the whole tree passes the linter.

Each check runs the tool as CI would, on the repository itself, so the test command enforces
what pyproject.toml declares.
"""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_the_import_contracts_are_kept():
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_database_import_in_the_planner_breaks_a_contract(tmp_path):
    """The contracts can fail: a copy of the package whose planner reaches for the database."""
    shutil.copytree(ROOT / "matcher", tmp_path / "matcher", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    travel = tmp_path / "matcher" / "planning" / "travel.py"
    travel.write_text(travel.read_text(encoding="utf-8") + "\nfrom ..db import get_session\n")
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(tmp_path), "PATH": str(BIN)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "matcher.planning.travel -> matcher.db" in result.stdout


@pytest.mark.slow
def test_the_typed_layers_type_check():
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


def test_the_whole_tree_passes_ruff():
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_whole_tree_is_formatted():
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout[-4000:]


def test_ruff_reports_what_it_should(tmp_path):
    """The linter is really run with the project's rules: a print in a module fails it."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "module.py").write_text(
        textwrap.dedent('''
        """A module."""

        print("hello")
    ''')
    )
    result = run(str(BIN / "ruff"), "check", ".", cwd=tmp_path)
    assert result.returncode == 1 and "T201" in result.stdout
