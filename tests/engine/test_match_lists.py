"""Match lists on the shipped directory: relevance before diversity, evidence before length."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from matcher.engine import EmptyReason
from matcher.engine.specificity import Judged, arrange

ROOT = Path(__file__).resolve().parents[2]
if not (ROOT / "data" / "organisations.json").exists():  # pragma: no cover
    pytest.skip("the shipped directory is not there yet", allow_module_level=True)

_spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
quality = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(quality)

BAND_RANK = {"strong": 0, "good": 1, "possible": 2}
SOLAR_TENANTS = {"Kaisheng New Energy", "Conch Building Photovoltaic"}


@pytest.fixture(scope="module")
def matcher():
    return quality.fit_directory()


@pytest.mark.parametrize(
    ("text", "sectors"),
    [
        ("光伏 新能源 组件", []),
        (
            "Солнечная энергетика: ищем производителей фотоэлектрических модулей "
            "и накопителей энергии",
            ["photovoltaics", "new-energy-storage"],
        ),
    ],
)
def test_solar_tenants_of_one_park_are_not_buried(matcher, text, sectors):
    top = [c.id for c in matcher.query(text, k=10, sectors=sectors)]
    assert SOLAR_TENANTS <= set(top), top


@pytest.mark.parametrize(
    "text",
    [
        "光伏 新能源 组件",
        "cross-border e-commerce and international supply chains",
        "Энергетика, накопители энергии и новые материалы",
        "semiconductors, chips and new energy vehicles",
    ],
)
def test_a_higher_band_never_ranks_below_a_lower_one(matcher, text):
    ranks = [BAND_RANK[c.band] for c in matcher.query(text, k=10)]
    assert ranks == sorted(ranks)


def test_diversity_applies_inside_a_band_only():
    items = [Judged(doc, score, 2, True) for doc, score in enumerate([1.0, 0.95, 0.9, 0.85, 0.3])]
    groups = np.array([0, 0, 0, 1, 1])
    arranged = [(i.doc, b) for i, b in arrange(items, groups, k=5, cap=2)]
    # The third tenant of park 0 waits for park 1's strong partner, but not for a weaker one.
    assert arranged == [(0, "strong"), (1, "strong"), (3, "strong"), (2, "strong"), (4, "possible")]


def test_a_partner_without_evidence_is_not_listed():
    items = [Judged(0, 1.0, 1, False), Judged(1, 0.9, 0, False), Judged(2, 0.1, 3, False)]
    listed = [i.doc for i, _ in arrange(items, np.array([-1, -1, -1]), k=10, cap=2)]
    assert listed == [0]  # 1 shares only generic words; 2 is far below the best


def test_strong_needs_strong_evidence():
    lone = [Judged(0, 1.0, 1, False)]
    assert arrange(lone, np.array([-1]), k=10, cap=2)[0][1] == "good"
    backed = [Judged(0, 1.0, 1, True)]
    assert arrange(backed, np.array([-1]), k=10, cap=2)[0][1] == "strong"


@pytest.mark.parametrize(
    "text", ["business", "new business", "2024 200 million", "новый бизнес", "nouveau projet"]
)
def test_generic_words_and_numbers_list_nobody(matcher, text):
    result = matcher.query(text, k=10)
    assert list(result) == []
    assert result.reason in (EmptyReason.NOT_SPECIFIC, EmptyReason.NO_WORDS, EmptyReason.NO_MATCH)


def test_generic_words_give_the_not_specific_reason(matcher):
    assert matcher.query("business", k=10).reason == EmptyReason.NOT_SPECIFIC


def test_a_short_word_is_not_corrected_into_another(matcher):
    for candidate in matcher.query("West Africa trade", k=10):
        assert "test" not in candidate.terms


def test_e_commerce_list_has_no_filler(matcher):
    result = matcher.query("We are looking for partners in e-commerce and online retail", k=10)
    assert result and all("e-commerce" in c.terms or c.sectors for c in result)
    assert len(result) < 10


def test_rerunning_with_a_bigger_k_adds_no_filler(matcher):
    text = "We are looking for partners in e-commerce and online retail"
    assert [c.id for c in matcher.query(text, k=15)] == [c.id for c in matcher.query(text, k=10)]


BROCHURE = (
    "Our company is a leading provider of high quality solutions and services for customers "
    "around the world. We have more than 20 years of experience and a strong team of "
    "professionals. We believe in innovation, quality and customer satisfaction. "
) * 18


@pytest.mark.parametrize(
    "text",
    [
        "the and of with",
        "le la les de des",
        "el la los de",
        "и в на с для",
        "في من على",
        "的 和 在",
        "🙂🚀🔥",
        "12345 2024 100",
        "opportunity partnership development cooperation",
        "new technology innovation industry",
        BROCHURE[:4000],
    ],
    ids=["en", "fr", "es", "ru", "ar", "zh", "emoji", "numbers", "filler", "generic", "brochure"],
)
def test_bad_input_gets_an_honest_empty_list(matcher, text):
    result = matcher.query(text, k=10)
    assert list(result) == [] and result.reason


def test_mixed_scripts_still_find_the_partners(matcher):
    top = [c.id for c in matcher.query("solar 光伏 солнечная", k=10)]
    assert "Huasun New Energy" in top and len(top) < 10
