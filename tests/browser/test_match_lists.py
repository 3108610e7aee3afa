"""A delegate reads the match list on a phone, in the page's language."""

from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from matcher.db import session_scope
from matcher.models import DelegationDetails, InterestDetails
from matcher.services import delegations, recommend
from matcher.services.delegations import hash_token, new_token

from .conftest import ARTIFACTS

pytestmark = pytest.mark.slow  # a real browser


def register(app, seeks: str, sectors=(), **preferences) -> str:
    arrival = date.today() + timedelta(days=30)
    with session_scope(app) as session:
        delegation = delegations.register_delegation(
            session=session,
            details=DelegationDetails(
                name="Delegation",
                country="KZ",
                kind="government",
                contact_name="Aigerim",
                contact_email="aigerim@example.org",
                arrival=arrival,
                departure=arrival + timedelta(days=3),
                group_size=6,
                consent_at=datetime.now(UTC),
            ),
            interest=InterestDetails(seeks=seeks, sectors=list(sectors), **preferences),
        )
        recommend.propose_matches(session=session, delegation=delegation)
        token = new_token()
        delegation.token_hash = hash_token(token)  # only the hash is stored
        return token


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("language", "seeks", "sectors", "expected", "term"),
    [
        (
            "ru",
            "Солнечная энергетика: ищем производителей фотоэлектрических модулей и накопителей",
            ["photovoltaics", "new-energy-storage"],
            ["Kaisheng New Energy", "Conch Building Photovoltaic"],
            "фотовольтаика",
        ),
        (
            "zh",
            "光伏 新能源 组件",
            [],
            ["Kaisheng New Energy", "Conch Building Photovoltaic"],
            "光伏",
        ),
        ("ru", "коммерческая космонавтика", [], ["LandSpace", "G60 Starlink"], "аэрокосмическая"),
        (
            "en",
            "We are looking for partners in e-commerce and online retail",
            [],
            ["Qifu Xinshang Science Park", "5808 Live Streaming Base"],
            "e-commerce",
        ),
    ],
    ids=["russian-solar", "chinese-solar", "russian-space", "english-ecommerce"],
)
def test_the_list_reads_in_the_delegates_language(
    page, live_server, shipped, language, seeks, sectors, expected, term
):
    token = register(shipped, seeks, sectors)
    page.goto(f"{live_server}/d/{token}?lang={language}")
    cards = page.locator("ol.matches > li")
    for name in expected:
        expect(cards.locator("h3", has_text=name)).to_have_count(1)
    expect(page.locator(f"p.why bdi[lang={language}]", has_text=term).first).to_be_visible()
    expect(page.locator(f"p.does bdi[lang={language}]").first).to_be_visible()
    assert cards.count() < 10  # no filler to make up ten
    expect(page.locator("p.short-list")).to_be_visible()
    shot(page, f"matches-{language}-{seeks[:12]}")


def test_preferences_raise_partners_and_show_the_others_apart(page, live_server, shipped):
    token = register(
        shipped, "aerospace and satellite internet", ["aerospace"], preferred_cities=["huzhou"]
    )
    page.goto(f"{live_server}/d/{token}?lang=fr")
    expect(page.locator("#outside-preferences")).to_have_text(
        "À voir aussi, hors de vos préférences"
    )
    expect(page.locator("ol.matches").first.locator("> li")).to_have_count(1)
    expect(page.locator("ol.outside > li", has_text="G60 Starlink")).to_be_visible()
    shot(page, "matches-fr-outside-preferences")


def test_an_empty_list_says_why_in_the_delegates_language(page, live_server, shipped):
    token = register(shipped, "и в на с для")
    page.goto(f"{live_server}/d/{token}?lang=ru")
    expect(page.locator("p.engine-reason")).to_contain_text("нет слов для поиска")
    expect(page.locator("ol.matches")).to_have_count(0)
    shot(page, "matches-ru-stop-words-only")
