"""The engine index is built once per directory version and shared through the instance folder."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from matcher.db import session_scope
from matcher.services import recommend, shared_index

ROOT = Path(__file__).resolve().parents[1]
QUERY = "seaweed aquaculture biorefinery"


def _match_elsewhere(app, text: str) -> list[str]:
    """Run the match command in another process: another worker, or another host."""
    env = {
        **os.environ,
        "MATCHER_DATABASE_URL": app.config["DATABASE_URL"],
        "MATCHER_INSTANCE_PATH": app.instance_path,
        "MATCHER_SECRET_KEY": "x",
    }
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "match", text, "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return [r["name"] for r in json.loads(done.stdout.splitlines()[-1])["results"]]


def _folders(app) -> list[Path]:
    return sorted(p for p in (Path(app.instance_path) / "index").iterdir() if p.is_dir())


@pytest.mark.usefixtures("sample_directory")
def test_another_process_picks_up_a_directory_change(app, make_organisation):
    assert "Example Seaweed Works" not in _match_elsewhere(app, QUERY)
    [first] = _folders(app)
    make_organisation(
        name="Example Seaweed Works", description="Seaweed aquaculture and biorefinery."
    )
    assert _match_elsewhere(app, QUERY)[0] == "Example Seaweed Works"
    [second] = _folders(app)  # the earlier version's files are gone
    assert second != first and "-v2-" in second.name


@pytest.mark.usefixtures("sample_directory")
def test_a_damaged_index_is_rebuilt_not_served(app):
    expected = _match_elsewhere(app, "solar photovoltaic modules")
    assert expected[0] == "Example Solar Cells"
    [folder] = _folders(app)
    data = folder / "postings.data.npy"
    data.write_bytes(data.read_bytes()[: data.stat().st_size // 2])
    assert _match_elsewhere(app, "solar photovoltaic modules") == expected
    [rebuilt] = _folders(app)
    assert rebuilt.name == folder.name
    assert (rebuilt / "postings.data.npy").stat().st_size > data.stat().st_size // 2 + 1


BUILD_ONCE = """
import sys, time
from pathlib import Path
from matcher.services import shared_index
from matcher.engine import TfidfMatcher
root, log = Path(sys.argv[1]), Path(sys.argv[2])
def build():
    with open(log, "a") as fh:
        fh.write("built\\n")
    time.sleep(1.0)  # long enough for the others to find the lock taken
    return TfidfMatcher().fit(["a", "b"], ["solar panels", "wind turbines"])
identity = {"database": "d", "version": 7}
matcher = shared_index.shared_matcher(identity=identity, build=build, root=root)
print(matcher.query("solar")[0].id)
"""


def test_concurrent_workers_build_one_version_once(tmp_path):
    log = tmp_path / "builds.log"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", BUILD_ONCE, str(tmp_path / "index"), str(log)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(3)
    ]
    outputs = [w.communicate(timeout=120)[0].strip() for w in workers]
    assert outputs == ["a", "a", "a"]
    assert log.read_text().splitlines() == ["built"]


@pytest.mark.usefixtures("sample_directory")
def test_without_a_writable_folder_the_index_is_built_in_the_process(app, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with app.app_context(), session_scope(app) as session:
        identity = shared_index.directory_identity(session=session)
        matcher = shared_index.shared_matcher(
            identity=identity,
            build=lambda: recommend.build_matcher(session=session),
            root=blocked / "index",
        )
        assert matcher.query("solar")[0]


@pytest.mark.usefixtures("sample_directory")
def test_build_index_command_writes_the_current_version(app):
    result = app.test_cli_runner().invoke(args=["build-index"])
    assert result.exit_code == 0, result.output
    [folder] = _folders(app)
    assert "-v1-" in folder.name and folder.name in result.output
    again = app.test_cli_runner().invoke(args=["build-index"])
    assert again.exit_code == 0 and _folders(app) == [folder]


@pytest.fixture(autouse=True)
def fresh_index_cache():
    recommend.index_cache._fitted.clear()
    yield
    recommend.index_cache._fitted.clear()
