"""The dossier's page furniture and text setting: fonts, header and footer, bidi-safe lines.

Every page carries the page number ("3 / 12"), the itinerary's version and the date of issue;
the coordinators' copy also says at the top of every page that it is not for the delegation.
Lines with right-to-left script are shaped with HarfBuzz and laid out by fpdf2's bidi
algorithm, with left-to-right runs (names, phone numbers, e-mail addresses, dates) isolated
so they keep their reading order inside Arabic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict, Unpack

from fpdf import FPDF
from fpdf.fonts import TTFFont
from fpdf.line_break import Fragment

from .dossier_labels import Labels
from .fontcache import DossierFonts
from .headings import RIGHT_TO_LEFT
from .lines import RTL_SCRIPT, balanced_isolates, between_words, filled, isolate_ltr
from .shaping import remember_shaping

# Shaped widths of words, by fonts, size and direction: kept across documents, bounded.
_SHAPED_WIDTHS: dict[tuple, float] = {}
_SHAPED_WIDTHS_KEPT = 50_000

GREY, BLACK, ACCENT, WARN = (95, 95, 95), (0, 0, 0), (0, 84, 140), (170, 20, 20)
TEXT_SIZE = 10  # points
Colour = tuple[int, int, int]


class Look(TypedDict, total=False):
    """How a text is set: its size in points (TEXT_SIZE), bold or not, its colour (BLACK)."""

    size: float
    bold: bool
    colour: Colour


class DossierPDF(FPDF):
    """An A4 document in the dossier's fonts, with its header and footer on every page."""

    def __init__(
        self, labels: Labels, fonts: DossierFonts, *, footer_text: str, header_text: str = ""
    ) -> None:
        super().__init__(format="A4")
        self.labels = labels
        self.rtl = labels.language in RIGHT_TO_LEFT
        self.footer_text = footer_text
        self.header_text = header_text
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(auto=True, margin=20)
        self.alias_nb_pages()
        families = []
        for family, pair in (("latin", fonts.latin), ("cjk", fonts.cjk), ("arabic", fonts.arabic)):
            if pair is None:
                continue
            for style, face in zip(("", "B"), pair, strict=True):
                self.add_font(family, style, str(face.path), collection_font_number=face.index)
            families.append(family)
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                remember_shaping(font)
                # The pools' glyphs carry their bounds already: subsetting them for this
                # document need not open and recompile every glyph to work them out again.
                font.ttfont.recalcBBoxes = False
        self.main = families[0]
        self.set_fallback_fonts(families[1:], exact_match=False)
        # The same labels and phrases recur in every host's section: their fragments are
        # worked out once per document (the fonts they hold are this document's).
        self._bidi_fragments: dict[tuple, tuple[Fragment, ...]] = {}

    def _preload_bidirectional_text(self, text, markdown):
        """fpdf2's fragments of a shaped line, kept for the same line in the same style.

        The key holds every part of the state this class changes between lines (font,
        style, size, colours, direction); fpdf2 only reads the fragments it gets back.
        """
        shaping = self.text_shaping or {}
        key = (
            text,
            markdown,
            self.font_family,
            self.font_style,
            self.font_size_pt,
            self.text_color,
            self.fill_color,
            shaping.get("direction"),
            shaping.get("script"),
            shaping.get("language"),
        )
        fragments = self._bidi_fragments.get(key)
        if fragments is None:
            fragments = self._bidi_fragments[key] = tuple(
                super()._preload_bidirectional_text(text, markdown)
            )
        return fragments

    def _preload_font_styles(self, text, markdown, _initial_emphasis=None):
        """fpdf2's fragments of ``text``, with neighbours in the same font and state joined.

        fpdf2 starts a new fragment at every combining mark (a shadda, say): shaped apart,
        the letters around it lose their joins and the mark its place. Its own line breaker
        (``multi_cell``) joins them again; lines written here with ``cell`` need the same.
        Spaces and punctuation between words of another script go with the words before
        them, in their font when it has them: otherwise every Arabic word, set in a fallback
        face between the main face's spaces, is a fragment of its own, shaped, measured
        and written apart.
        """
        fragments = super()._preload_font_styles(text, markdown, _initial_emphasis)
        joined: list[Fragment] = []
        for fragment in fragments:
            last = joined[-1] if joined else None
            if (
                last is not None
                and type(last) is type(fragment) is Fragment
                and last.link == fragment.link
                and (
                    last.graphics_state == fragment.graphics_state
                    or between_words(fragment, last.font)
                )
            ):
                last.characters.extend(fragment.characters)
            else:
                joined.append(fragment)
        return tuple(joined)

    # fpdf2 calls header() and footer() on every page.
    def header(self) -> None:
        if self.header_text:
            self.set_y(8)
            self.line_text(self.header_text, size=9, bold=True, colour=WARN)
            self.set_y(20)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_draw_color(*GREY)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_y(-12)
        if self.rtl:
            self.set_x(self.l_margin + 20)
        self.line_text(self.footer_text, size=8, colour=GREY, width=self.epw - 20)
        # The page number is set without shaping so that fpdf2 can put the page count in.
        self.set_y(-12)
        self.set_text_shaping(False)
        self.set_font(self.main, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 4, f"{self.page_no()} / {{nb}}", align="L" if self.rtl else "R")

    def _prepare(
        self, text: str, size: float = TEXT_SIZE, bold: bool = False, colour: Colour = BLACK
    ) -> str:
        """Set the font, its size and colour for ``text``; the text as it is to be written."""
        # Shaping only where there is right-to-left script: it is what makes Arabic join, and
        # it keeps Latin and Chinese text fast to lay out and extractable as it is.
        if RTL_SCRIPT.search(text):
            self.set_text_shaping(True, direction="rtl" if self.rtl else "ltr")
            text = isolate_ltr(text)
        else:
            self.set_text_shaping(False)
        self.set_font(self.main, "B" if bold else "", size)
        self.set_text_color(*colour)
        # In PDF the text colour is the fill colour; when fpdf2's two differ it wraps shaped
        # lines in their own graphics state and loses track of the font (garbled glyphs).
        self.set_fill_color(*colour)
        return text

    def line_text(
        self, text: str, *, align: str = "", width: float = 0, **look: Unpack[Look]
    ) -> None:
        """One line in a cell of ``width`` (0: to the right margin): headers, footers, labels."""
        text = self._prepare(text, **look)
        height = look.get("size", TEXT_SIZE) * 0.45
        self.cell(width, height, text, align=align or ("R" if self.rtl else "L"))

    def para(self, text: str, *, gap: float = 0, indent: float = 0, **look: Unpack[Look]) -> None:
        """A wrapped paragraph, right-aligned in right-to-left documents."""
        if not text:
            return
        if gap:
            self.ln(gap)
        text = self._prepare(text, **look)
        size = look.get("size", TEXT_SIZE)
        left, right = self.l_margin, self.r_margin
        if indent:
            if self.rtl:
                self.set_right_margin(right + indent)
            else:
                self.set_left_margin(left + indent)
        self.set_x(self.l_margin)
        align = "R" if self.rtl else "L"
        lines = self._broken(text)
        if lines is None:
            self.multi_cell(0, size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
        else:
            for line in lines:
                self.cell(0, size * 0.5, line, align=align, new_x="LMARGIN", new_y="NEXT")
        self.set_left_margin(left)
        self.set_right_margin(right)

    def _broken(self, text: str) -> list[str] | None:
        """The paragraph broken at spaces into lines that fit, or None to leave it to fpdf2.

        fpdf2 measures a line again for every character it adds (its cost grows with the
        square of the line's length, and every measure of a shaped line shapes it again);
        here each word is measured once and the lines are filled by those widths. A
        paragraph without shaping, in one font (most of the dossier), is measured with the
        font's widths; a shaped one (right-to-left script) word by word with HarfBuzz, the
        widths kept for the next paragraph and the next document. Paragraphs holding a line
        break, a word wider than the line or (unshaped) a character from another font go
        to ``multi_cell``.
        """
        font = self.current_font
        if not isinstance(font, TTFFont) or "\n" in text:
            return None
        available = self.w - self.r_margin - self.l_margin - 2 * self.c_margin
        words = text.split(" ")
        shaping = self.text_shaping
        if shaping:
            measure = self._shaped_widths(font, shaping["direction"])
            widths = [measure(word) for word in words]
            space = measure(" ")
        else:
            cmap = font.cmap
            if any(ord(c) not in cmap for c in text if c != " "):
                return None
            scale = self.font_size_pt * 0.001 / self.k
            widths = [sum(font.cw[ord(c)] for c in word) * scale for word in words]
            space = font.cw[32] * scale
        if any(width > available for width in widths):
            return None
        lines = filled(words, widths, space, available)
        return balanced_isolates(lines) if shaping else lines

    def _shaped_widths(self, font: TTFFont, direction: object) -> Callable[[str], float]:
        """Width of a word as ``font`` and its fallbacks shape it in ``direction``."""
        faces = tuple(
            str(getattr(self.fonts[key], "ttffile", key))
            for key in (font.fontkey, *self._fallback_font_ids)
        )
        style = (faces, self.font_size_pt, direction)

        def measure(word: str) -> float:
            key = (style, word)
            width = _SHAPED_WIDTHS.get(key)
            if width is None:
                if len(_SHAPED_WIDTHS) >= _SHAPED_WIDTHS_KEPT:
                    _SHAPED_WIDTHS.clear()
                width = _SHAPED_WIDTHS[key] = self.get_string_width(word)
            return width

        return measure

    def heading(self, text: str, *, size: float = 14, gap: float = 4) -> None:
        self.para(text, size=size, bold=True, colour=ACCENT, gap=gap)

    def field(self, label: str, value: str, *, size: float = 10, colour=BLACK) -> None:
        """A "Label: value" line, left out when the value is not on file."""
        if value:
            self.with_value(f"{label}: {value}", value, size=size, colour=colour)

    def bullet(self, text: str, *, size: float = 10, value: str = "") -> None:
        self.with_value(f"• {text}", value, size=size, indent=3)

    def with_value(self, text: str, value: str, **style) -> None:
        """A paragraph ending in a long left-to-right value (a profile in English, say).

        In a right-to-left document the label goes on its own line and the value below it:
        fpdf2 shapes a paragraph again for every character it fits on a line, and the
        value, without right-to-left script, needs no shaping at all.
        """
        head = text[: -len(value)].rstrip() if value and text.endswith(value) else ""
        if self.rtl and len(value) > 40 and head and not RTL_SCRIPT.search(value):
            self.para(head, **style)
            self.para(value, **style)
        else:
            self.para(text, **style)
