"""No lost decision under concurrency, over real HTTP to gunicorn on each database.

Three races, each run a few rounds with the requests of a round released together:

- accept against edit: coordinators accept suggestions (API) while the delegate edits the
  interest (form) so that the engine proposes other organisations;
- decide against re-run: coordinators accept, annotate and pin while others re-run matching;
- decide against decide: two coordinators decide the same match on the same revision.

Every decision answered 200 must be in the database at the end, unless a later decision on
the same match (a higher revision) replaced it; no answer may be 5xx.
"""

import re
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from .servers import flask, gunicorn, server_env

EMAIL = "races@g60.example"
PASSWORD = "a long and uncommon test passphrase"
ROUNDS = 3
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
TEXTS = (
    "cross-border e-commerce and live streaming partners to sell in China",
    "new energy vehicles, batteries and intelligent connected cars",
)


@dataclass
class Server:
    base: str
    bearer: str
    database_url: str
    answers: list[tuple[str, int]] = field(default_factory=list)
    # (match id, action, text, revision answered) for every decision answered 200.
    decided: list[tuple[int, str, str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, what: str, status: int) -> None:
        with self.lock:
            self.answers.append((what, status))


@pytest.fixture
def server(database_url: str, tmp_path: Path):
    env = server_env(database_url, tmp_path)
    log = tmp_path / "server.log"
    flask(env, "init-db", log=log)
    flask({**env, "MATCHER_USER_PASSWORD": PASSWORD}, "create-user", EMAIL, log=log)
    bearer = flask(env, "create-api-token", EMAIL).strip().splitlines()[-1]
    with gunicorn(env, log, workers=2) as port:
        yield Server(f"http://127.0.0.1:{port}", bearer, database_url)


def registration(seeks: str) -> dict:
    arrival = date.today() + timedelta(days=30)
    return {
        "name": f"Race {uuid.uuid4().hex[:8]}",
        "country": "EG",
        "kind": "chamber",
        "contact_name": "Amina Hassan",
        "contact_email": "amina@chamber.example",
        "languages": ["ar"],
        "locale": "en",
        "arrival": arrival.isoformat(),
        "departure": (arrival + timedelta(days=3)).isoformat(),
        "group_size": 10,
        "interest": {"seeks": seeks},
        "consent": True,
    }


def register(server: Server) -> tuple[str, dict, list[dict]]:
    body = registration(TEXTS[0])
    response = requests.post(f"{server.base}/api/v1/delegations", json=body, timeout=30)
    assert response.status_code == 201, response.text
    created = response.json()
    return created["token"], body, created["delegation"]["matches"]


def decide(server: Server, match: dict, action: str, text: str = "") -> None:
    response = requests.post(
        f"{server.base}/api/v1/matches/{match['id']}/decision",
        json={"action": action, "revision": match["revision"], "text": text},
        headers={"Authorization": f"Bearer {server.bearer}"},
        timeout=60,
    )
    server.note(action, response.status_code)
    if response.status_code == 200:
        with server.lock:
            server.decided.append((match["id"], action, text, response.json()["revision"]))


def edit(server: Server, token: str, body: dict, seeks: str) -> None:
    browser = requests.Session()
    page = browser.get(f"{server.base}/d/{token}/edit", timeout=30).text
    form = {
        "delegation_name": body["name"],
        "country": "EG",
        "kind": "chamber",
        "contact_name": "Amina Hassan",
        "contact_email": "amina@chamber.example",
        "languages": ["ar"],
        "arrival": body["arrival"],
        "departure": body["departure"],
        "group_size": "10",
        "seeks": seeks,
        "consent": "y",
        "csrf_token": CSRF.search(page).group(1),
    }
    response = browser.post(
        f"{server.base}/d/{token}/edit", data=form, allow_redirects=False, timeout=60
    )
    server.note("edit", response.status_code)


def coordinator(server: Server) -> requests.Session:
    browser = requests.Session()
    page = browser.get(f"{server.base}/login", timeout=30).text
    signed_in = browser.post(
        f"{server.base}/login",
        data={"email": EMAIL, "password": PASSWORD, "csrf_token": CSRF.search(page).group(1)},
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 303
    return browser


def rerun(server: Server, browser: requests.Session, delegation_id: int, csrf: str) -> None:
    response = browser.post(
        f"{server.base}/coordinator/delegations/{delegation_id}/rerun",
        data={"csrf_token": csrf},
        allow_redirects=False,
        timeout=60,
    )
    server.note("rerun", response.status_code)


def together(*calls) -> None:
    """Run the calls in threads released at the same moment."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        call()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)


def lost_decisions(server: Server) -> list[str]:
    """Decisions answered 200 that the database does not hold (and no later one replaced)."""
    engine = sa.create_engine(server.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text('SELECT id, status, pinned, note, revision FROM "match"')
            )
            stored = {row.id: row for row in rows}
    finally:
        engine.dispose()
    latest: dict[int, tuple[str, str, int]] = {}
    lost = []
    for match_id, action, text, revision in server.decided:
        seen = latest.get(match_id)
        if seen is not None and seen[2] == revision:
            lost.append(f"match {match_id}: two decisions answered 200 on revision {revision}")
        if seen is None or seen[2] < revision:
            latest[match_id] = (action, text, revision)
    for match_id, (action, text, revision) in latest.items():
        row = stored.get(match_id)
        if row is None:
            lost.append(f"match {match_id}: {action} answered 200, the match is gone")
        elif row.revision < revision:
            lost.append(f"match {match_id}: {action} answered 200, revision {row.revision}")
        elif row.revision == revision and not _holds(row, action, text):
            lost.append(f"match {match_id}: {action} answered 200, stored {row.status}")
    return lost


def _holds(row, action: str, text: str) -> bool:
    return {
        "accept": row.status == "accepted",
        "reject": row.status == "rejected",
        "pin": bool(row.pinned),
        "note": row.note == text,
    }[action]


def test_no_decision_is_lost_to_a_concurrent_edit_rerun_or_decision(server: Server):
    """Accept vs edit, decide vs re-run, decide vs decide: 0 lost decisions, 0 server errors."""
    browser = coordinator(server)
    for round_ in range(ROUNDS):
        token, body, matches = register(server)
        together(
            *(partial(decide, server, m, "accept") for m in matches[:6]),
            *(partial(edit, server, token, body, TEXTS[(n + round_ + 1) % 2]) for n in range(3)),
        )

        token, body, matches = register(server)
        found = requests.get(f"{server.base}/api/v1/delegations/{token}", timeout=30).json()
        page = browser.get(f"{server.base}/coordinator/delegations/{found['id']}").text
        csrf = CSRF.search(page).group(1)
        decisions = (("accept", ""), ("note", "call first"), ("pin", ""))
        together(
            *(partial(decide, server, m, *decisions[i % 3]) for i, m in enumerate(matches[:6])),
            *(partial(rerun, server, browser, found["id"], csrf) for _ in range(3)),
        )

        _, _, matches = register(server)
        together(
            *(partial(decide, server, m, "accept") for m in matches[:4]),
            *(partial(decide, server, m, "reject", "not this year") for m in matches[:4]),
        )

    statuses = Counter(status for _, status in server.answers)
    assert [s for s in statuses if s >= 500] == [], statuses
    assert lost_decisions(server) == []
    # The races were real: some decisions were answered, some refused as conflicts.
    assert statuses[200] >= 3 * ROUNDS
    assert set(statuses) <= {200, 303, 409}, statuses
