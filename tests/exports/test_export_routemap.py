"""The SVG route map: cities labelled, one colour per day, a legend, names escaped."""

import re
import xml.etree.ElementTree as ElementTree
from datetime import date, timedelta
from math import cos, hypot, radians

from matcher.exports import plan_to_svg
from matcher.exports.legpaths import CLEARANCE, Curve, leg_curve
from matcher.planning import Plan, PlanSettings, VisitRequest, plan_itinerary

SVG = "{http://www.w3.org/2000/svg}"


def test_map_has_cities_routes_and_legend(plan, make_context):
    data = plan_to_svg(plan, make_context())
    root = ElementTree.fromstring(data)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    # Each city in the delegation's language, its Chinese name beside it.
    for city in ("Songjiang (Shanghai) 上海松江", "Hefei 合肥", "Suzhou 苏州", "Xuancheng 宣城"):
        assert city in texts
    assert root.find(f"{SVG}title").text == "Route map: Delegation of <Oman> & Friends"
    routes = root.find(f"{SVG}g[@class='routes']")
    colours = {line.get("stroke") for line in routes}  # paths and circles
    active_days = [day for day in plan.days if day.items]
    assert len(colours) == len(active_days)
    legend = [t for t in texts if t.startswith("Day ")]
    assert len(legend) == len(active_days)
    assert "Day 2 · 2026-05-12 · Songjiang (Shanghai) → Hefei" in legend


def test_names_are_escaped(plan, make_context):
    data = plan_to_svg(plan, make_context(delegation="<script>alert(1)</script>"))
    assert b"<script>" not in data and b"&lt;script&gt;" in data


def test_headings_in_arabic(plan, make_context):
    root = ElementTree.fromstring(plan_to_svg(plan, make_context("ar")))
    # Arabic lines are right-to-left isolates, dates and names inside them isolates of their own.
    texts = ["".join(t.itertext()).strip("\u2067\u2069") for t in root.iter(f"{SVG}text")]
    legend = "".join(root.find(f"{SVG}g[@class='legend']").itertext())
    assert "\u2066" in legend and "←" in legend and "→" not in legend  # the way Arabic reads
    assert any(t.startswith("خريطة المسار") for t in texts)
    assert "خفي 合肥" in texts  # Hefei, labelled in Arabic and in Chinese


def markers(root) -> dict[tuple[float, float], str]:
    cities = root.find(f"{SVG}g[@class='cities']")
    return {(float(c.get("cx")), float(c.get("cy"))): "city" for c in cities.iter(f"{SVG}circle")}


def curves(root) -> list[Curve]:
    found = []
    for path in root.find(f"{SVG}g[@class='routes']").iter(f"{SVG}path"):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        assert path.get("d").startswith("M ") and " Q " in path.get("d")
        found.append(
            Curve((numbers[0], numbers[1]), (numbers[2], numbers[3]), (numbers[4], numbers[5]))
        )
    return found


def tour(city_data, stops: list[str]) -> Plan:
    """One day per leg, from city to city in order: each a visit after its travel."""
    requests = [VisitRequest(f"host-{n}", f"Host {n}", city) for n, city in enumerate(stops)]
    settings = PlanSettings(date(2026, 5, 11), date(2026, 5, 11) + timedelta(days=len(stops)))
    return plan_itinerary(requests, settings, city_data[1])


def test_routes_keep_clear_of_other_cities(city_data, make_context):
    # Hefei to Songjiang runs near Wuhu and Suzhou; Jinhua to Suzhou passes Hangzhou.
    trip = tour(city_data, ["hefei", "jinhua", "suzhou", "wuhu", "jiaxing", "xuancheng"])
    root = ElementTree.fromstring(plan_to_svg(trip, make_context()))
    points = list(markers(root))
    drawn = curves(root)
    assert len(drawn) >= 6
    for curve in drawn:
        ends = {curve.start, curve.end}
        others = [p for p in points if min(hypot(p[0] - e[0], p[1] - e[1]) for e in ends) > 1]
        assert len(others) == len(points) - 2
        for point in others:
            assert curve.distance_to(point, samples=400) >= CLEARANCE - 0.5, (curve, point)


def test_a_straight_line_over_a_city_is_bent_around_it():
    curve = leg_curve((0.0, 0.0), (200.0, 0.0), [(100.0, 0.0)])
    assert curve.distance_to((100.0, 0.0), samples=400) >= CLEARANCE
    straight = leg_curve((0.0, 0.0), (200.0, 0.0), [(100.0, 80.0)])
    assert straight.control == (100.0, 0.0)


def test_legs_carry_minutes_and_mode(plan, make_context):
    root = ElementTree.fromstring(plan_to_svg(plan, make_context()))
    labels = ["".join(t.itertext()) for t in root.find(f"{SVG}g[@class='leg-labels']")]
    assert "395 min, coach" in labels
    french = ElementTree.fromstring(plan_to_svg(plan, make_context("fr")))
    labels = ["".join(t.itertext()) for t in french.find(f"{SVG}g[@class='leg-labels']")]
    assert "395 min, car" in labels


def test_the_scale_bar_measures_kilometres(plan, make_context):
    root = ElementTree.fromstring(plan_to_svg(plan, make_context()))
    group = list(root.find(f"{SVG}g[@class='cities']"))
    pairs = zip(group[::2], group[1::2], strict=True)
    where = {t.text: (float(c.get("cx")), float(c.get("cy"))) for c, t in pairs}
    cities = {c.name: c for c in make_context().cities}
    songjiang, hefei = cities["Songjiang (Shanghai)"], cities["Hefei"]
    latitudes = [c.latitude for c in cities.values()]
    squeeze = cos(radians((max(latitudes) + min(latitudes)) / 2))
    km = 111.32 * hypot(
        (hefei.longitude - songjiang.longitude) * squeeze, hefei.latitude - songjiang.latitude
    )
    (x1, y1), (x2, y2) = where["Songjiang (Shanghai) 上海松江"], where["Hefei 合肥"]
    px_per_km = hypot(x2 - x1, y2 - y1) / km
    scale = root.find(f"{SVG}g[@class='scale-bar']")
    (text,) = ["".join(t.itertext()) for t in scale.iter(f"{SVG}text")]
    bar = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", scale.find(f"{SVG}path").get("d"))]
    length = bar[3] - bar[0]  # M x y V y H x2 V y
    assert abs(length / int(text.removesuffix(" km")) - px_per_km) < 0.01 * px_per_km


def test_an_empty_map_says_there_are_no_visits_yet(city_data, make_context):
    empty = plan_itinerary([], PlanSettings(date(2026, 5, 11), date(2026, 5, 11)), city_data[1])
    for language, words in (("en", "No visits yet"), ("fr", "Aucune visite"), ("ar", "لا زيارات")):
        root = ElementTree.fromstring(plan_to_svg(empty, make_context(language)))
        legend = "".join(root.find(f"{SVG}g[@class='legend']").itertext()).strip("\u2067\u2069")
        assert legend.startswith(words) and "None" not in legend
