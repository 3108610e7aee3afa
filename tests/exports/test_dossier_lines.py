"""Paragraphs the dossier breaks into lines itself: a long Arabic paragraph with Latin names
in it wraps over several lines and reads back whole and in order."""

import io
import re

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from matcher.exports.dossier_labels import labels
from matcher.exports.dossier_pdf import GREY, DossierPDF
from matcher.exports.fontcache import FONTS
from matcher.exports.lines import balanced_isolates

pytestmark = pytest.mark.slow  # each process prepares its fonts once: seconds on first use

_NOISE = str.maketrans("", "", "\x00\u2066\u2067\u2068\u2069\u200e\u200f")
ARABIC_WORD = re.compile("[\u0600-\u06ff]+")
# Synthetic partner names, one to a sentence; the last is long enough to be broken itself.
NAMES = (
    "Alpha Grid Systems",
    "Bravo Solar Works",
    "Charlie Logistics Group",
    "Delta Smart Meters",
    "Echo Cable Works",
    "Foxtrot Pilot Plants and Training Centres for Partners in Belt and Road Countries Abroad",
)
SENTENCE = "تعمل شركة {} في مجال الطاقة الشمسية وتبحث عن شركاء جدد في المنطقة ويقدّمون التدريب"


def arabic_pdf(text: str, *, size: float = 10) -> list[str]:
    """``text`` as a paragraph of an Arabic dossier page, read back line by line."""
    pdf = DossierPDF(labels("ar"), FONTS.fonts_for(text), footer_text="")
    pdf.add_page()
    pdf.para(text, size=size)
    page = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0]
    lines = [line.translate(_NOISE).strip() for line in page.extract_text().split("\n")]
    return [line for line in lines if line and line != "1 / 1"]


def reading_order(line: str) -> list[str]:
    """A line read back in its reading order.

    pypdf gives a line's pieces of text as printed, left to right, and each piece in its
    own order: a run of Arabic words (set as one piece) right to left, a run of Latin
    words left to right. Read right to left, the runs come in the reverse order.
    """
    runs: list[tuple[bool, list[str]]] = []
    for word in line.split():
        latin = not ARABIC_WORD.search(word)
        if runs and latin == runs[-1][0]:
            runs[-1][1].append(word)
        else:
            runs.append((latin, [word]))
    return [word for _, run in reversed(runs) for word in run]


def test_long_arabic_paragraph_wraps_and_reads_back_whole_and_in_order():
    text = " ".join(SENTENCE.format(name) for name in NAMES)
    lines = arabic_pdf(text)
    assert len(lines) >= 4
    # Every word comes back, in order: lines top to bottom, each right to left, with the
    # Latin names in their own order (the long one across its line break too).
    assert [word for line in lines for word in reading_order(line)] == text.split()
    # The Arabic words come back joined, the shadda with its letter.
    assert "ويقدّمون" in lines[0]


def test_a_left_to_right_run_broken_over_lines_stays_isolated_on_each():
    lines = ["نص \u2066Foxtrot Pilot", "Plants\u2069 نص \u2066A\u2069", "نص"]
    assert balanced_isolates(lines) == [
        "نص \u2066Foxtrot Pilot\u2069",
        "\u2066Plants\u2069 نص \u2066A\u2069",
        "نص",
    ]


def test_remembered_shaping_writes_the_same_page_as_shaping_every_time(monkeypatch):
    text = " ".join(SENTENCE.format(name) for name in NAMES)

    def page(pdf_class=DossierPDF) -> bytes:
        pdf = pdf_class(labels("ar"), FONTS.fonts_for(text), footer_text="")
        pdf.add_page()
        pdf.para(text)
        pdf.para(text, size=8)
        contents = bytes(pdf.pages[1].contents)
        pdf.output()  # finished as every dossier is: its font files are closed then
        return contents

    remembered = page()
    monkeypatch.setattr("matcher.exports.dossier_pdf.remember_shaping", lambda font: None)
    assert page() == remembered


def test_fragments_kept_for_a_repeated_line_write_the_same_page(monkeypatch):
    # The labels of every host's section come back line for line; a line's fragments are
    # worked out once per document and must print exactly as working them out again does,
    # in each style the same words are set in.
    label = "تعمل شركة Alpha Grid Systems في مجال الطاقة الشمسية"

    def page() -> bytes:
        pdf = DossierPDF(labels("ar"), FONTS.fonts_for(label), footer_text="")
        pdf.add_page()
        for _ in range(3):
            pdf.para(label)
            pdf.para(label, bold=True)
            pdf.para(label, size=12)
            pdf.para(label, colour=GREY)
        contents = bytes(pdf.pages[1].contents)
        pdf.output()
        return contents

    kept = page()
    monkeypatch.setattr(DossierPDF, "_preload_bidirectional_text", FPDF._preload_bidirectional_text)
    assert page() == kept
