"""Back button, second click and a change of language never make a second delegation."""

import pytest
from playwright.sync_api import expect
from sqlmodel import func, select

from matcher.db import session_scope
from matcher.models import Delegation

from .test_intake import ARRIVAL, fill_form, shot

pytestmark = pytest.mark.slow  # a real browser

SEEKS = "Cross-border e-commerce and live streaming partners to sell in China."


def delegations(app) -> int:
    with session_scope(app) as session:
        return session.exec(select(func.count()).select_from(Delegation)).one()


def send(page) -> None:
    page.locator("#interest-form button[type=submit]").click()
    page.wait_for_url("**/d/**")


def on_the_form(page) -> None:
    """A page of the service with the form on it, not the browser's own error page."""
    assert page.url.startswith("http"), page.url
    expect(page.locator("#interest-form")).to_be_visible()


def test_switch_language_send_back_send_again(page, live_server, shipped):
    page.goto(f"{live_server}/interest")
    fill_form(page, name="Cairo Chamber", seeks=SEEKS, departure=ARRIVAL)
    page.locator("button[name=switch_language][value=fr]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#delegation_name")).to_have_value("Cairo Chamber")
    page.check("#consent")
    send(page)
    private = page.url
    page.go_back()
    on_the_form(page)  # the draft page loads again: no "Confirm form resubmission"
    expect(page.locator("#delegation_name")).to_have_value("Cairo Chamber")
    page.check("#consent")
    send(page)
    assert page.url == private
    expect(page.locator(".flash")).to_be_visible()
    assert delegations(shipped) == 1
    shot(page, "send-once-after-language-switch")


def test_send_switch_language_back_send_again(page, live_server, shipped):
    page.goto(f"{live_server}/interest")
    fill_form(page, name="Cairo Chamber", seeks=SEEKS, departure=ARRIVAL)
    send(page)
    private = page.url
    page.locator("nav.languages a[hreflang=fr]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.go_back()
    page.go_back()
    on_the_form(page)
    # The reloaded page is a fresh form (Chrome may restore some boxes, by position, in the
    # page's new order): the delegate gives the same answers again.
    for box in page.locator("input[name=sectors]:checked").all():
        box.uncheck()
    fill_form(page, name="Cairo Chamber", seeks=SEEKS, departure=ARRIVAL)
    send(page)
    assert page.url.split("?")[0] == private.split("?")[0]
    assert delegations(shipped) == 1


def test_a_double_click_is_one_delegation(page, live_server, shipped):
    page.goto(f"{live_server}/interest")
    fill_form(page, name="Cairo Chamber", seeks=SEEKS, departure=ARRIVAL)
    page.locator("#interest-form button[type=submit]").dblclick()
    page.wait_for_url("**/d/**")
    page.wait_for_load_state("networkidle")
    assert delegations(shipped) == 1
