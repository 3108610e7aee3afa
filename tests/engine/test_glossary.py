"""The shipped glossary is well formed and consistent."""

import json

from matcher.engine import DEFAULT_GLOSSARY_PATH, load_glossary
from matcher.engine.glossary import LANGUAGES, build_glossary
from matcher.engine.stopwords import build_stop_words


def test_every_entry_has_a_canonical_term_and_translations():
    entries = json.loads(DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8"))["entries"]
    assert len(entries) >= 100
    for entry in entries:
        assert entry["canonical"].strip()
        assert set(entry) - {"canonical"} <= set(LANGUAGES)
        assert sum(lang in entry for lang in ("fr", "es", "ru", "ar", "zh")) >= 4, entry


def test_no_english_variant_maps_to_two_canonical_terms():
    entries = json.loads(DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8"))["entries"]
    seen: dict[str, str] = {}
    for entry in entries:
        for variant in [entry["canonical"], *entry.get("en", [])]:
            key = variant.lower()
            assert seen.setdefault(key, entry["canonical"]) == entry["canonical"], variant


def test_required_domain_vocabulary_is_covered():
    glossary = load_glossary(stop_words=build_stop_words())
    canonical = {s for terms in glossary.chinese.values() for _, s in terms}
    for word in [
        "e-commerce",
        "streaming",
        "supply",
        "logistics",
        "solar",
        "battery",
        "semiconductor",
        "satellite",
        "rocket",
        "fibre",
        "medical",
        "biomedicine",
        "materials",
        "photocatalyst",
        "training",
        "investment",
        "fund",
        "incubation",
        "transfer",
        "agriculture",
        "textiles",
        "tourism",
    ]:
        assert word in canonical, word


def test_glossary_can_be_given_as_plain_data():
    glossary = build_glossary([{"canonical": "tea", "fr": ["thé"], "zh": ["茶叶"]}])
    assert glossary.foreign[("the",)] == (("tea", "tea"),)
    assert glossary.segment_chinese("茶叶") == [("tea", "tea")]


def test_a_variant_that_loses_a_letter_claims_no_word():
    # "e commerce" without its "e" would turn every "commerce" into e-commerce.
    glossary = build_glossary([{"canonical": "e-commerce", "en": ["e commerce", "ecommerce"]}])
    assert ("commerce",) not in glossary.english
    assert ("ecommerce",) in glossary.english
