"""A coordinator runs a delegation from new to confirmed in a real browser."""

import pytest
from playwright.sync_api import expect

from ..conftest import COORDINATOR_PASSWORD
from .test_intake import shot

pytestmark = pytest.mark.slow  # a real browser


def sign_in(page, live_server, email):
    page.goto(f"{live_server}/coordinator/")
    expect(page).to_have_url(f"{live_server}/login?next=%2Fcoordinator%2F")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".flash-error")).to_have_text("Wrong e-mail address or password.")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(COORDINATOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegations")


def card(page, name):
    """The match card whose heading names the organisation (another card's text may too)."""
    heading = page.locator("h3").get_by_role("link", name=name, exact=True)
    return page.locator("ol.matches > li").filter(has=heading)


def test_review_decide_rerun_and_confirm(browser, live_server, make_user, make_delegation):
    make_delegation(name="Kampala Trade Mission", country="UG")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    sign_in(page, live_server, make_user())

    page.get_by_role("link", name="Kampala Trade Mission").click()
    cards = page.locator("ol.matches > li")
    first, second = cards.nth(0), cards.nth(1)
    first_name = first.locator("h3 a").inner_text()
    second_name = second.locator("h3 a").inner_text()
    first.get_by_role("button", name="Accept").click()
    expect(page.locator(".flash")).to_have_text("Saved.")

    second = card(page, second_name)
    second.get_by_text("Reject…").click()
    second.get_by_label("Reason").fill("Outside the delegation's budget")
    second.get_by_role("button", name="Reject").click()
    expect(page.locator("details.rejected summary")).to_have_text("Rejected (1)")

    page.get_by_role("button", name="Re-run matching").click()
    expect(page.locator(".flash")).to_contain_text("your decisions were kept")
    accepted = card(page, first_name)
    expect(accepted.locator(".badge-accepted")).to_be_visible()
    expect(card(page, second_name)).to_have_count(0)
    expect(page.locator(".history")).to_contain_text("reject")

    for status in ("Itinerary drafted", "Confirmed"):
        page.get_by_label("Status").select_option(label=status)
        page.get_by_role("button", name="Change status").click()
        expect(page.locator("p.meta .status").first).to_have_text(status)
    shot(page, "coordinator-review")

    page.get_by_role("link", name="Dashboard").click()
    expect(page.locator(".chart meter").first).to_be_visible()
    expect(page.locator("#acceptance-rate")).to_have_text("50%")
    shot(page, "coordinator-dashboard")
    page.close()


def test_import_with_a_bad_row_is_refused(browser, live_server, make_user, tmp_path):
    bad = tmp_path / "parks.csv"
    bad.write_text("name,kind,city\nNew Hefei Park,park,hefei\nNowhere Co,company,atlantis\n")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    sign_in(page, live_server, make_user("admin@g60.example", role="admin"))
    page.get_by_role("link", name="Directory upkeep").click()
    page.get_by_role("link", name="Import a file").click()
    page.get_by_label("CSV or JSON file").set_input_files(str(bad))
    page.get_by_role("button", name="Preview").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("nothing will be imported")
    expect(errors.locator("tbody tr")).to_have_text("3cityunknown city 'atlantis'")
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    shot(page, "coordinator-import-refused")
    page.goto(f"{live_server}/organisations?q=New+Hefei+Park")
    expect(page.get_by_role("status")).to_contain_text("0")
    page.close()
