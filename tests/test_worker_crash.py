"""Crash safety over real HTTP: a gunicorn worker killed mid-registration loses nothing it answered.

Starts gunicorn (2 sync workers) on a fresh database, registers delegations through the JSON API
from several threads, SIGKILLs one worker part-way through and lets the master respawn it. Then,
in the database itself: every registration answered 201 is stored exactly once, the ones whose
answer never arrived are stored once or not at all, and no stored delegation lacks its interest
or its matches (a half-written registration). Runs on SQLite, and on PostgreSQL when
MATCHER_TEST_DATABASE_URL is set. About 15 s per database.
"""

import http.client
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from .servers import BOOT_SECONDS, HOST, ROOT, free_port, server_env, wait_for

POSTGRES_URL = os.environ.get("MATCHER_TEST_DATABASE_URL", "")
CLIENTS = 4
SUBMISSIONS_PER_CLIENT = 12
# The worker is killed once this many registrations have been answered.
KILL_AFTER = 8
RUN_SECONDS = 20.0
REQUEST_TIMEOUT_S = 15.0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("gunicorn") is None and not os.environ.get("CI"),
        reason="gunicorn is not installed",
    ),
]


def call(port: int, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
    """One request on its own connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def healthy(port: int) -> bool:
    try:
        return call(port, "GET", "/healthz")[0] == 200
    except (OSError, http.client.HTTPException):
        return False


def worker_pids(master: int) -> set[int]:
    """The gunicorn master's children, from /proc or else pgrep."""
    tasks = Path(f"/proc/{master}/task")
    if tasks.is_dir():
        pids: set[int] = set()
        for children in tasks.glob("*/children"):
            try:
                pids.update(int(pid) for pid in children.read_text().split())
            except OSError:
                continue
        return pids
    found = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True, timeout=5, check=False
    )
    return {int(pid) for pid in found.stdout.split()}


def replaced(master: int, victim: int) -> bool:
    """Whether the master runs two workers again, the killed one not among them."""
    now = worker_pids(master)
    return victim not in now and len(now) == 2


@contextmanager
def gunicorn(database_url: str, workdir: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """init-db, then gunicorn with 2 workers in its own process group; killed on the way out."""
    env = server_env(database_url, workdir)
    log = workdir / "server.log"
    with log.open("ab") as out:
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "init-db"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=60,
        )
        port = free_port()
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "--bind", f"{HOST}:{port}"),
                *("--workers", "2", "--graceful-timeout", "1", "--timeout", "30", "wsgi:app"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        booted = wait_for(lambda: process.poll() is not None or healthy(port), BOOT_SECONDS, 0.2)
        assert booted and process.poll() is None, log.read_text(errors="replace")[-3000:]
        yield process, port
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                continue
        process.wait(timeout=5)


def registration(name: str) -> dict:
    arrival = date.today() + timedelta(days=30)
    return {
        "name": name,
        "country": "EG",
        "kind": "chamber",
        "contact_name": "Amina Hassan",
        "contact_email": "amina@chamber.example",
        "languages": ["ar"],
        "locale": "en",
        "arrival": arrival.isoformat(),
        "departure": (arrival + timedelta(days=3)).isoformat(),
        "group_size": 10,
        "interest": {"seeks": "cross-border e-commerce", "sectors": ["cross-border-ecommerce"]},
        "consent": True,
    }


def submit_all(port: int, client: int, answers: dict, lock: threading.Lock, deadline: float):
    """Register this client's delegations one after another, noting each answer."""
    for n in range(SUBMISSIONS_PER_CLIENT):
        if time.monotonic() > deadline:
            return
        name = f"Crash {client}-{n}"
        try:
            status, _ = call(port, "POST", "/api/v1/delegations", registration(name))
        except (OSError, http.client.HTTPException):
            status = None  # the answer never arrived: stored once or not at all
        with lock:
            answers[name] = status


def stored_delegations(database_url: str) -> tuple[dict[str, int], list[str], list[str]]:
    """Rows per name, names without an interest row, names without any match."""
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT name, count(*) FROM delegation GROUP BY name")
            )
            counts = {name: count for name, count in rows}
            no_interest = connection.execute(
                sa.text(
                    "SELECT d.name FROM delegation d LEFT JOIN interest i"
                    " ON i.delegation_id = d.id WHERE i.id IS NULL"
                )
            ).scalars()
            no_matches = connection.execute(
                sa.text(
                    "SELECT d.name FROM delegation d WHERE NOT EXISTS"
                    ' (SELECT 1 FROM "match" m WHERE m.delegation_id = d.id)'
                )
            ).scalars()
            return counts, sorted(no_interest), sorted(no_matches)
    finally:
        engine.dispose()


def test_killed_worker_loses_and_duplicates_nothing(database_url: str, tmp_path: Path):
    """SIGKILL a worker mid-load: 201s stored once, nothing half-written, service back up."""
    answers: dict[str, int | None] = {}
    lock = threading.Lock()
    with gunicorn(database_url, tmp_path) as (master, port):
        # The first worker answers while the master may still be forking the second.
        assert wait_for(lambda: len(worker_pids(master.pid)) == 2, 15), worker_pids(master.pid)
        workers = worker_pids(master.pid)
        deadline = time.monotonic() + RUN_SECONDS
        threads = [
            threading.Thread(target=submit_all, args=(port, i, answers, lock, deadline))
            for i in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        try:
            assert wait_for(lambda: len(answers) >= KILL_AFTER, 15), "no registrations answered"
            victim = min(workers)
            os.kill(victim, signal.SIGKILL)
            respawned = wait_for(lambda: replaced(master.pid, victim), 15)
        finally:
            for thread in threads:
                thread.join(timeout=RUN_SECONDS + REQUEST_TIMEOUT_S)
        assert not any(thread.is_alive() for thread in threads)
        assert respawned, f"master did not replace worker {victim}: {worker_pids(master.pid)}"
        assert wait_for(lambda: healthy(port), 10), "/healthz does not answer 200 after the kill"
        counts, no_interest, no_matches = stored_delegations(database_url)

    statuses = sorted({str(status) for status in answers.values()})
    assert set(answers.values()) <= {201, None}, f"unexpected answers: {statuses}"
    answered = {name for name, status in answers.items() if status == 201}
    assert len(answered) >= KILL_AFTER
    assert [name for name in answered if counts.get(name, 0) != 1] == []
    assert [name for name, count in counts.items() if count > 1] == []
    assert set(counts) <= set(answers), "stored a registration nobody sent"
    assert no_interest == [], "half-written: delegation without its interest"
    assert no_matches == [], "half-written: delegation without its matches"
