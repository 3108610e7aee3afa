"""Shared index memory: gunicorn workers map one copy of the engine index.

Fills a fresh SQLite database with a synthetic directory (the generator of bench/engine.py),
builds the index once with `flask build-index`, starts gunicorn with several workers, sends
searches until every worker has mapped the index files, then reads each worker's memory from
/proc/PID/smaps_rollup (whole process) and /proc/PID/smaps (the index files only).

    .venv/bin/python bench/shared_memory.py --organisations 20000 --workers 4
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engine import make_directory, make_queries  # noqa: E402  (bench/ is on the path above)
from load import get, gunicorn, service_env  # noqa: E402

from matcher import create_app  # noqa: E402
from matcher.db import (  # noqa: E402
    get_engine,
    session_scope,
    upgrade_schema,  # noqa: E402
)
from matcher.models import Organisation, OrganisationKind  # noqa: E402
from matcher.services.directory import bump_directory_version  # noqa: E402

FIELDS = ("Rss", "Pss", "Shared_Clean", "Private_Clean", "Private_Dirty")
CITIES = "songjiang jiaxing hangzhou jinhua suzhou huzhou xuancheng wuhu hefei".split()


def fill_database(env: dict[str, str], n: int) -> None:
    """Migrate the database and add n synthetic organisations in one transaction."""
    app = create_app({"DATABASE_URL": env["MATCHER_DATABASE_URL"], "SECRET_KEY": "bench"})
    upgrade_schema(get_engine(app))
    ids, texts, attrs = make_directory(n)
    rng = random.Random(60)
    with session_scope(app) as session:
        session.add_all(
            Organisation(
                name=f"{text['name']} {org_id}",
                kind=OrganisationKind.company,
                city=rng.choice(CITIES),
                offers=text["offers"],
                seeks=text["seeks"],
                description=text["description"],
            )
            for org_id, text in zip(ids, texts, strict=True)
        )
        bump_directory_version(session=session)
    get_engine(app).dispose()


def workers_of(master: int) -> list[int]:
    """Process ids whose parent is the gunicorn master."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            out.append(int(stat.parent.name))
    return sorted(out)


def rollup(pid: int) -> dict[str, int]:
    """kB figures of the whole process."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in FIELDS:
            values[name] = int(rest.split()[0])
    return values


def index_mappings(pid: int, folder: Path) -> dict[str, int]:
    """kB figures summed over the mappings of files in the index folder."""
    totals = dict.fromkeys(FIELDS, 0)
    inside = False
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and len(head) >= 5 and ":" not in head[0]:
            inside = len(head) >= 6 and head[5].startswith(str(folder))
            continue
        name, _, rest = line.partition(":")
        if inside and name in FIELDS:
            totals[name] += int(rest.split()[0])
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shared-index-") as tmp:
        workdir = Path(tmp)
        env = service_env(f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)
        started = time.perf_counter()
        fill_database(env, args.organisations)
        seconds = time.perf_counter() - started
        print(f"{args.organisations:,} organisations stored in {seconds:.1f} s")
        built = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "build-index"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        print(built.stdout.strip())
        folder = workdir / "instance" / "index"
        index_kb = sum(p.stat().st_size for p in folder.rglob("*.npy")) // 1024
        print(f"index files: {index_kb / 1024:.1f} MB")
        queries = make_queries(args.queries)
        with gunicorn(
            env, workers=args.workers, worker_class="sync", threads=1, log=workdir / "log"
        ) as (port, master):
            deadline = time.monotonic() + 60
            while len(pids := workers_of(master)) < args.workers and time.monotonic() < deadline:
                time.sleep(0.2)  # the first worker answers while the others are being forked
            for attempt, text in enumerate(queries * 5):
                path = "/api/v1/organisations/search?" + urllib.parse.urlencode({"text": text})
                status, _ = get(port, path)
                assert status == 200, status
                if attempt % 20 == 19 and all(index_mappings(p, folder)["Rss"] for p in pids):
                    break
            report(master, pids, folder, index_kb)


def report(master: int, pids: list[int], folder: Path, index_kb: int) -> None:
    """Each process's memory, then the index files' pages in each worker.

    The master is listed too: with the application preloaded (gunicorn.conf.py) it holds the
    imported code the workers share, so the server's footprint is the sum of every Pss."""
    print(f"\n{'process':>8} " + " ".join(f"{f:>14}" for f in FIELDS) + "   (kB, whole process)")
    total_pss = 0
    for pid in [master, *pids]:
        values = rollup(pid)
        total_pss += values.get("Pss", 0)
        name = "master" if pid == master else str(pid)
        print(f"{name:>8} " + " ".join(f"{values.get(f, 0):>14,}" for f in FIELDS))
    print(f"server in all (Pss of the master and {len(pids)} workers): {total_pss / 1024:,.0f} MB")
    print(f"\n{'worker':>8} " + " ".join(f"{f:>14}" for f in FIELDS) + "   (kB, index files)")
    total_private = total_rss = 0
    for pid in pids:
        values = index_mappings(pid, folder)
        total_rss += values["Rss"]
        total_private += values["Private_Clean"] + values["Private_Dirty"]
        print(f"{pid:>8} " + " ".join(f"{values[f]:>14,}" for f in FIELDS))
    print(
        f"\nindex files {index_kb:,} kB; {len(pids)} workers map {total_rss:,} kB of them "
        f"(Rss summed), of which private {total_private:,} kB: one shared copy, not {len(pids)}"
    )


if __name__ == "__main__":
    main()
