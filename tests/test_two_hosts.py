"""Two app hosts (two gunicorn instances) sharing one PostgreSQL and one Redis.

A directory change made through one host is ranked by the engine of the other; rate limits are
counted once for both; a coordinator's session and a delegate's private link work on either.
"""

import re
from pathlib import Path

import pytest
import requests

from .servers import flask, gunicorn, redis_server, server_env
from .test_races import EMAIL, PASSWORD, registration

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
LIMIT = 10
NEW_ORGANISATION = {
    "name": "Songjiang Quantum Ferry Works",
    "kind": "company",
    "city": "songjiang",
    "offers": "quantum ferry navigation instruments for inland waterways",
}


def test_two_hosts_share_directory_limits_sessions_and_links(database_url: str, tmp_path: Path):
    if not database_url.startswith("postgresql"):
        pytest.skip("several hosts share a database server, not an SQLite file")
    with redis_server(tmp_path) as redis_url:
        hosts = []
        for name in ("a", "b"):
            workdir = tmp_path / name
            workdir.mkdir()
            hosts.append(
                server_env(
                    database_url,
                    workdir,
                    MATCHER_RATELIMIT_STORAGE_URI=redis_url,
                    MATCHER_LOGIN_RATE_LIMIT=f"{LIMIT} per minute",
                    MATCHER_PROXY_FIX_X_FOR="1",
                )
            )
        log = tmp_path / "server.log"
        flask(hosts[0], "init-db", log=log)
        flask({**hosts[0], "MATCHER_USER_PASSWORD": PASSWORD}, "create-user", EMAIL, log=log)
        bearer = flask(hosts[0], "create-api-token", EMAIL).strip().splitlines()[-1]
        with gunicorn(hosts[0], log) as port_a, gunicorn(hosts[1], log) as port_b:
            a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
            search = {"text": "quantum ferry navigation", "k": 3}
            before = requests.get(f"{b}/api/v1/organisations/search", params=search, timeout=30)
            assert NEW_ORGANISATION["name"] not in before.text

            created = requests.post(
                f"{a}/api/v1/organisations",
                json=NEW_ORGANISATION,
                headers={"Authorization": f"Bearer {bearer}"},
                timeout=30,
            )
            assert created.status_code == 201, created.text
            after = requests.get(f"{b}/api/v1/organisations/search", params=search, timeout=30)
            assert after.json()["items"][0]["organisation"]["name"] == NEW_ORGANISATION["name"]

            statuses = []
            for n in range(2 * LIMIT):
                host = (a, b)[n % 2]
                browser = requests.Session()
                browser.headers["X-Forwarded-For"] = "203.0.113.7"
                page = browser.get(f"{host}/login", timeout=30).text
                statuses.append(
                    browser.post(
                        f"{host}/login",
                        data={
                            "email": f"guess{n}@g60.example",
                            "password": "wrong",
                            "csrf_token": CSRF.search(page).group(1),
                        },
                        timeout=30,
                    ).status_code
                )
            assert statuses.count(429) == LIMIT, statuses

            coordinator = requests.Session()
            page = coordinator.get(f"{a}/login", timeout=30).text
            signed_in = coordinator.post(
                f"{a}/login",
                data={
                    "email": EMAIL,
                    "password": PASSWORD,
                    "csrf_token": CSRF.search(page).group(1),
                },
                allow_redirects=False,
                timeout=30,
            )
            assert signed_in.status_code == 303
            queue = coordinator.get(f"{b}/coordinator/", allow_redirects=False, timeout=30)
            assert queue.status_code == 200

            registered = requests.post(
                f"{b}/api/v1/delegations", json=registration("quantum ferry"), timeout=30
            )
            assert registered.status_code == 201
            token = registered.json()["token"]
            assert requests.get(f"{a}/d/{token}", timeout=30).status_code == 200
            assert requests.get(f"{a}/api/v1/delegations/{token}", timeout=30).status_code == 200
