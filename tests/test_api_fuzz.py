"""Schemathesis against the served OpenAPI document: no server error, every answer documented."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from matcher import create_app
from matcher.db import get_engine, session_scope, upgrade_schema
from matcher.services.directory import load_shipped_directory

# Bounded: the fuzzing must keep the suite well inside CI's time.
EXAMPLES_PER_OPERATION = 60

pytestmark = pytest.mark.slow  # every documented operation, sixty requests each


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    """One SQLite-backed app with the shipped directory for every fuzzed request."""
    path = tmp_path_factory.mktemp("fuzz") / "matcher.sqlite3"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{path}",
            "SECRET_KEY": "fuzz",
            "INTEREST_RATE_LIMIT": "100000 per minute",
            "LOGIN_RATE_LIMIT": "100000 per minute",
        }
    )
    upgrade_schema(get_engine(app))
    with session_scope(app) as session:
        load_shipped_directory(session=session)
    yield app
    get_engine(app).dispose()


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
