"""The overview page's route map, drawn as vector lines in the PDF.

The nine cities are placed by longitude and latitude; the cities the trip stops or sleeps
in are marked, and each change of city is drawn as a curve (bowed to one side, so it does not
run over the cities in between) with its number and minutes.
"""

from __future__ import annotations

from collections.abc import Sequence

from matcher.planning import City, Plan, Travel

from .dossier_labels import Labels
from .dossier_pdf import ACCENT, GREY, DossierPDF


def journeys(plan: Plan) -> list[Travel]:
    """The legs that change city, in trip order."""
    return [leg for day in plan.days for leg in day.legs if leg.from_city != leg.to_city]


def draw_route_map(
    pdf: DossierPDF,
    plan: Plan,
    cities: Sequence[City],
    labels: Labels,
    *,
    height: float = 85,
) -> None:
    """The map in a box as wide as the text, starting at the current line."""
    if not cities:
        return
    left, top = pdf.l_margin, pdf.get_y()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pad = 16
    by_slug = {c.slug: c for c in cities}
    stops = {v.request.city for day in plan.days for v in day.visits}
    stops |= {day.end_city for day in plan.days} | {plan.base_city}
    # The frame fits the trip's cities when there are two or more, else all nine.
    framed = [by_slug[s] for s in stops if s in by_slug]
    framed = framed if len(framed) > 1 else list(cities)
    west, east = min(c.longitude for c in framed), max(c.longitude for c in framed)
    south, north = min(c.latitude for c in framed), max(c.latitude for c in framed)
    span = max(east - west, 1e-6), max(north - south, 1e-6)
    shown = [c for c in cities if west <= c.longitude <= east and south <= c.latitude <= north]

    def at(city: City) -> tuple[float, float]:
        x = left + pad + (city.longitude - west) / span[0] * (width - 2 * pad)
        y = top + pad + (north - city.latitude) / span[1] * (height - 2 * pad)
        return x, y

    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.rect(left, top, width, height)

    pdf.set_line_width(0.6)
    pdf.set_draw_color(*ACCENT)
    for number, leg in enumerate(journeys(plan), start=1):
        if leg.from_city not in by_slug or leg.to_city not in by_slug:
            continue
        (x1, y1), (x2, y2) = at(by_slug[leg.from_city]), at(by_slug[leg.to_city])
        # Bow each curve to its left, a little more for every later leg, so that a return
        # journey and legs along the same corridor stay apart.
        bow = 0.18 + 0.06 * (number % 3)
        cx, cy = (x1 + x2) / 2 - (y2 - y1) * bow, (y1 + y2) / 2 + (x2 - x1) * bow
        # The curve stays inside the frame: its control point is kept inside it.
        cx = min(max(cx, left + 2), left + width - 2)
        cy = min(max(cy, top + 2), top + height - 2)
        pdf.bezier([(x1, y1), (cx, cy), (x2, y2)])
        # Each leg carries its number and minutes; the overview's list below gives the mode.
        mx, my = (x1 + 2 * cx + x2) / 4, (y1 + 2 * cy + y2) / 4
        pdf.set_xy(mx - 10, my - 1.5)
        pdf.line_text(f"{number}: {leg.minutes}′", size=6, colour=ACCENT, align="C", width=20)

    for city in shown:
        x, y = at(city)
        visited = city.slug in stops
        pdf.set_fill_color(*(ACCENT if visited else (200, 200, 200)))
        pdf.circle(x, y, 1.8 if visited else 1.1, style="F")
        # Labels stay inside the frame, even for the cities at its edges.
        pdf.set_xy(min(max(x - 25, left + 1), left + width - 51), y + 2)
        text = city.label_with_chinese(labels.language)
        colour = (0, 0, 0) if visited else GREY
        size = 7 if visited else 6
        pdf.line_text(text, size=size, bold=visited, colour=colour, align="C", width=50)
    pdf.set_line_width(0.2)
    pdf.set_xy(left, top + height + 3)
