from pathlib import Path

import sqlalchemy as sa

from matcher import create_app
from matcher.config import instance_secret_key
from matcher.db import get_engine


def test_defaults_put_the_database_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("MATCHER_DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'matcher.sqlite3'}"


def test_the_default_database_opens_in_a_new_instance_folder_with_the_secret_from_the_environment(
    tmp_path, monkeypatch
):
    instance = tmp_path / "not-yet" / "instance"
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(instance))
    monkeypatch.setenv("MATCHER_SECRET_KEY", "from-env")
    monkeypatch.delenv("MATCHER_DATABASE_URL", raising=False)
    with get_engine(create_app()).connect() as connection:
        assert connection.execute(sa.text("SELECT 1")).scalar() == 1
    assert (instance / "matcher.sqlite3").exists()


def test_layers_override_in_order(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path))
    (tmp_path / "config.py").write_text(
        "ORGANISATIONS_PER_PAGE = 7\nSECRET_KEY = 'from-instance'\nDATABASE_URL = 'sqlite://'\n"
    )
    assert create_app().config["ORGANISATIONS_PER_PAGE"] == 7

    monkeypatch.setenv("MATCHER_ORGANISATIONS_PER_PAGE", "9")
    app = create_app()
    assert app.config["ORGANISATIONS_PER_PAGE"] == 9
    assert app.config["SECRET_KEY"] == "from-instance"

    app = create_app({"ORGANISATIONS_PER_PAGE": 11})
    assert app.config["ORGANISATIONS_PER_PAGE"] == 11


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("MATCHER_SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert first == second
    assert len(first) >= 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert instance_secret_key(tmp_path / "elsewhere") != first


def test_secret_key_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("MATCHER_SECRET_KEY", "from-env")
    assert create_app().config["SECRET_KEY"] == "from-env"
    assert not Path(tmp_path / "secret_key").exists()


def test_sqlite_runs_with_wal_and_a_busy_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path))
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "SECRET_KEY": "x"})
    with get_engine(app).connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(sa.text("PRAGMA busy_timeout")).scalar() == 5000
        assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
