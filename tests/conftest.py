"""Fixtures: every test gets a clean database, on SQLite and, when configured, PostgreSQL."""

import os
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from hypothesis import settings
from sqlmodel import Session, select

from matcher import create_app
from matcher.db import get_engine, session_scope, upgrade_schema
from matcher.models import Delegation, Match, MatchStatus, Organisation, OrganisationKind
from matcher.services import directory, itinerary, outcomes, review

from . import sample_directory as sample

POSTGRES_URL = os.environ.get("MATCHER_TEST_DATABASE_URL", "")

# Property tests: many examples in CI, a quick look while developing (HYPOTHESIS_PROFILE wins).
settings.register_profile("ci", max_examples=150, print_blob=True)
settings.register_profile("dev", max_examples=25)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path) -> Iterator[str]:
    """An empty database: an SQLite file, or a fresh schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'matcher.sqlite3'}"
        return
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run on PostgreSQL: MATCHER_TEST_DATABASE_URL is not set")
        pytest.skip("PostgreSQL not configured: set MATCHER_TEST_DATABASE_URL")
    # The schema name is generated here from hex digits, never from input.
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def app(database_url: str, tmp_path: Path, monkeypatch) -> Iterator[Flask]:
    """The application on a migrated, empty database."""
    monkeypatch.setenv("MATCHER_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret-key"}
    )
    upgrade_schema(get_engine(app))
    yield app
    get_engine(app).dispose()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in memory per process: every test starts with none."""
    from matcher.extensions import limiter

    yield
    if getattr(limiter, "_storage", None) is not None:
        limiter.reset()


@pytest.fixture
def shipped(app: Flask) -> Flask:
    """The application with the shipped directory from data/ loaded."""
    with session_scope(app) as session:
        directory.load_shipped_directory(session=session)
    return app


@pytest.fixture
def sample_directory(app: Flask) -> Flask:
    """The application with the small generated directory of tests/sample_directory.py.

    Tests of behaviour use it; tests about the shipped organisations themselves use
    ``shipped``.
    """
    with session_scope(app) as session:
        sample.load_directory(session=session)
    return app


@pytest.fixture
def make_directory(app: Flask):
    """Load a generated directory of one's own: records made with sample_directory.record."""

    def make(*records: dict) -> Flask:
        with session_scope(app) as session:
            sample.load_directory(session=session, records=records)
        return app

    return make


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    with Session(get_engine(app)) as session:
        yield session


@pytest.fixture
def make_organisation(app: Flask):
    """Create an organisation with sensible defaults; keyword arguments override them."""

    def make(**values) -> Organisation:
        values.setdefault("name", f"Organisation {uuid.uuid4().hex[:8]}")
        values.setdefault("kind", OrganisationKind.company)
        values.setdefault("city", "songjiang")
        with session_scope(app) as session:
            organisation = Organisation(**values)
            session.add(organisation)
            directory.bump_directory_version(session=session)
            session.flush()
            session.refresh(organisation)
            session.expunge(organisation)
        return organisation

    return make


CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def csrf_token(client):
    """The CSRF token a page's form carries, as a browser would send it back."""

    def token(url: str) -> str:
        page = client.get(url).get_data(as_text=True)
        found = CSRF_FIELD.search(page)
        assert found, f"no CSRF token on {url}"
        return found.group(1)

    return token


COORDINATOR_PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(app):
    """Create an account; returns its e-mail address."""

    def make(email: str = "coordinator@g60.example", role: str = "coordinator") -> str:
        from matcher.services import accounts

        with session_scope(app) as session:
            accounts.create_user(
                session=session, email=email, password=COORDINATOR_PASSWORD, role=role
            )
        return email

    return make


@pytest.fixture
def login(client, csrf_token):
    """Sign a client in through the real form."""

    def login(email: str, password: str = COORDINATOR_PASSWORD, who=None):
        who = who or client
        page = who.get("/login").get_data(as_text=True)
        token = CSRF_FIELD.search(page).group(1)
        return who.post("/login", data={"email": email, "password": password, "csrf_token": token})

    return login


@pytest.fixture
def coordinator(shipped, make_user, login):
    """A signed-in coordinator on the shipped directory; returns the e-mail address."""
    email = make_user()
    response = login(email)
    assert response.status_code == 303
    return email


@pytest.fixture
def administrator(shipped, make_user, login):
    """A signed-in administrator on the shipped directory; returns the e-mail address."""
    email = make_user("admin@g60.example", role="admin")
    response = login(email)
    assert response.status_code == 303
    return email


@pytest.fixture
def sample_coordinator(sample_directory, make_user, login):
    """A signed-in coordinator on the generated directory; returns the e-mail address."""
    email = make_user()
    assert login(email).status_code == 303
    return email


@pytest.fixture
def sample_administrator(sample_directory, make_user, login):
    """A signed-in administrator on the generated directory; returns the e-mail address."""
    email = make_user("admin@g60.example", role="admin")
    assert login(email).status_code == 303
    return email


@pytest.fixture
def make_delegation(app):
    """Register a delegation through the service and propose its matches; returns its id.

    The private link's token of each is kept in ``make_delegation.tokens`` (the database only
    holds its hash).
    """

    def make(
        seeks: str = "cross-border e-commerce and live streaming",
        sectors=("cross-border-ecommerce",),
        arrival=None,
        days: int = 4,
        country: str = "EG",
        name: str = "Cairo Chamber of Commerce",
    ) -> int:
        from datetime import UTC, date, datetime, timedelta

        from matcher.models import DelegationDetails, InterestDetails
        from matcher.services import delegations, recommend

        arrival = arrival or date.today() + timedelta(days=30)
        token = delegations.new_token()
        with session_scope(app) as session:
            delegation = delegations.register_delegation(
                session=session,
                token=token,
                details=DelegationDetails(
                    name=name,
                    country=country,
                    kind="chamber",
                    contact_name="Amina Hassan",
                    contact_email="amina@chamber.example",
                    arrival=arrival,
                    departure=arrival + timedelta(days=days - 1),
                    group_size=10,
                    consent_at=datetime.now(UTC),
                    languages=["ar", "en"],
                ),
                interest=InterestDetails(seeks=seeks, sectors=list(sectors)),
            )
            recommend.propose_matches(session=session, delegation=delegation)
            make.tokens[delegation.id] = token
            return delegation.id

    make.tokens = {}
    return make


def accept_top(app, delegation_id: int, count: int = 3) -> list[int]:
    """Accept a delegation's ``count`` best matches; the accepted organisations' ids, best first."""
    with session_scope(app) as session:
        matches = session.exec(
            select(Match).where(Match.delegation_id == delegation_id).order_by(Match.rank)
        ).all()
        for match in matches[:count]:
            match.status = MatchStatus.accepted
        return [m.organisation_id for m in matches[:count]]


def decide(session, *, match: Match, user, action: str, text: str = "") -> Match:
    """A coordinator's decision on a match at its current revision, through the review service."""
    return review.decide(
        session=session,
        match_id=match.id,
        delegation=match.delegation,
        user=user,
        action=action,
        revision=match.revision,
        text=text,
    )


def accept_meet_and_plan(session, *, delegation, user, note: str = "") -> Match:
    """A coordinator's work on a delegation through the services, so the history records it:
    the best match accepted, a meeting with it recorded (with ``note``), the visits planned."""
    match = decide(session, match=delegation.matches[0], user=user, action="accept")
    outcomes.record_outcome(
        session=session, match=match, user=user, kind="meeting", happened_on=date.today(), note=note
    )
    itinerary.plan_visits(session=session, delegation=delegation)
    return match


@pytest.fixture
def make_planned(app, make_delegation):
    """A delegation (``make_delegation``'s arguments) with its ``count`` best matches accepted
    and planned, and the plan published when ``publish``; returns its id and the accepted
    organisations' ids, best first."""

    def make(*, count: int = 3, publish: bool = False, **details) -> tuple[int, list[int]]:
        delegation_id = make_delegation(**details)
        accepted = accept_top(app, delegation_id, count)
        with session_scope(app) as session:
            delegation = session.get(Delegation, delegation_id)
            planned = itinerary.plan_visits(session=session, delegation=delegation)
            if publish:
                itinerary.publish(session=session, itinerary=planned)
        return delegation_id, accepted

    return make


@pytest.fixture
def api_token(app, make_user):
    """A coordinator's bearer token for the JSON API, as the command prints it."""
    from matcher.services import accounts, api_tokens

    email = make_user("api@g60.example")
    with session_scope(app) as session:
        user = accounts.user_by_email(session=session, email=email)
        _, plain = api_tokens.create_token(session=session, user=user, name="tests")
    return plain
