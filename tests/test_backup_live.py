"""A backup taken while the service is busy restores, on the other database engine too.

gunicorn serves the app on one engine while threads register delegations and decide on their
matches; ``flask backup`` runs several times meanwhile. Every backup must restore with
``flask restore`` into an empty database of the other engine (SQLite → PostgreSQL and back),
with every row, and be readable by its owner only.
"""

import json
import os
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from .servers import flask, gunicorn, server_env
from .test_races import EMAIL, PASSWORD, registration

POSTGRES_URL = os.environ.get("MATCHER_TEST_DATABASE_URL", "")
BACKUPS = 3


@pytest.fixture
def other_database_url(database_url: str, tmp_path: Path):
    """An empty database of the other engine."""
    if database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set MATCHER_TEST_DATABASE_URL")
    schema = f"test_{uuid.uuid4().hex[:16]}"  # hex digits only, as in conftest.py
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def keep_busy(base: str, bearer: str, stop: threading.Event, errors: list) -> None:
    """Register delegations and accept their first match until told to stop."""
    while not stop.is_set():
        created = requests.post(f"{base}/api/v1/delegations", json=registration_body(), timeout=30)
        if created.status_code != 201:
            errors.append(created.status_code)
            continue
        matches = created.json()["delegation"]["matches"]
        if matches:
            decided = requests.post(
                f"{base}/api/v1/matches/{matches[0]['id']}/decision",
                json={"action": "accept", "revision": matches[0]["revision"]},
                headers={"Authorization": f"Bearer {bearer}"},
                timeout=30,
            )
            if decided.status_code >= 500:
                errors.append(decided.status_code)


def registration_body() -> dict:
    return registration("cross-border e-commerce and live streaming")


def test_a_backup_under_load_restores_on_the_other_engine(
    database_url: str, other_database_url: str, tmp_path: Path
):
    env = server_env(database_url, tmp_path)
    log = tmp_path / "server.log"
    flask(env, "init-db", log=log)
    flask({**env, "MATCHER_USER_PASSWORD": PASSWORD}, "create-user", EMAIL, log=log)
    bearer = flask(env, "create-api-token", EMAIL).strip().splitlines()[-1]
    stop, errors = threading.Event(), []
    backups = []
    with gunicorn(env, log, workers=2) as port:
        base = f"http://127.0.0.1:{port}"
        workers = [
            threading.Thread(target=keep_busy, args=(base, bearer, stop, errors)) for _ in range(3)
        ]
        for worker in workers:
            worker.start()
        try:
            for number in range(BACKUPS):
                time.sleep(1.0)
                path = tmp_path / f"backup-{number}.json"
                flask(env, "backup", str(path), log=log)
                backups.append(path)
        finally:
            stop.set()
            for worker in workers:
                worker.join(timeout=60)
    assert errors == []

    for number, path in enumerate(backups):
        assert path.stat().st_mode & 0o777 == 0o600
        document = json.loads(path.read_text(encoding="utf-8"))
        assert len(document["tables"]["delegation"]) > 0
        target = other_database_url
        if number:  # each restore needs an empty database: a new SQLite file, or emptied
            target = fresh(other_database_url, tmp_path, number)
        flask({**env, "MATCHER_DATABASE_URL": target}, "restore", str(path), log=log)
        engine = sa.create_engine(target)
        try:
            with engine.connect() as connection:
                for table in ("delegation", "interest", "match", "match_event"):
                    stored = connection.execute(
                        sa.text(f'SELECT count(*) FROM "{table}"')  # nosec B608 - fixed names
                    ).scalar()
                    assert stored == len(document["tables"][table]), table
        finally:
            engine.dispose()


def fresh(url: str, tmp_path: Path, number: int) -> str:
    """An empty database like ``url``: another SQLite file, or ``url``'s schema emptied."""
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / f'other-{number}.sqlite3'}"
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            schema = connection.execute(sa.text("SELECT current_schema()")).scalar()
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()
    return url
