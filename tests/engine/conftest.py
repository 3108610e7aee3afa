"""Tiny directories whose right answers are obvious."""

import pytest

from matcher.engine import TfidfMatcher

ORGANISATIONS = {
    "solar": {
        "name": "Sunrise Solar",
        "sectors": "Photovoltaics and solar energy",
        "offers": "PV modules, photovoltaic inverters and solar farm engineering",
        "description": "Manufacturer of heterojunction solar cells.",
    },
    "ecom": {
        "name": "Harbour Trade Hub",
        "sectors": "Cross-border e-commerce",
        "offers": "Cross-border e-commerce platforms, overseas warehouses and customs clearance",
        "description": "Helps exporters sell online through international supply chain services.",
    },
    "stream": {
        "name": "Studio Live Base",
        "sectors": "Live-streaming commerce and digital marketing",
        "offers": "Live streaming studios and influencer training",
        "description": "A base where brands sell through live streaming.",
    },
    "chips": {
        "name": "Delta Semiconductor",
        "sectors": "Power semiconductors (IGBT)",
        "offers": "IGBT modules and integrated circuits for electric vehicles",
        "description": "Designs power chips.",
    },
    "med": {
        "name": "Careline Medical",
        "sectors": "Medical devices",
        "offers": "Endoscopes and surgical instruments",
        "description": "Medical device maker seeking distributors in the Middle East.",
    },
    "fund": {
        "name": "Valley Venture Fund",
        "sectors": "Venture capital and finance",
        "offers": "Venture capital investment in start-ups",
        "description": "A fund investing in new materials and biomedicine.",
    },
}
ATTRIBUTES = {
    "solar": {"kind": "company", "city": "xuancheng", "sectors": ["photovoltaics"], "group": "p1"},
    "ecom": {"kind": "park", "city": "songjiang", "sectors": ["cross-border-ecommerce"]},
    "stream": {
        "kind": "park",
        "city": "songjiang",
        "sectors": ["live-streaming-marketing", "cross-border-ecommerce"],
    },
    "chips": {"kind": "company", "city": "jiaxing", "sectors": ["power-semiconductors"]},
    "med": {"kind": "company", "city": "songjiang", "sectors": ["medical-devices"]},
    "fund": {"kind": "fund", "city": "songjiang", "sectors": ["venture-capital-finance"]},
}
LABELS = {
    "photovoltaics": "Photovoltaics and solar energy",
    "cross-border-ecommerce": "Cross-border e-commerce",
    "live-streaming-marketing": "Live-streaming commerce and digital marketing",
    "power-semiconductors": "Power semiconductors (IGBT)",
    "medical-devices": "Medical devices",
    "venture-capital-finance": "Venture capital and finance",
}


@pytest.fixture(scope="session")
def matcher() -> TfidfMatcher:
    ids = list(ORGANISATIONS)
    return TfidfMatcher().fit(
        ids,
        [ORGANISATIONS[i] for i in ids],
        attributes=[ATTRIBUTES[i] for i in ids],
        sector_labels=LABELS,
        known_sectors=["textiles"],
    )


@pytest.fixture
def make_matcher():
    """Fit a matcher on plain texts: make_matcher({"a": "text", ...}, **hyperparameters)."""

    def make(texts: dict[str, str], attributes=None, **params) -> TfidfMatcher:
        ids = list(texts)
        attrs = [attributes[i] for i in ids] if attributes else None
        return TfidfMatcher(**params).fit(ids, [texts[i] for i in ids], attributes=attrs)

    return make
