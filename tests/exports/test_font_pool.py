"""The dossier's Chinese pool font: the CFF face turned into TrueType keeps every glyph's
shape and advance, and documents embed it as TrueType and read back their Chinese."""

import io

import pytest
from fontTools import subset, ttLib
from fontTools.pens.boundsPen import BoundsPen
from pypdf import PdfReader

from matcher.exports.dossier_labels import labels
from matcher.exports.dossier_pdf import DossierPDF
from matcher.exports.fontcache import FONTS, with_quadratic_outlines
from matcher.exports.fonts import require_font

pytestmark = pytest.mark.slow  # opens the 19 MB Chinese face

TEXT = "松江上海华晟新能源科技有限公司 G60 (Songjiang) 2027"


def _cut(font_file) -> ttLib.TTFont:
    font = ttLib.TTFont(str(font_file.path), fontNumber=font_file.index)
    subsetter = subset.Subsetter(subset.Options(notdef_outline=True, desubroutinize=True))
    subsetter.populate(text=TEXT)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    return ttLib.TTFont(buffer)


def _shapes(font: ttLib.TTFont) -> dict[int, tuple]:
    glyphs, cmap, widths = font.getGlyphSet(), font.getBestCmap(), font["hmtx"].metrics
    shapes = {}
    for code, name in cmap.items():
        pen = BoundsPen(glyphs)
        glyphs[name].draw(pen)
        shapes[code] = (widths[name][0], pen.bounds)
    return shapes


def test_quadratic_outlines_keep_each_glyphs_shape_and_advance():
    cubic = _cut(require_font("cjk"))
    assert "CFF " in cubic
    before = _shapes(cubic)
    with_quadratic_outlines(cubic)
    buffer = io.BytesIO()
    cubic.save(buffer)
    buffer.seek(0)
    quadratic = ttLib.TTFont(buffer)
    assert "glyf" in quadratic and "CFF " not in quadratic
    after = _shapes(quadratic)
    assert after.keys() == before.keys() >= {ord(c) for c in "松江华晟"}
    for code, (advance, bounds) in before.items():
        assert after[code][0] == advance
        if bounds is None:  # the space
            assert after[code][1] is None
        else:
            assert all(abs(a - b) <= 2 for a, b in zip(after[code][1], bounds, strict=True))


def test_a_page_in_the_pool_font_reads_back_its_chinese():
    pdf = DossierPDF(labels("en"), FONTS.fonts_for(TEXT), footer_text="")
    pdf.add_page()
    pdf.para(TEXT)
    pdf.para(TEXT, bold=True)
    data = bytes(pdf.output())
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert text.count("华晟新能源科技有限公司") == 2
    # Every face is embedded as TrueType (FontFile2), none as CFF (FontFile3).
    assert b"/FontFile2" in data and b"/FontFile3" not in data
