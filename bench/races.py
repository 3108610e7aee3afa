"""Race and fault benchmark: concurrent decisions, edits and re-runs over real HTTP to gunicorn.

For each database, on a fresh database with the shipped directory, it runs ``--rounds`` rounds
of three races, the requests of each race released together from threads:

- accept against edit: a coordinator accepts six suggestions (API) while the delegate edits the
  interest three times (form) so that the engine proposes other organisations;
- decide against re-run: accept, annotate and pin six matches while three re-runs go;
- decide against decide: accept and reject the same four matches on the same revision.

With ``--faults``, a gunicorn worker is killed (SIGKILL) part-way and, on PostgreSQL, every
connection of the service is terminated once. It then counts, from the database: decisions
answered 200 that are not stored (lost decisions), registrations answered 201 that are not
stored (lost rows); from the answers: 5xx, 409 and connection errors; from the log: deadlocks
and busy databases retried, and transactions that gave up after the retries. Exits 1 on any
lost decision or row, or any 5xx outside the moments of a fault.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import requests
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (  # noqa: E402  (a sibling script)
    DEFAULT_POSTGRES_URL,
    gunicorn,
    init_db,
    postgres_database,
    service_env,
    sqlite_database,
)

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
EMAIL, PASSWORD = "bench@g60.example", "a long and uncommon bench passphrase"
TEXTS = (
    "cross-border e-commerce and live streaming partners to sell in China",
    "new energy vehicles, batteries and intelligent connected cars",
)


class Run:
    """Everything answered during one database's run."""

    def __init__(self, base: str, bearer: str) -> None:
        self.base, self.bearer = base, bearer
        self.statuses: Counter = Counter()
        self.decided: list[tuple[int, str, str, int]] = []
        self.registered: list[int] = []
        self.lock = threading.Lock()

    def note(self, status: int | str) -> None:
        with self.lock:
            self.statuses[status] += 1

    def call(self, method: str, path: str, session=None, **kwargs):
        try:
            answer = (session or requests).request(
                method, self.base + path, timeout=60, allow_redirects=False, **kwargs
            )
        except requests.RequestException:
            self.note("connection error")
            return None
        self.note(answer.status_code)
        return answer


def flask(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def body(seeks: str) -> dict:
    arrival = date.today() + timedelta(days=30)
    return {
        "name": f"Race {uuid.uuid4().hex[:8]}", "country": "EG", "kind": "chamber",
        "contact_name": "Amina Hassan", "contact_email": "amina@chamber.example",
        "languages": ["ar"], "locale": "en", "arrival": arrival.isoformat(),
        "departure": (arrival + timedelta(days=3)).isoformat(), "group_size": 10,
        "interest": {"seeks": seeks}, "consent": True,
    }  # fmt: skip


def register(run: Run):
    sent = body(TEXTS[0])
    answer = run.call("POST", "/api/v1/delegations", json=sent)
    if answer is None or answer.status_code != 201:
        return None
    created = answer.json()
    with run.lock:
        run.registered.append(created["delegation"]["id"])
    return created["token"], sent, created["delegation"]


def decide(run: Run, match: dict, action: str, text: str = "") -> None:
    answer = run.call(
        "POST",
        f"/api/v1/matches/{match['id']}/decision",
        json={"action": action, "revision": match["revision"], "text": text},
        headers={"Authorization": f"Bearer {run.bearer}"},
    )
    if answer is not None and answer.status_code == 200:
        with run.lock:
            run.decided.append((match["id"], action, text, answer.json()["revision"]))


def edit(run: Run, token: str, sent: dict, seeks: str) -> None:
    browser = requests.Session()
    page = run.call("GET", f"/d/{token}/edit", session=browser)
    if page is None or page.status_code != 200:
        return
    form = {
        "delegation_name": sent["name"], "country": "EG", "kind": "chamber",
        "contact_name": "Amina Hassan", "contact_email": "amina@chamber.example",
        "languages": ["ar"], "arrival": sent["arrival"], "departure": sent["departure"],
        "group_size": "10", "seeks": seeks, "consent": "y",
        "csrf_token": CSRF.search(page.text).group(1),
    }  # fmt: skip
    run.call("POST", f"/d/{token}/edit", session=browser, data=form)


def rerun(run: Run, browser, delegation_id: int, csrf: str) -> None:
    path = f"/coordinator/delegations/{delegation_id}/rerun"
    run.call("POST", path, session=browser, data={"csrf_token": csrf})


def together(*calls) -> None:
    barrier = threading.Barrier(len(calls))
    threads = [threading.Thread(target=lambda c=c: (barrier.wait(), c())) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)


def races(run: Run, rounds: int, fault) -> None:
    browser = requests.Session()
    page = browser.get(run.base + "/login", timeout=30).text
    browser.post(
        run.base + "/login",
        data={"email": EMAIL, "password": PASSWORD, "csrf_token": CSRF.search(page).group(1)},
        timeout=30,
    )
    for number in range(rounds):
        if fault is not None and number == rounds // 2:
            fault()
        if created := register(run):
            token, sent, delegation = created
            matches = delegation["matches"]
            together(
                *(partial(decide, run, m, "accept") for m in matches[:6]),
                *(partial(edit, run, token, sent, TEXTS[(n + number + 1) % 2]) for n in range(3)),
            )
        if created := register(run):
            _, _, delegation = created
            page = browser.get(f"{run.base}/coordinator/delegations/{delegation['id']}").text
            csrf = CSRF.search(page).group(1)
            decisions = (("accept", ""), ("note", "call first"), ("pin", ""))
            together(
                *(
                    partial(decide, run, m, *decisions[i % 3])
                    for i, m in enumerate(delegation["matches"][:6])
                ),
                *(partial(rerun, run, browser, delegation["id"], csrf) for _ in range(3)),
            )
        if created := register(run):
            matches = created[2]["matches"]
            together(
                *(partial(decide, run, m, "accept") for m in matches[:4]),
                *(partial(decide, run, m, "reject", "not this year") for m in matches[:4]),
            )


def losses(database_url: str, run: Run) -> tuple[int, int]:
    """(lost decisions, lost registrations) as the database holds them now."""
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text('SELECT id, status, pinned, note, revision FROM "match"')
            )
            stored = {row.id: row for row in rows}
            delegations = set(connection.execute(sa.text("SELECT id FROM delegation")).scalars())
    finally:
        engine.dispose()
    latest: dict[int, tuple[str, str, int]] = {}
    lost = 0
    for match_id, action, text, revision in run.decided:
        seen = latest.get(match_id)
        lost += seen is not None and seen[2] == revision
        if seen is None or seen[2] < revision:
            latest[match_id] = (action, text, revision)
    for match_id, (action, text, revision) in latest.items():
        row = stored.get(match_id)
        holds = row is not None and row.revision >= revision and (
            row.revision > revision
            or {"accept": row.status == "accepted", "reject": row.status == "rejected",
                "pin": bool(row.pinned), "note": row.note == text}[action]
        )  # fmt: skip
        lost += not holds
    return lost, len(set(run.registered) - delegations)


def faults(database_url: str, master: int):
    """Kill one worker and, on PostgreSQL, terminate the service's connections."""

    def strike() -> None:
        children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
        pids = [int(pid) for pid in children.stdout.split()]
        if pids:
            os.kill(min(pids), signal.SIGKILL)
        if database_url.startswith("postgresql"):
            engine = sa.create_engine(database_url)
            with engine.begin() as connection:
                connection.execute(sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                ))  # fmt: skip
            engine.dispose()

    return strike


def run_one(kind: str, args: argparse.Namespace) -> bool:
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-races-")))
        database = stack.enter_context(
            sqlite_database(workdir) if kind == "sqlite" else postgres_database(args.postgres_url)
        )
        env = service_env(database, workdir)
        log = workdir / "server.log"
        init_db(env, log)
        flask({**env, "MATCHER_USER_PASSWORD": PASSWORD}, "create-user", EMAIL)
        bearer = flask(env, "create-api-token", EMAIL).strip().splitlines()[-1]
        port, group = stack.enter_context(
            gunicorn(env, workers=args.workers, worker_class="sync", threads=1, log=log)
        )
        run = Run(f"http://127.0.0.1:{port}", bearer)
        started = time.monotonic()
        races(run, args.rounds, faults(database, group) if args.faults else None)
        wall = time.monotonic() - started
        lost_decisions, lost_rows = losses(database, run)
        text = log.read_text(errors="replace")
        retried, gave_up = text.count("transaction retried after"), text.count("gave up after")
        server_errors = sum(n for s, n in run.statuses.items() if isinstance(s, int) and s >= 500)
    label = f"{kind}{' with faults' if args.faults else ''}"
    print(f"{label}: {args.rounds} rounds in {wall:.1f} s, {args.workers} workers")
    print(f"  answers: {dict(sorted(run.statuses.items(), key=str))}")
    print(f"  decisions answered 200: {len(run.decided)}; lost decisions: {lost_decisions}")
    print(f"  registrations answered 201: {len(run.registered)}; lost rows: {lost_rows}")
    print(f"  5xx: {server_errors}; retried transactions: {retried}; gave up (409): {gave_up}")
    return lost_decisions == 0 and lost_rows == 0 and (server_errors == 0 or args.faults)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--faults", action="store_true", help="kill a worker, drop connections")
    args = parser.parse_args(argv)
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    results = [run_one(kind, args) for kind in kinds]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
