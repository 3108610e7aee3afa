"""Rate limits hold across every gunicorn worker, on the embedded store and on Redis.

gunicorn runs 3 workers behind a (simulated) proxy that sets X-Forwarded-For. From one
address: at most 10 sign-in attempts a minute and 10 registrations a minute get through, however
the requests are spread over the workers. Guessing one account's password from one address does
not lock its owner out of another address.
"""

import re
from pathlib import Path

import pytest
import requests

from matcher import create_app

from .servers import flask, gunicorn, redis_server, server_env
from .test_races import EMAIL, PASSWORD, registration

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
LIMIT = 10


def sign_in(base: str, address: str, email: str, password: str) -> int:
    browser = requests.Session()
    browser.headers["X-Forwarded-For"] = address
    page = browser.get(f"{base}/login", timeout=30).text
    answer = browser.post(
        f"{base}/login",
        data={"email": email, "password": password, "csrf_token": CSRF.search(page).group(1)},
        allow_redirects=False,
        timeout=30,
    )
    return answer.status_code


@pytest.mark.parametrize("store", ["embedded", "redis"])
def test_limits_hold_across_workers_without_locking_the_owner_out(
    store: str, database_url: str, tmp_path: Path
):
    env = server_env(
        database_url,
        tmp_path,
        MATCHER_LOGIN_RATE_LIMIT=f"{LIMIT} per minute",
        MATCHER_INTEREST_RATE_LIMIT=f"{LIMIT} per minute",
        MATCHER_PROXY_FIX_X_FOR="1",
    )
    log = tmp_path / "server.log"
    flask(env, "init-db", log=log)
    flask({**env, "MATCHER_USER_PASSWORD": PASSWORD}, "create-user", EMAIL, log=log)
    with redis_server(tmp_path) if store == "redis" else _nothing() as redis_url:
        if redis_url:
            env["MATCHER_RATELIMIT_STORAGE_URI"] = redis_url
        with gunicorn(env, log, workers=3) as port:
            base = f"http://127.0.0.1:{port}"
            guesses = [
                sign_in(base, "203.0.113.7", f"guess{n}@g60.example", "wrong password")
                for n in range(3 * LIMIT)
            ]
            assert guesses.count(429) == 2 * LIMIT, guesses

            attacks = [
                sign_in(base, "203.0.113.8", EMAIL, "wrong password") for _ in range(LIMIT + 5)
            ]
            assert attacks.count(429) == 5, attacks
            assert sign_in(base, "198.51.100.2", EMAIL, PASSWORD) == 303

            created = [
                requests.post(
                    f"{base}/api/v1/delegations",
                    json=registration("solar power"),
                    headers={"X-Forwarded-For": "203.0.113.9"},
                    timeout=30,
                ).status_code
                for _ in range(LIMIT + 5)
            ]
            assert created.count(201) == LIMIT and created.count(429) == 5, created
    served = log.read_text(errors="replace").split("Starting gunicorn")[-1]
    warned = "rate limits are counted per machine" in served
    assert warned == (store == "embedded" and database_url.startswith("postgresql"))


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_startup_warns_when_the_store_cannot_be_shared(tmp_path: Path, caplog):
    from matcher.ratelimits import warn_if_not_shared

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "SECRET_KEY": "x",
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    assert "each worker's memory" in (warn_if_not_shared(app, workers=4) or "")
    embedded = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'y.sqlite3'}", "SECRET_KEY": "x"}
    )
    assert embedded.config["RATELIMIT_STORAGE_URI"].startswith("matcher+sqlite://")
    assert warn_if_not_shared(embedded, workers=4) is None
