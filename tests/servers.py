"""Real servers for tests that need them: gunicorn on the app, redis-server on loopback."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# How long a server may take to start: a ceiling, reached only on a machine busy with other work.
BOOT_SECONDS = 120


def wait_for(predicate, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def server_env(database_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of a test server: its own instance folder, generous limits."""
    return {
        **os.environ,
        "MATCHER_DATABASE_URL": database_url,
        "MATCHER_SECRET_KEY": "test-server-secret-key",
        "MATCHER_INSTANCE_PATH": str(workdir / "instance"),
        "MATCHER_INTEREST_RATE_LIMIT": "1000000 per minute",
        "MATCHER_LOGIN_RATE_LIMIT": "1000000 per minute",
        **extra,
    }


def flask(env: dict[str, str], *args: str, log: Path | None = None) -> str:
    """Run a ``flask`` command of the app; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if log is not None:
        with log.open("a") as out:
            out.write(done.stdout + done.stderr)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _stop(process: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=5)
            break
        except subprocess.TimeoutExpired:
            continue
    process.wait(timeout=5)


def healthy(port: int) -> bool:
    try:
        return requests.get(f"http://{HOST}:{port}/healthz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


@contextmanager
def gunicorn(env: dict[str, str], log: Path, *, workers: int = 2) -> Iterator[int]:
    """gunicorn serving the app with ``workers`` sync workers; yields its port."""
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "--bind", f"{HOST}:{port}"),
                *("--workers", str(workers), "--graceful-timeout", "1", "--timeout", "60"),
                "wsgi:app",
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
        yield port
    finally:
        _stop(process)


@contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        import pytest

        if os.environ.get("CI"):
            pytest.fail("CI must test against Redis: redis-server is not installed")
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def answers() -> bool:
        try:
            with socket.create_connection((HOST, port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    try:
        assert wait_for(answers, BOOT_SECONDS), "redis-server did not start"
        yield f"redis://{HOST}:{port}/0"
    finally:
        _stop(process)
