"""SVG route map: the nine cities from their coordinates, one coloured route per day, a legend.

An equirectangular projection (longitude scaled by the cosine of the mean latitude) is exact
enough across the valley's 3° by 5°; no map tiles, so the file works offline and in print.
Each leg is a quadratic curve bent just enough to keep clear of every other city's marker
(``legpaths.py``), labelled with its minutes and mode; a scale bar gives kilometres.
"""

from __future__ import annotations

from math import cos, radians

# Only escaping our own SVG output: nothing is parsed, so XML parsing attacks (B406) do not apply.
from xml.sax.saxutils import escape, quoteattr  # nosec B406

from matcher.planning import City, DayPlan, Plan

from .context import ExportContext
from .headings import RIGHT_TO_LEFT, heading
from .labels import arrow, colon
from .legpaths import (
    KM_PER_DEGREE,
    Box,
    Point,
    leg_curve,
    place_label,
    scale_bar_km,
    text_box,
    text_width,
)

# Okabe–Ito colours, distinguishable with the common colour-vision deficiencies;
# from the ninth day on the same colours repeat dashed.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999933")
FONTS = "'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans Arabic', 'DejaVu Sans', sans-serif"
WIDTH = 900
MARGIN, LABEL_ROOM = 40, 190  # the right margin leaves room for the easternmost label
MAP_HEIGHT_CAP = 560
LANE = 6.0  # px between parallel routes of different days
ROW = 22  # legend line height


def day_route(day: DayPlan) -> list[str]:
    """The cities a day passes through, in order, without repeating a city in a row."""
    route = [day.start_city]
    for leg in day.legs:
        if leg.to_city != route[-1]:
            route.append(leg.to_city)
    return route


def _projection(cities: list[City]):
    lats = [c.latitude for c in cities]
    lons = [c.longitude for c in cities]
    squeeze = cos(radians((max(lats) + min(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * squeeze, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((WIDTH - MARGIN - LABEL_ROOM) / span_x, (MAP_HEIGHT_CAP - 2 * MARGIN) / span_y)

    def project(city: City) -> tuple[float, float]:
        x = MARGIN + (city.longitude - min(lons)) * squeeze * scale
        y = MARGIN + 20 + (max(lats) - city.latitude) * scale
        return round(x, 1), round(y, 1)

    return project, MARGIN * 2 + 20 + span_y * scale, scale


def plan_to_svg(plan: Plan, context: ExportContext) -> bytes:
    """The trip's routes over the cities as a standalone UTF-8 SVG document."""
    cities = list(context.cities)
    title = f"{heading('route_map', context.language)}{colon(context.language)}{context.delegation}"
    if context.language in RIGHT_TO_LEFT:  # the name keeps its own direction in an Arabic line
        shown = _say(
            f"{heading('route_map', context.language)}: \u2068{context.delegation}\u2069", context
        )
    else:
        shown = title
    active = [(n, day) for n, day in enumerate(plan.days, start=1) if day.items]
    project, map_height, px_per_degree = _projection(cities) if cities else (None, 2 * MARGIN, 0)
    height = round(map_height + 10 + ROW * (max(len(active), 1) + 1))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family={quoteattr(FONTS)} role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="{MARGIN - 8}" font-size="18" font-weight="bold">'
        f"{escape(shown)}</text>",
    ]
    where = {city.slug: project(city) for city in cities} if project else {}
    # Markers and city names first, so the legs' labels can keep off them.
    names, taken = [], []
    for city in cities:
        x, y = where[city.slug]
        name = context.city_both(city.slug)
        taken += [(x - 7, y - 7, x + 7, y + 7), text_box(x + 9, y - 8, text_width(name, 14), 14)]
        names.append(
            f'<circle cx="{x}" cy="{y}" r="5" fill="#333333"/>'
            f'<text x="{x + 9}" y="{y - 8}" font-size="14" fill="#222222" {HALO}>'
            f"{escape(_say(name, context))}</text>"
        )
    parts.append(_routes(context, active, where, taken))
    parts.append('<g class="cities">' + "".join(names) + "</g>")
    if px_per_degree:
        parts.append(_scale_bar(context, px_per_degree / KM_PER_DEGREE, map_height))
    parts.append(_legend(context, active, map_height))
    parts.append("</svg>")
    return "\n".join(parts).encode("utf-8")


# White outline under text so labels stay readable where they cross a route.
HALO = 'stroke="#ffffff" stroke-width="3" paint-order="stroke"'


def _say(text: str, context: ExportContext) -> str:
    """A line in the map's language: right-to-left ones isolated as such, so an Arabic line
    reads right to left although the drawing is laid out from the left."""
    return f"\u2067{text}\u2069" if context.language in RIGHT_TO_LEFT else text


def _routes(
    context: ExportContext,
    active: list[tuple[int, DayPlan]],
    where: dict[str, Point],
    taken: list[Box],
) -> str:
    """Each day's legs as curves clear of the other cities, each labelled once per road."""
    routes, labels, labelled = [], [], set()
    for lane, (_, day) in enumerate(active):
        colour = PALETTE[lane % len(PALETTE)]
        dash = ' stroke-dasharray="8 4"' if lane >= len(PALETTE) else ""
        shift = (lane - (len(active) - 1) / 2) * LANE
        legs = [
            leg
            for leg in day.legs
            if leg.from_city != leg.to_city and leg.from_city in where and leg.to_city in where
        ]
        for leg in legs:
            others = [
                point for slug, point in where.items() if slug not in (leg.from_city, leg.to_city)
            ]
            curve = leg_curve(where[leg.from_city], where[leg.to_city], others, shift)
            routes.append(
                f'<path d="{curve.path()}" fill="none" stroke="{colour}" stroke-width="3" '
                f'stroke-linecap="round" opacity="0.85"{dash}/>'
            )
            text = heading(
                "leg_label",
                context.language,
                minutes=leg.minutes,
                mode=heading(f"mode_{leg.mode}", context.language),
            )
            key = (frozenset((leg.from_city, leg.to_city)), text)
            if key not in labelled:
                labelled.add(key)
                x, y = place_label(curve, text_width(text, 11), 11, taken)
                labels.append(
                    f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" text-anchor="middle" '
                    f'fill="{colour}" {HALO}>{escape(_say(text, context))}</text>'
                )
        if not legs and day.visits and day.start_city in where:
            x, y = where[day.start_city]
            routes.append(
                f'<circle cx="{x}" cy="{y}" r="{10 + 3.5 * lane:.1f}" fill="none" '
                f'stroke="{colour}" stroke-width="2.5"{dash}/>'
            )
    return (
        '<g class="routes">'
        + "".join(routes)
        + '</g><g class="leg-labels">'
        + "".join(labels)
        + "</g>"
    )


def _scale_bar(context: ExportContext, px_per_km: float, map_height: float) -> str:
    """A bar of a round number of kilometres in the map's bottom left corner."""
    km = scale_bar_km(px_per_km)
    left, y, length = MARGIN, round(map_height - 12), km * px_per_km
    text = _say(heading("scale_km", context.language, km=km), context)
    return (
        f'<g class="scale-bar"><path d="M {left} {y - 6} V {y} H {left + length:.1f} V {y - 6}" '
        f'fill="none" stroke="#222222" stroke-width="2"/>'
        f'<text x="{left + length + 8:.1f}" y="{y}" font-size="12">{escape(text)}</text></g>'
    )


def _legend(context: ExportContext, active: list[tuple[int, DayPlan]], top: float) -> str:
    """Below the map, one line per day: its colour, its date and the cities in order."""
    left = MARGIN
    lines = ['<g class="legend">']
    for lane, (number, day) in enumerate(active):
        colour = PALETTE[lane % len(PALETTE)]
        dash = ' stroke-dasharray="8 4"' if lane >= len(PALETTE) else ""
        y = round(top + 10 + lane * ROW)
        way = f" {arrow(context.language)} "
        route = way.join(context.city_name(slug) for slug in day_route(day))
        when = day.date.isoformat()
        if context.language in RIGHT_TO_LEFT:  # a date reads left to right in Arabic too
            when = f"\u2066{when}\u2069"
        text = _say(f"{heading('day', context.language, n=number)} · {when} · {route}", context)
        lines.append(
            f'<line x1="{left}" y1="{y - 5}" x2="{left + 28}" y2="{y - 5}" stroke="{colour}" '
            f'stroke-width="4"{dash}/><text x="{left + 36}" y="{y}" font-size="13">'
            f"{escape(text)}</text>"
        )
    if not active:
        lines.append(
            f'<text x="{left}" y="{round(top + 10)}" font-size="14">'
            f"{escape(_say(heading('no_visits_yet', context.language), context))}</text>"
        )
    lines.append("</g>")
    return "".join(lines)
