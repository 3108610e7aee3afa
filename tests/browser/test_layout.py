"""Every public and coordinator page, in every language, holds at 390 px: nothing pushes the
page sideways, no two labels overlap, tap targets are at least 44 px; screenshots are kept."""

import re

import pytest
from sqlmodel import select

from matcher.db import session_scope
from matcher.i18n import LANGUAGES
from matcher.models import Delegation, Organisation
from matcher.services import itinerary

from ..conftest import COORDINATOR_PASSWORD, accept_top
from .conftest import ARTIFACTS, PHONE

# Measured in the page: horizontal overflow of the document, pairs of text boxes that overlap
# (each line box of inline text counted separately), text boxes that leave the screen outside
# a scroll container, and tap targets smaller than 44 px.
MEASURE = """() => {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const skip = '.honeypot, .visually-hidden, .skip, thead, .table-wrap, option, svg';
  const text = 'label, legend, h1, h2, h3, dt, dd, th, td, button, a, summary, .badge, .tag, '
    + '.status, .band, .choice span, p, li > strong, small';
  const shown = (e) => {
    if (e.closest(skip) || !e.checkVisibility({contentVisibilityAuto: true})) return false;
    const style = getComputedStyle(e);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const elements = [...document.querySelectorAll(text)].filter(shown);
  const boxes = [];
  for (const e of elements) {
    for (const r of e.getClientRects()) {
      if (r.width > 1 && r.height > 1) boxes.push([e, r]);
    }
  }
  const name = (e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
    + ' "' + (e.textContent || '').trim().slice(0, 30) + '"';
  const overlaps = [];
  for (let i = 0; i < boxes.length && overlaps.length < 5; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra] = boxes[i], [b, rb] = boxes[j];
      if (a === b || a.contains(b) || b.contains(a)) continue;
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 2 && h > 2) { overlaps.push(name(a) + ' / ' + name(b)); break; }
    }
  }
  const offscreen = boxes.filter(([e, r]) => r.right > width + 1 || r.left < -1)
    .slice(0, 5).map(([e]) => name(e));
  const targets = [...document.querySelectorAll(
      '.languages a, .languages button, main button:not(.link), a.button, .secondary-button')]
    .filter(shown).filter((e) => e.getBoundingClientRect().height < 43.5).slice(0, 5).map(name);
  return {overflow: doc.scrollWidth - width, overlaps, offscreen, targets};
}"""

PUBLIC = ["/", "/organisations", "/organisations/{organisation}", "/interest", "/login", "/link",
          "/d/{token}", "/d/{token}/edit"]  # fmt: skip
COORDINATOR = ["/coordinator/", "/coordinator/delegations/{delegation}",
               "/coordinator/delegations/{delegation}/itinerary", "/coordinator/organisations",
               "/coordinator/organisations/new", "/coordinator/organisations/{organisation}/edit",
               "/coordinator/organisations/import", "/coordinator/dashboard",
               "/coordinator/hosts/week?start={arrival}"]  # fmt: skip


@pytest.fixture
def visit_data(shipped, make_user, make_delegation):
    """A delegation with a long mixed-script name, a phone number and a published plan."""
    delegation_id = make_delegation(name="5808 Live Streaming Base — Каирская торговая палата")
    with session_scope(shipped) as session:
        delegation = session.get(Delegation, delegation_id)
        delegation.contact_phone = "+20 100 123 4567"
        token = make_delegation.tokens[delegation_id]
        arrival = delegation.arrival.isoformat()
    accept_top(shipped, delegation_id, count=4)
    with session_scope(shipped) as session:
        delegation = session.get(Delegation, delegation_id)
        planned = itinerary.plan_visits(session=session, delegation=delegation)
        itinerary.publish(session=session, itinerary=planned)
        organisation = session.exec(select(Organisation).order_by(Organisation.id)).first().id
    return {
        "token": token,
        "arrival": arrival,
        "delegation": delegation_id,
        "organisation": organisation,
        "email": make_user(),
    }


def address(live_server: str, path: str, language: str, visit_data: dict) -> str:
    joiner = "&" if "?" in path else "?"
    return f"{live_server}{path.format(**visit_data)}{joiner}lang={language}"


def check(page, url: str | None, name: str) -> list[str]:
    """Measure the page at url, or the page already shown when url is None."""
    if url is not None:
        page.goto(url)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    return problems_in(page.evaluate(MEASURE), name)


def measure(page, url: str, name: str) -> list[str]:
    page.goto(url)
    return problems_in(page.evaluate(MEASURE), name)


def problems_in(found: dict, name: str) -> list[str]:
    problems = []
    if found["overflow"] > 0:
        problems.append(f"{name}: page {found['overflow']} px wider than the screen")
    problems += [f"{name}: overlap {pair}" for pair in found["overlaps"]]
    problems += [f"{name}: off the screen {what}" for what in found["offscreen"]]
    problems += [f"{name}: tap target under 44 px {what}" for what in found["targets"]]
    return problems


@pytest.mark.slow
def test_every_page_holds_at_phone_width(browser, live_server, visit_data, request):
    if "postgresql" in request.node.name:
        pytest.skip("the layout does not depend on the database; measured once, on SQLite")
    ARTIFACTS.mkdir(exist_ok=True)
    visitor = browser.new_context(viewport=PHONE)
    coordinator = browser.new_context(viewport=PHONE)
    public_page, coordinator_page = visitor.new_page(), coordinator.new_page()
    coordinator_page.goto(f"{live_server}/login")
    coordinator_page.get_by_label("E-mail").fill(visit_data["email"])
    coordinator_page.get_by_label("Password").fill(COORDINATOR_PASSWORD)
    coordinator_page.get_by_role("button", name="Sign in").click()
    coordinator_page.wait_for_url(f"{live_server}/coordinator/")
    problems = []
    for language in LANGUAGES:
        for page, paths, area in (
            (public_page, PUBLIC, "public"),
            (coordinator_page, COORDINATOR, "coordinator"),
        ):
            for path in paths:
                url = address(live_server, path, language, visit_data)
                slug = re.sub(r"[^a-z]+", "-", path.replace("coordinator", "")).strip("-")
                problems += check(page, url, f"layout-390-{language}-{area}-{slug or 'home'}")
        # The form sent empty shows its errors, each once, in the layout too.
        public_page.goto(f"{live_server}/interest?lang={language}")
        public_page.locator("form.form button[type=submit]").last.click()
        public_page.wait_for_load_state()
        problems += check(public_page, public_page.url, f"layout-390-{language}-interest-errors")
        # An edit of the plan is shown for confirmation first (a page reached only by a form).
        itinerary_path = "/coordinator/delegations/{delegation}/itinerary"
        coordinator_page.goto(address(live_server, itinerary_path, language, visit_data))
        coordinator_page.locator("li.visit form[action$='/itinerary/visit'] button").last.click()
        coordinator_page.wait_for_load_state()
        assert coordinator_page.locator("input[name=confirm][value=yes]").count() == 1
        problems += check(coordinator_page, None, f"layout-390-{language}-itinerary-confirm")
    # The narrowest phones and a wide screen, in the languages with the longest words and the
    # other direction.
    for width, height in ((360, 780), (1440, 900)):
        for page in (public_page, coordinator_page):
            page.set_viewport_size({"width": width, "height": height})
        for language in ("ru", "ar"):
            for page, paths in ((public_page, PUBLIC), (coordinator_page, COORDINATOR)):
                for path in paths:
                    url = address(live_server, path, language, visit_data)
                    found = measure(page, url, f"{language} {path}")
                    problems += [f"{width} px: {p}" for p in found]
    visitor.close()
    coordinator.close()
    assert not problems, "\n".join(problems[:40] + [p for p in problems if "tap" not in p][:40])
