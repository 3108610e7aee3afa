"""A visitor browses the directory in a real browser at phone width."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow  # a real browser


def test_search_the_directory_and_open_an_organisation(page, live_server):
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("G60")

    page.get_by_label("Search organisations").fill("photovoltaic")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("organisations found")
    page.get_by_role("link", name="Huasun New Energy").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Huasun New Energy")
    expect(page.get_by_role("link", name="G60 Xuancheng Sci-Tech Center")).to_be_visible()
    # Readable at phone width: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_filter_by_city_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(live_server + "/organisations")
    page.get_by_label("City").select_option("hefei")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="iFlytek")).to_be_visible()
    expect(page.get_by_role("link", name="LandSpace")).to_have_count(0)
    context.close()
