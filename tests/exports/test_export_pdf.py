"""The PDF dossier: Chinese names, times and interpreter needs, headings in the delegate's
language, Arabic included."""

import io

import pytest
from pypdf import PdfReader

from matcher.exports import MissingFontError, fonts, plan_to_pdf

pytestmark = pytest.mark.slow  # shaping and embedding CJK and Arabic fonts takes seconds

# pypdf spaces out and NUL-pads glyphs from the CJK fallback font (poppler's pdftotext reads
# them cleanly), and bidi isolates wrap dates in Arabic lines: compare without all of these.
_NOISE = str.maketrans("", "", "\x00\u2066\u2067\u2068\u2069")


def text_of(data: bytes) -> str:
    """All pages' text without whitespace or extraction noise."""
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().translate(_NOISE).split()) for page in reader.pages)


@pytest.fixture(scope="module")
def english(plan, make_context) -> str:
    return text_of(plan_to_pdf(plan, make_context("en")))


def test_names_times_and_needs(english, plan):
    assert "合肥智能科技有限公司" in english
    assert "CHINTIntelligentElectricalIndustryPark" in english
    for visit in plan.visits:
        assert f"{visit.start:%H:%M}–{visit.end:%H:%M}" in english
    assert "Whyitmatched:Smartgrids" in english
    assert "Travelbefore:Songjiang(Shanghai)→Hefei,395min" in english
    assert "Interpreterneeds" in english and "2026-05-12:Arabic(ar)" in english
    assert "Nowhere Ltd".replace(" ", "") in english
    assert "NightinHefei" in english


def test_headings_in_chinese(plan, make_context):
    text = text_of(plan_to_pdf(plan, make_context("zh")))
    assert "访问日程" in text and "第2天" in text and "翻译需求" in text


def test_headings_in_arabic(plan, make_context):
    data = plan_to_pdf(plan, make_context("ar"))
    text = text_of(data)
    # Extraction order of right-to-left runs varies; the shaped words themselves must be there.
    for word in ("برنامج", "الزيارة", "مترجمين"):
        assert word in text
    assert "合肥智能科技有限公司" in text


def test_missing_cjk_font_is_a_clear_error(plan, make_context, monkeypatch):
    monkeypatch.setitem(fonts.FONT_SEARCH_LIST, "cjk", (("/nonexistent/font.ttc", 0),))
    with pytest.raises(MissingFontError, match="fonts-noto-cjk"):
        plan_to_pdf(plan, make_context())


def test_the_planners_notes_and_reasons_in_the_delegates_language(plan, make_context):
    from dataclasses import replace

    from matcher.planning.model import Unplaced
    from matcher.planning.said import City, Said

    night = Said("Night of %(date)s: hotel in %(city)s.", date="2026-05-12", city=City("hefei"))
    closed = Said("outside the trip")
    said = replace(
        plan,
        notes=[night],
        unplaced=[Unplaced(plan.unplaced[0].request, closed)],
    )
    text = text_of(plan_to_pdf(said, make_context("zh")))
    assert "2026-05-12晚：住在合肥。" in text and "不在行程之内" in text
    assert "Nightof" not in text and "outsidethetrip" not in text
