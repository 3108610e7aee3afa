"""A coordinator who reads Chinese meets no English sentence of the interface anywhere in the
coordinators' area, at a desk and on a phone: every English message of the catalogues long
enough to be a sentence or a label, found verbatim in a page's text, is a remnant."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlmodel import select

from matcher.db import session_scope
from matcher.models import Delegation, Organisation
from matcher.services import itinerary

from ..conftest import COORDINATOR_PASSWORD, accept_top
from .conftest import ARTIFACTS

HAN = "[\u4e00-\u9fff]"
ENGLISH_PUNCTUATION = re.compile(rf"{HAN}(?:[.;](?:\s|$)|: )|{HAN}, {HAN}")
CATALOGUE = Path(__file__).resolve().parents[2] / "matcher/translations/messages.pot"
PAGES = ["/coordinator/", "/coordinator/?status=all", "/coordinator/delegations/{published}",
         "/coordinator/delegations/{drafted}", "/coordinator/delegations/{published}/itinerary",
         "/coordinator/delegations/{drafted}/itinerary", "/coordinator/hosts/week?start={arrival}",
         "/coordinator/dashboard", "/coordinator/organisations",
         "/coordinator/organisations?q=live+streaming", "/coordinator/organisations/new",
         "/coordinator/organisations/{organisation}/edit", "/coordinator/organisations/import",
         "/coordinator/no-such-page"]  # fmt: skip


def english_phrases() -> list[str]:
    """The literal parts of the catalogue's English messages, 12 characters or longer."""
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    phrases = set()
    for message in catalogue:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in re.split(r"%\(\w+\)[sd]|%[sd]|<[^>]+>|\{\w*\}", msgid or ""):
                part = part.strip(" .:,;()")
                if len(part) >= 12 and re.search(r"[a-z]{3}", part):
                    phrases.add(part)
    return sorted(phrases, key=len, reverse=True)


@pytest.fixture
def two_visits(shipped, make_user, make_delegation):
    """An Arabic delegation with a published plan and a Russian one with a draft."""
    published = make_delegation(name="Cairo Chamber of Commerce")
    drafted = make_delegation(name="Kazan Innovation Agency", country="RU")
    with session_scope(shipped) as session:
        session.get(Delegation, published).locale = "ar"
        session.get(Delegation, drafted).locale = "ru"
        arrival = session.get(Delegation, published).arrival.isoformat()
    for delegation_id in (published, drafted):
        accept_top(shipped, delegation_id, count=4)
    with session_scope(shipped) as session:
        for delegation_id in (published, drafted):
            planned = itinerary.plan_visits(
                session=session, delegation=session.get(Delegation, delegation_id)
            )
            if delegation_id == published:
                itinerary.publish(session=session, itinerary=planned)
        organisation = session.exec(select(Organisation).order_by(Organisation.id)).first().id
    return {
        "published": published,
        "drafted": drafted,
        "arrival": arrival,
        "organisation": organisation,
        "email": make_user(role="admin"),
    }


def remnants(page, phrases: list[str], name: str) -> list[str]:
    text = page.locator("body").inner_text()
    (ARTIFACTS / f"{name}.txt").write_text(text, encoding="utf-8")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    found = [f"{name}: {phrase!r}" for phrase in phrases if phrase in text]
    # English punctuation glued to Chinese words: a sentence put together in English.
    found += [f"{name}: {m.group()!r}" for m in ENGLISH_PUNCTUATION.finditer(text)]
    return found


@pytest.mark.slow
def test_the_coordinators_area_reads_in_chinese(browser, live_server, two_visits, request):
    if "postgresql" in request.node.name:
        pytest.skip("the wording does not depend on the database; read once, on SQLite")
    ARTIFACTS.mkdir(exist_ok=True)
    phrases = english_phrases()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill(two_visits["email"])
    page.get_by_label("Password").fill(COORDINATOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/coordinator/")
    page.goto(f"{live_server}/coordinator/?lang=zh")
    found = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in PAGES:
            page.goto(live_server + path.format(**two_visits))
            assert page.locator("html").get_attribute("lang") == "zh", path
            slug = re.sub(r"[^a-z0-9]+", "-", path.replace("coordinator", "")).strip("-")
            found += remnants(page, phrases, f"zh-{width}-{slug or 'queue'}")
            if path.endswith("/itinerary"):
                # Why each host matched, in the coordinator's language, not the delegation's.
                reasons = page.locator("li.visit small").all_inner_texts()
                assert any("共同领域：" in r for r in reasons), reasons
                assert not any(re.search("[\u0600-\u06ff\u0400-\u04ff]", r) for r in reasons)
        # An edit of the plan is shown for confirmation first.
        itinerary_path = f"/coordinator/delegations/{two_visits['published']}/itinerary"
        page.goto(live_server + itinerary_path)
        page.locator("li.visit form[action$='/itinerary/visit'] button").last.click()
        page.wait_for_load_state()
        assert page.locator("input[name=confirm][value=yes]").count() == 1
        found += remnants(page, phrases, f"zh-{width}-itinerary-confirm")
    # What a coordinator's actions say back: accepting a partner, publishing, a refused import.
    review = f"/coordinator/delegations/{two_visits['drafted']}"
    page.goto(live_server + review)
    page.get_by_role("button", name="接受").first.click()
    page.wait_for_load_state()
    found += remnants(page, phrases, "zh-accepted")
    page.goto(live_server + review + "/itinerary")
    page.get_by_role("button", name="发布给代表团").first.click()
    page.wait_for_load_state()
    found += remnants(page, phrases, "zh-published")
    page.goto(live_server + "/coordinator/organisations/import")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "parks.csv", "mimeType": "text/csv",
                "buffer": b"name,kind,city,sectors\nBad Co,company,atlantis,photovoltaics\n"}]
    )  # fmt: skip
    page.locator("form[enctype] button[type=submit]").first.click()
    page.wait_for_load_state()
    found += remnants(page, phrases, "zh-import-refused")
    context.close()
    assert not found, "\n".join(found)
