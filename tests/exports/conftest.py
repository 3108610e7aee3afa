"""A small published itinerary and the context exports need: Chinese names, Arabic headings."""

from datetime import UTC, date, datetime, time

import pytest

from matcher.exports import ExportContext
from matcher.planning import Plan, PlanSettings, VisitRequest, plan_itinerary
from matcher.reference import cities

STAMP = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def city_data():
    """The nine cities and the travel table as shipped."""
    shipped = cities.load()
    return list(shipped.by_slug.values()), shipped.travel_minutes


@pytest.fixture(scope="session")
def requests() -> list[VisitRequest]:
    """Two Songjiang parks, a Hefei company with a Chinese name, a Suzhou firm and a misfit."""
    return [
        VisitRequest(
            "chint",
            "CHINT Intelligent Electrical Industry Park",
            "songjiang",
            hours=(time(9), time(17)),
            strength=0.9,
        ),
        VisitRequest(
            "tus",
            "TUS Caohejing Science Park",
            "songjiang",
            strength=0.8,
            host_languages=("zh", "en"),
        ),
        VisitRequest(
            "hefei-ai",
            "合肥智能科技有限公司",
            "hefei",
            strength=0.7,
            latitude=31.82,
            longitude=117.23,
        ),
        VisitRequest("suzhou-bot", '=HYPERLINK("http://evil")', "suzhou", strength=0.6),
        VisitRequest("nowhere", "Nowhere Ltd", "other", strength=0.5),
    ]


@pytest.fixture(scope="session")
def plan(city_data, requests) -> Plan:
    """Four days from Songjiang, with a night in Hefei."""
    settings = PlanSettings(date(2026, 5, 11), date(2026, 5, 14), languages=("ar",))
    return plan_itinerary(requests, settings, city_data[1])


@pytest.fixture(scope="session")
def make_context(city_data):
    """A factory for export contexts in a language and revision."""

    def make(language: str = "en", sequence: int = 1, **overrides) -> ExportContext:
        fields = {
            "delegation": "Delegation of <Oman> & Friends",
            "language": language,
            "why": {"chint": "Smart grids; +electrical equipment", "hefei-ai": "人工智能 AI"},
            "addresses": {"chint": "-1 Chint Road, Songjiang", "hefei-ai": "合肥市高新区"},
            "uid_stem": "itinerary-42@g60-match.example",
            "sequence": sequence,
            "cities": city_data[0],
            "stamp": STAMP,
        }
        return ExportContext(**(fields | overrides))

    return make
