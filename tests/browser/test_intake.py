"""A delegate fills in the interest form on a phone, in French and in Arabic."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS

pytestmark = pytest.mark.slow  # a real browser

ARRIVAL = date.today() + timedelta(days=40)


def fill_form(page, *, name: str, seeks: str, departure: date) -> None:
    page.locator("#delegation_name").fill(name)
    page.locator("#country").select_option("EG")
    page.locator("#kind").select_option("chamber")
    page.locator("#group_size").fill("9")
    page.locator("#languages-0").select_option("ar")
    page.locator("#arrival").fill(ARRIVAL.isoformat())
    page.locator("#departure").fill(departure.isoformat())
    page.check("input[name=sectors][value=cross-border-ecommerce]")
    page.locator("#seeks").fill(seeks)
    page.locator("#contact_name").fill("Amina Hassan")
    page.locator("#contact_email").fill("amina@chamber.example")
    page.check("#consent")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("language", "direction", "seeks"),
    [
        ("fr", "ltr", "Nous cherchons des partenaires du commerce électronique transfrontalier."),
        ("ar", "rtl", "نبحث عن شركاء في التجارة الإلكترونية عبر الحدود والبث المباشر"),
    ],
    ids=["french", "arabic"],
)
def test_register_see_errors_fix_and_edit(page, live_server, language, direction, seeks):
    page.goto(f"{live_server}/interest?lang={language}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction)

    fill_form(page, name="Chambre du Caire", seeks=seeks, departure=ARRIVAL - timedelta(days=2))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("#departure-error")).to_be_visible()
    expect(page.locator("#error-summary a[href='#departure']")).to_be_visible()
    shot(page, f"intake-{language}-errors")

    page.locator("#departure").fill((ARRIVAL + timedelta(days=3)).isoformat())
    page.check("#consent")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/d/**")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    recommendations = page.locator("ol.matches > li")
    expect(recommendations.first).to_be_visible()
    expect(page.locator("ol.matches")).to_contain_text("5808 Live Streaming Base")
    shot(page, f"intake-{language}-private")

    private_url = page.url
    page.goto(live_server + "/")
    page.goto(private_url)  # the link works again later
    expect(page.locator("ol.matches")).to_contain_text("5808 Live Streaming Base")

    page.locator("a[href$='/edit']").click()
    expect(page.locator("#delegation_name")).to_have_value("Chambre du Caire")
    page.locator("#seeks").fill("Solar photovoltaic modules, batteries and energy storage")
    page.locator("form.form button[type=submit]").click()
    expect(page).to_have_url(private_url)
    expect(page.locator("dl.facts")).to_contain_text("Solar photovoltaic modules")
    expect(page.locator("ol.matches")).to_contain_text("Huasun New Energy")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, f"intake-{language}-edited")
