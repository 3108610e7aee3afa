"""Paragraphs the dossier breaks into lines itself: a long Arabic paragraph with Latin names
in it wraps over several lines and reads back whole and in order."""

import io
import re

import pytest
from pypdf import PdfReader

from matcher.exports.dossier_labels import labels
from matcher.exports.dossier_pdf import DossierPDF, balanced_isolates
from matcher.exports.fontcache import FONTS

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
    """A line read back (left to right, as printed) in its reading order: right to left,
    with each run of Latin words left to right."""
    runs: list[list[str]] = []
    for word in line.split():
        latin = not ARABIC_WORD.search(word)
        if runs and latin and not ARABIC_WORD.search(runs[-1][-1]):
            runs[-1].append(word)
        else:
            runs.append([word])
    return [word for run in reversed(runs) for word in run]


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
