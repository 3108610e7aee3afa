"""The dossier PDF read back as text: cover, overview, host sections, page furniture, the two
copies, Arabic joined and Latin runs in reading order inside it."""

import io
import logging
from datetime import date

import pytest
from pypdf import PdfReader

from matcher.exports import MissingFontError, fonts, plan_to_pdf
from matcher.exports.dossier import dossier_to_pdf
from matcher.exports.dossier_model import Dossier, HostFile
from matcher.exports.fontcache import FontCache

pytestmark = pytest.mark.slow  # each process prepares its fonts once: seconds on first use

# pypdf spaces out and NUL-pads glyphs from the CJK font, and bidi isolates and marks wrap
# Latin runs in Arabic lines: compare without all of these.
_NOISE = str.maketrans("", "", "\x00\u2066\u2067\u2068\u2069\u200e\u200f")
ISSUED = date(2026, 5, 1)
# Long enough to wrap over several lines: every word must come back, in order.
LONG_DESCRIPTION = (
    "Makes low-voltage electrical equipment and smart grid systems. " * 4
    + "Its supercalifragilisticexpialidocious-sized catalogue ends here."
)


def pages_of(data: bytes) -> list[str]:
    """Each page's text without whitespace or extraction noise."""
    reader = PdfReader(io.BytesIO(data))
    return ["".join(page.extract_text().translate(_NOISE).split()) for page in reader.pages]


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def dossier(plan, make_context) -> Dossier:
    """The conftest plan with what the services would put around it (synthetic hosts)."""
    context = make_context("en", sequence=3)
    hosts = {
        "chint": HostFile(
            name="CHINT Intelligent Electrical Industry Park",
            name_local="测试电气园",
            address="-1 Chint Road",
            description=LONG_DESCRIPTION,
            offers="Smart meters and grid automation.",
            seeks="Distributors in the Gulf.",
            shared_sectors=("Smart grids",),
            shared_terms=("smart meters",),
            found_in=("offers",),
            public_contact="+86 21 5768 0000",
            private_contact="Ms Test, +86 139 0000 0000",
            internal_note="INTERNAL: ask for the VIP room",
        ),
        "nowhere": HostFile(name="Nowhere Ltd", internal_note="INTERNAL: never answers"),
    }
    return Dossier(
        plan=plan,
        delegation="Muscat Chamber",
        language="en",
        arrival=date(2026, 5, 11),
        departure=date(2026, 5, 14),
        group_size=12,
        contact_name="Amina Hassan",
        contact_email="amina@chamber.example",
        contact_phone="+968 2412 3456",
        coordinators_contact="G60 office, office@g60.example",
        hosts=hosts,
        cities=context.cities,
        version=3,
        issued=ISSUED,
    )


@pytest.fixture(scope="module")
def delegate_copy(dossier) -> list[str]:
    return pages_of(dossier_to_pdf(dossier))


@pytest.fixture(scope="module")
def coordinator_copy(dossier) -> list[str]:
    from dataclasses import replace

    return pages_of(dossier_to_pdf(replace(dossier, coordinator_copy=True, draft=True)))


def test_cover_names_the_trip_its_people_and_its_nights(delegate_copy):
    cover = delegate_copy[0]
    for expected in (
        "Visitdossier",
        "MuscatChamber",
        "Dates:May11,2026–May14,2026",
        "Group:12people",
        "Contactperson:AminaHassan,amina@chamber.example,+96824123456",
        "Yourcoordinators:G60office,office@g60.example",
        "Hotelcityeachnight",
        "Hefei合肥",  # the plan's night in Hefei, with the city's Chinese name
    ):
        assert expected in cover


def test_overview_and_host_sections(delegate_copy, plan):
    text = "".join(delegate_copy)
    assert "Overview" in delegate_copy[1] and "Daysataglance" in delegate_copy[1]
    assert "CHINTIntelligentElectricalIndustryPark(测试电气园)" in delegate_copy[1]
    for visit in plan.visits:
        assert f"{visit.start:%H:%M}–{visit.end:%H:%M}" in text
        assert squeeze(visit.request.name) in text
    for expected in (
        "测试电气园",
        "Whattheydo",
        squeeze(LONG_DESCRIPTION),
        "Sectorsyoushare:Smartgrids",
        "Whatyouaskedforthattheyoffer:smartmeters",
        "Suggestedtalkingpoints",
        "AskabouttheirworkinSmartgrids",
        "TheylookforDistributorsintheGulf:presentwhatyourdelegationoffersthere.",
        "Publiccontact:+862157680000",
        "Directcontact:MsTest",
        "Address:-1ChintRoad",
        "Travelbeforethisvisit:Songjiang(Shanghai)上海松江→Hefei合肥",
        "Interpreter:Arabic",
    ):
        assert expected in text, expected


def test_every_page_has_its_number_version_and_date_of_issue(delegate_copy, coordinator_copy):
    for copy in (delegate_copy, coordinator_copy):
        total = len(copy)
        assert total >= 3
        for number, page in enumerate(copy, start=1):
            assert page.endswith(f"{number}/{total}") or f"{number}/{total}" in page
            assert "Version3" in page and "IssuedMay1,2026" in page


def test_the_delegate_copy_holds_nothing_for_coordinators_only(delegate_copy, plan):
    text = "".join(delegate_copy)
    assert plan.unplaced and plan.notes
    assert "INTERNAL" not in text and "Coordinatorcopy" not in text
    assert "NowhereLtd" not in text and "Notscheduled" not in text
    for note in plan.notes:
        assert squeeze(note)[:30] not in text


def test_the_coordinator_copy_is_marked_and_holds_the_planning(coordinator_copy, plan):
    for page in coordinator_copy:
        assert "Coordinatorcopy—notforthedelegation" in page
    text = "".join(coordinator_copy)
    assert "Draft:notyetpublishedtothedelegation" in coordinator_copy[0]
    assert "Notscheduled" in text and "NowhereLtd" in text
    assert squeeze(plan.unplaced[0].reason)[:30] in text
    assert "INTERNAL:askfortheVIProom" in text and "INTERNAL:neveranswers" in text
    for note in plan.notes:
        assert squeeze(note)[:30] in text


def test_arabic_dossier_is_joined_complete_and_keeps_latin_runs_in_order(dossier, caplog):
    from dataclasses import replace

    with caplog.at_level(logging.WARNING, logger="fpdf"):
        data = dossier_to_pdf(replace(dossier, language="ar"))
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    reader = PdfReader(io.BytesIO(data))
    lines = [
        line.translate(_NOISE) for page in reader.pages for line in page.extract_text().split("\n")
    ]
    text = "\n".join(lines)
    # Headings in Arabic, read back as the joined words of the catalogue.
    for word in ("ملف", "الزيارة", "نقاط", "للنقاش"):
        assert word in text
    # Phone numbers, e-mail addresses and names keep their left-to-right order.
    assert "+968 2412 3456" in text and "amina@chamber.example" in text
    assert "+86 21 5768 0000" in text
    assert "CHINT Intelligent Electrical Industry Park" in text
    assert "测试电气园" in text.replace(" ", "")


def test_plan_to_pdf_writes_the_delegate_copy(plan, make_context, caplog):
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        text = "".join(pages_of(plan_to_pdf(plan, make_context("zh"))))
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    assert "访问资料册" in text and "第2天" in text and "合肥智能科技有限公司" in text
    assert "阿拉伯语" in text  # the interpreter's language, named in Chinese
    assert "Version1" not in text and "第1版" in text


def test_fonts_are_prepared_once_and_grow_for_new_characters():
    cache = FontCache()
    first = cache.fonts_for("华晟")
    assert cache.fonts_for("华晟") == first  # nothing prepared again
    grown = cache.fonts_for("新能源")
    assert grown.cjk[0].path != first.cjk[0].path
    assert cache.fonts_for("华晟新能源") == grown  # the pool keeps what it had


def test_missing_cjk_font_is_a_clear_error(plan, make_context, monkeypatch):
    monkeypatch.setitem(fonts.FONT_SEARCH_LIST, "cjk", (("/nonexistent/font.ttc", 0),))
    with pytest.raises(MissingFontError, match="fonts-noto-cjk"):
        plan_to_pdf(plan, make_context())


def test_the_planners_notes_and_reasons_in_the_delegates_language(dossier, plan):
    from dataclasses import replace

    from matcher.planning.model import Unplaced
    from matcher.planning.said import City, Said

    night = Said("Night of %(date)s: hotel in %(city)s.", date="2026-05-12", city=City("hefei"))
    closed = Said("outside the trip")
    moved = Said(
        "moved off %(date)s: %(host)s is hosting another delegation then",
        date="2026-05-11",
        host="CHINT",
    )
    days = [
        replace(
            day,
            items=[
                replace(i, moved_reason=moved) if hasattr(i, "moved_reason") else i
                for i in day.items
            ],
        )
        for day in plan.days
    ]
    unplaced = [Unplaced(plan.unplaced[0].request, closed)]
    said = replace(plan, days=days, notes=[night], unplaced=unplaced)
    copy = replace(dossier, plan=said, language="zh", coordinator_copy=True, draft=True)
    text = "".join(pages_of(dossier_to_pdf(copy)))
    assert "2026-05-12晚：住在合肥。" in text and "不在行程之内" in text
    assert "已移出2026-05-11：CHINT当时在接待另一个代表团" in text
    assert "Nightof" not in text and "outsidethetrip" not in text and "movedoff" not in text
