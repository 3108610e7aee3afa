"""The geometry of the route map: legs as quadratic curves that keep clear of other cities.

A straight line from one city to another may run over a third city's marker, which reads as
a stop that is not there. Each leg is drawn as a quadratic Bézier curve whose control point
moves sideways from the middle of the line, by the smallest bend (tried in steps, either side)
that keeps every point of the curve at least ``CLEARANCE`` pixels from every other marker.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import hypot

Point = tuple[float, float]
CLEARANCE = 16.0  # px from a marker's centre (markers have a 5 px radius)
BEND_STEP = 12.0  # px
MAX_STEPS = 30
SAMPLES = 64
KM_PER_DEGREE = 111.32  # of latitude
NICE_KM = (5, 10, 20, 25, 50, 100, 200, 250, 500)


@dataclass(frozen=True, slots=True)
class Curve:
    """A quadratic Bézier curve from ``start`` to ``end`` pulled towards ``control``."""

    start: Point
    control: Point
    end: Point

    def point(self, t: float) -> Point:
        """The point at parameter t (0 at the start, 1 at the end)."""
        (x0, y0), (x1, y1), (x2, y2) = self.start, self.control, self.end
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        return a * x0 + b * x1 + c * x2, a * y0 + b * y1 + c * y2

    def distance_to(self, other: Point, samples: int = SAMPLES) -> float:
        """The smallest distance from the curve to a point (sampled densely)."""
        return min(
            hypot(x - other[0], y - other[1])
            for x, y in (self.point(i / samples) for i in range(samples + 1))
        )

    def path(self) -> str:
        """The curve as SVG path data."""
        (x0, y0), (x1, y1), (x2, y2) = self.start, self.control, self.end
        return f"M {x0:.1f} {y0:.1f} Q {x1:.1f} {y1:.1f} {x2:.1f} {y2:.1f}"


def leg_curve(start: Point, end: Point, others: list[Point], lane: float = 0.0) -> Curve:
    """The least bent curve from start to end clear of the other markers.

    ``lane`` bends each day's curve a little more, so days sharing a road stay apart; the
    sideways direction comes from the road, not the direction of travel, so the way out and
    the way back of different days land in different lanes.
    """
    (ax, ay), (bx, by) = sorted([start, end])
    length = hypot(bx - ax, by - ay) or 1.0
    normal = (-(by - ay) / length, (bx - ax) / length)
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    nearby = [p for p in others if hypot(p[0] - middle[0], p[1] - middle[1]) < length + CLEARANCE]

    def curve(bend: float) -> Curve:
        # The curve passes half way to its control point, so bend twice the offset wanted.
        offset = 2 * (bend + lane)
        return Curve(start, (middle[0] + normal[0] * offset, middle[1] + normal[1] * offset), end)

    for step in range(MAX_STEPS + 1):
        for bend in (step * BEND_STEP, -step * BEND_STEP):
            candidate = curve(bend)
            if all(candidate.distance_to(p) >= CLEARANCE for p in nearby):
                return candidate
    return curve(0.0)


def scale_bar_km(px_per_km: float, target_px: float = 120.0) -> int:
    """The round number of kilometres whose bar is closest to ``target_px`` long."""
    return min(NICE_KM, key=lambda km: abs(km * px_per_km - target_px))


Box = tuple[float, float, float, float]  # left, top, right, bottom


def text_width(text: str, size: float) -> float:
    """About how wide a line of text is drawn: Chinese characters a full em, others about
    six tenths (no font is measured; this only keeps labels from landing on each other)."""
    return sum(size if ord(ch) >= 0x2E80 else 0.6 * size for ch in text)


def text_box(x: float, baseline: float, width: float, size: float, anchor: str = "start") -> Box:
    """The box a text line covers, for its anchor ("start" or "middle")."""
    left = x - width / 2 if anchor == "middle" else x
    return left, baseline - size, left + width, baseline + 0.3 * size


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_label(curve: Curve, width: float, size: float, taken: list[Box]) -> Point:
    """Where a leg's label goes: near the middle of its curve, above or below it, on the first
    spot that covers no other label, city name or marker (the middle when none is free)."""
    spots = [
        (curve.point(t), shift)
        for t in (0.5, 0.38, 0.62, 0.27, 0.73)
        for shift in (-5.0, size + 4.0)
    ]
    for (x, y), shift in spots:
        box = text_box(x, y + shift, width, size, "middle")
        if not any(overlaps(box, other) for other in taken):
            taken.append(box)
            return x, y + shift
    (x, y), shift = spots[0]
    taken.append(text_box(x, y + shift, width, size, "middle"))
    return x, y + shift
