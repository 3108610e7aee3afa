"""Registering a delegation once per idempotency key, for the API and the interest form alike.

A client (the API's ``Idempotency-Key`` header, or the one-time key the interest form carries)
names its request. The private token is derived from that key and what the request asks for,
with the service's secret key; the delegation stores a hash of the key. The same key with the
same answers finds the delegation it created, with the same token; the same key with other
answers is refused with a reason. Requests without a key register anew.
"""

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ..links import idempotent_token
from ..models import Delegation, DelegationDetails, InterestDetails
from . import delegations, recommend


class KeyReused(ValueError):
    """The key already registered a delegation with other answers."""


@dataclass(frozen=True)
class Registration:
    """A delegation and its private token; ``first`` is False when an earlier request made it."""

    delegation: Delegation
    token: str
    first: bool
    reason: str | None = None


@dataclass(frozen=True)
class Asked:
    """What one registration asks for, and the key its client named it with (None: no key)."""

    details: DelegationDetails
    interest: InterestDetails
    key: str | None = None

    def fingerprint(self) -> bytes:
        """The answers, whichever way they came: the same answers, the same bytes."""
        return request_fingerprint(self.details, self.interest)


def request_fingerprint(details: DelegationDetails, interest: InterestDetails) -> bytes:
    """What a registration asks for, whichever way it came: the same answers, the same bytes."""
    asked = {
        # The moment of consent and the page's language are not answers: a form sent again
        # after switching language asks for the same delegation.
        "delegation": details.model_dump(mode="json", exclude={"consent_at", "locale"}),
        "interest": interest.model_dump(mode="json"),
    }
    return json.dumps(asked, sort_keys=True, ensure_ascii=False).encode("utf-8")


def stored_key(key: str) -> str:
    """What the delegation keeps of its idempotency key (64 hexadecimal digits)."""
    return hashlib.sha256(b"idempotency-key\0" + key.encode("utf-8")).hexdigest()


def earlier_registration(*, session: Session, secret: str, asked: Asked) -> Registration | None:
    """The registration an earlier request with ``asked.key`` made, or None.

    :raises KeyReused: when that request asked for something else.
    """
    if asked.key is None:
        return None
    found = delegations.delegation_by_submission(session=session, key=stored_key(asked.key))
    if found is None:
        return None
    token = idempotent_token(secret=secret, key=asked.key, body=asked.fingerprint())
    if found.token_hash != delegations.hash_token(token):
        raise KeyReused("This key was already used to register a delegation with other answers.")
    return Registration(delegation=found, token=token, first=False)


def register_once(*, session: Session, secret: str, asked: Asked, matches: int) -> Registration:
    """Register a delegation and propose its matches, unless its key already did (not committed).

    Two requests with one key at the same moment meet at the commit (the stored key is unique):
    the caller rolls back and asks ``earlier_registration``.

    :raises KeyReused: when the key was used with other answers.
    """
    earlier = earlier_registration(session=session, secret=secret, asked=asked)
    if earlier is not None:
        return earlier
    key = asked.key
    token = (
        delegations.new_token()
        if key is None
        else idempotent_token(secret=secret, key=key, body=asked.fingerprint())
    )
    delegation = delegations.register_delegation(
        session=session,
        details=asked.details,
        interest=asked.interest,
        token=token,
        submission_key=stored_key(key) if key is not None else None,
    )
    proposal = recommend.propose_matches(session=session, delegation=delegation, k=matches)
    return Registration(delegation=delegation, token=token, first=True, reason=proposal.reason)


def register_and_commit(
    *, session: Session, secret: str, asked: Asked, matches: int
) -> Registration:
    """`register_once`, committed. When a request with the same key committed first (a double
    click, a retry), its registration is the answer.

    :raises KeyReused: when the key was used with other answers (rolled back).
    :raises IntegrityError: when the commit failed and no registration has the key.
    """
    try:
        done = register_once(session=session, secret=secret, asked=asked, matches=matches)
        session.commit()
    except KeyReused:
        session.rollback()
        raise
    except IntegrityError:
        session.rollback()
        earlier = earlier_registration(session=session, secret=secret, asked=asked)
        if earlier is None:
            raise
        return earlier
    return done
