"""PDF briefing dossier: per day, per stop — time, host, place, why they matched, the travel
before it — then interpreter needs, what could not be scheduled and the coordinator's notes.

Headings are in the delegation's language (headings.py). Text is set in a Latin font with
CJK and Arabic fallbacks found on the system (fonts.py); lines containing right-to-left
script are shaped with HarfBuzz (uharfbuzz) so Arabic joins and reads right to left.
"""

from __future__ import annotations

import re

from fpdf import FPDF

from matcher.planning import DayPlan, Plan, Visit

from .context import (
    ExportContext,
    describe_leg,
    interpreter_text,
    languages_text,
    needs_by_day,
    travel_after,
    travel_before,
)
from .fonts import find_font, require_font
from .headings import RIGHT_TO_LEFT, heading, language_name, spoken

_RIGHT_TO_LEFT_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG_LTR = "A-Za-z0-9\u00c0-\u024f\u0370-\u04ff\u3000-\u9fff\uff00-\uffef"
_LTR_RUN = re.compile(
    f"[{_STRONG_LTR}](?:[^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]*[{_STRONG_LTR})])?"
)
_GREY, _BLACK, _ACCENT = (100, 100, 100), (0, 0, 0), (0, 84, 140)


class _Dossier:
    """An FPDF document with the dossier's fonts and a few writing helpers."""

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        self.language = context.language
        self.rtl = context.language in RIGHT_TO_LEFT
        self.pdf = FPDF(format="A4")
        self.pdf.set_margins(18, 18, 18)
        self.pdf.set_auto_page_break(auto=True, margin=18)
        self._register_fonts()

    def _register_fonts(self) -> None:
        pdf = self.pdf
        cjk = require_font("cjk")
        families = []
        for family, role in (("latin", "latin"), ("cjk", "cjk"), ("arabic", "arabic")):
            regular = cjk if role == "cjk" else find_font(role)
            if regular is None:
                continue
            bold = find_font(f"{role}-bold") if role != "latin" else None
            for style, face in (("", regular), ("B", bold or regular)):
                pdf.add_font(family, style, str(face.path), collection_font_number=face.index)
            families.append(family)
        self.main = families[0]
        pdf.set_fallback_fonts(families[1:], exact_match=False)

    def write(
        self, text: str, *, size: float = 10, bold: bool = False, colour=_BLACK, gap: float = 0
    ) -> None:
        """A wrapped paragraph; right-aligned and shaped when the text or language is RTL."""
        pdf = self.pdf
        shaped = bool(_RIGHT_TO_LEFT_SCRIPT.search(text))
        # Shaping only where needed keeps Latin and Chinese text extractable glyph for glyph.
        pdf.set_text_shaping(shaped)
        if shaped:
            # Isolate left-to-right runs (LRI … PDI) — names, "30 min (09:00–09:30)",
            # 2026-05-11 — so the bidi algorithm keeps each in reading order inside Arabic.
            text = _LTR_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069", text)
        pdf.set_font(self.main, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        if gap:
            pdf.ln(gap)
        pdf.multi_cell(
            0, size * 0.55, text, align="R" if self.rtl else "L", new_x="LMARGIN", new_y="NEXT"
        )

    def label(self, key: str, value: str, **kwargs) -> None:
        """A "Heading: value" line."""
        self.write(f"{heading(key, self.language)}: {value}", **kwargs)


def _visit_block(dossier: _Dossier, visit: Visit, before: list, context: ExportContext) -> None:
    """One stop: travel before it, time and host, place, why it matched, interpreter."""
    language = context.language
    for leg in before:
        dossier.label("travel_before", describe_leg(leg, context, language), size=9, colour=_GREY)
    dossier.write(
        f"{visit.start:%H:%M}–{visit.end:%H:%M}  ·  {heading('host', language)}: "
        f"{visit.request.name}",
        size=11,
        bold=True,
        gap=1.5,
    )
    place = ", ".join(
        p for p in (context.city_name(visit.request.city), context.address(visit)) if p
    )
    dossier.label("place", place)
    why = context.why_matched(visit)
    if why:
        dossier.label("why", why)
    languages = languages_text(visit)
    if languages:
        dossier.label("languages", languages)
    dossier.label("interpreter", interpreter_text(visit, language) or heading("none", language))
    if visit.moved_reason:
        dossier.write(visit.moved_reason, size=9, colour=_GREY)


def _day(dossier: _Dossier, number: int, day: DayPlan, plan: Plan, legs: tuple) -> None:
    context, language = dossier.context, dossier.context.language
    before, after = legs
    title = f"{heading('day', language, n=number)} · {day.date.isoformat()}"
    if day.rest_day:
        title += f" · {heading('rest_day', language)}"
    dossier.write(title, size=14, bold=True, colour=_ACCENT, gap=4)
    lunch_written = day.lunch is None
    for visit in day.visits:
        if not lunch_written and day.lunch and visit.start >= day.lunch[1]:
            dossier.label("lunch", f"{day.lunch[0]:%H:%M}–{day.lunch[1]:%H:%M}", gap=1.5)
            lunch_written = True
        _visit_block(dossier, visit, before.get(id(visit), []), context)
    if not lunch_written and day.lunch:
        dossier.label("lunch", f"{day.lunch[0]:%H:%M}–{day.lunch[1]:%H:%M}", gap=1.5)
    for leg in after.get(id(day.visits[-1]), []) if day.visits else day.legs:
        dossier.label("travel_after", describe_leg(leg, context, language), size=9, colour=_GREY)
    if day.end_city != plan.base_city:
        dossier.write(heading("night", language, city=context.city_name(day.end_city)), size=9)


def plan_to_pdf(plan: Plan, context: ExportContext) -> bytes:
    """The briefing dossier as PDF bytes.

    :raises MissingFontError: when no CJK font is installed (see fonts.py).
    """
    dossier = _Dossier(context)
    pdf, language = dossier.pdf, context.language
    city = context.city_name
    pdf.set_title(f"{heading('title', language)} — {context.delegation}")
    pdf.set_author("G60 Match")
    pdf.set_lang(language)
    if context.stamp is not None:
        pdf.set_creation_date(context.stamp)
    pdf.add_page()
    dossier.write(heading("title", language), size=20, bold=True, colour=_ACCENT)
    dossier.label("delegation", context.delegation, size=12, gap=1)
    legs = (travel_before(plan), travel_after(plan))
    for number, day in enumerate(plan.days, start=1):
        _day(dossier, number, day, plan, legs)

    dossier.write(heading("interpreter_needs", language), size=14, bold=True, gap=6, colour=_ACCENT)
    needs = needs_by_day(plan)
    for when, code in needs:
        dossier.write(f"{when}: {language_name(code, language)} ({code})")
    if not needs:
        dossier.write(heading("none", language))
    if plan.unplaced:
        dossier.write(heading("unplaced", language), size=14, bold=True, gap=6, colour=_ACCENT)
        for item in plan.unplaced:
            dossier.write(f"{item.request.name}: {spoken(item.reason, language, city)}")
    if plan.notes:
        dossier.write(heading("notes", language), size=14, bold=True, gap=6, colour=_ACCENT)
        for note in plan.notes:
            dossier.write(spoken(note, language, city), size=9)
    return bytes(pdf.output())
