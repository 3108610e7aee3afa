"""init-db, import and export: whole files accepted or refused, and round trips."""

import json

import pytest
from sqlmodel import func, select

from matcher import create_app
from matcher.db import get_engine, session_scope, upgrade_schema
from matcher.models import Organisation
from matcher.services import directory

HEADER = "name,kind,city,sectors,description,parent\n"


def count(session) -> int:
    return session.exec(select(func.count()).select_from(Organisation)).one()


def test_init_db_loads_the_shipped_directory_once(runner, session):
    first = runner.invoke(args=["init-db"])
    assert first.exit_code == 0, first.output
    loaded = count(session)
    assert loaded >= 35
    second = runner.invoke(args=["init-db"])
    assert second.exit_code == 0
    assert "none loaded" in second.output
    assert count(session) == loaded


def test_import_csv_adds_organisations_with_their_references(
    sample_directory, runner, session, tmp_path
):
    path = tmp_path / "new.csv"
    path.write_text(
        HEADER
        + "Songjiang Test Park,park,songjiang,photovoltaics,A park.,\n"
        + 'Tenant Co,company,songjiang,"photovoltaics; new-materials",Makes modules.,'
        + "Songjiang Test Park\n",
        encoding="utf-8",
    )
    before = count(session)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert count(session) == before + 2
    tenant = session.exec(select(Organisation).where(Organisation.name == "Tenant Co")).one()
    assert tenant.parent.name == "Songjiang Test Park"
    assert {s.slug for s in tenant.sectors} == {"photovoltaics", "new-materials"}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("Bad City Co,company,atlantis,,x,", ":3: city: unknown city 'atlantis'"),
        ("Bad Sector Co,company,hefei,mining,x,", ":3: sectors: unknown sector 'mining'"),
        ("Bad Kind Co,castle,hefei,,x,", ":3: kind: must be one of park"),
        ("Good Park,park,hefei,,duplicate,", ":3: name: duplicate of line 2"),
        ("Orphan Co,company,hefei,,x,Nowhere", ":3: parent: unknown organisation 'Nowhere'"),
        ("Long Co,company,hefei,," + "x" * 5000 + ",", ":3: description: too long (5000"),
        ("Example Speech Lab,company,hefei,,x,", ":3: name: already in the directory"),
    ],
)
def test_one_bad_row_refuses_the_whole_file(
    sample_directory, runner, session, tmp_path, row, expected
):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "Good Park,park,hefei,,fine,\n" + row + "\n", encoding="utf-8")
    before = count(session)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert f"{path}{expected}" in result.output
    assert "Traceback" not in result.output
    assert count(session) == before


def test_json_errors_name_the_line_of_the_record(sample_directory, runner, session, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"organisations": [\n'
        '  {"name": "Fine Co", "kind": "company", "city": "wuhu"},\n'
        '  {\n    "name": "Far Co",\n    "kind": "company",\n    "city": "wuhu",\n'
        '    "latitude": 95, "longitude": 10\n  }\n]}\n',
        encoding="utf-8",
    )
    before = count(session)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: latitude: must be between -90 and 90" in result.output
    assert count(session) == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.json", '{"organisations": [\n  {"name": ', ":2: file: not JSON"),
        ("wrong.json", '{"parks": []}', ":1: file: no top-level 'organisations' list"),
        ("cols.csv", "name,colour\nX,red\n", ":1: file: unknown column 'colour'"),
        ("notes.txt", "hello", ":1: file: expected a .csv or .json file"),
    ],
)
def test_malformed_files_are_refused_with_a_reason(app, runner, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert f"{path}{expected}" in result.output


def test_non_utf8_file_is_refused(app, runner, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(HEADER.encode() + "Caf\xe9 Co,company,wuhu,,x,\n".encode("latin-1"))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "not UTF-8" in result.output


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_export_then_import_round_trips(sample_directory, runner, tmp_path, extension):
    exported = tmp_path / f"directory.{extension}"
    result = runner.invoke(args=["export", str(exported)])
    assert result.exit_code == 0, result.output

    # The second directory is always an SQLite file: on PostgreSQL runs the round trip
    # also crosses database engines.
    other = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}", "SECRET_KEY": "x"}
    )
    upgrade_schema(get_engine(other))
    other_runner = other.test_cli_runner()
    with session_scope(other) as session:
        directory.sync_sectors(session=session)
    imported = other_runner.invoke(args=["import", str(exported)])
    assert imported.exit_code == 0, imported.output
    again = tmp_path / f"again.{extension}"
    assert other_runner.invoke(args=["export", str(again)]).exit_code == 0
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")
    get_engine(other).dispose()


def test_json_export_lists_organisations_with_their_fields(sample_directory, runner, tmp_path):
    path = tmp_path / "out.json"
    assert runner.invoke(args=["export", str(path)]).exit_code == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    names = {r["name"]: r for r in document["organisations"]}
    assert names["Example Speech Lab"]["kind"] == "company"
    assert names["Example Speech Lab"]["city"] == "hefei"
    assert names["Example Solar Cells"]["parent"] == "Example Xuancheng Enclave"


def test_export_refuses_an_unknown_format(app, runner, tmp_path):
    result = runner.invoke(args=["export", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1
    assert "expected a .csv or .json" in result.output
