"""Schemathesis against the served OpenAPI document: no server error, every answer documented."""

import os
import uuid

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from matcher import create_app
from matcher.db import get_engine, session_scope, upgrade_schema

from .sample_directory import load_directory

POSTGRES_URL = os.environ.get("MATCHER_TEST_DATABASE_URL", "")
# Bounded: the fuzzing must keep the suite well inside CI's time.
EXAMPLES_PER_OPERATION = 60

pytestmark = pytest.mark.slow  # every documented operation, sixty requests each


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz_app(request, tmp_path_factory):
    """One app per database, with the generated directory, for every fuzzed request."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'matcher.sqlite3'}"
        admin = schema = None
    else:
        if not POSTGRES_URL:
            if os.environ.get("CI"):
                pytest.fail("CI must run on PostgreSQL: MATCHER_TEST_DATABASE_URL is not set")
            pytest.skip("PostgreSQL not configured: set MATCHER_TEST_DATABASE_URL")
        schema = f"test_{uuid.uuid4().hex[:16]}"  # hex digits only, as in conftest.py
        admin = sa.create_engine(POSTGRES_URL)
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        options = {"options": f"-csearch_path={schema}"}
        url = sa.make_url(POSTGRES_URL).update_query_dict(options)
        url = url.render_as_string(hide_password=False)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SECRET_KEY": "fuzz",
            "INTEREST_RATE_LIMIT": "100000 per minute",
            "LOGIN_RATE_LIMIT": "100000 per minute",
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    upgrade_schema(get_engine(app))
    with session_scope(app) as session:
        load_directory(session=session)
    yield app
    get_engine(app).dispose()
    if admin is not None:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


OPERATIONS = [
    ("GET", "/api/v1/organisations"),
    ("GET", "/api/v1/organisations/search"),
    ("GET", "/api/v1/organisations/{organisation_id}"),
    ("POST", "/api/v1/organisations"),
    ("PUT", "/api/v1/organisations/{organisation_id}"),
    ("POST", "/api/v1/delegations"),
    ("GET", "/api/v1/delegations/{token}"),
    ("GET", "/api/v1/delegations/{token}/itinerary"),
    ("GET", "/api/v1/matches"),
    ("POST", "/api/v1/matches/{match_id}/decision"),
    ("GET", "/api/v1/itineraries/{delegation_id}"),
    ("GET", "/api/v1/hosts/week"),
]


def test_every_operation_is_fuzzed(fuzz_app):
    document = fuzz_app.test_client().get("/api/v1/openapi.json").get_json()
    served = {(m.upper(), p) for p, item in document["paths"].items() for m in item}
    assert served == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_answers_as_documented(fuzz_app, method, path):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def answers_as_documented(case):
        # Rules a JSON Schema cannot state (an arrival not in the past, a name not yet in the
        # directory, a parent that exists) may refuse schema-valid data with a 422; every
        # other check runs, above all: no server error and every answer as documented.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    answers_as_documented()
