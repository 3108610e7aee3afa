"""In a real browser: the language buttons keep what was typed, the private link is copied
with its button, and the back button does not make a second delegation."""

from datetime import timedelta

from playwright.sync_api import expect
from sqlmodel import func, select

from matcher.db import session_scope
from matcher.models import Delegation

from .test_intake import ARRIVAL, fill_form, shot


def delegations(app) -> int:
    with session_scope(app) as session:
        return session.exec(select(func.count()).select_from(Delegation)).one()


def test_switching_language_keeps_what_was_typed(browser, live_server, shipped):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    page.goto(f"{live_server}/interest")
    fill_form(page, name="Cairo Chamber", seeks="Live streaming", departure=ARRIVAL + timedelta(3))
    page.locator("#languages-1").select_option("hu")

    # Switching to Chinese sends the form back as typed, in Chinese; nothing is saved.
    page.locator(".languages button[value=zh]").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page.locator("#delegation_name")).to_have_value("Cairo Chamber")
    expect(page.locator("#seeks")).to_have_value("Live streaming")
    expect(page.locator("#languages-1 option:checked")).to_have_text("匈牙利语")
    assert delegations(shipped) == 0
    shot(page, "link-zh-form-kept")

    context.close()


def test_copy_and_back_button(browser, live_server, shipped):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    page.goto(f"{live_server}/interest?lang=zh")
    fill_form(page, name="Cairo Chamber", seeks="Live streaming", departure=ARRIVAL + timedelta(3))
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/d/**")
    private_url = page.url
    expect(page.locator("#private-link")).to_have_value(private_url)
    page.locator("button[data-copy]").click()
    expect(page.locator(".copy-status")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == private_url
    shot(page, "link-zh-private")

    # Back to the form and send it again: still one delegation, and its page.
    page.go_back()
    page.wait_for_url("**/interest?lang=zh")
    if page.locator("#delegation_name").input_value() == "":
        # The browser kept nothing: the delegate types the same answers again.
        fill_form(
            page, name="Cairo Chamber", seeks="Live streaming", departure=ARRIVAL + timedelta(3)
        )
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/d/**")
    assert page.url == private_url
    assert delegations(shipped) == 1
    context.close()
