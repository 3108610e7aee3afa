"""Configuration in layers: defaults, instance/config.py, MATCHER_* environment, test config."""

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask

from .ratelimits import default_storage_uri

DEFAULTS: dict[str, Any] = {
    # Empty means "an SQLite file in the instance folder"; set MATCHER_DATABASE_URL to move.
    "DATABASE_URL": "",
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
    "ORGANISATIONS_PER_PAGE": 20,
    # Uploads and form posts: nothing the service accepts is larger than this.
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "WTF_CSRF_TIME_LIMIT": None,
    "RATELIMIT_ENABLED": True,
    # Empty means "an SQLite file in the instance folder", shared by the machine's workers;
    # redis://... when several hosts serve.
    "RATELIMIT_STORAGE_URI": "",
    "RATELIMIT_HEADERS_ENABLED": True,
    # Interest forms one client may send; generous for a delegation, tight for a robot.
    "INTEREST_RATE_LIMIT": "10 per minute;50 per day",
    # The address delegates reach the service at (https://match.example.org); private links
    # are built on it. Empty: links are paths on the site the request came to.
    "PUBLIC_URL": "",
    # Number of proxies in front of the service that set X-Forwarded-For (0: none).
    "PROXY_FIX_X_FOR": 0,
    "MATCHES_PER_DELEGATION": 10,
    # How delegations reach their coordinators (name, e-mail, phone), printed on the dossier's
    # cover; empty: left out.
    "COORDINATOR_CONTACT": "",
    # Sign-in attempts per client address and, separately, per e-mail address.
    "LOGIN_RATE_LIMIT": "10 per minute;100 per day",
    # The private link sent again by e-mail: per client address and per e-mail address.
    "LINK_RATE_LIMIT": "5 per hour;20 per day",
    # Outgoing mail (Flask-Mail over SMTP); set MATCHER_MAIL_SERVER, _PORT, _USE_TLS,
    # _USERNAME, _PASSWORD and _DEFAULT_SENDER for the real server.
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_DEFAULT_SENDER": "G60 Match <no-reply@localhost>",
    "MAIL_SUPPRESS_SEND": False,
    # A coordinator's sign-in lasts a working day.
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,
}

# A file name; the key itself is generated into it (bandit B105 mistakes it for a key).
SECRET_KEY_FILE = "secret_key"  # nosec B105


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill ``app.config`` from each layer in turn, later layers winning."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("MATCHER")
    if test_config:
        app.config.from_mapping(test_config)

    if not app.config["DATABASE_URL"]:
        database = Path(app.instance_path) / "matcher.sqlite3"
        app.config["DATABASE_URL"] = f"sqlite:///{database}"
    if not app.config["RATELIMIT_STORAGE_URI"]:
        app.config["RATELIMIT_STORAGE_URI"] = default_storage_uri(app.instance_path)
    if str(Path(app.instance_path)) in app.config["DATABASE_URL"]:
        # SQLite creates the database file, never its folder (a fresh checkout has none).
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def instance_secret_key(instance_path: Path) -> str:
    """Return the key kept in the instance folder, generating it on first use."""
    key_file = instance_path / SECRET_KEY_FILE
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        # Written aside then linked into place: several workers starting at once all end
        # up reading the one key that won, never a half-written file.
        fd, draft = tempfile.mkstemp(dir=instance_path, prefix=".secret-")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32))
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return key_file.read_text(encoding="ascii").strip()
