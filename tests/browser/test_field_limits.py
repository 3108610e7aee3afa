"""A paste longer than a field's limit is never lost without a word."""

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from matcher.db import session_scope
from matcher.models import Delegation, Interest

from .test_intake import ARRIVAL, fill_form, shot

pytestmark = pytest.mark.slow  # a real browser

PASTED = "Joint ventures in photovoltaic modules. " * 1250  # 50,000 characters


def test_a_long_paste_is_counted_cut_with_a_notice_and_stored_as_shown(
    browser, live_server, shipped
):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/interest")
        expect(page.locator("#seeks-counter")).to_have_text("0 / 4,000")
        fill_form(page, name="Cairo Chamber", seeks="", departure=ARRIVAL)
        page.evaluate("text => navigator.clipboard.writeText(text)", PASTED)
        page.locator("#seeks").focus()
        page.keyboard.press("Control+V")
        notice = page.locator("#seeks-cut")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("46,000 characters were cut off")
        expect(page.locator("#seeks-counter")).to_have_text("4,000 / 4,000")
        assert page.locator("#seeks").input_value() == PASTED[:4000]
        shot(page, "field-limits-paste-cut")
        page.locator("form.form button[type=submit]").click()
        page.wait_for_url("**/d/**")
    finally:
        context.close()
    with session_scope(shipped) as session:
        delegation = session.exec(select(Delegation)).one()
        interest = session.exec(select(Interest).where(Interest.delegation_id == delegation.id))
        assert interest.one().seeks == PASTED[:4000].strip()


def test_without_the_script_a_long_text_is_refused_beside_the_field(browser, live_server, shipped):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/interest")
        fill_form(page, name="Cairo Chamber", seeks=PASTED, departure=ARRIVAL)
        page.locator("form.form button[type=submit]").click()
        expect(page.locator("#seeks-error")).to_contain_text("4000")
        assert page.locator("#seeks").input_value() == PASTED
        shot(page, "field-limits-no-script")
    finally:
        context.close()
    with session_scope(shipped) as session:
        assert session.exec(select(Delegation)).first() is None
