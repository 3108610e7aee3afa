"""Load benchmark: the JSON API under gunicorn on a fresh SQLite file and/or PostgreSQL database.

Starts gunicorn on a free loopback port, drives concurrent clients for a bounded time (30 %
registrations, 50 % reads of a match list by token, 20 % directory pages), prints throughput,
p50/p99 latency and status counts, then checks in the database itself that every registration
answered 201 is stored exactly once. Exits non-zero on a lost or duplicated registration, a
half-written one, or any 5xx.

    .venv/bin/python bench/load.py --seconds 20 --clients 16 --workers 4 --database both
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES_URL = os.environ.get(
    "MATCHER_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:55433/matcher_test"
)
HOST = "127.0.0.1"
NO_THROTTLE = "1000000 per minute"
REQUEST_TIMEOUT_S = 30.0
BOOT_TIMEOUT_S = 90.0
INIT_DB_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 10.0
# Upper bound on requests per client per second: keeps every loop bounded in count as well.
MAX_RATE_PER_CLIENT = 2000
KINDS = ("submit", "read", "list")


@dataclass
class Sample:
    """One request: its kind, its status (None: connection error) and its latency."""

    kind: str
    status: int | None
    seconds: float


@dataclass
class ClientLog:
    """What one client sent and saw."""

    samples: list[Sample] = field(default_factory=list)
    # Registration name -> status of its answer (None: the answer never arrived).
    submitted: dict[str, int | None] = field(default_factory=dict)
    tokens: list[str] = field(default_factory=list)
    # The first few 5xx answers: (kind, status, milliseconds, start of the body).
    failures: list[tuple[str, int, float, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Integrity:
    """What the database holds against what the clients were told."""

    answered_201: int
    stored: int
    missing: list[str]
    duplicated: list[str]
    stored_after_connection_error: list[str]
    stored_after_other_status: list[str]
    stored_never_sent: list[str]
    without_interest: list[str]
    without_matches: list[str]

    @property
    def ok(self) -> bool:
        return not (
            self.missing
            or self.duplicated
            or self.stored_after_other_status
            or self.stored_never_sent
            or self.without_interest
        )


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def require_loopback(url: sa.URL) -> None:
    """Refuse a database server that is not on this machine."""
    host = url.host or "localhost"
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"refusing non-loopback database host {host!r}")


@contextmanager
def sqlite_database(workdir: Path) -> Iterator[str]:
    """An SQLite file in the temporary directory (removed with it)."""
    yield f"sqlite:///{workdir / 'load.sqlite3'}"


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A uniquely named database on the server, dropped afterwards."""
    url = sa.make_url(server_url)
    require_loopback(url)
    # Generated from hex digits only, so it is safe to quote into DDL.
    name = f"bench_load_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def service_env(database_url: str, workdir: Path) -> dict[str, str]:
    """The environment of init-db and gunicorn: the database, a secret, no throttling."""
    env = dict(os.environ)
    env.update(
        MATCHER_DATABASE_URL=database_url,
        MATCHER_SECRET_KEY=secrets.token_hex(32),
        MATCHER_INSTANCE_PATH=str(workdir / "instance"),
        MATCHER_INTEREST_RATE_LIMIT=NO_THROTTLE,
        MATCHER_LOGIN_RATE_LIMIT=NO_THROTTLE,
        PYTHONUNBUFFERED="1",
    )
    return env


def init_db(env: dict[str, str], log: Path) -> None:
    """Migrate and load the shipped directory, as an operator would."""
    with log.open("ab") as out:
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "init-db"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=INIT_DB_TIMEOUT_S,
        )


def get(port: int, path: str, timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, bytes]:
    """One GET on a fresh connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_healthy(port: int, process: subprocess.Popen, timeout: float) -> None:
    """Poll /healthz until it answers 200; fail if gunicorn exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} while starting")
        try:
            if get(port, "/healthz", timeout=2.0)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def stop_group(process: subprocess.Popen) -> None:
    """Stop gunicorn and its workers: TERM to the group, then KILL if it lingers."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # stray workers whose master is gone
    except ProcessLookupError:
        pass
    process.wait(timeout=STOP_TIMEOUT_S)


def control_socket_option() -> bool:
    """Whether this gunicorn has a control socket that can be turned off."""
    from gunicorn.config import KNOWN_SETTINGS

    return any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS)


@contextmanager
def gunicorn(
    env: dict[str, str], *, workers: int, worker_class: str, threads: int, log: Path
) -> Iterator[tuple[int, int]]:
    """Run gunicorn in its own process group on a free loopback port; yield port and group."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--backlog",
        "2048",
    ]
    if control_socket_option():
        # gunicorn >= 25 opens ~/.gunicorn/gunicorn.ctl by default, shared with any other
        # gunicorn of the same user; a benchmark must not take it over.
        command.append("--no-control-socket")
    if worker_class == "gthread":
        command += ["--threads", str(threads)]
    command.append("wsgi:app")
    with log.open("ab") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_healthy(port, process, BOOT_TIMEOUT_S)
        yield port, process.pid
    finally:
        stop_group(process)


def group_cpu_seconds(group: int) -> float:
    """CPU time (user + system) of the live processes of a process group, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # Fields after the parenthesised command name: state ppid pgrp ... utime stime.
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def delegation_body(name: str) -> bytes:
    """A registration the API accepts: a month ahead, four days, a sector that matches."""
    arrival = date.today() + timedelta(days=30)
    return json.dumps(
        {
            "name": name,
            "country": "EG",
            "kind": "chamber",
            "contact_name": "Amina Hassan",
            "contact_email": "amina@chamber.example",
            "languages": ["ar", "en"],
            "locale": "en",
            "arrival": arrival.isoformat(),
            "departure": (arrival + timedelta(days=3)).isoformat(),
            "group_size": 12,
            "interest": {
                "seeks": "cross-border e-commerce, live streaming and bonded warehouses",
                "sectors": ["cross-border-ecommerce"],
            },
            "consent": True,
        }
    ).encode()


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    """One request on a fresh connection (sync workers close every connection anyway)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def run_client(
    number: int, port: int, deadline: float, stop: threading.Event, log: ClientLog
) -> None:
    """Send the request mix until the deadline, the stop signal or the request cap."""
    rng = random.Random(number)
    cap = MAX_RATE_PER_CLIENT * max(1.0, deadline - time.monotonic())
    sent = 0
    while sent < cap and time.monotonic() < deadline and not stop.is_set():
        sent += 1
        roll = rng.random()
        kind = "submit" if roll < 0.3 or not log.tokens else "read" if roll < 0.8 else "list"
        name = ""
        if kind == "submit":
            name = f"Load {number}-{sent}"
            method, path, body = "POST", "/api/v1/delegations", delegation_body(name)
        elif kind == "read":
            method, path, body = "GET", f"/api/v1/delegations/{rng.choice(log.tokens)}", None
        else:
            page = rng.randint(1, 5)
            method, path, body = "GET", f"/api/v1/organisations?page={page}&per_page=20", None
        started = time.perf_counter()
        try:
            status, payload = request(port, method, path, body)
        except (OSError, http.client.HTTPException):
            status, payload = None, b""
        elapsed = time.perf_counter() - started
        log.samples.append(Sample(kind, status, elapsed))
        if status is not None and status >= 500 and len(log.failures) < 5:
            body_start = payload[:200].decode(errors="replace")
            log.failures.append((kind, status, elapsed * 1000, body_start))
        if kind == "submit":
            log.submitted[name] = status
            if status == 201:
                log.tokens.append(json.loads(payload)["token"])


def drive(port: int, *, clients: int, seconds: float) -> tuple[list[ClientLog], float]:
    """Run the clients in threads; return their logs and the wall time they took."""
    stop = threading.Event()
    logs = [ClientLog() for _ in range(clients)]
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(target=run_client, args=(i, port, deadline, stop, logs[i]), daemon=True)
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join(timeout=max(0.0, deadline + REQUEST_TIMEOUT_S + 5 - time.monotonic()))
    finally:
        stop.set()
    return logs, time.monotonic() - started


def check_integrity(database_url: str, logs: list[ClientLog]) -> Integrity:
    """Compare the delegations stored with the answers the clients received."""
    submitted: dict[str, int | None] = {}
    for log in logs:
        submitted.update(log.submitted)
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = Counter(
                {
                    name: count
                    for name, count in connection.execute(
                        sa.text("SELECT name, count(*) FROM delegation GROUP BY name")
                    )
                }
            )
            without_interest = connection.execute(
                sa.text(
                    "SELECT d.name FROM delegation d LEFT JOIN interest i"
                    " ON i.delegation_id = d.id WHERE i.id IS NULL"
                )
            )
            without_interest_names = sorted(row[0] for row in without_interest)
            without_matches = connection.execute(
                sa.text(
                    "SELECT d.name FROM delegation d WHERE NOT EXISTS"
                    ' (SELECT 1 FROM "match" m WHERE m.delegation_id = d.id)'
                )
            )
            without_matches_names = sorted(row[0] for row in without_matches)
    finally:
        engine.dispose()
    answered = [name for name, status in submitted.items() if status == 201]
    return Integrity(
        answered_201=len(answered),
        stored=sum(stored.values()),
        missing=sorted(name for name in answered if stored[name] == 0),
        duplicated=sorted(name for name, count in stored.items() if count > 1),
        stored_after_connection_error=sorted(
            name for name in stored if name in submitted and submitted[name] is None
        ),
        stored_after_other_status=sorted(
            name for name in stored if submitted.get(name) not in (201, None)
        ),
        stored_never_sent=sorted(name for name in stored if name not in submitted),
        without_interest=without_interest_names,
        without_matches=without_matches_names,
    )


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of unsorted values (0 for none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(label: str, logs: list[ClientLog], wall: float, integrity: Integrity, cpu: str) -> bool:
    """Print the figures of one run; return whether it passed."""
    samples = [s for log in logs for s in log.samples]
    print(f"\n== {label} ==")
    print(f"requests {len(samples)} in {wall:.1f} s: {len(samples) / wall:.1f} req/s")
    print(f"{'kind':<8} {'n':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} ", end="")
    print(f"{'2xx':>6} {'4xx':>5} {'5xx':>5} {'conn':>5}")
    classes: Counter[str] = Counter()
    for kind in (*KINDS, "all"):
        chosen = [s for s in samples if kind in ("all", s.kind)]
        counts = Counter("conn" if s.status is None else f"{s.status // 100}xx" for s in chosen)
        if kind == "all":
            classes = counts
        latencies = [s.seconds * 1000 for s in chosen if s.status is not None]
        print(
            f"{kind:<8} {len(chosen):>7} {len(chosen) / wall:>8.1f}"
            f" {percentile(latencies, 0.50):>8.1f} {percentile(latencies, 0.99):>8.1f}"
            f" {counts['2xx']:>6} {counts['4xx']:>5} {counts['5xx']:>5} {counts['conn']:>5}"
        )
    print(
        f"integrity: {integrity.answered_201} answered 201, {integrity.stored} stored;"
        f" missing {len(integrity.missing)}, duplicated {len(integrity.duplicated)},"
        f" without interest {len(integrity.without_interest)},"
        f" without matches {len(integrity.without_matches)}"
    )
    print(
        f"stored without a 201: {len(integrity.stored_after_connection_error)} after a"
        f" connection error (201 lost in transit, not a loss),"
        f" {len(integrity.stored_after_other_status)} after another status,"
        f" {len(integrity.stored_never_sent)} never sent"
    )
    for title, names in (
        ("missing", integrity.missing),
        ("duplicated", integrity.duplicated),
        ("stored after a non-201 status", integrity.stored_after_other_status),
        ("stored but never sent", integrity.stored_never_sent),
        ("without interest", integrity.without_interest),
    ):
        if names:
            print(f"  {title}: {', '.join(names[:10])}{' ...' if len(names) > 10 else ''}")
    for kind, status, ms, body in [f for log in logs for f in log.failures][:10]:
        print(f"  {status} on {kind} after {ms:.0f} ms: {body}")
    print(cpu)
    passed = integrity.ok and classes["5xx"] == 0
    print("result: PASS" if passed else "result: FAIL")
    return passed


def run_one(kind: str, args: argparse.Namespace) -> bool:
    """Fresh database, init-db, gunicorn, the load, the integrity check; all torn down."""
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="g60-load-")))
        if kind == "sqlite":
            database_url = stack.enter_context(sqlite_database(workdir))
        else:
            database_url = stack.enter_context(postgres_database(args.postgres_url))
        env = service_env(database_url, workdir)
        log = workdir / "server.log"
        init_db(env, log)
        port, group = stack.enter_context(
            gunicorn(
                env,
                workers=args.workers,
                worker_class=args.worker_class,
                threads=args.threads,
                log=log,
            )
        )
        # One warm-up registration per worker is not counted: the first fits the matcher.
        for n in range(args.workers):
            request(port, "POST", "/api/v1/delegations", delegation_body(f"Warm-up {n}"))
        server_cpu = group_cpu_seconds(group)
        client_cpu = time.process_time()
        logs, wall = drive(port, clients=args.clients, seconds=args.seconds)
        server_cpu = group_cpu_seconds(group) - server_cpu
        client_cpu = time.process_time() - client_cpu
        integrity = check_integrity(database_url, [*logs, warmup_log(args.workers)])
        label = f"{kind}: {args.clients} clients, {args.workers} {args.worker_class} workers" + (
            f" x {args.threads} threads" if args.worker_class == "gthread" else ""
        )
        count = max(1, sum(len(log.samples) for log in logs))
        cpu = (
            f"cpu: server {server_cpu:.1f} s ({server_cpu * 1000 / count:.1f} ms/request),"
            f" clients {client_cpu:.1f} s, load average {os.getloadavg()[0]:.2f}"
        )
        passed = report(label, logs, wall, integrity, cpu)
        if not passed:
            tail = log.read_text(errors="replace").splitlines()[-40:]
            print("server log (last lines):\n  " + "\n  ".join(tail))
        return passed


def warmup_log(workers: int) -> ClientLog:
    """The warm-up registrations, so the integrity check accounts for them."""
    return ClientLog(submitted={f"Warm-up {n}": 201 for n in range(workers)})


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    # sync: less server CPU per request than gthread (10.8 vs 14.8 ms on SQLite, 20.9 vs 24.0
    # on PostgreSQL) and no SQLite lock waits past the busy timeout; see bench/LOAD.md.
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="sync")
    parser.add_argument("--threads", type=int, default=4, help="per worker, for gthread")
    args = parser.parse_args(argv)
    if not (0 < args.seconds <= 3600 and 0 < args.clients <= 512 and 0 < args.workers <= 64):
        parser.error("--seconds, --clients and --workers must be positive and reasonable")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so every context above stops what it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    try:
        results = {kind: run_one(kind, args) for kind in kinds}
    except KeyboardInterrupt:
        print("\ninterrupted; gunicorn, temporary files and databases were removed")
        return 130
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
