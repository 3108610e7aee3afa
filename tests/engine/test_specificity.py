"""Broad words: judged from the directory, they back a partner only near the best."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from matcher.engine import TfidfMatcher
from matcher.engine.specificity import RELATIVE_FLOOR, Judged, Specificity, arrange

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
quality = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(quality)

PROFILES = {
    "pv1": ("Solar panels and research", ["photovoltaics"]),
    "pv2": ("Solar cells, research lab", ["photovoltaics"]),
    "pv3": ("Solar modules", ["photovoltaics"]),
    "med": ("Medical research hospital", ["biomedicine"]),
    "car": ("Car research and batteries", ["vehicles"]),
    "ai": ("Speech recognition research", ["software"]),
}


@pytest.fixture(scope="module")
def tiny():
    ids = list(PROFILES)
    return TfidfMatcher().fit(
        ids,
        [{"description": text} for text, _ in PROFILES.values()],
        attributes=[{"sectors": sectors} for _, sectors in PROFILES.values()],
    )


def _judge(matcher: TfidfMatcher) -> Specificity:
    return Specificity(matcher.postings_, doc_sectors=matcher.attributes_.doc_sectors)


def test_a_word_spread_over_unrelated_sectors_is_broad(tiny):
    judge = _judge(tiny)
    vocabulary = tiny.postings_.vocabulary
    assert judge.broad(vocabulary.get("research"))  # five organisations, four sectors
    assert not judge.broad(vocabulary.get("solar"))  # three organisations, one sector
    assert not judge.broad(vocabulary.get("speech"))  # one organisation says too little


def test_a_partner_with_broad_words_only_needs_to_be_near_the_best():
    specific = Judged(0, 1.0, 1, False)
    near = Judged(1, 0.6, 0, False, broad_terms=1)
    far = Judged(2, 0.35, 0, False, broad_terms=1)
    listed = [i.doc for i, _ in arrange([specific, near, far], np.full(3, -1), k=10, cap=2)]
    assert listed == [0, 1]


def test_broad_words_count_when_they_are_all_the_interest_shares():
    items = [Judged(0, 1.0, 0, False, broad_terms=1), Judged(1, 0.35, 0, False, broad_terms=1)]
    assert [i.doc for i, _ in arrange(items, np.full(2, -1), k=10, cap=2)] == [0, 1]


@pytest.fixture(scope="module")
def shipped():
    return quality.fit_directory()


def test_a_broad_word_does_not_pad_a_specific_list(shipped):
    result = shipped.query(
        "Nous cherchons des fabricants de panneaux solaires et de modules photovoltaïques", k=10
    )
    assert result and all("photovoltaic" in c.terms or c.sectors for c in result), result


def test_research_alone_does_not_name_the_research_sector(shipped):
    result = shipped.query("Science city planning around lakes with R&D clusters in Jiaxing")
    assert all("lake" in c.terms for c in result), [(c.id, c.terms) for c in result]


def test_english_words_meet_by_their_snowball_stem(make_matcher):
    m = make_matcher({"a": "We manufactured power modules", "b": "Tea gardens"})
    assert [c.id for c in m.query("manufacturing")] == ["a"]


def test_a_shared_stem_does_not_trigger_another_words_glossary_entry(make_matcher):
    # "commercialisation" is a glossary variant of technology transfer; "commercial" shares its
    # Snowball stem but is matched on its own folded form, so it stays a plain word.
    m = make_matcher({"a": "Commercial spaceflight and rockets", "b": "Technology transfer office"})
    assert [c.id for c in m.query("commercial launches")] == ["a"]


def test_a_generic_word_keeps_its_own_key(make_matcher):
    # "market" is reviewed filler; "marketing" (stem "market") names a field and must not meet it.
    m = make_matcher({"a": "Digital marketing studio", "b": "Market-oriented medical devices"})
    assert [c.id for c in m.query("marketing")] == ["a"]


def test_a_sector_held_by_a_third_of_the_directory_is_broad(shipped):
    judge = _judge(shipped)
    codes = shipped.attributes_.sectors.values
    assert judge.broad_sector(codes.index("industrial-parks"))  # 13 of 38 organisations
    assert not judge.broad_sector(codes.index("photovoltaics"))


LONG_LETTER = (
    "Our ministry is preparing a five-year plan for the digital economy. We would like to "
    "meet organisations working on cross-border e-commerce, live-streaming sales and "
    "training for small exporters, and to understand how industrial parks attract "
    "e-commerce firms and build logistics and supply chains."
)


def test_a_broad_named_sector_does_not_list_a_partner_far_below_the_best(shipped):
    result = shipped.query(LONG_LETTER, k=10)
    best = result[0].score
    floor = RELATIVE_FLOOR * best
    weak = [c.id for c in result if c.score < floor and set(c.sectors) <= {"industrial-parks"}]
    assert result and not weak, [(c.id, c.score / best, c.sectors) for c in result]


def test_a_ticked_broad_sector_still_counts(shipped):
    result = shipped.query(LONG_LETTER, k=10, sectors=["industrial-parks"])
    assert any(c.sectors == ("industrial-parks",) for c in result), result


def test_a_product_form_word_alone_is_not_evidence(shipped):
    # "modules" is reviewed filler: IGBT modules are not photovoltaic modules.
    assert [c.id for c in shipped.query("IGBT modules")] == ["Starpower Semiconductor"]
