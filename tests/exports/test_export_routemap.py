"""The SVG route map: cities labelled, one colour per day, a legend, names escaped."""

import xml.etree.ElementTree as ElementTree

from matcher.exports import plan_to_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_map_has_cities_routes_and_legend(plan, make_context):
    data = plan_to_svg(plan, make_context())
    root = ElementTree.fromstring(data)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for city in ("Songjiang (Shanghai)", "Hefei", "Suzhou", "Xuancheng"):
        assert city in texts
    assert root.find(f"{SVG}title").text == "Route map: Delegation of <Oman> & Friends"
    routes = root.find(f"{SVG}g[@class='routes']")
    colours = {line.get("stroke") for line in routes}
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
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any(t.startswith("خريطة المسار") for t in texts)
    assert "خفي" in texts  # Hefei, labelled in Arabic
