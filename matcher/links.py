"""Private links and the retry-safe registration: built from settings, never from the request.

A link handed to a delegate is the key to their page. It is built on the configured public
address (``PUBLIC_URL``), not on the Host header a client sent, which anyone can forge. A client
that registers with an ``Idempotency-Key`` gets a token derived from that key and the request's
body with the service's secret key: a retry of the same request, after a lost answer, finds the
delegation it created instead of creating another, and nothing secret is stored to do so.
"""

import base64
import hashlib
import hmac

from flask import current_app, url_for

KEY_LENGTHS = range(16, 201)


def private_link(endpoint: str, **values) -> str:
    """The address of a private page: on PUBLIC_URL when set, else a path on this site."""
    path = url_for(endpoint, **values)
    public = current_app.config.get("PUBLIC_URL", "").rstrip("/")
    return f"{public}{path}" if public else path


def absolute_link(endpoint: str, **values) -> str:
    """A whole address for e-mails and copy buttons: on PUBLIC_URL when set (set it in
    production: otherwise the address follows the request's Host)."""
    public = current_app.config.get("PUBLIC_URL", "").rstrip("/")
    if public:
        return public + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def valid_idempotency_key(key: str) -> bool:
    """16 to 200 printable ASCII characters (a UUID is a good key)."""
    return len(key) in KEY_LENGTHS and key.isascii() and key.isprintable()


def idempotent_token(*, secret: str, key: str, body: bytes) -> str:
    """The private token of the delegation registered with ``key`` and ``body``."""
    message = b"delegation\0" + key.encode("ascii") + b"\0" + hashlib.sha256(body).digest()
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
